"""Quantitative observations: what is measured, the figure, its kind, period and place.

A pure function of the segmented report. The rules are generic phrasings of Chinese statistical
prose (lexicons/observations.toml): 达到 marks a level, 增长 a growth rate, 新增 N 个 a count, 增产 N a change,
第N位 a rank, 占比 a share, and ``A、B分别…x、y`` distributes figures over subjects. Figures are found by
:mod:`graph_builder.obs_figures`, names trimmed by :mod:`graph_builder.obs_names`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykg.graph_builder.model import Document, Kind, Observation, Role, Sentence, Status
from policykg.graph_builder.observations.classify import COUNTED, classify
from policykg.graph_builder.observations.clauses import whole_clause
from policykg.graph_builder.observations.figures import Figure, find_figures
from policykg.graph_builder.observations.names import (
    after_conjunction,
    drop_infix_verb,
    ends_with,
    noun_after,
    share_name,
    split_subjects,
    starts_with,
    strip_prefixes,
    strip_trailing,
    town_head,
)
from policykg.graph_builder.observations.numerals import parse_number
from policykg.graph_builder.observations.period import Ctx as _Ctx
from policykg.graph_builder.observations.period import context as _context
from policykg.graph_builder.observations.period import five_years as _five_years
from policykg.graph_builder.observations.period import frames_five_years, last_years, names_one_year, since
from policykg.graph_builder.observations.phrasing import chars, pattern, word, word_set, words
from policykg.graph_builder.observations.record import clean_name
from policykg.graph_builder.observations.record import make as _make
from policykg.graph_builder.observations.record import named_place as _named_place
from policykg.graph_builder.observations.record import place_scope as _place
from policykg.graph_builder.read.text import clause_bounds, normalise

__all__ = ["Figure", "extract_observations", "find_figures"]


def extract_observations(doc: Document) -> tuple[Observation, ...]:
    """Every quantitative observation of a report, in document order.

    >>> from policykg.graph_builder.pipeline import read_text
    >>> obs = extract_observations(read_text("2024年某某省政府工作报告\\n\\n全省地区生产总值达到2.57万亿元,增长5%。"))
    >>> [(o.indicator, str(o.value_normalized), o.kind.value) for o in obs]
    [('地区生产总值', '2570000000000', 'level'), ('地区生产总值', '5', 'growth_rate')]
    """
    titles = {s.key: s.title for s in doc.sections}
    parents = {s.key: s.parent for s in doc.sections}
    out: list[Observation] = []
    five, single, paragraph, part = False, False, -1, ""
    for sentence in doc.sentences:
        key, title = sentence.section, ""
        while key is not None:  # the nearest heading and the ones above it
            title = titles.get(key, "") + " " + title
            key = parents.get(key)
        top = (sentence.section or "").split(".")[0]
        held = sentence.paragraph == paragraph or (top == part and frames_five_years(titles.get(top, "")))
        five = _five_years(doc, sentence, five and held)
        single = (single and sentence.paragraph == paragraph) or names_one_year(doc, sentence)
        paragraph, part = sentence.paragraph, top
        for obs in _sentence_observations(sentence, _context(doc, sentence, title, five, single)):
            out.extend(_bounds(obs))
    return tuple(out)


def _bounds(obs: Observation) -> tuple[Observation, ...]:
    """A range (增长5%—5.5%, 3至5个) states two figures, its lower and its upper bound: two observations.

    The lower one keeps the range's upper bound (pkg:upperBound), so the pair can be read back as one range.
    """
    if obs.upper is None:
        return (obs,)
    return obs, replace(obs, value_normalized=obs.upper, upper=None)


def _sentence_observations(sentence: Sentence, ctx: _Ctx) -> list[Observation]:
    """Clause by clause, because a clause holds one subject: later figures inherit it (``…达到2.57万亿元,
    增长5%``), list items share the verb that opened the list, and 分别/均 clauses are read whole."""
    text = normalise(sentence.text)
    found = [f for f in find_figures(sentence.text) if not sentence.crosses_break(f.start, f.end)]
    figures = [f for f in found if not f.descriptor]
    sets = [_set_size(sentence, f, text, ctx) for f in found if f.descriptor]
    if not figures:
        return sets
    out: list[Observation] = []
    last, listed, prior = "", list[str](), list[str]()
    for c_start, c_end in clause_bounds(text):
        in_clause = [f for f in figures if c_start <= f.start < c_end]
        if not in_clause:  # 粮食总产再创历史新高，连续16年位居全国首位: the subject of what follows
            last = (topic_of(text[c_start:c_end]) if not out else "") or last
            continue
        clause, before = text[c_start:c_end], len(out)
        recent = [o.indicator for o in out[-len(in_clause) :]] if len(out) >= len(in_clause) > 1 else []
        made = whole_clause(sentence, clause, c_start, in_clause, ctx, listed or recent or prior, last)
        prior = []
        if made:
            out.extend(made)
            last = made[-1].indicator
            listed = [o.indicator for o in made]
            continue
        head = ends_with(last, "head_nouns") if clause.lstrip("，,；; ").startswith(word("of_which")) else None
        last = _clause_subject(clause) or last
        prev_end, lead = c_start, None
        for fig in in_clause:
            left = text[prev_end : fig.start]
            if lead is not None:
                left = _coordinated(left, lead)
            obs = _one(sentence, fig, left, text[fig.end : c_end], last, _streak(text[c_start : fig.start], ctx))
            if obs is not None and out and (gap := pattern("gap").fullmatch(obs.indicator)):
                obs = _gap(obs, out[-1], gap.group())
            if obs is not None and head and not ends_with(obs.indicator, "head_nouns") and obs.kind in _SUB_KINDS:
                obs = replace(obs, indicator=obs.indicator + head)  # 增加值增长8%，其中高技术制造业增长12%
            if obs is not None:
                out.extend(_per_subject(obs))
                if obs.qualifier == word("streak") and obs.indicator.endswith(word("streak_name")):  # its subject
                    subject = strip_trailing(strip_prefixes(left.strip()[: -len(word("streak"))]))
                    if subject in word_set("bare_measures") and last:  # 地区生产总值…、总量连续37年居全国首位
                        subject = last + subject
                    last = last if _named_place(subject, ctx) else subject or last  # 柳州连续六年保持第一
                else:
                    last = obs.indicator
                if lead is None:
                    lead = _lead_verb(left, obs)
            prev_end = fig.end
        if len(out) - before > 1:  # A增至x、B增至y，均居全国第一: the next clause may take them all
            prior = [o.indicator for o in out[before:]]
    return sorted(out + sets, key=lambda o: o.figure.begin) if sets else out


def _set_size(sentence: Sentence, fig: Figure, text: str, ctx: _Ctx) -> Observation:
    """``六大优势产业``: how many categories a set holds, named after them (优势产业数), a descriptor."""
    noun = noun_after(text[fig.end :])
    measured = [at for w in words("head_nouns") if (at := noun.find(w)) > 1]  # 10大重点专业镇营业收入增速均…
    name = noun[: min(measured)] if measured else noun
    name += word("count_suffix")
    return replace(_make(sentence, fig, name, Kind.LEVEL, None, None, ctx, None, ctx.period), role=Role.DESCRIPTOR)


_SUB_KINDS = {Kind.GROWTH_RATE, Kind.LEVEL, Kind.CHANGE, Kind.SHARE}


def _per_subject(obs: Observation) -> list[Observation]:
    """``科创板、北交所上市公司数量居全国第一``: a rank held by each subject of a list, one per subject."""
    if obs.kind != Kind.RANK or "、" not in obs.indicator:
        return [obs]
    return [replace(obs, indicator=subject) for subject in split_subjects(obs.indicator)] or [obs]


def topic_of(clause: str) -> str:
    """The subject a clause without figures opens with (粮食总产再创历史新高 → 粮食总产), or ""."""
    topic = noun_after(strip_prefixes(clause.strip("，,；; ")))
    return topic if 2 <= len(topic) <= 12 and topic != clause.strip("，,；; ") else ""


def _streak(before: str, ctx: _Ctx) -> _Ctx:
    """``连续3年排全国第1位``: the figure holds for the last N reviewed years, not just the last one."""
    m = pattern("streak").search(before)
    n = parse_number(m.group("n")) if m else None
    if n is None or word("basis") in before:
        return ctx
    return last_years(ctx, int(n))


def _gap(obs: Observation, previous: Observation, said: str) -> Observation:
    """``增长7.9%，高于全国2.1个百分点``: the gap belongs to the figure just stated, not to 全国.

    It measures the same indicator (its growth rate, for a growth figure) of the same place.
    """
    name = previous.indicator
    if previous.kind == Kind.GROWTH_RATE and not name.endswith(words("rate_names")):
        name += word("growth_rate_name")
    down = said.lstrip(chars("comparison_leads")).startswith(words("down_gap_verbs"))
    return replace(
        obs,
        indicator=name,
        qualifier=said,
        place=previous.place,
        place_code=previous.place_code,
        direction="down" if down else "up",
    )


def _clause_subject(clause: str) -> str | None:
    """``煤炭产量在连续两年…的基础上`` : the subject stated before a 在…基础上 frame governs the clause."""
    m = pattern("clause_subject").match(clause)
    return strip_prefixes(m.group("subj")) if m else None


def _lead_verb(left: str, obs: Observation) -> str:
    """The action that opens a list (新增A 3个、B 5个): later items of the list share it."""
    core = strip_prefixes(left)
    if obs.kind in {Kind.COUNT, Kind.CHANGE, Kind.LEVEL}:  # 新建改造农村公路1260公里、桥梁38座
        return starts_with(core, "count_verbs") or starts_with(core, "change_verbs") or ""
    return ""


def _coordinated(left: str, lead: str) -> str:
    """Left context of a later list item: what follows the conjunction, with the list's verb restored."""
    if not pattern("conjunction").search(left):
        return left
    item = after_conjunction(left)
    if lead and not any(
        ends_with(item, k) or starts_with(item, k)
        for k in ("level_verbs", "change_verbs", "count_verbs", "growth_verbs")
    ):
        return lead + item
    return item


