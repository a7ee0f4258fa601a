"""The Python API: the README's example runs, values come back as plain Python, ``__all__`` is honest."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import policykg

ROOT = Path(__file__).resolve().parents[1]
REPORT = "2025年某某市政府工作报告\n\n一、2024年工作回顾\n\n全市地区生产总值达到3216.5亿元，增长5.2%。新增市场主体1.2万户。\n"


def _readme_python_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert blocks, "the README's Python section has no ```python example"
    return blocks[0]


def test_readme_python_example_runs_and_finds_the_gdp_row() -> None:
    namespace: dict[str, Any] = {}
    exec(compile(_readme_python_example(), "README.md", "exec"), namespace)
    rows = namespace["rows"]
    gdp = [r for r in rows if r["indicator"] == "地区生产总值" and r["kind"] == "level"]
    assert gdp and gdp[0]["valueNormalized"] == Decimal("2570000000000") and gdp[0]["baseUnit"] == "CNY"


def test_import_policykg_loads_no_layer_until_asked() -> None:
    code = "import sys, policykg; print(sorted(m for m in sys.modules if m.startswith(('policykg.', 'rdflib'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_build_graph_from_text_and_from_a_path(tmp_path: Path) -> None:
    from_text = policykg.build_graph(REPORT)
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    from_path = policykg.build_graph(path)
    assert len(from_text) == len(from_path) > 50
    rows = policykg.query(from_text, "observations").rows
    assert {(r["indicator"], r["valueNormalized"]) for r in rows} >= {
        ("地区生产总值", Decimal("321650000000")),
        ("地区生产总值", Decimal("5.2")),
    }


def test_build_graph_says_when_a_name_is_neither_a_file_nor_a_report() -> None:
    with pytest.raises(policykg.PolicykgError, match="no such file"):
        policykg.build_graph("missing-report.txt")


def test_query_gives_plain_values_and_binds_parameters() -> None:
    graph = policykg.build_graph(REPORT)
    result = policykg.query(graph, "growth_above", threshold=5)
    assert result.vars[:2] == ("indicator", "growth")
    assert [(r["indicator"], r["growth"]) for r in result] == [("地区生产总值", Decimal("5.2"))]
    assert len(policykg.query(graph, "growth_above", threshold="5.2")) == 0
    count = policykg.query(graph, "SELECT (COUNT(*) AS ?n) WHERE { ?o a qb:Observation }").rows[0]["n"]
    assert isinstance(count, int) and count == 3
    assert policykg.query(graph, "ASK { ?o a qb:Observation }").rows == ({"answer": True},)


def test_query_refuses_parameters_for_ad_hoc_sparql() -> None:
    with pytest.raises(policykg.PolicykgError, match="named queries"):
        policykg.query(policykg.build_graph(REPORT), "SELECT * WHERE { ?s ?p ?o }", place="x")


def test_to_frame_has_numeric_columns_for_numbers() -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is the optional extra policykg[pandas]")
    frame = policykg.query(policykg.build_graph(REPORT), "observations").to_frame()
    assert str(frame["valueNormalized"].dtype) == "float64"
    assert frame["valueNormalized"].max() == pytest.approx(321650000000)
    assert not pandas.api.types.is_numeric_dtype(frame["indicator"])


def test_build_returns_what_the_command_prints(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = policykg.build([report], out=tmp_path / "out", jobs=1)
    assert [p.name for p in result.files] == ["graph.ttl", "graph.trig", "store"]
    assert all(p.exists() for p in result.files)
    assert result.reports[0].observations == 3 and result.reports[0].year == 2025
    assert result.validation is not None and result.validation.conforms and result.validated == "all"
    assert result.counts["observations"] == 3


@pytest.mark.parametrize(
    "module", ["policykg", "policykg.ontology", "policykg.graph_builder", "policykg.queries", "policykg.exports"]
)
def test_all_is_honest(module: str) -> None:
    mod = importlib.import_module(module)
    names = list(mod.__all__)
    assert len(names) == len(set(names)), "a name is listed twice"
    for name in names:
        assert getattr(mod, name) is not None, name
    ours = {
        n
        for n, v in vars(mod).items()
        if not n.startswith("_")
        and not isinstance(v, type(sys))
        and str(getattr(v, "__module__", "")).startswith("policykg")
    }
    assert ours <= set(names), f"public but not in __all__: {sorted(ours - set(names))}"
