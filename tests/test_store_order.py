"""Rows from the Oxigraph store (sorted in Python, see ``queries.oxigraph.ordered_in_python``) come in
the order rdflib's memory store gives them, by every named query's ORDER BY keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, Variable

import policykg
from policykg.queries import get_query, list_queries
from policykg.queries.oxigraph import ordered_in_python
from policykg.queries.stores import MemoryStore, OxigraphStore, run_named


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[MemoryStore, OxigraphStore, dict[str, Any]]:
    build = policykg.build(out=tmp_path_factory.mktemp("order"))
    assert build.store is not None
    obs = min(str(s) for s in build.graph.subjects() if "/observation/" in str(s))
    params = {"provenance": {"resource": obs}, "place_profile": {"place": "山西省"}}
    return MemoryStore(build.graph), OxigraphStore(build.store), params


def _key(term: Any) -> Any:
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype).endswith(("integer", "decimal")):
        return float(term)
    return term


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_rows_come_in_the_same_order(name: str, stores: tuple[MemoryStore, OxigraphStore, dict[str, Any]]) -> None:
    memory, ox, params = stores
    query = get_query(name)
    found = ordered_in_python(query.text)
    keys = [Variable(v) for v, _ in found[1]] if found else []
    mem = run_named(memory, query, params.get(name, {}))
    oxi = run_named(ox, query, params.get(name, {}))
    assert [str(v) for v in mem.vars or []] == [str(v) for v in oxi.vars or []]
    visible = [k for k in keys if k in (mem.vars or [])]
    by = [[_key(row.get(k)) for k in visible] for row in mem.bindings]
    assert by == [[_key(row.get(k)) for k in visible] for row in oxi.bindings]


def test_which_orders_are_taken_out_of_the_query() -> None:
    text, keys, added = ordered_in_python("SELECT ?a ?b WHERE { ?a ?p ?b ; ?q ?c }\nORDER BY DESC(?b) ?c ?a") or (
        "",
        [],
        [],
    )
    assert keys == [("b", True), ("c", False), ("a", False)] and added == ["c"]
    assert text.startswith("SELECT ?a ?b ?c WHERE") and "ORDER BY" not in text
    assert ordered_in_python("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 5") is None
    assert ordered_in_python("SELECT DISTINCT ?a WHERE { ?a ?p ?b } ORDER BY ?b") is None
    assert ordered_in_python("SELECT ?a WHERE { ?a ?p ?b } ORDER BY STR(?a)") is None
    # a variable read inside a computed column is not a column: the store sorts by it
    assert ordered_in_python("SELECT (STR(?b) AS ?v) WHERE { ?a ?p ?b } ORDER BY ?b") is None
    text, _, added = ordered_in_python("SELECT ?a (STR(?b) AS ?v) WHERE { ?a ?p ?b } ORDER BY ?v ?a") or ("", [], [])
    assert added == [] and text.startswith("SELECT ?a (STR(?b) AS ?v) WHERE")
    assert ordered_in_python("SELECT * WHERE { ?a ?p ?b } ORDER BY ?b")


def test_oxigraph_memory_store_reads_a_graph_file(seed_ttl: Path, seed_graph: Graph) -> None:
    rows = list(run_named(OxigraphStore.in_memory(seed_ttl), get_query("observations")))
    assert len(rows) == len(list(run_named(MemoryStore(seed_graph), get_query("observations")))) > 100
