"""Indicator names: the minimal noun phrase that says what a figure measures.

Reports put the name before the figure (地区生产总值达到2.57万亿元), after a classifier (打造16条省级重点
产业链) or share it across a list (A、B分别增长x%、y%). These helpers trim framing words (全年, 同比,
其中 ...) and verbs from the context left of a figure, read the noun a classifier counts, and split
coordinated subjects. The word lists are generic phrasing in ``lexicons/observations.toml``.
"""

from __future__ import annotations

import re

from policykg.graph_builder.lexicons import cached, lexicon
from policykg.graph_builder.observations.numerals import cn_numeral
from policykg.graph_builder.observations.phrasing import LEXICON, pattern, word, word_set, words


@cached
def _by_length(key: str) -> tuple[tuple[int, frozenset[str]], ...]:
    """Lexicon list ``key`` as sets of words of one length, longest first: a text's end (or start) of
    each length is then one set look-up, not a comparison with every word of the list."""
    lengths: dict[int, set[str]] = {}
    for w in lexicon(LEXICON).words(key):
        lengths.setdefault(len(w), set()).add(w)
    return tuple((n, frozenset(lengths[n])) for n in sorted(lengths, reverse=True))


def ends_with(text: str, key: str) -> str | None:
    """The longest word of lexicon list ``key`` that ``text`` ends with.

    >>> ends_with("粮食产量增产", "change_verbs")
    '增产'
    """
    size = len(text)
    for n, group in _by_length(key):
        if n <= size and (end := text[size - n :]) in group:
            return end
    return None


def starts_with(text: str, key: str) -> str | None:
    """The longest word of lexicon list ``key`` that ``text`` starts with."""
    size = len(text)
    for n, group in _by_length(key):
        if n <= size and (start := text[:n]) in group:
            return start
    return None


def _strip(text: str, key: str, *, at_end: bool, keep_some: bool = True) -> str:
    """Drop words of lexicon list ``key`` from one end of ``text`` while one is there (longest first);
    with ``keep_some``, never the whole of what is left."""
    while text:
        word = ends_with(text, key) if at_end else starts_with(text, key)
        if not word or (keep_some and len(text) <= len(word)):
            break
        text = text[: -len(word)] if at_end else text[len(word) :]
    return text


def strip_prefixes(name: str) -> str:
    """Drop framing words in front of a name: 全年, 其中, 同比, 年末 ... (repeatedly).

    >>> strip_prefixes("其中全年外送电量")
    '外送电量'
    >>> strip_prefixes("全年年末天然气供应量")
    '天然气供应量'
    """
    return _strip(name, "framing_prefixes", at_end=False)


def drop_infix_verb(name: str) -> str:
    """``规模以上工业企业实现营业收入`` → 规模以上工业企业营业收入: 实现/完成 before a measure is not its name."""
    m = pattern("infix_verb").search(name)
    if m and m.start() > 0 and ends_with(name, "head_nouns"):
        return name[: m.start()] + name[m.end() :]
    return name


def strip_trailing(name: str) -> str:
    """Drop verbs and approximations after a name: 达到, 为, 近, 累计 ... (repeatedly)."""
    return _strip(name, "trailing_words", at_end=True)


def strip_comparison(left: str) -> str:
    """Drop the base of a comparison at the end: 比上年, 比年初, 同比, 较2020年, 比“十三五”时期 (增加N is
    measured against it), and an approximation after it (较2020年提高约).

    >>> strip_comparison("占比较2020年"), strip_comparison("实际使用外资比“十三五”时期")
    ('占比', '实际使用外资')
    """
    left = pattern("comparison_base").sub("", _strip(left, "comparison_words", at_end=True, keep_some=False))
    return _strip(left, "comparison_words", at_end=True, keep_some=False)


