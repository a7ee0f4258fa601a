"""The contract query on graphs the builder writes: its columns, one row per observation however many
labels a place or an indicator has, shared indicator concepts, and the queries built on them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from policykg.ontology.namespaces import PKG

REPORT_A = """2025年某某省政府工作报告

各位代表：

一、2024年工作回顾

全省生产总值达到3.1万亿元，增长5.4%，经济总量居全国第12位。
电子信息产业规模居西部第一，锂电池产量全球第一。
某某市地区生产总值增长6.1%，连续3年保持全省第一。
六大优势产业增加值增长7%。

二、2025年主要目标

地区生产总值增长5%—5.5%，城镇新增就业60万人以上。
"""

REPORT_B = """2026年某某省政府工作报告

各位代表：

一、2025年工作回顾

全省地区生产总值达到3.3万亿元，增长5.2%。
"""

COLUMNS = (
    "observation indicator value unit valueNormalized baseUnit kind period place placeCode qualifier sentence "
    "section begin end status role scope placeName report concept"
).split()


def _rows(graph: Graph, name: str, **params: str) -> list[dict[str, Any]]:
    import policykg

    return list(policykg.query(graph, name, **params).rows)


@pytest.fixture(scope="module")
def two_reports() -> Graph:
    import policykg

    graph = policykg.build_graph(REPORT_A)
    graph += policykg.build_graph(REPORT_B)
    return graph


def test_the_contract_columns(two_reports: Graph) -> None:
    import policykg

    result = policykg.query(two_reports, "observations")
    assert list(result.vars) == COLUMNS
    rows = result.rows
    assert {r["status"] for r in rows} == {"actual", "target"}
    assert {r["role"] for r in rows} == {"result", "context", "descriptor"}
    assert all(r["placeName"] and r["report"] for r in rows)
    gdp = next(r for r in rows if r["indicator"] == "生产总值" and r["kind"] == "level")
    assert (gdp["concept"], gdp["placeName"], gdp["place"]) == ("地区生产总值", "某某省", "全省")


def test_rank_scopes(two_reports: Graph) -> None:
    ranks = {r["indicator"]: r["scope"] for r in _rows(two_reports, "observations") if r["kind"] == "rank"}
    assert ranks["经济总量"] == "national" and ranks["电子信息产业规模"] == "regional"
    assert ranks["锂电池产量"] == "global"


def test_exactly_one_row_per_observation_when_places_and_indicators_have_several_labels(two_reports: Graph) -> None:
    """A place known by two labels (某区 and 某市某区) and a concept labelled in two languages double nothing."""
    graph = Graph()
    graph += two_reports
    for area in set(graph.objects(None, URIRef("http://purl.org/linked-data/sdmx/2009/dimension#refArea"))):
        graph.add((area, RDFS.label, Literal("另一个名字", lang="zh")))
    observations = set(graph.subjects(PKG.role, None))
    rows = _rows(graph, "observations")
    assert len(rows) == len(observations) == len({r["observation"] for r in rows})
    for name in ("targets", "indicator_series"):
        found = _rows(graph, name)
        assert len(found) == len({r["observation"] for r in found}), name
    reports = _rows(graph, "reports")
    assert len(reports) == 2 and len({r["report"] for r in reports}) == 2


def test_one_concept_across_reports_found_by_any_of_its_names(two_reports: Graph) -> None:
    """生产总值 (report A) and 地区生产总值 (report B) are one series; 经济总量 is the same measure."""
    for name in ("地区生产总值", "生产总值", "GDP"):
        series = _rows(two_reports, "indicator_series", indicator=name)
        written = {r["indicatorAsWritten"] for r in series}
        assert {"生产总值", "地区生产总值"} <= written, (name, written)
        assert {r["period"] for r in series} >= {"2024", "2025"}
    assert {r["valueNormalized"] for r in _rows(two_reports, "indicator_series", indicator="地区生产总值")} >= {
        Decimal("3100000000000"),
        Decimal("3300000000000"),
    }


def test_targets_a_range_is_two_observations(two_reports: Graph) -> None:
    rows = [r for r in _rows(two_reports, "targets") if r["indicator"] == "地区生产总值"]
    assert sorted(r["valueNormalized"] for r in rows) == [Decimal("5"), Decimal("5.5")]
    assert all(r["period"] == "2025" and r["kind"] == "growth_rate" for r in rows)


def test_targets_against_outcomes_meet_on_the_concept(two_reports: Graph) -> None:
    """The 2025 target of report A (生产总值 5%—5.5%) against the 2025 actual of report B (地区生产总值 5.2%)."""
    rows = _rows(two_reports, "targets_vs_outcomes")
    assert {(r["target"], r["actual"], r["result"]) for r in rows} >= {(Decimal("5"), Decimal("5.2"), "met")}
    assert all(r["placeLabel"] == "某某省" for r in rows)
