"""Row counts of every named query on four stores: the local graph, ``policykg serve``, ``oxigraph serve
--union-default-graph`` after ``policykg push``, and Virtuoso after ``policykg push``.

Starts each server on a free port with a temporary database (Virtuoso only where ``virtuoso-t`` is
installed), pushes the build's graph.trig, runs every named query through ``RemoteStore`` (as
``policykg query --endpoint`` does) and prints a table: row counts, and whether the rows (sorted) are
the same as the local ones. Not part of the test suite (tests/test_remote_stores.py is, on the seed).

    .venv/bin/python benchmarks/store_rows.py --out policykg-out [--virtuoso-rows 1000000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from servers import VIRTUOSO, VIRTUOSO_PASSWORD, free_port, start_oxigraph, start_virtuoso

from policykg.queries import QueryError, list_queries
from policykg.queries.push import endpoints_for, push_file
from policykg.queries.remote import Auth, RemoteStore
from policykg.queries.stores import open_store


def rows_of(store: Any, name: str, params: dict[str, str]) -> list[tuple[str, ...]] | str:
    from policykg.queries import get_query
    from policykg.queries.stores import run_named

    try:
        result = run_named(store, get_query(name), params)
    except QueryError as exc:
        return "error: " + str(exc)[:80]
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result)


def params_for(name: str, local: Any) -> dict[str, str]:
    from policykg.queries import get_query
    from policykg.queries.stores import run_named

    if name == "place_profile":
        return {"place": str(next(iter(run_named(local, get_query("reports"))))[1])}
    if name == "provenance":
        return {"resource": str(next(iter(run_named(local, get_query("observations"))))["observation"])}
    return {}


def cell(text: str, virtuoso: bool = False) -> str:
    """A GROUP_CONCAT list sorted (engines concatenate in any order); Virtuoso 7.2 writes the non-ASCII
    separator as "?"."""
    if virtuoso and "?" in text and not text.startswith("http"):
        text = text.replace("?", "\u3001")
    return "\u3001".join(sorted(text.split("\u3001"))) if "\u3001" in text else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("policykg-out"), help="a build's output folder")
    parser.add_argument("--virtuoso-rows", type=int, default=1_000_000, help="Virtuoso's ResultSetMaxRows")
    args = parser.parse_args()
    graph, trig = args.out / "graph.ttl", args.out / "graph.trig"
    local = open_store(graph, "memory")
    stores: dict[str, Any] = {}
    stops: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="policykg-rows-") as tmp:
        try:
            port = free_port()
            serve = subprocess.Popen(
                [sys.executable, "-m", "policykg", "serve", "--graph", str(graph), "--port", str(port)]
                + ["--timeout", "120", "--max-rows", "1000000"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            stops.append(serve.terminate)
            oxigraph = start_oxigraph(Path(tmp) / "oxigraph")
            stops.append(oxigraph.stop)
            started = time.monotonic()
            push_file(trig, endpoints_for(oxigraph.url))
            print(f"pushed to oxigraph in {time.monotonic() - started:.1f} s", file=sys.stderr)
            stores["serve"] = RemoteStore(f"http://127.0.0.1:{port}/sparql", timeout=600)
            stores["oxigraph"] = RemoteStore(oxigraph.url, timeout=600)
            if VIRTUOSO:
                virtuoso = start_virtuoso(Path(tmp) / "virtuoso", max_rows=args.virtuoso_rows)
                stops.append(virtuoso.stop)
                base = virtuoso.url.rsplit("/", 1)[0]
                ep = endpoints_for(
                    virtuoso.url,
                    base + "/sparql-auth",
                    base + "/sparql-graph-crud-auth",
                    Auth("dba", VIRTUOSO_PASSWORD),
                )
                started = time.monotonic()
                push_file(trig, ep)
                print(f"pushed to virtuoso in {time.monotonic() - started:.1f} s", file=sys.stderr)
                stores["virtuoso"] = RemoteStore(virtuoso.url, timeout=600)
            print("| query | local | " + " | ".join(stores) + " |")
            print("|---|---:|" + "---:|" * len(stores))
            for query in list_queries():
                params = params_for(query.name, local)
                expected = rows_of(local, query.name, params)
                cells = [str(len(expected))]
                for label, store in stores.items():
                    got = rows_of(store, query.name, params)
                    v = label == "virtuoso"
                    want = sorted(tuple(cell(c, v) for c in row) for row in expected)  # type: ignore[union-attr]
                    if isinstance(got, list):
                        got = sorted(tuple(cell(c, v) for c in row) for row in got)
                    if isinstance(got, str):
                        cells.append(got)
                    else:
                        cells.append(f"{len(got)}" + ("" if got == want else " (rows differ)"))
                print(f"| {query.name} | " + " | ".join(cells) + " |", flush=True)
        finally:
            for stop in reversed(stops):
                stop()


if __name__ == "__main__":
    main()
