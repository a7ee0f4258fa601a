"""A read-only SPARQL 1.1 Protocol endpoint over any store, with a query page that needs no network.

Standard library only (``ThreadingHTTPServer``). Updates are refused (403) whether sent as a query,
as ``update=`` or as ``application/sparql-update``. Each query runs in a worker thread under a time
limit and a row limit; past either the client gets a one-line error instead of a hung socket.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any

from rdflib.query import Result

from policykg.queries.errors import QueryError
from policykg.queries.formats import RDF_FORMATS, RESULT_FORMATS
from policykg.queries.library import get_query, list_queries
from policykg.queries.results import RENDERERS
from policykg.queries.run import bindings_for
from policykg.queries.stores import Store

RESULT_TYPES = {
    media: (f.name, RENDERERS[f.name])
    for f in RESULT_FORMATS
    if f.media_type
    for media in (f.media_type, *f.media_aliases)
}
"""Media types of SELECT/ASK results → (format name, renderer), from the format registry."""
RDF_TYPES = {f.media_type: f.rdflib for f in RDF_FORMATS}
"""Media types of CONSTRUCT/DESCRIBE results → rdflib serialiser name."""
SHORT = {
    **{f.name: f.media_type for f in RDF_FORMATS},
    **{a: f.media_type for f in RDF_FORMATS for a in f.aliases},
    **{f.name: f.media_type for f in RESULT_FORMATS if f.media_type},
}
"""``format=`` names → media type (a result format wins over an RDF format of the same name)."""


class HttpError(Exception):
    """An error answered with a status code and one line of text."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Limits:
    """How long a query may run (seconds) and how many rows or triples it may return."""

    seconds: float = 30.0
    rows: int = 100_000


def negotiate(accept: str, kind: str) -> str:
    """The media type to answer with, from an Accept header (q-values honoured, first wins on ties)."""
    table = RDF_TYPES if kind in {"CONSTRUCT", "DESCRIBE"} else RESULT_TYPES
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=") and p[2:].replace(".", "", 1).isdigit()), 1.0)
        ranked.append((-q, i, media.lower()))
    for _q, _i, media in sorted(ranked):
        if media in table:
            return media
    return "text/turtle" if kind in {"CONSTRUCT", "DESCRIBE"} else "application/sparql-results+json"


def run_limited(store: Store, text: str, bindings: dict[str, Any] | None, limits: Limits) -> Result:
    """Run and materialise a query in a worker thread; give up after the time limit."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            result = store.query(text, bindings)
            size = (
                len(result.graph or ())
                if result.type in {"CONSTRUCT", "DESCRIBE"}
                else (len(result.bindings) if result.type == "SELECT" else 0)
            )
            box["result"], box["size"] = result, size
        except Exception as exc:  # reported to the client as one line
            box["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(limits.seconds)
    if worker.is_alive():
        raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE, f"query exceeded the time limit of {limits.seconds:g} s")
    if "error" in box:
        exc = box["error"]
        status = HTTPStatus.FORBIDDEN if "Update is not allowed" in str(exc) else HTTPStatus.BAD_REQUEST
        raise HttpError(status, str(exc) if isinstance(exc, QueryError) else f"query failed: {exc}")
    if box["size"] > limits.rows:
        raise HttpError(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"result has {box['size']} rows, more than the limit of {limits.rows}; add a LIMIT",
        )
    result: Result = box["result"]
    return result


def render(result: Result, media: str) -> bytes:
    """Serialise a result in the negotiated media type."""
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        data = result.graph.serialize(format=RDF_TYPES[media], encoding="utf-8")  # type: ignore[union-attr]
        return bytes(data)
    return RESULT_TYPES[media][1](result).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    """Routes: ``/`` page, ``/queries.json``, ``/named/<name>``, ``/sparql`` (GET and POST)."""

    server_version = "policykg"
    store: Store
    limits: Limits

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        form = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        self._guard(lambda: self._route(url.path, form, None))

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        form = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            form.update(urllib.parse.parse_qs(body, keep_blank_values=True))
            body = ""
        elif ctype == "application/sparql-update":
            form["update"] = [body]
        self._guard(lambda: self._route(url.path, form, body if ctype == "application/sparql-query" else None))

    def _guard(self, action: Any) -> None:
        try:
            action()
        except HttpError as exc:
            self._send(exc.status, "text/plain; charset=utf-8", (str(exc) + "\n").encode("utf-8"))

    def _route(self, path: str, form: dict[str, list[str]], body: str | None) -> None:
        if path in {"/", "/index.html"}:
            page = files("policykg.queries").joinpath("assets", "index.html").read_bytes()
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", page)
        if path == "/queries.json":
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
            return self._send(HTTPStatus.OK, "application/json", json.dumps(items, ensure_ascii=False).encode())
        if path.startswith("/named/"):
            return self._named(urllib.parse.unquote(path[len("/named/") :]), form)
        if path == "/sparql":
            return self._sparql(form, body)
        raise HttpError(HTTPStatus.NOT_FOUND, f"no such page: {path} (try / or /sparql)")

    def _sparql(self, form: dict[str, list[str]], body: str | None) -> None:
        if "update" in form:
            raise HttpError(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
        text = body if body is not None else (form.get("query") or [""])[0]
        if not text.strip():
            raise HttpError(HTTPStatus.BAD_REQUEST, "missing query (use ?query=... or POST it)")
        self._answer(text, None, form)

    def _named(self, name: str, form: dict[str, list[str]]) -> None:
        try:
            query = get_query(name)
            given = {k: v[0] for k, v in form.items() if k != "format"}
            bindings = bindings_for(query, given)
        except QueryError as exc:
            raise HttpError(
                HTTPStatus.BAD_REQUEST if "unknown query" not in str(exc) else HTTPStatus.NOT_FOUND, str(exc)
            ) from None
        self._answer(query.text, bindings, form)

    def _answer(self, text: str, bindings: dict[str, Any] | None, form: dict[str, list[str]]) -> None:
        result = run_limited(self.store, text, bindings, self.limits)
        wanted = (form.get("format") or [""])[0]
        accept = SHORT.get(wanted, wanted) or self.headers.get("Accept") or ""
        media = negotiate(accept, result.type)
        self._send(
            HTTPStatus.OK, media + ("; charset=utf-8" if media.startswith("text/") else ""), render(result, media)
        )

    def _send(self, status: HTTPStatus, ctype: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def make_server(
    store: Store, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None
) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (port 0 picks a free one); call ``serve_forever()``."""
    handler = type("BoundHandler", (Handler,), {"store": store, "limits": limits or Limits()})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
