"""The place vocabulary of the scanner (lexicon ``places``), and how a town's name is cut out of text.

Kept apart from the scanner (``places.py``) so the scanner holds only the order in which it tries names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from policykg.graph_builder.entities.word_index import WordIndex, word_index
from policykg.graph_builder.lexicons import cached, lexicon
from policykg.graph_builder.lexicons.gazetteer import CHINA, Division, load, towns
from policykg.graph_builder.model import Place

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
    name_before_set: frozenset[str]
    name_before_lengths: tuple[int, ...]
    name_before_ends: frozenset[str]
    whole: tuple[str, ...]  # self and country words, longest first
    whole_set: frozenset[str]
    region_set: frozenset[str]
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
    openers: frozenset[str]  # characters after which a town or zone name may start (clause heads, 在, quotes, 和)
    idiom_prefixes: frozenset[str]  # every prefix of an idiom, which never stands for a town
    suffix_starts: frozenset[str]  # first characters of the suffixes of towns and zones
    route_marks: frozenset[str]  # characters that join the ends of a route or a link (至, —)
    venue_words: frozenset[str]  # characters before a place where something is held or goes (在, 赴)
    province_letters: frozenset[str]  # one-character names of provinces (川, 晋) that open a regional name
    gate_chars: frozenset[str]  # openers and the last characters of name_before: where a town may follow
    gate_pattern: re.Pattern[str]  # one of the gate characters


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
        frozenset(raw["town_name_before"]),
        tuple(sorted({len(w) for w in raw["town_name_before"]})),
        frozenset(w[-1] for w in raw["town_name_before"]),
        tuple(sorted(set(raw["self"]) | set(raw["country"]), key=len, reverse=True)),
        frozenset(raw["self"]) | frozenset(raw["country"]),
        frozenset(regions),
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
        openers=frozenset(HEAD)
        | frozenset(QUOTES)
        | frozenset(lex.chars("locatives") + lex.chars("name_conjunctions")),
        idiom_prefixes=frozenset(x[:n] for x in raw["idioms"] for n in range(1, len(x) + 1)),
        route_marks=frozenset(lex.chars("route_marks")),
        venue_words=frozenset(lex.chars("venue_words")),
        province_letters=frozenset(lex.chars("province_letters")),
        gate_chars=frozenset(HEAD)
        | frozenset(QUOTES)
        | frozenset(lex.chars("locatives") + lex.chars("name_conjunctions"))
        | frozenset(w[-1] for w in raw["town_name_before"]),
        gate_pattern=re.compile(
            "["
            + "".join(
                re.escape(c)
                for c in sorted(
                    set(HEAD)
                    | set(QUOTES)
                    | set(lex.chars("locatives") + lex.chars("name_conjunctions"))
                    | {w[-1] for w in raw["town_name_before"]}
                )
            )
            + "]"
        ),
        suffix_starts=frozenset(
            w[0] for w in [*lex.words("town_suffixes"), *raw["zone_suffixes"], lex.text("ethnic_town")]
        ),
    )


@cached
def name_index() -> WordIndex:
    """Every word the scanner tries at a position: idioms, whole-jurisdiction and country words, regions,
    direction words that open a local region, and the gazetteer's names (full and short forms)."""
    lex = place_lex()
    return word_index([*lex.idioms, *lex.whole, *lex.regions, *lex.region_heads, *load().by_name])


@cached
def short_heads() -> frozenset[str]:
    """The first three characters of every town's short form of three or more (亚布力 for 亚布力镇)."""
    return frozenset(short[:3] for short in towns().by_short if len(short) >= 3)


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