def _name(left: str, right: str, fig: Figure, kind: Kind, verb: str | None, inherited: str) -> str:
    core = strip_trailing(strip_prefixes(left.strip()))
    core = strip_prefixes(pattern("comparison_head").sub("", core))
    if kind in {Kind.COUNT, Kind.LEVEL, Kind.CHANGE} and fig.unit.family in COUNTED:
        noun = noun_after(right)
        if noun and core.endswith(word("etc")):
            action = starts_with(strip_prefixes(left), "count_verbs") or ""
            return action + _with_predicate(noun, right) if not action else action + noun
        if noun and ("、" in core or left.strip().endswith(word("attributive"))):
            return noun  # 甲、乙、丙3个产业入围…, 100多个国家及地区的200多个港口: the counted noun alone
        if noun and not core:
            return _with_predicate(noun, right)
        if noun and (len(core) <= 6 or verb) and not core.endswith(words("name_end_particles")):
            return core + noun
    if core and _only_verb(core) and (done := starts_with(inherited, "count_verbs")) and core != done:
        return core + inherited[len(done) :]  # 新开工项目312个，竣工投产186个: the same objects
    if not core or _only_verb(core):  # 全年培训40万人次, 筹措8亿元实施…, 建设8万亩高标准农田
        return inherited or (core + _object_after(right) if core else core)
    if core in word_set("bare_measures") and inherited:  # 新增市场主体2.3万户，总量达到21.6万户
        subject = inherited[len(starts_with(inherited, "count_verbs") or "") :]
        return subject + core if not subject.endswith(core) else subject
    core = drop_infix_verb(core)
    if kind == Kind.RANK:
        core = pattern("rank_scope_tail").sub("", core) or inherited
    return core


