"""The one loader of the data the rules use: word lists, patterns and tables, read from package data.

Every Chinese word a rule matches lives in a file beside this module, so the rules can be read and
extended without touching code, and a word class is defined once however many rules use it:

* ``*.toml`` lexicons, one per stage (``read``, ``numbers``, ``observations``, ``places``,
  ``organisations``, ``initiatives``, ``relations``): word lists, small tables and regular expressions.
  A pattern names other entries as ``{{key}}`` (a word list becomes an escaped alternation, longest
  first; a pattern is inserted as a group) or ``{{lexicon:key}}`` for an entry of another lexicon.
* ``units.tsv`` (units as written, base unit, factor, IRI), ``gazetteer.tsv`` and ``townships.tsv.gz``
  (administrative divisions), ``sectors.ttl`` (the policy-domain scheme with its keywords).

Users can add to the packaged data without editing it: a folder named by ``POLICYKG_LEXICON_DIR``
may hold files of the same names; rows of a ``.tsv`` file are appended, lists of a ``.toml`` lexicon
extended and its tables updated.

>>> lexicon("numbers").table("magnitudes")["万"]
4
>>> lexicon("numbers").alternation("magnitudes")
'(?:万亿|千亿|百亿|千万|百万|亿|万)'
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

OVERLAY_ENV = "POLICYKG_LEXICON_DIR"
_REFERENCE = re.compile(r"\{\{(?:(?P<lexicon>[a-z_]+):)?(?P<key>[A-Za-z0-9_.]+)\}\}")
_CACHES: list[Any] = []
F = TypeVar("F", bound=Callable[..., Any])


class LexiconError(LookupError):
    """A lexicon entry a rule asks for is missing or malformed (a packaging error, not a user's)."""


def cached(func: F) -> F:
    """``functools.cache`` for anything computed from lexicon data, so :func:`clear` can reset it."""
    wrapped = cache(func)
    _CACHES.append(wrapped)
    return wrapped  # type: ignore[return-value]


def clear() -> None:
    """Forget everything read or computed from lexicon data (after ``POLICYKG_LEXICON_DIR`` changes)."""
    for c in _CACHES:
        c.cache_clear()


def _overlay(name: str) -> Path | None:
    folder = os.environ.get(OVERLAY_ENV)
    path = Path(folder) / name if folder else None
    return path if path is not None and path.is_file() else None


@cached
def data_text(name: str) -> str:
    """A packaged data file as text; a ``.tsv`` file gets the overlay folder's rows appended."""
    text = files(__name__).joinpath(name).read_text(encoding="utf-8")
    extra = _overlay(name) if name.endswith(".tsv") else None
    if extra is not None:
        text = text.rstrip("\n") + "\n" + extra.read_text(encoding="utf-8")
    return text


def data_bytes(name: str) -> bytes:
    """A packaged data file as bytes (compressed tables)."""
    return files(__name__).joinpath(name).read_bytes()


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            out[key] = _merge(old, value)
        else:
            out[key] = value
    return out


def _longest_first(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=lambda w: (-len(w), words.index(w))))


class Lexicon:
    """One TOML lexicon: word lists, tables and patterns under dotted keys."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name = name
        self.data = data
        self._words: dict[str, tuple[str, ...]] = {}
        self._values: dict[str, Any] = {}

    def value(self, key: str) -> Any:
        """The raw entry at a dotted key (``heads.Policy``); the path is walked once per key, since rules
        read the same tables for every sentence."""
        try:
            return self._values[key]
        except KeyError:
            found = self._values[key] = self._walk(key)
            return found

    def _walk(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise LexiconError(f"lexicon {self.name}: no entry {key!r}")
            node = node[part]
        return node

    def words(self, key: str) -> tuple[str, ...]:
        """A word list in the order written (or a table's keys); checked once, then kept, since rules ask
        for the same lists for every sentence."""
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = self._read_words(key)
        return found

    def _read_words(self, key: str) -> tuple[str, ...]:
        value = self.value(key)
        if isinstance(value, dict):
            return tuple(value)
        if isinstance(value, str):
            return tuple(value)  # a string of single characters
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise LexiconError(f"lexicon {self.name}: {key!r} is not a word list")
        return tuple(value)

    def longest_first(self, key: str) -> tuple[str, ...]:
        """A word list sorted longest first (ties keep their written order), for greedy matching."""
        return _cached_longest(self.name, key)

    def set(self, key: str) -> frozenset[str]:
        return _cached_set(self.name, key)

    def chars(self, key: str) -> str:
        """A list of single characters (or a string of them) as one string, for ``in`` tests."""
        return "".join(self.words(key))

    def table(self, key: str) -> dict[str, Any]:
        value = self.value(key)
        if not isinstance(value, dict):
            raise LexiconError(f"lexicon {self.name}: {key!r} is not a table")
        return value

    def number(self, key: str) -> int:
        value = self.value(key)
        if not isinstance(value, int):
            raise LexiconError(f"lexicon {self.name}: {key!r} is not a number")
        return value

    def text(self, key: str) -> str:
        value = self.value(key)
        if not isinstance(value, str):
            raise LexiconError(f"lexicon {self.name}: {key!r} is not a string")
        return value

    def alternation(self, key: str) -> str:
        """A word list as a regex group: ``[省市县]`` for single characters, else ``(?:万亿|亿|万)``."""
        return _cached_alternation(self.name, key)

    def regex(self, key: str) -> str:
        """The text of pattern ``key`` with its ``{{references}}`` expanded."""
        return _cached_regex(self.name, key)

    def pattern(self, key: str, flags: int = 0) -> re.Pattern[str]:
        """Pattern ``key`` compiled (once per process)."""
        return _cached_pattern(self.name, key, flags)


@cached
def lexicon(name: str) -> Lexicon:
    """The lexicon ``<name>.toml``, with the overlay folder's entries merged in."""
    try:
        data = tomllib.loads(files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(f"no lexicon {name!r} in the package") from None
    extra = _overlay(f"{name}.toml")
    if extra is not None:
        data = _merge(data, tomllib.loads(extra.read_text(encoding="utf-8")))
    return Lexicon(name, data)


@cached
def _cached_longest(name: str, key: str) -> tuple[str, ...]:
    return _longest_first(lexicon(name).words(key))


@cached
def _cached_set(name: str, key: str) -> frozenset[str]:
    return frozenset(lexicon(name).words(key))


@cached
def _cached_alternation(name: str, key: str) -> str:
    words = _cached_longest(name, key)
    if not words:
        raise LexiconError(f"lexicon {name}: {key!r} is empty")
    if all(len(w) == 1 for w in words):
        return "[" + "".join(re.escape(w) if w in "]\\^-" else w for w in words) + "]"
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


@cached
def _cached_regex(name: str, key: str) -> str:
    lex = lexicon(name)
    raw = lex.value(key)
    if not isinstance(raw, str):
        raise LexiconError(f"lexicon {name}: pattern {key!r} is not a string")

    def expand(m: re.Match[str]) -> str:
        other = lexicon(m.group("lexicon") or name)
        entry = other.value(m.group("key"))
        if isinstance(entry, str) and m.group("key").startswith("patterns."):
            return "(?:" + _cached_regex(other.name, m.group("key")) + ")"
        return _cached_alternation(other.name, m.group("key"))

    return _REFERENCE.sub(expand, raw)


@cached
def _cached_pattern(name: str, key: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(_cached_regex(name, key), flags)
    except re.error as exc:
        raise LexiconError(f"lexicon {name}: pattern {key!r} does not compile: {exc}") from None
