"""The build's Oxigraph store: written beside ``graph.ttl`` while reports build, read by every command.

A store holds the union of a build's reports as its default graph (a set: a triple every report
repeats is stored once, so joins do not multiply rows). ``policykg build -o DIR`` writes ``DIR/store``
with :class:`StoreWriter`; ``query``, ``view``, ``serve`` and ``export`` read it instead of parsing
``graph.ttl`` when :func:`store_beside` finds it newer than the graph file.

Rows come from pyoxigraph's solutions straight into cells (:mod:`policykg.queries.table`), each
distinct term read once, never through serialised JSON and rdflib's result parser.
"""

from __future__ import annotations

import queue
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.query import Result

from policykg.queries.errors import QueryError
from policykg.queries.table import cell_of, rdflib_term

if TYPE_CHECKING:
    import pyoxigraph

STORE_NAME = "store"
"""The folder ``policykg build`` writes beside ``graph.ttl``."""


def store_beside(graph: str | Path) -> Path | None:
    """The store a build wrote beside ``graph`` when it is at least as new as the graph file.

    A graph file edited or rewritten after the build is newer than its store, and is read instead.
    """
    path = Path(graph)
    store = path.parent / STORE_NAME
    try:
        fresh = (store / "CURRENT").is_file() and store.stat().st_mtime_ns >= path.stat().st_mtime_ns
    except OSError:
        return None
    return store if fresh else None


def to_result(answer: Any, max_rows: int | None = None) -> Result:
    """A CONSTRUCT or DESCRIBE answer (pyoxigraph triples) as an rdflib ``Result`` holding the graph;
    solutions are read by :func:`~policykg.queries.table.from_oxigraph`.

    Past ``max_rows`` triples reading stops with a :class:`QueryError`: a runaway query's triples are
    never all held in memory.
    """
    seen: dict[Any, Any] = {}

    def term(node: Any) -> Any:
        found = seen.get(node)
        if found is None:
            found = seen[node] = rdflib_term(cell_of(node))
        return found

    result = Result("CONSTRUCT")
    graph = Graph()
    for t in answer:
        graph.add((term(t.subject), term(t.predicate), term(t.object)))
        if max_rows is not None and len(graph) > max_rows:
            raise QueryError(f"result has more than the limit of {max_rows} triples; add a LIMIT")
    result.graph = graph
    return result


