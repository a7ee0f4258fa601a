"""Throughput of the builder, as ratios measured side by side in one run.

On a corpus (by default ``../shared/corpus/provinces-2026`` when it is there, else the bundled seed
report repeated under distinct titles until ``--megabytes``), it times:

* the floor: a naive number-and-unit regex over the same texts (read from disk, one match object per
  figure), the speed no extractor can beat;
* extraction alone (read, segment, extract; no RDF);
* the whole build to ``graph.ttl`` + ``graph.trig`` + the Oxigraph store (``policykg.build``), and
  the same without extraction (whole minus extraction alone);
* SHACL: every report's graph checked again the way the workers check it, as a share of the build;
* Turtle of the union written by rdflib and by pyoxigraph (on the first ``--rdflib-reports`` reports);
* peak RSS of a whole build in a fresh process, per million triples;
* with ``--compare-jobs``, the whole build with ``-j 1`` and ``-j 2``.

Not part of the test suite; it prints figures and exits 0.

    .venv/bin/python benchmarks/build_throughput.py                       # corpus, one worker
    .venv/bin/python benchmarks/build_throughput.py --compare-jobs
    .venv/bin/python benchmarks/build_throughput.py --synthetic --megabytes 1
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "provinces-2026"
SEED = "shanxi-2024-government-work-report-summary.txt"
PLACES = ["河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省"]
NAIVE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(万亿|亿|万|千|百)?"
    r"(元|美元|吨|千瓦时|千瓦|公里|千米|米|平方米|平方公里|亩|公顷|人次|人|户|个|家|项|所|%|倍|辆|座|张|台|套|件|次|天|年)"
)
"""The floor: a naive number-and-unit spotter (a copy kept here, not the project's rules)."""


def make_corpus(folder: Path, megabytes: float, copies: int = 20) -> list[Path]:
    """Files of ``copies`` seed bodies each, under distinct titles, until the total reaches ``megabytes``."""
    seed = files("policykg").joinpath("data", SEED).read_text(encoding="utf-8")
    body = seed.split("\n", 1)[1]
    target, total, paths, i = int(megabytes * 1_000_000), 0, [], 0
    while total < target:
        place, year = PLACES[i % len(PLACES)], 2015 + (i // len(PLACES)) % 12
        path = folder / f"report-{i:04d}.txt"
        path.write_text(f"{year}年{place}政府工作报告（第{i + 1}稿）\n" + body * copies, encoding="utf-8")
        total += path.stat().st_size
        paths.append(path)
        i += 1
    return paths


def naive_floor(paths: list[Path]) -> tuple[int, int, float]:
    """Characters, figures and seconds for reading every file and spotting numbers with units."""
    start = time.perf_counter()
    chars = figures = 0
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        chars += len(text)
        figures += len([(m.group(1), m.group(3), m.start(), m.end()) for m in NAIVE.finditer(text)])
    return chars, figures, time.perf_counter() - start


def extraction_only(paths: list[Path]) -> float:
    """Seconds to read, segment and extract every report in this process, without RDF."""
    from policykg.graph_builder.pipeline import extract_file

    start = time.perf_counter()
    for path in paths:
        extract_file(path)
    return time.perf_counter() - start


def whole_build(paths: list[Path], jobs: int, out: Path) -> tuple[float, object]:
    """Seconds for ``policykg.build`` writing graph.ttl, graph.trig and the store, and the build."""
    from policykg.building import build

    start = time.perf_counter()
    result = build(paths, out=out, jobs=jobs)
    return time.perf_counter() - start, result


def shacl_seconds(result: object) -> float:
    """Seconds to check every report's graph as a worker does: each triple's terms handed to the
    checks' index as the writer emits them (here replayed from the written lines, split beforehand),
    then the checks run; like a worker, with the cyclic garbage collector paused."""
    import gc

    from policykg.ontology.ntterms import TermIndex
    from policykg.ontology.shacl_checks import compiled_shapes

    shapes = compiled_shapes()
    graphs = result.result.graphs  # type: ignore[attr-defined]
    terms = [[tuple(line[:-2].split(" ", 2)) for line in g.ntriples().decode("utf-8").splitlines()] for g in graphs]
    gc.disable()
    try:
        start = time.perf_counter()
        for triples in terms:
            index = TermIndex(shapes.predicates)
            for s, p, o in triples:
                index.add(s, p, o)
            shapes.validate(index, len(triples))
        return time.perf_counter() - start
    finally:
        gc.enable()


def turtle_writers(result: object, reports: int) -> tuple[int, float, float]:
    """Triples, seconds for rdflib's Turtle and for pyoxigraph's, on the union of the first reports."""
    from rdflib import Graph

    from policykg.ontology import rdftext
    from policykg.ontology.namespaces import bind_prefixes

    graphs = sorted(result.result.graphs, key=lambda g: g.graph)[:reports]  # type: ignore[attr-defined]
    lines = rdftext.sorted_lines(b"".join(g.ntriples() for g in graphs))
    graph = bind_prefixes(Graph()).parse(data=lines.decode("utf-8"), format="nt")
    start = time.perf_counter()
    graph.serialize(format="turtle")
    rdflib_s = time.perf_counter() - start
    start = time.perf_counter()
    rdftext.turtle(lines)
    return len(graph), rdflib_s, time.perf_counter() - start


def fresh_build(paths: list[Path], jobs: int, out: Path) -> tuple[float, float, int]:
    """A whole build in a fresh process: wall seconds, peak resident memory (MB, the largest of the
    process and its workers) and triples.

    The peak is read by the child itself (``VmHWM``, and its waited-for workers' ``ru_maxrss``): the
    ``ru_maxrss`` a parent gets from ``wait4`` starts at the parent's own peak, which Linux carries
    across fork and exec, so it would report this benchmark's memory, not the build's.
    """
    code = (
        "import json, resource, sys; from policykg.building import build; "
        "b = build(sys.argv[3:], out=sys.argv[2], jobs=int(sys.argv[1])); "
        "own = next(int(x.split()[1]) for x in open('/proc/self/status') if x.startswith('VmHWM:')); "
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
        "print(json.dumps({**b.counts, 'peak_kb': max(own, kids)}))"
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, str(jobs), str(out), *map(str, paths)], stdout=subprocess.PIPE, text=True
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"the build failed (exit {proc.returncode})")
    figures = json.loads(proc.stdout.splitlines()[-1])
    return wall, figures["peak_kb"] / 1024, int(figures["triples"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of report files (default: %(default)s)")
    parser.add_argument("--synthetic", action="store_true", help="use the seed repeated, not --corpus")
    parser.add_argument("--megabytes", type=float, default=5.0, help="synthetic corpus size in MB (default 5)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the whole build (default 1)")
    parser.add_argument("--compare-jobs", action="store_true", help="also time -j 1 against -j 2")
    parser.add_argument("--rdflib-reports", type=int, default=5, help="reports for the Turtle comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        folder = Path(tmp)
        if args.synthetic or not args.corpus.is_dir():
            paths = make_corpus(folder, args.megabytes)
        else:
            paths = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")
        chars, figures, floor_s = naive_floor(paths)
        print(f"corpus: {len(paths)} reports, {chars:,} characters; whole build with jobs={args.jobs}")
        print(f"naive floor: {figures:,} figures in {floor_s:.3f} s = {chars / floor_s:,.0f} chars/s")
        extract_s = extraction_only(paths)
        print(
            f"extraction only: {extract_s:.1f} s = {chars / extract_s:,.0f} chars/s ({extract_s / floor_s:,.0f}x floor)"
        )
        build_s, result = whole_build(paths, args.jobs, folder / "out")
        rest = max(build_s - extract_s, 1e-9)
        print(
            f"whole build to graph.ttl + graph.trig + store: {result.counts['triples']:,} triples "  # type: ignore[attr-defined]
            f"in {build_s:.1f} s = {chars / build_s:,.0f} chars/s ({build_s / floor_s:,.0f}x floor); "
            f"without extraction {rest:.1f} s = {chars / rest:,.0f} chars/s"
        )
        shacl = shacl_seconds(result)
        print(f"SHACL on every report: {shacl:.2f} s = {100 * shacl / build_s:.1f}% of the build")
        triples, rdflib_s, ox_s = turtle_writers(result, args.rdflib_reports)
        print(
            f"Turtle of {triples:,} triples: rdflib {rdflib_s:.2f} s, pyoxigraph {ox_s:.2f} s ({rdflib_s / ox_s:.1f}x)"
        )
        wall, mb, built = fresh_build(paths, args.jobs, folder / "fresh")
        print(
            f"a whole build in a fresh process: {wall:.1f} s, peak RSS {mb:,.0f} MB "
            f"= {mb / (built / 1e6):,.0f} MB per million triples"
        )
        if args.compare_jobs:
            one = fresh_build(paths, 1, folder / "j1")[0]
            two = fresh_build(paths, 2, folder / "j2")[0]
            print(f"fresh processes: -j 1 {one:.1f} s, -j 2 {two:.1f} s: -j 2 is {one / two:.2f}x faster")


if __name__ == "__main__":
    main()
