"""The clients people use against ``policykg serve``: SPARQLWrapper over every query form, return
format and method, and rdflib's SPARQLStore over every query form and result format."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

PKG = "PREFIX pkg: <https://w3id.org/policykg/ontology#> "
FORMS = {
    "SELECT": PKG + "SELECT ?r WHERE { ?r a pkg:Report }",
    "ASK": PKG + "ASK { ?r a pkg:Report }",
    "CONSTRUCT": PKG + "CONSTRUCT { ?r a pkg:Report } WHERE { ?r a pkg:Report }",
    "DESCRIBE": PKG + "DESCRIBE ?r WHERE { ?r a pkg:Report }",
}
RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA = {
    "xml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "turtle": "text/turtle",
    "n3": "text/turtle",
    "json-ld": "application/ld+json",
    "rdf": "application/rdf+xml",
}


def _expected(form: str, fmt: str) -> str | None:
    """The media type a form and SPARQLWrapper format must get; None for a combination SPARQLWrapper
    itself calls invalid (e.g. Turtle for a SELECT): the form's default type answers it."""
    table = GRAPH_MEDIA if form in {"CONSTRUCT", "DESCRIBE"} else RESULT_MEDIA
    return table.get(fmt)


def _combinations() -> list[tuple[str, str, str]]:
    from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDF, RDFXML, TSV, TURTLE, XML

    formats = (JSON, XML, CSV, TSV, TURTLE, N3, JSONLD, RDFXML, RDF)
    return [(form, fmt, method) for form in FORMS for fmt in formats for method in ("GET", "POST")]


@pytest.mark.parametrize(("form", "fmt", "method"), _combinations())
def test_sparqlwrapper(endpoint: Any, form: str, fmt: str, method: str) -> None:
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(endpoint.url)
    client.setQuery(FORMS[form])
    client.setReturnFormat(fmt)
    client.setMethod(method)
    expected = _expected(form, fmt)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.query()
        media = response.response.headers["Content-Type"].split(";")[0]
        converted = response.convert()
    mismatch = [str(w.message) for w in caught if "has been returned" in str(w.message)]
    if expected is None:
        default = "text/turtle" if form in {"CONSTRUCT", "DESCRIBE"} else "application/sparql-results+json"
        assert media == default
        return
    assert media == expected and not mismatch
    if form in {"CONSTRUCT", "DESCRIBE"}:
        from rdflib import Graph

        graph = Graph().parse(data=converted, format="turtle") if isinstance(converted, bytes) else converted
        assert "ontology#Report" in graph.serialize(format="nt")
    elif form == "ASK" and fmt == "json":
        assert converted["boolean"] is True
    else:
        assert converted  # a parsed document, or the CSV/TSV bytes


@pytest.mark.parametrize("fmt", ["xml", "json", "csv", "tsv"])
def test_rdflib_sparqlstore(endpoint: Any, fmt: str) -> None:
    from rdflib import Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(SPARQLStore(endpoint.url, returnFormat=fmt))
    report = URIRef("https://w3id.org/policykg/ontology#Report")
    rows = list(graph.query(FORMS["SELECT"]))
    assert len(rows) == 1 and str(rows[0][0]).startswith("https://w3id.org/policykg/id/report/")
    if fmt in {"xml", "json"}:  # SPARQL CSV/TSV carry no boolean and no graph
        assert graph.query(FORMS["ASK"]).askAnswer is True
        for form in ("CONSTRUCT", "DESCRIBE"):
            triples = list(graph.query(FORMS[form]))
            assert any(t[2] == report for t in triples), form
    assert graph.query(PKG + "ASK { ?r a pkg:Nothing }").askAnswer is False if fmt in {"xml", "json"} else True
    assert (None, None, report) in graph if fmt in {"xml", "json"} else True
