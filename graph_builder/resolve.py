"""From what the extractors wrote down to the graph's terms: unit IRIs, place codes and place IRIs.

The extractors keep units and places as written (亿千瓦时, 全省, 太原市); the writer needs IRIs. Doing
the lookups here keeps ``rdf.py`` a plain writer and gives one place where a unit or a place name is
resolved, whatever the output.
"""

from __future__ import annotations

from rdflib import URIRef

from policykg.graph_builder import iris
from policykg.graph_builder.lexicons import lexicon
from policykg.graph_builder.lexicons.gazetteer import code_for
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
    code = o.place_code
    if code is None and o.place and o.place not in lexicon("places").set("self"):
        code = code_for(o.place, meta.place_code)
    return iris.place(code) if code else report_place(meta)
