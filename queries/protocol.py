"""The SPARQL 1.1 Protocol's rules, as pure functions: which query a request carries, over which
dataset, answered in which media type, and which queries a public endpoint must refuse.

Kept apart from the HTTP server (:mod:`policykg.queries.endpoint`) so that every rule is tested
without a socket, and so that the server itself only moves bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus

from policykg.queries.formats import RDF_FORMATS, RESULT_FORMATS

GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
RESULT_MEDIA = {f.media_type: f.name for f in RESULT_FORMATS if f.media_type} | {
    m: f.name for f in RESULT_FORMATS for m in f.media_aliases
}
"""SELECT/ASK media types (and the aliases clients send in Accept) → result format name."""
RDF_MEDIA = {f.media_type: f.name for f in RDF_FORMATS} | {m: f.name for f in RDF_FORMATS for m in f.media_aliases}
"""CONSTRUCT/DESCRIBE media types → RDF format name (``text/plain`` is N-Triples)."""
RESULT_ALIASES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
"""``format=``/``output=`` names clients send for SELECT/ASK results."""
RDF_ALIASES = {
    **{f.name: f.name for f in RDF_FORMATS},
    **{a: f.name for f in RDF_FORMATS for a in f.aliases},
    "n3": "turtle",
    "text/n3": "turtle",
}
"""``format=``/``output=`` names clients send for graphs (``xml`` is RDF/XML for a CONSTRUCT)."""
MEDIA_OF_RESULT = {f.name: f.media_type for f in RESULT_FORMATS if f.media_type}
MEDIA_OF_RDF = {f.name: f.media_type for f in RDF_FORMATS}
MAX_QUERY_CHARS = 100_000
"""A longer query is refused: no named query is a tenth of this, and parsing a huge text costs memory."""


class ProtocolError(Exception):
    """A request the protocol rejects: the status and one line for the client."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Request:
    """One SPARQL query request: its text and the dataset the protocol names (empty: the query's own,
    else the service's: the union of the reports as default graph, every report as a named graph)."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    wanted: str = ""  # the values of format=, output= and results=, one a line, as sent


def _one(form: dict[str, list[str]], key: str) -> str | None:
    values = form.get(key) or []
    if len(values) > 1:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, f"{len(values)} {key}= parameters: send exactly one")
    return values[0] if values else None


def _iris(form: dict[str, list[str]], key: str) -> tuple[str, ...]:
    values = tuple(form.get(key) or ())
    for value in values:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*", value):
            raise ProtocolError(HTTPStatus.BAD_REQUEST, f"{key}={value!r} is not an IRI")
    return values


def read_request(form: dict[str, list[str]], body: str | None) -> Request:
    """The query of a GET (``query=``), a form POST, or a direct POST (``body``), with its dataset.

    >>> read_request({"query": ["ASK {}"], "default-graph-uri": ["urn:a"]}, None).default_graphs
    ('urn:a',)
    """
    if "update" in form:
        refuse_update("\n".join(form["update"]))
    given = _one(form, "query")
    if body is not None and given is not None:
        raise ProtocolError(HTTPStatus.BAD_REQUEST, "a query both in the body and as query=: send one")
    text = body if body is not None else given
    if text is None or not text.strip():
        raise ProtocolError(HTTPStatus.BAD_REQUEST, "missing query (use ?query=... or POST it)")
    if len(text) > MAX_QUERY_CHARS:
        raise ProtocolError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"query longer than {MAX_QUERY_CHARS} characters")
    # SPARQLWrapper sends format=, output= and results= each twice (a short name and a media type)
    wanted = "\n".join(v for key in ("format", "output", "results") for v in form.get(key) or () if v.strip())
    return Request(text, _iris(form, "default-graph-uri"), _iris(form, "named-graph-uri"), wanted)


_MASK = re.compile(
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>|\#[^\n]*""",
)
_WORD = re.compile(r"(?<![\w:.$?\-])([A-Za-z]+)(?![\w:])")
REFUSED = {
    "SERVICE": "SERVICE (federated queries) is not allowed: this endpoint makes no outbound request",
    "LOAD": "LOAD is not allowed: this endpoint makes no outbound request and is read-only",
}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


def keywords(text: str) -> list[str]:
    """The bare words of a query (upper case, in order) outside its strings, IRIs and comments.

    A prefixed name (``ex:SERVICE``), a variable (``?service``) or a literal never counts.

    >>> keywords('PREFIX ex: <urn:x#> SELECT ?service WHERE { ?s ex:SERVICE "SERVICE" } # SERVICE')
    ['PREFIX', 'SELECT', 'WHERE']
    """
    masked = _MASK.sub(" ", text)
    return [m.group(1).upper() for m in _WORD.finditer(masked)]


