"""Where a graph lives: rdflib's memory store, an embedded Oxigraph store, or a remote SPARQL endpoint.

Every store answers the same call, ``store.query(text, bindings)``, and returns an rdflib
``Result`` so the formatters do not care where rows came from. Only the memory store can bind
through rdflib's ``initBindings``; the others receive a ``VALUES`` block written from the terms'
own N-Triples syntax (``term.n3()``), so a user's value is always one quoted literal or one
checked IRI and can never become SPARQL syntax.

pyoxigraph's own ``substitutions=`` (SEP-0007) is not used: it refuses a variable that is not in the
SELECT projection (adding it would change every query's columns, and grouped queries cannot
project it) and inside a FILTER a substituted variable is not BOUND, which breaks the library's
optional parameters (``FILTER(!BOUND(?place) || ...)``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.query import Result

from policykg.ontology.namespaces import PREFIXES
from policykg.queries.errors import QueryError
from policykg.queries.library import NamedQuery
from policykg.queries.oxigraph import load_file, ordered_in_python, store_beside, to_result
from policykg.queries.remote import (
    JSON_RESULTS,
    NTRIPLES,
    UNION_GRAPH,
    RemoteStore,
    auth_for,
    http_call,
    post_form,
)
from policykg.queries.run import bindings_for, load_graph, refuse_updates, run_sparql
from policykg.queries.table import Table, from_oxigraph, from_rdflib, sort_table, to_rdflib

__all__ = ["JSON_RESULTS", "NTRIPLES", "UNION_GRAPH", "RemoteStore", "http_call", "post_form"]
Bindings = dict[str, URIRef | Literal]
_IRI_UNSAFE = re.compile(r"[\s<>\"{}|\\^`]")


def is_iri(text: str) -> bool:
    """Whether ``text`` can stand as an IRI in SPARQL: a scheme and none of the characters ``<>`` forbids."""
    return bool(text) and ":" in text and not _IRI_UNSAFE.search(text)


class Store(Protocol):
    """Anything that runs a read-only SPARQL query with bound parameters."""

    def query(self, text: str, bindings: Bindings | None = None) -> Result: ...


def run_named(store: Store, query: NamedQuery, params: dict[str, str] | None = None) -> Result:
    """Run a named query on any store, its parameters checked and bound as RDF terms."""
    return store.query(query.text, bindings_for(query, params or {}))


def answer(store: Store, text: str, bindings: Bindings | None = None) -> Table | Result:
    """A query's rows as cells for the renderers (a graph answer stays an rdflib ``Result``); the
    Oxigraph store makes cells straight from its solutions, never rdflib terms."""
    if isinstance(store, OxigraphStore):
        return store.answer(text, bindings)
    result = store.query(text, bindings)
    return from_rdflib(result) if result.type in {"SELECT", "ASK"} else result


def answer_named(store: Store, query: NamedQuery, params: dict[str, str] | None = None) -> Table | Result:
    """:func:`run_named`, its rows as cells."""
    return answer(store, query.text, bindings_for(query, params or {}))


def text_rows(
    source: Graph | Store, query: NamedQuery, params: dict[str, str] | None = None
) -> tuple[list[str], list[list[str | None]]]:
    """A named SELECT query's variables and rows as text: an IRI, a literal's lexical form, or None when
    unbound. Pages read values, not terms, so a store's cells are read as they are and never made into
    rdflib terms (on 25 reports that was 1.4 s of the 4.4 s a view spent reading its nodes and edges).
    """
    bindings = bindings_for(query, params or {})
    if isinstance(source, Graph):
        table: Table | Result = from_rdflib(run_sparql(source, query.text, bindings))
    else:
        table = answer(source, query.text, bindings)
    if not isinstance(table, Table) or table.ask is not None:
        raise QueryError(f"{query.name}: not a SELECT query")
    return table.vars, [[None if c is None else c.value for c in row] for row in table.rows]


def inject_values(text: str, bindings: Bindings | None) -> str:
    """Bind variables by a ``VALUES`` row opening every ``WHERE`` group, subqueries' too.

    rdflib's ``initBindings`` reach into subqueries; a subquery that narrows the search by a
    parameter first (so that the engine joins a few rows, not the whole graph) needs the row there,
    since a subquery sees none of the variables outside it.

    >>> inject_values("SELECT ?x WHERE { ?x ?p ?place }", {"place": Literal('a" || "b')})
    'SELECT ?x WHERE { VALUES (?place) { ("a\\\\" || \\\\"b"^^<http://www.w3.org/2001/XMLSchema#string>) }  ?x ?p ?place }'
    """
    if not bindings:
        return text
    masked = "\n".join(" " * len(line) if line.lstrip().startswith("#") else line for line in text.split("\n"))
    wheres = [m.end() for m in re.finditer(r"\bWHERE\s*\{", masked, flags=re.IGNORECASE)]
    if not wheres:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } clause")
    names = sorted(bindings)
    terms = []
    for name in names:
        term = bindings[name]
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"bad parameter name {name!r}")
        if isinstance(term, URIRef) and _IRI_UNSAFE.search(str(term)):
            raise QueryError(f"parameter {name}: {str(term)!r} is not an IRI")
        terms.append(_term(term))
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }} "
    for end in reversed(wheres):
        text = text[:end] + block + text[end:]
    return text


def _term(term: URIRef | Literal) -> str:
    """A term in SPARQL syntax; a plain string written with its datatype ``xsd:string`` (the same term
    in RDF 1.1): Virtuoso 7.2 reads a non-ASCII plain literal of a VALUES block as "?" characters."""
    if isinstance(term, Literal) and term.datatype is None and not term.language:
        return Literal(str(term), datatype=XSD.string).n3()
    return term.n3()


class MemoryStore:
    """rdflib's in-memory graph (the default): parameters bound with ``initBindings``."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def query(self, text: str, bindings: Bindings | None = None) -> Result:
        return run_sparql(self.graph, text, bindings)


