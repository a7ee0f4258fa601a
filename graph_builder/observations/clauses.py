"""Clauses read as a whole: structure ratios, from–to pairs and distributive lists (分别, 均).

In these clauses the figures share one subject or split a list of subjects among themselves, so the
clause-by-clause reading of ``extract.py`` would name them wrongly.
"""

from __future__ import annotations

from policykg.graph_builder.model import Kind, Observation, Sentence, Status
from policykg.graph_builder.observations.classify import classify, cut
from policykg.graph_builder.observations.figures import Figure
from policykg.graph_builder.observations.names import (
    all_places,
    ends_with,
    expand_pair,
    ratio_names,
    split_subjects,
    starts_with,
    strip_prefixes,
    strip_trailing,
)
from policykg.graph_builder.observations.period import Ctx as _Ctx
from policykg.graph_builder.observations.phrasing import pattern, word, word_set
from policykg.graph_builder.observations.record import make as _make
from policykg.graph_builder.observations.record import named_place as _named_place
from policykg.graph_builder.observations.record import place_scope as _place


def whole_clause(
    sentence: Sentence, clause: str, c_start: int, figs: list[Figure], ctx: _Ctx, listed: list[str], inherited: str = ""
) -> list[Observation]:
    """Clauses read as a whole: structure ratios and distributive lists (分别, 均).

    ``listed`` are the subjects of the sentence's previous list, for ``…分别达到x、y，分别增长a、b``;
    ``inherited`` the subject of the clause before, for ``…，从全国第13位升至第5位``.
    """
    if figs[0].parts:
        return _ratio(sentence, clause, c_start, figs, ctx)
    if len(figs) == 2:
        moved = _from_to(sentence, clause, c_start, figs, ctx, inherited)
        if moved:
            return moved
    before = clause[: figs[0].start - c_start]
    if (word("respectively") in clause and len(figs) > 1) or (
        pattern("each").search(before) is not None and len(figs) == 1
    ):
        return _distribute(sentence, clause, c_start, figs, ctx, listed, inherited)
    return []


def _from_to(
    sentence: Sentence, clause: str, c_start: int, figs: list[Figure], ctx: _Ctx, inherited: str = ""
) -> list[Observation]:
    """``地区生产总值由2020年的1.7万亿元增加到2025年的2.3万亿元``: two levels, at the start and the end.

    Without written years the start is the year before the period and the end its last year.
    """
    first, second = figs
    left = clause[: first.start - c_start]
    start_m = pattern("from_level").search(left)
    end_m = pattern("to_level").match(clause[first.end - c_start : second.start - c_start])
    if not start_m or not end_m or first.unit.base != second.unit.base:
        return []
    subject = strip_trailing(strip_prefixes(left[: start_m.start()])) or ""
    if subject.startswith(word("share_of")) and inherited:  # 出口规模…，占全国份额从14%提升到15.5%
        subject = inherited + subject
    subject = subject or inherited  # 科技型中小企业数增长4.9倍、从全国第13位升至第5位
    if not subject:
        return []
    last = ctx.period.split("-")[-1].removeprefix("cumulative:")
    begin = ctx.period.removeprefix("cumulative:").split("-")[0]
    y1 = start_m.group("y1") or (str(int(begin) - 1) if begin.isdigit() else ctx.period)
    y2 = end_m.group("y2") or last
    relative = (first.unit.family == "percent" and first.unit.base == "percent") or first.unit.family == "ratio"
    kind = Kind.SHARE if relative else Kind.LEVEL
    if first.ordinal and second.ordinal:  # 由全省第68位提升到第45位: a rank at both dates
        kind = Kind.RANK
    named = _named_place(left, ctx)
    place = named[0] if named else (start_m.group("s1") or end_m.group("s2") or _place(left, "", kind))
    code = named[1] if named else None
    if named:
        subject = subject.removeprefix(named[0])
    verb = (end_m.group("verb") or "") + word("reached")
    since = pattern("from_scope").sub("", start_m.group()).rstrip(word("attributive"))
    return [
        _make(sentence, first, subject, kind, None, place, ctx, since or None, y1, code),
        _make(sentence, second, subject, kind, None, place, ctx, verb, y2, code),
    ]


