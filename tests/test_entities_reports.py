"""Entities on three hand-written reports: a prefecture city, a banner (county level) and a
five-year review of a province — what must be found and what must not."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from policykg.graph_builder.entities.initiative_names import normalise_label
from policykg.graph_builder.model import Extraction
from policykg.graph_builder.pipeline import extract_file

DATA = Path(__file__).parent / "data"


@cache
def _ex(name: str) -> Extraction:
    return extract_file(DATA / f"ent_{name}.txt")


def _initiatives(name: str) -> set[str]:
    return {normalise_label(i.label) for i in _ex(name).initiatives}


def _links(name: str) -> set[tuple[str, str]]:
    ex = _ex(name)
    labels = {i.key: normalise_label(i.label) for i in ex.initiatives}
    return {(labels[k.initiative], ex.observations[k.observation].figure.text) for k in ex.outcomes}


def test_prefecture_city() -> None:
    ex = _ex("yichang")
    codes = {p.name: p.code for p in ex.places}
    assert codes["宜都市"] == "420581" and codes["长阳土家族自治县"] == "420528"
    assert not any("完成" in p.name for p in ex.places)  # not a village after a county
    orgs = {o.label for o in ex.organisations}
    assert {"三峡大学附属仁和医院", "市发展和改革委员会"} <= orgs
    assert "三峡大学" not in orgs
    inits = _initiatives("yichang")
    assert {
        "项目攻坚年活动",
        "第五届长江三峡国际旅游节",
        "城市更新行动",
        "全国综合实力百强县",
        "产业链链长制改革",
        "科技创新强市战略",
    } <= inits
    links = _links("yichang")
    assert {
        ("项目攻坚年活动", "286个"),
        ("项目攻坚年活动", "15.2%"),
        ("城市更新行动", "176个"),
        ("就业创业提升工程", "5.6万人"),
    } <= links
    assert not any(f == "98.5%" for _, f in links)  # the water supply retrofit is reported as done
    assert not any(f == "10件" for _, f in links)  # the package's size


def test_banner_report() -> None:
    ex = _ex("etuoke")
    assert ex.document.meta.place_code == "150624"
    orgs = {o.label for o in ex.organisations}
    assert {"鄂尔多斯市第二人民医院鄂托克分院", "自治区能源局"} <= orgs
    inits = _initiatives("etuoke")
    assert {
        "工业园区提质增效行动",
        "草原生态保护补助奖励政策",
        "暖心工程",
        "绿氢示范项目",
        "人居环境整治三年行动",
    } <= inits
    assert "建设绿氢示范项目" not in inits
    links = _links("etuoke")
    assert ("草原生态保护补助奖励政策", "1.6万户") in links
    assert ("老旧小区改造", "32个") in links  # a count after a completed programme is what was done
    kinds = {link.evidence for link in ex.outcomes}
    assert "CausalWording" in kinds


def test_five_year_review() -> None:
    ex = _ex("jiangxi5")
    codes = {p.name: p.code for p in ex.places}
    assert codes["赣州市"] == "360700" and codes["九江市"] == "360400"
    orgs = {o.label for o in ex.organisations}
    assert {"省交通投资集团有限公司", "省科学技术厅", "省财政厅", "南昌大学第一附属医院"} <= orgs
    assert not any(o.startswith("一批") for o in orgs)
    inits = _initiatives("jiangxi5")
    assert {"林长制", "学前教育普惠工程", "科技兴赣六大行动", "国家生态文明建设示范区"} <= inits
    assert "国家级创新平台" not in inits  # a counted category, not one initiative
    reform = next(i for i in ex.initiatives if "一号改革工程" in i.label)
    assert reform.spans and reform.headings  # one node for the sentence and the heading
    links = _links("jiangxi5")
    assert ("学前教育普惠工程", "28万个") in links
    assert not any(f == "五年" for _, f in links)  # a span of time, not a result
