"""``policykg ontology``: every format parses; the HTML page documents every term and loads nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from policykg.cli import main
from policykg.ontology import load_ontology
from policykg.ontology.namespaces import PKG


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("docs") / "ontology.html"
    result = CliRunner().invoke(main, ["ontology", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_html_loads_no_network_resource(html: str) -> None:
    assert not re.search(r"""\bsrc\s*=\s*["']?(https?:)?//""", html, re.I)
    for tag in re.findall(r"<link\b[^>]*>", html, re.I):
        assert not re.search(r"""href\s*=\s*["']?(https?:)?//""", tag, re.I), tag
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html, re.I)
    assert "<script" not in html.lower()


def test_html_documents_every_class_and_property(html: str) -> None:
    onto = load_ontology()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in onto.subjects(RDF.type, kind):
            if isinstance(term, URIRef) and str(term).startswith(str(PKG)):
                local = str(term)[len(str(PKG)) :]
                assert f'id="{local}"' in html, term
    assert "观测" in html and "Observation" in html


@pytest.mark.parametrize("fmt", ["turtle", "xml", "nt"])
def test_rdf_formats_parse_back_to_the_same_graph(fmt: str) -> None:
    result = CliRunner().invoke(main, ["ontology", "--format", fmt])
    assert result.exit_code == 0
    parsed = Graph().parse(data=result.output, format=fmt)
    assert len(parsed) == len(load_ontology())


def test_ntriples_are_byte_identical_between_runs() -> None:
    first = CliRunner().invoke(main, ["ontology", "-f", "nt"]).output
    assert first == CliRunner().invoke(main, ["ontology", "-f", "nt"]).output


def test_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "o.ttl"
    assert CliRunner().invoke(main, ["ontology", "-o", str(out)]).exit_code == 0
    assert len(Graph().parse(out, format="turtle")) == len(load_ontology())
