"""The dataset ``policykg serve`` answers from: every report a named graph, their union the default graph.

The server's query workers are separate processes (so that a query past its time limit can be
stopped, see :mod:`policykg.queries.workers`); each opens the same Oxigraph store read-only, or loads
the graph file into its own memory with ``--store oxigraph-memory``. A build's ``graph.trig`` (beside
``graph.ttl``) gives the named graphs; it is loaded once at start into a temporary store, with the
union of the graphs stored as the default graph (a set: a triple every report repeats is there once,
so joins do not multiply rows, as in the local ``policykg query``).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.queries.errors import QueryError
from policykg.queries.oxigraph import load_file

if TYPE_CHECKING:
    import pyoxigraph


@dataclass(frozen=True)
class Source:
    """Where each worker finds the data: an on-disk store (``store``) or a graph file (``file``) to
    load into memory. ``temporary`` is a folder to delete when the server stops."""

    store: str | None = None
    file: str | None = None
    temporary: str | None = None

    def open(self) -> pyoxigraph.Store:
        """The store, opened in the calling process (read-only on disk)."""
        import pyoxigraph as ox

        if self.store is not None:
            try:
                return ox.Store.read_only(self.store)
            except OSError as exc:
                raise QueryError(f"{self.store}: cannot open the Oxigraph store: {exc}") from None
        assert self.file is not None
        store = ox.Store()
        load_file(store, Path(self.file))
        return store

    def close(self) -> None:
        """Delete the temporary store, if one was made."""
        if self.temporary:
            shutil.rmtree(self.temporary, ignore_errors=True)


def quad_file(graph: Path) -> Path | None:
    """The file with one named graph per report: ``graph`` itself (TriG, N-Quads) or the ``graph.trig``
    a build wrote beside ``graph.ttl``."""
    if graph.suffix.lower() in {".trig", ".nq"}:
        return graph
    sibling = graph.with_suffix(".trig")
    return sibling if sibling.is_file() and graph.is_file() else None


def prepare(graph: str | Path, store: str | None = None) -> Source:
    """The :class:`Source` for ``policykg serve --graph FILE [--store ...]``.

    ``oxigraph:DIR`` serves that store as it is; ``memory``/``oxigraph-memory`` loads the graph file
    (its TriG when there is one) into each worker's memory; by default a temporary on-disk store is
    made from the TriG, or the build's store is read when the graph has no named graphs.
    """
    from policykg.queries.oxigraph import store_beside
    from policykg.queries.stores import parse_store

    kind, where = parse_store(store) if store else ("", "")
    if kind == "oxigraph":
        if not Path(where).is_dir():
            raise QueryError(f"{where}: no Oxigraph store here (run `policykg build` first)")
        return Source(store=where)
    path = Path(graph)
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file (run `policykg build` first, or pass --graph)")
    quads = quad_file(path)
    if kind in {"memory", "oxigraph-memory"}:
        return Source(file=str(quads or path))
    beside = store_beside(path)
    if quads is None and beside is not None:
        return Source(store=str(beside))
    return _temporary(quads or path)


def _temporary(path: Path) -> Source:
    import pyoxigraph as ox

    folder = tempfile.mkdtemp(prefix="policykg-serve-")
    try:
        store = ox.Store(folder)
        load_file(store, path)
        store.flush()
        del store  # closed: the workers open it read-only
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Source(store=folder, temporary=folder)
