"""Load a graph, bind parameters as RDF terms, and run a query against it."""

from __future__ import annotations

import re
import threading
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Identifier

from policykg.ontology.namespaces import PREFIXES, bind_prefixes
from policykg.queries.errors import QueryError
from policykg.queries.formats import rdf_format_for_suffix
from policykg.queries.library import NamedQuery, Param

if TYPE_CHECKING:
    from policykg.queries.stores import Store


def load_graph(path: str | Path) -> Graph:
    """Parse a built graph file; quad formats give the union of their named graphs."""
    p = Path(path)
    if not p.exists():
        raise QueryError(f"{p}: no such graph file (run `policykg build` first, or pass --graph)")
    if p.is_dir():
        raise QueryError(f"{p}: is a directory, not a graph file")
    try:
        fmt = rdf_format_for_suffix(p.suffix).rdflib
    except QueryError as exc:
        raise QueryError(f"{p}: {exc}") from None
    try:
        if fmt in {"trig", "nquads"}:
            ds = Dataset(default_union=True)
            ds.parse(p, format=fmt)
            graph = bind_prefixes(Graph())
            for triple in ds.triples((None, None, None)):
                graph.add(triple)
            return graph
        graph = bind_prefixes(Graph())
        graph.parse(p, format=fmt)
        return graph
    except Exception as exc:  # parsers raise many types; the user needs one line
        raise QueryError(f"{p}: cannot parse as {fmt}: {_one_line(exc)}") from None


_DECIMAL = re.compile(r"[+-]?(?:\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})")
_PARSER = threading.Lock()
"""rdflib's SPARQL parser (pyparsing) keeps state between calls: two threads parsing at once broke it
for good (every later query failed), so one parse runs at a time."""


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def _initns() -> dict[str, str]:
    return {p: str(ns) for p, ns in PREFIXES.items()}


def parse_value(param: Param, raw: str) -> URIRef | Literal:
    """A parameter value as the RDF term its declared type asks for."""
    if param.type == "iri":
        if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*", raw, flags=re.IGNORECASE):
            raise QueryError(f"parameter {param.name}: {raw!r} is not an IRI")
        return URIRef(raw)
    if param.type in {"integer", "year"}:
        if not re.fullmatch(r"-?\d{1,30}", raw):
            raise QueryError(f"parameter {param.name}: {raw!r} is not an integer")
        return Literal(raw if param.type == "year" else int(raw), datatype=XSD.gYear if param.type == "year" else None)
    if param.type == "decimal":
        # bounded: an exponent such as 1e999999999 would make a billion-digit literal
        if not _DECIMAL.fullmatch(raw.strip()):
            raise QueryError(f"parameter {param.name}: {raw!r} is not a number such as 5 or -2.5 (at most 30 digits)")
        try:
            return Literal(Decimal(raw.strip()), datatype=XSD.decimal)
        except InvalidOperation:
            raise QueryError(f"parameter {param.name}: {raw!r} is not a number") from None
    if param.type == "langstring":
        return Literal(raw, lang="zh")
    return Literal(raw)


def bindings_for(query: NamedQuery, given: dict[str, str]) -> dict[str, URIRef | Literal]:
    """Check the given parameters against the query's declaration and turn them into terms."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        names = ", ".join(declared) or "none"
        raise QueryError(f"query {query.name} has no parameter {unknown[0]!r} (parameters: {names})")
    out: dict[str, URIRef | Literal] = {}
    for name, param in declared.items():
        raw = given.get(name, param.default)
        if raw is None and param.required:
            raise QueryError(f"query {query.name} needs parameter {name} ({param.type}): pass -p {name}=VALUE")
        if raw is not None:
            out[name] = parse_value(param, raw)
    return out


def refuse_updates(text: str) -> None:
    """Raise :class:`QueryError` for SPARQL Update: every store is read-only here."""
    if re.search(
        r"^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
        _strip_comments(text),
        flags=re.IGNORECASE | re.MULTILINE,
    ):
        raise QueryError("SPARQL Update is not allowed here: the graph is read-only")


def prepare(text: str):  # type: ignore[no-untyped-def]
    """Parse SPARQL (the project prefixes predeclared); refuse updates; errors carry line and column."""
    from rdflib.plugins.sparql import prepareQuery  # rdflib's SPARQL engine: a third of a second to import

    refuse_updates(text)
    try:
        with _PARSER:
            return prepareQuery(text, initNs=_initns())
    except Exception as exc:  # pyparsing.ParseException carries line and column
        line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
        where = f" at line {line}, column {col}" if line is not None else ""
        msg = getattr(exc, "msg", None) or _one_line(exc)
        raise QueryError(f"malformed SPARQL{where}: {msg}") from None


def check_query(text: str) -> str:
    """Validate a read-only query and say its form: SELECT, ASK, CONSTRUCT or DESCRIBE."""
    name = str(prepare(text).algebra.name)
    return {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}.get(
        name, "SELECT"
    )


def run_sparql(graph: Graph, text: str, bindings: dict[str, URIRef | Literal] | None = None) -> Result:
    """Parse and run SPARQL on an rdflib graph (the project prefixes are predeclared); refuse updates."""
    prepared = prepare(text)
    init: dict[str, Identifier] = dict(bindings or {})  # rdflib makes each key a Variable
    try:
        return graph.query(prepared, initBindings=init)
    except Exception as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from None


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def run_query(graph: Graph | Store, query: NamedQuery, params: dict[str, str] | None = None) -> Result:
    """Run a named query with its parameters bound, on an rdflib graph or any store."""
    bindings = bindings_for(query, params or {})
    if isinstance(graph, Graph):
        return run_sparql(graph, query.text, bindings)
    return graph.query(query.text, bindings)
