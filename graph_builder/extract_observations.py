"""Quantitative observations: what is measured, the figure, its kind, period and place.

A pure function of the segmented report. The rules are generic phrasings of Chinese statistical
prose (lexicons/phrases.json): 达到 marks a level, 增长 a growth rate, 新增 N 个 a count, 增产 N a change,
第N位 a rank, 占比 a share, and ``A、B分别…x、y`` distributes figures over subjects. Figures are found by
:mod:`graph_builder.obs_figures`, names trimmed by :mod:`graph_builder.obs_names`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph_builder.model import Document, Kind, Observation, Sentence, Span, Status
from graph_builder.numerals import parse_number
from graph_builder.obs_classify import COUNTED, classify, cut
from graph_builder.obs_figures import Figure, find_figures
from graph_builder.obs_names import (
    after_conjunction,
    all_places,
    drop_infix_verb,
    ends_with,
    expand_pair,
    noun_after,
    phrases,
    ratio_names,
    share_name,
    split_subjects,
    starts_with,
    strip_prefixes,
    strip_trailing,
    town_head,
)
from graph_builder.obs_period import Ctx as _Ctx
from graph_builder.obs_period import context as _context
from graph_builder.obs_period import five_years as _five_years
from graph_builder.obs_period import since
from graph_builder.text import clause_bounds, normalise

__all__ = ["Figure", "extract_observations", "find_figures"]

def extract_observations(doc: Document) -> tuple[Observation, ...]:
    """Every quantitative observation of a report, in document order.

    >>> from graph_builder.pipeline import read_text
    >>> obs = extract_observations(read_text("2024年某某省政府工作报告\\n\\n全省地区生产总值达到2.57万亿元,增长5%。"))
    >>> [(o.indicator, str(o.value_normalized), o.kind.value) for o in obs]
    [('地区生产总值', '2570000000000', 'level'), ('地区生产总值', '5', 'growth_rate')]
    """
    titles = {s.key: s.title for s in doc.sections}
    parents = {s.key: s.parent for s in doc.sections}
    out: list[Observation] = []
    five, paragraph = False, -1
    for sentence in doc.sentences:
        key, title = sentence.section, ""
        while key is not None:  # the nearest heading and the ones above it
            title = titles.get(key, "") + " " + title
            key = parents.get(key)
        five = _five_years(doc, sentence, five and sentence.paragraph == paragraph)
        paragraph = sentence.paragraph
        out.extend(_sentence_observations(sentence, _context(doc, sentence, title, five)))
    return tuple(out)


def _sentence_observations(sentence: Sentence, ctx: _Ctx) -> list[Observation]:
    """Clause by clause, because a clause holds one subject: later figures inherit it (``…达到2.57万亿元,
    增长5%``), list items share the verb that opened the list, and 分别/均 clauses are read whole."""
    text = normalise(sentence.text)
    figures = find_figures(sentence.text)
    if not figures:
        return []
    out: list[Observation] = []
    last, listed = "", list[str]()
    for c_start, c_end in clause_bounds(text):
        in_clause = [f for f in figures if c_start <= f.start < c_end]
        if not in_clause:
            continue
        clause = text[c_start:c_end]
        recent = [o.indicator for o in out[-len(in_clause):]] if len(out) >= len(in_clause) > 1 else []
        made = _special(sentence, clause, c_start, in_clause, ctx, listed or recent)
        if made:
            out.extend(made)
            last = made[-1].indicator
            listed = [o.indicator for o in made]
            continue
        head = ends_with(last, "head_nouns") if clause.lstrip("，,；; ").startswith("其中") else None
        last = _clause_subject(clause) or last
        prev_end, lead = c_start, None
        for fig in in_clause:
            left = text[prev_end: fig.start]
            if lead is not None:
                left = _coordinated(left, lead)
            obs = _one(sentence, fig, left, text[fig.end: c_end], last, _streak(text[c_start: fig.start], ctx))
            if obs is not None and out and (gap := _GAP.fullmatch(obs.indicator)):
                obs = _gap(obs, out[-1], gap.group())
            if obs is not None and head and not ends_with(obs.indicator, "head_nouns") and obs.kind in _SUB_KINDS:
                obs = replace(obs, indicator=obs.indicator + head)  # 增加值增长8%，其中高技术制造业增长12%
            if obs is not None:
                out.append(obs)
                if obs.qualifier == "连续" and obs.indicator.endswith(_STREAK_NAME):  # the streak's subject
                    last = strip_trailing(strip_prefixes(left.strip()[:-2])) or last
                else:
                    last = obs.indicator
                if lead is None:
                    lead = _lead_verb(left, obs)
            prev_end = fig.end
    return out


_LIST_SIZE = re.compile(r"(?<=[\u4e00-\u9fa5])[两二三四五六七八九十]{1,2}(?:个|大|项|类)(?=[\u4e00-\u9fa5])")
_SUB_KINDS = {Kind.GROWTH_RATE, Kind.LEVEL, Kind.CHANGE, Kind.SHARE}
_STREAK = re.compile(r"连续(?P<n>\d{1,2}|[两二三四五六七八九十]{1,2})年[^，,；;]{0,12}$")


def _streak(before: str, ctx: _Ctx) -> _Ctx:
    """``连续3年排全国第1位``: the figure holds for the last N reviewed years, not just the last one."""
    m = _STREAK.search(before)
    n = parse_number(m.group("n")) if m else None
    if n is None or ctx.status != Status.ACTUAL or not ctx.period.isdigit() or "基础上" in before or n < 2:
        return ctx
    end = int(ctx.period)
    return replace(ctx, period=f"{end - int(n) + 1}-{end}")


_GAP = re.compile(r"(?:比|较)?(?:高于|低于|快于|慢于|超过|超出|领先)(?:全国|全省|全市|全区|全县|全州|全盟|全旗)?"
                  r"(?:平均)?(?:水平|增速|平均)?")


def _gap(obs: Observation, previous: Observation, words: str) -> Observation:
    """``增长7.9%，高于全国2.1个百分点``: the gap belongs to the figure just stated, not to 全国.

    It measures the same indicator (its growth rate, for a growth figure) of the same place.
    """
    name = previous.indicator
    if previous.kind == Kind.GROWTH_RATE and not name.endswith(("增速", "增幅", "增长率", "涨幅")):
        name += "增速"
    return replace(obs, indicator=name, qualifier=words, place=previous.place, place_code=previous.place_code,
                   direction="down" if words.lstrip("比较").startswith(("低于", "慢于")) else "up")


def _clause_subject(clause: str) -> str | None:
    """``煤炭产量在连续两年…的基础上`` : the subject stated before a 在…基础上 frame governs the clause."""
    m = re.match(r"(?P<subj>[^在]{2,16}?)在[^，,；;]*?(?:的)?(?:基础上|前提下)", clause)
    return strip_prefixes(m.group("subj")) if m else None


def _lead_verb(left: str, obs: Observation) -> str:
    """The action that opens a list (新增A 3个、B 5个): later items of the list share it."""
    core = strip_prefixes(left)
    if obs.kind in {Kind.COUNT, Kind.CHANGE, Kind.LEVEL}:  # 新建改造农村公路1260公里、桥梁38座
        return starts_with(core, "count_verbs") or starts_with(core, "change_verbs") or ""
    return ""


def _coordinated(left: str, lead: str) -> str:
    """Left context of a later list item: what follows the conjunction, with the list's verb restored."""
    if not re.search(r"以及|和|及|与|、", left):
        return left
    item = after_conjunction(left)
    if lead and not any(ends_with(item, k) or starts_with(item, k) for k in
                        ("level_verbs", "change_verbs", "count_verbs", "growth_verbs")):
        return lead + item
    return item


