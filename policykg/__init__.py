"""policykg: a knowledge graph of public policies and their outcomes, from government work reports.

The Python API (imported lazily, so ``import policykg`` stays light):

* :func:`build_graph` — one report (a path or its text) → an rdflib ``Graph``;
* :func:`build` — what ``policykg build`` does: many reports → :class:`Build` (graphs, summaries,
  failures, validation, files written when ``out`` is given);
* :func:`query` — a named query or SPARQL on a graph, store, build or graph file → :class:`Result`
  with plain Python values and ``.to_frame()``;
* :func:`open_store` — a graph file, an Oxigraph store or a remote SPARQL endpoint.

Every error a user can fix is a :class:`PolicykgError`. The layers install inside this package:
``policykg.ontology``, ``policykg.graph_builder``, ``policykg.queries`` and ``policykg.exports``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from policykg.api import Result, build_graph, open_store, query
    from policykg.building import Build, ReportSummary, build
    from policykg.ontology.errors import PolicykgError

    __version__: str

_LAZY = {
    "build_graph": "policykg.api",
    "query": "policykg.api",
    "open_store": "policykg.api",
    "Result": "policykg.api",
    "build": "policykg.building",
    "Build": "policykg.building",
    "ReportSummary": "policykg.building",
    "PolicykgError": "policykg.ontology.errors",
}

__all__ = [
    "Build",
    "PolicykgError",
    "ReportSummary",
    "Result",
    "__version__",
    "build",
    "build_graph",
    "open_store",
    "query",
]


def _version() -> str:
    """The installed version; read on first use, since the package metadata takes 40 ms to import."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policykg")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
        globals()[name] = value
        return value
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
