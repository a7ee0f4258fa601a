"""The SPARQL endpoint: the protocol's details, its dataset, what it refuses, and how it holds up."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from policykg.queries.endpoint import Limits, make_server
from policykg.queries.serving import prepare
from policykg.queries.workers import Pool

REPORT_GRAPH = "https://w3id.org/policykg/id/report/140000-2024-e49ef2b9/graph"


def call(
    url: str, accept: str = "", data: bytes | None = None, ctype: str = "", method: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    headers = {k: v for k, v in (("Accept", accept), ("Content-Type", ctype)) if v}
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), exc.read()


def q(text: str, **extra: str) -> str:
    return urllib.parse.urlencode({"query": text, **extra})


def test_named_query_negotiation_and_row_limit(endpoint: Any) -> None:
    status, headers, body = call(endpoint.base + "/named/indicator_series", "text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and b"2570000000000" in body
    assert headers["Vary"] == "Accept"
    status, _, body = call(
        f"{endpoint.url}?{q('CONSTRUCT { ?r a pkg:Report } WHERE { ?r a pkg:Report }')}", "text/plain"
    )
    assert status == 200 and b"ontology#Report>" in body
    status, _, body = call(endpoint.url, "", b"SELECT * WHERE { ?s ?p ?o }", "application/sparql-query")
    assert status == 413 and b"limit of 5000" in body


def test_updates_are_refused_in_every_form(endpoint: Any) -> None:
    for data, ctype in (
        (b"update=DROP+ALL", "application/x-www-form-urlencoded"),
        (b"DROP ALL", "application/sparql-update"),
        (b"query=DROP+ALL", "application/x-www-form-urlencoded"),
        (b"query=PREFIX+a%3A+%3Curn%3Ax%3E+%23+c%0AINSERT+DATA+%7B%7D", "application/x-www-form-urlencoded"),
    ):
        status, _, body = call(endpoint.url, data=data, ctype=ctype)
        assert status == 403 and b"not allowed" in body, data
    assert call(endpoint.base + "/named/indicator_series", "text/csv")[0] == 200


def test_dataset_named_graphs_and_protocol_dataset(endpoint: Any) -> None:
    def count(text: str, **extra: str) -> int:
        status, _, body = call(f"{endpoint.url}?{q(text, **extra)}", "application/sparql-results+json")
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    everything = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == everything > 5000
    assert count(f"SELECT (COUNT(*) AS ?n) FROM <{REPORT_GRAPH}> WHERE {{ ?s ?p ?o }}") == everything
    assert count("SELECT (COUNT(*) AS ?n) FROM <urn:none> WHERE { ?s ?p ?o }") == 0
    assert count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": "urn:none"}) == 0
    named = {"named-graph-uri": REPORT_GRAPH}
    assert count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", **named) == everything
    assert count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **named) == 0
    # the protocol's dataset wins over the query's FROM
    text = f"SELECT (COUNT(*) AS ?n) FROM <{REPORT_GRAPH}> WHERE {{ ?s ?p ?o }}"
    assert count(text, **{"default-graph-uri": "urn:none"}) == 0


def test_protocol_details(endpoint: Any) -> None:
    two = endpoint.url + "?query=ASK%7B%7D&query=ASK%7B%7D"
    assert call(two)[0] == 400
    status, headers, body = call(endpoint.url + "?" + q("ASK {}"), method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0
    status, headers, _ = call(endpoint.url, method="OPTIONS")
    assert status == 204 and "POST" in headers["Allow"] and "Access-Control-Allow-Origin" not in headers
    status, headers, body = call(endpoint.url)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert b"sd:SPARQL11Query" in body and REPORT_GRAPH.encode() in body
    for method in ("PUT", "DELETE"):
        assert call(endpoint.url + "?" + q("ASK {}"), data=b"", method=method)[0] == 405
    construct = q("CONSTRUCT { ?r a pkg:Report } WHERE { ?r a pkg:Report }")
    status, _, body = call(f"{endpoint.url}?{construct}", "text/turtle")
    assert b"@prefix pkg: <https://w3id.org/policykg/ontology#>" in body and b"ns1:" not in body
    assert b"pkg:Report" in body
    for accept in ("application/n-quads", "application/trig", "application/ld+json", "application/rdf+xml"):
        status, headers, body = call(f"{endpoint.url}?{construct}", accept)
        assert status == 200 and headers["Content-Type"].startswith(accept) and b"Report" in body, accept
    for name, media in (("json", "application/sparql-results+json"), ("tsv", "text/tab-separated-values")):
        status, headers, _ = call(f"{endpoint.url}?{q('SELECT * WHERE {} ', format=name)}", "text/csv")
        assert headers["Content-Type"].startswith(media)
    # a format= that is no type of the form is ignored: Accept decides
    status, headers, _ = call(f"{endpoint.url}?{q('SELECT * WHERE {}', format='turtle')}", "text/csv")
    assert headers["Content-Type"].startswith("text/csv")
    status, headers, _ = call(f"{endpoint.url}?{construct}&output=json-ld", "text/turtle")
    assert headers["Content-Type"].startswith("application/ld+json")


def test_tsv_escapes_tabs_and_newlines(endpoint: Any) -> None:
    text = 'SELECT ?x ?y WHERE { BIND("a\\tb\\nc\\"d" AS ?x) BIND(3 AS ?y) }'
    status, _, body = call(f"{endpoint.url}?{q(text)}", "text/tab-separated-values")
    lines = body.decode("utf-8").split("\n")
    assert status == 200 and lines[0] == "?x\t?y" and lines[2] == ""
    cells = lines[1].split("\t")
    assert cells[0] == '"a\\tb\\nc\\"d"' and cells[1] in {"3", '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'}


def test_no_cors_by_default_and_one_origin_when_asked(endpoint: Any, seed_out: Path) -> None:
    status, headers, _ = call(endpoint.url + "?" + q("ASK {}"))
    assert status == 200 and not any(k.lower().startswith("access-control") for k in headers)
    server = make_server(endpoint.pool, "127.0.0.1", 0, Limits(), cors="http://localhost:3000")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        status, headers, _ = call(url, method="OPTIONS")
        assert headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
        assert "POST" in headers["Access-Control-Allow-Methods"]
    finally:
        server.shutdown()
        server.server_close()


class Listener:
    """A local TCP listener that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.sock.close()


