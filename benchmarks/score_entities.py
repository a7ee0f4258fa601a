#!/usr/bin/env python3
"""Score places, initiatives, organisations, sectors and outcome links against gold files.

Builds one report with the library, then matches extracted objects with gold records by label
overlap (one label contains the other once quotes and spaces are removed) and figures by offsets.
Defaults to the seed and the gold of ``../shared`` beside the repository; the development reports carry their own gold files:

    .venv/bin/python benchmarks/score_entities.py [--misses]
    .venv/bin/python benchmarks/score_entities.py --text tests/data/obs_dev_city.txt \
        --entities tests/data/ent_dev_city.entities.jsonl \
        --relations tests/data/ent_dev_city.relations.jsonl \
        --observations tests/data/obs_dev_city.gold.jsonl

Prints the figures; never part of the test pass/fail (tests import `score` for their floors).
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg.graph_builder.entities.sectors import domains
from policykg.graph_builder.model import Extraction
from policykg.graph_builder.pipeline import extract_file

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
"""The shared development material, beside the repository's root."""
GOLD = SHARED / "gold"
SEED = SHARED / "seed" / "shanxi-2024-government-work-report-summary.txt"
Record = dict[str, Any]


@dataclass
class Scores:
    """Counts behind each printed ratio, kept as (hits, total) pairs so tests can set floors."""

    places: tuple[int, int] = (0, 0)
    codes: tuple[int, int] = (0, 0)
    false_places: list[str] = field(default_factory=list)
    initiative_recall: tuple[int, int] = (0, 0)
    initiative_precision: tuple[int, int] = (0, 0)
    organisation_recall: tuple[int, int] = (0, 0)
    organisation_precision: tuple[int, int] = (0, 0)
    sectors: tuple[int, int] = (0, 0)
    outcome_recall: tuple[int, int] = (0, 0)
    outcome_precision: tuple[int, int] = (0, 0)
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def rate(pair: tuple[int, int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0


def norm(text: str) -> str:
    return re.sub(r"[\s“”\"'《》]", "", text or "")


def overlaps(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a) and bool(b) and (a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a)))


def forms(rec: Record) -> list[str]:
    return [rec["label"], *rec.get("mentions", [])]


