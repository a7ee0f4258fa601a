"""Phrasings met in unseen-style reports: one row per rule, each a sentence written for the test."""

from __future__ import annotations

import pytest

from policykg.graph_builder.model import Observation
from policykg.graph_builder.observations.extract import extract_observations
from policykg.graph_builder.pipeline import read_text


def _obs(body: str) -> list[Observation]:
    return list(extract_observations(read_text("2025年某某省政府工作报告\n\n一、2024年工作回顾\n\n" + body)))


def test_gap_to_a_wider_area_names_the_figure_just_stated() -> None:
    obs = _obs("规模以上工业增加值增长8.2%，高于全国2.4个百分点。")
    gap = obs[-1]
    assert (gap.indicator, gap.kind.value, gap.qualifier, gap.direction) == (
        "规模以上工业增加值增速",
        "change",
        "高于全国",
        "up",
    )
    assert gap.place != "全国"


def test_gap_below_is_down() -> None:
    obs = _obs("居民消费价格上涨0.4%，低于全国平均水平0.2个百分点。")
    assert (obs[-1].indicator, obs[-1].direction) == ("居民消费价格增速", "down")


@pytest.mark.parametrize(
    "sentence, values",
    [
        ("每千名老年人拥有养老床位32张。", ["32"]),
        ("每万人口高价值发明专利拥有量达到4.1件。", ["4.1"]),
        ("九年义务教育巩固率达到96.8%。", ["96.8"]),
        ("推行十二年免费教育，新建学校5所。", ["5"]),
    ],
)
def test_denominators_and_schooling_lengths_are_not_figures(sentence: str, values: list[str]) -> None:
    assert [o.value for o in _obs(sentence)] == values


@pytest.mark.parametrize(
    "sentence",
    [
        "推动武威金昌两个园区提档升级，产值增长9%。",
        "东城区西湖区北城区三个片区产值均增长12%。",
    ],
)
def test_list_size_after_names_without_commas(sentence: str) -> None:
    assert [o.unit for o in _obs(sentence)] == ["%"]


def test_count_after_a_verb_is_still_a_count() -> None:
    assert [o.value for o in _obs("新建三个产业园区。")] == ["三"]


def test_town_at_the_head_of_a_clause_is_its_place() -> None:
    obs = _obs("北湖镇新建污水管网12公里，城镇新增就业1.2万人。")
    assert (obs[0].indicator, obs[0].place) == ("新建污水管网", "北湖镇")
    assert obs[1].place != "城镇"


def test_zone_of_a_city_is_the_place() -> None:
    obs = _obs("兰州新区地区生产总值增长11%。")
    assert (obs[0].place, obs[0].indicator) == ("兰州新区", "地区生产总值")


def test_multiple_of_an_earlier_year_spans_the_years_since() -> None:
    obs = _obs("技术合同成交额突破80亿元，是2020年的2.5倍。")
    last = obs[-1]
    assert (last.indicator, last.period, last.qualifier) == ("技术合同成交额", "2021-2024", "是2020年的")


def test_rank_kept() -> None:
    obs = _obs("研发经费投入强度达到3.1%，继续保持全省第一。")
    assert (obs[-1].indicator, obs[-1].kind.value, int(obs[-1].value_normalized)) == ("研发经费投入强度", "rank", 1)


def test_urban_rural_pair_shares_the_measure() -> None:
    obs = _obs("城镇、农村居民人均可支配收入分别达到40120元、15360元。")
    assert [o.indicator for o in obs] == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]


def test_streak_named_after_what_held_and_subject_kept() -> None:
    obs = _obs("粮食总产量连续4年稳定在120万吨以上。")
    assert [o.indicator for o in obs] == ["粮食总产量稳定在120万吨以上的连续年数", "粮食总产量"]
    assert [o.period for o in obs] == ["2021-2024", "2021-2024"]