def refuse_update(text: str) -> None:
    """Raise for an update request: 400 when it asks for an outbound request (``LOAD``), else 403."""
    _refuse_outbound(keywords(text))
    raise ProtocolError(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")


def _refuse_outbound(words: list[str]) -> None:
    for word, reason in REFUSED.items():
        if word in words:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, reason)


def refuse(text: str) -> None:
    """Raise for what a read-only, offline endpoint does not run: ``SERVICE`` and ``LOAD`` (400, they
    would make the server fetch from any host), other updates (403).

    The words are read outside strings, IRIs and comments, so ``"LOAD"`` in a literal is harmless, and
    nothing reaches the engine (which would send ``SERVICE`` requests to any host) before this check.
    """
    words = keywords(text)
    _refuse_outbound(words)
    first = next((w for w in words if w not in {"PREFIX", "BASE"}), "")
    if first in UPDATE_WORDS:
        raise ProtocolError(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")


def _ranked(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties, q=0 dropped)."""
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = min(max(float(p[2:]), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, i, media.lower()))
    return [m for _q, _i, m in sorted(ranked)]


def choose(form: str, accept: str, wanted: str = "") -> tuple[str, str]:
    """The (format name, media type) to answer a query of ``form`` with.

    ``format=``/``output=`` wins when it names a type valid for the form (SPARQLWrapper sends
    ``format=xml`` with ``Accept: application/rdf+xml`` for a CONSTRUCT: that is RDF/XML there);
    otherwise Accept decides, wildcards included, and a request that accepts nothing we write gets
    the form's default (SPARQL JSON, or Turtle for a graph).

    >>> choose("SELECT", "text/csv"), choose("CONSTRUCT", "", "json-ld")
    (('csv', 'text/csv'), ('jsonld', 'application/ld+json'))
    >>> choose("CONSTRUCT", "application/rdf+xml", "xml")
    ('xml', 'application/rdf+xml')
    """
    graph = form in GRAPH_FORMS
    media_table, alias_table, media_of = (
        (RDF_MEDIA, RDF_ALIASES, MEDIA_OF_RDF) if graph else (RESULT_MEDIA, RESULT_ALIASES, MEDIA_OF_RESULT)
    )
    for key in wanted.lower().split("\n"):
        name = alias_table.get(key.strip()) or media_table.get(key.strip())
        if name:
            return name, media_of[name]
    for media in _ranked(accept):
        if media in media_table:
            name = media_table[media]
            return name, media_of[name]
        if media in {"*/*", "application/*", "text/*"}:
            break
    name = "turtle" if graph else "json"
    return name, media_of[name]


SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
_SD_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV")
_SD_RDF_FORMATS = ("Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N-Quads", "TriG")


def service_description(url: str, named_graphs: list[str]) -> str:
    """The SPARQL 1.1 Service Description of the endpoint at ``url``, as Turtle.

    >>> "sd:UnionDefaultGraph" in service_description("http://127.0.0.1:8000/sparql", ["urn:g"])
    True
    """
    formats = ", ".join(f"<{FORMATS_NS}{f}>" for f in (*_SD_RESULT_FORMATS, *_SD_RDF_FORMATS))
    lines = [
        f"@prefix sd: <{SD}> .",
        "",
        f"<{url}> a sd:Service ;",
        f"  sd:endpoint <{url}> ;",
        "  sd:supportedLanguage sd:SPARQL11Query ;",
        "  sd:feature sd:UnionDefaultGraph ;",
        f"  sd:resultFormat {formats} ;",
        f"  sd:defaultDataset <{url}#dataset> .",
        "",
        f"<{url}#dataset> a sd:Dataset ;",
        f"  sd:defaultGraph <{url}#default-graph>" + (" ;" if named_graphs else " ."),
    ]
    if named_graphs:
        lines.append("  sd:namedGraph " + ", ".join(f"<{url}#graph-{i}>" for i in range(len(named_graphs))) + " .")
    lines += ["", f"<{url}#default-graph> a sd:Graph ."]
    lines += [f"<{url}#graph-{i}> a sd:NamedGraph ; sd:name <{g}> ." for i, g in enumerate(named_graphs)]
    return "\n".join(lines) + "\n"
