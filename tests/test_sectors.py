"""Sectors: a SKOS scheme mapped to GB/T 4754 and COFOG; figures tagged by keyword and heading."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from policykg.graph_builder.entities.sectors import domains, extract_sector_tags, tag_text
from policykg.graph_builder.pipeline import extract, read_text
from policykg.ontology.namespaces import PKG

DOMAIN = "https://w3id.org/policykg/id/sector/domain/"


def test_scheme_maps_every_domain_to_an_official_code() -> None:
    from importlib.resources import files

    g = Graph().parse(
        data=files("policykg.graph_builder").joinpath("lexicons/sectors.ttl").read_text(encoding="utf-8"),
        format="turtle",
    )
    gbt = {str(s) for s in g.subjects(SKOS.inScheme, URIRef("https://w3id.org/policykg/id/scheme/gbt4754"))}
    cofog = {str(s) for s in g.subjects(SKOS.inScheme, URIRef("https://w3id.org/policykg/id/scheme/cofog"))}
    assert len(gbt) == 20 and len(cofog) == 10
    assert 25 <= len(domains()) <= 40
    for d in domains():
        node = URIRef(DOMAIN + d.slug)
        targets = {str(o) for p in (SKOS.broadMatch, SKOS.closeMatch) for o in g.objects(node, p)}
        assert targets & (gbt | cofog), d.slug
        langs = {getattr(o, "language", None) for o in g.objects(node, SKOS.prefLabel)}
        assert langs == {"zh", "en"}, d.slug


def test_keywords_longest_first() -> None:
    assert tag_text("新能源汽车零售额增长")[0] == "commerce"
    assert "coal" in tag_text("原煤产量")
    assert "finance" in tag_text("普惠小微贷款余额")


def test_heading_counts() -> None:
    text = "2025年河南省政府工作报告\n\n能源保障坚实有力\n\n规上产量达到1.2亿吨，增长3%。\n"
    doc = read_text(text)
    ex = extract(doc)
    assert ex.observations
    tags = extract_sector_tags(doc, ex.observations)
    assert any(t.sector == "energy" and t.basis == "heading" for t in tags)


def test_seed_figures_and_initiatives_have_sectors(seed_text: str) -> None:
    ex = extract(read_text(seed_text, "seed.txt"))
    by_obs: dict[int, set[str]] = {}
    for t in ex.sector_tags:
        by_obs.setdefault(t.observation, set()).add(t.sector)
    for i, o in enumerate(ex.observations):
        if o.indicator.startswith("制造业增加值"):
            assert "manufacturing" in by_obs[i]
        if "发明专利" in o.indicator:
            assert "innovation" in by_obs[i]
    assert all(i.sectors for i in ex.initiatives)


def test_sector_triples(seed_graph: Graph) -> None:
    assert any(True for _ in seed_graph.triples((None, PKG.sector, URIRef(DOMAIN + "power"))))
    assert (
        URIRef(DOMAIN + "power"),
        SKOS.closeMatch,
        URIRef("https://w3id.org/policykg/id/sector/gbt4754/D"),
    ) in seed_graph