def _with_predicate(noun: str, right: str) -> str:
    """``16所高校入选“双一流”名单``, ``交城县等3个县入选中国最美县域``: the counted noun with what it did,
    as a noun phrase that stands alone (入选“双一流”名单的高校); a longer noun (政务服务事项) stands alone
    itself, and a predicate with figures in it (完成投资1865.7亿元) is no part of a name."""
    done = re.split(r"[，,。；;！!？?]", right[len(noun) :])[0]
    if len(noun) <= 4 and pattern("predicate").match(done) and len(done) <= 16 and not re.search(r"\d", done):
        return done + word("attributive") + noun
    return noun


def _object_after(right: str) -> str:
    """What a verb before the figure acts on, written after it (建设8万亩「高标准农田」), or the predicate
    that follows (提前两年「完成病险水库除险加固任务」)."""
    return noun_after(right) or (pattern("predicate").match(right) and re.split(r"[，,。；;！!？?]", right)[0]) or ""


def _only_verb(core: str) -> bool:
    """A left context that is only a verb or a framing word (再增产, 每年) names nothing by itself."""
    lists = ("change_verbs", "level_verbs", "growth_verbs", "framing_prefixes", "count_verbs")
    return any(core in word_set(k) for k in lists) or core.removeprefix(word("again")) in word_set("change_verbs")


