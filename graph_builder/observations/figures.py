"""Figures in a sentence: a number, its magnitude and unit, as Chinese statistical prose writes them.

Besides ``2.57万亿元`` and ``八成`` this finds ranges (``5%—6%``, ``3至5个``), fractions (``1/7``,
``三分之一``), structure ratios (``4.2∶41.1∶54.7``), doublings (``翻一番``) and ranks written without a
unit (``首位``, ``全国第一``). Indices are into the sentence text; ``value_text`` is the number exactly as
written (full-width digits stay full-width), matching is done on a same-length normalised copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from policykg.graph_builder.lexicons import cached, lexicon
from policykg.graph_builder.lexicons.units import Unit, lookup, unit_pattern
from policykg.graph_builder.observations.filters import not_a_figure
from policykg.graph_builder.observations.numerals import (
    ARABIC,
    cn_compound,
    cn_decimal,
    cn_numeral,
    in_bounds,
    magnitude,
    parse_number,
    too_long,
)
from policykg.graph_builder.observations.phrasing import pattern, word
from policykg.graph_builder.read.text import normalise

_FRACTION_PLACES = Decimal("1e-10")


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
    ordinal: bool  # a rank (第3位, 首位, 第一)
    upper: Decimal | None = None  # upper bound of a range, in base units
    part: int = 0  # position within a structure ratio (1, 2, 3 ...); 0 otherwise
    parts: int = 0  # number of terms of that ratio
    descriptor: bool = False  # the size of a set of named categories (六大优势产业), not a reported figure


def tidy(value: Decimal) -> Decimal:
    """The same number without trailing zeros or exponent: 2.57 × 10¹² is 2570000000000, not ...000.00.

    >>> tidy(Decimal("2570000000000.00")), tidy(Decimal("0.50")), tidy(Decimal("1" + "0" * 40))
    (Decimal('2570000000000'), Decimal('0.5'), Decimal('10000000000000000000000000000000000000000'))
    """
    if not value.is_finite():
        return value
    if value == value.to_integral_value():
        return Decimal(int(value))  # exact at any length, where quantize refuses more digits than its precision
    return value.normalize()


def _unit(written: str) -> Unit:
    unit = lookup(written)
    if unit is None:  # the table is a data file; a missing core row is a packaging error
        raise LookupError(f"unit {written!r} missing from lexicons/units.tsv")
    return unit


@cached
def _figure_regex() -> re.Pattern[str]:
    """Number, magnitude, unit, with an optional range before and approximations around.

    Composed here rather than written in a lexicon because its units come from the unit table
    (``units.tsv``), which a lexicon pattern cannot name; every word in it is lexicon data.
    """
    numbers = lexicon("numbers")
    cn = f"[{cn_numeral()}]"
    lone = f"(?<={numbers.alternation('lone_magnitude_leads')}){numbers.alternation('lone_magnitudes')}"
    num = rf"(?:{ARABIC}|{cn_decimal()}|{cn_compound()}|{cn}+|{lone})"
    mag, units = numbers.alternation("magnitudes"), unit_pattern()
    sep, approx = numbers.alternation("range_separators"), numbers.alternation("approx_suffixes")
    ordinal, bare = numbers.alternation("ordinal_prefixes"), numbers.alternation("bare_units")
    unitless = rf"(?<={numbers.alternation('lone_magnitudes')})(?=[，,。；;、）)\d\u4e00-\u9fa5]|$)"  # 超696万，惠及130万老年人
    return re.compile(
        rf"(?:(?P<lo>{num})(?P<lomag>{mag})?(?P<lounit>{units})?{sep}(?=\d|{cn}))?"
        rf"(?P<ord>{ordinal})?(?P<num>{num})(?P<approx1>{approx})?"
        rf"(?P<mag>{mag})?(?P<approx2>{approx})?(?P<unit>{units}|{bare}|{unitless})"
    )


QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|《[^》]*》|「[^」]*」")
"""A quotation or a title: the numbers inside name a slogan or a document, they count nothing."""
_RATIO = re.compile(r"(?<![\d.:])\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){1,4}(?![\d.:])")
_TO_ONE = re.compile(r"(?<![\d.:：])(\d+(?:\.\d+)?)[:：]1(?![\d.:：])")


def find_figures(sentence: str) -> list[Figure]:
    """Figures in a sentence, skipping years, dates, ordinals in names and numerals inside quotes.

    >>> [(f.value_text, f.unit_text, f.value) for f in find_figures("地区生产总值达到2.57万亿元,增长5%。")]
    [('2.57', '万亿元', Decimal('2570000000000')), ('5', '%', Decimal('5'))]
    >>> find_figures("2023年第十四届“十四五”规划")
    []
    >>> [(f.value_text, f.value, f.upper) for f in find_figures("增长5%—6%")]
    [('5%—6', Decimal('5'), Decimal('6'))]
    """
    return scan(sentence)[0]


@dataclass(frozen=True)
class Rejected:
    """A number written like a figure that is none, and the rule that says so (see ``filters.rules``)."""

    start: int
    end: int
    rule: str


def scan(sentence: str) -> tuple[list[Figure], list[Rejected]]:
    """The figures of a sentence, and the numbers written like figures that are none, with their rule.

    Arithmetic runs without traps: a value that would overflow becomes infinite and, like any value
    beyond the bounds of :func:`~.numerals.in_bounds`, is rejected under ``out_of_bounds``.

    >>> text = "增长" + "9" * 30 + "%"
    >>> [(r.rule, text[r.start : r.end]) for r in scan(text)[1]]
    [('out_of_bounds', '999999999999999999999999999999%')]
    """
    with localcontext() as ctx:
        ctx.traps = dict.fromkeys(ctx.traps, False)
        figures, rejected = _scan(sentence)
    kept = []
    for fig in figures:
        if _bounded(fig):
            kept.append(fig)
        else:
            rejected.append(Rejected(fig.start, fig.end, "out_of_bounds"))
    return kept, rejected


def _bounded(fig: Figure) -> bool:
    """A figure a report could write: a numeral of few enough digits, values within bounds."""
    return in_bounds(fig.value) and (fig.upper is None or in_bounds(fig.upper)) and not too_long(fig.value_text)


def _scan(sentence: str) -> tuple[list[Figure], list[Rejected]]:
    text = normalise(sentence)
    quoted = [(m.start(), m.end(), "quoted") for m in QUOTED.finditer(text)]
    masked = quoted + [(m.start(), m.end(), "idiom") for m in pattern("idiom").finditer(text)]
    out: list[Figure] = []
    rejected: list[Rejected] = []
    for m in _figure_regex().finditer(text):
        inside = next((rule for a, b, rule in masked if a <= m.start("num") < b), None)
        fig = _figure(sentence, text, m) if inside is None else inside
        if isinstance(fig, Figure):
            out.append(fig)
        else:
            rejected.append(Rejected(m.start(), m.end(), fig))
    sets, sessions = _sets(sentence, text)
    rejected.extend(sessions)
    extras = (
        _fractions(sentence, text),
        _ratios(sentence, text),
        _doublings(sentence, text),
        _free_ranks(sentence, text),
        sets,
        _named_scores(sentence, text),
    )
    for extra in extras:
        for fig in extra:
            inside = next((rule for a, b, rule in masked if a <= fig.start < b or fig.start <= a < fig.end), None)
            if inside is not None:
                rejected.append(Rejected(fig.start, fig.end, inside))
            elif not any(f.start < fig.end and fig.start < f.end for f in out):
                out.append(fig)
    out.extend(_elided(sentence, text, out))
    return sorted(out, key=lambda f: f.start), rejected


def _elided(sentence: str, text: str, found: list[Figure]) -> list[Figure]:
    """``分别提高15、22个百分点``: a unit written once for a list of numbers is the unit of each."""
    out: list[Figure] = []
    elided = pattern("elided")
    for fig in sorted(found, key=lambda f: -f.start):
        start, head = fig.start, fig
        while (m := elided.search(text, max(0, start - 12), start + len(head.value_text))) and m.end() == start:
            written = parse_number(head.value_text) if head.value_text[:1].isdigit() else None
            if any(f.start <= m.start() < f.end for f in found) or not written or head.upper is not None or head.parts:
                break
            value = tidy(Decimal(m.group(1)) * head.value / written)
            head = Figure(
                m.start(), m.end(1), m.group(1), value, head.magnitude, head.unit_text, head.unit, None, False
            )
            out.append(head)
            start = m.start()
    return out


def _figure(sentence: str, text: str, m: re.Match[str]) -> Figure | str:
    """One regex match judged: a figure and what it is worth in base units, or the rule it falls under."""
    num, unit_word, ordinal = m.group("num"), m.group("unit"), bool(m.group("ord"))
    start = m.start("ord") if ordinal else (m.start("lo") if m.group("lo") else m.start("num"))
    value = parse_number(num)
    if value is None:
        return "out_of_bounds" if too_long(num) else "unitless"
    rule = not_a_figure(text, m, start, value)
    if rule is not None:
        return rule
    mag, count = m.group("mag") or "", word("count_unit")
    if unit_word == count and pattern("elided_point").match(text[m.end() :]):
        unit_word = word("point_unit")  # 1.2个和0.8个百分点: the first unit is elided
    if unit_word == word("tenth_unit"):
        if value > 10:
            return "unitless"
        unit, unit_text, factor = _unit("%"), word("tenth_unit"), Decimal(10)
    else:
        if num in lexicon("numbers").words("lone_magnitudes") and not mag and not unit_word:
            return "word"  # 成达万高铁: a magnitude's character inside a name, not a figure
        if not unit_word and not num[0].isdigit() and num not in lexicon("numbers").words("lone_magnitudes"):
            if re.match(r"[\u4e00-\u9fa5]", text[m.end() :]):
                return "rhetoric"  # 不负千万海南人民: a round number before a noun
        base = lookup(unit_word) or (lookup(count) if ordinal or (mag and not unit_word) else None)
        if base is None:
            return "unitless"
        written = sentence[m.start("mag") : m.end("mag")] if mag else ""
        unit, unit_text = base, written + sentence[m.start("unit") : m.end("unit")]
        if unit_word == word("point_unit") and m.group("unit") == count:
            unit_text = written + count
        factor = magnitude(mag) * base.factor
    if ordinal:
        unit_text = word("rank_unit")
    value_text, lower, upper = sentence[m.start("num") : m.end("num")], value * factor, None
    if m.group("lo"):
        bounds = _range(sentence, m, unit, value * factor)
        if bounds is None:
            return "unitless"
        value_text, lower, upper = bounds
    approx = m.group("approx1") or m.group("approx2")
    return Figure(
        start,
        m.end(),
        value_text,
        tidy(lower),
        mag,
        unit_text,
        unit,
        approx,
        ordinal,
        tidy(upper) if upper is not None else None,
    )


def _range(sentence: str, m: re.Match[str], unit: Unit, high: Decimal) -> tuple[str, Decimal, Decimal] | None:
    """``5%—6%``, ``3至5个``, ``4万至5万人``: (value as written, lower bound, upper bound) in base units."""
    low = parse_number(m.group("lo"))
    if low is None or (m.group("lounit") and m.group("lounit") != m.group("unit")):
        return None
    factor = Decimal(10) if m.group("unit") == word("tenth_unit") else unit.factor
    lower = low * magnitude(m.group("lomag") or m.group("mag") or "") * factor
    return sentence[m.start("lo") : m.end("num")], lower, high  # as written: 99%-140, 4万至5


def _written(sentence: str, m: re.Match[str], group: str) -> str:
    """A group of a match on the normalised copy, as the sentence writes it (full-width digits kept)."""
    return sentence[m.start(group) : m.end(group)]


def _fractions(sentence: str, text: str) -> list[Figure]:
    """``1/7`` and ``三分之一`` as a share in percent (rounded to 10 places: 1/7 has no exact decimal)."""
    out = []
    for m in lexicon("numbers").pattern("patterns.fraction").finditer(text):
        if m.group("a"):
            a, b = Decimal(m.group("a")), Decimal(m.group("b"))
        else:
            pa, pb = parse_number(m.group("ca")), parse_number(m.group("cb"))
            if pa is None or pb is None:
                continue
            a, b = pa, pb
        if b == 0 or a > b:
            continue
        value = tidy((a * 100 / b).quantize(_FRACTION_PLACES))
        out.append(Figure(m.start(), m.end(), sentence[m.start() : m.end()], value, "", "", _unit("%"), None, False))
    return out


def _ratios(sentence: str, text: str) -> list[Figure]:
    """A structure ratio whose terms add up to 100 (``4.2∶41.1∶54.7``): one percent figure per term; a
    ratio to one (``1.68∶1``): one figure, the ratio."""
    out: list[Figure] = []
    if ":" not in text and "：" not in text:
        return out  # both patterns need a colon
    for m in _TO_ONE.finditer(text):
        unit = lookup(lexicon("numbers").text("ratio_unit"))
        if unit is not None:
            written = sentence[m.end(1) : m.end()]
            out.append(
                Figure(
                    m.start(),
                    m.end(),
                    sentence[m.start(1) : m.end(1)],
                    Decimal(m.group(1)),
                    "",
                    written,
                    unit,
                    None,
                    False,
                )
            )
    for m in _RATIO.finditer(text):
        terms = [
            (t.start() + m.start(), t.end() + m.start(), Decimal(t.group()))
            for t in re.finditer(r"\d+(?:\.\d+)?", m.group())
        ]
        if not Decimal(99) <= sum(t[2] for t in terms) <= Decimal(101) or any(f.start == m.start() for f in out):
            continue
        for i, (a, b, value) in enumerate(terms, 1):
            out.append(Figure(a, b, sentence[a:b], value, "", "%", _unit("%"), None, False, part=i, parts=len(terms)))
    return out


def _named_scores(sentence: str, text: str) -> list[Figure]:
    """``城乡居民收入比值由3.27缩小至2.93``, ``满意度从84.7提升至89.6``: numbers with no unit after the name
    of a ratio (a ratio to one) or of an index (index points)."""
    out = []
    for name in pattern("score_name").finditer(text):
        unit = lookup(lexicon("numbers").text("ratio_unit" if name.group("ratio") else "index_unit"))
        clause = re.match(r"[^，,；;。]*", text[name.end() :])
        for m in pattern("bare_number").finditer(clause.group() if clause else ""):
            a, b = name.end() + m.start(), name.end() + m.end()
            if unit is not None:
                out.append(Figure(a, b, sentence[a:b], Decimal(m.group()), "", "", unit, None, False))
    return out


def _doublings(sentence: str, text: str) -> list[Figure]:
    """``翻一番`` (doubled) is a growth of 100 percent; ``翻两番`` (quadrupled) of 300 percent."""
    out = []
    for m in lexicon("numbers").pattern("patterns.doubling").finditer(text):
        n = parse_number(m.group("num"))
        if n is None or n > 10:
            continue
        value = tidy((Decimal(2) ** int(n) - 1) * 100)
        unit, written = _unit("%"), _written(sentence, m, "num")
        out.append(Figure(m.start("num"), m.end(), written, value, "", word("doubling_unit"), unit, None, False))
    return out


def _sets(sentence: str, text: str) -> tuple[list[Figure], list[Rejected]]:
    """``六大优势产业``, ``10大重点产业链``: the size of a set of named categories, a descriptor; 党的二十大
    is a congress, not a set."""
    out, sessions = [], []
    for m in pattern("set_size").finditer(text):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        if pattern("session_lead").search(text[: m.start()]):
            sessions.append(Rejected(m.start(), m.end(), "session"))
            continue
        unit = _unit(word("count_unit"))
        out.append(
            Figure(
                m.start(),
                m.end(),
                _written(sentence, m, "num"),
                value,
                "",
                m.group("unit"),
                unit,
                None,
                False,
                descriptor=True,
            )
        )
    return out, sessions


def _free_ranks(sentence: str, text: str) -> list[Figure]:
    """Ranks written without 位: ``位居全国首位``, ``排名全省第一``."""
    out = []
    for m in pattern("rank_free").finditer(text):
        if m.group("first"):
            a = m.start("first")
            value_text, value = word("first_place"), Decimal(1)
            end = m.end("first")
        else:
            parsed = parse_number(m.group("num"))
            if parsed is None:
                continue
            a, end, value_text, value = m.start("num") - 1, m.end("num"), _written(sentence, m, "num"), parsed
        out.append(Figure(a, end, value_text, value, "", word("rank_unit"), _unit(word("count_unit")), None, True))
    return out
