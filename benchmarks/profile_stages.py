#!/usr/bin/env python3
"""Seconds per extraction stage over the provincial corpus (``../shared/corpus/provinces-2026``), one core.

Each report is read and segmented once, then every stage of ``pipeline.extract`` is timed on its own, in the
order the pipeline runs them, so the figures show which stage dominates a build. Lexicons and the gazetteer
are loaded before the clock starts (a warm-up run on the first report). Not part of the test suite; it
prints figures and exits 0. Timings are noisy on a shared machine: compare ratios measured in one run.

    .venv/bin/python benchmarks/profile_stages.py [--corpus DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policykg.graph_builder.entities.initiatives import extract_initiatives
from policykg.graph_builder.entities.organisations import extract_organisations
from policykg.graph_builder.entities.places import extract_places
from policykg.graph_builder.entities.relations import outcome_links
from policykg.graph_builder.entities.sectors import extract_sector_tags
from policykg.graph_builder.model import Document
from policykg.graph_builder.observations.extract import extract_observations
from policykg.graph_builder.pipeline import read_text
from policykg.graph_builder.read.reader import read_report

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "provinces-2026"
STAGES = ("read", "observations", "places", "organisations", "initiatives", "sectors", "outcome links")
ENTITY_STAGES = STAGES[2:]


def _timed(totals: dict[str, float], stage: str, run: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = run()
    totals[stage] = totals.get(stage, 0.0) + time.perf_counter() - start
    return result


def profile(path: Path, totals: dict[str, float]) -> int:
    """Run every stage on one report, adding its seconds to ``totals``; returns the report's length."""
    text = read_report(path, None).text
    doc: Document = _timed(totals, "read", lambda: read_text(text, str(path)))
    observations = _timed(totals, "observations", lambda: extract_observations(doc))
    _, mentions = _timed(totals, "places", lambda: extract_places(doc))
    _timed(totals, "organisations", lambda: extract_organisations(doc, mentions))
    initiatives = _timed(totals, "initiatives", lambda: extract_initiatives(doc, mentions))
    _timed(totals, "sectors", lambda: extract_sector_tags(doc, observations))
    _timed(totals, "outcome links", lambda: outcome_links(doc, initiatives, observations))
    return len(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of report .txt files")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus")
    args = parser.parse_args()
    reports = sorted(args.corpus.glob("*.txt"))
    if not reports:
        raise SystemExit(f"no reports in {args.corpus}")
    profile(reports[0], {})  # warm-up: lexicons, gazetteer, township table
    totals: dict[str, float] = {}
    chars = 0
    for _ in range(args.repeat):
        for path in reports:
            chars += profile(path, totals)
    print(f"{len(reports)} reports x {args.repeat}, {chars:,} characters")
    for stage in STAGES:
        print(f"  {stage:14s} {totals.get(stage, 0.0):7.2f} s")
    entities = sum(totals.get(s, 0.0) for s in ENTITY_STAGES)
    obs = totals.get("observations", 0.0)
    print(f"  entities total {entities:7.2f} s ({entities / obs if obs else 0:.2f} x observations)")


if __name__ == "__main__":
    main()
