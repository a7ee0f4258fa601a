"""Regression on the bundled report: figures across repaired line breaks, lists, ranks, exact offsets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from policykg.graph_builder.model import Extraction


@pytest.fixture(scope="module")
def seed(seed_build: Any) -> Extraction:
    """The seed's extraction from the session's build (extracted once, not again here)."""
    ex: Extraction = seed_build.extractions[0]
    return ex


def test_meta(seed: Extraction) -> None:
    meta = seed.document.meta
    assert (meta.place, meta.year, meta.reviewed_period, meta.target_period) == ("山西省", 2024, "2023", "2024")


def test_every_figure_cites_the_source_exactly(seed: Extraction) -> None:
    text = seed.document.text
    for o in seed.observations:
        assert text[o.figure.begin : o.figure.end] == o.figure.text, o


def test_figures_after_a_repaired_line_break(seed: Extraction) -> None:
    obs = {(o.indicator, o.value, o.unit): o for o in seed.observations}
    project = obs[("实施科技金融专项", "170", "项")]
    assert seed.document.text[project.figure.begin : project.figure.end] == "170项"
    assert "实施科技金融专项170项" in seed.document.sentences[project.sentence].text
    assert ("实现“指尖办”“掌上办”的政务服务事项", "3069", "项") in obs or any(
        o.value == "3069" and "政务服务事项" in o.indicator for o in seed.observations
    )


@pytest.mark.parametrize(
    ("indicator", "value", "kind", "norm"),
    [
        ("地区生产总值", "2.57", "level", "2570000000000"),
        ("重点监测景区门票收入", "2.2", "growth_rate", "2.2"),
        ("煤炭产量", "5743", "change", "57430000"),
        ("煤炭产量", "13.78", "level", "1378000000"),
        ("城镇居民人均可支配收入", "41327", "level", "41327"),
        ("农村居民人均可支配收入", "17677", "level", "17677"),
        ("首批省级10大重点专业镇营业收入增速", "20", "growth_rate", "20"),
        ("新增省级重点专业镇", "8", "count", "8"),
        ("新增绿廊绿道", "295.7", "change", "295.7"),
        ("人工造林规模", "1", "rank", "1"),
        ("财政支出用于民生的比重", "八", "share", "80"),
    ],
)
def test_key_tuples(seed: Extraction, indicator: str, value: str, kind: str, norm: str) -> None:
    found = [
        o
        for o in seed.observations
        if o.value == value and o.kind.value == kind and (indicator in o.indicator or o.indicator in indicator)
    ]
    assert found, [(o.indicator, o.value, o.kind.value) for o in seed.observations if o.value == value]
    assert found[0].value_normalized == Decimal(norm)


def test_no_figures_from_labels_or_years(seed: Extraction) -> None:
    values = {(o.value, o.unit) for o in seed.observations}
    assert ("二", "级") not in values and not any(
        o.unit == "年" and o.value.startswith("20") for o in seed.observations
    )
