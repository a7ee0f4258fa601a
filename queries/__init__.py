"""Layer 2: the named query library and the code that runs queries safely.

Each ``<name>.rq`` file starts with a ``#+`` header (summary in zh and en, parameters). Parameters
are bound as RDF terms through ``initBindings``, never pasted into query text, so a value such as
``山西省" || "a" = "a`` is just an odd label that matches nothing.

Errors: :class:`QueryError` (unknown query, malformed SPARQL, bad parameter, unreadable graph).
"""

from __future__ import annotations

from policykg.queries.errors import QueryError
from policykg.queries.library import NamedQuery, Param, get_query, list_queries
from policykg.queries.run import load_graph, run_query, run_sparql

__all__ = [
    "NamedQuery",
    "Param",
    "QueryError",
    "get_query",
    "list_queries",
    "load_graph",
    "run_query",
    "run_sparql",
]
