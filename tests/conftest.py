"""Shared fixtures: the seed report built once per session, and a headless Chromium for browser tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

SEED_NAME = "shanxi-2024-government-work-report-summary.txt"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The bundled report, as shipped in the package."""
    return Path(str(files("policykg").joinpath("data", SEED_NAME)))


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_build(seed_path: Path) -> Any:
    """BuildResult of the seed (graph, dataset, extractions), built once."""
    from policykg.graph_builder import build_reports

    return build_reports([seed_path], jobs=1)


@pytest.fixture(scope="session")
def seed_graph(seed_build: Any) -> Graph:
    graph: Graph = seed_build.graph
    return graph


@pytest.fixture(scope="session")
def seed_ttl(tmp_path_factory: pytest.TempPathFactory, seed_graph: Graph) -> Path:
    """The seed graph written as Turtle, as ``policykg build`` would."""
    from policykg.exports import serialize_graph

    path = tmp_path_factory.mktemp("seed") / "graph.ttl"
    path.write_text(serialize_graph(seed_graph, "turtle"), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def offline_page(browser: Any) -> Iterator[Any]:
    """A page whose every http(s) request is blocked and recorded in ``page.blocked``."""
    context = browser.new_context()
    page = context.new_page()
    blocked: list[str] = []

    def block(route: Any) -> None:
        blocked.append(route.request.url)
        route.abort()

    page.route("http://*/**", block)
    page.route("https://*/**", block)
    page.blocked = blocked  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory: pytest.TempPathFactory, seed_build: Any) -> Path:
    """A folder holding the seed's graph.ttl and graph.trig (one named graph), as a build writes them."""
    from policykg.exports import serialize_dataset, serialize_graph

    out = tmp_path_factory.mktemp("seed-out")
    (out / "graph.ttl").write_text(serialize_graph(seed_build.graph, "turtle"), encoding="utf-8")
    (out / "graph.trig").write_text(serialize_dataset(seed_build.dataset, "trig"), encoding="utf-8")
    return out


ENDPOINT_SECONDS = 6.0
"""The test endpoint's time limit: long enough for any ordinary query on a loaded machine."""


@pytest.fixture(scope="session")
def endpoint(seed_out: Path) -> Iterator[Any]:
    """``policykg serve`` on the seed, started once: ``.url`` (the /sparql URL), ``.base``, ``.pool``."""
    import threading
    from types import SimpleNamespace

    from policykg.queries.endpoint import Limits, make_server
    from policykg.queries.serving import prepare
    from policykg.queries.workers import Pool

    source = prepare(seed_out / "graph.ttl")
    pool = Pool(source, 2)
    server = make_server(pool, "127.0.0.1", 0, Limits(seconds=ENDPOINT_SECONDS, rows=5000, socket_timeout=2.0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield SimpleNamespace(base=base, url=base + "/sparql", pool=pool, server=server)
    finally:
        server.shutdown()
        server.server_close()
        pool.close()
        source.close()
