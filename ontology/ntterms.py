"""N-Triples terms as text: what each kind of term is, its value, and how SPARQL compares two.

The SHACL checks read a report's triples as the writer emits them, as N-Triples text
(``<iri>``, ``_:label``, ``"lexical"``, ``"lexical"@lang``, ``"lexical"^^<datatype>``), so that no
report is parsed again into terms of a library; these functions give what SPARQL's ``datatype``,
``STR``, ``sameTerm`` and ``<`` give for such a text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation

from rdflib.namespace import RDF, XSD

from policykg.ontology.errors import OntologyError

RDF_TYPE = f"<{RDF.type}>"
XSD_STRING = f"<{XSD.string}>"
_LANG_STRING = f"<{RDF.langString}>"
_INTEGERS = {
    f"<{XSD[name]}>"
    for name in (
        "integer nonNegativeInteger positiveInteger nonPositiveInteger negativeInteger long int short byte "
        "unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}
_INTEGER_END = f'"^^<{XSD.integer}>'
_DECIMAL, _FLOATS = f"<{XSD.decimal}>", {f"<{XSD.float}>", f"<{XSD.double}>"}
NUMBERS = frozenset({*_INTEGERS, _DECIMAL, *_FLOATS})
"""The numeric datatypes: their literals compare as numbers, and an ill-formed one is an error."""
_INTEGER_FORM = re.compile(r"[+-]?[0-9]+")
_DECIMAL_FORM = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_FLOAT_FORM = re.compile(r"(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_SIMPLE_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        return chr(int(code, 16)) if code else _SIMPLE_ESCAPES.get(m.group(3), m.group(0))

    return _ESCAPE.sub(one, text)


def datatype(term: str) -> str | None:
    """A literal's datatype IRI as a term (``xsd:string`` for a plain literal); None for any other term."""
    if not term.startswith('"'):
        return None
    tail = term[term.rindex('"') + 1 :]
    if tail.startswith("^^"):
        return tail[2:]
    return _LANG_STRING if tail.startswith("@") else XSD_STRING


def string_value(term: str) -> str:
    """What SPARQL's ``STR`` gives: the IRI, the lexical form, the blank node's label."""
    if term.startswith('"'):
        return _unescape(term[1 : term.rindex('"')])
    if term.startswith("<"):
        return _unescape(term[1:-1])
    return term.removeprefix("_:")


def canonical(term: str) -> str:
    """The one text of a term (``"x"^^xsd:string`` is ``"x"``; language tags in lower case), so that
    comparing texts is ``sameTerm``."""
    if not term.startswith('"'):
        return term
    end = term.rindex('"') + 1
    tail = term[end:]
    if tail == "^^" + XSD_STRING:
        return term[:end]
    return term[:end] + tail.lower() if tail.startswith("@") else term


def comparable(term: str) -> tuple[int, object] | None:
    """A literal's value for ``<`` and ``>`` as SPARQL compares them: numbers with numbers, strings
    with strings (kind 0 and 1); None for anything else or an ill-formed number (an error in SPARQL)."""
    if term.endswith(_INTEGER_END) and term.startswith('"'):  # the writer's offsets and counts
        digits = term[1 : -len(_INTEGER_END)]
        if digits.isascii() and digits.isdigit():
            return 0, int(digits)
    kind = datatype(term)
    if kind is None:
        return None
    text = string_value(term)
    if kind == XSD_STRING:
        return 1, text
    if kind in _INTEGERS:
        return (0, int(text)) if _INTEGER_FORM.fullmatch(text) else None
    if kind == _DECIMAL and _DECIMAL_FORM.fullmatch(text):
        try:
            return 0, Decimal(text)
        except InvalidOperation:
            return None
    if kind in _FLOATS and _FLOAT_FORM.fullmatch(text):
        return 0, float(text)
    return None


def less(a: str, b: str) -> bool:
    """SPARQL's ``a < b``; values it cannot compare give False (an error there), so they never pass."""
    x, y = comparable(a), comparable(b)
    return x is not None and y is not None and x[0] == y[0] and x[1] < y[1]  # type: ignore[operator]


class TermIndex:
    """The triples a check reads, as ``predicate -> subject -> objects`` (N-Triples terms).

    ``wanted`` limits it to the predicates the shapes read (None keeps all). A triple given twice is
    harmless: the checks count and test distinct values."""

    def __init__(self, wanted: Iterable[str] | None = None) -> None:
        self.wanted = frozenset(wanted) if wanted is not None else None
        self.by_predicate: dict[str, dict[str, list[str]]] = {}

    def add(self, s: str, p: str, o: str) -> None:
        if self.wanted is None or p in self.wanted:
            subjects = self.by_predicate.get(p)
            if subjects is None:
                subjects = self.by_predicate[p] = {}
            values = subjects.get(s)
            if values is None:
                subjects[s] = [o]
            else:
                values.append(o)

    def column(self, predicates: tuple[str, ...]) -> dict[str, list[str]]:
        """Each subject's values on a path (a predicate, or alternatives: their values together)."""
        if len(predicates) == 1:
            return self.by_predicate.get(predicates[0], {})
        out: dict[str, list[str]] = {}
        for p in predicates:
            for subject, values in self.by_predicate.get(p, {}).items():
                out.setdefault(subject, []).extend(values)
        return out


_LINE = re.compile(r"\s*(<[^>]*>|_:\S+)\s+(<[^>]*>)\s+(.+?)\s*\.\s*")


def read_ntriples(text: str) -> Iterator[tuple[str, str, str]]:
    """The distinct triples of an N-Triples document, as term texts (objects in their canonical text).

    >>> list(read_ntriples('<urn:x:a> <urn:x:p> "b"^^<http://www.w3.org/2001/XMLSchema#string> .'))
    [('<urn:x:a>', '<urn:x:p>', '"b"')]
    """
    seen: set[tuple[str, str, str]] = set()
    for n, line in enumerate(text.split("\n"), 1):  # not splitlines: a literal may hold U+2028 as it is
        line = line.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise OntologyError(f"N-Triples line {n}: not a triple")
        triple = (match.group(1), match.group(2), canonical(match.group(3)))
        if triple not in seen:
            seen.add(triple)
            yield triple