def noun_after(right: str) -> str:
    """The noun phrase a classifier counts: 打造16条「省级重点产业链」,…

    >>> noun_after("省级重点产业链，新增3个")
    '省级重点产业链'
    >>> noun_after("重点项目建成投产。"), noun_after("入选重点村镇。"), noun_after("3镇入选重点村镇")
    ('重点项目', '入选重点村镇', '入选重点村镇')
    """
    stop, joiner = pattern("noun_stop"), word("noun_joiner")
    right = right[len(starts_with(right, "approx_after") or "") :]  # 1000家左右医保定点…: past the approximation
    m = stop.search(right)
    while m and m.group() in words("inner_thresholds") and re.match(r"[\u4e00-\u9fa5]", right[m.end() : m.end() + 1]):
        m = stop.search(right, m.end())  # 197家二级以上医院: a threshold inside the counted noun
    if m and m.start() == 0 and m.group()[-1:].isdigit():  # 6村3镇入选…: both count what the last one does
        rest = pattern("figure_head").sub("", right)
        return noun_after(rest) if pattern("predicate").match(rest) else ""
    if m and m.start() == 0 and pattern("predicate").match(right):  # 3镇入选…: the unit is the noun
        return re.split(r"[，,。；;、！!？?（(]", right)[0].strip()
    noun = right[: m.start()] if m else right
    if m and m.group() == joiner and len(noun) < 12 and not re.match(r"[\d" + cn_numeral() + "]", right[m.end() :]):
        rest = right[m.end() :]
        m2 = stop.search(rest)
        noun = noun + joiner + (rest[: m2.start()] if m2 else rest)
    return noun.strip()


def after_conjunction(left: str) -> str:
    """What follows the last conjunction: in ``6条链和8个镇`` the 8 counts only what follows 和."""
    parts = pattern("conjunction").split(left)
    return parts[-1]


def all_places(subjects: list[str]) -> bool:
    """Coordinated subjects that are all divisions or settlements (人和乡、蔡寨回族乡), not measures.

    >>> all_places(["人和乡", "蔡寨回族乡"]), all_places(["城镇", "农村"])
    (True, False)
    """
    town, not_towns = pattern("town"), words("not_towns")
    return len(subjects) >= 2 and all(town.fullmatch(s) is not None and not s.endswith(not_towns) for s in subjects)


def split_subjects(subject: str) -> list[str]:
    """Coordinated subjects with their shared head or prefix restored.

    >>> split_subjects("小麦、玉米产量")
    ['小麦产量', '玉米产量']
    >>> split_subjects("城镇、农村居民人均可支配收入")
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    >>> split_subjects("首批5大产业链、5大专业镇营业收入增速")
    ['首批5大产业链营业收入增速', '首批5大专业镇营业收入增速']
    >>> split_subjects("重点监测景区接待人数、门票收入")
    ['重点监测景区接待人数', '重点监测景区门票收入']
    >>> split_subjects("深圳市、广州市地区生产总值")
    ['深圳市地区生产总值', '广州市地区生产总值']
    >>> split_subjects("规模以上工业增加值、固定资产投资")
    ['规模以上工业增加值', '固定资产投资']
    """
    # 和/及/与 join items only between words of two characters or more: 人和乡 is one name
    parts = [p for p in pattern("subject_split").split(subject) if p]
    if len(parts) < 2:
        return parts
    place = pattern("place_lead")
    lead = place.match(parts[-1])
    if lead and all(place.fullmatch(p) for p in parts[:-1]):  # 深圳市、广州市地区生产总值
        measure = parts[-1][lead.end() :]
        return [p + measure for p in parts[:-1]] + [parts[-1]]
    short = {len(p) for p in parts[:-1]}
    if (
        len(short) == 1
        and (k := short.pop()) <= 3
        and len(parts[-1]) > k + 2
        and not any(ends_with(p, "head_nouns") for p in parts[:-1])
    ):  # 城镇、农村居民人均可支配收入
        return [p + parts[-1][k:] for p in parts[:-1]] + [parts[-1]]
    shared, rest = "", parts[-1]
    while (head := ends_with(rest, "head_nouns")) and len(rest) > len(head):
        shared, rest = head + shared, rest[: -len(head)]
    if shared:
        parts = [p if ends_with(p, "head_nouns") else p + shared for p in parts[:-1]] + [parts[-1]]
    first = parts[0]
    for i in range(1, len(parts)):
        # 景区接待人数、门票收入: a bare measure (at most 4 characters, ending in a head noun) after a
        # scoped one takes the first item's scope. Longer items (固定资产投资) stand alone.
        if 2 <= len(parts[i]) <= 4 and ends_with(parts[i], "head_nouns") and (head := ends_with(first, "head_nouns")):
            prefix = first[: len(first) - len(parts[i])]
            if len(prefix) < 2 and parts[i] in word_set("head_nouns"):  # 游客人数和总花费: the first's subject
                prefix = first[: len(first) - len(head)]
            if len(prefix) >= 2 and not parts[i].startswith(prefix[:1]):
                parts[i] = prefix + parts[i]
                continue
        # 首批5大产业链、5大专业镇: the second item opens like the middle of the first; what precedes
        # that point in the first (首批) is a scope shared by both.
        at = first.find(parts[i][:2], 1) if len(parts[i]) >= 2 else -1
        if at > 0 and not parts[i].startswith(first[:at]):
            parts[i] = first[:at] + parts[i]
    return parts


