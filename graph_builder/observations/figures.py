"""Figures in a sentence: a number, its magnitude and unit, as Chinese statistical prose writes them.

Besides ``2.57万亿元`` and ``八成`` this finds ranges (``5%—6%``, ``3至5个``), fractions (``1/7``,
``三分之一``), structure ratios (``4.2∶41.1∶54.7``), doublings (``翻一番``) and ranks written without a
unit (``首位``, ``全国第一``). Indices are into the sentence text; ``value_text`` is the number exactly as
written (full-width digits stay full-width), matching is done on a same-length normalised copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from policykg.graph_builder.lexicons import cached, lexicon
from policykg.graph_builder.lexicons.units import Unit, lookup, unit_pattern
from policykg.graph_builder.observations.numerals import ARABIC, cn_compound, cn_numeral, magnitude, parse_number
from policykg.graph_builder.observations.phrasing import pattern, word, word_set, words
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


def tidy(value: Decimal) -> Decimal:
    """The same number without trailing zeros or exponent: 2.57 × 10¹² is 2570000000000, not ...000.00.

    >>> tidy(Decimal("2570000000000.00")), tidy(Decimal("0.50"))
    (Decimal('2570000000000'), Decimal('0.5'))
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
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
    num = rf"(?:{ARABIC}|{cn_compound()}|{cn}+)"
    mag, units = numbers.alternation("magnitudes"), unit_pattern()
    sep, approx = numbers.alternation("range_separators"), numbers.alternation("approx_suffixes")
    ordinal, bare = numbers.alternation("ordinal_prefixes"), numbers.alternation("bare_units")
    return re.compile(
        rf"(?:(?P<lo>{num})(?P<lomag>{mag})?(?P<lounit>{units})?{sep}(?=\d|{cn}))?"
        rf"(?P<ord>{ordinal})?(?P<num>{num})(?P<approx1>{approx})?"
        rf"(?P<mag>{mag})?(?P<approx2>{approx})?(?P<unit>{units}|{bare})"
    )


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|《[^》]*》|「[^」]*」")
_RATIO = re.compile(r"(?<![\d.:])\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){1,4}(?![\d.:])")


def find_figures(sentence: str) -> list[Figure]:
    """Figures in a sentence, skipping years, dates, ordinals in names and numerals inside quotes.

    >>> [(f.value_text, f.unit_text, f.value) for f in find_figures("地区生产总值达到2.57万亿元,增长5%。")]
    [('2.57', '万亿元', Decimal('2570000000000')), ('5', '%', Decimal('5'))]
    >>> find_figures("2023年第十四届“十四五”规划")
    []
    >>> [(f.value_text, f.value, f.upper) for f in find_figures("增长5%—6%")]
    [('5—6', Decimal('5'), Decimal('6'))]
    """
    text = normalise(sentence)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out: list[Figure] = []
    for m in _figure_regex().finditer(text):
        if any(a <= m.start("num") < b for a, b in quoted):
            continue
        fig = _figure(sentence, text, m)
        if fig is not None:
            out.append(fig)
    for extra in (_fractions(sentence, text), _ratios(text), _doublings(text), _free_ranks(text)):
        for fig in extra:
            if not any(a <= fig.start < b or fig.start <= a < fig.end for a, b in quoted) and not any(
                f.start < fig.end and fig.start < f.end for f in out
            ):
                out.append(fig)
    return sorted(out, key=lambda f: f.start)


def _figure(sentence: str, text: str, m: re.Match[str]) -> Figure | None:
    """One regex match judged: is it a figure, and what is it worth in base units."""
    num, unit_word, ordinal = m.group("num"), m.group("unit"), bool(m.group("ord"))
    start = m.start("ord") if ordinal else (m.start("lo") if m.group("lo") else m.start("num"))
    value = parse_number(num)
    if value is None or _not_a_figure(text, m, start, value):
        return None
    is_cn, mag, count = not num[0].isdigit(), m.group("mag") or "", word("count_unit")
    if unit_word == count and pattern("elided_point").match(text[m.end() :]):
        unit_word = word("point_unit")  # 1.2个和0.8个百分点: the first unit is elided
    if unit_word == word("tenth_unit"):
        if not is_cn or value > 10:
            return None
        unit, unit_text, factor = _unit("%"), word("tenth_unit"), Decimal(10)
    else:
        base = lookup(unit_word) or (lookup(count) if ordinal else None)
        if base is None:
            return None
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
            return None
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


