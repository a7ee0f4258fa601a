"""Load built graphs into an external triple store, one named graph per report, replaced atomically.

Each graph travels as N-Triples (every store reads it the same way; Virtuoso 7.2 misreads some
escapes in Turtle) through the SPARQL 1.1 Graph Store HTTP Protocol into a temporary graph. The
temporary graph is counted; only when the count is right does one SPARQL Update ``MOVE`` it onto
the target. A failure anywhere before the ``MOVE`` leaves the previous version of the target as it
was, and the user gets one line saying so.

After the graphs are replaced, :func:`refresh_union` rebuilds one more named graph,
:data:`UNION_GRAPH`, as the set union of every other graph. A server that answers queries over the
union of its named graphs (``oxigraph serve --union-default-graph``) sees a bag of quads: a triple
that every report repeats (an indicator's label, a province's name, the sector scheme) comes back
once per report, and each join on it multiplies the rows again. Queried as the default graph
(``default-graph-uri``; :class:`queries.stores.RemoteStore` does so whenever the store holds it),
the union graph gives the rows of the local union graph.
"""

from __future__ import annotations

import hashlib
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from policykg.ontology.namespaces import PKG
from policykg.queries import stores
from policykg.queries.errors import QueryError
from policykg.queries.remote import JSON_RESULTS, NTRIPLES, Auth, http_call, post_form

Step = Callable[[str, str], None]
UNION_GRAPH = URIRef(stores.UNION_GRAPH)
"""The de-duplicated union of every pushed graph; :class:`queries.stores.RemoteStore` reads it."""
_TEMP_PREFIX = "urn:policykg:"


@dataclass(frozen=True)
class Endpoints:
    """The three URLs of a store: SPARQL query, SPARQL update, and Graph Store Protocol (and the
    credentials sent to them when the server asks)."""

    query: str
    update: str
    store: str
    auth: Auth | None = field(default=None, repr=False)


def endpoints_for(url: str, update: str | None = None, store: str | None = None, auth: Auth | None = None) -> Endpoints:
    """Guess the update and graph-store URLs from the query URL (Oxigraph, Fuseki, Virtuoso).

    >>> endpoints_for("http://localhost:7878/query")
    Endpoints(query='http://localhost:7878/query', update='http://localhost:7878/update', store='http://localhost:7878/store')
    >>> endpoints_for("http://localhost:8890/sparql").store
    'http://localhost:8890/sparql-graph-crud'
    """
    base = url.rstrip("/")
    if base.endswith("/query"):
        root = base[: -len("/query")]
        guess = Endpoints(base, root + "/update", root + "/store")
    elif base.endswith("/sparql"):
        guess = Endpoints(base, base, base + "-graph-crud")
    else:
        guess = Endpoints(base, base, base)
    return Endpoints(guess.query, update or guess.update, store or guess.store, auth)


def named_graphs(path: Path, graph_iri: str | None = None) -> Iterator[tuple[URIRef, Graph]]:
    """The graphs to push: each named graph of a TriG/N-Quads file, or one file as ``graph_iri``."""
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file (run `policykg build` first, or pass --graph)")
    suffix = path.suffix.lower()
    try:
        if suffix in {".trig", ".nq"} and graph_iri is None:
            import pyoxigraph as ox

            fmt = ox.RdfFormat.TRIG if suffix == ".trig" else ox.RdfFormat.N_QUADS
            lines: dict[str, list[str]] = {}
            for q in ox.parse(path=str(path), format=fmt):
                if isinstance(q.graph_name, ox.NamedNode):
                    lines.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .")
            graphs = {URIRef(k): Graph().parse(data="\n".join(v), format="nt") for k, v in lines.items()}
            yield from sorted(graphs.items())
            return
        if graph_iri is None:
            raise QueryError(f"{path}: a single graph needs --graph-iri IRI (or push graph.trig)")
        from policykg.queries.run import load_graph

        yield _checked_iri(graph_iri), load_graph(path)
    except QueryError:
        raise
    except Exception as exc:  # rdflib parsers raise many types
        raise QueryError(f"{path}: cannot parse: {' '.join(str(exc).split())[:200]}") from None


def _checked_iri(text: str) -> URIRef:
    if not stores.is_iri(text):
        raise QueryError(f"{text!r} is not an IRI")
    return URIRef(text)


def _update(ep: Endpoints, text: str, timeout: float) -> None:
    post_form(ep.update, {"update": text}, timeout, auth=ep.auth)


def _count(ep: Endpoints, graph: URIRef, timeout: float) -> int:
    import json

    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph.n3()} {{ ?s ?p ?o }} }}"
    data = post_form(ep.query, {"query": text}, timeout, JSON_RESULTS, ep.auth)
    return int(json.loads(data)["results"]["bindings"][0]["n"]["value"])


