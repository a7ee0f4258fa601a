#!/usr/bin/env python3
"""Score places, initiatives, organisations, sectors and outcome links against the gold files.

Builds the seed report with the library, then matches extracted objects with gold records by label
overlap (one label contains the other once quotes and spaces are removed) and figures by offsets.
Prints the figures; never part of the test pass/fail.

    .venv/bin/python benchmarks/score_entities.py [--gold DIR] [--report FILE] [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from graph_builder.extract_sectors import domains
from graph_builder.model import Extraction
from graph_builder.pipeline import extract_file

GOLD = Path("/work/shared/gold")
SEED = Path("/work/shared/seed/shanxi-2024-government-work-report-summary.txt")


def norm(text: str) -> str:
    return re.sub(r"[\s“”\"'《》]", "", text or "")


def overlaps(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a) and bool(b) and (a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a)))


def forms(rec: dict[str, Any]) -> list[str]:
    return [rec["label"], *rec.get("mentions", [])]


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.3f}" if b else "n/a"


def score_places(ex: Extraction, gold: list[dict[str, Any]], misses: bool) -> None:
    places = [r for r in gold if r["type"] == "Place"]
    written = {}
    for m in ex.place_mentions:
        written.setdefault(m.place, set()).add(m.span.text)
    by_key = {p.key: p for p in ex.places}
    found = coded = right = 0
    for g in places:
        hits = [k for k, texts in written.items()
                if any(t == f or norm(t) == norm(f) for t in texts | {by_key[k].name} for f in forms(g))]
        found += bool(hits)
        if g.get("adcode") and hits:
            coded += 1
            right += any(by_key[k].code == g["adcode"] for k in hits)
        if misses and not hits:
            print("  missed place:", g["label"])
    false = [k for k, texts in written.items()
             if not any(overlaps(t, f) for t in texts | {by_key[k].name} for g in places for f in forms(g))]
    print(f"places: found {ratio(found, len(places))}; codes right {ratio(right, coded)}; "
          f"false places {len(false)} {[by_key[k].name for k in false]}")


def score_initiatives(ex: Extraction, gold: list[dict[str, Any]], misses: bool) -> None:
    inits = [r for r in gold if r["type"] == "Initiative"]
    named = [r for r in gold if r["type"] in ("Initiative", "Event")]
    found = [g for g in inits if any(overlaps(i.label, f) for i in ex.initiatives for f in forms(g))]
    good = [i for i in ex.initiatives if any(overlaps(i.label, f) for g in named for f in forms(g))]
    print(f"initiatives: recall {ratio(len(found), len(inits))}; "
          f"precision {ratio(len(good), len(ex.initiatives))}; "
          f"without sector {sum(1 for i in ex.initiatives if not i.sectors)}")
    if misses:
        for g in inits:
            if g not in found:
                print("  missed initiative:", g["label"])
        for i in ex.initiatives:
            if i not in good:
                print("  extra initiative:", i.label, i.kind)
    orgs = [r for r in gold if r["type"] == "Organization"]
    hit = [g for g in orgs if any(overlaps(o.label, f) for o in ex.organisations for f in forms(g))]
    print(f"organisations: recall {ratio(len(hit), len(orgs))}; extracted {len(ex.organisations)}")
    if misses:
        for g in orgs:
            if g not in hit:
                print("  missed organisation:", g["label"])


def _obs_index(ex: Extraction, g: dict[str, Any]) -> list[int]:
    return [i for i, o in enumerate(ex.observations)
            if o.figure.begin < g["char_end"] and g["char_start"] < o.figure.end]


def score_relations(ex: Extraction, gold: list[dict[str, Any]], rels: list[dict[str, Any]],
                    observations: dict[str, dict[str, Any]], misses: bool) -> None:
    ents = {g["id"]: g for g in gold}
    labels = {d.slug: d.label for d in domains()}
    tags: dict[int, set[str]] = {}
    for t in ex.sector_tags:
        tags.setdefault(t.observation, set()).add(labels[t.sector])
    sector_rels = [r for r in rels if r["predicate"] == "measuresSector"]
    ok = sum(1 for r in sector_rels
             if any(overlaps(lab, f) for i in _obs_index(ex, observations[r["subject"]])
                    for lab in tags.get(i, ()) for f in forms(ents[r["object"]])))
    print(f"observation sectors: {ratio(ok, len(sector_rels))}")
    score_outcomes(ex, [r for r in rels if r["predicate"] == "hasOutcome"], ents, observations,
                   misses)


def score_outcomes(ex: Extraction, outcome: list[dict[str, Any]], ents: dict[str, Any],
                   observations: dict[str, dict[str, Any]], misses: bool) -> None:
    """Recall of the gold links, precision of the extracted ones, and unmatched ones to judge.

    The gold's links are a capped subset, so precision against it is a lower bound; the unmatched
    predictions are printed with their sentences for a manual verdict.
    """
    keys = {i.key: i for i in ex.initiatives}

    def matches(link: Any, r: dict[str, Any]) -> bool:
        return (link.observation in _obs_index(ex, observations[r["object"]])
                and any(overlaps(keys[link.initiative].label, f) for f in forms(ents[r["subject"]])))

    got = 0
    for r in outcome:
        hit = any(matches(link, r) for link in ex.outcomes)
        got += hit
        if misses and not hit:
            print("  missed outcome:", r["subject_label"], "->", r["object_label"])
    right = [link for link in ex.outcomes if any(matches(link, r) for r in outcome)]
    print(f"hasOutcome: recall {ratio(got, len(outcome))}; "
          f"precision against the capped gold {ratio(len(right), len(ex.outcomes))}; "
          f"links extracted {len(ex.outcomes)}, "
          f"evidence {sorted({link.evidence for link in ex.outcomes})}")
    if misses:
        for link in [link for link in ex.outcomes if link not in right][:20]:
            obs = ex.observations[link.observation]
            print(f"  unmatched outcome ({link.evidence}): {keys[link.initiative].label} -> "
                  f"{obs.figure.text} | {ex.document.sentences[link.sentence].text}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--report", type=Path, default=SEED)
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    ex = extract_file(args.report)
    gold = load(args.gold / "entities.jsonl")
    rels = load(args.gold / "relations.jsonl")
    observations = {o["id"]: o for o in load(args.gold / "observations.jsonl")}
    score_places(ex, gold, args.misses)
    score_initiatives(ex, gold, args.misses)
    score_relations(ex, gold, rels, observations, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
