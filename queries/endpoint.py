"""A read-only SPARQL 1.1 Protocol endpoint, with a query page that needs no network.

Standard library only (``ThreadingHTTPServer``). The HTTP side is bounded: a fixed number of
connections at once (more get 503 at once, with no thread), a read timeout on every socket, a
body-size limit, and a Content-Length that is no number answered 400. Queries run in worker
processes (:mod:`policykg.queries.workers`), killed at the time limit. The dataset is a report per
named graph and their union as the default graph; ``default-graph-uri``, ``named-graph-uri``,
``FROM`` and ``FROM NAMED`` choose among them. Updates are refused (403) in every form, ``SERVICE``
(400) before anything runs, and no CORS header is sent unless ``--cors ORIGIN`` names an origin.
"""

from __future__ import annotations

import json
import socket
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any

from policykg.queries.errors import QueryError
from policykg.queries.library import get_query, list_queries
from policykg.queries.protocol import ProtocolError, read_request, refuse, refuse_update, service_description
from policykg.queries.run import bindings_for
from policykg.queries.stores import inject_values
from policykg.queries.workers import Job, Pool, Reply

MAX_BODY = 1 << 20
"""Largest request body read (1 MiB): a query, or a form with one."""
ALLOW = "GET, HEAD, POST, OPTIONS"
FORMAT_KEYS = ("format", "output", "results")
"""Parameters by which clients name the answer's format (SPARQLWrapper sends all three)."""


@dataclass(frozen=True)
class Limits:
    """How long a query may run (seconds), how many rows or triples it may return, how many
    connections are served at once, how long a socket may stay silent and how long a query may wait
    for a free worker (seconds)."""

    seconds: float = 30.0
    rows: int = 100_000
    connections: int = 64
    socket_timeout: float = 10.0
    queue_seconds: float = 60.0


