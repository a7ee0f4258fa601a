"""Deterministic RDF serialisations, written by pyoxigraph: the same graph always gives the same bytes.

Every writer starts from the graph's sorted canonical N-Triples (or N-Quads) lines
(:mod:`policykg.ontology.rdftext`): Turtle and TriG are pyoxigraph's, fed in that order, so literals
keep their exact form (``"80"^^xsd:decimal``); N-Triples and N-Quads are the sorted lines; JSON-LD is
compact, with the project's prefixes as context and a ``@graph`` sorted by ``@id``; RDF/XML is
pyoxigraph's, one ``rdf:Description`` per subject in order. No blank nodes are written by the builder,
so none are renamed.
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, Graph

from policykg.exports.errors import ExportError
from policykg.ontology import rdftext
from policykg.ontology.namespaces import PREFIXES, bind_prefixes
from policykg.queries import QueryError
from policykg.queries.formats import rdf_format, rdf_format_for_suffix, rdf_names

if TYPE_CHECKING:
    import pyoxigraph

RDF_EXPORT_FORMATS = rdf_names()
"""The RDF formats of the registry (:data:`policykg.queries.formats.RDF_FORMATS`), each written here."""
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _ox_format(name: str) -> pyoxigraph.RdfFormat:
    import pyoxigraph as ox

    return {
        "turtle": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "nt": ox.RdfFormat.N_TRIPLES,
        "nq": ox.RdfFormat.N_QUADS,
        "jsonld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
    }[name]


def serialize_graph(graph: Graph, fmt: str) -> str:
    """A triple graph in one of :data:`RDF_EXPORT_FORMATS` (trig/nq put it in the default graph)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return serialize_ntriples(rdftext.canonical(data, _ox_format("nt")), fmt).decode("utf-8")


def serialize_dataset(ds: Dataset, fmt: str) -> str:
    """Named graphs kept apart: TriG or sorted N-Quads; triple formats get the union of the graphs."""
    with warnings.catch_warnings():  # rdflib's N-Quads writer calls its own deprecated Dataset API
        warnings.simplefilter("ignore", DeprecationWarning)
        data = ds.serialize(format="nquads", encoding="utf-8")
    return serialize_nquads(rdftext.canonical(data, _ox_format("nq")), fmt).decode("utf-8")


def serialize_ntriples(lines: bytes, fmt: str) -> bytes:
    """Sorted canonical N-Triples lines (:func:`~policykg.ontology.rdftext.canonical`) in ``fmt``."""
    name = rdf_format(fmt).name
    if name == "turtle":
        return rdftext.turtle(lines)
    if name == "nt":
        return lines
    if name == "trig":
        return rdftext.turtle_header() + (b"\n" + rdftext.turtle_block(lines) if lines else b"")
    if name == "nq":
        return lines
    if name == "jsonld":
        return jsonld(lines).encode("utf-8")
    return rdf_xml(lines)


def serialize_nquads(lines: bytes, fmt: str) -> bytes:
    """Sorted canonical N-Quads lines in ``fmt``: TriG and N-Quads keep the graphs, the triple formats
    get their union (each triple once)."""
    name = rdf_format(fmt).name
    if name == "nq":
        return lines
    if name == "trig":
        blocks = [
            b"\n" + (rdftext.trig_block(body, graph) if graph else rdftext.turtle_block(body))
            for graph, body in rdftext.split_graphs(lines)
        ]
        return rdftext.turtle_header() + b"".join(blocks)
    return serialize_ntriples(rdftext.union_lines(lines), name)


