#!/usr/bin/env python3
"""The two set-up commands, needing nothing but Python 3.11 on a fresh machine.

    python3 tasks.py run    # venv + install, then build the bundled report and write its HTML view
    python3 tasks.py test   # venv + install (with test extras and browser), then the whole test suite
    python3 tasks.py lowest # the test suite with every dependency at its declared lower bound

``run`` and ``test`` create ``.venv`` beside this file on first use and reuse it afterwards;
``lowest`` makes ``.venv-lowest``, installing each ``>=`` bound of ``[project] dependencies`` exactly.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
DEBIAN_PACKAGES = ["chromium", "fonts-wqy-zenhei", "virtuoso-opensource"]


def sh(*args: str | Path, check: bool = True, env: dict[str, str] | None = None) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=check, env=env).returncode


def ensure_venv(extras: str, where: Path = VENV, constraints: Path | None = None) -> Path:
    """The venv's bin folder, the package installed into it (with ``extras``, under ``constraints``)."""
    bin_dir = where / ("Scripts" if os.name == "nt" else "bin")
    if not (bin_dir / "python").exists():
        venv.EnvBuilder(with_pip=True).create(where)
        sh(bin_dir / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    pin = ["-c", str(constraints)] if constraints else []
    sh(bin_dir / "python", "-m", "pip", "install", "--quiet", *pin, "-e", f".[{extras}]" if extras else ".")
    return bin_dir


def lower_bounds() -> list[str]:
    """``name==version`` for every ``name>=version`` of ``[project] dependencies``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = []
    for spec in project["dependencies"]:
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][^,;\s]*)", spec.strip())
        if m is None:
            raise SystemExit(f"pyproject.toml: {spec!r} has no plain >= lower bound to test")
        pins.append(f"{m.group(1)}=={m.group(2)}")
    return pins


def ensure_debian_packages() -> None:
    """Chromium, a CJK font and Java for the browser and reasoner tests (root on Debian only)."""
    if shutil.which("dpkg") is None:
        return
    missing = [p for p in DEBIAN_PACKAGES if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode]
    if shutil.which("java") is None:
        missing.append("default-jre-headless")
    if not missing:
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print(
            f"note: install the Debian packages {' '.join(missing)} for the browser and reasoner tests", file=sys.stderr
        )
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    sh("apt-get", "update", "-qq", env=env)
    sh("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def run() -> int:
    ensure_venv("")
    sh(BIN / "policykg", "build")
    sh(BIN / "policykg", "view", "-o", "policykg-out/overview.html")
    return 0


def test() -> int:
    ensure_venv("test")
    ensure_debian_packages()
    return sh(BIN / "python", "-m", "pytest", "-q", *sys.argv[2:], check=False)


def lowest() -> int:
    """The suite on the oldest versions ``pyproject.toml`` allows, so that its bounds stay true."""
    where = ROOT / ".venv-lowest"
    where.mkdir(exist_ok=True)
    pins = where / "constraints.txt"
    pins.write_text("\n".join(lower_bounds()) + "\n", encoding="utf-8")
    print("lower bounds:", ", ".join(lower_bounds()), flush=True)
    bin_dir = ensure_venv("test", where, pins)
    ensure_debian_packages()
    sh(bin_dir / "python", "-m", "pip", "freeze", "--exclude-editable")
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return sh(bin_dir / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *sys.argv[2:], check=False, env=env)


if __name__ == "__main__":
    commands = {"run": run, "test": test, "lowest": lowest}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]]())
