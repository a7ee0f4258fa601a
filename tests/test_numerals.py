"""Numbers as reports write them, kept exact as Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from policykg.graph_builder.observations.figures import find_figures
from policykg.graph_builder.observations.numerals import magnitude, parse_number, plain


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2.57", "2.57"),
        ("1,234", "1234"),
        ("12,345.6", "12345.6"),
        ("0.3", "0.3"),
        ("两", "2"),
        ("三", "3"),
        ("十二", "12"),
        ("三十五", "35"),
        ("一百零八", "108"),
        ("一千二百", "1200"),
        ("三万五千", "35000"),
        ("一亿二千万", "120000000"),
        ("二〇二四", "2024"),
    ],
)
def test_parse_number(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "近", "多", "abc", "1.2.3"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_magnitudes_and_plain_output() -> None:
    assert magnitude("万亿") * Decimal("2.57") == Decimal(2570000000000)
    assert plain(Decimal("1.1") * magnitude("亿")) == "110000000"  # no 1.1E+8, no float noise
    assert plain(Decimal("0.30")) == "0.3" and plain(Decimal("5.0")) == "5"


# (sentence, value as written, unit as written, value in base units, upper bound)
FIGURES = [
    ("地区生产总值1.2万亿元", "1.2", "万亿元", "1200000000000", None),
    ("用电量2860亿千瓦时", "2860", "亿千瓦时", "286000000000", None),
    ("占比超过三成", "三", "成", "30", None),
    ("近八成", "八", "成", "80", None),
    ("实现翻一番", "一", "番", "100", None),
    ("实现翻两番", "两", "番", "300", None),
    ("位居全国首位", "首", "位", "1", None),
    ("排名全省第一", "一", "位", "1", None),
    ("居全国第3位", "3", "位", "3", None),
    ("约占全省的1/7", "1/7", "", "14.2857142857", None),
    ("覆盖三分之一的村", "三分之一", "", "33.3333333333", None),
    ("增长5%—6%", "5%—6", "%", "5", "6"),
    ("增长5%-6%", "5%-6", "%", "5", "6"),
    ("新建3至5个", "3至5", "个", "3", "5"),
    ("新增就业4万至5万人", "4万至5", "万人", "40000", "50000"),
    ("引进人才1200余名", "1200", "名", "1200", None),
    ("增产1亿多吨", "1", "亿吨", "100000000", None),
    ("增长９．３％", "９．３", "％", "9.3", None),
]


@pytest.mark.parametrize(("sentence", "value", "unit", "norm", "upper"), FIGURES)
def test_figure_forms(sentence: str, value: str, unit: str, norm: str, upper: str | None) -> None:
    (fig,) = find_figures(sentence)
    assert (fig.value_text, fig.unit_text, fig.value.normalize(), fig.upper) == (
        value,
        unit,
        Decimal(norm).normalize(),
        Decimal(upper) if upper else None,
    )


def test_approximation_words_kept() -> None:
    assert find_figures("引进人才1200余名")[0].approx == "余"
    assert find_figures("增产1亿多吨")[0].approx == "多"


def test_structure_ratio_gives_one_share_per_term() -> None:
    figs = find_figures("三次产业结构为4.2∶41.1∶54.7")
    assert [(f.value_text, f.part, f.parts) for f in figs] == [("4.2", 1, 3), ("41.1", 2, 3), ("54.7", 3, 3)]


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年1月23日",
        "第十四届人大第二次会议",
        "“十四五”规划",
        "PM2.5浓度",
        "建设5G网络",
        "一批项目",
        "一个中心",
        "获批二级节点",
        "三次产业协调发展",
        "2021—2025年",
        "五年来",
        "过去五年",
        "打造千亿级产业集群",
        "培育5000亿级产业",
        "建成三级医院",
        "十四五时期",
        "4A级景区",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert find_figures(sentence) == []
