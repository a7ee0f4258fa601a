"""Counts for the build summary, read back from the graph that was written."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from policykg.exports.views import INITIATIVE_CLASSES, PLACE_CLASSES
from policykg.ontology.namespaces import ORG, PKG, QB


def _count(graph: Graph, classes: list[URIRef]) -> int:
    return len({s for c in classes for s in graph.subjects(RDF.type, c)})


def graph_counts(graph: Graph) -> dict[str, int]:
    """Triples and the main kinds of node."""
    return {
        "triples": len(graph),
        "observations": _count(graph, [QB.Observation]),
        "indicators": _count(graph, [PKG.Indicator]),
        "initiatives": _count(graph, [PKG[c] for c in INITIATIVE_CLASSES]),
        "organisations": _count(graph, [ORG.Organization, PKG.Organization]),
        "places": _count(graph, [PKG[c] for c in PLACE_CLASSES]),
        "sectors": len(set(graph.objects(None, PKG.sector))),
    }
