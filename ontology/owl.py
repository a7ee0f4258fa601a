"""The owlready2 bridge: load the ontology (and optionally data) into an isolated World, run HermiT.

owlready2 reads RDF/XML and N-Triples but not Turtle, so graphs go through rdflib as N-Triples.
HermiT is used rather than Pellet because the Pellet bundled with owlready2 0.51 needs Java 25, while
HermiT runs on the Java 17 the project supports (Debian: ``default-jre-headless``).

Two things are removed before the reasoner sees a graph, because OWL 2 DL rejects them although
they are good RDF: ``rdf:type`` links from a property to a Data Cube component class (a property
cannot also be an instance of an ordinary class in owlready2's model) and literals whose datatype is
outside the OWL 2 datatype map (``xsd:gYear`` on report dates).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from policykg.ontology import OntologyError, load_ontology

Triple = tuple[str, str, str]
DATA_ONTOLOGY_IRI = "https://w3id.org/policykg/reasoning#"
JAVA_PACKAGE = "default-jre-headless"

_PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
_OWL2_DATATYPES = {
    XSD[name]
    for name in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger long int "
        "short byte unsignedLong unsignedInt unsignedShort unsignedByte double float string "
        "normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI "
        "dateTime dateTimeStamp"
    ).split()
} | {RDF.PlainLiteral, RDF.langString, RDF.XMLLiteral, OWL.real, OWL.rational, RDFS.Literal}


@dataclass(frozen=True)
class ReasonerReport:
    """What HermiT concluded: consistency, and the facts it added to the input."""

    consistent: bool
    inferred: frozenset[Triple]
    input_triples: int
    message: str = ""

    def has(self, subject: str, predicate: str, obj: str) -> bool:
        """Whether ``(subject, predicate, obj)`` (IRIs as strings) was inferred."""
        return (subject, predicate, obj) in self.inferred


def java_available() -> bool:
    """HermiT runs in a Java VM; without ``java`` on the PATH no OWL reasoning is possible."""
    return shutil.which("java") is not None


def reasoner_ready_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` without the triples OWL 2 DL tools refuse (see the module docstring)."""
    properties = {s for t in _PROPERTY_TYPES for s in graph.subjects(RDF.type, t)}
    out = Graph()
    for s, p, o in graph:
        if p == RDF.type and s in properties and o not in _PROPERTY_TYPES and not str(o).startswith(str(OWL)):
            continue
        if isinstance(o, Literal) and o.datatype is not None and o.datatype not in _OWL2_DATATYPES:
            continue
        out.add((s, p, o))
    return out


def reason(data: Graph | None = None, ontology: Graph | None = None) -> ReasonerReport:
    """Run HermiT on the ontology plus ``data``; return consistency and inferred facts.

    Each call uses a fresh ``owlready2.World`` so nothing leaks between calls or into the default
    world. Raises :class:`OntologyError` when Java is missing or the reasoner fails to run.
    """
    import owlready2

    if not java_available():
        raise OntologyError(f"OWL reasoning needs Java: install it (Debian: apt-get install {JAVA_PACKAGE})")
    merged = Graph()
    for part in (ontology if ontology is not None else load_ontology(), data):
        if part is not None:
            for triple in part:
                merged.add(triple)
    safe = reasoner_ready_graph(merged)
    world = owlready2.World()
    onto = world.get_ontology(DATA_ONTOLOGY_IRI)
    onto.load(fileobj=io.BytesIO(safe.serialize(format="nt", encoding="utf-8")), format="ntriples")
    before = _triples(world)
    try:
        with onto:
            owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        return ReasonerReport(False, frozenset(), len(safe), f"inconsistent: {exc}")
    except Exception as exc:  # the Java side reports failures as several exception types
        raise OntologyError(f"HermiT failed: {exc}") from exc
    inferred = (_triples(world) - before) | _indirect_types(world, onto, _subjects(data))
    asserted = {(str(s), str(p), str(o)) for s, p, o in safe}
    inferred = {t for t in inferred if t not in asserted and t[2] != str(OWL.Thing)}
    return ReasonerReport(True, frozenset(inferred), len(safe), "consistent")


def _triples(world: Any) -> set[Triple]:
    return {(str(s), str(p), str(o)) for s, p, o in world.as_rdflib_graph() if isinstance(o, URIRef)}


def _subjects(data: Graph | None) -> list[str]:
    if data is None:
        return []
    return sorted({str(s) for s in data.subjects() if isinstance(s, URIRef)})


def _indirect_types(world: Any, onto: Any, iris: Iterable[str]) -> set[Triple]:
    """Every class an individual belongs to, superclasses included (HermiT keeps only the direct ones)."""
    out: set[Triple] = set()
    for iri in iris:
        entity = world[iri]
        if entity is None or not hasattr(entity, "INDIRECT_is_a"):
            continue
        for cls in entity.INDIRECT_is_a:
            cls_iri = getattr(cls, "iri", None)
            if isinstance(cls_iri, str):
                out.add((iri, str(RDF.type), cls_iri))
    return out