def _special(sentence: Sentence, clause: str, c_start: int, figs: list[Figure], ctx: _Ctx,
             listed: list[str]) -> list[Observation]:
    """Clauses read as a whole: structure ratios and distributive lists (分别, 均).

    ``listed`` are the subjects of the sentence's previous list, for ``…分别达到x、y，分别增长a、b``.
    """
    if figs[0].parts:
        return _ratio(sentence, clause, c_start, figs, ctx)
    if len(figs) == 2:
        moved = _from_to(sentence, clause, c_start, figs, ctx)
        if moved:
            return moved
    before = clause[: figs[0].start - c_start]
    if ("分别" in clause and len(figs) > 1) or (
            re.search(r"(?<![人平年])均", before) is not None and len(figs) == 1):
        return _distribute(sentence, clause, c_start, figs, ctx, listed)
    return []


def _name(left: str, right: str, fig: Figure, kind: Kind, verb: str | None, inherited: str) -> str:
    core = strip_trailing(strip_prefixes(left.strip()))
    core = strip_prefixes(re.sub(r"^(?:比上年|同比|年均)", "", core))
    if kind in {Kind.COUNT, Kind.LEVEL, Kind.CHANGE} and fig.unit.family in COUNTED:
        noun = noun_after(right)
        if noun and core.endswith("等"):
            action = starts_with(strip_prefixes(left), "count_verbs") or ""
            return action + noun
        if noun and (len(core) <= 6 or verb) and not core.endswith(("的", "了")):
            return core + noun
    if core and _only_verb(core) and (done := starts_with(inherited, "count_verbs")) and core != done:
        return core + inherited[len(done):]  # 新开工项目312个，竣工投产186个: the same objects
    if not core or _only_verb(core):
        return inherited
    if core in phrases()["bare_measures"] and inherited:  # 新增市场主体2.3万户，总量达到21.6万户
        subject = inherited[len(starts_with(inherited, "count_verbs") or ""):]
        return subject + core if not subject.endswith(core) else subject
    core = drop_infix_verb(core)
    if kind == Kind.RANK:
        core = re.sub(r"(?:在)?(?:全国|全省|全市|全区)$", "", core) or inherited
    return core


