"""A remote SPARQL 1.1 Protocol endpoint as a store: its dataset chosen from the parsed query, its
row limits noticed, its credentials sent the way the server asks (digest or basic).

Which dataset a query reads is decided from rdflib's algebra of the query, never by searching its
text: a comment, a ``#+`` header line or a property named ``...graph`` once made the client drop the
union graph and read the server's bag union of named graphs (every shared triple once per report,
each join multiplying the rows).
"""

from __future__ import annotations

import base64
import io
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from rdflib import Graph
from rdflib.query import Result

from policykg.ontology.namespaces import sparql_prologue
from policykg.queries.errors import QueryError
from policykg.queries.run import check_query, prepare

JSON_RESULTS = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
UNION_GRAPH = "https://w3id.org/policykg/id/graph/union"
"""The de-duplicated union of every graph ``policykg push`` loaded into a store."""
PASSWORD_ENV = "POLICYKG_PASSWORD"
"""The environment variable holding the password of ``--user`` (never a command-line argument, which
any user of the machine can read in the process list)."""
TRUNCATION_HEADERS = ("X-SPARQL-MaxRows",)
"""Headers by which a server says it cut the result at its row limit (Virtuoso's ``ResultSetMaxRows``)."""


@dataclass(frozen=True)
class Auth:
    """A user name and password, sent when the server asks (HTTP digest or basic)."""

    user: str
    password: str = field(repr=False)


def auth_for(user: str | None) -> Auth | None:
    """``--user NAME`` with the password from :data:`PASSWORD_ENV`; None without a user."""
    if not user:
        return None
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        raise QueryError(f"--user {user}: set the password in the environment variable {PASSWORD_ENV}")
    return Auth(user, password)


def _opener(auth: Auth | None, url: str) -> urllib.request.OpenerDirector:
    if auth is None:
        return urllib.request.build_opener()
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, auth.user, auth.password)
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)
    )


def _authorise(request: urllib.request.Request, timeout: float, auth: Auth) -> None:
    """Put the ``Authorization`` header on a request with a body before it is sent.

    A server asking for a login answers 401 and closes the connection without reading the body, so a
    large upload failed with a broken pipe before urllib saw the challenge. A GET without a body
    fetches the challenge (digest nonce or basic realm) first; the header is computed from it.
    """
    probe = urllib.request.Request(request.full_url, method="GET")
    try:
        with urllib.request.urlopen(probe, timeout=timeout):
            return  # no login asked
    except urllib.error.HTTPError as exc:
        challenge = exc.headers.get("WWW-Authenticate") or ""
        exc.close()
    except (urllib.error.URLError, OSError):
        return  # the real request reports it
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "digest":
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, request.full_url, auth.user, auth.password)
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        value = urllib.request.HTTPDigestAuthHandler(manager).get_authorization(request, fields)
        if value:
            request.add_unredirected_header("Authorization", "Digest " + value)
    elif scheme.lower() == "basic":
        token = base64.b64encode(f"{auth.user}:{auth.password}".encode()).decode("ascii")
        request.add_unredirected_header("Authorization", "Basic " + token)


def http_exchange(
    request: urllib.request.Request, timeout: float, auth: Auth | None = None
) -> tuple[bytes, Message[str, str]]:
    """One HTTP exchange, its body and headers; any failure becomes a one-line :class:`QueryError`."""
    if auth is not None and request.data is not None:
        _authorise(request, timeout, auth)
    try:
        with _opener(auth, request.full_url).open(request, timeout=timeout) as response:
            data: bytes = response.read()
            return data, response.headers
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read().decode("utf-8", "replace").split())[:200]
        hint = f" (give --user and {PASSWORD_ENV})" if exc.code == 401 and auth is None else ""
        raise QueryError(f"{request.full_url}: HTTP {exc.code} {exc.reason}{hint}: {detail}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise QueryError(f"{request.full_url}: cannot reach the endpoint ({reason})") from None


def http_call(request: urllib.request.Request, timeout: float, auth: Auth | None = None) -> bytes:
    """The body of one HTTP exchange (see :func:`http_exchange`)."""
    return http_exchange(request, timeout, auth)[0]


def form_request(url: str, form: dict[str, str], accept: str | None = None) -> urllib.request.Request:
    """A SPARQL 1.1 Protocol POST, form-encoded (``query`` or ``update``)."""
    headers = {"Accept": accept} if accept else {}
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(), method="POST", headers=headers)


def post_form(
    url: str, form: dict[str, str], timeout: float, accept: str | None = None, auth: Auth | None = None
) -> bytes:
    """POST a form; the response body."""
    return http_call(form_request(url, form, accept), timeout, auth)


