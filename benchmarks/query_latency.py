"""Latency of every named query on a corpus of >= 1,000,000 triples: rdflib memory store vs Oxigraph.

The corpus repeats the bundled report under other provinces and years (the place name and the
years in the text are rewritten, so each copy gets its own identity, IRIs and figures' context),
built with ``policykg build`` like any input. It is built once and cached in ``--cache DIR``
(``build/`` with graph.ttl, graph.trig and the Oxigraph store the build writes, ``corpus.json``);
later runs only time queries. Three stores: ``memory`` parses ``build/graph.ttl`` into rdflib;
``oxigraph`` is ``build/store`` on disk, as ``policykg query`` reads it; ``oxigraph-memory`` is
``build/graph.ttl`` loaded into Oxigraph's in-memory store (``--store oxigraph-memory``, for servers).

Each query runs once as ``policykg query NAME`` would (no parameter, or the one it needs), and once
more for each optional parameter without a default (``initiatives place=...``), with a value read from
the corpus; the summary gives the median over the queries and, apart, over those filtered runs
(``--no-filtered`` skips them). Each run is repeated ``--repeat`` times (3) and its median is shown:
the first run after the store is opened also reads the store's index blocks from disk, which the first
query of a run paid for all the others (1.8 s for ``growth_above``, against 0.6 s for the whole
``policykg query`` command).

Each store lives in its own worker process that loads the corpus once and runs the queries one at
a time; a query past ``--timeout`` seconds or past ``--max-rss-gb`` of memory gets its worker killed
(and a fresh one started for the next query), so a runaway query cannot slow the ones after it.
Not part of the test suite; the first run takes minutes.

    .venv/bin/python benchmarks/query_latency.py [--cache DIR] [--min-triples 1000000] [--timeout 60]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import selectors
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

PROVINCES = [
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
]
SEED = "shanxi-2024-government-work-report-summary.txt"
STORES = ("memory", "oxigraph", "oxigraph-memory")


def make_corpus(folder: Path, copies: int) -> list[Path]:
    """Write ``copies`` variants of the seed: province x year, years shifted consistently."""
    text = files("policykg").joinpath("data", SEED).read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(copies):
        province, shift = PROVINCES[i % len(PROVINCES)], i // len(PROVINCES)
        body = re.sub(
            r"(20[12]\d)", lambda m, shift=shift: str(int(m.group(1)) - shift), text.replace("山西", province)
        )
        path = folder / f"{province}-{2024 - shift}-{i}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def build_corpus(cache: Path, min_triples: int) -> None:
    """Build the corpus (run in its own process, so its memory is freed when it ends)."""
    from policykg.building import build

    t0 = time.perf_counter()
    one, two = (build(make_corpus(cache / "texts", n), jobs=1).counts["triples"] for n in (1, 2))
    copies = int(min_triples * 1.05) // max(1, two - one) + 1
    shutil.rmtree(cache / "texts", ignore_errors=True)
    result = build(make_corpus(cache / "texts", copies), out=cache / "build", jobs=2, validate=False)
    triples = result.counts["triples"]
    if triples < min_triples:
        raise SystemExit(f"only {triples} triples from {copies} reports; raise --min-triples")
    meta = {"reports": len(result.reports), "triples": triples, "build_seconds": round(time.perf_counter() - t0, 1)}
    (cache / "corpus.json").write_text(json.dumps(meta), encoding="utf-8")


def worker(kind: str, cache: Path) -> None:
    """Load one store, then answer ``name<TAB>params-json`` lines with one JSON line each."""
    import resource

    from policykg.queries import get_query
    from policykg.queries.run import bindings_for
    from policykg.queries.stores import MemoryStore, OxigraphStore
    from policykg.queries.stores import answer as rows_of
    from policykg.queries.table import Table

    t0 = time.perf_counter()
    if kind == "memory":
        from rdflib import Graph

        store: Any = MemoryStore(Graph().parse(str(cache / "build" / "graph.ttl"), format="turtle"))
    elif kind == "oxigraph-memory":
        store = OxigraphStore.in_memory(cache / "build" / "graph.ttl")
    else:
        store = OxigraphStore(cache / "build" / "store")
    loaded = {
        "loaded": round(time.perf_counter() - t0, 1),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }
    print(json.dumps(loaded), flush=True)
    for line in sys.stdin:
        name, params = line.rstrip("\n").split("\t")
        named = get_query(name)
        start = time.perf_counter()
        try:
            # the rows `policykg query` writes: cells for SELECT, an rdflib graph for CONSTRUCT
            result = rows_of(store, named.text, bindings_for(named, json.loads(params)))
            rows = len(result.rows) if isinstance(result, Table) else len(result.graph or [])
            answer: dict[str, Any] = {"seconds": time.perf_counter() - start, "rows": rows}
        except Exception as exc:  # a failure is a figure too
            answer = {"error": " ".join(str(exc).split())[:200]}
        answer["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(json.dumps(answer), flush=True)


def rss_gb(pid: int) -> float:
    """Resident memory of a process, from /proc (0 where unavailable)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 2**20 if match else 0.0


