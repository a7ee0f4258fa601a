"""Latency of every named query on a corpus of >= 1,000,000 triples: rdflib memory store vs Oxigraph.

The corpus repeats the bundled report under other provinces and years (the place name and the
years in the text are rewritten, so each copy gets its own identity, IRIs and figures' context),
built with graph_builder like any input. Not part of the test suite; it takes minutes.

    .venv/bin/python benchmarks/query_latency.py [--min-triples 1000000] [--timeout 120]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

PROVINCES = ["河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
             "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海"]
SEED = "shanxi-2024-government-work-report-summary.txt"


def make_corpus(folder: Path, copies: int) -> list[Path]:
    """Write ``copies`` variants of the seed: province x year, years shifted consistently."""
    text = files("policykg").joinpath("data", SEED).read_text(encoding="utf-8")
    paths = []
    for i in range(copies):
        province, shift = PROVINCES[i % len(PROVINCES)], i // len(PROVINCES)
        body = re.sub(r"(20[12]\d)", lambda m: str(int(m.group(1)) - shift), text.replace("山西", province))
        path = folder / f"{province}-{2024 - shift}-{i}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def timed(store, named, params, timeout: float) -> tuple[float | None, int]:  # type: ignore[no-untyped-def]
    from queries.endpoint import Limits, run_limited
    from queries.run import bindings_for
    from queries.stores import MemoryStore

    start = time.perf_counter()
    try:
        if not isinstance(store, MemoryStore):  # Oxigraph runs in this thread: its results cannot move
            result = store.query(named.text, bindings_for(named, params))
        else:
            result = run_limited(store, named.text, bindings_for(named, params), Limits(timeout, 10**9))
    except Exception as exc:  # a timeout or failure is a figure too
        print(f"  {named.name}: {exc}", file=sys.stderr)
        return None, 0
    rows = len(result.bindings) if result.type == "SELECT" else len(result.graph or [])
    return time.perf_counter() - start, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-triples", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    from graph_builder import build_reports
    from queries import list_queries
    from queries.stores import MemoryStore, OxigraphStore

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        copies = args.min_triples // 4000 + 1
        t0 = time.perf_counter()
        result = build_reports(make_corpus(folder, copies), jobs=2)
        graph = result.graph
        while len(graph) < args.min_triples:
            raise SystemExit(f"only {len(graph)} triples; raise --min-triples")
        print(f"corpus: {len(result.extractions)} reports, {len(graph)} triples, built in "
              f"{time.perf_counter() - t0:.1f} s", flush=True)
        t0 = time.perf_counter()
        nquads = result.dataset.serialize(format="nquads", encoding="utf-8")
        ox = OxigraphStore(folder / "oxigraph", writable=True)
        ox.load_dataset(nquads)
        print(f"oxigraph bulk load: {time.perf_counter() - t0:.1f} s (incl. N-Quads serialisation)", flush=True)
        memory = MemoryStore(graph)
        obs = next(s for s in graph.subjects() if "/observation/" in str(s))
        params = {"provenance": {"resource": str(obs)}, "place_profile": {"place": "山西省"}}
        print(f"{'query':24s} {'rows':>7s} {'memory s':>10s} {'oxigraph s':>11s} {'ratio':>7s}", flush=True)
        for named in list_queries():
            given = params.get(named.name, {})
            t_ox, rows_ox = timed(ox, named, given, args.timeout)
            t_mem, rows_mem = timed(memory, named, given, args.timeout)
            ratio = f"{t_mem / t_ox:7.1f}" if t_mem and t_ox else "      -"
            fmt = lambda t: f">{args.timeout:.0f}" if t is None else f"{t:.3f}"  # noqa: E731
            print(f"{named.name:24s} {max(rows_mem, rows_ox):7d} {fmt(t_mem):>10s} {fmt(t_ox):>11s} {ratio}",
                  flush=True)


if __name__ == "__main__":
    main()
