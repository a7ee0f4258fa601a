"""Phrasings real provincial reports use, in sentences written for these tests: what is no figure (and
under which rule), roles, rank scopes, names that stand alone, periods, numbers and units, kinds.

The report around each sentence is ``2026年示例省政府工作报告``: reviewed year 2025, target year 2026.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from policykg.graph_builder.model import Observation
from policykg.graph_builder.observations.figures import scan
from policykg.graph_builder.pipeline import extract, read_text

REVIEW = "一、2025年工作回顾"
FIVE = "一、“十四五”时期和2025年工作回顾"
PLAN = "三、2026年主要目标任务"


def observe(sentence: str, heading: str = REVIEW) -> list[Observation]:
    text = f"2026年示例省政府工作报告\n\n各位代表：\n\n{heading}\n\n{sentence}\n"
    return list(extract(read_text(text)).observations)


def rules(sentence: str) -> dict[str, str]:
    """Each number written like a figure that is none, and its rule."""
    return {sentence[r.start : r.end]: r.rule for r in scan(sentence)[1]}


@pytest.mark.parametrize(
    ("sentence", "number", "rule"),
    [
        ("深入贯彻党的二十大和二十届历次全会精神。", "二十届", "session"),
        ("按照省委十三届九次、十次全会部署。", "十次", "session"),
        ("千方百计扩大有效投资。", "千方", "idiom"),
        ("巩固拓展深入贯彻中央八项规定精神学习教育成果。", "八项", "idiom"),
        ("实施制造业提质三年行动。", "三年", "span_of_years"),
        ("稳妥推进二轮土地承包到期后再延长30年试点。", "30年", "span_of_years"),
        ("这五年，我们攻坚克难。", "五年", "review_span"),
        ("为0—6岁儿童提供健康管理服务。", "0—6岁", "age"),
        ("总书记两次亲临考察指导。", "两次", "frequency"),
        ("重点做好十方面工作。", "十方", "word"),
        ("建设30万吨级进港航道。", "30万吨", "size_class"),
        ("高水平建设灌溉二期工程。", "二期", "ordinal"),
        ("居民收入增速连续8个季度居全国前10位。", "10位", "rank_threshold"),
        ("每天24小时提供心理咨询服务。", "24小时", "schedule"),
        ("加快建设成达万高铁。", "万", "word"),
    ],
)
def test_numbers_that_count_nothing_fall_under_a_named_rule(sentence: str, number: str, rule: str) -> None:
    assert rules(sentence).get(number) == rule, rules(sentence)
    assert not [o for o in observe(sentence) if o.figure.text.startswith(number)]


def one(sentence: str, value: str, heading: str = REVIEW) -> Observation:
    found = [o for o in observe(sentence, heading) if o.value == value]
    assert found, [(o.indicator, o.value) for o in observe(sentence, heading)]
    return found[0]


def test_streak_lengths_are_context_and_set_sizes_descriptors() -> None:
    streak = one("粮食总产量连续6年位居全国首位。", "6")
    assert (streak.role.value, streak.period) == ("context", "2020-2025")
    rank = one("粮食总产量连续6年位居全国首位。", "首")
    assert (rank.indicator, rank.role.value, rank.period) == ("粮食总产量", "result", "2020-2025")
    sets = one("五大优势产业增加值增长6.5%。", "五")
    assert (sets.indicator, sets.role.value) == ("优势产业数", "descriptor")
    assert one("五大优势产业增加值增长6.5%。", "6.5").indicator == "五大优势产业增加值"


@pytest.mark.parametrize(
    ("sentence", "value", "indicator", "scope"),
    [
        ("锂电池产量全球第一。", "一", "锂电池产量", "global"),
        ("外贸进出口总额突破6000亿元、排西部第三。", "三", "外贸进出口总额", "regional"),
        ("实际使用外资连续5年全国第一。", "一", "实际使用外资", "national"),
        ("区域创新能力升至全国第八。", "八", "区域创新能力", "national"),
    ],
)
def test_rank_scopes(sentence: str, value: str, indicator: str, scope: str) -> None:
    rank = one(sentence, value)
    assert (rank.kind.value, rank.indicator, rank.scope and rank.scope.value) == ("rank", indicator, scope)


def test_a_tier_is_no_rank_and_wei_after_a_count_is_people() -> None:
    assert observe("全省经济总量稳居全国第一方阵。") == []
    people = one("全省两院院士达到70位。", "70")
    assert (people.kind.value, people.base_unit) == ("level", "person")


@pytest.mark.parametrize(
    ("sentence", "value", "indicator", "qualifier"),
    [
        ("一般公共预算收入增长4.1%，总量首次突破2000亿元。", "2000", "一般公共预算收入总量", "突破"),
        ("战略性新兴产业投资占比不低于30%。", "30", "战略性新兴产业投资占比", "不低于"),
        ("本外币存贷款余额分别达到6.2万亿元、5.8万亿元。", "5.8", "本外币贷款余额", "分别达到"),
        (
            "新增国家级专精特新小巨人企业80家、科技型中小企业1.1万家，均居全国前列。",
            "80",
            "新增国家级专精特新小巨人企业",
            None,
        ),
        ("12所高校入选国家“双一流”建设名单。", "12", "入选国家“双一流”建设名单的高校", None),
        ("建设8万亩高标准农田。", "8", "建设高标准农田", None),
    ],
)
def test_names_stand_alone(sentence: str, value: str, indicator: str, qualifier: str | None) -> None:
    obs = one(sentence, value)
    assert (obs.indicator, obs.qualifier) == (indicator, qualifier)


def test_each_subject_of_a_list_holds_the_rank_of_its_clause() -> None:
    found = observe("新认定高新技术企业1200家、科技型中小企业2.1万家，均居全国第一。")
    ranks = sorted(o.indicator for o in found if o.kind.value == "rank")
    assert ranks == ["科技型中小企业", "高新技术企业"]  # what ranks first is the things, not their recognition


def test_five_year_review_periods() -> None:
    """From–to pairs: the first at the base year, the last at the last; averages span the five years; a level
    reached holds at the last year."""
    found = observe("过去五年，全省生产总值从4.2万亿元提高到5.5万亿元，年均增长5.6%，规上工业企业达到2.1万家。", FIVE)
    periods = {o.value: o.period for o in found}
    assert periods == {"4.2": "2020", "5.5": "2025", "5.6": "2021-2025", "2.1": "2025"}
    assert one("这五年，居民人均可支配收入五年增长31.5%。", "31.5", FIVE).period == "2021-2025"


def test_a_paragraph_on_the_last_year_under_a_five_year_heading() -> None:
    """Under 一、“十四五”时期发展回顾 the paragraphs speak of five years, until one names the last year
    alone: its figures are that year's, and the next paragraph's five-year figures are five years again."""
    heading = "一、“十四五”时期经济社会发展回顾"
    text = (
        "这五年，经济实力持续增强，全省生产总值年均增长5.4%。\n\n"
        "刚刚过去的2025年，我们稳中求进，经济回升向好。全省生产总值增长5.2%，固定资产投资增长4.1%。\n\n"
        "过去五年，城镇新增就业累计达到310万人。"
    )
    periods = {o.value: o.period for o in observe(text, heading)}
    assert periods == {"5.4": "2021-2025", "5.2": "2025", "4.1": "2025", "310": "cumulative:2021-2025"}


def test_goals_of_the_coming_plan() -> None:
    found = observe("“十五五”时期，地区生产总值年均增长5%左右，到2030年常住人口城镇化率达到70%。", PLAN)
    assert {(o.indicator, o.status.value, o.period) for o in found} == {
        ("地区生产总值", "target", "2026-2030"),
        ("常住人口城镇化率", "target", "2030"),
    }
    annual = one("地区生产总值增长5%左右，为“十五五”开好局。", "5", PLAN)
    assert (annual.status.value, annual.period) == ("target", "2026")


def test_reporting_on_a_target_sets_none() -> None:
    obs = one("全省地区生产总值增长5.6%，增速高于预期目标。", "5.6")
    assert (obs.status.value, obs.period) == ("actual", "2025")


@pytest.mark.parametrize(
    ("sentence", "value", "norm", "base"),
    [
        ("城镇调查失业率下降零点五个百分点。", "零点五", "0.5", "percentage_point"),
        ("新增就业三点五万人。", "三点五", "35000", "person"),
        ("研发投入强度达到百分之二点五。", "百分之二点五", "2.5", "percent"),
        ("人口自然增长率为千分之三。", "千分之三", "0.3", "percent"),
        ("超算中心峰值运算速度达到20亿次/秒。", "20", "2000000000", "/s"),
        ("地方一般公共预算收入突破万亿元。", "万", "1000000000000", "CNY"),
        ("技能人才总量超696万，高技能人才占比35%。", "696", "6960000", "item"),
        ("蔬菜、水果设施产量占比分别提高15、22个百分点。", "15", "15", "percentage_point"),
        ("农产品加工业产值与农业总产值之比达到2.4∶1。", "2.4", "2.4", "ratio"),
        ("城乡居民收入比值由2.5缩小至2.3。", "2.3", "2.3", "ratio"),
        ("民生支出占一般公共预算支出7成以上。", "7", "70", "percent"),
        ("全省经济总量实现翻一番。", "一", "100", "percent"),
    ],
)
def test_numbers_and_units(sentence: str, value: str, norm: str, base: str) -> None:
    obs = one(sentence, value)
    assert (obs.value_normalized, obs.base_unit) == (Decimal(norm), base)


@pytest.mark.parametrize(
    "sentence",
    [
        "新增上市公司15家。",
        "新入选国家级专精特新企业15家。",
        "新培育国家级专精特新企业15个。",
        "新认定高新技术企业15家。",
    ],
)
def test_newly_added_things_are_counts(sentence: str) -> None:
    assert one(sentence, "15").kind.value == "count"
