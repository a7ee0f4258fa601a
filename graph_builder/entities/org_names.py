"""Where an organisation's name starts and ends in a sentence, found in one pass over it.

Three kinds of evidence, all read from ``lexicons/organisations.toml``:

* a telling suffix (…银行, …研究院, …实验室, …日报, …人民代表大会) ends a name, which reaches back to the verb
  or function word before it, or to a place name (the first word of most names);
* names of central bodies, national markets and well-known enterprises, known as written (党中央, 国务院,
  工信部, 北交所, 比亚迪): a name of that table counts where it stands as a word;
* lists that share one head (紫金山、太湖、钟山、云龙湖等实验室 is four laboratories; 甲、乙等5家企业 names two
  companies).

A name never starts with a verb or a word that makes it a class of bodies (上市公司, 省级医院, 44家全国重点实验室).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.graph_builder.entities.place_bounds import stands_alone
from policykg.graph_builder.entities.word_index import WordIndex, word_index
from policykg.graph_builder.lexicons import Lexicon, cached, lexicon

_HAN = re.compile(r"[\u4e00-\u9fff]+")  # Chinese characters: the letters of a name
_REACH = 20  # the longest name a suffix reaches back over (广西壮族自治区第十四届人民代表大会)


@dataclass(frozen=True)
class Name:
    """An organisation's name in a sentence; ``label`` differs from the text where a list shares its head."""

    begin: int
    end: int
    kind: str
    label: str


def org_lex() -> Lexicon:
    """The organisations lexicon: suffixes, known names, the words of the report's own bodies, patterns."""
    return lexicon("organisations")


@cached
def _suffixes() -> tuple[tuple[str, str], ...]:
    """(suffix, kind), longest first (ties in the lexicon's order), so a longer suffix claims its name first."""
    kinds = org_lex().table("suffixes")
    return tuple((suffix, kinds[suffix]) for suffix in org_lex().longest_first("suffixes"))


@cached
def _suffix_index() -> WordIndex:
    """The suffixes indexed for one pass over a sentence."""
    return word_index(suffix for suffix, _ in _suffixes())


@cached
def _known_index() -> WordIndex:
    """Central bodies, markets and enterprises known by name, indexed for one pass over a sentence."""
    return word_index(org_lex().table("known"))


def _name_start(text: str, end: int, suffix: str, places: tuple[str, ...]) -> int:
    """Where a name ending at ``end`` with ``suffix`` begins: after the last break before it (a function
    word, a verb that introduces it, a non-Chinese character), or at the first place name inside it unless a
    verb or 的 lies between (安徽高等研究院 reaches back over 等 to 安徽; 西部地区唯一获批的…实验室 does not)."""
    lex = org_lex()
    run_start = end
    while run_start > 0 and _HAN.fullmatch(text[run_start - 1]) and end - run_start < _REACH:
        run_start -= 1
    run = text[run_start:end]
    cut = lex.pattern("patterns.name_break").match(run[: -len(suffix)])
    if cut and len(run) - len(suffix) - cut.end() < 2 and run[cut.end() - 1] in lex.chars("name_conjunctions"):
        cut = lex.pattern("patterns.name_break").match(run[: cut.end() - 1])  # 仁和医院: 和 inside the name
    cut_at = cut.end() if cut else 0
    stop = lex.pattern("patterns.clause_break")
    starts = [
        at
        for at in (run.find(p) for p in places)
        if 0 <= at < len(run) - len(suffix) and (at >= cut_at or not stop.search(run, at, cut_at))
    ]
    return run_start + (min(starts) if starts else cut_at)


def _generic(text: str, begin: int, name: str, suffix: str) -> bool:
    """A class of bodies, not one: a generic head (省级医院, 上市公司), a count before it (44家…实验室), or
    nothing left of the name once the words that rank a class are taken off its end (全国重点实验室)."""
    lex = org_lex()
    if name.startswith(lex.words("generic_heads")) or (
        name[0] in lex.chars("classifiers") and begin > 0 and not _HAN.fullmatch(text[begin - 1])
    ):
        return True
    stem = name[: -len(suffix)]
    for rank in lex.longest_first("class_words"):
        stem = stem.removesuffix(rank)
    return len(stem) < 2


