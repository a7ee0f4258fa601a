"""The corpus as the comparison, place and index pages read it: reports, figures and initiatives.

The network views read nodes and edges; these pages read tables. Three named queries (``reports``,
``view_figures``, ``view_initiatives``) give every report with its place and year, every observation
with what a table cell needs (concept, kind, status, role, period, the figure as written and its
sentence) and every initiative with its report and sectors, once, as frozen values.

>>> from rdflib import Graph
>>> load_corpus(Graph()).reports
()
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from policykg.queries import get_query
from policykg.queries.stores import text_rows

if TYPE_CHECKING:
    from rdflib import Graph

    from policykg.queries.stores import Store


def local(iri: str | None) -> str:
    """The local name of an IRI (``pkg:GrowthRate`` → ``GrowthRate``); empty for None."""
    return "" if not iri else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def anchor(iri: str) -> str:
    """A short, stable HTML id for a resource: the same figure gets the same anchor in every build.

    >>> anchor("https://w3id.org/policykg/id/report/x/observation/1-2")
    'f-2d18fac556'
    """
    return "f-" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:10]


@lru_cache(maxsize=1)
def place_names_en() -> dict[str, str]:
    """English names of the provincial-level divisions by GB/T 2260 code (``assets/places_en.tsv``).

    The gazetteer names places in Chinese only; the pages need an English name for each province the
    comparison lists, so the 34 provincial-level divisions have one here, keyed by code.
    """
    text = files("policykg.exports").joinpath("assets", "places_en.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {code: name for code, name in rows}


@dataclass(frozen=True)
class Report:
    """One report: whose (place, GB/T 2260 code), when (year, years reviewed and targeted), its title."""

    iri: str
    place: str
    code: str | None
    year: int | None
    title: str | None = None
    reviewed: str | None = None
    targeted: str | None = None

    @property
    def place_en(self) -> str | None:
        """The place's English name, for provincial-level places."""
        return place_names_en().get(self.code or "")

    @property
    def key(self) -> str:
        """The place's key in file names: its code, else a hash of its name."""
        return self.code or hashlib.sha1(self.place.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Figure:
    """One observation as a table cell shows it, with the sentence and the figure's span in it."""

    iri: str
    report: str
    indicator: str
    concept: str | None
    concept_zh: str | None
    concept_en: str | None
    value: str
    unit: str
    number: float
    base_unit: str
    kind: str
    status: str
    role: str
    scope: str | None
    period: str
    place: str | None
    qualifier: str | None
    direction: str | None
    sentence: str
    highlight: tuple[int, int] | None
    order: int

    @property
    def text(self) -> str:
        """The figure as written with its unit, and a target's qualifier (``5%左右``); an actual's
        qualifier is left to its sentence (it is often the verb the reader kept beside the figure)."""
        qualifier = self.qualifier if self.status == "Target" else None
        return f"{self.value}{self.unit}{qualifier or ''}"

    @property
    def name(self) -> str:
        """The concept's Chinese label when the figure has one, else the indicator as written."""
        return self.concept_zh or self.indicator


@dataclass(frozen=True)
class Initiative:
    """An initiative of a report, with its type and sectors (IRIs)."""

    iri: str
    cls: str
    report: str
    label: str
    sectors: tuple[str, ...]
    outcomes: int
    order: int


@dataclass(frozen=True)
class Corpus:
    """Reports, figures, initiatives and sector labels of a graph, read once."""

    reports: tuple[Report, ...]
    figures: tuple[Figure, ...]
    initiatives: tuple[Initiative, ...]
    sectors: dict[str, tuple[str, str | None]]  # sector IRI -> (zh, en)

    @cached_property
    def by_iri(self) -> dict[str, Report]:
        """Reports by IRI."""
        return {r.iri: r for r in self.reports}

    @cached_property
    def places(self) -> dict[str, tuple[Report, ...]]:
        """The reports of each place (by key), oldest first; places in code order."""
        out: dict[str, list[Report]] = defaultdict(list)
        for r in sorted(self.reports, key=lambda r: (r.key, r.year or 0, r.iri)):
            out[r.key].append(r)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def figures_of(self) -> dict[str, tuple[Figure, ...]]:
        """The figures of each report, in the order the report states them."""
        out: dict[str, list[Figure]] = defaultdict(list)
        for f in self.figures:
            out[f.report].append(f)
        return {k: tuple(sorted(v, key=lambda f: (f.order, f.iri))) for k, v in out.items()}

    @cached_property
    def years(self) -> tuple[int, ...]:
        """The report years, oldest first."""
        return tuple(sorted({r.year for r in self.reports if r.year is not None}))

    def own(self, figure: Figure) -> bool:
        """Whether a figure is about its report's own place (not the nation's, not a city's)."""
        report = self.by_iri.get(figure.report)
        return report is not None and figure.place in (None, report.place)


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _reports(source: Graph | Store) -> tuple[Report, ...]:
    out = {}
    for iri, place, code, year, title, reviewed, targeted, _ in text_rows(source, get_query("reports"))[1]:
        if iri and iri not in out:
            out[iri] = Report(iri, place or local(iri), code, _int((year or "")[:4]), title, reviewed, targeted)
    return tuple(out.values())


def _highlight(sentence: str, begin: str | None, f_begin: str | None, f_end: str | None) -> tuple[int, int] | None:
    if begin is None or f_begin is None or f_end is None:
        return None
    start, end = int(f_begin) - int(begin), int(f_end) - int(begin)
    return (start, end) if 0 <= start < end <= len(sentence) else None


def _figures(source: Graph | Store) -> tuple[Figure, ...]:
    out: list[Figure] = []
    for row in text_rows(source, get_query("view_figures"))[1]:
        (iri, report, node, en, zh, indicator, value, unit, number, base, kind, status, role, scope, period) = row[:15]
        place, _code, qualifier, direction, sentence, s_begin, f_begin, f_end = row[15:]
        assert iri is not None and report is not None and sentence is not None
        out.append(
            Figure(
                iri,
                report,
                indicator or "",
                node if en else None,
                zh if en else None,
                en,
                value or "",
                unit or "",
                float(number or 0),
                base or "",
                local(kind),
                local(status),
                local(role),
                local(scope).removesuffix("Scope") or None,
                period or "",
                place,
                qualifier,
                local(direction) or None,
                sentence,
                _highlight(sentence, s_begin, f_begin, f_end),
                int(f_begin or 0),
            )
        )
    return tuple(out)


def _initiatives(source: Graph | Store) -> tuple[tuple[Initiative, ...], dict[str, tuple[str, str | None]]]:
    rows: dict[str, dict[str, Any]] = {}
    labels: dict[str, tuple[str, str | None]] = {}
    for iri, cls, report, label, sector, zh, en, outcomes, begin in text_rows(source, get_query("view_initiatives"))[1]:
        assert iri is not None and report is not None
        item = rows.setdefault(
            iri,
            {"cls": local(cls), "report": report, "label": label or local(iri), "sectors": [], "outcomes": 0},
        )
        item["outcomes"] = max(item["outcomes"], _int(outcomes) or 0)
        item["order"] = min(item.get("order", 1 << 40), _int(begin) or 0)
        if sector and sector not in item["sectors"]:
            item["sectors"].append(sector)
            labels[sector] = (zh or local(sector), en)
    initiatives = tuple(
        Initiative(i, d["cls"], d["report"], d["label"], tuple(d["sectors"]), d["outcomes"], d.get("order", 0))
        for i, d in rows.items()
    )
    return initiatives, labels


def load_corpus(source: Graph | Store) -> Corpus:
    """Read the reports, figures and initiatives of a graph or store through the named queries."""
    initiatives, sectors = _initiatives(source)
    return Corpus(_reports(source), _figures(source), initiatives, sectors)
