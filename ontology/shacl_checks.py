"""SHACL in milliseconds: the project's shapes compiled to Python checks over N-Triples terms.

pySHACL takes seconds for one report, so a build used to check one report in thirty; loading each
report into an in-memory Oxigraph store to run the shapes as SPARQL cost as much as the builder's
own writing. The shapes in ``shapes.ttl`` use a small part of SHACL Core (class and subject/object
targets, counts, datatype, node kind, class, ``sh:in``, pattern, ranges, lengths, ``sh:lessThan``,
alternative paths), and each of those is a test of a focus node's values, which a dictionary from
predicate and subject to objects answers directly. The writer fills that dictionary as it writes each
line (:class:`TermIndex`), so a report is checked without being parsed again; :func:`validate_ntriples`
reads N-Triples for any other graph. The problems are those pySHACL gives for the same graph (a test
compares them on the seed and on broken graphs). A constraint this compiler does not know raises
:class:`OntologyError`, so a new shape cannot pass unchecked.

Terms are N-Triples text: ``<iri>``, ``_:label``, ``"lexical"``, ``"lexical"@lang``,
``"lexical"^^<datatype>``. The ontology's ``rdfs:subClassOf`` hierarchy is written into the checks
(pySHACL reads it from the ontology graph): a ``pkg:Programme`` is a ``pkg:Initiative`` for targets
and for ``sh:class``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from policykg.ontology.errors import OntologyError
from policykg.ontology.namespaces import SH
from policykg.ontology.ntterms import (
    NUMBERS,
    RDF_TYPE,
    XSD_STRING,
    TermIndex,
    canonical,
    comparable,
    datatype,
    less,
    read_ntriples,
    string_value,
)
from policykg.ontology.validate import Problem, Severity, ValidationReport, shape_count

_COMPARE: dict[str, Callable[[object, object], bool]] = {
    "minInclusive": lambda v, a: v >= a,  # type: ignore[operator]
    "maxInclusive": lambda v, a: v <= a,  # type: ignore[operator]
    "minExclusive": lambda v, a: v > a,  # type: ignore[operator]
    "maxExclusive": lambda v, a: v < a,  # type: ignore[operator]
}
_NODE_KINDS = {
    "IRI": "<",
    "BlankNode": "_",
    "Literal": '"',
    "BlankNodeOrIRI": "_<",
    "BlankNodeOrLiteral": '_"',
    "IRIOrLiteral": '<"',
}
_SHAPE_KEYS = {"path", "message", "severity", "name", "description", "order", "group", "deactivated"}
_TARGETS = {"targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode"}


Result = tuple[int, str, str, str]
"""(check, focus, value, other value): one SHACL result; '' where there is no value."""


@dataclass(frozen=True)
class Check:
    """What one constraint reports: the values of ``sh:resultPath``, ``sh:resultMessage`` and severity."""

    path: str | None
    message: str
    message_zh: str
    severity: Severity


@dataclass(frozen=True)
class _Target:
    classes: frozenset[str]
    subjects_of: tuple[str, ...]
    objects_of: tuple[str, ...]
    nodes: tuple[str, ...]

    def focus_nodes(self, index: TermIndex, by_class: dict[str, list[str]]) -> set[str]:
        found: set[str] = set(self.nodes)
        for cls in self.classes:
            found.update(by_class.get(cls, ()))
        for p in self.subjects_of:
            found.update(index.by_predicate.get(p, {}))
        for p in self.objects_of:
            found.update(chain.from_iterable(index.by_predicate.get(p, {}).values()))
        return found


ValueTest = Callable[[str], bool]
"""True of a value node that breaks the constraint."""


@dataclass
class _Column:
    """One path's values for the checks of one shape; its distinct values found once, if needed."""

    values: dict[str, list[str]]
    _distinct: set[str] | None = None

    @property
    def distinct(self) -> set[str]:
        if self._distinct is None:
            self._distinct = set(chain.from_iterable(self.values.values()))
        return self._distinct

    def of(self, focus: str) -> list[str]:
        found = self.values.get(focus, ())
        return list(dict.fromkeys(found)) if len(found) > 1 else list(found)


