"""``-o -`` is standard output; a symlink, device or FIFO at the output path is written through, never
replaced; a regular file is still replaced atomically."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from policykg.exports.files import write_atomic

POLICYKG = [sys.executable, "-m", "policykg"]


def test_dash_is_standard_output_and_a_closed_pipe_is_no_error(seed_out: Path) -> None:
    export = subprocess.Popen(
        [*POLICYKG, "export", "--graph", str(seed_out / "graph.ttl"), "-f", "nt", "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert export.stdout is not None and export.stderr is not None
    first = export.stdout.readline()
    export.stdout.close()  # as `| head -1` does
    errors = export.stderr.read().decode()
    export.stderr.close()
    assert export.wait(60) == 0 and "Traceback" not in errors
    assert first.startswith(b"<") and first.rstrip().endswith(b" .")
    assert not Path("-").exists()


@pytest.mark.skipif(not os.path.islink("/dev/stdout"), reason="/dev/stdout is no symlink on this system")
def test_dev_stdout_stays_a_symlink(seed_out: Path) -> None:
    done = subprocess.run(
        [*POLICYKG, "export", "--graph", str(seed_out / "graph.ttl"), "-f", "nt", "-o", "/dev/stdout"],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert os.path.islink("/dev/stdout")
    lines = done.stdout.decode().splitlines()
    assert lines and all(line.endswith(" .") for line in lines)  # the summary went to stderr
    assert b"wrote /dev/stdout" in done.stderr


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.ttl"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"data\n")
    reader.join(10)
    assert got == [b"data\n"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_regular_file_is_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    target.write_text("old", encoding="utf-8")
    inode = target.stat().st_ino
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and target.stat().st_ino != inode
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]