def load(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def ratio(pair: tuple[int, int]) -> str:
    a, b = pair
    return f"{a}/{b} = {a / b:.3f}" if b else "n/a"


def score_places(ex: Extraction, gold: list[Record], out: Scores) -> None:
    places = [r for r in gold if r["type"] == "Place"]
    written: dict[str, set[str]] = {}
    for m in ex.place_mentions:
        written.setdefault(m.place, set()).add(m.span.text)
    by_key = {p.key: p for p in ex.places}
    found = coded = right = 0
    for g in places:
        hits = [
            k
            for k, texts in written.items()
            if any(norm(t) == norm(f) for t in texts | {by_key[k].name} for f in forms(g))
        ]
        found += bool(hits)
        if g.get("adcode") and hits:
            coded += 1
            right += any(by_key[k].code == g["adcode"] for k in hits)
        if not hits:
            out.misses.append(f"missed place: {g['label']}")
    out.false_places = [
        by_key[k].name
        for k, texts in written.items()
        if not any(overlaps(t, f) for t in texts | {by_key[k].name} for g in places for f in forms(g))
    ]
    out.places, out.codes = (found, len(places)), (right, coded)


def score_named(ex: Extraction, gold: list[Record], out: Scores) -> None:
    inits = [r for r in gold if r["type"] == "Initiative"]
    named = [r for r in gold if r["type"] in ("Initiative", "Event", "Facility", "Landmark")]
    found = [g for g in inits if any(overlaps(i.label, f) for i in ex.initiatives for f in forms(g))]
    good = [i for i in ex.initiatives if any(overlaps(i.label, f) for g in named for f in forms(g))]
    out.initiative_recall = (len(found), len(inits))
    out.initiative_precision = (len(good), len(ex.initiatives))
    out.misses += [f"missed initiative: {g['label']}" for g in inits if g not in found]
    out.misses += [f"extra initiative: {i.label} {i.kind}" for i in ex.initiatives if i not in good]
    orgs = [r for r in gold if r["type"] == "Organization"]
    bodies = [r for r in gold if r["type"] in ("Organization", "Event", "Facility")]
    hit = [g for g in orgs if any(overlaps(o.label, f) for o in ex.organisations for f in forms(g))]
    ok = [o for o in ex.organisations if any(overlaps(o.label, f) for g in bodies for f in forms(g))]
    out.organisation_recall = (len(hit), len(orgs))
    out.organisation_precision = (len(ok), len(ex.organisations))
    out.misses += [f"missed organisation: {g['label']}" for g in orgs if g not in hit]
    out.misses += [f"extra organisation: {o.label}" for o in ex.organisations if o not in ok]


def _obs_index(ex: Extraction, g: Record) -> list[int]:
    return [
        i for i, o in enumerate(ex.observations) if o.figure.begin < g["char_end"] and g["char_start"] < o.figure.end
    ]


def score_sectors(
    ex: Extraction, ents: dict[str, Record], rels: list[Record], observations: dict[str, Record], out: Scores
) -> None:
    labels = {d.slug: d.label for d in domains()}
    tags: dict[int, set[str]] = {}
    for t in ex.sector_tags:
        tags.setdefault(t.observation, set()).add(labels[t.sector])
    sector_rels = [r for r in rels if r["predicate"] == "measuresSector"]
    ok = sum(
        1
        for r in sector_rels
        if any(
            overlaps(lab, f)
            for i in _obs_index(ex, observations[r["subject"]])
            for lab in tags.get(i, ())
            for f in forms(ents[r["object"]])
        )
    )
    out.sectors = (ok, len(sector_rels))


def score_outcomes(
    ex: Extraction, ents: dict[str, Record], rels: list[Record], observations: dict[str, Record], out: Scores
) -> None:
    """Recall of the gold links, precision of the extracted ones, and unmatched ones to judge.

    The seed gold's links are a capped subset, so precision against it is a lower bound; the
    unmatched predictions are listed with their sentences for a manual verdict.
    """
    outcome = [r for r in rels if r["predicate"] == "hasOutcome"]
    keys = {i.key: i for i in ex.initiatives}

    def matches(link: Any, r: Record) -> bool:
        return link.observation in _obs_index(ex, observations[r["object"]]) and any(
            overlaps(keys[link.initiative].label, f) for f in forms(ents[r["subject"]])
        )

    got = [r for r in outcome if any(matches(link, r) for link in ex.outcomes)]
    right = [link for link in ex.outcomes if any(matches(link, r) for r in outcome)]
    out.outcome_recall, out.outcome_precision = (len(got), len(outcome)), (len(right), len(ex.outcomes))
    out.misses += [f"missed outcome: {r['subject_label']} -> {r['object_label']}" for r in outcome if r not in got]
    for link in [link for link in ex.outcomes if link not in right]:
        obs = ex.observations[link.observation]
        out.misses.append(
            f"unmatched outcome ({link.evidence}): {keys[link.initiative].label} -> "
            f"{obs.figure.text} | {ex.document.sentences[link.sentence].text}"
        )


def score(text: Path, entities: Path, relations: Path, observations: Path) -> Scores:
    """Extract one report and score it against its gold files."""
    ex = extract_file(text)
    gold, rels = load(entities), load(relations)
    obs = {o["id"]: o for o in load(observations)}
    ents = {g["id"]: g for g in gold}
    out = Scores()
    score_places(ex, gold, out)
    score_named(ex, gold, out)
    score_sectors(ex, ents, rels, obs, out)
    score_outcomes(ex, ents, rels, obs, out)
    return out


def report(s: Scores, misses: bool) -> None:
    print(
        f"places: found {ratio(s.places)}; codes right {ratio(s.codes)}; "
        f"false places {len(s.false_places)} {s.false_places}"
    )
    print(f"initiatives: recall {ratio(s.initiative_recall)}; precision {ratio(s.initiative_precision)}")
    print(f"organisations: recall {ratio(s.organisation_recall)}; precision {ratio(s.organisation_precision)}")
    print(f"observation sectors: {ratio(s.sectors)}")
    print(f"hasOutcome: recall {ratio(s.outcome_recall)}; precision {ratio(s.outcome_precision)}")
    if misses:
        for line in s.misses:
            print("  " + line)


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--text", "--report", type=Path, default=SEED)
    ap.add_argument("--entities", type=Path, default=GOLD / "entities.jsonl")
    ap.add_argument("--relations", type=Path, default=GOLD / "relations.jsonl")
    ap.add_argument(
        "--observations",
        type=Path,
        default=None,
        help="observation gold the relations point to (default: beside --entities)",
    )
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    observations = args.observations or _observations_beside(args.entities)
    report(score(args.text, args.entities, args.relations, observations), args.misses)
    return 0


def _observations_beside(entities: Path) -> Path:
    """observations.jsonl in a gold folder, or obs_X.gold.jsonl beside ent_X.entities.jsonl."""
    name = entities.name
    if name.startswith("ent_") and name.endswith(".entities.jsonl"):
        return entities.with_name("obs_" + name[4 : -len(".entities.jsonl")] + ".gold.jsonl")
    return entities.with_name("observations.jsonl")


if __name__ == "__main__":
    raise SystemExit(main())
