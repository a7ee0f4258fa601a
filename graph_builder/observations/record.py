"""One observation made from a figure and what was read around it; the place a figure is stated for.

Shared by the clause-by-clause reading (``extract.py``) and the whole-clause readings (``clauses.py``).
"""

from __future__ import annotations

import re

from policykg.graph_builder.lexicons import lexicon
from policykg.graph_builder.model import Kind, Observation, Scope, Sentence, Status
from policykg.graph_builder.observations.classify import COUNTED
from policykg.graph_builder.observations.figures import Figure
from policykg.graph_builder.observations.names import strip_prefixes
from policykg.graph_builder.observations.period import Ctx as _Ctx
from policykg.graph_builder.observations.phrasing import LEXICON, pattern, word, word_set, words


def place_scope(left: str, right: str, kind: Kind) -> str | None:
    """The place a figure is stated for, when written (None means the reporting jurisdiction)."""
    scopes = pattern("scope").findall(left)
    if kind == Kind.RANK:  # the set ranked within: the last 全X before the figure
        nation = word("nation")
        return scopes[-1] if scopes else (nation if nation in right[:4] else None)
    return scopes[0] if scopes else None


def named_place(left: str, ctx: _Ctx) -> tuple[str, str | None] | None:
    """A division named at the head of the clause (太原市地区生产总值…), confirmed by the gazetteer."""
    from policykg.graph_builder.lexicons.gazetteer import code_for

    head = strip_prefixes(left)
    if head.startswith(words("scope_heads")):
        return None
    place, common = pattern("place_head"), word("common_word_suffix")
    found = None  # the longest confirmed name: 广州市 rather than 广州 (州 is a suffix too)
    for end in range(2, min(len(head), 12) + 1):
        candidate = head[:end]
        if place.fullmatch(candidate) and not (len(candidate) == 2 and candidate.endswith(common)):
            code = code_for(candidate, ctx.place_code)  # 城区, 矿区, 郊区 are districts and common words
            if code:
                found = (candidate, code)
    zone = pattern("zone_suffix").match(head[len(found[0]) :]) if found else None
    if found and zone:  # 兰州新区, 某某高新区: a zone of that city, not the city itself
        return found[0] + zone.group(), None
    return found


def _in_frame(span: str, kind: Kind, verb: str | None, left: str, fig: Figure, name: str) -> str:
    """The period of a figure in a five-year review: a level reached (达14.2万亿元), a share or a rank holds
    at the last year; what was done over the years (完成投资, 新增, 开通40条, 年均增长, 稳居) spans them."""
    last = span.split("-")[-1]
    if any(w in left for w in words("flow_verbs")):
        return span
    if kind == Kind.SHARE:
        return last
    if kind == Kind.RANK:
        return span if verb in word_set("steady_rank_verbs") else last
    if kind == Kind.LEVEL and (verb in word_set("qualifying_verbs") or fig.unit.family not in COUNTED):
        return last
    if kind == Kind.LEVEL and (name.endswith(words("stock_nouns")) or any(w in name for w in words("annual_words"))):
        return last  # 技能人才总量超696万, 机场年度旅客吞吐量: a stock or a year's figure
    return span


def _clause_before(text: str) -> str:
    """The clause a figure stands in, up to the figure."""
    return re.split(r"[，,；;。：:]", text)[-1]


def rank_scope(before: str) -> Scope | None:
    """The set a rank is held within, from the scope word nearest before it in its clause (全国, 全球, 西部,
    全省): lexicon table ``rank_scopes``.

    >>> rank_scope("外贸进出口总额排西部"), rank_scope("锡产量"), rank_scope("区域创新能力升至全国")
    (<Scope.REGIONAL: 'regional'>, None, <Scope.NATIONAL: 'national'>)
    """
    clause = _clause_before(before)
    best: tuple[int, int, Scope] | None = None
    for name, scope_words in lexicon(LEXICON).table("rank_scopes").items():
        for w in scope_words:
            at = clause.rfind(w)
            if at >= 0 and (best is None or (at + len(w), len(w)) > best[:2]):
                best = (at + len(w), len(w), Scope(name))
    return best[2] if best else None


NAME_CHARS = 200
"""The most characters of a name read (indicator names are a few to a few tens of characters)."""


def clean_name(name: str) -> str:
    """A name without what it carries that is no part of it: a leading year, a note's mark, an opening
    的, the punctuation at its ends (2025年四大主导产业［2］占比 → 四大主导产业占比).

    >>> clean_name("2025年四大主导产业［2］占GDP比重"), clean_name("的")
    ('四大主导产业占GDP比重', '')
    """
    name = name[-NAME_CHARS:]  # a run of figures with no comma has the whole run before each: read its end
    return pattern("name_noise").sub("", name).strip("，,、：: ").lstrip(word("attributive"))


def make(
    sentence: Sentence,
    fig: Figure,
    name: str,
    kind: Kind,
    verb: str | None,
    place: str | None,
    ctx: _Ctx,
    qualifier: str | None,
    period: str,
    place_code: str | None = None,
) -> Observation:
    if ctx.span and period == ctx.span and ctx.status == Status.ACTUAL:
        period = _in_frame(ctx.span, kind, verb, _clause_before(sentence.text[: fig.start]), fig, name)
    direction = None
    if kind in {Kind.GROWTH_RATE, Kind.CHANGE} and verb is not None:
        direction = "down" if any(d in verb for d in words("down_verbs")) else "up"
    return Observation(
        indicator=clean_name(name) or name.strip("，,、：: "),
        value=fig.value_text,
        unit=fig.unit_text,
        value_normalized=fig.value,
        base_unit="rank" if kind == Kind.RANK else fig.unit.base,
        kind=kind,
        status=ctx.status,
        period=period,
        place=place,
        place_code=place_code,
        qualifier=qualifier,
        direction=direction,
        figure=sentence.span(fig.start, fig.end),
        sentence=sentence.index,
        ranked_place=(place_code and place if kind == Kind.RANK else None)
        or (ctx.reporter if kind == Kind.RANK else None),
        upper=fig.upper,
        scope=rank_scope(sentence.text[: fig.start]) if kind == Kind.RANK else None,
    )
