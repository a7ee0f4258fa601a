"""Quantitative observations: what is measured, the figure, its kind, period and place.

A pure function of the segmented report. The rules are generic phrasings of Chinese statistical
prose (lexicons/phrases.json): 达到 marks a level, 增长 a growth rate, 新增 N 个 a count, 第N位 a rank,
and ``A、B分别…x、y`` distributes figures over subjects.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from typing import Any

from graph_builder.model import Document, Kind, Observation, Sentence, Span, Status
from graph_builder.numerals import ARABIC, CN_NUMERAL, magnitude, parse_number
from graph_builder.text import clause_bounds, normalise
from graph_builder.units import Unit, lookup, unit_pattern


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """The phrase lexicon (generic wording, not any report's facts)."""
    data: dict[str, Any] = json.loads(
        files("graph_builder").joinpath("lexicons/phrases.json").read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Figure:
    """A number with its magnitude and unit, as found in a sentence (indices into the sentence)."""

    start: int
    end: int
    value_text: str
    value: Decimal
    magnitude: str
    unit_text: str  # magnitude + unit as written, e.g. 万亿元
    unit: Unit
    approx: str | None
    ordinal: bool  # written with 第 (a rank)


@lru_cache(maxsize=1)
def _figure_regex() -> re.Pattern[str]:
    cn = f"[{CN_NUMERAL}]+"
    return re.compile(
        rf"(?P<ord>第)?(?P<num>{ARABIC}|{cn})(?P<approx1>多|余)?"
        rf"(?P<mag>万亿|千亿|百亿|亿|千万|百万|万)?(?P<approx2>多|余)?(?P<unit>{unit_pattern()}|成|名|位)"
    )


_RANK_WORDS = re.compile(r"(?:首位|第一位|第一名|首|第一)")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|《[^》]*》|「[^」]*」")


def find_figures(sentence: str) -> list[Figure]:
    """Figures in a sentence, skipping years, dates, ordinals in names and numerals inside quotes.

    >>> [(f.value_text, f.unit_text, f.value) for f in find_figures("地区生产总值达到2.57万亿元,增长5%。")]
    [('2.57', '万亿元', Decimal('2570000000000')), ('5', '%', Decimal('5'))]
    >>> find_figures("2023年第十四届“十四五”规划")
    []
    """
    text = normalise(sentence)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out: list[Figure] = []
    for m in _figure_regex().finditer(text):
        num, unit_word = m.group("num"), m.group("unit")
        start = m.start("num") if not m.group("ord") else m.start()
        if any(a <= start < b for a, b in quoted):
            continue
        if start > 0 and re.match(r"[A-Za-z.]", text[start - 1]):
            continue  # PM2.5, 5G, model numbers
        value = parse_number(num)
        if value is None:
            continue
        ordinal = bool(m.group("ord"))
        is_cn = not num[0].isdigit()
        if ordinal and unit_word not in {"位", "名"}:
            continue  # 第十四届, 第二次
        if not ordinal and unit_word == "位" and is_cn:
            continue
        if unit_word == "年" and not is_cn and (1900 <= value <= 2100 or "." in num):
            continue  # a year, not a duration
        if is_cn and num == "一" and unit_word not in {"倍", "成"}:
            continue  # 一批, 一个 ...: a determiner, not a figure
        if unit_word == "成":
            if not is_cn or value > 10:
                continue
            unit = lookup("%")
            assert unit is not None
            value, unit_text = value * 10, "成"
        else:
            base = lookup(unit_word)
            if base is None:
                if ordinal:
                    base = lookup("个")
                if base is None:
                    continue
            unit = base
            unit_text = (m.group("mag") or "") + unit_word
            value = value * magnitude(m.group("mag") or "") * unit.factor
        if ordinal:
            unit_text = "位"
        if re.match(r"[日号]", text[m.end():m.end() + 1]) and unit_word == "月":
            continue
        approx = m.group("approx1") or m.group("approx2")
        out.append(Figure(start, m.end(), num, value, m.group("mag") or "", unit_text, unit, approx, ordinal))
    return out


def _strip_prefixes(name: str) -> str:
    changed = True
    while changed and name:
        changed = False
        for word in sorted(phrases()["framing_prefixes"], key=len, reverse=True):
            if name.startswith(word) and len(name) > len(word):
                name, changed = name[len(word):], True
    return name


def _strip_trailing(name: str) -> str:
    changed = True
    while changed and name:
        changed = False
        for word in sorted(phrases()["trailing_words"], key=len, reverse=True):
            if name.endswith(word) and len(name) > len(word):
                name, changed = name[: -len(word)], True
    return name


def _ends_with(text: str, words: list[str]) -> str | None:
    for word in sorted(words, key=len, reverse=True):
        if text.endswith(word):
            return word
    return None


def _starts_with(text: str, words: list[str]) -> str | None:
    for word in sorted(words, key=len, reverse=True):
        if text.startswith(word):
            return word
    return None


_NOUN_STOP = re.compile(r"[，,。；;、！!？?（(]|和|及|以上|左右|分别|均|等|实现|取得|达到|增长|下降")


def _noun_after(right: str) -> str:
    """The noun phrase a classifier counts: 打造16条「省级重点产业链」,…"""
    m = _NOUN_STOP.search(right)
    noun = right[: m.start()] if m else right
    if m and m.group() == "和" and len(noun) < 12:
        rest = right[m.end():]
        m2 = _NOUN_STOP.search(rest)
        noun = noun + "和" + (rest[: m2.start()] if m2 else rest)
    return noun.strip()


def _split_subjects(subject: str) -> list[str]:
    parts = [p for p in re.split(r"[、和及与]", subject) if p]
    if len(parts) < 2:
        return parts
    heads = phrases()["head_nouns"]
    last_head = _ends_with(parts[-1], heads)
    if last_head:
        parts = [p if _ends_with(p, heads) else p + last_head for p in parts[:-1]] + [parts[-1]]
        # A shared prefix: 重点监测景区接待人数、门票收入 -> 重点监测景区门票收入
    first = parts[0]
    for i in range(1, len(parts)):
        if len(parts[i]) < len(first) and not any(ch in first[: len(first) - len(parts[i])] for ch in "、"):
            cut = len(first) - len(parts[i])
            prefix = first[:cut]
            if len(parts[i]) >= 2 and len(prefix) >= 2 and not parts[i].startswith(prefix[:1]):
                parts[i] = prefix + parts[i]
    return parts


def _direction(verb: str | None) -> str | None:
    if verb is None:
        return None
    return "down" if any(d in verb for d in phrases()["down_verbs"]) else "up"


@dataclass(frozen=True)
class _Ctx:
    period: str
    status: Status


def extract_observations(doc: Document) -> tuple[Observation, ...]:
    """Every quantitative observation of a report, in document order.

    >>> from graph_builder.pipeline import read_text
    >>> obs = extract_observations(read_text("2024年某某省政府工作报告\\n\\n全省地区生产总值达到2.57万亿元,增长5%。"))
    >>> [(o.indicator, str(o.value_normalized), o.kind.value) for o in obs]
    [('地区生产总值', '2570000000000', 'level'), ('地区生产总值', '5', 'growth_rate')]
    """
    sections = {s.key: s for s in doc.sections}
    out: list[Observation] = []
    reviewed = doc.meta.reviewed_period or "unknown"
    target = doc.meta.target_period or reviewed
    for sentence in doc.sentences:
        title = sections[sentence.section].title if sentence.section in sections else ""
        plan = any(w in title for w in ("目标", "安排", "预期")) or bool(
            re.search(r"预期目标|主要目标|目标是|力争|预计", sentence.text))
        ctx = _Ctx(target if plan else reviewed, Status.TARGET if plan else Status.ACTUAL)
        out.extend(_sentence_observations(sentence, ctx))
    return tuple(out)


def _sentence_observations(sentence: Sentence, ctx: _Ctx) -> list[Observation]:
    text = normalise(sentence.text)
    figures = find_figures(sentence.text)
    if not figures:
        return []
    out: list[Observation] = []
    last_indicator = ""
    for c_start, c_end in clause_bounds(text):
        in_clause = [f for f in figures if c_start <= f.start < c_end]
        if not in_clause:
            continue
        clause = text[c_start:c_end]
        distributive = ("分别" in clause and len(in_clause) > 1) or (
            re.search(r"(?<![人平年])均", clause[: in_clause[0].start - c_start]) is not None
            and len(in_clause) == 1)
        if distributive:
            made = _distribute(sentence, clause, c_start, in_clause, ctx)
            if made:
                out.extend(made)
                last_indicator = made[-1].indicator
                continue
        prev_end = c_start
        for fig in in_clause:
            left = text[prev_end: fig.start]
            right = text[fig.end: c_end]
            obs = _one(sentence, fig, left, right, last_indicator, ctx, clause_start=(prev_end == c_start))
            if obs is not None:
                out.append(obs)
                last_indicator = _base_indicator(obs)
            prev_end = fig.end
    return out


def _base_indicator(obs: Observation) -> str:
    return obs.indicator


def _classify(left: str, fig: Figure) -> tuple[Kind, str | None, str]:
    """Kind, the verb that decided it, and the left context with that verb removed."""
    p = phrases()
    family = fig.unit.family
    if fig.ordinal or fig.unit_text == "位":
        verb = _ends_with(left, p["rank_verbs"])
        return Kind.RANK, verb, left[: len(left) - len(verb)] if verb else left
    if family in {"percent", "multiple"}:
        verb = _ends_with(left, p["growth_verbs"])
        if verb:
            stripped = left[: len(left) - len(verb)]
            if fig.unit.base == "percentage_point":
                return Kind.CHANGE, verb, stripped
            return Kind.GROWTH_RATE, verb, stripped
        if re.search(r"增速|增幅|增长率", left):
            return Kind.GROWTH_RATE, None, left
        if fig.unit.base == "percentage_point":
            return Kind.CHANGE, None, left
        if family == "multiple":
            return Kind.GROWTH_RATE, None, left
        return Kind.SHARE, None, left
    core = _strip_prefixes(left)
    change_verb = _starts_with(core, p["change_verbs"]) if family not in {"count", "people", "households"} else None
    level_verb = _ends_with(left, p["level_verbs"])
    if change_verb and (core == change_verb or not level_verb) and not _ends_with(left, ["到", "至"]):
        return Kind.CHANGE, change_verb, left
    count_verb = _starts_with(core, p["count_verbs"])
    if family in {"count", "people", "households"} and count_verb and not level_verb:
        return Kind.COUNT, count_verb, left
    return Kind.LEVEL, level_verb, left[: len(left) - len(level_verb)] if level_verb else left


def _name(left: str, right: str, fig: Figure, kind: Kind, verb: str | None, inherited: str) -> str:
    core = _strip_trailing(_strip_prefixes(left.strip()))
    core = re.sub(r"^(?:比上年|同比|年均)", "", core)
    if kind in {Kind.COUNT, Kind.LEVEL, Kind.CHANGE} and fig.unit.family in {"count", "people", "households"}:
        noun = _noun_after(right)
        if core.endswith("等"):
            action = _starts_with(_strip_prefixes(left), phrases()["count_verbs"]) or ""
            if noun and action:
                return action + noun
            return noun + core if not noun else (noun + "(" + core.rstrip("等") + "等)") if False else noun
        if noun and (len(core) <= 6 or verb) and not core.endswith(("的", "了")):
            return core + noun
    if not core or core in {"增长", "下降"}:
        return inherited
    if kind == Kind.RANK:
        core = re.sub(r"(?:全国|全省|全市)$", "", core) or inherited
    return core


def _period(left: str, ctx: _Ctx) -> str:
    if re.search(r"累计", left) and ctx.status == Status.ACTUAL:
        return f"cumulative:{ctx.period}"
    return ctx.period


def _qualifier(left: str, right: str, fig: Figure) -> str | None:
    p = phrases()
    before = _ends_with(left, p["approx_before"])
    after = _starts_with(right, p["approx_after"])
    return fig.approx or before or after


def _one(sentence: Sentence, fig: Figure, left: str, right: str, inherited: str, ctx: _Ctx,
         clause_start: bool) -> Observation | None:
    kind, verb, rest = _classify(left, fig)
    name = _name(rest, right, fig, kind, verb, inherited)
    if not name:
        name = _noun_after(right) or inherited
    if not name:
        return None
    place = None
    if kind == Kind.RANK and "全国" in left + right[:4]:
        place = "全国"
    else:
        m = re.search(r"全(?:省|市|区|县|州|旗)", left)
        if m:
            place = m.group()
    return _make(sentence, fig, name, kind, verb, place, ctx, _qualifier(left, right, fig), _period(left, ctx))


def _make(sentence: Sentence, fig: Figure, name: str, kind: Kind, verb: str | None, place: str | None,
          ctx: _Ctx, qualifier: str | None, period: str) -> Observation:
    begin, end = sentence.offset(fig.start), sentence.offset(fig.end - 1) + 1
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
        place_code=None,
        qualifier=qualifier,
        direction=_direction(verb) if kind in {Kind.GROWTH_RATE, Kind.CHANGE} else None,
        figure=Span(begin, end, sentence.text[fig.start: fig.end]),
        sentence=sentence.index,
    )


def _distribute(sentence: Sentence, clause: str, c_start: int, figs: list[Figure], ctx: _Ctx) -> list[Observation]:
    """``A、B分别增长x%、y%`` and ``A、B…均…x%``: one observation per subject."""
    first = figs[0].start - c_start
    left = clause[:first]
    m = re.search(r"分别|(?<![人平年])均", left)
    if not m:
        return []
    subject = _strip_prefixes(left[: m.start()].strip())
    between = left[m.start():]
    kind, verb, _ = _classify(between, figs[0])
    subject = _strip_trailing(subject)
    # 10大重点产业链、10大重点专业镇营业收入增速均保持在20%以上: the measure after the last subject
    measure = ""
    subjects = _split_subjects(subject)
    if len(figs) > 1 and len(subjects) == 1:
        for pair, expansion in phrases()["pair_expansions"].items():
            if subjects[0].startswith(pair) and len(expansion) == len(figs):
                rest = subjects[0][len(pair):]
                subjects = [e + rest for e in expansion]
                break
    if len(figs) > 1 and len(subjects) != len(figs):
        return []
    out = []
    qualifier = m.group()
    for i, subj in enumerate(subjects):
        fig = figs[i] if len(figs) > 1 else figs[0]
        right = clause[fig.end - c_start:]
        q = _qualifier(left, right, fig)
        name = subj + measure
        out.append(_make(sentence, fig, name, kind, verb, None, ctx, q or qualifier, _period(left, ctx)))
    return out
