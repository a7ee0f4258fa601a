"""Initiatives: found from their introducing action, quotes and head nouns; one node per label."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from policykg.graph_builder.entities.initiative_names import normalise_label, sentence_hits
from policykg.graph_builder.pipeline import extract, read_text
from policykg.ontology.namespaces import NIF, PKG, PROV


def _labels(text: str) -> dict[str, str]:
    return {h.label: h.kind for h in sentence_hits(text)}


def test_actions_and_heads() -> None:
    found = _labels("出台支持民营经济发展20条措施，实施“百千万工程”，开展“消费季”促消费活动。")
    assert found["支持民营经济发展20条措施"] == "Policy"
    assert "百千万工程" in found or "“百千万工程”" in found
    hits = _labels("举办第三届数字经济博览会、旅游发展大会。")
    assert hits == {"第三届数字经济博览会": "Event", "旅游发展大会": "Event"}
    assert _labels("创设普惠金融服务平台。") == {"普惠金融服务平台": "Platform"}
    assert _labels("深化“一件事一次办”改革。")


def test_designations_need_a_named_recipient() -> None:
    assert _labels("某某县入选全国文明城市。") == {"全国文明城市": "Designation"}
    assert _labels("获批3家国家重点实验室。") == {}


def test_counted_things_are_not_initiatives() -> None:
    assert _labels("新增“口袋公园”120个。") == {}


def test_one_node_per_label() -> None:
    text = "2025年河北省政府工作报告\n\n实施“链长制”。全面推行“链长制”，产业链营收增长8%。\n"
    ex = extract(read_text(text))
    chains = [i for i in ex.initiatives if normalise_label(i.label) == "链长制"]
    assert len(chains) == 1 and len(chains[0].spans) == 2


def test_seed_initiatives(seed_text: str) -> None:
    ex = extract(read_text(seed_text, "seed.txt"))
    labels = {normalise_label(i.label) for i in ex.initiatives}
    assert {"惠商保", "晋情消费·全晋乐购", "推动经济回升向好40条政策措施"} <= labels
    assert len(ex.initiatives) >= 40


def test_initiative_triples(seed_graph: Graph) -> None:
    nodes = set(seed_graph.subjects(RDF.type, PKG.Initiative))
    assert len(nodes) >= 40
    for node in nodes:
        assert isinstance(node, URIRef) and "/initiative/" in str(node)
        assert seed_graph.value(node, RDFS.label) is not None
        assert seed_graph.value(node, PKG.sector) is not None
        span = seed_graph.value(node, PROV.wasDerivedFrom)
        assert seed_graph.value(span, NIF.beginIndex) is not None


def test_planning_sentences_of_full_reports() -> None:
    """Strategies in task headings, counted pledges, infrastructure done, schemes at a clause head."""
    assert _labels("坚持制造强市，全面推进乡村振兴。") == {"制造强市": "Programme", "乡村振兴": "Programme"}
    assert _labels("建设美丽许昌。") == {"美丽许昌": "Programme"}
    assert _labels("建设美丽庭院。") == {}  # not a place: no strategy
    assert "重点民生实事" in _labels("15件重点民生实事全面完成。")
    assert "民生实事" in _labels("继续办好12件民生实事。")
    assert _labels("郑渝高铁襄阳段建成通车。") == {"郑渝高铁": "Project"}
    assert "城乡居民基本养老保险" in _labels("城乡居民基本养老保险参保率稳定在96%。")
    assert _labels("举办各类群众文化演出300场。") == {"群众文化演出": "Campaign"}
    assert _labels("建成城区10分钟便民生活圈。") == {"城区10分钟便民生活圈": "Project"}


def test_counted_kinds_are_not_initiatives() -> None:
    """Size classes, new entries of a list and designations counted without a recipient."""
    assert _labels("实施亿元以上项目120个，开工建设10亿元以上产业项目8个。") == {}
    assert _labels("新增入库项目300个。") == {}
    assert _labels("创建省级乡村振兴示范村25个。") == {}


def test_quoted_formulae_keep_their_numbers() -> None:
    found = _labels("用好“两重”“两新”政策资金，出台稳增长“21条”，建设“六个强省”，推动“4+1”任务。")
    assert {"“两重”", "“两新”政策", "“21条”", "“六个强省”", "“4+1”"} <= set(found)
    assert normalise_label("“六个强省”") == "六个强省"


def test_quoted_figures_of_speech_are_not_initiatives() -> None:
    found = _labels("跑出发展“加速度”，“探索一号”深潜成功，发挥工业“顶梁柱”作用，“新三件”出口增长。")
    assert found == {}


def test_lists_sharing_one_head() -> None:
    found = _labels("甲企技改、乙链升级、丙园焕新等专项行动深入实施。")
    assert found == {"甲企技改": "Campaign", "乙链升级": "Campaign", "丙园焕新": "Campaign"}
    assert _labels("芯片、材料、装备等五大科技专项加快实施。") == {"五大科技专项": "Programme"}
    assert _labels("财税、土地、金融等重点领域改革持续推进。") == {}


def test_classes_of_initiatives_are_not_named() -> None:
    assert _labels("全面落实一系列增量政策，布局建设一批中试基地，实施亿元以上项目50个。") == {}
