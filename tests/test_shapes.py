"""The SHACL shapes: bilingual messages, the seed graph conforms, each kind of breakage is caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from policykg.ontology import load_ontology, validate_graph
from policykg.ontology.namespaces import NIF, PKG, SH

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_ontology("shapes.ttl")


def test_every_constraint_has_a_chinese_and_an_english_message(shapes: Graph) -> None:
    constrained = set(shapes.subjects(SH.path, None)) | set(shapes.subjects(SH["class"], None))
    assert len(constrained) > 30
    for shape in constrained:
        langs = {m.language for m in shapes.objects(shape, SH.message) if isinstance(m, Literal)}
        assert langs == {"zh", "en"}, shape


def test_shapes_parse_with_pyoxigraph() -> None:
    import pyoxigraph

    from policykg.ontology import ontology_text

    assert list(pyoxigraph.parse(ontology_text("shapes.ttl").encode(), format=pyoxigraph.RdfFormat.TURTLE))


def test_seed_graph_conforms(seed_graph: Graph) -> None:
    report = validate_graph(seed_graph)
    assert report.conforms, [p.message for p in report.problems[:5]]
    assert report.shapes >= 10


@pytest.fixture(scope="module")
def broken() -> Graph:
    return Graph().parse(DATA / "onto_broken.ttl", format="turtle")


def problems_of(graph: Graph) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in validate_graph(graph).problems:
        out.setdefault(p.focus.rsplit("/", 1)[-1], set()).add(p.message)
    return out


def test_broken_graph_each_problem_named(broken: Graph) -> None:
    found = problems_of(broken)
    assert found.pop("observation-no-value") == {"an observation needs exactly one value (xsd:decimal)"}
    assert found.pop("span-40-30") == {"begin offset must be less than end offset"}
    assert found.pop("initiative-untyped") == {"an initiative needs a type (pkg:Initiative or a subclass)"}
    assert not found, found


def test_problems_carry_path_and_chinese_message(broken: Graph) -> None:
    report = validate_graph(broken)
    assert not report.conforms
    by_focus = {p.focus.rsplit("/", 1)[-1]: p for p in report.problems}
    assert by_focus["observation-no-value"].path == "http://purl.org/linked-data/sdmx/2009/measure#obsValue"
    assert by_focus["span-40-30"].path == str(NIF.beginIndex)
    assert by_focus["initiative-untyped"].message_zh.startswith("举措须有类型")


def test_a_subclass_type_satisfies_the_initiative_shape(broken: Graph) -> None:
    fixed = Graph()
    for triple in broken:
        fixed.add(triple)
    fixed.add((next(s for s in broken.subjects(PKG.hasOutcome, None)), RDF.type, PKG.Programme))
    assert "initiative-untyped" not in problems_of(fixed)


def test_negative_offset_and_missing_place_label_are_caught() -> None:
    g = Graph().parse(
        data="""
        @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
        @prefix pkg: <https://w3id.org/policykg/ontology#> . @prefix ex: <https://w3id.org/policykg/id/test/> .
        ex:s nif:beginIndex -1 ; nif:endIndex 5 .
        ex:p a pkg:Township .
        """,
        format="turtle",
    )
    found = problems_of(g)
    assert "begin offset must be one non-negative integer" in found["s"]
    assert found["p"] == {"a place needs a label (rdfs:label)"}


def test_organisation_without_label_is_caught() -> None:
    found = problems_of(Graph().parse(DATA / "onto_org.ttl", format="turtle"))
    assert found == {"unnamed-office": {"an organisation needs a label (rdfs:label)"}}
