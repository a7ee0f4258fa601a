"""push into a real Oxigraph server; the same named query there gives the local rows; failures keep the old graph."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef

from policykg.queries import QueryError, get_query
from policykg.queries.push import Endpoints, endpoints_for, push_file, push_graph
from policykg.queries.stores import MemoryStore, OxigraphStore, RemoteStore, run_named

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
EVIL = '山西省" || "a" = "a'


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, location: Path) -> None:
        self.location, self.port, self.proc = location, _port(), None  # type: ignore[var-annotated]

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                OXIGRAPH,
                "serve",
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("oxigraph did not start")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(tmp_path / "oxi")
    srv.start()
    yield srv
    if srv.proc and srv.proc.poll() is None:
        srv.kill()


@pytest.fixture(scope="module")
def seed_trig(tmp_path_factory: pytest.TempPathFactory, seed_build: Any) -> Path:
    from policykg.exports import serialize_dataset

    path = tmp_path_factory.mktemp("trig") / "graph.trig"
    path.write_text(serialize_dataset(seed_build.dataset, "trig"), encoding="utf-8")
    return path


def _values(result: Any) -> list[tuple[Any, ...]]:
    return [tuple(None if t is None else t.toPython() for t in row) for row in result]


def test_push_then_query_gives_the_local_rows(server: Server, seed_trig: Path, seed_graph: Graph) -> None:
    pushed = push_file(seed_trig, endpoints_for(server.url))
    assert list(pushed.values()) == [len(seed_graph)]
    push_file(seed_trig, endpoints_for(server.url))  # replacing is idempotent
    remote, local = RemoteStore(server.url), MemoryStore(seed_graph)
    for name in ("observations", "growth_above"):
        assert _values(run_named(remote, get_query(name))) == _values(run_named(local, get_query(name)))
    assert list(run_named(remote, get_query("indicator_search"), {"text": EVIL})) == []


def test_injection_returns_nothing_on_every_store(
    seed_graph: Graph, tmp_path: Path, server: Server, seed_trig: Path
) -> None:
    ox = OxigraphStore(tmp_path / "ox", writable=True)
    ox.load_dataset(seed_graph.serialize(format="nt", encoding="utf-8").replace(b" .\n", b" <urn:g> .\n"))
    push_file(seed_trig, endpoints_for(server.url))
    for store in (MemoryStore(seed_graph), ox, RemoteStore(server.url)):
        for name in ("indicator_search", "national_rankings", "reports", "targets_vs_outcomes"):
            assert list(run_named(store, get_query(name), {get_query(name).params[0].name: EVIL})) == []
        assert len(list(run_named(store, get_query("indicator_search"), {"text": "生产总值"}))) >= 1


def test_killed_server_keeps_the_previous_graph(server: Server, tmp_path: Path) -> None:
    iri = "https://example.org/g"
    old = tmp_path / "old.ttl"
    old.write_text('<urn:s> <urn:p> "old" .\n', encoding="utf-8")
    push_file(old, endpoints_for(server.url), iri)
    new = Graph()
    for i in range(200):
        new.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), URIRef("urn:new")))
    for stage in ("upload", "verify", "replace"):

        def step(s: str, _g: str, stage: str = stage) -> None:
            if s == stage:
                server.kill()

        with pytest.raises(QueryError, match="previous version is unchanged") as err:
            push_graph(endpoints_for(server.url), URIRef(iri), new, timeout=5, step=step)
        assert "\n" not in str(err.value)
        server.start()
        rows = list(RemoteStore(server.url).query(f"SELECT ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"))
        assert [str(r[0]) for r in rows] == ["old"]


def test_cli_push_error_is_one_line(seed_trig: Path) -> None:
    from click.testing import CliRunner

    from policykg.cli import main

    result = CliRunner().invoke(
        main, ["push", "--endpoint", f"http://127.0.0.1:{_port()}/query", "--graph", str(seed_trig)]
    )
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("policykg: error: http://127.0.0.1:") and "cannot reach the endpoint" in last


def test_endpoints_guess() -> None:
    assert endpoints_for("http://h:8890/sparql") == Endpoints(
        "http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud"
    )
    assert shutil.which(OXIGRAPH) or Path(OXIGRAPH).exists()


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> tuple[Path, Graph]:
    """The seed and a small city report of the same province: indicators, places and sectors shared."""
    from policykg.exports import serialize_dataset
    from policykg.graph_builder import build_reports

    result = build_reports([seed_path, Path(__file__).parent / "data" / "ent_yangquan.txt"], jobs=1)
    assert len(result.extractions) == 2
    path = tmp_path_factory.mktemp("two") / "graph.trig"
    path.write_text(serialize_dataset(result.dataset, "trig"), encoding="utf-8")
    return path, result.graph


def test_union_graph_gives_the_local_rows_on_a_union_default_graph_server(
    server: Server, two_reports: tuple[Path, Graph]
) -> None:
    from collections import Counter

    from policykg.queries.push import UNION_GRAPH

    trig, union = two_reports
    pushed = push_file(trig, endpoints_for(server.url))
    assert len(pushed) == 2
    push_file(trig, endpoints_for(server.url))  # replacing rebuilds the union, it does not add to it
    local, bag = MemoryStore(union), RemoteStore(server.url, find_union=False)
    remote = RemoteStore(server.url)  # finds the union graph
    assert RemoteStore(server.url, default_graph=str(UNION_GRAPH)).query("ASK { ?s ?p ?o }").askAnswer
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(next(iter(remote.query(count)))[0]) == len(union)
    for name in ("observations", "view_nodes", "view_edges", "reports", "sector_indicators"):
        expected = Counter(_values(run_named(local, get_query(name))))
        assert Counter(_values(run_named(remote, get_query(name)))) == expected, name
    # the server's own union repeats each shared triple once per report (and once more in the union graph)
    labels = "SELECT ?l WHERE { ?i a pkg:Indicator ; skos:prefLabel ?l }"
    assert len(list(bag.query(labels))) > len(list(local.query(labels)))


def test_cli_query_reads_the_union_graph(server: Server, two_reports: tuple[Path, Graph]) -> None:
    from click.testing import CliRunner

    from policykg.cli import main

    trig, union = two_reports
    runner = CliRunner()
    pushed = runner.invoke(main, ["push", "--endpoint", server.url, "--graph", str(trig)])
    assert pushed.exit_code == 0, pushed.output
    assert "default-graph-uri=https://w3id.org/policykg/id/graph/union" in pushed.output
    args = ["query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv", "--endpoint", server.url]
    for extra in ([], ["--default-graph", "https://w3id.org/policykg/id/graph/union"]):
        result = runner.invoke(main, [*args, *extra])
        assert result.exit_code == 0, result.output
        assert result.output.split() == ["n", str(len(union))]
    wrong = runner.invoke(main, ["query", "observations", "--default-graph", "urn:x", "--graph", str(trig)])
    assert wrong.exit_code == 1 and "only apply to --endpoint" in wrong.output
