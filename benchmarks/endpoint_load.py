"""``policykg serve`` under load: many concurrent clients on a cold server while runaway queries time out.

Starts ``policykg serve`` on a graph (default: the bundled report, built into a temporary folder),
then runs ``--clients`` threads for ``--seconds``; each sends named queries, ad-hoc SELECTs and
CONSTRUCTs in turn, and every ``--runaway-every``-th request of a client is a query that cannot finish
within the server's ``--timeout`` (it must come back 503 and stop). Prints requests served, errors
(any status but 200, and 503 for a runaway), latency percentiles of the ordinary requests, the peak
resident memory of the server and its workers, the server's peak thread count, and its memory at
the start and the end of the run. Linux only (reads /proc).

    .venv/bin/python benchmarks/endpoint_load.py [--graph policykg-out/graph.ttl] [--clients 50] [--seconds 30]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ORDINARY = [
    "/named/reports",
    "/named/growth_above?threshold=5",
    "/named/observations",
    "/named/indicator_series",
    "/sparql?"
    + urllib.parse.urlencode({"query": "SELECT ?i (COUNT(?o) AS ?n) WHERE { ?o pkg:indicator ?i } GROUP BY ?i"}),
    "/sparql?" + urllib.parse.urlencode({"query": "CONSTRUCT { ?r a pkg:Report } WHERE { ?r a pkg:Report }"}),
    "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
]
RUNAWAY = "/sparql?" + urllib.parse.urlencode(
    {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def proc_status(pid: int) -> dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: v.strip() for k, _, v in (line.partition(":") for line in lines)}


def children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def family_rss_mb(pid: int) -> float:
    """Resident memory of the server and its worker processes (MB)."""
    pids = [pid, *children(pid)]
    kb = sum(int(proc_status(p).get("VmRSS", "0 kB").split()[0]) for p in pids)
    return kb / 1024


class Monitor(threading.Thread):
    """Samples the server's memory and thread count every 0.2 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.running = pid, True
        self.peak_rss = 0.0
        self.peak_threads = 0
        self.samples: list[float] = []

    def run(self) -> None:
        while self.running:
            rss = family_rss_mb(self.pid)
            self.samples.append(rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_threads = max(self.peak_threads, int(proc_status(self.pid).get("Threads", "0")))
            time.sleep(0.2)


def client(
    port: int, until: float, runaway_every: int, out: dict[str, list[float] | int], lock: threading.Lock
) -> None:
    n = 0
    while time.monotonic() < until:
        n += 1
        runaway = runaway_every > 0 and n % runaway_every == 0
        path = RUNAWAY if runaway else ORDINARY[n % len(ORDINARY)]
        started = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path, headers={"Accept": "text/csv, text/turtle;q=0.9"})
            response = conn.getresponse()
            response.read()
            conn.close()
            status = response.status
        except OSError:
            status = 0
        took = time.monotonic() - started
        with lock:
            if runaway:
                key = "runaway_stopped" if status == 503 else "errors"
                out[key] = int(out[key]) + 1  # type: ignore[arg-type]
            elif status == 200:
                out["latencies"].append(took)  # type: ignore[union-attr]
            else:
                out["errors"] = int(out["errors"]) + 1  # type: ignore[arg-type]
                out.setdefault("statuses", []).append(status)  # type: ignore[union-attr]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def seed_graph(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "policykg", "build", "-o", str(folder)], check=True, capture_output=True)
    return folder / "graph.ttl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="graph.ttl to serve (default: the bundled report, built)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's --timeout")
    parser.add_argument("--workers", type=int, default=2, help="the server's --workers")
    parser.add_argument("--runaway-every", type=int, default=25, help="every n-th request of a client runs away")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="policykg-load-") as tmp:
        graph = args.graph or seed_graph(Path(tmp) / "out")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "policykg", "serve", "--graph", str(graph), "--port", str(port)]
            + ["--timeout", str(args.timeout), "--workers", str(args.workers)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    time.sleep(0.2)
            monitor = Monitor(server.pid)
            monitor.start()
            time.sleep(0.5)
            rss_start = family_rss_mb(server.pid)
            out: dict[str, list[float] | int] = {"latencies": [], "errors": 0, "runaway_stopped": 0}
            lock = threading.Lock()
            until = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=client, args=(port, until, args.runaway_every, out, lock))
                for _ in range(args.clients)
            ]
            began = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.monotonic() - began
            time.sleep(1.0)
            rss_end = family_rss_mb(server.pid)
            monitor.running = False
            monitor.join()
            threads_after = int(proc_status(server.pid).get("Threads", "0"))
        finally:
            server.terminate()
            try:
                _, err = server.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                _, err = server.communicate()
    lat = out["latencies"]
    assert isinstance(lat, list)
    print(f"graph: {graph if args.graph else 'bundled report'}; {args.clients} clients for {args.seconds:g} s")
    print(f"server: --timeout {args.timeout:g} --workers {args.workers}; cores: {os.cpu_count()}")
    print(f"requests served (200): {len(lat)} in {wall:.1f} s ({len(lat) / wall:.1f}/s)")
    print(f"runaway queries stopped (503): {out['runaway_stopped']}")
    print(f"errors: {out['errors']}" + (f" (statuses {sorted(set(out.get('statuses', [])))})" if out["errors"] else ""))
    if lat:
        print(
            f"latency s: p50 {percentile(lat, 50):.3f}  p90 {percentile(lat, 90):.3f}  p99 {percentile(lat, 99):.3f}  max {max(lat):.3f}  mean {statistics.mean(lat):.3f}"
        )
    print(f"server + workers RSS MB: start {rss_start:.0f}, peak {monitor.peak_rss:.0f}, end {rss_end:.0f}")
    print(f"server threads: peak {monitor.peak_threads}, after the run {threads_after}")
    lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip() and "serving" not in line]
    tracebacks = sum("Traceback" in line for line in lines)
    print(f"server stderr: {len(lines)} line(s), {tracebacks} traceback(s)")


if __name__ == "__main__":
    main()
