"""``validate_graph`` and ``policykg validate``: a readable report, exit 0 when conforming, 1 when not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from policykg.cli import main
from policykg.ontology import ValidationReport, validate_graph
from policykg.ontology.owl import java_available
from policykg.ontology.validate import sample_graph

DATA = Path(__file__).parent / "data"
needs_java = pytest.mark.skipif(not java_available(), reason="java is not installed (Debian: default-jre-headless)")


def test_report_is_typed(seed_graph: Graph) -> None:
    report = validate_graph(seed_graph)
    assert isinstance(report, ValidationReport)
    assert report.conforms and report.problems == () and not report.owl_checked
    assert report.summary() == f"SHACL: conforms ({report.shapes} shapes)"


@needs_java
def test_owl_check_on_a_sample_of_the_seed(seed_graph: Graph) -> None:
    report = validate_graph(seed_graph, owl=True, sample=50)
    assert report.conforms and report.owl_consistent is True
    assert report.summary().endswith("OWL: consistent")


@needs_java
def test_owl_check_reports_an_inconsistent_graph() -> None:
    report = validate_graph(Graph().parse(DATA / "onto_inconsistent.ttl", format="turtle"), owl=True)
    assert not report.conforms and report.owl_consistent is False
    assert [p.source for p in report.problems].count("owl") == 1


def test_sample_is_reproducible_and_bounded(seed_graph: Graph) -> None:
    a, b = sample_graph(seed_graph, 20), sample_graph(seed_graph, 20)
    assert set(a) == set(b) and 0 < len(a) < len(seed_graph)


def test_cli_names_each_problem_and_exits_1() -> None:
    result = CliRunner().invoke(main, ["validate", "--no-owl", "--graph", str(DATA / "onto_broken.ttl")])
    assert result.exit_code == 1, result.output
    assert "3 problem(s)" in result.output
    for focus, message in [
        ("observation-no-value", "exactly one value"),
        ("span-40-30", "begin offset must be less than end offset"),
        ("initiative-untyped", "an initiative needs a type"),
    ]:
        line = next(line for line in result.output.splitlines() if focus in line)
        assert message in line, line
    assert "举措须有类型" in result.output


def test_cli_seed_graph_conforms_and_exits_0(seed_ttl: Path) -> None:
    args = ["validate", "--graph", str(seed_ttl)] + ([] if java_available() else ["--no-owl"])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "SHACL: conforms" in result.output


def test_cli_missing_graph_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--no-owl", "--graph", str(tmp_path / "none.ttl")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_build_says_whether_the_graph_conforms(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "SHACL: conforms (" in result.output


def test_command_modules_do_not_import_reasoners_or_shacl() -> None:
    code = (
        "import sys, policykg.cmd_validate, policykg.cmd_ontology, policykg.ontology\n"
        "print(sorted(m for m in ('owlready2', 'pyshacl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
