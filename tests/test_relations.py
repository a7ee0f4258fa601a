"""Initiative → outcome links with evidence; the size of a policy package is not its outcome."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF

from policykg.graph_builder.entities.initiative_names import normalise_label
from policykg.graph_builder.pipeline import extract, read_text
from policykg.ontology.namespaces import PKG, PROV

REPORT = (
    "2025年河北省政府工作报告\n\n"
    "出台稳增长30条政策措施，带动规上工业增加值增长7%。\n"
    "开展质量提升年活动，经营主体达到800万户。\n"
    "实施科技重大专项15个，突破关键技术20项。\n"
)


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


PRECISION = (
    "2024年湖北省某市政府工作报告\n\n"
    "发行新增政府专项债券80亿元，申报超长期特别国债项目120个。\n"
    "开展营商环境优化年活动，经营主体达到52万户，增长6.1%，新增规上企业310家。\n"
    "全面完成燃煤锅炉超低排放改造，关停落后产能企业12家，空气优良天数比例达到86%。\n"
    "实施就业优先行动，新增城镇就业5.2万人。\n"
    "实施乡村振兴示范工程，带动农民人均可支配收入增长7.2%。\n"
    "推进县域医共体建设，城乡居民基本医疗保险人均财政补助增加到670元。\n"
    "连续三年开展质量强市行动，在上年增长9%的基础上，再增长5%。\n"
)


def _links_of(report: str) -> dict[str, set[str]]:
    ex = extract(read_text(report))
    labels = {i.key: normalise_label(i.label) for i in ex.initiatives}
    out: dict[str, set[str]] = {}
    for link in ex.outcomes:
        out.setdefault(labels[link.initiative], set()).add(ex.observations[link.observation].figure.text)
    return out


def test_outcomes_only_where_the_wording_says_so() -> None:
    links = _links_of(PRECISION)
    figures = {f for fs in links.values() for f in fs}
    assert "80亿元" not in figures  # the bond issue's own size
    assert "120个" not in figures  # another action (申报) with its own figure
    assert links["营商环境优化年活动"] == {"52万户", "6.1%", "310家"}
    assert not {"12家", "86%"} & figures  # the retrofit is reported as done; 关停 is another action
    assert links["就业优先行动"] == {"5.2万人"}
    assert "7.2%" in links["乡村振兴示范工程"]
    assert "670元" not in figures  # the figure's clause names its own scheme
    assert not {"三年", "9%"} & figures  # streak length and base are background


def test_causal_evidence() -> None:
    ex = extract(read_text(PRECISION))
    labels = {i.key: normalise_label(i.label) for i in ex.initiatives}
    kinds = {
        (labels[link.initiative], ex.observations[link.observation].figure.text): link.evidence for link in ex.outcomes
    }
    assert kinds[("乡村振兴示范工程", "7.2%")] == "CausalWording"
    assert kinds[("营商环境优化年活动", "52万户")] == "SameSentence"


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


DEV = (
    "2026年某县政府工作报告\n\n"
    "全年谋划实施重点项目120个，总投资360亿元，年度计划完成投资150亿元，其中产业项目50个。\n"
    "实施城市更新项目20个，改造老旧小区25个，新建停车位1500个。\n"
    "实施城市更新行动，改造老旧小区40个。\n"
    "某某高速公路某某段建成通车，新改建农村公路90公里。\n"
    "县级政务服务事项“一网通办”率达到97%。\n"
)


def test_sizes_breakdowns_and_parallel_tasks() -> None:
    """Total investment and 其中 breakdowns are a package's size; a task listed after a counted
    package is parallel to it; an unsized action is explained by the task after it; a road reported
    as opened explains nothing after it; a mechanism's own rate is its outcome."""
    ex = extract(read_text(DEV))
    labels = {i.key: normalise_label(i.label) for i in ex.initiatives}
    links: dict[str, set[str]] = {}
    for link in ex.outcomes:
        links.setdefault(labels[link.initiative], set()).add(ex.observations[link.observation].figure.text)
    assert links["重点项目"] == {"150亿元"}
    assert "城市更新项目" not in links
    assert links["城市更新行动"] == {"40个"}
    assert not any("90公里" in figures for figures in links.values())
    assert links["一网通办"] == {"97%"}
