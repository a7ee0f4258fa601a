"""The vocabulary of initiative names (lexicon ``initiatives``), read once into sorted lists and compiled
patterns; kept apart from the rules (``initiative_names.py``) so that module holds only how names are cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from policykg.graph_builder.entities.word_index import WordIndex, word_index
from policykg.graph_builder.lexicons import Lexicon, cached, lexicon


@dataclass(frozen=True)
class InitiativeLex:
    """The initiatives lexicon read into the shapes the rules use (sorted lists, sets, compiled patterns)."""

    verbs: tuple[str, ...]
    designation_verbs: tuple[str, ...]
    subject_verbs: tuple[str, ...]
    subject_heads: tuple[str, ...]
    first_words: tuple[str, ...]
    heads: tuple[tuple[str, str], ...]  # (head, kind), longest first
    quote_tails: tuple[str, ...]
    trim_tails: tuple[str, ...]
    not_labels: frozenset[str]
    skip_quoted_before: tuple[str, ...]
    level_words: tuple[str, ...]
    second_verbs: tuple[str, ...]
    size_class: re.Pattern[str]
    brand_heads: tuple[str, ...]
    brand_verbs: tuple[str, ...]
    verb_pattern: re.Pattern[str]  # designation verbs, then introducing verbs, each longest first: the first wins
    head_index: WordIndex
    any_verb: re.Pattern[str]  # an introducing verb anywhere (a subject's name holds none)
    head_pattern: re.Pattern[str]
    kind_by_head: dict[str, str]  # the first kind listed for a head
    head_lengths: tuple[int, ...]  # longest first
    brand_patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (verb, pattern of a quality word and a place)
    quote_tail: re.Pattern[str]  # a head noun right after a quoted name, with up to four characters before it


def initiatives_lexicon() -> Lexicon:
    """The initiatives lexicon, for entries read by name where they are used (lists, patterns)."""
    return lexicon("initiatives")


@cached
def word_list(key: str) -> tuple[str, ...]:
    """A word list of the lexicon, read once."""
    return initiatives_lexicon().words(key)


@cached
def word_text(key: str) -> str:
    """A string of the lexicon (or a list of single characters as one string), read once."""
    value = initiatives_lexicon().value(key)
    return initiatives_lexicon().chars(key) if isinstance(value, list) else initiatives_lexicon().text(key)


@cached
def count_pattern() -> re.Pattern[str]:
    """A count at the start of a label (12件…): its size, not part of its name."""
    return initiatives_lexicon().pattern("patterns.count")


def strip_adverbs(label: str) -> str:
    """A label without its leading filler adverbs (进一步加快…), which two mentions of a name may not share."""
    adverbs = word_list("adverbs")
    if not label.startswith(adverbs):
        return label  # most labels open with none: no pass over the list
    for adverb in adverbs:
        label = label.removeprefix(adverb)
    return label


def _longest(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@cached
def initiative_lex() -> InitiativeLex:
    raw: dict[str, Any] = lexicon("initiatives").data
    heads = [(h, kind) for kind, hs in raw["heads"].items() for h in hs]
    return InitiativeLex(
        _longest(raw["verbs"]),
        _longest(raw["designation_verbs"]),
        tuple(raw["subject_verbs"]),
        tuple(raw["subject_heads"]),
        tuple(raw["first_words"]),
        tuple(sorted(heads, key=lambda hk: -len(hk[0]))),
        tuple(raw["quote_tails"]),
        tuple(raw["trim_tails"]),
        frozenset(raw["not_labels"]),
        tuple(raw["skip_quoted_before"]),
        tuple(raw["level_words"]),
        tuple(raw["second_verbs"]),
        re.compile(raw["size_class"]),
        tuple(raw["brand_heads"]),
        tuple(raw["brand_verbs"]),
        re.compile("|".join(re.escape(v) for v in _longest(raw["designation_verbs"]) + _longest(raw["verbs"]))),
        word_index(h for h, _ in heads),
        re.compile("|".join(re.escape(v) for v in raw["verbs"] if v not in raw["name_part_verbs"])),
        re.compile("|".join(re.escape(h) for h, _ in heads)),
        {h: k for h, k in reversed(sorted(heads, key=lambda hk: -len(hk[0])))},
        tuple(sorted({len(h) for h, _ in heads}, reverse=True)),
        tuple(
            (
                verb,
                re.compile(verb + "(" + "|".join(raw["brand_heads"]) + r")([\u4e00-\u9fff]{2,4}?)(?=[，。；、,;]|$)"),
            )
            for verb in raw["brand_verbs"]
        ),
        re.compile(r"[\u4e00-\u9fff]{0,4}?(?:" + "|".join(raw["quote_tails"]) + ")"),
    )
