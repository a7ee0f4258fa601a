"""SHACL in milliseconds: the project's shapes compiled to SPARQL and run in Oxigraph.

pySHACL takes seconds for one report, so a build checked one report in thirty. The shapes in
``shapes.ttl`` use a small part of SHACL Core (class and subject/object targets, counts, datatype,
node kind, class, ``sh:in``, pattern, ranges, lengths, ``sh:lessThan``, alternative paths), and each
of those is one SPARQL pattern. A check per constraint finds the failing focus nodes (and value nodes)
in a report's triples, loaded in an in-memory Oxigraph store; the problems are those pySHACL gives
for the same graph (a test compares them on the seed and on broken graphs). A constraint this
compiler does not know raises :class:`OntologyError`, so a new shape cannot pass unchecked.

The ontology's ``rdfs:subClassOf`` hierarchy is written into the checks (pySHACL reads it from the
ontology graph): a ``pkg:Programme`` is a ``pkg:Initiative`` for targets and for ``sh:class``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from policykg.ontology.errors import OntologyError
from policykg.ontology.namespaces import SH
from policykg.ontology.validate import Problem, Severity, ValidationReport, shape_count

if TYPE_CHECKING:
    import pyoxigraph

_COMPARE = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}
_NODE_KINDS = {
    "IRI": "isIRI(?v)",
    "BlankNode": "isBlank(?v)",
    "Literal": "isLiteral(?v)",
    "BlankNodeOrIRI": "(isBlank(?v) || isIRI(?v))",
    "BlankNodeOrLiteral": "(isBlank(?v) || isLiteral(?v))",
    "IRIOrLiteral": "(isIRI(?v) || isLiteral(?v))",
}
_SHAPE_KEYS = {"path", "message", "severity", "name", "description", "order", "group", "deactivated"}
_TARGETS = {"targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode"}


@dataclass(frozen=True)
class Check:
    """What one constraint reports: the values of ``sh:resultPath``, ``sh:resultMessage`` and severity."""

    path: str | None
    message: str
    message_zh: str
    severity: Severity


@dataclass(frozen=True)
class ShapeQuery:
    """The checks of one node shape in one SPARQL query: a row (``?check``, ``?focus``) per result.

    The focus nodes are found once and each constraint is one branch of a UNION evaluated with the
    focus bound, so a report is checked with one query per shape rather than one per constraint.
    """

    sparql: str
    checks: tuple[Check, ...]


def _n3(term: Node) -> str:
    if isinstance(term, URIRef | Literal):
        return term.n3()
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

    def classes(self, cls: Node) -> str:
        """``VALUES ?t { C and every subclass of C }``, sorted so the text is stable."""
        found, todo = {cls}, [cls]
        while todo:
            for sub in self.subclasses.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return " ".join(sorted(_n3(c) for c in found))

    def targets(self, shape: Node) -> str:
        """A subquery giving each focus node of ``shape`` once."""
        parts = []
        for cls in self.shapes.objects(shape, SH.targetClass):
            parts.append(f"{{ ?focus a ?target . VALUES ?target {{ {self.classes(cls)} }} }}")
        if (shape, RDF.type, RDFS.Class) in self.shapes:  # an implicit class target
            parts.append(f"{{ ?focus a ?target . VALUES ?target {{ {self.classes(shape)} }} }}")
        parts += [f"{{ ?focus {_n3(p)} ?any }}" for p in self.shapes.objects(shape, SH.targetSubjectsOf)]
        parts += [f"{{ ?any {_n3(p)} ?focus }}" for p in self.shapes.objects(shape, SH.targetObjectsOf)]
        parts += [f"{{ VALUES ?focus {{ {_n3(n)} }} }}" for n in self.shapes.objects(shape, SH.targetNode)]
        if not parts:
            return ""
        return f"{{ SELECT DISTINCT ?focus WHERE {{ {' UNION '.join(parts)} }} }}"

    def path(self, node: Node) -> tuple[str, str | None]:
        """A SHACL path as a SPARQL property path, and the IRI reported as ``sh:resultPath``."""
        if isinstance(node, URIRef):
            return _n3(node), str(node)
        alternatives = self.shapes.value(node, SH.alternativePath)
        if alternatives is not None:
            members = list(Collection(self.shapes, alternatives))
            return "(" + "|".join(_n3(m) for m in members) + ")", None
        raise OntologyError(f"shapes: unsupported property path {node}")

    def messages(self, shape: Node) -> tuple[str, str]:
        by_lang: dict[str | None, str] = {}
        for m in self.shapes.objects(shape, SH.message):
            if isinstance(m, Literal):
                by_lang.setdefault(m.language, str(m))
        return by_lang.get("en", by_lang.get(None, "")), by_lang.get("zh", "")

    def severity(self, shape: Node) -> Severity:
        value = self.shapes.value(shape, SH.severity)
        return Severity(_sh(value).lower()) if value is not None else Severity.VIOLATION

    def queries(self) -> Iterator[ShapeQuery]:
        node_shapes = set(self.shapes.subjects(RDF.type, SH.NodeShape)) | set(self.shapes.subjects(SH.property))
        for shape in sorted(node_shapes, key=str):
            focus = self.targets(shape)
            if not focus or self._deactivated(shape):
                continue
            branches = list(self._constraints(shape, None, "?focus"))
            for prop in self.shapes.objects(shape, SH.property):
                if not self._deactivated(prop):
                    path, reported = self.path(self.shapes.value(prop, SH.path) or RDF.nil)
                    branches += self._constraints(prop, reported, f"?focus {path} ?v .")
            if branches:
                union = " UNION ".join(f"{{ {where} BIND({i} AS ?check) }}" for i, (where, _) in enumerate(branches))
                sparql = f"SELECT DISTINCT ?check ?focus ?v ?other WHERE {{ {focus} LATERAL {{ {union} }} }}"
                yield ShapeQuery(sparql, tuple(check for _, check in branches))

    def _deactivated(self, shape: Node) -> bool:
        return str(self.shapes.value(shape, SH.deactivated)).lower() == "true"

    def _constraints(self, shape: Node, reported: str | None, values: str) -> Iterator[tuple[str, Check]]:
        """(pattern, check) for each constraint of ``shape``; the patterns see ``?focus`` bound."""
        message, message_zh = self.messages(shape)
        check = Check(reported, message, message_zh, self.severity(shape))
        for key, arg in sorted(self.shapes.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
            name = _sh(key)
            if not str(key).startswith(str(SH)) or name in _SHAPE_KEYS or name in _TARGETS or name == "property":
                continue
            yield self._where(name, arg, values), check

    def _where(self, name: str, arg: Node, values: str) -> str:
        """The pattern whose solutions are the results of one constraint at a bound ``?focus``
        (``values`` binds ``?v``; for a node shape it is ``?focus``, which is then its own value)."""
        value_node = values if values != "?focus" else "BIND(?focus AS ?v)"
        test = self._value_test(name, arg)
        if test is not None:
            return f"{value_node} FILTER({test})"
        if name in {"minCount", "maxCount"}:
            return self._count(name, int(str(arg)), values)
        if name == "lessThan":
            return f"{values} ?focus {_n3(arg)} ?other FILTER(!COALESCE(?v < ?other, false))"
        raise OntologyError(f"shapes: sh:{name} is not supported by the fast validator")

    @staticmethod
    def _count(name: str, limit: int, values: str) -> str:
        """Fewer than ``sh:minCount`` or more than ``sh:maxCount`` distinct value nodes: whether ``k``
        pairwise different values exist (``sameTerm``: 5 and 05 are two values)."""
        k = limit if name == "minCount" else limit + 1
        if k == 0:
            return "FILTER(false)" if name == "minCount" else f"FILTER EXISTS {{ {values} }}"
        copies = " ".join(values.replace("?v", f"?v{i}") for i in range(k))
        differ = [f"!sameTerm(?v{i}, ?v{j})" for i in range(k) for j in range(i + 1, k)]
        some = f"{{ {copies} {'FILTER(' + ' && '.join(differ) + ')' if differ else ''} }}"
        return f"FILTER NOT EXISTS {some}" if name == "minCount" else f"FILTER EXISTS {some}"

    def _value_test(self, name: str, arg: Node) -> str | None:
        """A test that is true of each value node that breaks the constraint, or None."""
        if name == "datatype":
            return f"!isLiteral(?v) || datatype(?v) != {_n3(arg)}"
        if name == "nodeKind":
            return f"!{_NODE_KINDS[_sh(arg)]}"
        if name == "class":
            return f"NOT EXISTS {{ ?v a ?cls . VALUES ?cls {{ {self.classes(arg)} }} }}"
        if name == "in":
            allowed = list(Collection(self.shapes, arg))
            return "!(" + " || ".join(f"sameTerm(?v, {_n3(a)})" for a in allowed) + ")"
        if name == "pattern":
            return f"isBlank(?v) || !REGEX(STR(?v), {Literal(str(arg)).n3()})"
        if name in _COMPARE:
            return f"!COALESCE(?v {_COMPARE[name]} {_n3(arg)}, false)"
        if name in {"minLength", "maxLength"}:
            op = "<" if name == "minLength" else ">"
            return f"isBlank(?v) || STRLEN(STR(?v)) {op} {int(str(arg))}"
        return None


@lru_cache(maxsize=1)
def compiled_shapes() -> tuple[tuple[ShapeQuery, ...], int]:
    """The bundled shapes as queries (compiled once per process), and the number of node shapes."""
    from policykg.ontology import load_ontology

    shapes = load_ontology("shapes.ttl")
    return tuple(_Compiler(shapes, load_ontology()).queries()), shape_count(shapes)


def _value(term: object) -> str:
    return str(getattr(term, "value", ""))


def validate_store(store: pyoxigraph.Store, triples: int) -> ValidationReport:
    """Check the default graph of ``store`` (one report's triples) against the bundled shapes."""
    import pyoxigraph as ox

    queries, shapes = compiled_shapes()
    problems = []
    for query in queries:
        answer = store.query(query.sparql)
        assert isinstance(answer, ox.QuerySolutions)
        for row in answer:
            check = query.checks[int(_value(row[0]))]
            focus = _value(row[1])
            problems.append(Problem(focus, check.path, check.message, check.message_zh, check.severity))
    problems.sort(key=lambda p: (p.focus, p.path or "", p.message))
    conforms = not any(p.severity == Severity.VIOLATION for p in problems)
    return ValidationReport(conforms, tuple(problems), shapes, triples)


def validate_ntriples(text: str | bytes) -> ValidationReport:
    """Check a graph given as N-Triples (a report as the builder writes it), in milliseconds.

    >>> validate_ntriples("").conforms
    True
    """
    import pyoxigraph as ox

    data = text.encode("utf-8") if isinstance(text, str) else text
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return validate_store(store, len(store))