def test_service_makes_no_outbound_connection(endpoint: Any) -> None:
    listener = Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}/sparql"
        for text in (
            f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
            f"PREFIX x: <urn:x#>\nSELECT * WHERE {{ ?a x:b ?c . OPTIONAL {{ SERVICE\n<{url}> {{ ?s ?p ?o }} }} }}",
            f"SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        ):
            status, _, body = call(endpoint.url, data=q(text).encode(), ctype="application/x-www-form-urlencoded")
            assert status == 400 and b"SERVICE" in body, text
        # LOAD would fetch too: 400 however it is sent (a query, an update form, an update body)
        load = f"LOAD <{url}> INTO GRAPH <urn:x>"
        for data, ctype in (
            (load.encode(), "application/sparql-query"),
            (load.encode(), "application/sparql-update"),
            (urllib.parse.urlencode({"update": load}).encode(), "application/x-www-form-urlencoded"),
            (q(load).encode(), "application/x-www-form-urlencoded"),
        ):
            status, _, body = call(endpoint.url, data=data, ctype=ctype)
            assert status == 400 and b"LOAD" in body, data
        time.sleep(0.3)
        assert listener.hits == 0
        # the word in a literal, an IRI or a variable is not the keyword
        ok = 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) FILTER(?service != <urn:SERVICE>) }'
        assert call(f"{endpoint.url}?{q(ok)}")[0] == 200
    finally:
        listener.close()


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.slow
def test_a_runaway_query_is_stopped_at_its_time_limit(endpoint: Any) -> None:
    before = set(endpoint.pool.pids())
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    status, _, body = call(endpoint.url, data=runaway.encode(), ctype="application/sparql-query")
    assert status == 503 and b"time limit" in b"".join(body.split()[:0]) + body
    assert time.monotonic() - started < endpoint.server.RequestHandlerClass.limits.seconds + 1.0
    time.sleep(1.0)
    gone = [pid for pid in before if _cpu_seconds(pid) is None]
    assert len(gone) == 1, "the worker that ran the query was stopped"
    for _ in range(100):  # a fresh worker takes its place
        if len(endpoint.pool.pids()) == 2:
            break
        time.sleep(0.1)
    assert len(endpoint.pool.pids()) == 2
    assert call(endpoint.base + "/named/reports", "text/csv")[0] == 200