def _only_verb(core: str) -> bool:
    """A left context that is only a verb or a framing word (再增产, 每年) names nothing by itself."""
    p = phrases()
    return any(core in p[k] for k in ("change_verbs", "level_verbs", "growth_verbs", "framing_prefixes",
                                      "count_verbs")) or core.removeprefix("再") in p["change_verbs"]


def _qualifier(left: str, right: str, fig: Figure, verb: str | None) -> str | None:
    """Approximation words win (近, 以上, 左右 ...); otherwise the verb of a reached level (达到, 突破)."""
    approx = fig.approx or ends_with(left, "approx_before") or starts_with(right, "approx_after")
    if approx:
        return approx
    return verb if verb in phrases()["qualifying_verbs"] else None


def _place(left: str, right: str, kind: Kind) -> str | None:
    """The place a figure is stated for, when written (None means the reporting jurisdiction)."""
    scopes = re.findall(r"全(?:国|省|市|区|县|州|旗|盟)", left)
    if kind == Kind.RANK:  # the set ranked within: the last 全X before the figure
        return scopes[-1] if scopes else ("全国" if "全国" in right[:4] else None)
    return scopes[0] if scopes else None


_PLACE_HEAD = re.compile(r"[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|自治州|州|盟|县|区|旗)")


def _named_place(left: str, ctx: _Ctx) -> tuple[str, str | None] | None:
    """A division named at the head of the clause (太原市地区生产总值…), confirmed by the gazetteer."""
    from graph_builder.gazetteer import code_for

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


_STREAK_NAME = "连续年数"
_BASE_YEAR = re.compile(r"(?:是|为|相当于)(?P<y>(?:19|20)\d{2})年(?:底|末)?的$")


