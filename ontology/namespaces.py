"""Every RDF prefix the project uses, declared once.

Other modules import these names instead of spelling IRIs, so a prefix can never drift between the
builder, the queries and the exports.
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespaceMeta

PKG = Namespace("https://w3id.org/policykg/ontology#")
"""The policykg ontology: classes and properties."""

ID = Namespace("https://w3id.org/policykg/id/")
"""Base of every resource minted by the builder (reports, places, observations ...)."""

QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ORG = Namespace("http://www.w3.org/ns/org#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
SH = Namespace("http://www.w3.org/ns/shacl#")
INTERVAL = Namespace("http://reference.data.gov.uk/id/")
"""UK government reference intervals (year/2023, gregorian-interval/...), the usual refPeriod values."""

PREFIXES: dict[str, Namespace | DefinedNamespaceMeta] = {
    "pkg": PKG,
    "pkgid": ID,
    "qb": QB,
    "sdmx-dimension": SDMX_DIMENSION,
    "sdmx-measure": SDMX_MEASURE,
    "sdmx-attribute": SDMX_ATTRIBUTE,
    "nif": NIF,
    "org": ORG,
    "geo": GEO,
    "qudt": QUDT,
    "unit": UNIT,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
    "interval": INTERVAL,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes (and only those) so every serialisation reads the same."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """PREFIX lines for every project prefix, prepended to named and ad-hoc queries."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
