#!/usr/bin/env python3
"""What became of every numeral token of one or more reports: an observation (with its role) or the
named rule that excludes it, and the share of tokens with neither.

    .venv/bin/python benchmarks/audit_numbers.py ../shared/corpus/provinces-2026/*.txt
    .venv/bin/python benchmarks/audit_numbers.py --list unexplained REPORT   # the tokens themselves

Prints one line per report (tokens, observations by role, excluded, unexplained share) and the totals,
then the rules and how many tokens each excluded. Never part of the test pass/fail.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from policykg.graph_builder.observations.audit import UNEXPLAINED, Fate, audit
from policykg.graph_builder.observations.filters import rules
from policykg.graph_builder.pipeline import read_text
from policykg.graph_builder.read.reader import read_report


def fates_of(path: str) -> tuple[str, list[Fate], list[str]]:
    """A report's token fates, and each token's sentence for listing."""
    from policykg.graph_builder.observations.extract import extract_observations

    doc = read_text(read_report(path).text, path)
    fates = audit(doc, extract_observations(doc))
    texts = [doc.sentences[f.sentence].text if f.sentence is not None else "" for f in fates]
    return Path(path).name, fates, texts


def summary(name: str, fates: list[Fate]) -> str:
    kinds = Counter(f.fate for f in fates)
    made = {k.split(":")[1]: v for k, v in kinds.items() if k.startswith("observation:")}
    left = kinds[UNEXPLAINED]
    share = left / len(fates) if fates else 0.0
    excluded = len(fates) - sum(made.values()) - left
    roles = ", ".join(f"{role} {n}" for role, n in sorted(made.items()))
    return f"{name:28s} tokens {len(fates):5d}  in observations {sum(made.values()):5d} ({roles})  excluded {excluded:5d}  unexplained {left:4d} ({share:.2%})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reports", nargs="+", help="report files")
    ap.add_argument("--list", metavar="FATE", help="list the tokens with this fate (e.g. unexplained, idiom)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel workers")
    args = ap.parse_args()
    with ProcessPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(fates_of, args.reports))
    total: list[Fate] = []
    for name, fates, texts in results:
        print(summary(name, fates))
        total.extend(fates)
        if args.list:
            for fate, text in zip(fates, texts):
                if fate.fate == args.list:
                    print(f"    {fate.text:>10s}  «{text[:70]}»")
    print(summary("total", total))
    counts = Counter(f.fate for f in total)
    described = {
        **rules(),
        "heading": "in a heading",
        "page": "outside the report's text (page chrome, title block, footer)",
    }
    for fate, n in counts.most_common():
        print(f"  {fate:24s} {n:6d}  {described.get(fate, '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
