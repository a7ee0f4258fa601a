#!/usr/bin/env python3
"""The two set-up commands, needing nothing but Python 3.11 on a fresh machine.

    python3 tasks.py run    # venv + install, then build the bundled report and write its HTML view
    python3 tasks.py test   # venv + install (with test extras and browser), then the whole test suite

Both create ``.venv`` beside this file on first use and reuse it afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
DEBIAN_PACKAGES = ["chromium", "fonts-wqy-zenhei"]


def sh(*args: str | Path, check: bool = True, env: dict[str, str] | None = None) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=check, env=env).returncode


def ensure_venv(extras: str) -> None:
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
        sh(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(BIN / "python", "-m", "pip", "install", "--quiet", "-e", f".[{extras}]" if extras else ".")


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


if __name__ == "__main__":
    commands = {"run": run, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]]())