@dataclass(frozen=True)
class _Constraint:
    """One constraint of a shape, on the values of its path (the focus node itself when empty).

    Each test reads a path's values across the graph at once (a value repeated by many focus nodes,
    as a unit or a kind is, is tested once); only what breaks it is traced back to its focus nodes,
    and a conforming graph has nothing to trace."""

    check: int
    broken: ValueTest | None = None  # a value test
    classes: frozenset[str] = frozenset()  # sh:class: each value an instance of one of these
    min_count: int = 0
    max_count: int | None = None
    less_than: tuple[str, ...] = ()

    def results(self, index: TermIndex, foci: set[str], column: _Column) -> list[Result]:
        if self.broken is not None or self.classes:
            if self.broken is not None:
                bad = {v for v in column.distinct if self.broken(v)}
            else:
                types = index.by_predicate.get(RDF_TYPE, {})
                bad = {v for v in column.distinct if self.classes.isdisjoint(types.get(v, ()))}
            if not bad:
                return []
            return [(self.check, f, v, "") for f in foci for v in column.of(f) if v in bad]
        if self.min_count == 1:
            return [(self.check, f, "", "") for f in foci.difference(column.values)]
        if self.min_count > 1:
            return [(self.check, f, "", "") for f in foci if len(column.of(f)) < self.min_count]
        if self.max_count is not None:
            if max(map(len, column.values.values()), default=0) <= self.max_count:
                return []  # no subject has more values, even counting repeats
            return [(self.check, f, "", "") for f in foci if len(column.of(f)) > self.max_count]
        if self.less_than:
            others = index.column(self.less_than)
            pairs = ((f, column.of(f), others.get(f)) for f in foci.intersection(column.values))
            return [(self.check, f, v, o) for f, vs, os in pairs if os for v in vs for o in os if not less(v, o)]
        return []


@dataclass(frozen=True)
class _Shape:
    """A node shape: its targets, and its constraints by the path whose values they test (an empty
    path: the focus node itself), so that each path is read once."""

    target: _Target
    paths: tuple[tuple[tuple[str, ...], tuple[_Constraint, ...]], ...]


@dataclass(frozen=True)
class CompiledShapes:
    """The bundled shapes as checks: ``predicates`` are all the checks read (give a
    :class:`TermIndex` only those), ``shapes`` the number of node shapes."""

    shapes_: tuple[_Shape, ...]
    checks: tuple[Check, ...]
    predicates: frozenset[str]
    shapes: int

    def validate(self, index: TermIndex, triples: int) -> ValidationReport:
        """The problems of the graph in ``index`` (``triples`` is its size, for the report)."""
        by_class: dict[str, list[str]] = {}
        for subject, types in index.by_predicate.get(RDF_TYPE, {}).items():
            for t in types:
                by_class.setdefault(t, []).append(subject)
        found: set[Result] = set()
        for shape in self.shapes_:
            foci = shape.target.focus_nodes(index, by_class)
            if not foci:
                continue
            for path, constraints in shape.paths:
                column = _Column(index.column(path) if path else {f: [f] for f in foci})
                for constraint in constraints:
                    found.update(constraint.results(index, foci, column))
        problems = []
        for number, focus, _value, _other in found:
            check = self.checks[number]
            problems.append(Problem(string_value(focus), check.path, check.message, check.message_zh, check.severity))
        problems.sort(key=lambda p: (p.focus, p.path or "", p.message))
        conforms = not any(p.severity == Severity.VIOLATION for p in problems)
        return ValidationReport(conforms, tuple(problems), self.shapes, triples)