def _qualifier(left: str, right: str, fig: Figure, verb: str | None) -> str | None:
    """Approximation words win (近, 以上, 左右 ...); otherwise the verb of a reached level (达到, 突破)."""
    approx = fig.approx or ends_with(left, "approx_before") or starts_with(right, "approx_after")
    if approx:
        return approx
    return verb if verb in word_set("qualifying_verbs") else None


def _one(sentence: Sentence, fig: Figure, left: str, right: str, inherited: str, ctx: _Ctx) -> Observation | None:
    if fig.unit.family == "duration" and left.endswith(word("streak")):  # 连续3年: how long a streak lasts
        return _streak_length(sentence, fig, left, right, inherited, ctx)
    named = _named_place(left, ctx) or town_head(left)
    if named is not None:
        at = left.index(named[0]) + len(named[0])
        left = left[at:]
    base = pattern("base_year").search(left) if fig.unit.family == "multiple" else None
    if base is not None:  # 是2020年的3.2倍: a multiple of an earlier year's level
        left = left[: base.start()]
        ctx = since(ctx, int(base.group("y")))
    kind, verb, rest = classify(left, fig)
    span = pattern("years_span").search(rest.strip())
    if span is not None and (years := parse_number(span.group("n"))) is not None:  # 高新技术企业数3年翻一番
        rest, ctx = rest.strip()[: span.start()], last_years(ctx, int(years))
    elif ctx.span and ctx.status == Status.TARGET and word("average") in left:  # “十五五”时期年均增长5%
        ctx = replace(ctx, period=ctx.span, span=None)
    if kind == Kind.LEVEL and strip_trailing(strip_prefixes(rest.strip())) in word_set("change_measures"):
        kind = Kind.CHANGE  # 粮食总产…，增量39.7亿斤: the change of what the clause is about
    name = _name(rest, right, fig, kind, verb, inherited)
    qualifier = base.group() if base is not None else _qualifier(left, right, fig, verb)
    if kind == Kind.SHARE and word("share_of") in name:
        name, approx = share_name(name)
        qualifier = qualifier or approx
        if name.startswith(word("share_of")) and inherited:  # 装机突破45万千瓦，占全县装机的比重…: subject elided
            name = inherited + name
    name = clean_name(name or noun_after(right)) or inherited
    if not name:
        return None
    period = f"cumulative:{ctx.period}" if word("cumulative") in left and ctx.status == Status.ACTUAL else ctx.period
    if named is not None and kind != Kind.RANK:
        return _make(sentence, fig, name, kind, verb, named[0], ctx, qualifier, period, named[1])
    return _make(sentence, fig, name, kind, verb, _place(left, right, kind), ctx, qualifier, period)


def _streak_length(sentence: Sentence, fig: Figure, left: str, right: str, inherited: str, ctx: _Ctx) -> Observation:
    """``连续3年排全国第1位``: how long a streak lasts, named after what it holds."""
    streak, name = word("streak"), word("streak_name")
    subject = strip_trailing(strip_prefixes(left[: -len(streak)])) or inherited
    if fig.value == int(fig.value) and 2 <= fig.value < 50 and fig.unit.base == "year":
        ctx = last_years(ctx, int(fig.value))  # the streak's own years: 连续3年 ending in 2023 is 2021-2023
    span = ctx.period
    held = re.split(r"[，,；;。]", right, maxsplit=1)[0].strip()  # 稳定在75亿斤以上, 排全国第1位
    held = pattern("basis_tail").sub("", held)
    full = f"{subject}{held}{word('attributive')}{name}" if held else subject + name
    return replace(_make(sentence, fig, full, Kind.LEVEL, None, None, ctx, streak, span), role=Role.CONTEXT)
