"""The Python API: build a report's graph, run named or ad-hoc queries, and get plain Python values back.

A notebook should not need the layers' modules nor rdflib's term classes: :func:`query` returns a
:class:`Result` whose rows hold ``str``, ``int``, ``Decimal`` or ``None``, and :meth:`Result.to_frame`
gives a pandas DataFrame with numeric columns (``pip install 'policykg[pandas]'``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas
    from rdflib import Graph
    from rdflib.query import Result as RdflibResult

    from policykg.building import Build
    from policykg.queries.stores import Store

Value = str | int | Decimal | bool | None
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_INTEGERS = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
}
_DECIMALS = {"decimal", "double", "float"}


def build_graph(
    source: str | Path, *, place: str | None = None, year: int | None = None, encoding: str | None = None
) -> Graph:
    """The graph of one report, given as a path to a file or as the report's text.

    A ``str`` is read as a path when such a file exists, else as report text when it holds a line
    break or a Chinese character.

    >>> g = build_graph("2024年某某省政府工作报告\\n\\n全省地区生产总值达到2.57万亿元,增长5%。")
    >>> len(query(g, "observations").rows)
    2
    """
    from policykg.graph_builder import InputError, extract, extract_file, read_text
    from policykg.graph_builder.rdf import extraction_to_graph

    if isinstance(source, Path) or _is_path(source):
        return extraction_to_graph(extract_file(source, encoding, place, year))
    if not re.search(r"[\n\u3400-\u9fff]", source):
        raise InputError(f"{source}: no such file (pass a report's path or its text)")
    return extraction_to_graph(extract(read_text(source, "report.txt", place, year)))


def _is_path(text: str) -> bool:
    try:
        return len(text) < 4096 and "\n" not in text and Path(text).exists()
    except (OSError, ValueError):
        return False


def open_store(
    graph: str | Path | None = None,
    *,
    store: str | None = None,
    endpoint: str | None = None,
    default_graph: str | None = None,
) -> Store:
    """A store to query: a graph file (rdflib, in memory), ``store="oxigraph:DIR"`` or a SPARQL ``endpoint``."""
    from policykg.queries.stores import open_store as _open

    return _open(graph, store, endpoint, default_graph)


@dataclass(frozen=True)
class Result:
    """Query results as plain Python values: ``vars`` (column names) and ``rows`` (one dict per row).

    CONSTRUCT and DESCRIBE results give rows ``{"subject", "predicate", "object"}``; ASK gives one row
    ``{"answer": bool}``.
    """

    vars: tuple[str, ...]
    rows: tuple[dict[str, Value], ...]

    def __iter__(self) -> Iterator[dict[str, Value]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_frame(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame; a column whose values are all numbers is numeric (float64)."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            from policykg.queries import QueryError

            raise QueryError("to_frame needs pandas: pip install 'policykg[pandas]'") from None
        frame = pd.DataFrame.from_records(list(self.rows), columns=list(self.vars))
        for column in self.vars:
            values = [v for v in frame[column] if v is not None]
            if values and all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in values):
                frame[column] = pd.to_numeric(frame[column].map(lambda v: None if v is None else float(v)))
        return frame


def query(source: Graph | Store | Build | str | Path, name_or_sparql: str, **params: object) -> Result:
    """Run a named query (``observations``, ``growth_above`` ...) or SPARQL text on a graph, store,
    build or graph file; keyword arguments are the named query's parameters, bound as RDF terms.

    >>> from policykg.building import build
    >>> rows = query(build(), "growth_above", threshold=8).rows
    >>> all(r["growth"] > 8 for r in rows)
    True
    """
    from policykg.queries import get_query
    from policykg.queries.stores import run_named

    store = _as_store(source)
    given = {k: str(v) for k, v in params.items()}
    if _NAME.fullmatch(name_or_sparql.strip()):
        raw = run_named(store, get_query(name_or_sparql.strip()), given)
    else:
        if given:
            from policykg.queries import QueryError

            raise QueryError("parameters only apply to named queries")
        raw = store.query(name_or_sparql)
    return to_result(raw)


def _as_store(source: Any) -> Store:
    from rdflib import Graph

    from policykg.building import Build
    from policykg.queries.stores import MemoryStore, OxigraphStore

    if isinstance(source, Build):
        return OxigraphStore(source.store) if source.store is not None else MemoryStore(source.graph)
    if isinstance(source, Graph):
        return MemoryStore(source)
    if isinstance(source, (str, Path)):
        return open_store(source)
    if hasattr(source, "query"):
        store: Store = source
        return store
    raise TypeError(f"cannot query a {type(source).__name__}: pass a graph, a store, a build or a graph file")


def to_result(raw: RdflibResult) -> Result:
    """An rdflib result as a :class:`Result` of plain values."""
    if raw.type == "ASK":
        return Result(("answer",), ({"answer": bool(raw.askAnswer)},))
    if raw.type in {"CONSTRUCT", "DESCRIBE"}:
        names: tuple[str, ...] = ("subject", "predicate", "object")
        triples = sorted(raw.graph or (), key=lambda t: tuple(str(x) for x in t))
        return Result(names, tuple({n: python_value(x) for n, x in zip(names, t)} for t in triples))
    names = tuple(str(v) for v in raw.vars or ())
    rows = tuple({n: python_value(row[i]) for i, n in enumerate(names)} for row in raw)  # type: ignore[index]
    return Result(names, rows)


def python_value(term: Any) -> Value:
    """An RDF term as a plain value: numbers as ``int`` or ``Decimal``, booleans as ``bool``, else text.

    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import XSD
    >>> python_value(Literal("2.57", datatype=XSD.decimal)), python_value(Literal(5)), python_value(URIRef("x:y"))
    (Decimal('2.57'), 5, 'x:y')
    """
    from rdflib import Literal

    if term is None:
        return None
    if not isinstance(term, Literal) or term.datatype is None:
        return str(term)
    kind = str(term.datatype).rsplit("#", 1)[-1]
    try:
        if kind in _INTEGERS:
            return int(str(term))
        if kind in _DECIMALS:
            return Decimal(str(term))
        if kind == "boolean":
            return str(term).strip() in {"true", "1"}
    except (ValueError, ArithmeticError):
        pass
    return str(term)