class Worker:
    """A store's worker process, restarted after a query had to be killed."""

    def __init__(self, kind: str, cache: Path, max_rss_gb: float) -> None:
        self.kind, self.cache, self.max_rss_gb = kind, cache, max_rss_gb
        self.proc: subprocess.Popen[str] | None = None
        self.loaded: dict[str, Any] = {}

    def _start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", self.kind, "--cache", str(self.cache)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        answer = self._read(3600.0)
        self.loaded = answer
        print(
            f"{self.kind}: store loaded in {answer.get('loaded')} s, {answer.get('rss_mb')} MB",
            file=sys.stderr,
            flush=True,
        )

    def _read(self, timeout: float) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sel.select(timeout=0.2):
                line = self.proc.stdout.readline()
                if line:
                    return dict(json.loads(line))
                self.stop()
                return {"error": "worker died"}
            if rss_gb(self.proc.pid) > self.max_rss_gb:
                self.stop()
                return {"error": f"memory > {self.max_rss_gb} GB"}
        self.stop()
        return {"error": "timeout"}

    def run(self, name: str, params: dict[str, str], timeout: float) -> dict[str, Any]:
        if self.proc is None:
            self._start()
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(f"{name}\t{json.dumps(params)}\n")
        self.proc.stdin.flush()
        return self._read(timeout)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def cell(answer: dict[str, Any] | None) -> str:
    if answer is None:
        return "-"
    if "seconds" in answer:
        return f"{answer['seconds']:.3f}"
    return "timeout" if answer["error"] == "timeout" else answer["error"][:40]