def load_file(store: pyoxigraph.Store, path: Path, named_graphs: bool = True) -> None:
    """Load a graph file: a quad file's union (a set) into the default graph, and its graphs under their
    names unless ``named_graphs`` is false; a triple file into the default graph."""
    import pyoxigraph as ox

    from policykg.ontology.rdftext import canonical, union_lines
    from policykg.queries.formats import rdf_format_for_suffix

    try:
        fmt = rdf_format_for_suffix(path.suffix)
        syntax = ox.RdfFormat.from_extension(fmt.suffix[1:])
        if syntax is None:
            raise QueryError(f"{path}: Oxigraph does not read {fmt.name}")
        if fmt.quads:
            lines = canonical(path.read_bytes(), syntax)
            if named_graphs:
                store.bulk_load(lines, format=ox.RdfFormat.N_QUADS)
            store.bulk_load(union_lines(lines), format=ox.RdfFormat.N_TRIPLES)
        else:
            store.bulk_load(path=str(path), format=syntax)
    except FileNotFoundError:
        raise QueryError(f"{path}: no such graph file (run `policykg build` first, or pass --graph)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise QueryError(f"{path}: cannot load into Oxigraph: {' '.join(str(exc).split())[:300]}") from None


_ORDER = re.compile(r"\bORDER\s+BY\b(?P<keys>(?:\s+(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\)))+)\s*$", re.I)
_KEY = re.compile(r"(?:(ASC|DESC)\s*\(\s*)?\?(\w+)", re.I)
_SELECT = re.compile(r"^\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?(.*?)\s*WHERE\s*\{", re.I | re.S | re.M)


def _result_variables(projection: str) -> set[str]:
    """The variables a projection yields: ``?x`` outside parentheses and the names ``AS ?y`` binds, not
    the variables an expression reads (``(STR(?p) AS ?v)`` yields ?v, and rows have no ?p to sort by).

    >>> sorted(_result_variables("?a (STR(?p) AS ?v) (COUNT(*) AS ?n)"))
    ['a', 'n', 'v']
    """
    depth, outside = 0, []
    for ch in projection:
        depth += (ch == "(") - (ch == ")")
        outside.append(ch if depth == 0 and ch != ")" else " ")
    named = re.findall(r"\bAS\s+\?(\w+)", projection, flags=re.IGNORECASE)
    return set(re.findall(r"\?(\w+)", "".join(outside))) | set(named)


def ordered_in_python(text: str) -> tuple[str, list[tuple[str, bool]], list[str]] | None:
    """A query's final ``ORDER BY ?a DESC(?b) ...`` taken out, to be done by :func:`~policykg.queries.table.sort_table`:
    (the query without it, its keys as (variable, descending), sort variables added to the projection).

    Oxigraph compares two IRIs or long strings by reading both from the store at every comparison, so
    sorting 100,000 rows by IRI took 12 of a query's 15 seconds; the rows, once read, sort in a fraction
    of a second. None when the clause has expressions, is followed by LIMIT or OFFSET, or sorts by a
    variable the projection cannot take (a DISTINCT or computed projection that lacks it).
    """
    masked = "\n".join(" " * len(line) if line.lstrip().startswith("#") else line for line in text.split("\n"))
    order = _ORDER.search(masked)
    select = _SELECT.search(masked)
    if order is None or select is None:
        return None
    keys = [(m.group(2), (m.group(1) or "").upper() == "DESC") for m in _KEY.finditer(order.group("keys"))]
    projection = select.group(2)
    projected = _result_variables(projection)
    missing = [v for v, _ in keys if v not in projected and projection.strip() != "*"]
    missing = list(dict.fromkeys(missing))
    if missing and (select.group(1) or "(" in projection):
        return None
    rewritten = text[: order.start()]
    if missing:
        at = select.start(2) + len(projection)
        rewritten = rewritten[:at] + "".join(f" ?{v}" for v in missing) + rewritten[at:]
    return rewritten, keys, missing


class StoreWriter:
    """A new store written in a temporary folder beside its target, loaded in a background thread.

    ``add`` queues N-Triples for the default graph and returns at once: pyoxigraph's bulk loader
    releases the interpreter lock, so the store fills (in loads of ``batch`` bytes) while the next
    reports are extracted.
    ``end`` says no more triples come: the loader then loads its last batch and compacts the store
    while the caller writes its files; ``finish`` waits for that. The caller moves the folder into place.
    """

    batch = 16_000_000
    """Bytes of N-Triples loaded at once: each load adds files the store later compacts, and on 25
    reports (78 MB) a load per report cost 5.1 s of CPU against 2.7 s for loads of about this size
    (2.1 s for one load, which would all come after the last report)."""

    def __init__(self, target: Path) -> None:
        import pyoxigraph as ox

        self.target = target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
            self.folder.chmod(0o755)
            self.store: pyoxigraph.Store | None = ox.Store(str(self.folder))
        except OSError as exc:
            raise QueryError(f"{target.parent}: cannot write the store there: {exc.strerror or exc}") from None
        self.pending: queue.Queue[tuple[bool, bytes] | None] = queue.Queue()
        self.error: BaseException | None = None
        self.ended = False
        self.cancelled = threading.Event()
        self.thread = threading.Thread(target=self._load, name="policykg-store", daemon=True)
        self.thread.start()

    def _load(self) -> None:
        batch: list[bytes] = []
        size = 0
        while True:
            item = self.pending.get()
            if item is not None and item[0]:
                batch.append(item[1])
                size += len(item[1])
                if size < self.batch:
                    continue
            if batch and not self.cancelled.is_set():
                self._apply(True, b"".join(batch))
                batch, size = [], 0
            if item is None:
                if not self.cancelled.is_set():
                    self._compact()
                return
            if not item[0]:
                self._apply(False, item[1])

    def _apply(self, adding: bool, data: bytes) -> None:
        import pyoxigraph as ox

        if self.error is not None or self.store is None or not data:
            return
        try:  # lenient: the lines come from the builder's own encoder and are checked there
            if adding:
                self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, lenient=True)
            else:
                for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES, lenient=True):
                    self.store.remove(quad)
        except BaseException as exc:  # reported by finish()
            self.error = exc

    def add(self, ntriples: bytes) -> None:
        """Queue triples for the default graph."""
        self.pending.put((True, ntriples))

    def remove(self, ntriples: bytes) -> None:
        """Queue the removal of triples added before (a report found to repeat an earlier one; rare,
        so one triple at a time)."""
        self.pending.put((False, ntriples))

    def _compact(self) -> None:
        if self.error is not None or self.store is None:
            return
        try:
            self.store.flush()
            self.store.optimize()  # compacted: the contract query on 25 reports in 1.8 s rather than 3.0 s
        except BaseException as exc:  # reported by finish()
            self.error = exc

    def end(self) -> None:
        """No more triples: the last batch is loaded and the store compacted in the background (both
        free the interpreter), so that a build writes its files meanwhile rather than after them."""
        if not self.ended:
            self.ended = True
            self.pending.put(None)

    def finish(self) -> pyoxigraph.Store:
        """Wait until every queued triple is stored and the store compacted; it stays open for reading."""
        self.end()
        self.thread.join()
        if self.error is not None or self.store is None:
            raise QueryError(f"{self.target}: cannot write the Oxigraph store: {self.error}")
        return self.store

    def close(self) -> None:
        """Close the store (the folder can then be moved or opened again); what is still queued and
        not loaded is dropped."""
        if self.thread.is_alive():
            self.cancelled.set()
            self.end()
            self.thread.join()
        self.store = None

    def discard(self) -> None:
        """Close and delete the temporary folder (after a failed build)."""
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)
