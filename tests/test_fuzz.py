"""Report-like texts made up at random, built whole: no exception, no input over its time budget, every
span's offsets pointing at its text, SHACL met wherever the place is known, every export read back.

The texts come from ``benchmarks/fuzz.py`` (which runs the long series and prints the figures); here
Hypothesis drives its generator with a fixed seed, so the suite tries the same few hundred inputs on
every run and shrinks any failure to a short one.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

FUZZ = Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz.py"


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("policykg_fuzz", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz()
FIXED = settings(database=None, deadline=None, suppress_health_check=list(HealthCheck), print_blob=False)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Lexicons, patterns and shapes loaded once, so the first input is timed like the others."""
    fuzz.warm_up()


@seed(2026)
@settings(FIXED, max_examples=200)
@given(st.randoms(use_true_random=False))
def test_builds_any_text(rng: random.Random) -> None:
    outcome = fuzz.check(fuzz.generate(rng), exports=False)
    assert not outcome.problems


@seed(15)
@settings(FIXED, max_examples=25)
@given(st.randoms(use_true_random=False))
def test_every_export_reads_back(rng: random.Random) -> None:
    outcome = fuzz.check(fuzz.generate(rng))
    assert not outcome.problems


@pytest.mark.parametrize(
    "text",
    [
        "全省增长" + "9" * 30 + "%，达到1e308亿元。",
        "地区生产总值达到10934\r\n4.47%。",
        "增长99%-140%，控制在５％—６％。",
        "实施科技\n\n金融专项170项。",
        "全年增长5%\u2028\x0b\x01\x85\u2029，收入增长6%。",
    ],
)
def test_known_hard_texts(text: str) -> None:
    outcome = fuzz.check("2026年山西省政府工作报告\n各位代表：\n" + text)
    assert not outcome.problems