def _syntax_error(exc: SyntaxError) -> str:
    """pyoxigraph's ``error at LINE:COLUMN: expected ...`` as one line that names the position."""
    text = " ".join(str(exc).split())
    m = re.match(r"error at (\d+):(\d+): (.*)", text)
    where = f" at line {m.group(1)}, column {m.group(2)}" if m else ""
    return f"malformed SPARQL{where}: {(m.group(3) if m else text)[:300]}"


class OxigraphStore:
    """An embedded, persistent Oxigraph store whose default graph is the union of its named graphs.

    The union is kept as real triples in the default graph (rebuilt on every load), not asked for
    with ``use_default_graph_as_union``: Oxigraph's union is a bag of quads, so a triple that every
    report repeats (an indicator's label, a province's name) came back once per report, and each
    join on it multiplied the rows again -- 4.5 million solutions for 133 indicator labels in a
    corpus of 201 reports, and a first query that ran out of memory. The stored default graph is a
    set, like rdflib's union graph, so both stores give the same rows. A store written before this
    (empty default graph) is still read, through the bag union.
    """

    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        import pyoxigraph

        self.path = Path(path)
        if not writable and not self.path.exists():
            raise QueryError(f"{self.path}: no Oxigraph store here (run `policykg build --store oxigraph:{path}`)")
        try:
            self.store = pyoxigraph.Store(str(self.path)) if writable else pyoxigraph.Store.read_only(str(self.path))
        except OSError as exc:
            raise QueryError(f"{self.path}: cannot open Oxigraph store: {exc}") from None

    @classmethod
    def in_memory(cls, graph: str | Path) -> OxigraphStore:
        """A graph file loaded into Oxigraph's in-memory store, for a process that asks many questions.

        Every lookup in the on-disk store reads RocksDB; in memory the named queries on a million
        triples run three to ten times faster (median 0.19 s rather than 1 s), for about 0.6 GB and
        3 s of loading per million triples. Quad files give the union of their graphs.
        """
        import pyoxigraph as ox

        path = Path(graph)
        store = ox.Store()
        load_file(store, path, named_graphs=False)
        out = cls.__new__(cls)
        out.path, out.store = path, store
        return out

    def _has_union(self) -> bool:
        import pyoxigraph as ox

        return next(iter(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None

    def query(self, text: str, bindings: Bindings | None = None) -> Result:
        answer = self.answer(text, bindings)
        return to_rdflib(answer) if isinstance(answer, Table) else answer

    def answer(self, text: str, bindings: Bindings | None = None) -> Table | Result:
        """Rows as cells, sorted (a graph answer as an rdflib ``Result``): what the renderers write."""
        import pyoxigraph as ox

        refuse_updates(text)
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        in_python = ordered_in_python(text)
        try:
            answer = self.store.query(
                inject_values(in_python[0] if in_python else text, bindings),
                prefixes=prefixes,
                use_default_graph_as_union=not self._has_union(),
            )
            # rows are read here: pyoxigraph results must die in the thread that made them
            if isinstance(answer, ox.QueryTriples):
                return to_result(answer)
            table = from_oxigraph(answer)
            return sort_table(table, in_python[1], in_python[2]) if in_python else table
        except SyntaxError as exc:
            raise QueryError(_syntax_error(exc)) from None
        except OSError as exc:
            raise QueryError(f"{self.path}: query failed: {' '.join(str(exc).split())[:300]}") from None

    def load_dataset(self, nquads: bytes) -> None:
        """Replace each named graph found in ``nquads`` (native bulk loader), then refresh the union."""
        import pyoxigraph as ox

        graphs = {q.graph_name for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)}
        replaced = False
        for name in graphs:
            if isinstance(name, ox.NamedNode) and self.store.contains_named_graph(name):
                self.store.remove_graph(name)
                replaced = True
        self.store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        if replaced:  # triples only the old versions had must leave the union too
            self.store.clear_graph(ox.DefaultGraph())
            self.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        else:
            self.store.bulk_extend(
                ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
            )
        self.store.flush()
        # compacted, a 1M-triple store answers a 100,000-row sorted query in 7 s rather than 11-14 s
        self.store.optimize()


def parse_store(text: str) -> tuple[str, str]:
    """``--store`` as (kind, location): ``memory`` (rdflib), ``oxigraph-memory`` (the graph file in
    Oxigraph's in-memory store) or ``oxigraph:DIR``.

    >>> parse_store("oxigraph:out/store"), parse_store("memory"), parse_store("oxigraph-memory")
    (('oxigraph', 'out/store'), ('memory', ''), ('oxigraph-memory', ''))
    """
    kind, _, where = text.partition(":")
    if kind in {"memory", "oxigraph-memory"} and not where:
        return kind, ""
    if kind != "oxigraph" or not where:
        raise QueryError(f"--store {text!r}: expected memory, oxigraph-memory or oxigraph:DIR")
    return "oxigraph", where


def open_store(
    graph: str | Path | None = None,
    store: str | None = None,
    endpoint: str | None = None,
    default_graph: str | None = None,
    user: str | None = None,
) -> Store:
    """The store the user named: ``--endpoint URL`` (reading ``--default-graph IRI``, else the
        union graph of ``policykg push`` where there is one), ``--store oxigraph:DIR``, else ``--graph FILE``:
        the Oxigraph store ``policykg build`` wrote beside it when that is at least as new as the file,
        or the file read into rdflib's memory store (always, with ``--store memory``). ``user`` logs in to
    the endpoint (password from ``POLICYKG_PASSWORD``)."""
    if (default_graph or user) and not endpoint:
        raise QueryError("--default-graph and --user only apply to --endpoint")
    if default_graph and not is_iri(default_graph):
        raise QueryError(f"--default-graph {default_graph!r}: expected an IRI")
    if endpoint:
        if not re.match(r"https?://", endpoint):
            raise QueryError(f"--endpoint {endpoint!r}: expected an http:// or https:// URL")
        return RemoteStore(endpoint, default_graph=default_graph, auth=auth_for(user))
    kind, where = parse_store(store) if store else ("memory", "")
    if kind == "oxigraph":
        return OxigraphStore(where)
    if graph is None:
        raise QueryError("no graph given: pass --graph FILE, --store oxigraph:DIR or --endpoint URL")
    if kind == "oxigraph-memory":
        return OxigraphStore.in_memory(graph)
    beside = store_beside(graph) if store is None else None
    if beside is not None:
        return OxigraphStore(beside)
    return MemoryStore(load_graph(graph))
