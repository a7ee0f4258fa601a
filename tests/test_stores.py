"""The embedded Oxigraph store answers every named query with the rows of rdflib's memory store."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef

from policykg.queries import get_query, list_queries
from policykg.queries.stores import MemoryStore, OxigraphStore, answer_named, inject_values, run_named

EVIL = '山西省" || "a" = "a'
R = "https://w3id.org/policykg/id/"


def _cell(term: Any) -> Any:
    """A value comparable across stores: numbers by value (Oxigraph stores xsd:nonNegativeInteger as
    xsd:integer), lists built by GROUP_CONCAT as sets (their order is not defined)."""
    if term is None or not isinstance(term, Literal):
        return term
    if (term.datatype is not None and isinstance(term.toPython(), int | float)) or "decimal" in str(term.datatype):
        return ("number", term.toPython())
    if "、" in term:
        return ("list", frozenset(term.split("、")), term.language)
    return term


def _rows(result: Any) -> Counter[tuple[Any, ...]]:
    return Counter(tuple(_cell(v) for v in row) for row in result)


@pytest.fixture(scope="module")
def stores(seed_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> tuple[MemoryStore, OxigraphStore]:
    ox = OxigraphStore(tmp_path_factory.mktemp("ox") / "store", writable=True)
    nquads = seed_graph.serialize(format="nt", encoding="utf-8").replace(b" .\n", b" <urn:report> .\n")
    ox.load_dataset(nquads)
    return MemoryStore(seed_graph), ox


def _params(seed_graph: Graph) -> dict[str, dict[str, str]]:
    obs = min(str(s) for s in seed_graph.subjects() if "/observation/" in str(s))
    return {"provenance": {"resource": obs}, "place_profile": {"place": "山西省"}}


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_same_rows_in_memory_and_oxigraph(
    name: str, stores: tuple[MemoryStore, OxigraphStore], seed_graph: Graph
) -> None:
    memory, ox = stores
    query = get_query(name)
    params = _params(seed_graph).get(name, {})
    expected, got = _rows(run_named(memory, query, params)), _rows(run_named(ox, query, params))
    assert got == expected
    assert sum(expected.values()) > 0 or name in {
        "orphan_initiatives",
        "targets",
        "targets_vs_outcomes",
    }  # none in the seed


FILTERED = [
    ("initiatives", {"place": "山西省"}),
    ("initiatives", {"place": "太原市"}),
    ("initiatives", {"sector": "科技创新"}),
    ("initiatives", {"type": "Policy", "place": "山西省"}),
    ("orphan_initiatives", {"place": "山西省"}),
]


@pytest.mark.parametrize(("name", "params"), FILTERED)
def test_a_filter_narrows_to_the_same_rows_in_memory_and_oxigraph(
    name: str, params: dict[str, str], stores: tuple[MemoryStore, OxigraphStore]
) -> None:
    """The filters are sub-selects skipped when their parameter is not given: given, they must narrow."""
    memory, ox = stores
    query = get_query(name)
    everything = sum(_rows(run_named(memory, query, {})).values())
    expected, got = _rows(run_named(memory, query, params)), _rows(run_named(ox, query, params))
    assert got == expected
    assert 0 < sum(expected.values()) < everything


def test_a_place_filter_takes_in_the_places_within(stores: tuple[MemoryStore, OxigraphStore]) -> None:
    for store in stores:
        province, city = (
            {str(r.label) for r in run_named(store, get_query("initiatives"), {"place": p})}
            for p in ("山西省", "太原市")
        )  # type: ignore[union-attr]
        assert city and city < province, type(store).__name__


def test_a_filter_that_matches_nothing_is_no_rows_in_every_store(stores: tuple[MemoryStore, OxigraphStore]) -> None:
    """rdflib yields one empty solution for a GROUP BY without groups; the table leaves it out."""
    for store in stores:
        for name in ("initiatives", "orphan_initiatives", "sector_indicators"):
            param = "sector" if name == "sector_indicators" else "place"
            assert answer_named(store, get_query(name), {param: "无此地"}).rows == [], (type(store).__name__, name)


def test_injection_is_one_literal_for_every_binding_mechanism(stores: tuple[MemoryStore, OxigraphStore]) -> None:
    """initBindings (memory) and the VALUES row (Oxigraph, remote) both see one odd place name."""
    text_params = [(q, p.name) for q in list_queries() for p in q.params if p.type in {"string", "langstring"}]
    assert len(text_params) >= 10
    for store in stores:
        for query, param in text_params:
            assert list(run_named(store, query, {param: EVIL})) == [], (type(store).__name__, query.name, param)
    block = inject_values("SELECT ?x WHERE { ?x ?p ?place }", {"place": Literal(EVIL)})
    assert 'VALUES (?place) { ("山西省\\" || \\"a\\" = \\"a"^^<http://www.w3.org/2001/XMLSchema#string>) }' in block
    with pytest.raises(Exception, match="not an IRI"):
        inject_values("SELECT ?x WHERE { ?x ?p ?r }", {"r": URIRef("urn:a> } ; DROP ALL ; <urn:b")})


TWO_REPORTS = """
<{R}ind/gdp> <http://www.w3.org/2004/02/skos/core#prefLabel> "地区生产总值"@zh <{R}g/{n}> .
<{R}ind/gdp> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/policykg/ontology#Indicator> <{R}g/{n}> .
<{R}obs/{n}> <https://w3id.org/policykg/ontology#indicator> <{R}ind/gdp> <{R}g/{n}> .
"""


def _two(n: str, extra: str = "") -> bytes:
    return (TWO_REPORTS.replace("{R}", R).replace("{n}", n) + extra).encode("utf-8")


def test_union_is_a_set_not_a_bag_of_quads(tmp_path: Path) -> None:
    """A triple every report repeats counts once (the corpus blow-up: rows x reports per join)."""
    ox = OxigraphStore(tmp_path / "store", writable=True)
    ox.load_dataset(_two("1") + _two("2"))
    q = "SELECT ?l ?o WHERE { ?i a pkg:Indicator ; skos:prefLabel ?l . ?o pkg:indicator ?i }"
    assert len(ox.query(q)) == 2
    (row,) = run_named(ox, get_query("indicator_search"), {"text": "生产总值"})
    assert int(row.observations) == 2
    # reloading one report replaces its triples in the union too
    ox.load_dataset(_two("2").replace("地区生产总值".encode(), "生产总值".encode()))
    labels = {str(r.l) for r in ox.query("SELECT DISTINCT ?l WHERE { ?i skos:prefLabel ?l }")}
    assert labels == {"地区生产总值", "生产总值"}
    ox.load_dataset(_two("1").replace("地区生产总值".encode(), "生产总值".encode()))
    assert {str(r.l) for r in ox.query("SELECT DISTINCT ?l WHERE { ?i skos:prefLabel ?l }")} == {"生产总值"}


def test_text_rows_are_the_same_from_a_graph_and_a_store(
    stores: tuple[MemoryStore, OxigraphStore], seed_graph: Graph
) -> None:
    """Pages read rows as text; a graph gives them through rdflib, a store straight from its cells."""
    from policykg.queries.stores import text_rows

    _, ox = stores
    for name in ("view_nodes", "view_figures", "observations"):
        names, from_graph = text_rows(seed_graph, get_query(name))
        same_names, from_store = text_rows(ox, get_query(name))
        assert names == same_names and from_graph and sorted(from_graph, key=str) == sorted(from_store, key=str)
        assert all(cell is None or type(cell) is str for row in from_store for cell in row)
    values = {cell for row in text_rows(ox, get_query("observations"))[1] for cell in row}
    assert "地区生产总值" in values and not any(v and v.startswith(("<", '"')) for v in values)
