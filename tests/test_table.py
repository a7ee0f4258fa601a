"""Rows as cells: the same answer read from Oxigraph and from rdflib gives the same cells, the same
sorted order, and the same rdflib terms back."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from policykg.queries.results import to_csv, to_tsv, to_xml
from policykg.queries.table import Cell, from_oxigraph, from_rdflib, sort_table, to_rdflib

DATA = """
@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:v "10"^^xsd:integer ; ex:l "太原"@zh ; ex:s "line\\tone" .
ex:b ex:v "9.5"^^xsd:decimal ; ex:l "Taiyuan"@en ; ex:s "two"^^xsd:string .
ex:c ex:v "x" ; ex:s [ ex:p 1 ] .
"""
QUERY = "SELECT ?x ?v ?l ?s WHERE { ?x <http://example.org/v> ?v OPTIONAL { ?x <http://example.org/l> ?l } OPTIONAL { ?x <http://example.org/s> ?s } }"


def _tables() -> tuple[object, object]:
    store = ox.Store()
    store.load(DATA.encode(), format=ox.RdfFormat.TURTLE)
    ours = from_oxigraph(store.query(QUERY))
    theirs = from_rdflib(Graph().parse(data=DATA, format="turtle").query(QUERY))
    return ours, theirs


def test_both_engines_give_the_same_cells_in_sparql_order() -> None:
    ours, theirs = _tables()
    keys = [("v", False), ("x", False)]
    a, b = sort_table(ours, keys, []), sort_table(theirs, keys, [])  # type: ignore[arg-type]
    plain = [[None if c is None or c.kind == "bnode" else c for c in row] for row in a.rows]
    assert plain == [[None if c is None or c.kind == "bnode" else c for c in row] for row in b.rows]
    # numbers by value (9.5 before 10), then text
    assert [row[1] for row in a.rows] == [
        Cell("literal", "9.5", "http://www.w3.org/2001/XMLSchema#decimal"),
        Cell("literal", "10", "http://www.w3.org/2001/XMLSchema#integer"),
        Cell("literal", "x"),
    ]
    assert a.rows[1][2] == Cell("literal", "太原", None, "zh") and a.rows[0][3] == Cell("literal", "two")
    assert a.rows[2][3] is not None and a.rows[2][3].kind == "bnode"


def test_renderers_and_rdflib_terms() -> None:
    ours, _ = _tables()
    table = sort_table(ours, [("v", False)], ["l"])  # type: ignore[arg-type]
    assert table.vars == ["x", "v", "s"] and to_csv(table).splitlines()[2] == "http://example.org/a,10,line\tone"
    assert (
        to_tsv(table).splitlines()[2]
        == '<http://example.org/a>\t"10"^^<http://www.w3.org/2001/XMLSchema#integer>\t"line\\tone"'
    )
    assert '<literal datatype="http://www.w3.org/2001/XMLSchema#integer">10</literal>' in to_xml(table)
    result = to_rdflib(table)
    first = list(result)[1]
    assert first[0] == URIRef("http://example.org/a") and first[1] == Literal(10) and first[2] == Literal("line\tone")
