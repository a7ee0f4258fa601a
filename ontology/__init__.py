"""Layer 0: the policykg vocabulary (namespaces, the OWL ontology, SHACL shapes).

Errors: :class:`PolicykgError` is the base of every layer's error; :class:`OntologyError` when the
bundled ontology or shapes cannot be read.
"""

from __future__ import annotations

from importlib.resources import files

from rdflib import Graph

from policykg.ontology.errors import OntologyError, PolicykgError
from policykg.ontology.namespaces import ID, PKG, PREFIXES, bind_prefixes

__all__ = [
    "ID",
    "PKG",
    "PREFIXES",
    "OntologyError",
    "PolicykgError",
    "Problem",
    "ValidationReport",
    "bind_prefixes",
    "load_ontology",
    "ontology_text",
    "validate_graph",
]


def ontology_text(name: str = "policykg.ttl") -> str:
    """Text of a bundled Turtle file (``policykg.ttl`` or ``shapes.ttl``)."""
    try:
        return files("policykg.ontology").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise OntologyError(f"bundled file {name!r} is missing from the ontology package") from exc


def load_ontology(name: str = "policykg.ttl") -> Graph:
    """Parse a bundled Turtle file into a fresh rdflib graph."""
    graph = bind_prefixes(Graph())
    try:
        graph.parse(data=ontology_text(name), format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        raise OntologyError(f"cannot parse {name}: {exc}") from exc
    return graph


# After the names above exist: validate.py imports them (pySHACL itself is imported only when used).
from policykg.ontology.validate import Problem, ValidationReport, validate_graph  # noqa: E402