def _nt(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return canonical(term.n3())
    raise OntologyError(f"shapes: blank node {term} where an IRI or literal is needed")


def _sh(term: Node) -> str:
    return str(term).removeprefix(str(SH))


class _Compiler:
    """Reads ``shapes.ttl`` (with the ontology for the class hierarchy) and writes the checks."""

    def __init__(self, shapes: Graph, ontology: Graph) -> None:
        self.shapes = shapes
        self.subclasses: dict[Node, set[Node]] = {}
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            self.subclasses.setdefault(sup, set()).add(sub)
        self.checks: list[Check] = []
        self.predicates: set[str] = {RDF_TYPE}

    def classes(self, *classes: Node) -> frozenset[str]:
        """The classes and every subclass of them, as terms."""
        found, todo = set(classes), list(classes)
        while todo:
            for sub in self.subclasses.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return frozenset(_nt(c) for c in found)

    def predicate_list(self, shape: Node, key: URIRef) -> tuple[str, ...]:
        found = tuple(sorted(_nt(p) for p in self.shapes.objects(shape, key)))
        self.predicates.update(found)
        return found

    def target(self, shape: Node) -> _Target | None:
        classes = list(self.shapes.objects(shape, SH.targetClass))
        if (shape, RDF.type, RDFS.Class) in self.shapes:  # an implicit class target
            classes.append(shape)
        target = _Target(
            self.classes(*classes),
            self.predicate_list(shape, SH.targetSubjectsOf),
            self.predicate_list(shape, SH.targetObjectsOf),
            tuple(sorted(_nt(n) for n in self.shapes.objects(shape, SH.targetNode))),
        )
        return target if target.classes or target.subjects_of or target.objects_of or target.nodes else None

    def path(self, node: Node) -> tuple[tuple[str, ...], str | None]:
        """A SHACL path as the predicates it follows, and the IRI reported as ``sh:resultPath``."""
        if isinstance(node, URIRef):
            found: tuple[tuple[str, ...], str | None] = ((_nt(node),), str(node))
        else:
            alternatives = self.shapes.value(node, SH.alternativePath)
            if alternatives is None or not all(isinstance(m, URIRef) for m in Collection(self.shapes, alternatives)):
                raise OntologyError(f"shapes: unsupported property path {node}")
            found = (tuple(_nt(m) for m in Collection(self.shapes, alternatives)), None)
        self.predicates.update(found[0])
        return found

    def messages(self, shape: Node) -> tuple[str, str]:
        by_lang: dict[str | None, str] = {}
        for m in self.shapes.objects(shape, SH.message):
            if isinstance(m, Literal):
                by_lang.setdefault(m.language, str(m))
        return by_lang.get("en", by_lang.get(None, "")), by_lang.get("zh", "")

    def severity(self, shape: Node) -> Severity:
        value = self.shapes.value(shape, SH.severity)
        return Severity(_sh(value).lower()) if value is not None else Severity.VIOLATION

    def compile(self) -> CompiledShapes:
        node_shapes = set(self.shapes.subjects(RDF.type, SH.NodeShape)) | set(self.shapes.subjects(SH.property))
        compiled = []
        for shape in sorted(node_shapes, key=str):
            target = self.target(shape)
            if target is None or self._deactivated(shape):
                continue
            paths: dict[tuple[str, ...], list[_Constraint]] = {(): self._constraints(shape, None, ())}
            for prop in sorted(self.shapes.objects(shape, SH.property), key=str):
                if not self._deactivated(prop):
                    predicates, reported = self.path(self.shapes.value(prop, SH.path) or RDF.nil)
                    paths.setdefault(predicates, []).extend(self._constraints(prop, reported, predicates))
            compiled.append(_Shape(target, tuple((k, tuple(v)) for k, v in paths.items() if v)))
        return CompiledShapes(tuple(compiled), tuple(self.checks), frozenset(self.predicates), shape_count(self.shapes))

    def _deactivated(self, shape: Node) -> bool:
        return str(self.shapes.value(shape, SH.deactivated)).lower() == "true"

    def _constraints(self, shape: Node, reported: str | None, path: tuple[str, ...]) -> list[_Constraint]:
        """The constraints of ``shape`` (a property shape when ``path`` is given), each a check."""
        message, message_zh = self.messages(shape)
        out = []
        for key, arg in sorted(self.shapes.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
            name = _sh(key)
            if not str(key).startswith(str(SH)) or name in _SHAPE_KEYS or name in _TARGETS or name == "property":
                continue
            self.checks.append(Check(reported, message, message_zh, self.severity(shape)))
            check = len(self.checks) - 1
            test = self._value_test(name, arg)
            if test is not None:
                out.append(_Constraint(check, broken=test))
            elif name == "class":
                out.append(_Constraint(check, classes=self.classes(arg)))
            elif not path:
                raise OntologyError(f"shapes: sh:{name} on a node shape is not supported by the fast validator")
            elif name == "minCount":
                out.append(_Constraint(check, min_count=int(str(arg))))
            elif name == "maxCount":
                out.append(_Constraint(check, max_count=int(str(arg))))
            elif name == "lessThan" and isinstance(arg, URIRef):
                self.predicates.add(_nt(arg))
                out.append(_Constraint(check, less_than=(_nt(arg),)))
            else:
                raise OntologyError(f"shapes: sh:{name} is not supported by the fast validator")
        return out

    def _value_test(self, name: str, arg: Node) -> ValueTest | None:
        """A test that is true of each value node that breaks the constraint, or None."""
        if name == "datatype":  # and, for a number, a well-formed one (SHACL: ill-formed literals fail)
            wanted = _nt(arg)
            if wanted == XSD_STRING:
                return lambda v: not (v.startswith('"') and v.endswith('"')) and datatype(v) != wanted
            if wanted not in NUMBERS:
                return lambda v: datatype(v) != wanted
            end = f'"^^{wanted}'
            return lambda v: not (v.startswith('"') and v.endswith(end)) or comparable(v) is None
        if name == "nodeKind":
            starts = tuple(_NODE_KINDS[_sh(arg)])
            return lambda v: not v.startswith(starts)
        if name == "in":
            allowed = frozenset(_nt(a) for a in Collection(self.shapes, arg))
            return lambda v: canonical(v) not in allowed
        if name == "pattern":
            pattern = re.compile(str(arg))
            return lambda v: v.startswith("_:") or pattern.search(string_value(v)) is None
        if name in _COMPARE:
            bound = comparable(_nt(arg))
            if bound is None:
                raise OntologyError(f"shapes: sh:{name} {arg} is not a number or string the fast validator compares")
            compare = _COMPARE[name]
            return lambda v: (x := comparable(v)) is None or x[0] != bound[0] or not compare(x[1], bound[1])
        if name in {"minLength", "maxLength"}:
            limit = int(str(arg))
            if name == "minLength":
                return lambda v: v.startswith("_:") or len(string_value(v)) < limit
            return lambda v: v.startswith("_:") or len(string_value(v)) > limit
        return None


@lru_cache(maxsize=1)
def compiled_shapes() -> CompiledShapes:
    """The bundled shapes as checks (compiled once per process)."""
    from policykg.ontology import load_ontology

    return _Compiler(load_ontology("shapes.ttl"), load_ontology()).compile()


def validate_ntriples(text: str | bytes) -> ValidationReport:
    """Check a graph given as N-Triples against the bundled shapes (the builder does not parse its
    own lines again: it fills a :class:`TermIndex` as it writes them).

    >>> validate_ntriples('<urn:x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:y> .').conforms
    True
    """
    shapes = compiled_shapes()
    index = TermIndex(shapes.predicates)
    triples = 0
    for s, p, o in read_ntriples(text.decode("utf-8") if isinstance(text, bytes) else text):
        index.add(s, p, o)
        triples += 1
    return shapes.validate(index, triples)
