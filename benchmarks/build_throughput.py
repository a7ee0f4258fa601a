"""Throughput of the builder: characters per second for extraction alone and for a whole build to Turtle.

The corpus is the bundled seed report repeated under distinct report identities (a different place and
year in each title line), written to a temporary folder until it reaches ``--megabytes`` of UTF-8.
Not part of the test suite; it prints figures and exits 0.

    .venv/bin/python benchmarks/build_throughput.py                 # 5 MB, all cores
    .venv/bin/python benchmarks/build_throughput.py --megabytes 1 --jobs 1 --skip-turtle
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from importlib.resources import files
from pathlib import Path

SEED = "shanxi-2024-government-work-report-summary.txt"
PLACES = [
    "河北省",
    "山西省",
    "辽宁省",
    "吉林省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "海南省",
    "四川省",
    "贵州省",
    "云南省",
    "陕西省",
    "甘肃省",
    "青海省",
    "太原市",
    "大同市",
    "广州市",
    "深圳市",
    "成都市",
    "武汉市",
    "杭州市",
    "宁波市",
    "苏州市",
    "郑州市",
]


def make_corpus(folder: Path, megabytes: float, copies: int) -> list[Path]:
    """Files of ``copies`` seed bodies each, under distinct titles, until the total reaches ``megabytes``."""
    seed = files("policykg").joinpath("data", SEED).read_text(encoding="utf-8")
    body = seed.split("\n", 1)[1]
    target, total, paths = int(megabytes * 1_000_000), 0, []
    i = 0
    while total < target:
        place, year = PLACES[i % len(PLACES)], 2015 + (i // len(PLACES)) % 12
        text = f"{year}年{place}政府工作报告（第{i + 1}稿）\n" + body * copies
        path = folder / f"report-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        total += path.stat().st_size
        paths.append(path)
        i += 1
    return paths


def _extract_one(path: str) -> tuple[int, int]:
    from policykg.graph_builder.pipeline import extract_file

    ex = extract_file(path)
    return len(ex.document.text), len(ex.observations)


def extraction_only(paths: list[Path], jobs: int) -> tuple[int, int, float]:
    """Characters, observations and seconds for reading, segmenting and extracting, without RDF."""
    start = time.perf_counter()
    if jobs == 1:
        counts = [_extract_one(str(p)) for p in paths]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            counts = list(pool.map(_extract_one, [str(p) for p in paths]))
    return sum(c for c, _ in counts), sum(n for _, n in counts), time.perf_counter() - start


def whole_build(paths: list[Path], jobs: int, out: Path) -> tuple[int, int, float, float]:
    """Triples, Turtle bytes, seconds for build_reports, seconds for serialising and writing Turtle."""
    from policykg.exports import serialize_graph
    from policykg.graph_builder import build_reports

    start = time.perf_counter()
    result = build_reports(paths, jobs=jobs)
    built = time.perf_counter()
    if result.failures:
        raise SystemExit(f"benchmark corpus failed to build: {result.failures[0].reason}")
    ttl = serialize_graph(result.graph, "turtle")
    out.write_text(ttl, encoding="utf-8")
    return len(result.graph), out.stat().st_size, built - start, time.perf_counter() - built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=5.0, help="corpus size in MB of UTF-8 (default 5)")
    parser.add_argument("--copies", type=int, default=20, help="seed bodies per file (default 20)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--skip-turtle", action="store_true", help="measure extraction only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        folder = Path(tmp)
        paths = make_corpus(folder, args.megabytes, args.copies)
        size = sum(p.stat().st_size for p in paths)
        print(f"corpus: {len(paths)} reports, {size / 1e6:.2f} MB UTF-8, jobs={args.jobs}")
        chars, obs, seconds = extraction_only(paths, args.jobs)
        print(
            f"extraction only: {chars:,} chars, {obs:,} observations in {seconds:.1f} s "
            f"= {chars / seconds:,.0f} chars/s"
        )
        if args.skip_turtle:
            return
        triples, ttl_bytes, build_s, ttl_s = whole_build(paths, args.jobs, folder / "graph.ttl")
        total = build_s + ttl_s
        print(
            f"whole build to Turtle: {triples:,} triples, {ttl_bytes / 1e6:.1f} MB Turtle; "
            f"build_reports {build_s:.1f} s + Turtle {ttl_s:.1f} s = {total:.1f} s = {chars / total:,.0f} chars/s"
        )


if __name__ == "__main__":
    main()