def _one(sentence: Sentence, fig: Figure, left: str, right: str, inherited: str, ctx: _Ctx) -> Observation | None:
    if fig.unit.family == "duration" and left.endswith("连续"):  # 连续3年: how long a streak lasts
        subject = strip_trailing(strip_prefixes(left[:-2])) or inherited
        span = ctx.period  # the streak's own years: 连续3年 ending in 2023 is 2021-2023
        if ctx.status == Status.ACTUAL and span.isdigit() and fig.value == int(fig.value) and 2 <= fig.value < 50:
            span = f"{int(span) - int(fig.value) + 1}-{span}"
        held = re.split(r"[，,；;。]", right, maxsplit=1)[0].strip()  # 稳定在75亿斤以上, 排全国第1位
        held = re.sub(r"的?(?:基础上|前提下)$", "", held)
        name = f"{subject}{held}的{_STREAK_NAME}" if held else subject + _STREAK_NAME
        return _make(sentence, fig, name, Kind.LEVEL, None, None, ctx, "连续", span)
    named = _named_place(left, ctx) or town_head(left)
    if named is not None:
        at = left.index(named[0]) + len(named[0])
        left = left[at:]
    base = _BASE_YEAR.search(left) if fig.unit.family == "multiple" else None
    if base is not None:  # 是2020年的3.2倍: a multiple of an earlier year's level
        left = left[: base.start()]
        ctx = since(ctx, int(base.group("y")))
    kind, verb, rest = classify(left, fig)
    name = _name(rest, right, fig, kind, verb, inherited)
    qualifier = base.group() if base is not None else _qualifier(left, right, fig, verb)
    if kind == Kind.SHARE and "占" in name:
        name, approx = share_name(name)
        qualifier = qualifier or approx
        if name.startswith("占") and inherited:  # 装机突破45万千瓦，占全县装机的比重…: subject elided
            name = inherited + name
    name = name or noun_after(right) or inherited
    if not name:
        return None
    period = f"cumulative:{ctx.period}" if "累计" in left and ctx.status == Status.ACTUAL else ctx.period
    if named is not None and kind != Kind.RANK:
        return _make(sentence, fig, name, kind, verb, named[0], ctx, qualifier, period, named[1])
    return _make(sentence, fig, name, kind, verb, _place(left, right, kind), ctx, qualifier, period)


