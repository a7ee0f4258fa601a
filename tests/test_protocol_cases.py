"""The SPARQL 1.1 Protocol's query cases (after the W3C protocol test suite, on the project's data):
every way to send a query, the protocol dataset, the media type of each query form, and the requests
that must be refused."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from typing import Any

import pytest

REPORT = "https://w3id.org/policykg/id/report/140000-2024-e49ef2b9/graph"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
FORM = "application/x-www-form-urlencoded"


def send(endpoint: Any, method: str, query: str = "", body: bytes | None = None, **headers: str) -> Any:
    """One raw request (http.client adds no Content-Type of its own); the response, read."""
    host, port = endpoint.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(method, "/sparql" + (f"?{query}" if query else ""), body=body, headers=headers)
        response = conn.getresponse()
        response.data = response.read()
        return response
    finally:
        conn.close()


def enc(pairs: list[tuple[str, str]]) -> str:
    return urllib.parse.urlencode(pairs)


def rows(response: Any) -> list[dict[str, Any]]:
    assert response.status == 200, response.data
    assert response.getheader("Content-Type").startswith("application/sparql-results+json")
    bindings: list[dict[str, Any]] = json.loads(response.data)["results"]["bindings"]
    return bindings


def count(response: Any) -> int:
    return int(rows(response)[0]["n"]["value"])


@pytest.fixture(scope="module")
def total(endpoint: Any) -> int:
    return count(send(endpoint, "GET", enc([("query", COUNT)]), Accept="application/sparql-results+json"))


J = {"Accept": "application/sparql-results+json"}


def test_query_get(endpoint: Any, total: int) -> None:
    assert total > 5000


def test_query_post_form(endpoint: Any, total: int) -> None:
    body = enc([("query", COUNT)]).encode()
    assert count(send(endpoint, "POST", body=body, **{"Content-Type": FORM}, **J)) == total


def test_query_post_direct(endpoint: Any, total: int) -> None:
    ctype = {"Content-Type": "application/sparql-query; charset=UTF-8"}
    assert count(send(endpoint, "POST", body=COUNT.encode(), **ctype, **J)) == total


def test_query_dataset_default_graph(endpoint: Any, total: int) -> None:
    assert count(send(endpoint, "GET", enc([("query", COUNT), ("default-graph-uri", REPORT)]), **J)) == total


def test_query_dataset_default_graphs_get(endpoint: Any, total: int) -> None:
    query = enc([("query", COUNT), ("default-graph-uri", REPORT), ("default-graph-uri", "urn:x-absent")])
    assert count(send(endpoint, "GET", query, **J)) == total


def test_query_dataset_default_graphs_post(endpoint: Any) -> None:
    body = enc([("query", COUNT), ("default-graph-uri", "urn:x-absent"), ("default-graph-uri", "urn:x-other")])
    assert count(send(endpoint, "POST", body=body.encode(), **{"Content-Type": FORM}, **J)) == 0


def test_query_dataset_named_graphs_post(endpoint: Any) -> None:
    body = enc([("query", NAMED), ("named-graph-uri", REPORT), ("named-graph-uri", "urn:x-absent")]).encode()
    assert [r["g"]["value"] for r in rows(send(endpoint, "POST", body=body, **{"Content-Type": FORM}, **J))] == [REPORT]


def test_query_dataset_named_graphs_get(endpoint: Any) -> None:
    query = enc([("query", NAMED), ("named-graph-uri", "urn:x-absent")])
    assert rows(send(endpoint, "GET", query, **J)) == []


def test_query_dataset_full(endpoint: Any, total: int) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    query = enc([("query", text), ("default-graph-uri", REPORT), ("named-graph-uri", REPORT)])
    assert count(send(endpoint, "GET", query, **J)) == 2 * total


def test_query_multiple_dataset(endpoint: Any) -> None:
    """The protocol's dataset wins over the query's FROM."""
    text = f"SELECT (COUNT(*) AS ?n) FROM <{REPORT}> WHERE {{ ?s ?p ?o }}"
    assert count(send(endpoint, "GET", enc([("query", text), ("default-graph-uri", "urn:x-absent")]), **J)) == 0


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", ("application/sparql-results+json", "application/sparql-results+xml")),
        ("ASK { ?s ?p ?o }", ("application/sparql-results+json", "application/sparql-results+xml")),
        ("DESCRIBE ?s WHERE { ?s a pkg:Report }", ("text/turtle", "application/rdf+xml")),
        ("CONSTRUCT { ?s a pkg:Report } WHERE { ?s a pkg:Report }", ("text/turtle", "application/rdf+xml")),
    ],
    ids=["select", "ask", "describe", "construct"],
)
def test_query_content_type(endpoint: Any, text: str, types: tuple[str, ...]) -> None:
    accept = ", ".join(types) + ", */*;q=0.1"
    response = send(endpoint, "GET", enc([("query", text)]), Accept=accept)
    assert response.status == 200 and response.getheader("Content-Type").split(";")[0] in types
    assert response.getheader("Vary") == "Accept"


def test_bad_query_method(endpoint: Any) -> None:
    assert send(endpoint, "PUT", enc([("query", COUNT)]), body=b"").status == 405


def test_bad_multiple_queries(endpoint: Any) -> None:
    assert send(endpoint, "GET", enc([("query", COUNT), ("query", "ASK {}")])).status == 400


def test_bad_query_wrong_media_type(endpoint: Any) -> None:
    assert send(endpoint, "POST", body=COUNT.encode(), **{"Content-Type": "text/plain"}).status == 415


def test_bad_query_missing_form_type(endpoint: Any) -> None:
    assert send(endpoint, "POST", body=enc([("query", COUNT)]).encode()).status == 415


def test_bad_query_missing_direct_type(endpoint: Any) -> None:
    assert send(endpoint, "POST", body=COUNT.encode()).status == 415


def test_bad_query_non_utf8(endpoint: Any) -> None:
    ctype = {"Content-Type": "application/sparql-query; charset=ISO-8859-1"}
    assert send(endpoint, "POST", body='ASK { ?s ?p "é" }'.encode("latin-1"), **ctype).status in {400, 415}


def test_bad_query_syntax(endpoint: Any) -> None:
    response = send(endpoint, "GET", enc([("query", "SELECT * WHERE { ?s ?p ")]))
    assert response.status == 400 and b"malformed SPARQL" in response.data
