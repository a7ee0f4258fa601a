"""The shapes compiled to Python checks (what every build runs in its workers) report what pySHACL reports:
on the seed, on the hand-made broken graphs, and on the seed broken one rule at a time."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from policykg.graph_builder.build import build_reports
from policykg.ontology import OntologyError, load_ontology
from policykg.ontology.namespaces import NIF, PKG, QB, SDMX_ATTRIBUTE, SDMX_MEASURE, SH
from policykg.ontology.ntterms import canonical, comparable, datatype, read_ntriples, string_value
from policykg.ontology.shacl_checks import _Compiler, validate_ntriples
from policykg.ontology.validate import ValidationReport, validate_graph

DATA = Path(__file__).parent / "data"


def _problems(report: ValidationReport) -> Counter[tuple[str, str | None, str, str]]:
    return Counter((p.focus, p.path, p.message, p.message_zh) for p in report.problems)


def _same_as_pyshacl(graph: Graph) -> ValidationReport:
    fast = validate_ntriples(graph.serialize(format="nt", encoding="utf-8"))
    slow = validate_graph(graph)
    assert _problems(fast) == _problems(slow)
    assert fast.conforms == slow.conforms and fast.shapes == slow.shapes
    return fast


def test_seed_conforms_in_both(seed_graph: Graph) -> None:
    assert _same_as_pyshacl(seed_graph).conforms


@pytest.mark.parametrize("name", ["onto_broken.ttl", "onto_org.ttl", "view_small.ttl"])
def test_hand_made_graphs(name: str) -> None:
    report = _same_as_pyshacl(Graph().parse(DATA / name, format="turtle"))
    assert not report.conforms


def _observation(graph: Graph) -> URIRef:
    return min(s for s in graph.subjects(RDF.type, QB.Observation) if isinstance(s, URIRef))


def _span(graph: Graph) -> URIRef:
    return min(s for s in graph.subjects(RDF.type, PKG.TextSpan) if isinstance(s, URIRef))


def _place(graph: Graph) -> URIRef:
    return min(s for s in graph.subjects(SKOS.notation, None) if "/place/" in str(s))


BREAKAGES = {
    "value removed": lambda g: g.remove((_observation(g), SDMX_MEASURE.obsValue, None)),
    "second value": lambda g: g.add((_observation(g), SDMX_MEASURE.obsValue, Literal("1", datatype=XSD.decimal))),
    "value as text": lambda g: g.set((_observation(g), SDMX_MEASURE.obsValue, Literal("12"))),
    "value not a number": lambda g: g.set(
        (_observation(g), SDMX_MEASURE.obsValue, Literal("12x", datatype=XSD.decimal))
    ),
    "unknown kind": lambda g: g.set((_observation(g), PKG.kind, PKG.Guess)),
    "indicator untyped": lambda g: g.remove((g.value(_observation(g), PKG.indicator), RDF.type, None)),
    "unit as text": lambda g: g.set((_observation(g), SDMX_ATTRIBUTE.unitMeasure, Literal("t"))),
    "negative offset": lambda g: g.set((_span(g), NIF.beginIndex, Literal(-3))),
    "offsets reversed": lambda g: g.set((_span(g), NIF.endIndex, Literal(0))),
    "empty text": lambda g: g.set((_span(g), NIF.anchorOf, Literal(""))),
    "text in a language": lambda g: g.set((_span(g), NIF.anchorOf, Literal("x", lang="zh"))),
    "bad place code": lambda g: g.set((_place(g), SKOS.notation, Literal("14000"))),
    "place without label": lambda g: g.remove((_place(g), RDFS.label, None)),
    # each check reads a path across the report, so these exercise what that rests on: the values
    # of one path read once for several shapes, the count gate for maxCount, one MINUS for minCount
    "source span untyped": lambda g: g.remove((g.value(_observation(g), PROV.wasDerivedFrom), RDF.type, None)),
    "second begin offset": lambda g: g.add((_span(g), NIF.beginIndex, Literal(1))),
    "two required values removed": lambda g: [
        g.remove((_observation(g), PKG.indicatorAsWritten, None)),
        g.remove((_observation(g), SDMX_ATTRIBUTE.unitMeasure, None)),
    ],
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_seed_broken_one_rule_at_a_time(seed_graph: Graph, breakage: str) -> None:
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    BREAKAGES[breakage](graph)
    assert not _same_as_pyshacl(graph).conforms


def test_a_constraint_the_compiler_does_not_know_fails_loudly() -> None:
    shapes = load_ontology("shapes.ttl")
    shape = next(shapes.subjects(RDF.type, SH.NodeShape))
    shapes.add((shape, SH.closed, Literal(True)))
    with pytest.raises(OntologyError, match="sh:closed"):
        _Compiler(shapes, load_ontology()).compile()


def test_a_build_checks_the_terms_it_writes_as_its_lines_would_be_checked(tmp_path: Path) -> None:
    """The worker's checks read the terms as the writer emits them, not the lines: on a report whose
    graph breaks its shapes (no place named anywhere), they find what reading the lines back finds,
    and what pySHACL finds."""
    report = tmp_path / "report.txt"
    report.write_text("2024年政府工作报告\n一、2023年工作回顾\n地区生产总值增长5.2%。\n", encoding="utf-8")
    (graph,) = build_reports([report]).graphs
    assert not graph.validation.conforms
    assert graph.validation == validate_ntriples(graph.ntriples())
    slow = validate_graph(Graph().parse(data=graph.ntriples().decode("utf-8"), format="nt"))
    assert _problems(graph.validation) == _problems(slow)


XSD_INTEGER = f"<{XSD.integer}>"


@pytest.mark.parametrize(
    ("term", "kind", "text"),
    [
        ('"5"', f"<{XSD.string}>", "5"),
        ('"山西"@zh', f"<{RDF.langString}>", "山西"),
        (f'"-3"^^{XSD_INTEGER}', XSD_INTEGER, "-3"),
        ('"say \\"hi\\"\\n\\u5C71"', f"<{XSD.string}>", 'say "hi"\n山'),
        ("<urn:x:a%20b>", None, "urn:x:a%20b"),
        ("_:b0", None, "b0"),
    ],
)
def test_terms_are_read_as_sparql_reads_them(term: str, kind: str | None, text: str) -> None:
    assert datatype(term) == kind and string_value(term) == text


def test_values_compare_as_in_sparql() -> None:
    assert comparable(f'"-3"^^{XSD_INTEGER}') == (0, -3) and comparable(f'"12"^^{XSD_INTEGER}') == (0, 12)
    assert comparable(f'"2.50"^^<{XSD.decimal}>') == (0, Decimal("2.50"))
    assert comparable(f'"1E3"^^<{XSD.double}>') == (0, 1000.0) and comparable('"b"') == (1, "b")
    assert comparable(f'"twelve"^^{XSD_INTEGER}') is None  # an ill-formed number is an error, not a value
    assert comparable('"b"@en') is None and comparable("<urn:x:a>") is None
    assert canonical(f'"x"^^<{XSD.string}>') == '"x"' and canonical('"x"@ZH') == '"x"@zh'


def test_a_line_separator_inside_a_literal_does_not_split_its_triple() -> None:
    text = '<urn:x:a> <urn:x:p> "one\u2028two" .\r\n\n# a comment\n<urn:x:a> <urn:x:p> "one\u2028two" .\n'
    assert list(read_ntriples(text)) == [("<urn:x:a>", "<urn:x:p>", '"one\u2028two"')]
