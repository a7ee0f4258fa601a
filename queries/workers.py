"""Queries run in worker processes, so that one past its time limit is stopped, not abandoned.

A thread cannot be stopped in Python, and Oxigraph has no cancellation in its Python API: a query
left running in a thread after its client was told 503 kept a core busy for as long as it liked.
Each worker here is a process holding the store; the server hands it one job at a time and kills it
at the deadline (its CPU stops at once), then starts a fresh one in the background. Workers also
render the answer, so the server process never holds a large result.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from multiprocessing.connection import Connection

from policykg.queries.serving import Source


@dataclass(frozen=True)
class Job:
    """One query to run: its text (parameters already bound), the protocol's dataset, how to answer."""

    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str = ""
    wanted: str = ""
    max_rows: int = 100_000


@dataclass(frozen=True)
class Reply:
    """A worker's answer: a status, its media type and the bytes of the body."""

    status: int
    media: str
    body: bytes


def _error(status: HTTPStatus, message: str) -> Reply:
    return Reply(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _worker_main(conn: Connection, source: Source) -> None:
    """A worker's loop: open the store, say so, then answer jobs until the pipe closes."""
    try:
        store = source.open()
        from policykg.queries.answer import Answerer

        answerer = Answerer(store)
    except Exception as exc:
        conn.send(("failed", " ".join(str(exc).split())[:300]))
        return
    conn.send(("ready", answerer.named_graphs))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answerer.answer(job))


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, source: Source, start_timeout: float = 600.0) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, source), daemon=True)
        self.process.start()
        child.close()
        if not self.conn.poll(start_timeout):
            self.kill()
            raise RuntimeError("a query worker did not start in time")
        status, detail = self.conn.recv()
        if status != "ready":
            self.kill()
            raise RuntimeError(str(detail))
        self.named_graphs: list[str] = detail

    def call(self, job: Job, deadline: float) -> Reply | None:
        """The worker's reply, or None when the deadline passes first (the worker is then useless)."""
        try:
            self.conn.send(job)
            if not self.conn.poll(max(deadline - time.monotonic(), 0.0)):
                return None
            reply: Reply = self.conn.recv()
            return reply
        except (EOFError, OSError):
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker stopped; try again")

    def kill(self) -> None:
        """Stop the process now (SIGKILL) and reap it."""
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """A fixed number of workers; a job waits for a free one, and a worker past its deadline is replaced.

    >>> Pool.__doc__.split(";")[0]
    'A fixed number of workers'
    """

    def __init__(self, source: Source, size: int = 2) -> None:
        self.source = source
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: list[Worker] = []
        self.lock = threading.Lock()
        self.closed = False
        self.replacing = 0
        started = [Worker(source) for _ in range(max(size, 1))]
        self.named_graphs = started[0].named_graphs
        for worker in started:
            self._add(worker)

    def _add(self, worker: Worker) -> None:
        with self.lock:
            if self.closed:
                worker.kill()
                return
            self.workers.append(worker)
        self.idle.put(worker)

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        with self.lock:
            if worker in self.workers:
                self.workers.remove(worker)
            self.replacing += 1

        def start() -> None:
            try:
                while not self.closed:
                    try:
                        self._add(Worker(self.source))
                        return
                    except RuntimeError:
                        time.sleep(1.0)
            finally:
                with self.lock:
                    self.replacing -= 1

        threading.Thread(target=start, name="policykg-worker-start", daemon=True).start()

    def run(self, job: Job, seconds: float, wait: float | None = None) -> Reply:
        """Run ``job`` for at most ``seconds`` once a worker is free; wait at most ``wait`` seconds for one
        (default: ``seconds``). The run's own limit starts when it starts, so a query queued behind runaway
        ones is not charged for their time."""
        patience = seconds if wait is None else wait
        try:
            worker = self.idle.get(timeout=patience)
        except queue.Empty:
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, f"server busy: no query worker free within {patience:g} s")
        deadline = time.monotonic() + seconds
        reply = worker.call(job, deadline)
        if reply is None:
            self._replace(worker)  # killed: the query stops using CPU now
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, f"query exceeded the time limit of {seconds:g} s; stopped")
        if reply.status == HTTPStatus.INTERNAL_SERVER_ERROR and not worker.process.is_alive():
            self._replace(worker)
        else:
            self.idle.put(worker)
        return reply

    def pids(self) -> list[int]:
        """The process ids of the live workers (for tests and benchmarks)."""
        with self.lock:
            return [w.process.pid for w in self.workers if w.process.pid is not None]

    def close(self) -> None:
        """Stop every worker."""
        with self.lock:
            self.closed = True
            workers, self.workers = self.workers, []
        for worker in workers:
            worker.kill()