def names_dataset(text: str) -> bool:
    """Whether the query picks its own dataset: a ``FROM``/``FROM NAMED`` clause or a ``GRAPH`` pattern.

    >>> names_dataset("# GRAPH in a comment\\nSELECT ?graph WHERE { ?s <urn:graph> ?graph }")
    False
    >>> names_dataset("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"), names_dataset("ASK FROM <urn:a> {}")
    (True, True)
    """
    from rdflib.plugins.sparql.algebra import traverse  # the SPARQL engine: imported only for remote stores
    from rdflib.plugins.sparql.parserutils import CompValue

    algebra = prepare(text).algebra
    if algebra.get("datasetClause"):
        return True
    found: list[bool] = []

    def visit(node: Any) -> None:
        if isinstance(node, CompValue) and node.name == "Graph":
            found.append(True)

    traverse(algebra, visitPre=visit)
    return bool(found)


def _parse_results(data: bytes, kind: str) -> Result:
    """SPARQL JSON results (or N-Triples for CONSTRUCT/DESCRIBE) as an rdflib Result."""
    if kind in {"CONSTRUCT", "DESCRIBE"}:
        result = Result(kind)
        result.graph = Graph().parse(data=data.decode("utf-8"), format="nt")
        return result
    result = Result.parse(io.BytesIO(data), format="json")
    if kind == "ASK" and result.type == "SELECT" and [str(v) for v in result.vars or ()] == ["__ASK_RETVAL"]:
        # Virtuoso 7.2 answers ASK in JSON as one row of __ASK_RETVAL (1 or 0)
        answer = Result("ASK")
        answer.askAnswer = any(str(row[0]) == "1" for row in result)  # type: ignore[index]
        return answer
    return result


def truncation(headers: Message[str, str], size: int) -> str | None:
    """Why a server's answer of ``size`` rows (or triples) is incomplete, from its headers; None when whole.

    Virtuoso names its ``ResultSetMaxRows`` in every answer and cuts silently at it, so a result of
    exactly that size is taken as cut.

    >>> from email.message import Message
    >>> h = Message(); h["X-SPARQL-MaxRows"] = "10000"
    >>> truncation(h, 9999) is None, truncation(h, 10000)
    (True, 'the server cut the result at its row limit of 10000 rows')
    """
    for name in TRUNCATION_HEADERS:
        limit = (headers.get(name) or "").strip()
        if limit.isdigit() and size >= int(limit):
            return f"the server cut the result at its row limit of {limit} rows"
    state = headers.get("X-SQL-State") or ""
    if state.startswith("S1TAT"):  # Virtuoso's "anytime" answer: what it found before its time limit
        return f"the server stopped at its time limit and sent a partial result ({headers.get('X-SQL-Message', state)})"
    return None


@dataclass
class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint reached over HTTP (POST, form-encoded).

    ``default_graph`` is sent as the protocol's ``default-graph-uri``: the query reads that one graph.
    Left unset, it is :data:`UNION_GRAPH` when the endpoint holds that graph (``policykg push``
    keeps it), so rows are those of the local union graph; elsewhere (``policykg serve``) the server's
    own default graph is read. A query that picks its dataset (``FROM``, ``GRAPH``) is sent without it.
    A result the server cut at its row limit is an error, never a silently short answer.
    """

    url: str
    timeout: float = 60.0
    default_graph: str | None = None
    find_union: bool = True
    auth: Auth | None = None

    def _dataset(self, text: str) -> dict[str, str]:
        if self.default_graph is None and names_dataset(text):
            return {}  # a default-graph-uri would replace the dataset the query asks for
        if self.default_graph is None and self.find_union:
            self.find_union = False
            probe = f"SELECT ?s WHERE {{ GRAPH <{UNION_GRAPH}> {{ ?s ?p ?o }} }} LIMIT 1"
            data = post_form(self.url, {"query": probe}, self.timeout, JSON_RESULTS, self.auth)
            if json.loads(data)["results"]["bindings"]:
                self.default_graph = UNION_GRAPH
        return {"default-graph-uri": self.default_graph} if self.default_graph else {}

    def query(self, text: str, bindings: dict[str, Any] | None = None) -> Result:
        from policykg.queries.stores import inject_values

        kind = check_query(text)
        accept = NTRIPLES if kind in {"CONSTRUCT", "DESCRIBE"} else JSON_RESULTS
        form = {"query": sparql_prologue() + inject_values(text, bindings), **self._dataset(text)}
        data, headers = http_exchange(form_request(self.url, form, accept), self.timeout, self.auth)
        result = _parse_results(data, kind)
        size = len(result.graph or ()) if kind in {"CONSTRUCT", "DESCRIBE"} else len(result.bindings or ())
        cut = truncation(headers, size)
        if cut:
            raise QueryError(f"{self.url}: {cut}; add a LIMIT, or raise the server's limit (README: Virtuoso)")
        return result
