"""Numbers that are no figure, each under a named rule: why a number and unit found in a sentence measure
nothing the report reports.

A congress's term (十四届), a plenum (四中全会), an idiom (千方百计), a code (5G), a year (2025年), a span
of years (三年行动, 百年变局) or an age (0—6岁) is written like a figure but counts nothing. Each test
returns the name of the rule that rejects the number (see :func:`rules`) or None, so the audit of a
report can say, for every numeral token, what became of it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from policykg.graph_builder.lexicons import lexicon
from policykg.graph_builder.lexicons.units import lookup
from policykg.graph_builder.observations.phrasing import LEXICON, pattern, word, word_set, words


def rules() -> dict[str, str]:
    """Every exclusion rule by name, with what it covers (lexicon ``observations``, printed by the audit)."""
    return dict(lexicon(LEXICON).table("exclusion_rules"))


def not_a_figure(text: str, m: re.Match[str], start: int, value: Decimal) -> str | None:
    """The rule that makes a match of the figure pattern no figure, or None when it is one."""
    num, unit_word, ordinal = m.group("num"), m.group("unit"), bool(m.group("ord"))
    is_cn, before, after = not num[0].isdigit(), text[:start], text[m.end() :]
    unit = lookup(unit_word)
    if start > 0 and re.match(r"[A-Za-z.]", text[start - 1]):
        return "code"  # PM2.5, 5G, model numbers
    if before.endswith(word("per")):
        return "rate_denominator"  # 每千名老年人, 每10万人口
    if pattern("rank_threshold").search(before) and unit_word in word_set("threshold_units"):
        return "rank_threshold"  # 居全国前10位, 进入排名前1%: the bound of a top group, not a figure
    if unit_word in word_set("session_units") and session_ordinal(before if is_cn else "", after):
        return "session"
    if unit_word == word("times_unit") and pattern("frequency").match(after):
        return "frequency"  # 两次亲临, 16次调度推进: how often something was done, an adverbial
    if ordinal and unit_word not in word_set("ordinal_units"):
        return "ordinal"  # 第十四届, 第二次
    if not ordinal and unit_word == word("rank_unit") and is_cn:
        return "counter_word"
    if is_cn and num == word("determiner") and unit_word not in word_set("determiner_units"):
        return "determiner"  # 一批, 一个 ...
    if m.group("mag") and is_cn and unit_word in word_set("place_class_units"):
        return "size_class"  # 百亿县, 千亿县: a class of counties by output
    if unit is not None and unit.family == "duration" and before.endswith(words("schedule_leads")):
        return "schedule"  # 每天24小时提供服务
    if is_cn and unit_word in word_set("phase_units"):
        return "ordinal"  # 灌溉二期工程, 机场三期: the phase of a project
    if pattern("named_span").match(after) and unit is not None and unit.family == "duration":
        return "in_name"  # 15分钟健身圈, 1小时经济圈: a span that names a circle
    if pattern("class_of_facility").match(after) and unit_word in word_set("class_units"):
        return "size_class"  # 500千伏输变电工程, 12英寸产线: the class of a facility
    return (
        _years(text, m, start, value, is_cn)
        or _not_a_quantity(text, start, m.end(), unit_word, value, is_cn)
        or class_or_term(before, after, unit_word, bool(m.group("mag")), is_cn)
    )


def session_ordinal(before: str, after: str) -> bool:
    """十四届人大, 二十届四中全会, 省委十三届七次全会: the term of a congress or a plenum, not a count.

    >>> session_ordinal("党的", "四中全会精神"), session_ordinal("连续举办", "产业转移对接活动")
    (True, False)
    """
    return bool(pattern("session_lead").search(before) or pattern("session_tail").match(after))


def _years(text: str, m: re.Match[str], start: int, value: Decimal, is_cn: bool) -> str | None:
    """Years, spans of years and ages: a figure only when a duration is itself measured (受教育年限)."""
    unit_word, num = m.group("unit"), m.group("num")
    before, after = text[:start], text[m.end() :]
    if unit_word in word_set("age_units"):
        return None if pattern("age_measure").search(before) else "age"
    if unit_word != word("year_unit"):
        return None
    if (not is_cn and 1900 <= value <= 2100 and "." not in num) or (is_cn and len(num) == 4 and value >= 1900):
        return "year"  # 2025年, 二〇三五年
    if before.endswith(word("streak")) or pattern("duration_measure").search(before):
        return None  # 连续3年: a streak's length, context; 受教育年限达到11年: a measure
    if after.startswith(words("review_span_after")) or before.endswith(words("review_span_before")):
        return "review_span"  # 五年来, 过去五年
    if pattern("schooling").match(after):
        return "school_system"
    if pattern("review_frame").search(before) or pattern("review_frame_after").match(after):
        return "review_span"  # 这五年, 五年来的, 不平凡的五年, 五年累计
    return "span_of_years"


def _not_a_quantity(text: str, start: int, end: int, unit_word: str, value: Decimal, is_cn: bool) -> str | None:
    """Numbers that name rather than measure.

    ``千亩以上蔬菜基地`` and ``65岁以上老年人`` (a threshold naming a class of things), ``装备制造、农产品
    加工两个产业`` (the size of the list just written), ``3月5日`` (a date).

    >>> _not_a_quantity("新增入库项目500个以上，", 6, 10, "个", Decimal(500), False) is None
    True
    """
    before, after = text[:start], text[end:]
    if after[:1] and after[0] in lexicon(LEXICON).table("unit_words").get(unit_word, ""):
        return "word"  # 十方面, 千亿台阶, 零部件: the unit's character begins a word
    if pattern("class_threshold").match(after):
        return "class_threshold"
    if is_cn and unit_word in word_set("list_classifiers") and re.match(r"[\u4e00-\u9fa5]", after):
        items = _LIST_HEAD.search(before)
        parts = items.group().split("、") if items else []
        if len(parts) == value and len(parts) >= 2 and all(0 < len(x) <= 8 for x in parts):
            return "list_size"
        if 2 <= value <= 9 and items and names_written_together(items.group(), int(value)):
            return "list_size"
    if unit_word == word("month_unit") and after.startswith(words("day_words")):
        return "date"
    return None


def class_or_term(before: str, after: str, unit_word: str, scaled: bool, is_cn: bool) -> str | None:
    """N级 naming a class (三级医院, 千亿级) rather than counting levels; 三次产业, a term."""
    if unit_word == word("level_unit") and scaled:  # 千亿级产业集群, 5000亿级; 达万亿级规模 is a level reached
        return None if after.startswith(words("scale_nouns")) else "size_class"
    if after.startswith(word("level_unit")) and unit_word != word("level_unit"):
        return "size_class"  # 30万吨级航道, 百万千瓦级机组: the class of a facility
    if (
        unit_word == word("level_unit")
        and is_cn
        and not (pattern("tier_chain").search(before) or pattern("tier_span").match(after))
    ):
        return "class_label"  # 二级节点, 三级医院
    if unit_word == word("times_unit") and after.startswith(word("industry")) and is_cn:
        return "term"
    return None


_LIST_HEAD = re.compile(r"[^，,；;：:。（(]*$")


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
