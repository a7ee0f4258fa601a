"""HermiT through owlready2: the ontology is consistent and lets a reasoner conclude what it should."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from policykg.ontology.namespaces import GEO, ID, PKG
from policykg.ontology.owl import JAVA_PACKAGE, ReasonerReport, java_available, reason, reasoner_ready_graph

DATA = Path(__file__).parent / "data"
EX = ID["test/"]
TYPE = str(RDF.type)

pytestmark = pytest.mark.skipif(
    not java_available(), reason=f"java is not installed (HermiT needs it; Debian: {JAVA_PACKAGE})"
)


@pytest.fixture(scope="module")
def inferred() -> ReasonerReport:
    return reason(Graph().parse(DATA / "onto_inferences.ttl", format="turtle"))


def ex(local: str) -> str:
    return f"{EX}{local}"


def test_ontology_alone_is_consistent() -> None:
    report = reason()
    assert report.consistent, report.message


def test_data_is_consistent(inferred: ReasonerReport) -> None:
    assert inferred.consistent


def test_within_is_transitive(inferred: ReasonerReport) -> None:
    assert inferred.has(ex("village"), str(PKG.within), ex("county"))
    assert inferred.has(ex("village"), str(PKG.within), ex("province"))


def test_contains_is_the_inverse_of_within(inferred: ReasonerReport) -> None:
    assert inferred.has(ex("province"), str(PKG.contains), ex("village"))


def test_class_membership_from_domain_and_range(inferred: ReasonerReport) -> None:
    assert inferred.has(ex("output"), TYPE, str(PKG.Observation))  # range of pkg:hasOutcome
    assert inferred.has(ex("venue"), TYPE, str(PKG.Place))  # range of pkg:place
    assert inferred.has(ex("village"), TYPE, str(GEO.Feature))  # domain of pkg:within


def test_subclasses_of_initiative_are_initiatives(inferred: ReasonerReport) -> None:
    assert inferred.has(ex("subsidy"), TYPE, str(PKG.Initiative))
    assert inferred.has(ex("forum"), TYPE, str(PKG.Initiative))
    assert inferred.has(ex("county"), TYPE, str(PKG.Place))


def test_disjoint_classes_make_the_data_inconsistent() -> None:
    report = reason(Graph().parse(DATA / "onto_inconsistent.ttl", format="turtle"))
    assert not report.consistent


def test_seed_graph_is_consistent_with_the_ontology(seed_graph: Graph) -> None:
    report = reason(seed_graph)
    assert report.consistent, report.message
    section = str(next(iter(sorted(seed_graph.subjects(RDF.type, PKG.Section)))))
    assert report.has(section, TYPE, "http://www.w3.org/ns/prov#Entity")  # pkg:Section ⊑ prov:Entity


def test_each_call_uses_its_own_world() -> None:
    import owlready2

    before = len(list(owlready2.default_world.ontologies))
    reason()
    assert len(list(owlready2.default_world.ontologies)) == before


def test_triples_owl_dl_tools_refuse_are_dropped() -> None:
    g = Graph().parse(
        data="""
        @prefix qb: <http://purl.org/linked-data/cube#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <https://w3id.org/policykg/id/test/> .
        ex:p a owl:ObjectProperty , qb:DimensionProperty . ex:r ex:year "2024"^^xsd:gYear ; ex:n 3 .
        """,
        format="turtle",
    )
    safe = reasoner_ready_graph(g)
    assert len(safe) == len(g) - 2
