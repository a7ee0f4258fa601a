"""Entities of two full-length reports annotated by hand (a prefecture city, a county with towns).

Each report is extracted and scored against its gold files with the entity scorer's own matching
rules (benchmarks/score_entities.py: label overlap for names, offsets for figures). The floors sit a
margin below the scores reached, so that a rule change which loses ground on unseen wording fails.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"

# report: floors of (places found, initiative recall, initiative precision, organisation recall,
# organisation precision, outcome recall, outcome precision)
FLOORS = {
    "city": (0.5, 0.85, 0.85, 0.8, 0.8, 0.6, 0.7),
    "county": (0.8, 0.85, 0.85, 0.75, 0.75, 0.65, 0.65),
}


@lru_cache(maxsize=1)
def _scorer() -> ModuleType:
    """The benchmark script as a module (registered first: its dataclasses look themselves up)."""
    spec = importlib.util.spec_from_file_location("score_entities", ROOT / "benchmarks" / "score_entities.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    scorer = _scorer()
    return {
        name: scorer.score(
            DATA / f"obs_dev_{name}.txt",
            DATA / f"ent_dev_{name}.entities.jsonl",
            DATA / f"ent_dev_{name}.relations.jsonl",
            DATA / f"obs_dev_{name}.gold.jsonl",
        )
        for name in FLOORS
    }


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_floors(scores: dict[str, Any], name: str) -> None:
    s = scores[name]
    got = (
        s.rate(s.places),
        s.rate(s.initiative_recall),
        s.rate(s.initiative_precision),
        s.rate(s.organisation_recall),
        s.rate(s.organisation_precision),
        s.rate(s.outcome_recall),
        s.rate(s.outcome_precision),
    )
    assert all(g >= f for g, f in zip(got, FLOORS[name])), (got, s.misses)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_codes_right_and_no_false_places(scores: dict[str, Any], name: str) -> None:
    s = scores[name]
    assert s.codes[0] == s.codes[1] and s.false_places == []


def test_county_towns_hang_from_the_county(scores: dict[str, Any]) -> None:
    """Towns written alone (at a clause head, in a list, before 产业园) are the county's."""
    assert scores["county"].places == (5, 5)


def test_gold_files_are_verbatim() -> None:
    """Every label, mention and evidence of the gold files occurs in its report."""
    scorer = _scorer()
    for name in FLOORS:
        text = (DATA / f"obs_dev_{name}.txt").read_text(encoding="utf-8")
        for rec in scorer.load(DATA / f"ent_dev_{name}.entities.jsonl"):
            assert all(m in text for m in rec["mentions"]), rec["id"]
            assert not rec["label_verbatim"] or rec["label"] in text, rec["id"]
        for rel in scorer.load(DATA / f"ent_dev_{name}.relations.jsonl"):
            assert rel["evidence"] in text, rel["id"]
