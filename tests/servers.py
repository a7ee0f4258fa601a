"""Real triple stores for the tests (and the store comparison script): ``oxigraph serve`` and Virtuoso,
each started on a free port with a temporary database, stopped by the caller."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_PASSWORD = "dba"  # Virtuoso's initial dba password, on a throw-away database
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = {sql_port}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = {http_port}
ServerRoot = {dir}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped at start (exit {proc.returncode})")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"no answer from {url} within {seconds:g} s")


class Running:
    """A started server: its query ``url`` and the process (``stop()`` ends it)."""

    def __init__(self, url: str, proc: subprocess.Popen[bytes]) -> None:
        self.url, self.proc = url, proc

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_oxigraph(location: Path, port: int | None = None) -> Running:
    """``oxigraph serve --union-default-graph`` on ``location``; the query URL is ``/query``."""
    port = port or free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    _wait(url, proc, 30)
    return Running(url, proc)


def start_virtuoso(folder: Path, max_rows: int = 1_000_000) -> Running:
    """Virtuoso on a fresh database in ``folder``: the plain query URL is ``/sparql``; writes go to the
    digest-authenticated ``/sparql-auth`` and ``/sparql-graph-crud-auth`` as dba."""
    if VIRTUOSO is None:
        raise RuntimeError("virtuoso-t is not installed (Debian package virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    http_port = free_port()
    ini = VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=http_port, max_rows=max_rows)
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    proc = subprocess.Popen(
        [VIRTUOSO, "-f", "-c", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    _wait(url, proc, 120)
    return Running(url, proc)
