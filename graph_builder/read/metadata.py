"""Who reports, at which level, and for which year: read from the report's title or opening.

A report rarely says all of this in one place; we read the title (``2026年山西省政府工作报告``), the
congress it was delivered to (``在呼伦贝尔市海拉尔区第十五届人民代表大会…``) and the years it names,
from the report's title block (its first real lines, joined across line breaks, page chrome dropped)
and the opening of its text.
"""

from __future__ import annotations

import re
from collections import Counter

from policykg.graph_builder.lexicons import lexicon
from policykg.graph_builder.model import ReportMeta
from policykg.graph_builder.read.frame import complete_title, frame, is_furniture, title_of

_OPENING = 1500


def _pattern(name: str) -> re.Pattern[str]:
    """A pattern of lexicon ``read``: the title, the congress and the years an opening names."""
    return lexicon("read").pattern(f"patterns.{name}")


def level_of(place: str) -> str | None:
    """Administrative level from the name's suffix.

    >>> level_of("山西省"), level_of("太原市"), level_of("海拉尔区"), level_of("偏关县")
    ('province', 'prefecture', 'county', 'county')
    """
    words = lexicon("read")
    if place.endswith(words.words("province_suffixes")) or place in words.set("municipalities"):
        return "province"
    if place.endswith(words.words("prefecture_suffixes")):
        return "prefecture"
    if place.endswith(words.words("county_suffixes")):
        return "county"
    return None


def detect_meta(text: str, place: str | None = None, year: int | None = None) -> ReportMeta:
    """Report metadata; ``place`` and ``year`` given by the user win over what is detected.

    >>> m = detect_meta("2026年山西省政府工作报告\\n\\n各位代表：现在，我代表省人民政府作报告。")
    >>> m.place, m.year, m.reviewed_period, m.target_period
    ('山西省', 2026, '2025', '2026')
    """
    bounds = frame(text)
    opening = "".join(bounds.head) + "\n" + text[bounds.begin : bounds.begin + _OPENING]
    first = next((line.strip() for line in text.splitlines() if line.strip() and not is_furniture(line)), "")
    title = _clean_title(title_of(bounds.head, first)[:200])
    found_place, found_year = None, None
    m = _pattern("title").search(opening)
    if m:
        found_place, found_year = m.group("place"), int(m.group("year"))
    if found_place is None:
        m2 = _pattern("congress").search(opening) or _pattern("place_before_government").search(opening)
        if m2:
            found_place = _clean_place(m2.group("place"))
    reviewed = None
    r = _pattern("review").search(opening)
    if r:
        reviewed = int(r.group(1) or r.group(2))
    if found_year is None:
        p = _pattern("plan").search(opening)
        if p:
            found_year = int(p.group(1))
        elif reviewed is not None:
            found_year = reviewed + 1
        else:
            years = Counter(int(y) for y in _pattern("year").findall(opening))
            if years:
                found_year = max(years)
    place = place or found_place
    year = year or found_year
    if year is not None and reviewed is None:
        reviewed = year - 1
    return ReportMeta(
        title=complete_title(title, place, year),
        place=place,
        place_code=None,
        level=level_of(place) if place else None,
        year=year,
        reviewed_period=str(reviewed) if reviewed is not None else None,
        target_period=str(year) if year is not None else None,
    )


def _clean_title(title: str) -> str:
    """A web page title without its site name: ``2025年某市政府工作报告_某市人民政府门户网站``.

    >>> _clean_title("2025年某市政府工作报告_某市人民政府门户网站"), _clean_title("2025年某市政府工作报告")
    ('2025年某市政府工作报告', '2025年某市政府工作报告')
    """
    return _pattern("site_name").sub("", title) or title


def _clean_place(name: str) -> str:
    """Drop words that precede a place in a congress name (在, 于, 召开的 ...)."""
    venue = lexicon("read").text("venue_word")
    if venue in name:  # ——2025年1月10日在呼伦贝尔市海拉尔区第十五届人民代表大会…
        name = name[name.rindex(venue) + len(venue) :]
    return _pattern("place_lead").sub("", name)
