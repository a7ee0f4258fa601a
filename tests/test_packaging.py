"""A wheel installs one import name, ``policykg``, and keeps working beside PyPI packages named like its layers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("policykg", "ontology", "graph_builder", "queries", "exports")
LAYERS = ("queries", "ontology", "exports", "graph_builder")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the policykg wheel (its dependencies are read from the test venv)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    for name in SOURCES:
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(work / "dist"),
            str(src),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    assert "warning" not in (built.stdout + built.stderr).lower(), built.stderr[-3000:]
    wheel = next((work / "dist").glob("policykg-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
    )
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv


def _run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(cwd)},
    )


@pytest.mark.slow
def test_the_layers_import_as_policykg_submodules_and_nothing_else(installed: Path, tmp_path: Path) -> None:
    code = (
        "import importlib.util, json, policykg, policykg.graph_builder, policykg.queries, policykg.exports, "
        "policykg.ontology\n"
        f"print(json.dumps({{'file': policykg.graph_builder.__file__, 'tops': [n for n in {LAYERS!r} "
        "if importlib.util.find_spec(n)]}))"
    )
    done = _run(installed, installed / "bin" / "python", "-c", code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert Path(found["file"]).is_relative_to(installed), found
    assert found["tops"] == []


@pytest.mark.slow
def test_policykg_works_beside_a_package_called_queries(installed: Path, tmp_path: Path) -> None:
    """PyPI's ``queries`` (a PostgreSQL client) installs a top-level ``queries`` that needs psycopg2."""
    site = Path(
        _run(
            installed,
            installed / "bin" / "python",
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            cwd=tmp_path,
        ).stdout.strip()
    )
    (site / "queries").mkdir()
    (site / "queries" / "__init__.py").write_text("import psycopg2  # noqa\n", encoding="utf-8")
    listed = _run(installed, installed / "bin" / "policykg", "queries", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "observations" in listed.stdout
    built = _run(installed, installed / "bin" / "policykg", "build", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 100_000
    asked = _run(
        installed,
        installed / "bin" / "policykg",
        "query",
        "reports",
        "--graph",
        str(tmp_path / "out" / "graph.ttl"),
        cwd=tmp_path,
    )
    assert asked.returncode == 0 and "山西省" in asked.stdout, asked.stderr
