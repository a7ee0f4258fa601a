"""Every word of a lexicon that starts at each position of a text, found in one pass.

The entity extractors look words up where they stand: a place name, a sector keyword, an introducing
verb. Trying each word of a lexicon at each character costs the size of the lexicon per character
(thousands of gazetteer names); this index files the words under their first two characters (the
first one for words of one character), so a position costs one dictionary look-up and only the few
words that share its opening are compared.

>>> index = word_index(["山西", "山西省", "太原", "省"])
>>> index.at("山西省太原市", 0), index.at("山西省太原市", 2)
(('山西省', '山西'), ('省',))
>>> index.starts("在山西省太原市")
[(1, ('山西省', '山西')), (3, ('省',)), (4, ('太原',))]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from policykg.graph_builder.read.text import clause_bounds


@dataclass(frozen=True)
class WordIndex:
    """Words filed by their opening: two characters, or one for words of a single character."""

    by_pair: dict[str, tuple[str, ...]]  # longest first
    singles: frozenset[str]

    @cached_property
    def any_word(self) -> re.Pattern[str]:
        """Every word as one pattern: a text without a match needs no pass (compiled when first asked)."""
        words = sorted({w for ws in self.by_pair.values() for w in ws} | self.singles, key=lambda w: (-len(w), w))
        return re.compile("|".join(re.escape(w) for w in words) or "(?!)")

    @cached_property
    def first_letters(self) -> re.Pattern[str]:
        """The characters words start with, as one class: positions worth a look-up."""
        letters = {w[0] for ws in self.by_pair.values() for w in ws} | self.singles
        return re.compile("[" + "".join(re.escape(c) for c in sorted(letters)) + "]" if letters else "(?!)")

    def at(self, text: str, i: int) -> tuple[str, ...]:
        """The words that start at ``text[i]``, longest first."""
        longer = self.by_pair.get(text[i : i + 2], ())
        found = tuple(w for w in longer if text.startswith(w, i)) if longer else ()
        if self.singles and text[i : i + 1] in self.singles:
            found += (text[i],)
        return found

    def starts(self, text: str) -> list[tuple[int, tuple[str, ...]]]:
        """Every position where a word starts, with its words (longest first), left to right."""
        out: list[tuple[int, tuple[str, ...]]] = []
        first = self.any_word.search(text)
        if first is None:
            return out
        get, singles = self.by_pair.get, self.singles
        # no word starts before the first match, nor where no word's first letter stands
        for letter in self.first_letters.finditer(text, first.start()):
            i = letter.start()
            longer = get(text[i : i + 2])
            single = bool(singles) and text[i] in singles
            if longer is None and not single:
                continue
            found = tuple(w for w in longer if text.startswith(w, i)) if longer else ()
            if single:
                found += (text[i],)
            if found:
                out.append((i, found))
        return out

    def last(self, text: str) -> dict[str, int]:
        """Each word that occurs in ``text`` and where its last occurrence starts."""
        return {w: i for i, words in self.starts(text) for w in words}


def word_index(words: Iterable[str]) -> WordIndex:
    """Index a word list (empty words are ignored; duplicates kept once)."""
    unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    by_pair: dict[str, list[str]] = {}
    for w in unique:
        if len(w) > 1:
            by_pair.setdefault(w[:2], []).append(w)
    singles = frozenset(w for w in unique if len(w) == 1)
    return WordIndex({k: tuple(v) for k, v in by_pair.items()}, singles)


@lru_cache(maxsize=4096)
def clauses(sentence: str) -> tuple[tuple[int, int], ...]:
    """The clauses of a sentence (``read.text.clause_bounds``), cut once however many extractors ask.

    >>> clauses("增长5%,其中A增长3%。")
    ((0, 4), (5, 12))
    """
    return tuple(clause_bounds(sentence))