class Handler(BaseHTTPRequestHandler):
    """Routes: ``/`` page, ``/queries.json``, ``/named/<name>``, ``/sparql`` (GET, HEAD, POST)."""

    server_version = "policykg"
    pool: Pool
    limits: Limits
    cors: str | None

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        self._guard(lambda: self._route(url.path, _form(url.query), None))

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_OPTIONS(self) -> None:
        self._send(HTTPStatus.NO_CONTENT, "", b"", extra={"Allow": ALLOW})

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        self._guard(lambda: self._post(url))

    def _refuse_method(self) -> None:
        self._send_error(HTTPStatus.METHOD_NOT_ALLOWED, f"{self.command} is not allowed here (use GET or POST)")

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def _post(self, url: urllib.parse.SplitResult) -> None:
        body = self._body()
        if body is None:
            return
        ctype, _, params = (self.headers.get("Content-Type") or "").partition(";")
        ctype = ctype.strip().lower()
        charset = next((p.split("=", 1)[1].strip(' "').lower() for p in params.split(";") if "charset=" in p), "utf-8")
        if charset not in {"utf-8", "utf8"}:
            raise ProtocolError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"charset {charset} not accepted: send UTF-8")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, "the body is not UTF-8") from None
        form = _form(url.query)
        if ctype == "application/x-www-form-urlencoded":
            for key, values in _form(text).items():
                form.setdefault(key, []).extend(values)
            return self._route(url.path, form, None)
        if ctype == "application/sparql-update":
            refuse_update(text)
        if ctype == "application/sparql-query":
            return self._route(url.path, form, text)
        raise ProtocolError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "POST needs Content-Type application/x-www-form-urlencoded or application/sparql-query",
        )

    def _body(self) -> bytes | None:
        """The request body, or None when the client went silent (the connection is then closed)."""
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit():
            raise ProtocolError(HTTPStatus.BAD_REQUEST, f"Content-Length {raw[:40]!r} is not a number of bytes")
        length = int(raw)
        if length > MAX_BODY:
            self.close_connection = True
            raise ProtocolError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"body larger than {MAX_BODY} bytes")
        try:
            body = self.rfile.read(length)
        except (TimeoutError, OSError):
            self.close_connection = True
            return None
        if len(body) < length:
            self.close_connection = True
            return None
        return body

    def _guard(self, action: Any) -> None:
        try:
            action()
        except ProtocolError as exc:
            self._send_error(exc.status, str(exc))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True

    def _route(self, path: str, form: dict[str, list[str]], body: str | None) -> None:
        if path in {"/", "/index.html"}:
            page = files("policykg.queries").joinpath("assets", "index.html").read_bytes()
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", page)
        if path == "/queries.json":
            return self._send(HTTPStatus.OK, "application/json", _catalogue())
        if path.startswith("/named/"):
            return self._named(urllib.parse.unquote(path[len("/named/") :]), form)
        if path == "/sparql":
            if body is None and "query" not in form and "update" not in form:
                url = f"http://{self.headers.get('Host') or 'localhost'}/sparql"
                text = service_description(url, self.pool.named_graphs)
                return self._send(HTTPStatus.OK, "text/turtle; charset=utf-8", text.encode("utf-8"), vary=True)
            request = read_request(form, body)
            refuse(request.query)
            job = Job(request.query, request.default_graphs, request.named_graphs, self._accept(), request.wanted)
            return self._run(job)
        raise ProtocolError(HTTPStatus.NOT_FOUND, f"no such page: {path} (try / or /sparql)")

    def _accept(self) -> str:
        return self.headers.get("Accept") or ""

    def _named(self, name: str, form: dict[str, list[str]]) -> None:
        wanted = "\n".join(v for key in FORMAT_KEYS for v in form.get(key) or ())
        try:
            query = get_query(name)
            given = {}
            for key, values in form.items():
                if key in FORMAT_KEYS:
                    continue
                if len(values) > 1:
                    raise QueryError(f"parameter {key} given {len(values)} times")
                given[key] = values[0]
            text = inject_values(query.text, bindings_for(query, given))
        except QueryError as exc:
            status = HTTPStatus.NOT_FOUND if "unknown query" in str(exc) else HTTPStatus.BAD_REQUEST
            raise ProtocolError(status, str(exc)) from None
        self._run(Job(text, accept=self._accept(), wanted=wanted))

    def _run(self, job: Job) -> None:
        job = Job(job.text, job.default_graphs, job.named_graphs, job.accept, job.wanted, self.limits.rows)
        reply: Reply = self.pool.run(job, self.limits.seconds, self.limits.queue_seconds)
        self._send(HTTPStatus(reply.status), reply.media, reply.body, vary=True)

    def _send_error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), vary=True)

    def _send(
        self, status: HTTPStatus, ctype: str, data: bytes, *, vary: bool = False, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if vary:
            self.send_header("Vary", "Accept" + (", Origin" if self.cors else ""))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", self.cors)
            if self.command == "OPTIONS":
                self.send_header("Access-Control-Allow-Methods", ALLOW)
                self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
                self.send_header("Access-Control-Max-Age", "600")
        self.end_headers()
        if self.command != "HEAD" and data:
            self.wfile.write(data)


def _form(query: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(query, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, "a parameter is not UTF-8") from None


def _catalogue() -> bytes:
    items = [
        {
            "name": q.name,
            "summary_en": q.summary_en,
            "summary_zh": q.summary_zh,
            "params": [
                {"name": p.name, "type": p.type, "default": p.default, "required": p.required, "doc": p.doc}
                for p in q.params
            ],
        }
        for q in list_queries()
    ]
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


class Server(ThreadingHTTPServer):
    """A threading server that serves at most ``limits.connections`` connections at once.

    One more is answered 503 from the accepting thread and closed: no thread is started for it, so
    a flood of slow clients cannot pile threads up.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type[Handler], limits: Limits) -> None:
        self.slots = threading.BoundedSemaphore(limits.connections)
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            try:
                request.settimeout(1.0)
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line on stderr, never a traceback; a client that hangs up or goes silent is no error."""
        import sys

        exc = sys.exc_info()[1]
        if exc is None or isinstance(exc, (ConnectionError, TimeoutError)):
            return
        print(f"policykg serve: request from {client_address[0]} failed: {type(exc).__name__}: {exc}", file=sys.stderr)


def make_server(
    pool: Pool, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None, cors: str | None = None
) -> Server:
    """A server bound to ``host:port`` (port 0 picks a free one); call ``serve_forever()``.

    A port already in use is a :class:`QueryError` naming it.
    """
    chosen = limits or Limits()
    # StreamRequestHandler applies ``timeout`` to every socket: a silent client is dropped after it
    attrs = {"pool": pool, "limits": chosen, "cors": cors, "timeout": chosen.socket_timeout}
    handler = type("BoundHandler", (Handler,), attrs)
    try:
        return Server((host, port), handler, chosen)
    except OSError as exc:
        if exc.errno in {98, 48, 10048}:  # EADDRINUSE on Linux, macOS, Windows
            raise QueryError(f"port {port} on {host} is in use: pick another with --port (0: any free)") from None
        if isinstance(exc, socket.gaierror):
            raise QueryError(f"--host {host!r}: not an address of this machine") from None
        raise QueryError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
