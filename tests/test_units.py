"""The unit table: every written unit maps to a base unit, a factor and a unit IRI."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from policykg.graph_builder.lexicons.units import lookup, unit_pattern, unit_table
from policykg.graph_builder.observations.figures import find_figures

FAMILIES = {
    "currency",
    "mass",
    "yield",
    "energy",
    "power",
    "rate",
    "volume",
    "area",
    "length",
    "concentration",
    "people",
    "households",
    "count",
    "percent",
    "multiple",
    "duration",
    "speed",
    "ratio",
    "voltage",
    "computing",
    "temperature",
    "index",
}


def test_every_row_is_well_formed() -> None:
    for written, unit in unit_table().items():
        assert written and unit.base and unit.factor > 0, written
        assert unit.family in FAMILIES, written
        assert unit.iri.split(":")[0] in {"unit", "cur", "pkgunit"}, written


def test_longest_unit_wins() -> None:
    alternatives = [re.sub(r"\\(.)", r"\1", a) for a in unit_pattern().split("|")]
    assert alternatives.index("千瓦时") < alternatives.index("千瓦")
    assert alternatives.index("个百分点") < alternatives.index("个")


# (sentence, unit as written, base unit, value in base units, family)
CASES = [
    ("一般公共预算收入412.3亿元", "亿元", "CNY", "41230000000", "currency"),
    ("粮食产量1500万吨", "万吨", "t", "15000000", "mass"),
    ("煤炭产量13.78亿吨", "亿吨", "t", "1378000000", "mass"),
    ("粮食产量295.6亿斤", "亿斤", "jin", "29560000000", "mass"),
    ("平均亩产812斤/亩", "斤/亩", "jin/mu", "812", "yield"),
    ("发电量4376亿千瓦时", "亿千瓦时", "kWh", "437600000000", "energy"),
    ("装机4989万千瓦", "万千瓦", "kW", "49890000", "power"),
    ("供气12.6亿立方米", "亿立方米", "m3", "1260000000", "volume"),
    ("播种面积4741.4万亩", "万亩", "mu", "47414000", "area"),
    ("绿地840.8万平方米", "万平方米", "m2", "8408000", "area"),
    ("治理水土流失面积320平方公里", "平方公里", "km2", "320", "area"),
    ("改造管网1112公里", "公里", "km", "1112", "length"),
    ("浓度降至31微克/立方米", "微克/立方米", "ug/m3", "31", "concentration"),
    ("新增就业48.93万人", "万人", "person", "489300", "people"),
    ("接待游客1.1亿人次", "亿人次", "person_time", "110000000", "people"),
    ("新增企业620家", "家", "enterprise", "620", "count"),
    ("经营主体430.4万户", "万户", "household", "4304000", "households"),
    ("新增项目12个", "个", "item", "12", "count"),
    ("实施项目170项", "项", "item", "170", "count"),
    ("办理建议699件", "件", "item", "699", "count"),
    ("建成煤矿118座", "座", "item", "118", "count"),
    ("建成工作面1491处", "处", "item", "1491", "count"),
    ("新建幼儿园100所", "所", "institution", "100", "count"),
    ("引进人才4227名", "名", "person", "4227", "people"),
    ("打造产业链16条", "条", "item", "16", "count"),
    ("举办对接会30场", "场", "event", "30", "count"),
    ("新记录植物17种", "种", "species", "17", "count"),
    ("标准机架91万架", "万架", "item", "910000", "count"),
    ("增长5%", "%", "percent", "5", "percent"),
    ("增长５％", "％", "percent", "5", "percent"),
    ("提高0.3个百分点", "个百分点", "percentage_point", "0.3", "percent"),
    ("增长1.6倍", "倍", "times", "1.6", "multiple"),
    ("产能500万吨/年", "万吨/年", "t/year", "5000000", "rate"),
]


@pytest.mark.parametrize(("sentence", "unit", "base", "norm", "family"), CASES)
def test_unit_families(sentence: str, unit: str, base: str, norm: str, family: str) -> None:
    (fig,) = find_figures(sentence)
    assert (fig.unit_text, fig.unit.base, fig.value.normalize(), fig.unit.family) == (
        unit,
        base,
        Decimal(norm).normalize(),
        family,
    )


def test_lookup_without_magnitude() -> None:
    unit = lookup("千瓦时")
    assert unit is not None and (unit.base, unit.iri) == ("kWh", "unit:KiloW-HR")
    assert lookup("万千瓦") is None  # magnitudes are numerals' business, never table rows