def suffix_names(text: str, places: tuple[str, ...] = ()) -> list[Name]:
    """Names ending in an organisation suffix; a place name starts one."""
    out: list[Name] = []
    at = _suffix_index().starts(text)
    if not at:
        return out
    present = {w for _, words in at for w in words}  # the suffixes the text holds: the others need no pass
    not_after = org_lex().table("suffix_not_before")
    for suffix, kind in _suffixes():
        if suffix not in present:
            continue
        last_end = -1
        for start in (i for i, words in at if suffix in words):
            if start < last_end:
                continue  # occurrences of one suffix do not overlap
            end = last_end = start + len(suffix)
            if text[end : end + 1] and text[end] in not_after.get(suffix, ""):
                continue  # 日报告: a daily report, not a newspaper
            begin = _name_start(text, end, suffix, places)
            name = text[begin:end]
            if len(name) - len(suffix) < 2 or _generic(text, begin, name, suffix):
                continue
            if any(n.begin <= begin < n.end or n.begin < end <= n.end for n in out):
                continue
            out.append(Name(begin, end, kind, name))
    return out


def known_names(text: str) -> list[Name]:
    """Central bodies, markets and enterprises named as the table writes them, where they stand as words."""
    kinds: dict[str, str] = org_lex().table("known")
    not_before = org_lex().chars("known_not_before")
    out: list[Name] = []
    end = 0
    for i, words in _known_index().starts(text):
        if i < end:
            continue
        word = words[0]
        if text[i + len(word) : i + len(word) + 1] in not_before and text[i + len(word) :]:
            continue  # 财政部门: the finance departments, not the ministry
        if len(word) <= 2 and not stands_alone(text, i, i + len(word)):
            continue
        end = i + len(word)
        out.append(Name(i, end, kinds[word], word))
    return out


def shared_head_names(text: str) -> list[Name]:
    """Names listed before one head (甲、乙等实验室): each item with the head is one organisation.

    >>> [n.label for n in shared_head_names("加快建设甲山、乙湖等实验室")]
    ['甲山实验室', '乙湖实验室']
    """
    lex, out = org_lex(), list[Name]()
    if lex.text("list_mark") not in text:
        return out
    heads: dict[str, str] = lex.table("shared_heads")
    for m in lex.pattern("patterns.shared_head").finditer(text):
        head = m.group("head")
        out += [Name(b, b + len(item), heads[head], item + head) for b, item in _items(m) if not item.endswith(head)]
    return out


def listed_companies(text: str) -> list[Name]:
    """Companies named before a count of enterprises (甲、乙等5家企业入选).

    >>> [n.label for n in listed_companies("甲乙科技、丙丁股份等5家企业入选")]
    ['甲乙科技', '丙丁股份']
    """
    return [Name(b, b + len(item), "Company", item) for m in _counted(text) for b, item in _items(m)]


def _counted(text: str) -> list[re.Match[str]]:
    if org_lex().text("list_mark") not in text:
        return []
    return list(org_lex().pattern("patterns.counted_companies").finditer(text))


def _items(m: re.Match[str]) -> list[tuple[int, str]]:
    """The items of a list (group ``items``, split at 、) with where each begins; the first starts after the
    verb or function word that introduces the list."""
    out, at = [], m.start("items")
    for i, item in enumerate(m.group("items").split("、")):
        skip = _first_item_start(item) if i == 0 else 0
        if len(item) - skip >= 2:
            out.append((at + skip, item[skip:]))
        at += len(item) + 1
    return out


def _first_item_start(item: str) -> int:
    """Where the first item of a list starts: after the verb or function word that introduces the list."""
    cut = org_lex().pattern("patterns.name_break").match(item)
    return cut.end() if cut and len(item) - cut.end() >= 2 else 0
