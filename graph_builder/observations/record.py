"""One observation made from a figure and what was read around it; the place a figure is stated for.

Shared by the clause-by-clause reading (``extract.py``) and the whole-clause readings (``clauses.py``).
"""

from __future__ import annotations

import re

from policykg.graph_builder.model import Kind, Observation, Sentence, Span
from policykg.graph_builder.observations.figures import Figure
from policykg.graph_builder.observations.names import phrases, strip_prefixes
from policykg.graph_builder.observations.period import Ctx as _Ctx


def place_scope(left: str, right: str, kind: Kind) -> str | None:
    """The place a figure is stated for, when written (None means the reporting jurisdiction)."""
    scopes = re.findall(r"全(?:国|省|市|区|县|州|旗|盟)", left)
    if kind == Kind.RANK:  # the set ranked within: the last 全X before the figure
        return scopes[-1] if scopes else ("全国" if "全国" in right[:4] else None)
    return scopes[0] if scopes else None


_PLACE_HEAD = re.compile(r"[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|自治州|州|盟|县|区|旗)")


def named_place(left: str, ctx: _Ctx) -> tuple[str, str | None] | None:
    """A division named at the head of the clause (太原市地区生产总值…), confirmed by the gazetteer."""
    from policykg.graph_builder.lexicons.gazetteer import code_for

    head = strip_prefixes(left)
    if head.startswith(("全", "各", "本", "我")):
        return None
    found = None  # the longest confirmed name: 广州市 rather than 广州 (州 is a suffix too)
    for end in range(2, min(len(head), 12) + 1):
        candidate = head[:end]
        if _PLACE_HEAD.fullmatch(candidate) and not (len(candidate) == 2 and candidate.endswith("区")):
            code = code_for(candidate, ctx.place_code)  # 城区, 矿区, 郊区 are districts and common words
            if code:
                found = (candidate, code)
    zone = _ZONE.match(head[len(found[0]):]) if found else None
    if found and zone:  # 兰州新区, 某某高新区: a zone of that city, not the city itself
        return found[0] + zone.group(), None
    return found
_ZONE = re.compile(r"(?:国家级)?(?:新区|高新区|经开区|经济技术开发区|高新技术产业开发区|开发区|综合保税区|自贸片区)")


def make(sentence: Sentence, fig: Figure, name: str, kind: Kind, verb: str | None, place: str | None,
          ctx: _Ctx, qualifier: str | None, period: str, place_code: str | None = None) -> Observation:
    begin, end = sentence.offset(fig.start), sentence.offset(fig.end - 1) + 1
    direction = None
    if kind in {Kind.GROWTH_RATE, Kind.CHANGE} and verb is not None:
        direction = "down" if any(d in verb for d in phrases()["down_verbs"]) else "up"
    return Observation(
        indicator=name.strip("，,、：: "),
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
        figure=Span(begin, end, sentence.text[fig.start: fig.end]),
        sentence=sentence.index,
        ranked_place=(place_code and place if kind == Kind.RANK else None) or (
            ctx.reporter if kind == Kind.RANK else None),
        upper=fig.upper,
    )
