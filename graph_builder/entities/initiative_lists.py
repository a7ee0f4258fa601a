"""Initiatives listed before one head noun they share: 甲、乙、丙等专项行动 is three campaigns.

Each item of such a list is an initiative of the head's kind, named as written, with the verb that
introduces the list (实施甲、乙等专项行动) or follows it (…等重大项目加快实施). Two readings are set apart:
a count that names the package (甲、乙等六大科技专项) makes the package the initiative and the items its
fields; a head that names fields (…等重点领域改革) makes the items fields, and nothing is named.
"""

from __future__ import annotations

import re

from policykg.graph_builder.entities.initiative_core import Hit, kind_of
from policykg.graph_builder.entities.initiative_lex import initiative_lex as _lex
from policykg.graph_builder.entities.initiative_lex import initiatives_lexicon as _words
from policykg.graph_builder.entities.initiative_lex import word_list as _list
from policykg.graph_builder.entities.initiative_lex import word_text as _text

_MIN_ITEM = 2  # characters: shorter items are abbreviations the list cannot name alone


def list_hits(clause: str, base: int) -> list[Hit]:
    """The items of every shared-head list in a clause, or the counted package they make up.

    >>> [h.label for h in list_hits("甲乙技改、丙丁转型、戊己发展等专项行动深入实施", 0)]
    ['甲乙技改', '丙丁转型', '戊己发展']
    >>> [h.label for h in list_hits("甲乙、丙丁等六大科技专项深入实施", 0)]
    ['六大科技专项']
    >>> list_hits("甲乙、丙丁等重点领域改革进一步推进", 0)
    []
    """
    out: list[Hit] = []
    if _text("open_list_mark") not in clause or "、" not in clause:
        return out
    for m in _words().pattern("patterns.shared_list").finditer(clause):
        head = _whole_head(clause, m)
        kind = kind_of(head)
        if kind is None or any(word in head for word in _list("field_words")):
            continue
        if not m.group("count") and not _names_items(head, kind):
            continue  # 甲、乙等政策, 甲、乙等改革: topics of a policy or a reform, not its names
        action = _action(clause, m)
        if m.group("count"):
            label = m.group("count") + head
            out.append(Hit(base + m.start("count"), base + m.start("head") + len(head), label, kind, action))
            continue
        out += [Hit(base + b, base + b + len(item), item, kind, action) for b, item in _items(m)]
    return out


def _names_items(head: str, kind: str) -> bool:
    """Whether a shared head makes its items initiatives: projects, campaigns and events, and the programme
    heads that name one undertaking each (…等工程, …等试点, …等专项)."""
    return kind in _list("list_kinds") or head.endswith(tuple(_list("list_heads")))


def _whole_head(clause: str, m: re.Match[str]) -> str:
    """The head after the list, with its noun as long as the lexicon has it (等专项行动, not 等专项)."""
    index, end = _lex().head_index, m.end("head")
    for at in range(m.start("head"), end):
        words = index.at(clause, at)
        if any(at + len(w) == end for w in words):
            return clause[m.start("head") : at] + words[0]
    return m.group("head")


def _items(m: re.Match[str]) -> list[tuple[int, str]]:
    """The items of the list with where each begins; the first starts after the verb that introduces it."""
    out, at = [], m.start("items")
    for i, item in enumerate(m.group("items").split("、")):
        skip = _after_verb(item) if i == 0 else 0
        if len(item) - skip >= _MIN_ITEM:
            out.append((at + skip, item[skip:]))
        at += len(item) + 1
    return out


def _after_verb(item: str) -> int:
    """Where the first item begins: after the last introducing verb inside it (扩大实施甲乙 → 甲乙)."""
    ends = [v.end() for v in _lex().verb_pattern.finditer(item) if v.end() <= len(item) - _MIN_ITEM]
    ends += [v.end() for v in _words().pattern("patterns.list_openers").finditer(item) if v.end() <= len(item) - 2]
    return max(ends, default=0)


def _action(clause: str, m: re.Match[str]) -> str | None:
    """The verb that introduces the list, before its first item or right after its head."""
    inside = list(_lex().verb_pattern.finditer(m.group("items").split("、")[0]))
    if inside:
        return inside[-1].group()
    after = _lex().verb_pattern.search(clause, m.end(), m.end() + 6)
    return after.group() if after else None
