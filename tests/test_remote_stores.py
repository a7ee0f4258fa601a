"""Every named query gives the local rows through ``policykg serve``, ``oxigraph serve
--union-default-graph`` after ``push`` and Virtuoso after ``push`` (digest login); a result cut at the
server's row limit is an error; a push killed after its upload leaves no upload graph behind."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from servers import VIRTUOSO, VIRTUOSO_PASSWORD, Running, start_oxigraph, start_virtuoso

from policykg.queries import QueryError, get_query, list_queries
from policykg.queries.push import drop_stale_uploads, endpoints_for, push_file
from policykg.queries.remote import PASSWORD_ENV, Auth, RemoteStore, names_dataset, post_form
from policykg.queries.stores import MemoryStore, Store, run_named

VIRTUOSO_ROWS = 2000
"""The Virtuoso test server's ResultSetMaxRows: above every named query's rows on the seed."""


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory, seed_out: Path) -> Iterator[Running]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
    try:
        push_file(seed_out / "graph.trig", endpoints_for(server.url))
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory, seed_out: Path) -> Iterator[Running]:
    if VIRTUOSO is None:
        pytest.skip("Virtuoso is not installed (Debian package virtuoso-opensource; .ci/run installs it)")
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"), max_rows=VIRTUOSO_ROWS)
    try:
        push_file(seed_out / "graph.trig", virtuoso_endpoints(server))
        yield server
    finally:
        server.stop()


def virtuoso_endpoints(server: Running) -> Any:
    base = server.url.rsplit("/", 1)[0]
    auth = Auth("dba", VIRTUOSO_PASSWORD)
    return endpoints_for(server.url, base + "/sparql-auth", base + "/sparql-graph-crud-auth", auth)


def params_for(name: str, local: Store) -> dict[str, str]:
    """Values for the required parameters, read from the graph itself."""
    if name == "place_profile":
        return {"place": str(next(iter(run_named(local, get_query("reports"))))[1])}  # type: ignore[index]
    if name == "provenance":
        first = next(iter(run_named(local, get_query("observations"))))
        return {"resource": str(first["observation"])}  # type: ignore[index, call-overload]
    return {}


SEPARATOR = "\u3001"  # the GROUP_CONCAT separator of the named queries


def cell(term: Any, virtuoso: bool) -> str:
    """A value as text; a GROUP_CONCAT list sorted (its order is unspecified). Virtuoso 7.2 writes a
    non-ASCII separator constant as "?" (its values are right)."""
    text = "" if term is None else str(term)
    if virtuoso and "?" in text and not text.startswith("http"):
        text = text.replace("?", SEPARATOR)
    return SEPARATOR.join(sorted(text.split(SEPARATOR))) if SEPARATOR in text else text


def rows(store: Store, name: str, params: dict[str, str], virtuoso: bool = False) -> list[tuple[str, ...]]:
    """The rows as text, sorted: ties of an ORDER BY come in any order (several sources of one node in
    ``view_nodes``), and Virtuoso orders labels of different languages otherwise (the order SPARQL
    leaves open)."""
    result = run_named(store, get_query(name), params)
    return sorted(tuple(cell(t, virtuoso) for t in row) for row in result)  # type: ignore[union-attr]


def test_every_named_query_gives_the_local_rows_on_every_store(
    seed_graph: Graph, endpoint: Any, oxigraph: Running, virtuoso: Running
) -> None:
    local = MemoryStore(seed_graph)
    remotes = {"serve": endpoint.url, "oxigraph": oxigraph.url, "virtuoso": virtuoso.url}
    checked = 0
    for query in list_queries():
        params = params_for(query.name, local)
        expected = rows(local, query.name, params)
        for label, url in remotes.items():
            got = rows(RemoteStore(url), query.name, params, label == "virtuoso")
            assert got == expected, (query.name, label)
        checked += bool(expected)
    assert checked >= 15  # most queries have rows on the seed


FILTERED = [
    ("initiatives", {"place": "山西省"}),
    ("initiatives", {"sector": "科技创新", "place": "山西省"}),
    ("initiatives", {"type": "Policy", "place": "山西省"}),
    ("orphan_initiatives", {"place": "太原市"}),
]


def test_the_filters_give_the_local_rows_on_every_store(
    seed_graph: Graph, endpoint: Any, oxigraph: Running, virtuoso: Running
) -> None:
    """A filter is a sub-select that only runs when its parameter's VALUES row binds it."""
    local = MemoryStore(seed_graph)
    remotes = {"serve": endpoint.url, "oxigraph": oxigraph.url, "virtuoso": virtuoso.url}
    for name, params in FILTERED:
        expected = rows(local, name, params)
        assert expected, name
        for label, url in remotes.items():
            assert rows(RemoteStore(url), name, params, label == "virtuoso") == expected, (name, params, label)


def test_a_result_cut_at_the_server_row_limit_is_an_error(virtuoso: Running) -> None:
    with pytest.raises(QueryError, match="row limit"):
        RemoteStore(virtuoso.url).query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert len(RemoteStore(virtuoso.url).query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3")) == 3


def test_virtuoso_asks_for_digest_login(virtuoso: Running, seed_out: Path) -> None:
    base = virtuoso.url.rsplit("/", 1)[0]
    with pytest.raises(QueryError, match="401"):
        post_form(base + "/sparql-auth", {"query": "ASK {}"}, 10)
    from click.testing import CliRunner

    from policykg.cli import main

    args = ["query", "reports", "--endpoint", base + "/sparql-auth", "--user", "dba", "-f", "csv"]
    result = CliRunner().invoke(main, args, env={PASSWORD_ENV: VIRTUOSO_PASSWORD})
    assert result.exit_code == 0 and result.output.count("\n") == 2, result.output
    result = CliRunner().invoke(main, args, env={PASSWORD_ENV: None})
    assert result.exit_code == 1 and PASSWORD_ENV in result.output


def _uploads(url: str) -> list[str]:
    text = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:policykg:")) }'
    return [b["g"]["value"] for b in json.loads(post_form(url, {"query": text}, 10))["results"]["bindings"]]


def test_an_upload_left_by_a_killed_push_is_dropped_by_the_next(oxigraph: Running, seed_out: Path) -> None:
    ep = endpoints_for(oxigraph.url)
    stale = "urn:policykg:upload:0123456789ab:deadbeef"
    post_form(ep.update, {"update": f"INSERT DATA {{ GRAPH <{stale}> {{ <urn:s> <urn:p> <urn:o> }} }}"}, 10)
    assert _uploads(oxigraph.url) == [stale]
    push_file(seed_out / "graph.trig", ep)
    assert _uploads(oxigraph.url) == []
    assert drop_stale_uploads(ep) == []


def test_the_dataset_is_read_from_the_parsed_query() -> None:
    assert not names_dataset("#+ summary: graph of GRAPH\nSELECT ?graph WHERE { ?s <urn:inGraph> ?graph }")
    assert names_dataset("SELECT * FROM NAMED <urn:a> WHERE { ?s ?p ?o }")
    assert names_dataset("SELECT * WHERE { OPTIONAL { GRAPH <urn:a> { ?s ?p ?o } } }")
