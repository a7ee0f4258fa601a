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
