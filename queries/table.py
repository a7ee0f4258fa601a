"""SELECT and ASK answers as rows of plain cells: what the renderers write and the endpoint sends.

Reading a store's rows into rdflib terms took a third of the time of the query itself: a typed
rdflib ``Literal`` parses its value into Python when made (about 11 µs), and the observations of 25
reports hold some 19,000 distinct literals. A :class:`Cell` keeps a term's parts as strings, made once
per distinct term, and rdflib terms are made only for callers that ask for an rdflib ``Result``.

Sorting happens here too (see :func:`policykg.queries.oxigraph.ordered_in_python`): Oxigraph compares
IRIs and long strings by reading them from the store at every comparison, and cells sort in Python
in a fraction of that time, in SPARQL's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from policykg.queries.errors import QueryError

if TYPE_CHECKING:
    from rdflib.query import Result

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
_NUMERIC = {"integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger"}


@dataclass(frozen=True, slots=True)
class Cell:
    """One RDF term: ``kind`` is ``uri``, ``bnode`` or ``literal``; a plain string has no datatype."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value


@dataclass
class Table:
    """A SELECT answer (``vars`` and ``rows``, a cell or ``None`` per variable) or an ASK answer."""

    vars: list[str]
    rows: list[list[Cell | None]] = field(default_factory=list)
    ask: bool | None = None


def cell_of(term: Any) -> Cell:
    """One pyoxigraph term as a cell (a string literal has no datatype, as in rdflib)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return Cell("uri", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Cell("literal", term.value, None, term.language)
        datatype = term.datatype.value
        return Cell("literal", term.value, None if datatype == XSD_STRING else datatype)
    if isinstance(term, ox.BlankNode):
        return Cell("bnode", term.value)
    raise QueryError(f"cannot read the result term {term!r}")


def from_oxigraph(answer: Any, max_rows: int | None = None) -> Table:
    """pyoxigraph solutions or boolean as a table, all rows read.

    Past ``max_rows`` rows reading stops with a :class:`QueryError`, so a runaway query's rows are
    never all held in memory.
    """
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return Table([], [], bool(answer))
    seen: dict[Any, Cell] = {}

    def cell(term: Any) -> Cell:
        out = seen[term] = cell_of(term)
        return out

    rows: list[list[Cell | None]] = []
    get = seen.get  # looked up inline: a result of 5,000 rows has over 100,000 cells
    for solution in answer:
        if max_rows is not None and len(rows) >= max_rows:
            raise QueryError(f"result has more than the limit of {max_rows} rows; add a LIMIT")
        rows.append([None if t is None else (get(t) or cell(t)) for t in solution])
    return Table([v.value for v in answer.variables], rows)


def from_rdflib(result: Result) -> Table:
    """An rdflib SELECT or ASK result as a table."""
    from rdflib import BNode, Literal, URIRef

    if result.type == "ASK":
        return Table([], [], bool(result.askAnswer))
    names = list(result.vars or [])
    seen: dict[Any, Cell] = {}

    def cell(term: Any) -> Cell | None:
        if term is None:
            return None
        found = seen.get(term)
        if found is not None:
            return found
        if isinstance(term, URIRef):
            out = Cell("uri", str(term))
        elif isinstance(term, BNode):
            out = Cell("bnode", str(term))
        elif isinstance(term, Literal):
            datatype = str(term.datatype) if term.datatype and str(term.datatype) != XSD_STRING else None
            out = Cell("literal", str(term), None if term.language else datatype, term.language or None)
        else:
            raise QueryError(f"cannot read the result term {term!r}")
        seen[term] = out
        return out

    # An empty solution is left out, as rdflib's own iteration does: its aggregation yields one for a
    # GROUP BY that matched nothing (rdflib issue 3382), where SPARQL and Oxigraph give no row.
    rows = [[cell(binding.get(v)) for v in names] for binding in result.bindings if binding]
    return Table([str(v) for v in names], rows)


def rdflib_term(cell: Cell) -> Any:
    """A cell as the rdflib term it stands for."""
    from rdflib import BNode, Literal, URIRef

    if cell.kind == "uri":
        return URIRef(cell.value)
    if cell.kind == "bnode":
        return BNode(cell.value)
    if cell.lang:
        return Literal(cell.value, lang=cell.lang)
    return Literal(cell.value, datatype=URIRef(cell.datatype) if cell.datatype else None)


def to_rdflib(table: Table) -> Result:
    """A table as an rdflib ``Result`` (for the Python API and rdflib's own serialisers)."""
    from rdflib import Variable
    from rdflib.query import Result

    if table.ask is not None:
        result = Result("ASK")
        result.askAnswer = table.ask
        return result
    made: dict[Cell, Any] = {}

    def term(cell: Cell) -> Any:
        found = made.get(cell)
        if found is None:
            found = made[cell] = rdflib_term(cell)
        return found

    names = [Variable(v) for v in table.vars]
    result = Result("SELECT")
    result.vars = names
    result.bindings = [{n: term(c) for n, c in zip(names, row) if c is not None} for row in table.rows]
    return result


def _sort_key(cell: Cell | None) -> tuple[Any, ...]:
    """SPARQL's order: unbound, blank nodes, IRIs, then literals (numbers by value, text by code point)."""
    if cell is None:
        return (0,)
    if cell.kind == "bnode":
        return (1, cell.value)
    if cell.kind == "uri":
        return (2, cell.value)
    datatype = (cell.datatype or "").rsplit("#", 1)[-1]
    if datatype in _NUMERIC:
        try:
            return (3, 0, Decimal(cell.value), cell.value)
        except InvalidOperation:
            pass
    return (3, 1, cell.value, cell.lang or "", datatype)


def sort_table(table: Table, keys: list[tuple[str, bool]], drop: list[str]) -> Table:
    """Rows sorted by ``keys`` (variable, descending), stable, last key first; the ``drop``
    variables (added only to sort by) taken out."""
    if table.ask is not None:
        return table
    rows = table.rows
    cache: dict[Cell | None, tuple[Any, ...]] = {}

    def key_of(cell: Cell | None) -> tuple[Any, ...]:
        found = cache.get(cell)
        if found is None:
            found = cache[cell] = _sort_key(cell)
        return found

    for name, descending in reversed(keys):
        at = table.vars.index(name)
        rows.sort(key=lambda row: key_of(row[at]), reverse=descending)
    if drop:
        gone = set(drop)
        keep = [i for i, v in enumerate(table.vars) if v not in gone]
        return Table([table.vars[i] for i in keep], [[row[i] for i in keep] for row in rows])
    return Table(table.vars, rows)
