"""Quoted initiative names: “链长制”, “两新”政策, “六个龙江”, “21条”.

Reports quote the names of policies, campaigns, slogans and formulae. A quoted name takes the head noun that
follows it (“两重”项目); a formula (a quoted name with a number: “两新”, “4+1”, “21条”) counts however short,
and keeps its number. Quotes also mark figures of speech, nicknames and crafts, which are not initiatives: a
word after a verb such as 跑出 or 交出, a name ending with 号, a superlative (…第一隧), a group of companies
(“六小龙”等…企业), or a measured category (“新三样”出口).
"""

from __future__ import annotations

import re

from policykg.graph_builder.entities.initiative_core import Hit, kind_of, label_ok
from policykg.graph_builder.entities.initiative_lex import initiative_lex as _lex
from policykg.graph_builder.entities.initiative_lex import initiatives_lexicon as _words
from policykg.graph_builder.entities.initiative_lex import word_list as _list

_QUOTE = re.compile(r"“([^“”]{1,24})”")


def _formula(inner: str) -> bool:
    """A quoted formula: a number in it, and at least two characters (“两新”, “4+1”, “21条”)."""
    return len(inner) >= 2 and bool(_words().pattern("patterns.formula_number").search(inner))


def _not_a_name(clause: str, m: re.Match[str]) -> bool:
    """A quoted word that is a count, a craft, a nickname, a figure of speech or a group of companies."""
    lex, words, inner, after = _lex(), _words(), m.group(1), clause[m.end() :]
    if words.pattern("patterns.counted").match(after) or after.startswith(lex.skip_quoted_before):
        return True
    if inner.endswith(_list("quoted_nicknames")[0]) or any(w in inner for w in _list("quoted_nicknames")[1:]):
        return True
    if words.pattern("patterns.quoted_group").match(after):
        return True
    before = clause[max(0, m.start() - 12) : m.start()]
    return any(verb in before for verb in _list("metaphor_verbs"))


def quote_hits(clause: str, base: int) -> list[Hit]:
    """Quoted names in a clause, with the head noun after them when there is one.

    >>> [h.label for h in quote_hits("用好“两重”“两新”政策资金，建设“六个龙江”", 0)]
    ['“两重”', '“两新”政策', '“六个龙江”']
    >>> [h.label for h in quote_hits("跑出创新“加速度”，“奋斗者”号深潜", 0)]
    []
    """
    lex, out, words = _lex(), [], _words()
    for m in _QUOTE.finditer(clause):
        if _not_a_name(clause, m):
            continue
        after = clause[m.end() :]
        tail = lex.quote_tail.match(after) or words.pattern("patterns.quoted_tour").match(after)
        formula = _formula(m.group(1))
        label = m.group(0) + tail.group(0) if tail else (m.group(0) if formula else m.group(1))
        if not (label_ok(label) or formula):
            continue
        out.append(
            Hit(base + m.start(), base + m.end() + (len(tail.group(0)) if tail else 0), label, *_kind(clause, m, label))
        )
    return out


def _kind(clause: str, m: re.Match[str], label: str) -> tuple[str, str | None]:
    """The kind of a quoted name (its head's, else a designation before 称号, an event after 举办, else a
    programme) and the verb that introduces it."""
    lex, words, before, after = _lex(), _words(), clause[: m.start()], clause[m.end() :]
    verbs = lex.verbs + lex.designation_verbs
    action = next((v for v in sorted(verbs, key=before.rfind) if v in before), None) if before else None
    kind = kind_of(label) or (
        "Designation"
        if after.startswith(_list("honour_words"))
        else "Event"
        if action in words.set("event_verbs")
        else "Programme"
    )
    return kind, action