def jsonld(lines: bytes) -> str:
    """Compact JSON-LD with the project's prefixes as context and a ``@graph`` sorted by ``@id``."""
    import pyoxigraph as ox

    context = {p: str(ns) for p, ns in PREFIXES.items()}
    by_length = sorted(context.items(), key=lambda kv: -len(kv[1]))

    done: dict[str, str] = {}  # most IRIs recur (predicates, classes): each is compacted once

    def compact(iri: str) -> str:
        if iri in done:
            return done[iri]
        done[iri] = next(
            (
                f"{prefix}:{iri[len(ns) :]}"
                for prefix, ns in by_length
                if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//")
            ),
            iri,
        )
        return done[iri]

    nodes: dict[str, dict[str, Any]] = {}
    for t in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES):
        node = nodes.setdefault(t.subject.value, {"@id": compact(t.subject.value)})
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(t.object.value))
            continue
        node.setdefault(compact(t.predicate.value), []).append(_jsonld_value(t.object, compact))
    graph = [_single(node) for _, node in sorted(nodes.items(), key=lambda kv: kv[1]["@id"])]
    text = json.dumps({"@context": context, "@graph": graph}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return rdftext.escape_breaks(text.encode("utf-8")).decode("utf-8")  # only inside strings: same JSON


def _jsonld_value(term: Any, compact: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"@id": compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return term.value
    return {"@value": term.value, "@type": compact(term.datatype.value)}


def _single(node: dict[str, Any]) -> dict[str, Any]:
    """One value stands alone, as compaction writes it; several are a list in the order written."""
    return {k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in node.items()}


XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry at all, not even as ``&#1;``: RDF/XML replaces them (and only it)."""


def rdf_xml(lines: bytes) -> bytes:
    """pyoxigraph's RDF/XML: one ``rdf:Description`` per subject, subjects and predicates sorted.

    A literal holding a character XML 1.0 forbids (a control character a scraper left in the text) gets
    U+FFFD in its place, so the file stays well-formed; the count goes to stderr, because this file then
    says less than the others (whose offsets still point into the text as given).

    >>> line = '<urn:a> <urn:b> "x' + chr(92) + 'u0001y" .'
    >>> "x" + chr(0xFFFD) + "y" in rdf_xml(line.encode()).decode()
    True
    """
    import pyoxigraph as ox

    triples, replaced = [], 0
    for t in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES):
        if isinstance(t.object, ox.Literal) and XML_FORBIDDEN.search(t.object.value):
            value, n = XML_FORBIDDEN.subn("\ufffd", t.object.value)
            lang, datatype = t.object.language, None if t.object.language else t.object.datatype
            t, replaced = (
                ox.Triple(t.subject, t.predicate, ox.Literal(value, language=lang, datatype=datatype)),
                replaced + n,
            )
        triples.append(t)
    if replaced:
        print(f"RDF/XML: {replaced} control characters XML cannot hold replaced by U+FFFD", file=sys.stderr)
    data = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=rdftext.TEXT_PREFIXES) or b""
    return (
        data.replace(b"\xc2\x85", b"&#x85;").replace(b"\xe2\x80\xa8", b"&#x2028;").replace(b"\xe2\x80\xa9", b"&#x2029;")
    )


def read_lines(path: str | Path) -> tuple[bytes, bool]:
    """A graph file as sorted canonical lines, read by pyoxigraph: (N-Quads for TriG and N-Quads files,
    else N-Triples; whether they are quads)."""
    p = Path(path)
    try:
        found = rdf_format_for_suffix(p.suffix)
        data = p.read_bytes()
    except QueryError as exc:
        raise ExportError(f"{p}: {exc}") from None
    except FileNotFoundError:
        raise ExportError(f"{p}: no such graph file (run `policykg build` first, or pass --graph)") from None
    except OSError as exc:
        raise ExportError(f"{p}: cannot read: {exc.strerror}") from None
    try:
        return rdftext.canonical(data, _ox_format(found.name)), found.quads
    except (SyntaxError, ValueError) as exc:
        raise ExportError(f"{p}: cannot parse as {found.name}: {' '.join(str(exc).split())[:300]}") from None


def load_dataset(path: str | Path) -> Dataset:
    """A built graph file as an rdflib Dataset: TriG and N-Quads keep their named graphs, triple formats
    land in the default graph."""
    lines, quads = read_lines(path)
    ds = Dataset()
    bind_prefixes(ds)
    with warnings.catch_warnings():  # rdflib's quad parsers build a ConjunctiveGraph inside and warn
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=lines.decode("utf-8"), format="nquads" if quads else "nt")
    return ds
