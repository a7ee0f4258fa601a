"""The package layout holds: our own modules are imported, and the CLI starts without heavy imports."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["ontology", "graph_builder", "queries", "exports", "policykg"])
def test_packages_come_from_this_repository(name: str) -> None:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None
    assert Path(spec.origin).resolve().is_relative_to(ROOT), f"{name} imported from {spec.origin}"


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
    heavy = {"pyvis", "owlready2", "pyshacl", "jieba", "jionlp", "networkx", "pyoxigraph", "playwright"}
    assert not loaded & heavy, loaded & heavy


def test_lower_layers_do_not_import_upper_layers() -> None:
    rules = {"ontology": {"graph_builder", "queries", "exports", "policykg"},
             "graph_builder": {"queries", "exports", "policykg"},
             "queries": {"graph_builder", "exports", "policykg"},
             "exports": {"graph_builder", "policykg"}}
    for package, forbidden in rules.items():
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for other in forbidden:
                assert f"from {other}" not in text and f"import {other}" not in text, f"{path} imports {other}"
