"""RDF as text, written by pyoxigraph: sorted canonical N-Triples lines are a graph's fixed form, and
Turtle and TriG are written from them in blocks that can be made apart and joined.

pyoxigraph writes exact literals (``"80"^^xsd:decimal`` stays that term) about eight times faster than
rdflib's serializers, and writes triples in the order given; given sorted lines, the bytes are the
same on every run. A block is the body of a file without its ``@prefix`` lines, so the builder's
workers write each report's TriG block in parallel and :func:`turtle_header` is written once.

The ``pkgid:`` prefix is left out of Turtle and TriG: every resource IRI has slashes after it, which a
prefixed name could only write escaped (``pkgid:report\\/...``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from policykg.ontology.namespaces import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

TEXT_PREFIXES = {p: str(ns) for p, ns in sorted(PREFIXES.items()) if p != "pkgid"}
"""The prefixes Turtle and TriG are written with, by name."""


_BREAKS = ((b"\xc2\x85", b"\\u0085"), (b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))
"""The line breaks pyoxigraph writes raw inside literals (NEL, LINE and PARAGRAPH SEPARATOR), escaped."""


def escape_breaks(data: bytes) -> bytes:
    """UTF-8 RDF text with NEL, U+2028 and U+2029 written as ``\\u`` escapes: legal raw in a literal, but
    line-based readers (Python's ``str.splitlines``, JavaScript) cut a line there and reject the file.
    They occur only inside literals and IRIs, where an escape means the same character.

    >>> escape_breaks('"a\u2028b"'.encode())
    b'"a\\\\u2028b"'
    """
    for raw, escaped in _BREAKS:
        data = data.replace(raw, escaped)
    return data


def turtle_header() -> bytes:
    """The ``@prefix`` lines of every Turtle or TriG file, sorted by prefix."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in TEXT_PREFIXES.items()).encode("utf-8")


def _body(data: bytes) -> bytes:
    """pyoxigraph's output without its own ``@prefix`` lines (they come first, one per line)."""
    start = 0
    while data.startswith(b"@prefix ", start):
        start = data.index(b"\n", start) + 1
    return data[start:]


def turtle_block(ntriples: bytes) -> bytes:
    """Turtle statements (no prefix lines) for N-Triples lines, in their order."""
    import pyoxigraph as ox

    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return escape_breaks(_body(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=TEXT_PREFIXES) or b""))


def trig_block(ntriples: bytes, graph: str) -> bytes:
    """One named graph of a TriG file, ``<graph> { ... }``, for N-Triples lines, in their order."""
    return wrap_graph(turtle_block(ntriples), graph)


def wrap_graph(turtle: bytes, graph: str) -> bytes:
    """Turtle statements as the named graph ``graph`` of a TriG file, indented as pyoxigraph writes it
    (a test compares the two). Literals never span lines in pyoxigraph's Turtle, so every line is a
    line of the block."""
    if not turtle:
        return b""
    return f"<{graph}> {{\n\t".encode() + turtle[:-1].replace(b"\n", b"\n\t") + b"\n}\n"


def to_nquads(ntriples: bytes, graph: str) -> bytes:
    """N-Triples lines as N-Quads lines of the named graph ``graph``, in their order."""
    if not ntriples:
        return b""
    suffix = f" <{graph}> .\n".encode()
    return suffix.join(line[:-2] for line in ntriples.splitlines()) + suffix


def turtle(ntriples: bytes) -> bytes:
    """A whole Turtle file for sorted N-Triples lines."""
    return turtle_header() + b"\n" + turtle_block(ntriples)


def trig(graphs: Iterable[tuple[str, bytes]]) -> bytes:
    """A whole TriG file: named graphs in the order given, each from its sorted N-Triples lines."""
    return turtle_header() + b"".join(b"\n" + trig_block(lines, name) for name, lines in graphs)


def canonical(data: bytes, fmt: pyoxigraph.RdfFormat) -> bytes:
    """Any RDF text as sorted, distinct canonical N-Triples (triple formats) or N-Quads lines."""
    import pyoxigraph as ox

    quads = fmt in {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
    out = ox.serialize(ox.parse(data, format=fmt), format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)
    return sorted_lines(out or b"")


def sorted_lines(data: bytes) -> bytes:
    """Distinct lines sorted bytewise (code-point order), each ended by a line break."""
    lines = sorted(set(escape_breaks(data).splitlines()))
    if lines and not lines[0]:
        lines.pop(0)
    return b"\n".join(lines) + b"\n" if lines else b""


def split_graphs(nquads: bytes) -> Iterator[tuple[str, bytes]]:
    """Sorted N-Quads as (graph IRI, its sorted N-Triples lines), graphs by name; the default
    graph's triples come first under the name ``""``."""
    import pyoxigraph as ox

    by_graph: dict[str, list[str]] = {}
    for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        by_graph.setdefault(name, []).append(str(ox.Triple(q.subject, q.predicate, q.object)) + " .")
    for name in sorted(by_graph):
        yield name, sorted_lines("\n".join(by_graph[name]).encode("utf-8"))


def union_lines(nquads: bytes) -> bytes:
    """The union of the graphs of sorted N-Quads, as sorted N-Triples lines (each triple once)."""
    return sorted_lines(b"".join(body for _, body in split_graphs(nquads)))