def _ratio(sentence: Sentence, clause: str, c_start: int, figs: list[Figure], ctx: _Ctx) -> list[Observation]:
    """``三次产业结构调整为4.2∶41.1∶54.7``: one share per term, named after the structure."""
    terms = [f for f in figs if f.parts]
    left = clause[: terms[0].start - c_start]
    subject = strip_trailing(strip_prefixes(cut(left, ends_with(left, "level_verbs"))))
    names = ratio_names(subject, max(f.parts for f in terms))  # a term lost to a broken line keeps its place
    return [
        _make(sentence, f, names[f.part - 1], Kind.SHARE, None, _place(left, "", Kind.SHARE), ctx, None, ctx.period)
        for f in terms
    ]


def _distribute(
    sentence: Sentence, clause: str, c_start: int, figs: list[Figure], ctx: _Ctx, listed: list[str], inherited: str = ""
) -> list[Observation]:
    """``A、B分别增长x%、y%`` and ``A、B…均…x%``: one observation per subject."""
    left = clause[: figs[0].start - c_start]
    m = pattern("distributive").search(left)
    if not m:
        return []
    subject = strip_trailing(strip_prefixes(left[: m.start()].strip()))
    if "、" in subject:  # 装备制造、农产品加工两个产业产值: the list's size is not part of the names
        subject = pattern("list_size").sub("", subject)
    between = left[m.start() :]
    kind, verb, _ = classify(subject + between, figs[0])
    subjects = split_subjects(subject) or list(listed)
    if len(figs) > 1 and len(subjects) == 1:
        subjects = expand_pair(subjects[0], len(figs)) or subjects
    if len(figs) > 1 and len(subjects) != len(figs):
        return []
    if inherited and subjects and all(s in word_set("bare_measures") for s in subjects):
        subjects = [inherited + s for s in subjects]  # 地区生产总值…，总量和增速均居全国第5位
    respectively, said = word("respectively"), m.group()
    level_verb = ends_with(between, "level_verbs")
    if said == respectively and level_verb and between.startswith(level_verb):
        said = level_verb
    elif said == respectively and level_verb and between.startswith(respectively + level_verb):
        said = respectively + level_verb
    measure = strip_trailing(between.removeprefix(respectively).removeprefix(word("each")))
    towns = all_places(subjects) and len(measure) > len(ends_with(measure, "level_verbs") or "") + 1
    out = []
    for i, subj in enumerate(subjects):
        fig = figs[i] if len(figs) > 1 else figs[0]
        if kind == Kind.RANK:  # 入选A 2家、B 3家，均居全国第一: A and B rank, not their selection
            subj = subj[len(starts_with(subj, "count_verbs") or "") :] or subj
        if towns:  # 人和乡、蔡寨回族乡分别建成…基地2个、3个: the places differ, the measure is shared
            right = clause[fig.end - c_start :]
            m_kind, m_verb, _ = classify(measure, fig)
            out.append(
                _make(
                    sentence,
                    fig,
                    measure,
                    m_kind,
                    m_verb,
                    subj,
                    ctx,
                    fig.approx or starts_with(right, "approx_after") or said,
                    ctx.period,
                )
            )
            continue
        right = clause[fig.end - c_start :]
        approx = fig.approx or starts_with(right, "approx_after")
        period = (
            f"cumulative:{ctx.period}" if word("cumulative") in left and ctx.status == Status.ACTUAL else ctx.period
        )
        named = _named_place(subj, ctx)
        if named is not None and len(subj) > len(named[0]):
            out.append(
                _make(sentence, fig, subj[len(named[0]) :], kind, verb, named[0], ctx, approx or said, period, named[1])
            )
            continue
        out.append(_make(sentence, fig, subj, kind, verb, _place(left, right, kind), ctx, approx or said, period))
    return out