def _not_a_figure(text: str, m: re.Match[str], start: int, value: Decimal) -> bool:
    """Matches that are no figure: part of a code, a rate's denominator, an ordinal in a name, a year, a date."""
    num, unit_word, ordinal = m.group("num"), m.group("unit"), bool(m.group("ord"))
    is_cn, before, after = not num[0].isdigit(), text[:start], text[m.end() :]
    if start > 0 and re.match(r"[A-Za-z.]", text[start - 1]):
        return True  # PM2.5, 5G, model numbers
    if before.endswith(word("per")):
        return True  # 每千名老年人, 每10万人口: the denominator of a rate, not a figure
    if ordinal and unit_word not in word_set("ordinal_units"):
        return True  # 第十四届, 第二次
    if not ordinal and unit_word == word("rank_unit") and is_cn:
        return True
    year = unit_word == word("year_unit")
    if year and not is_cn and (1900 <= value <= 2100 or "." in num):
        return True  # a year, not a duration
    if year and (after.startswith(words("review_span_after")) or before.endswith(words("review_span_before"))):
        return True  # 五年来, 过去五年: the period of a review, not a figure
    if _not_a_quantity(text, start, m.end(), unit_word, value, is_cn):
        return True
    if is_cn and num == word("determiner") and unit_word not in word_set("determiner_units"):
        return True  # 一批, 一个 ...: a determiner, not a figure
    if unit_word == word("month_unit") and after.startswith(words("day_words")):
        return True  # 3月5日: a date
    return _a_class_or_term(before, after, unit_word, bool(m.group("mag")), is_cn)


def _a_class_or_term(before: str, after: str, unit_word: str, scaled: bool, is_cn: bool) -> bool:
    """N级 naming a class (三级医院, 千亿级) rather than counting levels; 三次产业, a term."""
    if unit_word == word("level_unit") and scaled:
        return True  # 千亿级产业集群, 5000亿级: a size class, not a count of levels
    if (
        unit_word == word("level_unit")
        and is_cn
        and not (pattern("tier_chain").search(before) or pattern("tier_span").match(after))
    ):
        return True  # 二级节点, 三级医院: a class label, not a count of levels
    return unit_word == word("times_unit") and after.startswith(word("industry")) and is_cn


_LIST_HEAD = re.compile(r"[^，,；;：:。（(]*$")


def _not_a_quantity(text: str, start: int, end: int, unit_word: str, value: Decimal, is_cn: bool) -> bool:
    """Numbers that name rather than measure.

    ``八届人大四次会议`` (a congress session), ``千亩以上蔬菜基地`` and ``65岁以上老年人`` (a threshold
    naming a class of things), ``五年累计`` and ``不平凡的五年`` (the span of a review), and
    ``装备制造、农产品加工两个产业`` (the size of the list just written).

    >>> _not_a_quantity("市八届人大四次会议", 1, 3, "届", Decimal(8), True)
    True
    >>> _not_a_quantity("新增入库项目500个以上，", 6, 10, "个", Decimal(500), False)
    False
    """
    after = text[end:]
    if unit_word in word_set("session_units") and pattern("meeting").match(after):
        return True
    if pattern("class_threshold").match(after):
        return True
    if (
        unit_word == word("year_unit")
        and is_cn
        and (
            after.startswith(word("cumulative"))
            or (text[:start].endswith(word("attributive")) and re.match(r"[，,。；;！]|$", after))
        )
    ):
        return True
    if unit_word == word("year_unit") and pattern("schooling").match(after):
        return True
    if is_cn and unit_word in word_set("list_classifiers") and re.match(r"[\u4e00-\u9fa5]", after):
        items = _LIST_HEAD.search(text[:start])
        parts = items.group().split("、") if items else []
        if len(parts) == value and len(parts) >= 2 and all(0 < len(x) <= 8 for x in parts):
            return True
        if 2 <= value <= 9 and items and names_written_together(items.group(), int(value)):
            return True
    return False


