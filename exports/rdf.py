"""Deterministic RDF serialisations: the same graph always gives the same bytes.

rdflib's Turtle writer sorts subjects and predicates; N-Triples/N-Quads lines are sorted here, and
the JSON-LD ``@graph`` is sorted by ``@id`` with a compact context of the project's prefixes.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

from rdflib import RDF as RDF_NS
from rdflib import Dataset, Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from policykg.exports.errors import ExportError
from policykg.ontology.namespaces import PREFIXES, bind_prefixes
from policykg.queries import QueryError
from policykg.queries.formats import rdf_format, rdf_format_for_suffix, rdf_names

RDF_EXPORT_FORMATS = rdf_names()
"""The RDF formats of the registry (:data:`policykg.queries.formats.RDF_FORMATS`), each written here."""


def _text(data: str | bytes) -> str:
    return data.decode("utf-8") if isinstance(data, bytes) else data


def _sorted_lines(data: str) -> str:
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return "\n".join(lines) + ("\n" if lines else "")


def serialize_graph(graph: Graph, fmt: str) -> str:
    """A triple graph in one of :data:`RDF_EXPORT_FORMATS` (trig/nq put it in the default graph)."""
    fmt = rdf_format(fmt).name
    bind_prefixes(graph)
    if fmt == "turtle":
        return turtle(graph)
    if fmt == "nt":
        return _sorted_lines(_text(graph.serialize(format="nt")))
    if fmt == "xml":
        return rdf_xml(graph)
    if fmt == "jsonld":
        return jsonld(graph)
    if fmt in {"trig", "nq"}:
        ds = Dataset()
        bind_prefixes(ds)
        for triple in graph:
            ds.add(triple)
        return serialize_dataset(ds, fmt)
    raise ValueError(f"unknown RDF format {fmt!r}")


def serialize_dataset(ds: Dataset, fmt: str) -> str:
    """Named graphs kept apart: TriG or sorted N-Quads; triple formats get the union of the graphs."""
    fmt = rdf_format(fmt).name
    if fmt == "nq":
        return _sorted_lines(_text(ds.serialize(format="nquads")))
    if fmt == "trig":
        return trig(ds)
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return serialize_graph(union, fmt)


def jsonld(graph: Graph) -> str:
    """Compact JSON-LD with the project's prefixes as context and a sorted ``@graph``."""
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    data: Any = json.loads(_text(graph.serialize(format="json-ld", context=context, auto_compact=True)))
    nodes = data.get("@graph", [data] if "@id" in data else []) if isinstance(data, dict) else data
    nodes = sorted(nodes, key=lambda n: str(n.get("@id", "")))
    return json.dumps({"@context": context, "@graph": nodes}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_dataset(path: str | Path) -> Dataset:
    """A built graph file as a Dataset: TriG and N-Quads keep their named graphs (``queries.load_graph``
    flattens them), triple formats land in the default graph."""
    from policykg.queries.run import load_graph

    p = Path(path)
    try:
        found = rdf_format_for_suffix(p.suffix)
    except QueryError as exc:
        raise ExportError(f"{p}: {exc}") from None
    fmt = found.rdflib
    if not found.quads:
        ds = Dataset()
        for triple in load_graph(p):
            ds.add(triple)
        bind_prefixes(ds)
        return ds
    ds = Dataset()
    try:
        with warnings.catch_warnings():  # rdflib's quad parsers build a ConjunctiveGraph inside and warn
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(p, format=fmt)
    except FileNotFoundError:
        raise ExportError(f"{p}: no such graph file (run `policykg build` first, or pass --graph)") from None
    except Exception as exc:
        raise ExportError(f"{p}: cannot parse as {fmt}: {' '.join(str(exc).split())[:300]}") from None
    bind_prefixes(ds)
    return ds


def named_graphs(ds: Dataset) -> list[Graph]:
    """The non-empty graphs of a dataset, default graph first, then by name (a stable order)."""
    graphs = [g for g in ds.graphs() if len(g)]
    return sorted(graphs, key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier)))


