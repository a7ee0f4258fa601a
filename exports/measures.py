"""The measures places are compared on, and the one figure each place reports for each.

A measure is an indicator concept (the shared node every report's name for it points at) with a kind:
GDP is compared as a growth rate and as a level. For each place and measure the comparison picks the
actual figure for the year compared, the target set for it (by the same report or an earlier one) with
met or missed, and the target for the year after: a place's own figure (not the nation's it is set
against, not a city's), a reported result (not a streak's length), the first the report states (the
headline figure comes before any breakdown). A range target (5%—5.5%) is its two bounds.

>>> MEASURES[0].key, MEASURES[0].kind
('grp-growth', 'GrowthRate')
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from functools import cached_property

from policykg.exports.corpus import Corpus, Figure, Report, local

CONVERT = {"jin": ("t", 0.0005)}
"""Base units compared in another one: grain is reported in 亿斤 (jin) by some and 万吨 (t) by others."""


@dataclass(frozen=True)
class Measure:
    """A concept (by the id of its IRI) compared as one kind, with the base unit its numbers share."""

    key: str
    concept: str
    kind: str
    base_unit: str

    def matches(self, figure: Figure, name: str = "") -> bool:
        """Whether a figure measures this: its concept and kind, a unit the comparison can convert, and a
        rate written in per cent (翻一番, doubling, is a growth rate too, but over years, never a headline).

        A figure whose indicator as written reached no concept still counts when that name holds the
        concept's Chinese label ``name`` (a verb or particle the reader kept beside the indicator)."""
        unit = CONVERT.get(figure.base_unit, (figure.base_unit, 1.0))[0]
        named = figure.concept is None and bool(name) and name in figure.indicator
        if (local(figure.concept) != self.concept and not named) or figure.kind != self.kind or unit != self.base_unit:
            return False
        return unit != "percent" or "%" in figure.unit


MEASURES: tuple[Measure, ...] = (
    Measure("grp-growth", "gross-regional-product", "GrowthRate", "percent"),
    Measure("grp-level", "gross-regional-product", "Level", "CNY"),
    Measure("industry-growth", "industrial-value-added", "GrowthRate", "percent"),
    Measure("investment-growth", "fixed-asset-investment", "GrowthRate", "percent"),
    Measure("retail-growth", "retail-sales", "GrowthRate", "percent"),
    Measure("trade-growth", "foreign-trade", "GrowthRate", "percent"),
    Measure("revenue-growth", "general-budget-revenue", "GrowthRate", "percent"),
    Measure("income-growth", "per-capita-disposable-income", "GrowthRate", "percent"),
    Measure("urban-income-growth", "urban-per-capita-disposable-income", "GrowthRate", "percent"),
    Measure("rural-income-growth", "rural-per-capita-disposable-income", "GrowthRate", "percent"),
    Measure("jobs", "new-urban-jobs", "Count", "person"),
    Measure("unemployment", "surveyed-urban-unemployment-rate", "Share", "percent"),
    Measure("cpi", "consumer-price-index", "GrowthRate", "percent"),
    Measure("grain", "grain-output", "Level", "t"),
    Measure("urbanisation", "urbanisation-rate", "Share", "percent"),
    Measure("rd-intensity", "rd-intensity", "Share", "percent"),
)
"""The canonical measures, in the order the pages show them (the headline economic figures first)."""

ABBREVIATIONS = {"gdp": "gross-regional-product", "grp": "gross-regional-product", "cpi": "consumer-price-index"}
"""English abbreviations an analyst types for ``--indicator``."""

KIND_NAMES = {
    "GrowthRate": ("增速", "growth"),
    "Level": ("总量", "level"),
    "Count": ("数量", "count"),
    "Share": ("比率", "rate"),
    "Change": ("变化", "change"),
    "Rank": ("排名", "rank"),
}


@dataclass(frozen=True)
class Value:
    """A reported figure or range: the figures it was read from, and its number(s) in the base unit."""

    figures: tuple[Figure, ...]

    @property
    def first(self) -> Figure:
        return self.figures[0]

    @property
    def low(self) -> float:
        return min(_number(f) for f in self.figures)

    @property
    def high(self) -> float:
        return max(_number(f) for f in self.figures)

    @property
    def text(self) -> str:
        """As written: ``5.4%``, ``4.5—5%``, ``5%左右``."""
        return self.first.text


def _number(f: Figure) -> float:
    return f.number * CONVERT.get(f.base_unit, ("", 1.0))[1]


@dataclass(frozen=True)
class Cell:
    """One place and measure: actual for the year, the target for it, met or missed, next year's target."""

    actual: Value | None = None
    target: Value | None = None
    next_target: Value | None = None
    previous: Value | None = None

    @property
    def met(self) -> bool | None:
        """Whether the actual reached the target (a range's lower bound; at most for a falling target)."""
        if self.actual is None or self.target is None:
            return None
        if self.target.first.direction == "Down":
            return self.actual.low <= self.target.high
        return self.actual.low >= self.target.low


