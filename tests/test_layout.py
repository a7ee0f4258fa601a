"""The house holds: one import name, layers that import only downward, stages in order, small modules."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"ontology": 0, "graph_builder": 1, "queries": 1, "exports": 2}
"""Source folder → layer; a layer imports only lower layers (queries and graph_builder are apart)."""
STAGES = {"lexicons": 1, "read": 2, "observations": 3, "entities": 4}
"""graph_builder's stages in order; modules at the package top (model, iris, errors) sit below them
all, except the assemblers (resolve, rdf, pipeline, build), which sit above them all."""
ASSEMBLERS = {"resolve": 5, "rdf": 6, "pipeline": 7, "build": 8, "__init__": 9}
MAX_LINES = 400


def _sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    """Modules a file imports (absolute names), wherever the import statement sits."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return out


@pytest.mark.parametrize("folder", ["ontology", "graph_builder", "queries", "exports", "policykg"])
def test_packages_come_from_this_repository(folder: str) -> None:
    name = "policykg" if folder == "policykg" else f"policykg.{folder}"
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None
    assert Path(spec.origin).resolve().is_relative_to(ROOT / folder), f"{name} imported from {spec.origin}"


def test_code_imports_only_the_one_name() -> None:
    """No module imports ``graph_builder``, ``queries``, ``exports`` or ``ontology`` as a top-level name."""
    for folder in ("ontology", "graph_builder", "queries", "exports", "policykg", "tests", "benchmarks", "scripts"):
        for path in _sources(folder):
            bad = {m for m in _imports(path) if m.split(".")[0] in LAYERS}
            assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_layers_import_only_downward_and_never_the_face() -> None:
    for folder, level in LAYERS.items():
        for path in _sources(folder):
            for module in _imports(path):
                parts = module.split(".")
                if parts[0] != "policykg":
                    continue
                other = parts[1] if len(parts) > 1 else ""
                assert other in LAYERS, f"{path.relative_to(ROOT)} imports the command-line face {module}"
                if other != folder:
                    assert LAYERS[other] < level, f"{path.relative_to(ROOT)} ({folder}) imports {module}"


def _stage(parts: list[str]) -> int:
    """The stage of ``policykg.graph_builder.X[.Y]``: 0 for base modules, 5 and up for assemblers."""
    head = parts[0] if parts else "__init__"
    return STAGES.get(head) or ASSEMBLERS.get(head) or 0


def test_graph_builder_stages_import_only_downward() -> None:
    for folder in (*STAGES, "resolve", "rdf", "pipeline", "build", "model", "iris", "errors"):
        paths = (
            _sources(f"graph_builder/{folder}")
            if (ROOT / "graph_builder" / folder).is_dir()
            else [ROOT / "graph_builder" / f"{folder}.py"]
        )
        for path in paths:
            if not path.exists():
                continue
            mine = _stage([folder])
            for module in _imports(path):
                parts = module.split(".")
                if parts[:2] != ["policykg", "graph_builder"] or len(parts) < 3:
                    continue
                theirs = _stage(parts[2:])
                assert theirs < mine or parts[2] == folder, f"{path.relative_to(ROOT)} imports {module}"


def test_graph_builder_has_its_stages() -> None:
    for stage in STAGES:
        assert (ROOT / "graph_builder" / stage / "__init__.py").exists(), stage


@pytest.mark.parametrize("folder", ["ontology", "graph_builder", "queries", "exports", "policykg"])
def test_no_module_over_the_size_limit(folder: str) -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _sources(folder)
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_cli_help_loads_no_heavy_module() -> None:
    code = (
        "import sys, json\n"
        "from policykg.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout.splitlines()[-1]))
    heavy = {"pyvis", "owlready2", "pyshacl", "jieba", "jionlp", "networkx", "pyoxigraph", "playwright", "rdflib"}
    assert not loaded & heavy, loaded & heavy


def _ideograph_constants(path: Path) -> list[tuple[int, str]]:
    """String constants holding a Chinese character, docstrings left out (they document examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            docs.update(id(s.value) for s in body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and id(n) not in docs
        and any("\u3400" <= ch <= "\u9fff" for ch in n.value)
    ]


@pytest.mark.parametrize("path", _sources("graph_builder"), ids=lambda p: str(p.relative_to(ROOT)))
def test_rules_hold_no_chinese_words(path: Path) -> None:
    """Every Chinese word a rule uses comes from the lexicon data, through one loader."""
    found = _ideograph_constants(path)
    assert not found, f"{path.relative_to(ROOT)} holds Chinese words inline: {found[:5]}"
