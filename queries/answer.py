"""One query answered inside a worker process: run on Oxigraph over the requested dataset, cut at the
row limit, rendered in the negotiated format.

Oxigraph parses the query here (no rdflib parser, whose pyparsing state is shared between threads).
SELECT and ASK results go through the project's renderers (the same bytes as ``policykg query
--format``); graphs are written by pyoxigraph with the project's prefixes.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from policykg.ontology.namespaces import PREFIXES
from policykg.queries.errors import QueryError
from policykg.queries.oxigraph import ordered_in_python
from policykg.queries.protocol import choose
from policykg.queries.results import RENDERERS
from policykg.queries.table import from_oxigraph, sort_table
from policykg.queries.workers import Job, Reply, _error

if TYPE_CHECKING:
    import pyoxigraph

_RDF_SYNTAX = {
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "jsonld": "JSON_LD",
    "xml": "RDF_XML",
    "trig": "TRIG",
    "nq": "N_QUADS",
}
TURTLE_PREFIXES = {p: str(ns) for p, ns in sorted(PREFIXES.items()) if p != "pkgid"}


class Answerer:
    """Answers :class:`Job` s on one store."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.store = store
        self.prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        self.has_union = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
        self.named_graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))

    def _dataset(self, job: Job) -> dict[str, Any]:
        ox = self.ox
        if not job.default_graphs and not job.named_graphs:
            return {"use_default_graph_as_union": not self.has_union}
        return {
            "default_graph": [ox.NamedNode(g) for g in job.default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs],
        }

    def answer(self, job: Job) -> Reply:
        """Run and render; every failure is a status with one line."""
        try:
            return self._answer(job)
        except SyntaxError as exc:
            return _error(HTTPStatus.BAD_REQUEST, _syntax_error(exc))
        except QueryError as exc:
            status = (
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE if "more than the limit" in str(exc) else HTTPStatus.BAD_REQUEST
            )
            return _error(status, str(exc))
        except (OSError, ValueError, TypeError) as exc:
            return _error(HTTPStatus.BAD_REQUEST, f"query failed: {' '.join(str(exc).split())[:300]}")
        except Exception as exc:  # a bug here must still answer, not drop the connection
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(exc).__name__}: {exc}"[:300])

    def _answer(self, job: Job) -> Reply:
        in_python = ordered_in_python(job.text)
        answer = self.store.query(in_python[0] if in_python else job.text, prefixes=self.prefixes, **self._dataset(job))
        ox = self.ox
        if isinstance(answer, ox.QueryTriples):
            return self._graph(answer, job)
        table = from_oxigraph(answer, job.max_rows)
        if in_python:
            table = sort_table(table, in_python[1], in_python[2])
        name, media = choose("ASK" if table.ask is not None else "SELECT", job.accept, job.wanted)
        body = RENDERERS[name](table).encode("utf-8")
        return Reply(200, media + ("; charset=utf-8" if media.startswith("text/") else ""), body)

    def _graph(self, answer: Any, job: Job) -> Reply:
        ox = self.ox
        name, media = choose("CONSTRUCT", job.accept, job.wanted)
        triples = []
        for triple in answer:
            triples.append(triple)
            if len(triples) > job.max_rows:
                raise QueryError(f"result has more than the limit of {job.max_rows} triples; add a LIMIT")
        syntax = getattr(ox.RdfFormat, _RDF_SYNTAX[name])
        items: list[Any] = triples
        if name in {"trig", "nq"}:
            items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        prefixes = TURTLE_PREFIXES if name in {"turtle", "trig", "xml"} else None
        body = ox.serialize(items, format=syntax, prefixes=prefixes) if prefixes else ox.serialize(items, format=syntax)
        return Reply(200, media + ("; charset=utf-8" if media.startswith("text/") else ""), body or b"")


def _syntax_error(exc: SyntaxError) -> str:
    """pyoxigraph's ``error at LINE:COLUMN: expected ...`` as one line that names the position."""
    text = " ".join(str(exc).split())
    m = re.match(r"error at (\d+):(\d+): (.*)", text)
    where = f" at line {m.group(1)}, column {m.group(2)}" if m else ""
    return f"malformed SPARQL{where}: {(m.group(3) if m else text)[:300]}"
