"""The observation stage's words and patterns, by name: cached readers of lexicon ``observations``.

Rules name what a word does (``word("of_which")``) rather than spell it (其中), so every Chinese word
stays in ``lexicons/observations.toml`` and a word class is defined once however many rules use it.
Each reader is cached (and reset by ``lexicons.clear``): rules ask for the same entries in every clause.

>>> word("of_which"), pattern("conjunction").split("城镇和农村")
('其中', ['城镇', '农村'])
"""

from __future__ import annotations

import re

from policykg.graph_builder.lexicons import cached, lexicon

__all__ = ["LEXICON", "chars", "pattern", "word", "word_set", "words", "year_pattern"]

LEXICON = "observations"


@cached
def word(role: str) -> str:
    """The word of table ``words`` that plays ``role`` (``of_which`` is 其中)."""
    return lexicon(LEXICON).text(f"words.{role}")


@cached
def words(key: str) -> tuple[str, ...]:
    """Word list ``key`` in the order written."""
    return lexicon(LEXICON).words(key)


@cached
def word_set(key: str) -> frozenset[str]:
    """Word list ``key`` as a set, for membership tests."""
    return lexicon(LEXICON).set(key)


@cached
def chars(key: str) -> str:
    """Word list ``key`` of single characters as one string, for ``str.strip`` and friends."""
    return lexicon(LEXICON).chars(key)


@cached
def pattern(name: str) -> re.Pattern[str]:
    """Pattern ``name`` of table ``patterns``, compiled once."""
    return lexicon(LEXICON).pattern(f"patterns.{name}")


def year_pattern(name: str, year: str) -> str:
    """Pattern ``name`` with its ``{year}`` filled in: the rule looks for a year known only at run time."""
    return lexicon(LEXICON).regex(f"patterns.{name}").replace("{year}", year)
