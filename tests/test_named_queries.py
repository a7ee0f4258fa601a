"""Every named query parses, declares its parameters, and returns real values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from rdflib import Graph

from policykg.queries import get_query, list_queries
from policykg.queries.run import check_query
from policykg.queries.stores import MemoryStore, run_named

R = "https://w3id.org/policykg/id/"
# Two reports of one province, the outcomes and entities the builder adds, written by hand.
ENTITIES = f"""
@prefix pkg: <https://w3id.org/policykg/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix qb: <http://purl.org/linked-data/cube#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sm: <http://purl.org/linked-data/sdmx/2009/measure#> . @prefix sd: <http://purl.org/linked-data/sdmx/2009/dimension#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
<{R}place/410000> a pkg:Province ; rdfs:label "河南省"@zh ; skos:notation "410000" .
<{R}place/410100> a pkg:PrefectureCity ; rdfs:label "郑州市"@zh ; pkg:within <{R}place/410000> .
<{R}r24> a pkg:Report ; dcterms:date "2024"^^xsd:gYear . <{R}r25> a pkg:Report ; dcterms:date "2025"^^xsd:gYear .
<{R}indicator/gdp> a pkg:Indicator ; skos:prefLabel "地区生产总值"@zh .
<{R}t> a qb:Observation ; pkg:status pkg:Target ; pkg:indicator <{R}indicator/gdp> ; pkg:kind pkg:GrowthRate ;
  sd:refPeriod <http://reference.data.gov.uk/id/year/2024> ; sd:refArea <{R}place/410000> ; pkg:baseUnit "percent" ;
  sm:obsValue 5.5 ; pkg:periodLabel "2024" ; dcterms:source <{R}r24> ; pkg:role pkg:Result ;
  pkg:indicatorAsWritten "地区生产总值" ; pkg:placeName "河南省" .
<{R}a> a qb:Observation ; pkg:status pkg:Actual ; pkg:indicator <{R}indicator/gdp> ; pkg:kind pkg:GrowthRate ;
  sd:refPeriod <http://reference.data.gov.uk/id/year/2024> ; sd:refArea <{R}place/410000> ; pkg:baseUnit "percent" ;
  sm:obsValue 5.2 ; pkg:periodLabel "2024" ; dcterms:source <{R}r25> ; pkg:valueAsWritten "5.2" ; pkg:unitAsWritten "%" ;
  pkg:role pkg:Result ; pkg:indicatorAsWritten "生产总值" ; pkg:placeName "河南省" .
<{R}o> a qb:Observation ; pkg:status pkg:Actual ; pkg:indicator <{R}indicator/grain> ; pkg:kind pkg:Level ;
  sd:refArea <{R}place/410100> ; pkg:valueAsWritten "120" ; pkg:unitAsWritten "万吨" ; pkg:periodLabel "2024" .
<{R}indicator/grain> a pkg:Indicator ; skos:prefLabel "粮食产量"@zh .
<{R}sector/agri> a pkg:Sector ; skos:prefLabel "农业"@zh .
<{R}i1> a pkg:Project ; rdfs:label "高标准农田建设工程"@zh ; pkg:sector <{R}sector/agri> ; pkg:place <{R}place/410100> ;
  pkg:implementedBy <{R}org/1> ; pkg:hasOutcome <{R}o> .
<{R}org/1> a org:Organization ; rdfs:label "省农业农村厅"@zh .
<{R}i2> a pkg:Campaign ; rdfs:label "乡村清洁行动"@zh ; pkg:sector <{R}sector/agri> ; pkg:place <{R}place/410000> .
<{R}ev> a pkg:OutcomeEvidence ; pkg:initiative <{R}i1> ; pkg:observation <{R}o> ; pkg:evidenceKind pkg:SameSentence ;
  prov:wasDerivedFrom <{R}span> .
