"""The policy-domain scheme (``sectors.ttl``): SKOS concepts with keywords and GB/T 4754 / COFOG mappings.

Parsed once per process: the sector tagger reads the domains' keywords from it and the RDF writer
copies its triples into every graph.
"""

from __future__ import annotations

from rdflib import Graph

from policykg.graph_builder.lexicons import cached, data_text


@cached
def sector_scheme() -> Graph:
    """The scheme as an rdflib graph; treat it as read-only."""
    return Graph().parse(data=data_text("sectors.ttl"), format="turtle")