def _make(sentence: Sentence, fig: Figure, name: str, kind: Kind, verb: str | None, place: str | None,
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


_SCOPE = r"(?:在)?(?P<{}>全(?:国|省|市|区|县|州|盟))?"
_FROM = re.compile(r"(?:由|从)(?:\s*(?P<y1>(?:19|20)\d{2})\s*年(?:底|末)?的?)?" + _SCOPE.format("s1") + "$")
_TO = re.compile(r"^(?P<verb>[^，,；;]{0,4}?)(?:到|至)(?:\s*(?P<y2>(?:19|20)\d{2})\s*年(?:底|末)?的?)?"
                 + _SCOPE.format("s2") + "$")


def _from_to(sentence: Sentence, clause: str, c_start: int, figs: list[Figure], ctx: _Ctx) -> list[Observation]:
    """``地区生产总值由2020年的1.7万亿元增加到2025年的2.3万亿元``: two levels, at the start and the end.

    Without written years the start is the year before the period and the end its last year.
    """
    first, second = figs
    left = clause[: first.start - c_start]
    start_m = _FROM.search(left)
    end_m = _TO.match(clause[first.end - c_start: second.start - c_start])
    if not start_m or not end_m or first.unit.base != second.unit.base:
        return []
    subject = strip_trailing(strip_prefixes(left[: start_m.start()])) or ""
    if not subject:
        return []
    last = ctx.period.split("-")[-1].removeprefix("cumulative:")
    begin = ctx.period.removeprefix("cumulative:").split("-")[0]
    y1 = start_m.group("y1") or (str(int(begin) - 1) if begin.isdigit() else ctx.period)
    y2 = end_m.group("y2") or last
    kind = Kind.SHARE if first.unit.family == "percent" and first.unit.base == "percent" else Kind.LEVEL
    if first.ordinal and second.ordinal:  # 由全省第68位提升到第45位: a rank at both dates
        kind = Kind.RANK
    named = _named_place(left, ctx)
    place = named[0] if named else (start_m.group("s1") or end_m.group("s2") or _place(left, "", kind))
    code = named[1] if named else None
    if named:
        subject = subject.removeprefix(named[0])
    verb = (end_m.group("verb") or "") + "到"
    since = re.sub(r"(?:在)?全(?:国|省|市|区|县|州|盟)$", "", start_m.group()).rstrip("的")
    return [_make(sentence, first, subject, kind, None, place, ctx, since or None, y1, code),
            _make(sentence, second, subject, kind, None, place, ctx, verb, y2, code)]


def _ratio(sentence: Sentence, clause: str, c_start: int, figs: list[Figure], ctx: _Ctx) -> list[Observation]:
    """``三次产业结构调整为4.2∶41.1∶54.7``: one share per term, named after the structure."""
    terms = [f for f in figs if f.parts]
    left = clause[: terms[0].start - c_start]
    subject = strip_trailing(strip_prefixes(cut(left, ends_with(left, "level_verbs"))))
    names = ratio_names(subject, len(terms))
    return [_make(sentence, f, names[f.part - 1], Kind.SHARE, None, _place(left, "", Kind.SHARE), ctx, None,
                  ctx.period) for f in terms]


def _distribute(sentence: Sentence, clause: str, c_start: int, figs: list[Figure], ctx: _Ctx,
                listed: list[str]) -> list[Observation]:
    """``A、B分别增长x%、y%`` and ``A、B…均…x%``: one observation per subject."""
    left = clause[: figs[0].start - c_start]
    m = re.search(r"分别|(?<![人平年])均", left)
    if not m:
        return []
    subject = strip_trailing(strip_prefixes(left[: m.start()].strip()))
    if "、" in subject:  # 装备制造、农产品加工两个产业产值: the list's size is not part of the names
        subject = _LIST_SIZE.sub("", subject)
    between = left[m.start():]
    kind, verb, _ = classify(subject + between, figs[0])
    subjects = split_subjects(subject) or list(listed)
    if len(figs) > 1 and len(subjects) == 1:
        subjects = expand_pair(subjects[0], len(figs)) or subjects
    if len(figs) > 1 and len(subjects) != len(figs):
        return []
    word = m.group()
    level_verb = ends_with(between, "level_verbs")
    if word == "分别" and level_verb and between.startswith(level_verb):
        word = level_verb
    elif word == "分别" and level_verb and between.startswith("分别" + level_verb):
        word = "分别" + level_verb
    measure = strip_trailing(between.removeprefix("分别").removeprefix("均"))
    towns = all_places(subjects) and len(measure) > len(ends_with(measure, "level_verbs") or "") + 1
    out = []
    for i, subj in enumerate(subjects):
        fig = figs[i] if len(figs) > 1 else figs[0]
        if towns:  # 人和乡、蔡寨回族乡分别建成…基地2个、3个: the places differ, the measure is shared
            right = clause[fig.end - c_start:]
            m_kind, m_verb, _ = classify(measure, fig)
            out.append(_make(sentence, fig, measure, m_kind, m_verb, subj, ctx,
                             fig.approx or starts_with(right, "approx_after") or word, ctx.period))
            continue
        right = clause[fig.end - c_start:]
        approx = fig.approx or starts_with(right, "approx_after")
        period = f"cumulative:{ctx.period}" if "累计" in left and ctx.status == Status.ACTUAL else ctx.period
        named = _named_place(subj, ctx)
        if named is not None and len(subj) > len(named[0]):
            out.append(_make(sentence, fig, subj[len(named[0]):], kind, verb, named[0], ctx, approx or word, period,
                             named[1]))
            continue
        out.append(_make(sentence, fig, subj, kind, verb, _place(left, right, kind), ctx, approx or word, period))
    return out