def sample_params(cache: Path) -> dict[str, dict[str, str]]:
    """Parameters for the queries that need one: an observation IRI and a province of the corpus."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(cache / "build" / "store"))
    answer = store.query("SELECT ?o WHERE { ?o a <https://w3id.org/policykg/ontology#Observation> } LIMIT 1")
    obs = next(iter(answer))[0].value  # type: ignore[call-overload,index,union-attr]
    return {"provenance": {"resource": obs}, "place_profile": {"place": "山西省"}}


# A value for each optional parameter, read from the corpus (the first row of the query): the filtered
# runs of a query can take another plan than its run without a parameter (FILTER EXISTS over a
# pkg:within* path took minutes on Oxigraph where the unfiltered query took half a second).
SAMPLES = {
    "place": 'SELECT ?v WHERE { ?r a pkg:Report ; dcterms:spatial/rdfs:label ?v FILTER(lang(?v) = "zh") } ORDER BY ?v',
    "sector": (
        'SELECT ?v WHERE { ?i pkg:sector/skos:prefLabel ?v FILTER(lang(?v) = "zh") } '
        "GROUP BY ?v ORDER BY DESC(COUNT(*)) ?v"
    ),
    "type": (
        "SELECT ?v WHERE { ?i pkg:hasOutcome ?o ; a ?c FILTER(STRSTARTS(STR(?c), STR(pkg:)) && ?c != pkg:Initiative) "
        'BIND(STRAFTER(STR(?c), "#") AS ?v) } GROUP BY ?v ORDER BY DESC(COUNT(*)) ?v'
    ),
    "text": (
        'SELECT (SUBSTR(?l, 2) AS ?v) WHERE { ?o pkg:indicator/skos:prefLabel ?l FILTER(lang(?l) = "zh") } '
        "GROUP BY ?l ORDER BY DESC(COUNT(*)) ?l"
    ),
    "initiative": "SELECT ?v WHERE { ?v pkg:hasOutcome ?o } GROUP BY ?v ORDER BY DESC(COUNT(*)) ?v",
    "report": "SELECT ?v WHERE { ?v a pkg:Report } ORDER BY ?v",
    "year": "SELECT (STR(?p) AS ?v) WHERE { ?o pkg:status pkg:Target ; pkg:periodLabel ?p } ORDER BY ?p",
}


def filtered_cases(cache: Path, names: list[str]) -> list[tuple[str, str, dict[str, str]]]:
    """(label, query, parameters): each optional parameter without a default given alone, once per query."""
    from policykg.queries import get_query
    from policykg.queries.stores import OxigraphStore
    from policykg.queries.table import Table

    store = OxigraphStore(cache / "build" / "store")
    values: dict[str, str] = {}
    for param, text in SAMPLES.items():
        answer = store.answer(text)
        if isinstance(answer, Table) and answer.rows and answer.rows[0][0] is not None:
            values[param] = answer.rows[0][0].value
    cases = []
    for name in names:
        for param in get_query(name).params:
            if not param.required and param.default is None and param.name in values:
                given = {param.name: values[param.name]}
                cases.append((f"{name} {param.name}={values[param.name][-24:]}", name, given))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "policykg-latency")
    parser.add_argument("--min-triples", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--max-rss-gb", type=float, default=6.0)
    parser.add_argument("--stores", default=",".join(STORES))
    parser.add_argument("--only", nargs="*", default=None, help="query names (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the median is shown (default 3)")
    parser.add_argument(
        "--no-filtered",
        dest="filtered",
        action="store_false",
        help="skip the runs with one optional parameter given (they are not in the median over the queries)",
    )
    parser.add_argument("--worker", choices=STORES, help=argparse.SUPPRESS)
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    cache: Path = args.cache
    if args.worker:
        return worker(args.worker, cache)
    if args.build:
        return build_corpus(cache, args.min_triples)
    cache.mkdir(parents=True, exist_ok=True)
    meta_path = cache / "corpus.json"
    stale = not (cache / "build" / "store").is_dir()
    if stale or not meta_path.exists() or json.loads(meta_path.read_text())["triples"] < args.min_triples:
        subprocess.run(
            [sys.executable, __file__, "--build", "--cache", str(cache), "--min-triples", str(args.min_triples)],
            check=True,
        )
    meta = json.loads(meta_path.read_text())
    print(
        f"corpus: {meta['reports']} reports, {meta['triples']} triples (built in {meta['build_seconds']} s; "
        f"cache {cache})",
        flush=True,
    )
    stores = [s for s in args.stores.split(",") if s]
    from policykg.queries import list_queries

    names = args.only or [q.name for q in list_queries()]
    params = sample_params(cache)
    cases = [(name, name, params.get(name, {})) for name in names]
    filtered = filtered_cases(cache, names) if args.filtered else []
    table: dict[str, dict[str, dict[str, Any]]] = {label: {} for label, _, _ in cases + filtered}
    peaks: dict[str, dict[str, Any]] = {}
    for kind in stores:
        w = Worker(kind, cache, args.max_rss_gb)
        for label, name, given in cases + filtered:
            runs = []
            for _ in range(max(1, args.repeat)):
                runs.append(w.run(name, given, args.timeout))
                if "seconds" not in runs[-1]:
                    break
            table[label][kind] = median_run(runs)
            shown = ", ".join(cell(r) for r in runs)
            print(f"  {kind} {label}: {cell(table[label][kind])} (runs: {shown})", file=sys.stderr, flush=True)
        peaks[kind] = {"loaded": w.loaded, "peak": max([c[kind].get("rss_mb", 0) for c in table.values()] + [0])}
        w.stop()
    print_table(table, meta)
    print_summary({label: table[label] for label, _, _ in cases}, peaks, meta, "queries")
    if filtered:
        print_summary({label: table[label] for label, _, _ in filtered}, None, meta, "filtered runs")


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median time, or the failure if any run failed (a timeout is not retried)."""
    if "seconds" not in runs[-1]:
        return runs[-1]
    return sorted(runs, key=lambda r: float(r["seconds"]))[len(runs) // 2]


def print_table(table: dict[str, dict[str, dict[str, Any]]], meta: dict[str, Any]) -> None:
    """Seconds per query and store (rdflib memory, Oxigraph on disk, Oxigraph in memory), and rows."""
    print(f"\n{meta['reports']} reports, {meta['triples']} triples")
    print(f"| {'query':42s} | {'rdflib s':>9s} | {'oxigraph s':>10s} | {'ox memory s':>11s} | {'rows':>7s} |")
    print(f"|{'-' * 44}|{'-' * 11}|{'-' * 12}|{'-' * 13}|{'-' * 9}|")
    for name, cols in table.items():
        rows = sorted({c["rows"] for c in cols.values() if "rows" in c})
        shown = "/".join(str(r) for r in rows) or "-"
        cells = [cell(cols.get(kind)) for kind in STORES]
        print(f"| {name:42s} | {cells[0]:>9s} | {cells[1]:>10s} | {cells[2]:>11s} | {shown:>7s} |")


def print_summary(
    table: dict[str, dict[str, dict[str, Any]]], peaks: dict[str, Any] | None, meta: dict[str, Any], what: str
) -> None:
    """Median and slowest run per store (a failure counts as slowest), and the stores' memory."""
    for kind in peaks or [k for k in STORES if any(k in cols for cols in table.values())]:
        seconds = sorted(c[kind]["seconds"] for c in table.values() if "seconds" in c.get(kind, {}))
        failed = sum(1 for c in table.values() if kind in c and "seconds" not in c[kind])
        if not seconds and not failed:
            continue
        median = statistics.median(seconds + [float("inf")] * failed)
        slowest = max(table, key=lambda label: table[label].get(kind, {}).get("seconds", float("inf")))
        line = (
            f"{kind}: median {median:.3f} s, max {'failed' if failed else f'{seconds[-1]:.3f} s'} ({slowest}) "
            f"over {len(seconds) + failed} {what}"
        )
        if peaks is not None:
            peak = peaks[kind]
            line += (
                f"; RSS {peak['loaded'].get('rss_mb')} MB loaded "
                f"({peak['loaded'].get('rss_mb', 0) / (meta['triples'] / 1e6):.0f} MB per million triples), "
                f"{peak['peak']} MB peak"
            )
        print(line)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
