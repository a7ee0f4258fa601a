"""The place vocabulary of the scanner (lexicon ``places``), and how a town's name is cut out of text.

Kept apart from the scanner (``places.py``) so the scanner holds only the order in which it tries names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from policykg.graph_builder.lexicons import cached, lexicon
from policykg.graph_builder.lexicons.gazetteer import CHINA, Division
from policykg.graph_builder.model import Place

MAX_NAME = 16
HEAD = set("，。；：、（）(),;:！？")
QUOTES = '“《「"'  # after an opening quote a proper name may start
HAN = re.compile(r"[\u4e00-\u9fff]+")  # Chinese characters: the letters of a name


@dataclass(frozen=True)
class PlaceLex:
    self_words: frozenset[str]
    country: frozenset[str]
    regions: tuple[str, ...]
    region_suffixes: tuple[str, ...]
    region_heads: frozenset[str]
    common: frozenset[str]
    idioms: tuple[str, ...]
    settlement_suffixes: tuple[str, ...]
    zone_suffixes: tuple[str, ...]
    not_settlements: frozenset[str]
    not_stems: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    name_reach: int
    name_before: tuple[str, ...]
    whole: tuple[str, ...]  # self and country words, longest first
    whole_levels: dict[str, str]  # last character of a self word → the level it names
    country_name: str
    stem_stop: frozenset[str]
    town_stem_stop: frozenset[str]  # stem_stop without the conjunctions a town's name may hold
    conjunctions: str
    locatives: str
    town_suffixes: tuple[str, ...]
    one_char_towns: frozenset[str]  # the town suffixes of one character (镇, 乡)
    ethnic_town: str
    town_not_before: frozenset[str]
    town_stem_not_start: frozenset[str]
    town_stem_not_end: frozenset[str]
    level_marks: tuple[str, ...]
    village_suffixes: frozenset[str]


@cached
def place_lex() -> PlaceLex:
    lex = lexicon("places")
    raw: dict[str, Any] = lex.data
    stem_stop = lex.set("stem_stop")
    regions = [r for r in raw["regions"] if r not in set(raw["not_regions"])]
    return PlaceLex(
        frozenset(raw["self"]),
        frozenset(raw["country"]),
        tuple(sorted(regions, key=len, reverse=True)),
        tuple(raw["region_suffixes"]),
        frozenset(raw["region_heads"]),
        frozenset(raw["common_words"]),
        tuple(raw["idioms"]),
        tuple(raw["settlement_suffixes"]),
        tuple(sorted(raw["zone_suffixes"], key=len, reverse=True)),
        frozenset(raw["not_settlements"]),
        tuple(raw["settlement_not_stems"]),
        tuple(raw["town_name_suffixes"]),
        int(raw["town_name_reach"]),
        tuple(raw["town_name_before"]),
        tuple(sorted(set(raw["self"]) | set(raw["country"]), key=len, reverse=True)),
        whole_levels=lex.table("whole_levels"),
        country_name=lex.text("country_name"),
        stem_stop=stem_stop,
        town_stem_stop=stem_stop - lex.set("name_conjunctions"),
        conjunctions=lex.chars("name_conjunctions"),
        locatives=lex.chars("locatives"),
        town_suffixes=lex.words("town_suffixes"),
        one_char_towns=frozenset(w for w in lex.words("town_suffixes") if len(w) == 1),
        ethnic_town=lex.text("ethnic_town"),
        town_not_before=lex.set("town_not_before"),
        town_stem_not_start=lex.set("town_stem_not_start"),
        town_stem_not_end=lex.set("town_stem_not_end"),
        level_marks=lex.words("level_marks"),
        village_suffixes=lex.set("village_suffixes"),
    )


def china() -> Place:
    return Place(CHINA, place_lex().country_name, "country")


def division_place(d: Division) -> Place:
    return Place(d.code, d.name, d.level, d.code, d.parent)


def town_name(text: str, i: int) -> str | None:
    """A town or township name at ``text[i]`` (stem of two to four characters, then its suffix)."""
    lex = place_lex()
    for n in range(2, 5):
        stem = text[i : i + n]
        if (
            len(stem) < n
            or not HAN.fullmatch(stem)
            or any(ch in lex.town_stem_stop for ch in stem)
            or stem[-1] in lex.town_stem_not_end
            or stem[0] in lex.town_stem_not_start
        ):
            return None
        rest = text[i + n : i + n + 5]
        ethnic = rest.find(lex.ethnic_town)
        if 0 < ethnic <= 2:
            suffix = rest[: ethnic + len(lex.ethnic_town)]
        else:
            suffix = next((x for x in lex.town_suffixes if rest.startswith(x)), "")
        after = text[i + n + len(suffix) : i + n + len(suffix) + 1]
        if suffix and after not in lex.town_not_before:
            return stem + suffix
    return None