def names_written_together(head: str, n: int) -> bool:
    """Does ``head`` end with exactly ``n`` places or zones written back to back, without 、?

    ``酒泉嘉峪关张掖三个示范区`` and ``高新区经开区游仙区三个园区`` name a list, then its size.

    >>> names_written_together("推动高新区经开区游仙区", 3), names_written_together("新建改造", 2)
    (True, False)
    """
    from policykg.graph_builder.lexicons.gazetteer import code_for

    zone, word_end = pattern("zone_name"), word("common_word_suffix")  # 城区, 矿区: words, not districts
    end = len(head)
    for _ in range(n):
        size = next(
            (
                k
                for k in range(2, min(6, end) + 1)
                if zone.fullmatch(head[end - k : end])
                or (code_for(head[end - k : end]) and not (k == 2 and head[end - 1] == word_end))
            ),
            0,
        )
        if not size:
            return False
        end -= size
    return True


def _range(sentence: str, m: re.Match[str], unit: Unit, high: Decimal) -> tuple[str, Decimal, Decimal] | None:
    """``5%—6%``, ``3至5个``, ``4万至5万人``: (value as written, lower bound, upper bound) in base units."""
    low = parse_number(m.group("lo"))
    if low is None or (m.group("lounit") and m.group("lounit") != m.group("unit")):
        return None
    factor = Decimal(10) if m.group("unit") == word("tenth_unit") else unit.factor
    lower = low * magnitude(m.group("lomag") or m.group("mag") or "") * factor
    lo_end = m.end("lounit") if m.group("lounit") else m.end("lomag") if m.group("lomag") else m.end("lo")
    text = (
        sentence[m.start("lo") : m.end("lo")]
        + sentence[lo_end : m.start("num")]
        + sentence[m.start("num") : m.end("num")]
    )
    return text, lower, high


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
        value = (a * 100 / b).quantize(_FRACTION_PLACES).normalize()
        out.append(Figure(m.start(), m.end(), sentence[m.start() : m.end()], value, "", "", _unit("%"), None, False))
    return out


def _ratios(text: str) -> list[Figure]:
    """A structure ratio whose terms add up to 100 (``4.2∶41.1∶54.7``): one percent figure per term."""
    out = []
    for m in _RATIO.finditer(text):
        terms = [
            (t.start() + m.start(), t.end() + m.start(), Decimal(t.group()))
            for t in re.finditer(r"\d+(?:\.\d+)?", m.group())
        ]
        if not Decimal(99) <= sum(t[2] for t in terms) <= Decimal(101):
            continue
        for i, (a, b, value) in enumerate(terms, 1):
            out.append(Figure(a, b, text[a:b], value, "", "%", _unit("%"), None, False, part=i, parts=len(terms)))
    return out


def _doublings(text: str) -> list[Figure]:
    """``翻一番`` (doubled) is an increase of 1 time the base; ``翻两番`` of 3 times."""
    out = []
    for m in lexicon("numbers").pattern("patterns.doubling").finditer(text):
        n = parse_number(m.group("num"))
        if n is None or n > 10:
            continue
        value = Decimal(2) ** int(n) - 1
        out.append(
            Figure(
                m.start("num"),
                m.end(),
                m.group("num"),
                value,
                "",
                word("doubling_unit"),
                _unit(word("multiple_unit")),
                None,
                False,
            )
        )
    return out


def _free_ranks(text: str) -> list[Figure]:
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
            a, end, value_text, value = m.start("num") - 1, m.end("num"), m.group("num"), parsed
        out.append(Figure(a, end, value_text, value, "", word("rank_unit"), _unit(word("count_unit")), None, True))
    return out
