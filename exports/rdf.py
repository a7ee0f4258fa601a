"""Deterministic RDF serialisations: the same graph always gives the same bytes.

rdflib's Turtle writer sorts subjects and predicates; N-Triples/N-Quads lines are sorted here, and
the JSON-LD ``@graph`` is sorted by ``@id`` with a compact context of the project's prefixes.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import Dataset, Graph

from ontology.namespaces import PREFIXES, bind_prefixes

RDF_EXPORT_FORMATS = ("turtle", "trig", "nt", "nq", "jsonld", "xml")
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nq": ".nq", "jsonld": ".jsonld", "xml": ".rdf"}


def _text(data: str | bytes) -> str:
    return data.decode("utf-8") if isinstance(data, bytes) else data


def _sorted_lines(data: str) -> str:
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return "\n".join(lines) + ("\n" if lines else "")


def serialize_graph(graph: Graph, fmt: str) -> str:
    """A triple graph in one of :data:`RDF_EXPORT_FORMATS` (trig/nq put it in the default graph)."""
    bind_prefixes(graph)
    if fmt == "turtle":
        return _text(graph.serialize(format="turtle"))
    if fmt == "nt":
        return _sorted_lines(_text(graph.serialize(format="nt")))
    if fmt == "xml":
        return _text(graph.serialize(format="pretty-xml"))
    if fmt == "jsonld":
        return jsonld(graph)
    if fmt in {"trig", "nq"}:
        ds = Dataset()
        bind_prefixes(ds)  # type: ignore[arg-type]
        for triple in graph:
            ds.add(triple)
        return serialize_dataset(ds, fmt)
    raise ValueError(f"unknown RDF format {fmt!r}")


def serialize_dataset(ds: Dataset, fmt: str) -> str:
    """Named graphs kept apart: TriG or sorted N-Quads."""
    if fmt == "nq":
        return _sorted_lines(_text(ds.serialize(format="nquads")))
    if fmt == "trig":
        return _text(ds.serialize(format="trig"))
    raise ValueError(f"{fmt!r} is not a quad format")


def jsonld(graph: Graph) -> str:
    """Compact JSON-LD with the project's prefixes as context and a sorted ``@graph``."""
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    data: Any = json.loads(_text(graph.serialize(format="json-ld", context=context, auto_compact=True)))
    nodes = data.get("@graph", [data] if "@id" in data else []) if isinstance(data, dict) else data
    nodes = sorted(nodes, key=lambda n: str(n.get("@id", "")))
    return json.dumps({"@context": context, "@graph": nodes}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
