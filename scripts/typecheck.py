#!/usr/bin/env python3
"""Run ``mypy --strict`` on policykg as it installs: one package, ``policykg``, with its four layers inside.

The source folders (``ontology/``, ``graph_builder/``, ``queries/``, ``exports/``) sit at the top of the
repository and install as ``policykg.ontology`` and so on (setuptools' package-dir mapping). mypy
cannot follow that mapping, nor the import hook of an editable install, so this script copies the
sources into a temporary tree shaped like the installed package, checks it, and prints mypy's
messages with the repository's own paths.

    python3 scripts/typecheck.py          # exit status 0 when clean
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("ontology", "graph_builder", "queries", "exports")


def shadow_tree(into: Path) -> Path:
    """Copy ``policykg/`` and the layer folders into ``into/policykg`` (Python files only)."""
    package = into / "policykg"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "data", "assets")
    shutil.copytree(ROOT / "policykg", package, ignore=ignore)
    for layer in LAYERS:
        shutil.copytree(ROOT / layer, package / layer, ignore=ignore)
    return package


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="policykg-typecheck-") as tmp:
        shadow_tree(Path(tmp))
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                "--config-file",
                str(ROOT / "pyproject.toml"),
                "--no-incremental",
                "--cache-dir",
                str(Path(tmp) / ".mypy_cache"),
                "policykg",
            ],
            cwd=tmp,
            capture_output=True,
            text=True,
            check=False,
        )
        out = done.stdout + done.stderr
        for layer in LAYERS:
            out = out.replace(f"policykg/{layer}/", f"{layer}/")
        print(out, end="")
        return done.returncode


if __name__ == "__main__":
    sys.exit(main())
