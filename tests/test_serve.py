"""The SPARQL endpoint answers a standard client, refuses updates, and its page works offline."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from rdflib import Graph

from policykg.queries.endpoint import Limits, make_server
from policykg.queries.stores import MemoryStore


@pytest.fixture(scope="module")
def base(seed_graph: Graph) -> Iterator[str]:
    server = make_server(MemoryStore(seed_graph), "127.0.0.1", 0, Limits(seconds=20, rows=1000))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_sparqlwrapper_gets_json(base: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(base + "/sparql")
    client.setQuery(
        "PREFIX pkg: <https://w3id.org/policykg/ontology#> SELECT (COUNT(?o) AS ?n) WHERE { ?o pkg:indicator ?i }"
    )
    client.setReturnFormat(JSON)
    data: Any = client.query().convert()
    assert int(data["results"]["bindings"][0]["n"]["value"]) > 100


def _get(url: str, accept: str = "", data: bytes | None = None, ctype: str = "") -> tuple[int, str, str]:
    req = urllib.request.Request(
        url, data=data, headers={k: v for k, v in (("Accept", accept), ("Content-Type", ctype)) if v}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers["Content-Type"], r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode("utf-8")


def test_negotiation_named_query_and_limits(base: str) -> None:
    status, ctype, body = _get(base + "/named/indicator_series", "text/csv")
    assert status == 200 and ctype.startswith("text/csv") and "2570000000000" in body
    q = urllib.parse.quote("CONSTRUCT { ?r a pkg:Report } WHERE { ?r a pkg:Report }")
    status, ctype, body = _get(f"{base}/sparql?query={q}", "application/n-triples")
    assert status == 200 and "ontology#Report>" in body
    status, _, body = _get(
        base + "/sparql", "text/tab-separated-values", b"SELECT * WHERE { ?s ?p ?o }", "application/sparql-query"
    )
    assert status == 413 and "limit of 1000" in body


def test_updates_are_refused(base: str) -> None:
    for data, ctype in (
        (b"update=DROP+ALL", "application/x-www-form-urlencoded"),
        (b"DROP ALL", "application/sparql-update"),
        (b"query=DROP+ALL", "application/x-www-form-urlencoded"),
    ):
        status, _, body = _get(base + "/sparql", data=data, ctype=ctype)
        assert status == 403 and "not allowed" in body
    assert _get(base + "/named/indicator_series", "text/csv")[0] == 200


@pytest.mark.browser
def test_query_page_runs_a_named_query_offline(base: str, offline_page: Any) -> None:
    page = offline_page
    page.route(base + "/**", lambda route: route.continue_())
    page.goto(base + "/")
    box = page.locator("#q-growth_above")
    box.locator("input[name=threshold]").fill("8")
    box.locator("button").click()
    page.wait_for_selector("#results td")
    assert "制造业增加值" in page.inner_text("#results")
    assert page.blocked == []
