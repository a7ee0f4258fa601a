"""Organisations: suffix rules and the report's own bodies, keyed globally."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF

from policykg.graph_builder.entities.organisations import extract_organisations
from policykg.graph_builder.entities.places import extract_places
from policykg.graph_builder.pipeline import read_text
from policykg.ontology.namespaces import ORG


def _orgs(text: str) -> dict[str, tuple[str, str, str | None]]:
    doc = read_text(text)
    _, mentions = extract_places(doc)
    return {o.label: (o.kind, o.key, o.place) for o in extract_organisations(doc, mentions)}


def test_suffixes_and_places() -> None:
    found = _orgs(
        "2025年湖北省政府工作报告\n\n武汉大学附属医院获批国家医学中心，长江证券有限公司上市，新增中国科学院院士2名。\n"
    )
    assert found["武汉大学附属医院"][0] == "Hospital"
    assert found["长江证券有限公司"][0] == "Company"
    assert found["中国科学院"][0] == "Academy"


def test_own_bodies_keyed_by_jurisdiction() -> None:
    found = _orgs("2025年湖北省政府工作报告\n\n按照省委部署，执行省人大及其常委会决议，办理省政协提案300件。\n")
    assert found["省委"][1] == "湖北省委"
    assert found["省人大"][:2] == ("Legislature", "湖北省人大")
    assert found["常委会"][1] == "湖北省人大常委会"
    assert found["省政协"][2] == "420000"


def test_generic_categories_are_not_organisations() -> None:
    found = _orgs("2025年湖北省政府工作报告\n\n县级综合医院全部达标，建成20个产业学院。\n")
    assert not any(label.endswith(("医院", "学院")) for label in found)


def test_seed_organisations(seed_graph: Graph) -> None:
    orgs = set(seed_graph.subjects(RDF.type, ORG.Organization))
    assert any(str(o).endswith("/organization/山西农商联合银行") for o in orgs)
    assert len(orgs) >= 10


def test_central_bodies_and_known_names() -> None:
    found = _orgs(
        "2025年湖北省政府工作报告\n\n认真落实党中央、国务院部署，工信部支持的项目落地，"
        "财政部门加强管理，比亚迪新工厂投产，新增科创板上市企业3家。\n"
    )
    assert found["党中央"][0] == "PartyCommittee" and found["国务院"][0] == "GovernmentAgency"
    assert {"工信部", "比亚迪", "科创板"} <= set(found)
    assert "财政部" not in found  # 财政部门: departments, not the ministry


def test_laboratories_lists_and_counted_companies() -> None:
    found = _orgs(
        "2025年湖北省政府工作报告\n\n东湖、珞珈等实验室加快建设，牵头建设12家全国重点实验室，"
        "光谷芯片全国重点实验室挂牌，甲乙科技、丙丁股份等4家企业入选典型案例。\n"
    )
    assert found["东湖实验室"][0] == "ResearchInstitute" and "珞珈实验室" in found
    assert "光谷芯片全国重点实验室" in found
    assert not any(label.startswith(("家", "全国重点")) for label in found)
    assert found["甲乙科技"][0] == "Company" and "丙丁股份" in found


def test_names_never_start_with_a_verb() -> None:
    found = _orgs("2025年湖北省政府工作报告\n\n加快推动国家实验室建设，支持上市公司做强，深化公立医院改革。\n")
    assert found == {}


def test_congress_newspaper_and_header_lines() -> None:
    doc = read_text(
        "2025年湖北省政府工作报告\n2025年1月10日在湖北省第十四届人民代表大会第三次会议上\n来源：湖北日报\n\n"
        "执行省人大决议。\n"
    )
    _, mentions = extract_places(doc)
    orgs = {o.key: o for o in extract_organisations(doc, mentions)}
    congress = orgs["湖北省人大"]
    assert congress.label == "湖北省第十四届人民代表大会" and congress.headings and congress.spans
    assert orgs["湖北日报"].kind == "Media"
