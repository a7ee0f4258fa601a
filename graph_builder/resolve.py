"""From what the extractors wrote down to the graph's terms: unit IRIs, place codes and place IRIs.

The extractors keep units and places as written (亿千瓦时, 全省, 太原市); the writer needs IRIs. Doing
the lookups here keeps ``rdf.py`` a plain writer and gives one place where a unit or a place name is
resolved, whatever the output.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from policykg.graph_builder import iris
from policykg.graph_builder.lexicons import cached, lexicon
from policykg.graph_builder.lexicons.gazetteer import code_for, load
from policykg.graph_builder.lexicons.units import lookup, unit_table
from policykg.graph_builder.model import Observation, ReportMeta
from policykg.ontology.namespaces import ID

UNIT_PREFIXES = {
    "unit": "http://qudt.org/vocab/unit/",
    "cur": "http://qudt.org/vocab/currency/",
    "pkgunit": str(ID) + "unit/",
}
"""The CURIE prefixes of the unit table's IRI column."""


def unit_iri(curie: str) -> URIRef:
    """The IRI of a unit table CURIE (``unit:KiloW``, ``cur:CNY``, ``pkgunit:Mu``)."""
    prefix, _, local = curie.partition(":")
    return URIRef(UNIT_PREFIXES[prefix] + local)


def unit_of(written: str, base: str) -> URIRef | None:
    """The unit IRI for a unit as written: magnitude words are removed one at a time only while the
    rest is not a unit (亿千瓦时 → 千瓦时, but 百分点 stays), then any unit with the same base unit (成 → %).

    >>> str(unit_of("亿千瓦时", "kWh")).rsplit("/", 1)[-1], str(unit_of("成", "percent")).rsplit("/", 1)[-1]
    ('KiloW-HR', 'PERCENT')
    """
    magnitudes = lexicon("numbers").longest_first("magnitudes")
    rest = written
    while True:
        unit = lookup(rest)
        if unit is not None:
            return unit_iri(unit.iri)
        head = next((m for m in magnitudes if rest.startswith(m) and len(rest) > len(m)), None)
        if head is None:
            break
        rest = rest[len(head) :]
    same_base = next((u for u in unit_table().values() if u.base == base), None)
    return unit_iri(same_base.iri) if same_base else None


def report_place(meta: ReportMeta) -> URIRef | None:
    """The report's own place: its GB/T 2260 IRI, else an IRI made from its name, else None."""
    if meta.place_code:
        return iris.place(meta.place_code)
    if meta.place:
        return ID[f"place/name/{iris.slug(meta.place)}"]
    return None


def is_national(o: Observation) -> bool:
    """A figure stated for the whole country (全国), as opposed to the report's place or a division in it."""
    return o.place is not None and o.place in lexicon("places").set("country")


def observation_area(o: Observation, meta: ReportMeta) -> URIRef | None:
    """The place a figure is about: its own code, a named division, else the report's place.

    Words for the whole jurisdiction (全省, 我市) are the report's place, never looked up.
    """
    code = _area_code(o, meta)
    return iris.place(code) if code else report_place(meta)


def _area_code(o: Observation, meta: ReportMeta) -> str | None:
    """The code of a division the figure names itself (None: the report's own place)."""
    code = o.place_code
    if code is None and o.place and o.place not in lexicon("places").set("self"):
        code = code_for(o.place, meta.place_code)
    return code


def observation_place_name(o: Observation, meta: ReportMeta, national: bool) -> str | None:
    """The preferred name of the figure's reference area (浙江省 for 全省, 中国 for 全国): one per figure.

    A division's official name from the gazetteer, else the report's place as detected. The contract
    query reads this one literal, so a place known by two labels does not double an observation.
    """
    if national:
        return str(lexicon("labels").table("country")["zh"])
    return division_name(_area_code(o, meta) or meta.place_code, meta.place)


def division_name(code: str | None, written: str | None) -> str | None:
    """The official name of a GB/T 2260 division (广西壮族自治区), else the name as written."""
    division = load().by_code.get(code) if code else None
    return division.name if division is not None else written


@dataclass(frozen=True)
class Concept:
    """A shared indicator concept of lexicon ``indicators``: one measure, whatever a report calls it."""

    key: str  # stable ASCII id, the last segment of its IRI
    zh: str
    en: str
    alt: tuple[str, ...]


@cached
def _concepts() -> dict[str, Concept]:
    table: dict[str, Concept] = {}
    for key, entry in lexicon("indicators").table("concepts").items():
        concept = Concept(key, entry["zh"], entry["en"], tuple(entry.get("alt", ())))
        for name in (concept.zh, *concept.alt):
            table.setdefault(name, concept)
    return table


def indicator_concept(name: str) -> Concept | None:
    """The shared concept a name is one of (its preferred or an alternative label), else None.

    >>> indicator_concept("生产总值").zh, indicator_concept("人均可支配收入") is None
    ('地区生产总值', True)
    """
    return _concepts().get(name.strip())