@dataclass(frozen=True)
class Row:
    """A place: its latest report and its cells by measure key."""

    report: Report
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Comparison:
    """Places × measures for one year: actuals of ``year``, targets for it and for ``year + 1``."""

    year: int
    rows: tuple[Row, ...]
    measures: tuple[Measure, ...]
    concepts: dict[str, tuple[str, str]]  # concept id -> (zh, en) label, as the graph gives them

    @cached_property
    def labels(self) -> dict[str, tuple[str, str]]:
        """Each measure's (zh, en) label: the concept's, with the kind when a concept has several measures."""
        out = {}
        for m in self.measures:
            zh, en = self.concepts.get(m.concept, (m.concept, m.concept))
            if m.kind == "GrowthRate" or sum(1 for x in MEASURES if x.concept == m.concept) > 1:
                kz, ke = KIND_NAMES.get(m.kind, (m.kind, m.kind))
                zh, en = f"{zh}{kz}", f"{en}, {ke}"
            out[m.key] = (zh, en)
        return out

    def filled(self, key: str) -> int:
        """How many places report an actual or a target for a measure."""
        return sum(1 for r in self.rows if r.cells[key].actual or r.cells[key].next_target)

    def median(self, key: str) -> float | None:
        """The median actual of a measure across places (None without any)."""
        values = [c.actual.low for r in self.rows if (c := r.cells[key]).actual]
        return statistics.median(values) if values else None


def pick(
    corpus: Corpus,
    reports: tuple[Report, ...],
    measure: Measure,
    status: str,
    period: str,
    name: str = "",
    near: Value | None = None,
) -> Value | None:
    """The figure a place reports for a measure, status and period: its own, a result; the latest report
    that states one wins. An actual is the first the report states (the headline before any breakdown); a
    level ``near`` the growth rate it goes with is one in that rate's sentence, or named as the rate is (a
    report also gives its counties' and its region's totals of the same concept); a target the last (a report opening a five-year plan outlines the plan's averages before the year's
    targets paragraph). A range comes back as its two bounds."""
    for report in sorted(reports, key=lambda r: (-(r.year or 0), r.iri)):
        found = [
            f
            for f in corpus.figures_of.get(report.iri, ())
            if f.status == status
            and f.period == period
            and f.role == "Result"
            and measure.matches(f, name)
            and corpus.own(f)
        ]
        if found and near is not None:
            found = [f for f in found if f.sentence == near.first.sentence] or [
                f for f in found if f.indicator == near.first.indicator
            ]
        if found:
            first = found[0] if status == "Actual" else found[-1]
            bounds = tuple(f for f in found if f.sentence == first.sentence and f.value == first.value)
            return Value(bounds)
    return None


def default_year(corpus: Corpus) -> int | None:
    """The year most reports review (the latest when tied): the year a comparison shows actuals for."""
    years = [int(r.reviewed) for r in corpus.reports if r.reviewed and r.reviewed.isdigit()]
    if not years:
        return (corpus.years[-1] - 1) if corpus.years else None
    return max(set(years), key=lambda y: (years.count(y), y))


def compare(corpus: Corpus, year: int | None = None, measures: tuple[Measure, ...] = MEASURES) -> Comparison:
    """Every place (one row each, in code order) × the measures, for ``year`` (default: the year most
    reports review)."""
    y = year if year is not None else default_year(corpus) or 0
    labels = concept_labels(corpus)
    rows = []
    for reports in corpus.places.values():
        cells: dict[str, Cell] = {}
        for m in sorted(measures, key=lambda m: m.kind != "GrowthRate"):
            rate = next((cells[x.key] for x in measures if x.concept == m.concept and x.key in cells), None)
            cells[m.key] = Cell(
                *(
                    pick(corpus, reports, m, status, str(period), labels.get(m.concept, ("", ""))[0], near)
                    for status, period, near in (
                        ("Actual", y, rate.actual if rate and m.kind == "Level" else None),
                        ("Target", y, None),
                        ("Target", y + 1, None),
                        ("Actual", y - 1, rate.previous if rate and m.kind == "Level" else None),
                    )
                )
            )
        rows.append(Row(reports[-1], {m.key: cells[m.key] for m in measures}))
    return Comparison(y, tuple(rows), measures, labels)


def concept_labels(corpus: Corpus) -> dict[str, tuple[str, str]]:
    """Concept id → (Chinese, English) preferred label, for the concepts the corpus's figures use."""
    return {local(f.concept): (f.concept_zh or "", f.concept_en or "") for f in corpus.figures if f.concept}


def find_measures(corpus: Corpus, name: str) -> tuple[Measure, ...]:
    """The measures whose concept is named ``name`` (its id, Chinese or English label, or a name a report
    writes for it), for ``view compare --indicator``; empty when none is."""
    wanted = name.strip().lower()
    concepts = {
        local(f.concept)
        for f in corpus.figures
        if f.concept and wanted in {(f.concept_zh or "").lower(), (f.concept_en or "").lower(), f.indicator.lower()}
    }
    concepts |= {m.concept for m in MEASURES if wanted in (m.concept, m.key)}
    concepts |= {ABBREVIATIONS[wanted]} if wanted in ABBREVIATIONS else set()
    return tuple(m for m in MEASURES if m.concept in concepts)