def expand_pair(subject: str, n: int) -> list[str] | None:
    """``城乡居民收入`` over two figures is 城镇居民收入 and 农村居民收入 (lexicon ``pair_expansions``); the
    pair may stand inside the name (本外币存贷款余额 → 本外币存款余额, 本外币贷款余额).

    >>> expand_pair("本外币存贷款余额", 2)
    ['本外币存款余额', '本外币贷款余额']
    """
    for pair, expansion in lexicon(LEXICON).table("pair_expansions").items():
        at = subject.find(pair)
        if at >= 0 and len(expansion) == n:
            head, rest = subject[:at], subject[at + len(pair) :]
            return [head + e + rest for e in expansion]
    return None


def ratio_names(subject: str, n: int) -> list[str]:
    """Names of the terms of a structure ratio: 三次产业结构 gives 第一产业比重 ...; otherwise numbered."""
    for key, names in lexicon(LEXICON).table("ratio_parts").items():
        if key in subject and len(names) == n:
            return list(names)
    base, term = subject or word("structure"), word("ratio_term")
    return [term.format(base=base, i=i) for i in range(1, n + 1)]


def share_name(core: str) -> tuple[str, str | None]:
    """``研发人员约占全省的`` → (研发人员占全省比重, 约): a share written as 占 … without 比重.

    >>> share_name("研发人员约占全省的")
    ('研发人员占全省比重', '约')
    >>> share_name("数字经济核心产业增加值占地区生产总值比重")
    ('数字经济核心产业增加值占地区生产总值比重', None)
    """
    m = pattern("share").fullmatch(core)
    if not m or ends_with(core, "share_words"):
        return core, None
    return f"{m.group('subj')}{word('share_of')}{m.group('obj')}{word('share_noun')}", m.group("approx")


def town_head(left: str) -> tuple[str, None] | None:
    """A town or township opening the clause before its action: the place as written (no GB/T 2260 code).

    >>> town_head("北湖镇新建污水管网"), town_head("城镇新增就业"), town_head("各乡镇完成")
    (('北湖镇', None), None, None)
    """
    head = strip_prefixes(left)
    m = pattern("town_head").match(head)
    if m is None or head.startswith(words("scope_heads")) or m.group().endswith(words("not_town_heads")):
        return None
    rest = head[m.end() :]
    if any(starts_with(rest, k) for k in ("count_verbs", "level_verbs", "change_verbs")):
        return m.group(), None
    return None
