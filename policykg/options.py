"""Options shared by several commands, declared once as decorators."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

if TYPE_CHECKING:
    from rdflib import Graph

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_OUT = Path("policykg-out")
DEFAULT_GRAPH = DEFAULT_OUT / "graph.ttl"


def graph_option(func: F) -> F:
    """``--graph FILE``: the built graph to read (default ``policykg-out/graph.ttl``)."""
    return click.option(
        "--graph",
        "graph_path",
        type=click.Path(path_type=Path),
        default=DEFAULT_GRAPH,
        show_default=True,
        help="Built graph to read (.ttl, .nt, .trig, .nq, .jsonld).",
    )(func)


def store_options(func: F) -> F:
    """``--store memory|oxigraph:DIR`` and ``--endpoint URL``: where the graph lives (else ``--graph``)."""
    func = click.option(
        "--endpoint", metavar="URL", help="Query a remote SPARQL 1.1 endpoint instead of a local graph."
    )(func)
    return click.option(
        "--store",
        metavar="memory|oxigraph-memory|oxigraph:DIR",
        help="Where to run queries. Default: the Oxigraph store `policykg build` wrote beside --graph "
        "(DIR/store) when it is at least as new as the file, else the file in rdflib's memory store; "
        "memory: always rdflib; oxigraph-memory: the file loaded into Oxigraph's in-memory store "
        "(fastest for many queries, e.g. with serve); oxigraph:DIR: that store.",
    )(func)


def graph_or_store(graph_path: Path) -> Graph:
    """The Oxigraph store ``policykg build`` wrote beside the graph file when it is at least as new,
    else the file read into rdflib.

    The views and tables only hand it to :func:`policykg.queries.run_query`, which runs a named query
    on a graph or a store alike (hence the cast).
    """
    from policykg.queries import load_graph
    from policykg.queries.oxigraph import store_beside
    from policykg.queries.stores import OxigraphStore

    store = store_beside(graph_path)
    return cast("Graph", OxigraphStore(store)) if store is not None else load_graph(graph_path)
