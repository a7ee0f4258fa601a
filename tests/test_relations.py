"""Initiative → outcome links with evidence; the size of a policy package is not its outcome."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF

from graph_builder.extract_initiatives import normalise_label
from graph_builder.pipeline import extract, read_text
from ontology.namespaces import PKG, PROV

REPORT = ("2025年河北省政府工作报告\n\n"
          "出台稳增长30条政策措施，带动规上工业增加值增长7%。\n"
          "开展质量提升年活动，经营主体达到800万户。\n"
          "实施科技重大专项15个，突破关键技术20项。\n")


def _links() -> dict[str, set[str]]:
    ex = extract(read_text(REPORT))
    labels = {i.key: normalise_label(i.label) for i in ex.initiatives}
    out: dict[str, set[str]] = {}
    for link in ex.outcomes:
        out.setdefault(labels[link.initiative], set()).add(ex.observations[link.observation].figure.text)
    return out


def test_outcomes_follow_the_initiative() -> None:
    links = _links()
    assert "7%" in links["稳增长30条政策措施"]
    assert "30条" not in links["稳增长30条政策措施"]
    assert "800万户" in links["质量提升年活动"]
    assert links["科技重大专项"] == {"20项"}


def test_evidence_kinds() -> None:
    ex = extract(read_text(REPORT))
    kinds = {link.evidence for link in ex.outcomes}
    assert "CausalWording" in kinds


def test_outcome_evidence_triples(seed_graph: Graph) -> None:
    evidence = set(seed_graph.subjects(RDF.type, PKG.OutcomeEvidence))
    assert len(evidence) >= 20
    for node in evidence:
        ini = seed_graph.value(node, PKG.initiative)
        obs = seed_graph.value(node, PKG.observation)
        assert (ini, PKG.hasOutcome, obs) in seed_graph
        assert seed_graph.value(node, PROV.wasDerivedFrom) is not None
        assert seed_graph.value(node, PKG.evidenceKind) is not None


def test_places_within_parents(seed_graph: Graph) -> None:
    from rdflib import URIRef

    village = URIRef("https://w3id.org/policykg/id/place/140932/老牛湾村")
    assert seed_graph.value(village, PKG.within) == URIRef("https://w3id.org/policykg/id/place/140932")
