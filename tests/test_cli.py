"""The command line end to end: build, query, view, export on the bundled report, and bad input."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "observations.jsonl"
CONTRACT = (
    "observation indicator value unit valueNormalized baseUnit kind period place placeCode "
    "qualifier sentence section begin end status role scope placeName report concept"
).split()


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    code, stdout, stderr = run("build", "-o", str(out))
    assert code == 0, stderr
    assert "observations" in stdout and "triples" in stdout
    return out


def test_build_writes_turtle_and_trig(built: Path) -> None:
    assert (built / "graph.ttl").stat().st_size > 10_000
    assert (built / "graph.trig").stat().st_size > 10_000


def test_observations_contract(built: Path, seed_text: str) -> None:
    code, stdout, _ = run("query", "observations", "--graph", str(built / "graph.ttl"), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert list(rows[0].keys()) == CONTRACT
    assert len(rows) >= 60
    gdp = [r for r in rows if r["indicator"] == "地区生产总值" and r["kind"] == "level"]
    assert gdp and Decimal(gdp[0]["valueNormalized"]) == Decimal("2.57e12") and gdp[0]["unit"] == "万亿元"
    assert gdp[0]["sentence"].startswith("初步核算") and gdp[0]["period"] == "2023"
    text = seed_text
    for r in rows:
        assert {r["kind"]} <= {"level", "count", "change", "growth_rate", "share", "rank"}
        assert r["status"] in {"actual", "target"} and r["role"] in {"result", "context", "descriptor"}
        assert r["scope"] in {"", "national", "global", "regional", "provincial"} and r["placeName"]
        begin, end = int(r["begin"]), int(r["end"])
        assert 0 <= begin < end <= len(text)
        assert r["value"] in text[begin:end] or r["value"] in {"两", "八", "五", "四"}


@pytest.mark.skipif(not GOLD.exists(), reason="the development gold set is not beside this checkout")
def test_development_score(built: Path, tmp_path: Path) -> None:
    code, stdout, _ = run("query", "observations", "--graph", str(built / "graph.ttl"), "--format", "csv")
    assert code == 0
    pred = tmp_path / "obs.csv"
    pred.write_text(stdout, encoding="utf-8")
    scorer = GOLD.parents[1] / "tools" / "score_observations.py"
    out = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(GOLD), "--pred", str(pred), "--role", "result", "--min-f1", "0.6"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout


def test_table_and_json_formats(built: Path) -> None:
    code, table, _ = run(
        "query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?o a qb:Observation }", "--graph", str(built / "graph.ttl")
    )
    assert code == 0 and table.splitlines()[0].strip() == "n"
    code, js, _ = run("query", "observations", "--graph", str(built / "graph.ttl"), "--format", "json")
    assert code == 0 and '"head"' in js and '"bindings"' in js


def test_view_and_export(built: Path, tmp_path: Path) -> None:
    html_path = tmp_path / "v.html"
    code, _, err = run("view", "--graph", str(built / "graph.ttl"), "-o", str(html_path))
    assert code == 0, err
    page = html_path.read_text(encoding="utf-8")
    assert "地区生产总值" in page
    nt = tmp_path / "g.nt"
    code, _, err = run("export", "--graph", str(built / "graph.ttl"), "--format", "nt", "-o", str(nt))
    assert code == 0, err
    lines = nt.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) > 1000


def test_turtle_parses_in_pyoxigraph_and_is_deterministic(tmp_path: Path, built: Path) -> None:
    import pyoxigraph

    data = (built / "graph.ttl").read_bytes()
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 1000
    env = dict(os.environ, PYTHONHASHSEED="12345")
    again = tmp_path / "again"
    subprocess.run(
        [sys.executable, "-m", "policykg", "build", "-o", str(again)], check=True, env=env, capture_output=True
    )
    assert (again / "graph.ttl").read_bytes() == data


# --- bad input: one line on stderr, non-zero exit, no traceback, no output file -------------------


def _assert_clean_failure(code: int, stderr: str, out_dir: Path) -> None:
    assert code != 0
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert not (out_dir / "graph.ttl").exists()


@pytest.mark.parametrize("make", ["missing", "directory", "empty", "binary"])
def test_bad_report(tmp_path: Path, make: str) -> None:
    target = tmp_path / "report.txt"
    if make == "directory":
        target.mkdir()
    elif make == "empty":
        target.write_bytes(b"")
    elif make == "binary":
        target.write_bytes(bytes(range(256)) * 64)
    out = tmp_path / "out"
    code, _, stderr = run("build", str(target), "-o", str(out))
    _assert_clean_failure(code, stderr, out)


def test_unknown_query_suggests(built: Path) -> None:
    code, _, stderr = run("query", "observation", "--graph", str(built / "graph.ttl"))
    assert code == 1 and "did you mean observations" in stderr and len(stderr.strip().splitlines()) == 1


def test_malformed_sparql_reports_position(built: Path) -> None:
    code, _, stderr = run("query", "-e", "SELECT ?x WHERE {\n  ?x ?y \n", "--graph", str(built / "graph.ttl"))
    assert code == 1 and "line" in stderr and "column" in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr


def test_missing_graph_says_what_to_do(tmp_path: Path) -> None:
    code, _, stderr = run("query", "observations", "--graph", str(tmp_path / "none.ttl"))
    assert code == 1 and "policykg build" in stderr


def test_installed_command_runs_in_subprocess(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("policykg")
    assert exe.exists(), "the package is not installed in this environment"
    out = subprocess.run(
        [str(exe), "build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and "no such file" in out.stderr


def test_every_command_has_help_with_example_and_is_in_readme() -> None:
    from policykg.cli import COMMANDS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        code, stdout, _ = run(name, "-h")
        assert code == 0 and "Example" in stdout, name
        assert f"policykg {name}" in readme, f"README does not show `policykg {name}`"
