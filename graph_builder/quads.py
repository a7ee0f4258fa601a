"""The writer's sink: triples become canonical N-Triples lines, with no rdflib graph in between.

Adding a triple to an rdflib graph costs tens of microseconds (three indexes, term checks); a build of
31 reports spent a fifth of its time there and as much again copying graphs. Here a triple becomes one
line of canonical N-Triples -- the exact text pyoxigraph writes for it -- so sorted lines are the
graph's deterministic form, N-Quads is the same lines with the graph name, and Oxigraph loads them
natively. Terms are cached: a report repeats its predicates, classes and most subjects many times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

from rdflib import BNode, URIRef
from rdflib import Literal as RdflibLiteral
from rdflib.term import Node

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
_ESCAPES = {0x22: '\\"', 0x5C: "\\\\", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x08: "\\b", 0x0C: "\\f"}
_LITERAL_ESCAPES = str.maketrans(
    {**{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)}, **_ESCAPES}  # canonical N-Triples (RDF 1.1)
)
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iri(value: str) -> str:
    """An IRI in angle brackets; characters N-Triples forbids are percent-encoded, never passed on.

    >>> iri("https://w3id.org/policykg/id/place/北京"), iri("urn:a b")
    ('<https://w3id.org/policykg/id/place/北京>', '<urn:a%20b>')
    """
    if _IRI_UNSAFE.search(value):
        value = _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), value)
    return f"<{value}>"


def literal(value: str, language: str | None = None, datatype: str | None = None) -> str:
    """A literal as canonical N-Triples writes it: escaped, lower-case language, no ``xsd:string``.

    >>> literal('say "5"\\n', "ZH"), literal("80", datatype="http://www.w3.org/2001/XMLSchema#decimal")
    ('"say \\\\"5\\\\"\\\\n"@zh', '"80"^^<http://www.w3.org/2001/XMLSchema#decimal>')
    """
    text = '"' + value.translate(_LITERAL_ESCAPES) + '"'
    if language:
        return f"{text}@{language.lower()}"
    if datatype and datatype != XSD_STRING:
        return f"{text}^^{iri(datatype)}"
    return text


class Literal:
    """A literal as the writer makes it, with rdflib's call signature (``Literal(5)``,
    ``Literal("2.57", datatype=XSD.decimal)``, ``Literal("山西省", lang="zh")``) and its N-Triples text
    made at once: an rdflib literal also parses its value into a Python object, which cost the writer
    a fifth of its time and which nothing here reads."""

    __slots__ = ("text",)

    def __init__(self, value: str | int | Decimal, lang: str | None = None, datatype: str | None = None) -> None:
        if isinstance(value, bool):
            lexical, implied = ("true" if value else "false"), XSD + "boolean"
        elif isinstance(value, int):
            lexical, implied = str(value), XSD + "integer"
        elif isinstance(value, Decimal):
            lexical, implied = format(value, "f"), XSD + "decimal"
        elif isinstance(value, str):
            lexical, implied = value, None
        else:
            raise TypeError(f"write a {type(value).__name__} as a string with its datatype")
        self.text = literal(lexical, lang, str(datatype) if datatype is not None else implied)

    def __repr__(self) -> str:
        return f"Literal({self.text})"


Term = Node | Literal
Triple = tuple[Term, Term, Term]


class Terms:
    """A namespace whose terms are made once: ``PKG.indicator`` costs an rdflib term check every time
    it is spelt, and the writer spells a handful of names hundreds of thousands of times."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = URIRef(getattr(self._namespace, name))
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = URIRef(self._namespace[name])
        return term


class TermEncoder:
    """rdflib terms to N-Triples text; an IRI is encoded once (it is looked up by its plain text, since
    rdflib's own term hashing and comparison run in Python)."""

    def __init__(self) -> None:
        self.iris: dict[str, str] = {}

    def __call__(self, term: Term) -> str:
        if type(term) is Literal:
            return term.text
        if isinstance(term, URIRef):
            key = str(term)
            text = self.iris.get(key)
            if text is None:
                if len(self.iris) > 500_000:  # a worker's reports share few IRIs beyond the vocabulary
                    self.iris.clear()
                text = self.iris[key] = iri(key)
            return text
        if isinstance(term, RdflibLiteral):
            datatype = term.datatype
            return literal(str(term), term.language, str(datatype) if datatype is not None else None)
        if isinstance(term, BNode):
            raise ValueError("the builder writes no blank nodes")
        raise TypeError(f"not an RDF term: {term!r}")

    def terms(self, triple: Triple) -> tuple[str, str, str]:
        """A triple's three terms as N-Triples text (the common case -- IRI subject and predicate,
        IRI or writer's literal object -- without a call per term)."""
        s, p, o = triple
        if type(s) is not URIRef or type(p) is not URIRef:
            return self(s), self(p), self(o)
        get = self.iris.get  # keyed by plain text: a URIRef compares with a str in Python code
        subject = get(str(s)) or self(s)
        predicate = get(str(p)) or self(p)
        if type(o) is Literal:
            return subject, predicate, o.text
        return subject, predicate, (get(str(o)) if type(o) is URIRef else None) or self(o)

    def line(self, triple: Triple) -> str:
        """One N-Triples line, without its line break."""
        return "{} {} {} .".format(*self.terms(triple))


class TermSink(Protocol):
    """What else takes each triple's terms as a report is written (the SHACL checks' index)."""

    def add(self, s: str, p: str, o: str) -> None: ...


class LineSink:
    """A set of N-Triples lines: what one report's writer produces; :meth:`text` is its sorted form.
    ``also`` is given each triple's terms as well, so that what checks them need not parse the lines."""

    def __init__(self, encoder: TermEncoder | None = None, also: TermSink | None = None) -> None:
        self.encode = encoder or TermEncoder()
        self.lines: set[str] = set()
        self.also = also

    def add(self, triple: Triple) -> None:
        s, p, o = self.encode.terms(triple)
        self.lines.add(f"{s} {p} {o} .")
        if self.also is not None:
            self.also.add(s, p, o)

    def __contains__(self, triple: Triple) -> bool:
        return self.encode.line(triple) in self.lines

    def __len__(self) -> int:
        return len(self.lines)

    def text(self) -> str:
        """The lines sorted (code-point order, which is UTF-8 byte order), each ended by a line break."""
        return sorted_lines(self.lines)


def sorted_lines(lines: Iterable[str]) -> str:
    """Distinct lines sorted, each ended by a line break: the deterministic form of a graph."""
    ordered = sorted(set(lines))
    return "\n".join(ordered) + "\n" if ordered else ""
