"""The code base stays clean: ruff's rule set and ``mypy --strict`` on the packages (settings in pyproject)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def test_ruff() -> None:
    out = subprocess.run(
        [_tool("ruff"), "check", "--no-cache", "--exclude", ".venv", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout[-4000:]


def test_ruff_format() -> None:
    out = subprocess.run(
        [_tool("ruff"), "format", "--check", "--no-cache", "--exclude", ".venv", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout[-4000:]


def test_mypy_strict() -> None:
    """On a copy shaped like the installed package (scripts/typecheck.py), since the folders map to policykg.*."""
    _tool("mypy")
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "typecheck.py")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stdout[-4000:]