def _raw(port: int, request: bytes, wait: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


def test_bad_content_length_and_silent_clients(endpoint: Any) -> None:
    port = endpoint.server.server_address[1]
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    for value, status in ((b"abc", b"400"), (b"-5", b"400"), (b"1000000000000", b"413")):
        answer = _raw(port, head + b"Content-Length: " + value + b"\r\n\r\nASK {}")
        assert answer.split(b" ")[1] == status, value
    baseline = threading.active_count()
    silent = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
    try:
        for sock in silent:
            sock.sendall(head + b"Content-Length: 100\r\n\r\nASK")
        peak, deadline = 0, time.monotonic() + 1.5
        while time.monotonic() < deadline:  # the silent clients hold threads for a while ...
            peak = max(peak, threading.active_count())
            time.sleep(0.05)
        assert peak >= baseline + 5
        deadline = time.monotonic() + 20
        while threading.active_count() > baseline + 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert threading.active_count() <= baseline + 1  # ... until the socket timeout (2 s) frees them
    finally:
        for sock in silent:
            sock.close()
    assert call(endpoint.base + "/named/reports", "text/csv")[0] == 200


def test_decimal_parameters_are_bounded(endpoint: Any) -> None:
    started = time.monotonic()
    status, _, body = call(endpoint.base + "/named/growth_above?threshold=1e999999999")
    assert status == 400 and b"not a number" in body and time.monotonic() - started < 1.0
    assert call(endpoint.base + "/named/growth_above?threshold=8.5", "text/csv")[0] == 200


@pytest.fixture()
def fresh(seed_out: Path) -> Iterator[str]:
    source = prepare(seed_out / "graph.ttl")
    pool = Pool(source, 2)
    server = make_server(pool, "127.0.0.1", 0, Limits(seconds=20))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    pool.close()
    source.close()


def test_requests_arriving_together_on_a_fresh_server_never_break_it(fresh: str) -> None:
    text = "SELECT ?i (COUNT(?o) AS ?n) WHERE { ?o pkg:indicator ?i } GROUP BY ?i"
    urls = [f"{fresh}/sparql?{q(text)}", f"{fresh}/named/observations", f"{fresh}/named/growth_above?threshold=5"] * 4
    with ThreadPoolExecutor(len(urls)) as pool:
        statuses = [r[0] for r in pool.map(lambda u: call(u, "text/csv"), urls)]
    assert statuses == [200] * len(urls)
    assert call(f"{fresh}/sparql?{q(text)}", "text/csv")[0] == 200


def test_a_busy_port_is_one_line_naming_it(endpoint: Any, seed_out: Path) -> None:
    from click.testing import CliRunner

    from policykg.cli import main

    port = endpoint.server.server_address[1]
    result = CliRunner().invoke(main, ["serve", "--graph", str(seed_out / "graph.ttl"), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        f"policykg: error: port {port} on 127.0.0.1 is in use: pick another with --port (0: any free)"
    )


@pytest.mark.browser
def test_query_page_runs_a_named_query_offline(endpoint: Any, offline_page: Any) -> None:
    page = offline_page
    page.route(endpoint.base + "/**", lambda route: route.continue_())
    page.goto(endpoint.base + "/")
    box = page.locator("#q-growth_above")
    box.locator("input[name=threshold]").fill("8")
    box.locator("button").click()
    page.wait_for_selector("#results td")
    assert "制造业增加值" in page.inner_text("#results")
    assert page.blocked == []