<{R}span> nif:anchorOf "实施高标准农田建设工程,粮食产量120万吨。" ; nif:beginIndex 10 ; nif:endIndex 30 .
pkg:SameSentence skos:notation "same_sentence" .
"""


@pytest.fixture(scope="module")
def seed(seed_graph: Graph) -> MemoryStore:
    return MemoryStore(seed_graph)


@pytest.fixture(scope="module")
def entities() -> MemoryStore:
    return MemoryStore(Graph().parse(data=ENTITIES, format="turtle"))


def rows(store: Any, name: str, **params: str) -> list[dict[str, Any]]:
    result = run_named(store, get_query(name), params)
    return [{str(k): v.toPython() if v is not None else None for k, v in r.asdict().items()} for r in result]


def test_library_has_at_least_fifteen_queries_that_parse() -> None:
    queries = list_queries()
    assert len(queries) >= 15
    for q in queries:
        assert q.summary_en and q.summary_zh, q.name
        check_query(q.text)
        for p in q.params:
            assert f"?{p.name}" in q.text, (q.name, p.name)


def test_observations_gdp_of_shanxi(seed: MemoryStore) -> None:
    gdp = [r for r in rows(seed, "observations") if r["indicator"] == "地区生产总值" and r["kind"] == "level"]
    assert gdp[0]["valueNormalized"] == Decimal("2570000000000") and gdp[0]["baseUnit"] == "CNY"


def test_indicator_series_and_search(seed: MemoryStore) -> None:
    series = rows(seed, "indicator_series")
    assert {(r["kind"], r["valueNormalized"]) for r in series} >= {("growth_rate", 5), ("level", 2570000000000)}
    assert rows(seed, "indicator_search", text="生产总值")[0]["label"] == "地区生产总值"


def test_growth_above_threshold(seed: MemoryStore) -> None:
    found = rows(seed, "growth_above", threshold="8")
    assert found and all(r["growth"] > 8 for r in found)
    assert "制造业增加值" in {r["indicator"] for r in found}


def test_largest_figures_and_rankings(seed: MemoryStore) -> None:
    top = rows(seed, "largest_figures", unit="CNY")
    assert top[0]["valueNormalized"] >= 2570000000000
    ranks = rows(seed, "national_rankings")
    assert ranks and all(r["rank"] >= 1 for r in ranks) and ranks[0]["areaLabel"] == "山西省"


def test_reports_sections_targets_provenance(seed: MemoryStore) -> None:
    rep = rows(seed, "reports")
    assert rep[0]["placeLabel"] == "山西省" and rep[0]["reviewed"] == "2023" and rep[0]["observations"] > 100
    assert len(rows(seed, "section_tree")) >= 10
    assert all(r["period"] == "2024" for r in rows(seed, "targets", year="2024"))
    gdp = next(r for r in rows(seed, "observations") if r["indicator"] == "地区生产总值")
    prov = rows(seed, "provenance", resource=gdp["observation"])
    figure = next(r for r in prov if r["text"] == "2.57万亿元")
    assert figure["begin"] == gdp["begin"] and "地区生产总值" in figure["sentence"]


def test_targets_versus_outcomes(entities: MemoryStore) -> None:
    (row,) = rows(entities, "targets_vs_outcomes", place="河南省")
    assert (row["target"], row["actual"], row["result"]) == (Decimal("5.5"), Decimal("5.2"), "missed")


def test_place_profile_includes_places_within(entities: MemoryStore) -> None:
    found = rows(entities, "place_profile", place="河南省")
    assert {r["areaLabel"] for r in found} == {"河南省", "郑州市"}
    assert {r["what"] for r in found} == {"observation", "initiative"}


def test_initiatives_outcomes_sectors_orphans(entities: MemoryStore) -> None:
    assert [r["label"] for r in rows(entities, "initiatives", type="Project", place="河南省")] == ["高标准农田建设工程"]
    out = rows(entities, "initiative_outcomes")
    assert out[0]["indicator"] == "粮食产量" and out[0]["evidenceKind"] == "same_sentence"
    top = rows(entities, "sector_ranking")[0]
    assert (top["label"], top["initiatives"], top["outcomes"]) == ("农业", 2, 1)
    assert [r["label"] for r in rows(entities, "orphan_initiatives")] == ["乡村清洁行动"]
    assert rows(entities, "sector_indicators", sector="农业")[0]["label"] == "粮食产量"


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_observations_of_one_report_on_both_stores(kind: str, tmp_path: Any) -> None:
    """Each column is an OPTIONAL sub-select, so the report parameter must still narrow the rows
    (a VALUES row that only met an optional column would leave every observation in, labelled with it);
    an observation missing a column is listed with that cell empty rather than dropped."""
    from policykg.queries.stores import OxigraphStore

    path = tmp_path / "two.ttl"
    path.write_text(ENTITIES, encoding="utf-8")
    store: Any = OxigraphStore.in_memory(path) if kind == "oxigraph" else MemoryStore(Graph().parse(path))
    every = rows(store, "observations")
    assert {(r["observation"], r["report"]) for r in every} == {(f"{R}t", f"{R}r24"), (f"{R}a", f"{R}r25")}
    one = rows(store, "observations", report=f"{R}r25")
    assert [(r["observation"], r["value"], r["unit"], r.get("sentence")) for r in one] == [(f"{R}a", "5.2", "%", None)]


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_observation_without_an_indicator_node_is_one_row(kind: str, tmp_path: Any) -> None:
    """The concept's labels are read through the observation's own indicator node: an observation that
    has none is one row with no concept, not one row per concept of the graph."""
    from policykg.queries.stores import OxigraphStore

    extra = f"""
<{R}indicator/gdp> skos:prefLabel "Gross regional product"@en .
<{R}indicator/grain> skos:prefLabel "Grain output"@en .
<{R}bare> a qb:Observation ; dcterms:source <{R}r25> ; pkg:indicatorAsWritten "城镇新增就业" ;
  pkg:valueAsWritten "8" ; pkg:unitAsWritten "万人" .
"""
    path = tmp_path / "bare.ttl"
    path.write_text(ENTITIES + extra, encoding="utf-8")
    store: Any = OxigraphStore.in_memory(path) if kind == "oxigraph" else MemoryStore(Graph().parse(path))
    found = sorted((r["observation"], r.get("concept")) for r in rows(store, "observations", report=f"{R}r25"))
    assert found == [(f"{R}a", "地区生产总值"), (f"{R}bare", None)]


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
def test_report_without_a_place_is_one_row(kind: str, tmp_path: Any) -> None:
    """A report whose place was not found (no dcterms:spatial) is listed once without a place, not once
    under every place other reports name."""
    from policykg.queries.stores import OxigraphStore

    extra = f"""
<{R}r26> a pkg:Report ; dcterms:date "2026"^^xsd:gYear ; dcterms:spatial <{R}place/410000> .
<{R}r26b> a pkg:Report ; dcterms:date "2026"^^xsd:gYear ; dcterms:spatial <{R}place/410100> .
"""
    path = tmp_path / "reports.ttl"
    path.write_text(ENTITIES + extra, encoding="utf-8")
    store: Any = OxigraphStore.in_memory(path) if kind == "oxigraph" else MemoryStore(Graph().parse(path))
    found = sorted((r["report"], r.get("placeLabel") or "") for r in rows(store, "reports"))
    assert found == [(f"{R}r24", ""), (f"{R}r25", ""), (f"{R}r26", "河南省"), (f"{R}r26b", "郑州市")]