def push_graph(ep: Endpoints, target: URIRef, graph: Graph, *, timeout: float = 300.0, step: Step | None = None) -> int:
    """Upload ``graph`` to a temporary graph, verify its size, then ``MOVE`` it onto ``target``."""
    digest = hashlib.sha1(str(target).encode()).hexdigest()[:12]
    temp = URIRef(f"{_TEMP_PREFIX}upload:{digest}:{uuid.uuid4().hex}")
    payload = graph.serialize(format="nt", encoding="utf-8")
    expected = len(graph)
    notify = step or (lambda _s, _g: None)
    try:
        notify("upload", str(target))
        url = f"{ep.store}?{urllib.parse.urlencode({'graph': str(temp)})}"
        http_call(
            urllib.request.Request(url, data=payload, method="PUT", headers={"Content-Type": NTRIPLES}),
            timeout,
            ep.auth,
        )
        notify("verify", str(target))
        found = _count(ep, temp, timeout)
        if found != expected:
            raise QueryError(f"the store holds {found} of {expected} uploaded triples")
        notify("replace", str(target))
        _update(ep, f"MOVE SILENT GRAPH {temp.n3()} TO GRAPH {target.n3()}", timeout)
    except QueryError as exc:
        _drop_quietly(ep, temp, timeout)
        raise QueryError(f"push of <{target}> failed, its previous version is unchanged: {exc}") from None
    return expected


def _drop_quietly(ep: Endpoints, graph: URIRef, timeout: float) -> None:
    try:
        _update(ep, f"DROP SILENT GRAPH {graph.n3()}", min(timeout, 10.0))
    except QueryError:
        pass


def drop_stale_uploads(ep: Endpoints, *, timeout: float = 300.0) -> list[str]:
    """Drop the temporary graphs (``urn:policykg:...``) a push that was killed mid-way left behind.

    A reader of the server's union of named graphs would otherwise see their triples. Run before each
    push, so pushes into one store must not overlap (a concurrent push's upload would be dropped).
    """
    import json

    text = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{_TEMP_PREFIX}")) }}'
    data = post_form(ep.query, {"query": text}, timeout, JSON_RESULTS, ep.auth)
    stale = sorted(row["g"]["value"] for row in json.loads(data)["results"]["bindings"])
    for name in stale:
        _update(ep, f"DROP SILENT GRAPH {_checked_iri(name).n3()}", timeout)
    return stale


def report_graphs(ep: Endpoints, *, timeout: float = 300.0) -> list[URIRef]:
    """The named graphs of the store that hold a ``pkg:Report`` (a store's own graphs hold none)."""
    import json

    text = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?report a <{PKG}Report> }} }}"
    data = post_form(ep.query, {"query": text}, timeout, JSON_RESULTS, ep.auth)
    names = sorted(row["g"]["value"] for row in json.loads(data)["results"]["bindings"])
    return [_checked_iri(n) for n in names if not n.startswith(_TEMP_PREFIX)]


def refresh_union(ep: Endpoints, union: URIRef = UNION_GRAPH, *, timeout: float = 900.0) -> None:
    """Rebuild ``union`` as the set of every triple in the store's report graphs (those holding a
    ``pkg:Report``): a store's own graphs (Virtuoso keeps its system triples in named graphs) stay out.

    The graphs are listed first and named in a ``VALUES`` block: a join of the graph list with every
    quad kept Oxigraph busy for many minutes on a corpus. Built into a temporary graph and moved onto
    ``union`` in the same update request, so a reader sees the old union or the new one.
    """
    graphs = [g for g in report_graphs(ep, timeout=timeout) if g != union]
    temp = URIRef(f"{_TEMP_PREFIX}union:{uuid.uuid4().hex}")
    _update(
        ep,
        f"INSERT {{ GRAPH {temp.n3()} {{ ?s ?p ?o }} }} WHERE {{ "
        f"VALUES ?g {{ {' '.join(g.n3() for g in graphs)} }} GRAPH ?g {{ ?s ?p ?o }} }} ;\n"
        f"MOVE SILENT GRAPH {temp.n3()} TO GRAPH {union.n3()}",
        timeout,
    )


def push_file(
    path: Path,
    ep: Endpoints,
    graph_iri: str | None = None,
    *,
    step: Step | None = None,
    union: str | None = str(UNION_GRAPH),
) -> dict[str, int]:
    """Push every graph of a built file, then refresh the union graph; returns triples pushed per graph IRI.

    The union is refreshed even when a later graph fails, so that it matches what the store holds.
    """
    union_iri = _checked_iri(union) if union else None
    pushed: dict[str, int] = {}
    failure: QueryError | None = None
    graphs = named_graphs(path, graph_iri)
    try:
        for name in drop_stale_uploads(ep):
            (step or (lambda _s, _g: None))("drop", name)
        for iri, graph in graphs:
            if union_iri is not None and iri == union_iri:
                raise QueryError(f"<{iri}> is the union graph; push it under another IRI")
            pushed[str(iri)] = push_graph(ep, iri, graph, step=step)
    except QueryError as exc:
        failure = exc
    if pushed and union_iri is not None:
        (step or (lambda _s, _g: None))("union", str(union_iri))
        try:
            refresh_union(ep, union_iri)
        except QueryError as exc:
            before = f"{failure}; " if failure else ""
            raise QueryError(f"{before}the union graph <{union_iri}> was not refreshed: {exc}") from None
    if failure is not None:
        raise failure
    if not pushed:
        raise QueryError(f"{path}: no named graph to push (pass --graph-iri to push it as one graph)")
    return pushed