def trig(ds: Dataset) -> str:
    """TriG written graph by graph in a fixed order, each body as rdflib's sorted Turtle."""
    header, bodies = _prefix_lines(), []
    for g in named_graphs(ds):
        body = Graph()
        bind_prefixes(body)
        for triple in g:
            body.add(triple)
        text = "\n".join(line for line in turtle(body).splitlines() if not line.startswith("@prefix")).strip()
        if g.identifier == DATASET_DEFAULT_GRAPH_ID:
            bodies.append(text)
        else:
            inner = "\n".join("    " + line if line else "" for line in text.splitlines())
            bodies.append(f"<{g.identifier}> {{\n{inner}\n}}")
    return header + "\n" + "\n\n".join(bodies) + "\n"


def _prefix_lines() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))


def rdf_xml(graph: Graph) -> str:
    """Flat RDF/XML, one ``rdf:Description`` per subject, subjects, predicates and namespaces sorted.

    rdflib's XML writers order namespaces (and pretty-xml nodes) by hash, so the bytes change between
    runs; this writer is small because the builder never writes blank nodes.
    """
    from xml.sax.saxutils import escape, quoteattr

    namespaces = {str(ns): p for p, ns in PREFIXES.items()}
    used: dict[str, str] = {str(RDF_NS): "rdf"}
    by_subject: dict[str, list[str]] = {}
    for s, p, o in sorted(graph, key=lambda t: (str(t[0]), str(t[1]), t[2].n3())):
        ns, name = _split(str(p))
        prefix = used.setdefault(ns, namespaces.get(ns, f"ns{len(used)}"))
        if isinstance(o, Literal):
            attr = (
                f" xml:lang={quoteattr(o.language)}"
                if o.language
                else f" rdf:datatype={quoteattr(str(o.datatype))}"
                if o.datatype
                else ""
            )
            element = f"<{prefix}:{name}{attr}>{escape(str(o))}</{prefix}:{name}>"
        else:
            element = f"<{prefix}:{name} rdf:resource={quoteattr(str(o))}/>"
        by_subject.setdefault(str(s), []).append(element)
    head = "".join(f"\n   xmlns:{p}={quoteattr(ns)}" for ns, p in sorted(used.items(), key=lambda kv: kv[1]))
    body = "".join(
        f"  <rdf:Description rdf:about={quoteattr(s)}>\n"
        + "".join(f"    {e}\n" for e in elements)
        + "  </rdf:Description>\n"
        for s, elements in by_subject.items()
    )
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{head}>\n{body}</rdf:RDF>\n'


def _split(iri: str) -> tuple[str, str]:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    ns, name = iri[: cut + 1], iri[cut + 1 :]
    if not name or not (name[0].isalpha() or name[0] == "_"):
        raise ExportError(f"cannot write the predicate {iri} in RDF/XML")
    return ns, name


def turtle(graph: Graph) -> str:
    """rdflib's sorted Turtle, except that a number is written in its short form (``80.0``) only when
    that keeps its lexical form: rdflib would turn ``"80"^^xsd:decimal`` into ``80.0``, a different term."""
    import io

    from rdflib.plugins.serializers.turtle import TurtleSerializer

    class _ExactTurtle(TurtleSerializer):
        def label(self, node: Any, position: int) -> str:
            if isinstance(node, Literal) and node.datatype is not None and node.language is None:
                short = node._literal_n3(use_plain=True)
                if not short.startswith('"') and short != str(node):
                    return node._literal_n3(use_plain=False, qname_callback=lambda dt: self.get_pname(dt, True))
            return str(super().label(node, position))

    out = io.BytesIO()
    _ExactTurtle(graph).serialize(out, encoding="utf-8")
    return out.getvalue().decode("utf-8")
