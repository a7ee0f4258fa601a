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
_BRANCHES_PER_QUERY = 8


@dataclass(frozen=True)
class Check:
    """What one constraint reports: the values of ``sh:resultPath``, ``sh:resultMessage`` and severity."""

    path: str | None
    message: str
    message_zh: str
    severity: Severity


@dataclass(frozen=True)
class ShapeQuery:
    """Some checks in one SPARQL query: a row (``?check``, ``?focus``) per result.

    ``?check`` indexes ``checks`` (all the checks of all shapes); each check is answered by one
    branch of one query, so ``SELECT DISTINCT`` removes only repeats of the same result.
    """

    sparql: str
    checks: tuple[Check, ...]


def _n3(term: Node) -> str:
    if isinstance(term, URIRef | Literal):
        return term.n3()
    raise OntologyError(f"shapes: blank node {term} where an IRI or literal is needed")


def _sh(term: Node) -> str:
    return str(term).removeprefix(str(SH))


@dataclass(frozen=True)
class Focus:
    """The target declarations of a shape as a pattern binding ``?focus`` (a node may come twice)."""

    union: str

    @property
    def nodes(self) -> str:
        """A subquery giving each focus node once."""
        return f"{{ SELECT DISTINCT ?focus WHERE {{ {self.union} }} }}"

    @property
    def member(self) -> str:
        """Keeps a solution whose ``?focus`` is a focus node: a lookup per solution, so it goes last."""
        return f"LATERAL {{ SELECT ?focus WHERE {{ {self.union} }} LIMIT 1 }}"


class _Plan:
    """The checks of one node shape, each answered with as few reads of a path as it can be.

    ``checks`` (numbered across all shapes) and ``scans`` (the value tests by the read of a path
    they need, with the shapes that need it) are shared by the plans of all shapes, so that shapes
    testing the same values on the same path (``prov:wasDerivedFrom`` a ``pkg:TextSpan``) read it once.
    """

    def __init__(self, focus: Focus, checks: list[Check], scans: dict[str, list[tuple[str, Focus]]]) -> None:
        self.focus = focus
        self.checks = checks
        self.scans = scans
        self.branches: list[str] = []  # each solution's ?focus is a focus node
        self.found: list[str] = []  # a solution's ?focus may be any subject: tested by membership
        self.required: list[tuple[str, int]] = []
        self.at_most: list[tuple[str, int, int]] = []

    def add(self, check: Check) -> int:
        """The number of a new check (the ``?check`` its results carry)."""
        self.checks.append(check)
        return len(self.checks) - 1

    def broken_values(self, path: str | None, where: str, tests: list[tuple[str, int]]) -> None:
        """Values on ``path`` (the focus node itself when None) that ``where`` keeps: one read of the
        path for all the value tests of a property shape, then which tests each value fails."""
        if len(tests) == 1:
            which = f"BIND({tests[0][1]} AS ?check)"
        else:
            which = "LATERAL { " + " UNION ".join(f"{{ FILTER({t}) BIND({i} AS ?check) }}" for t, i in tests) + " }"
        if path is None:
            self.branches.append(f"{self.focus.nodes} BIND(?focus AS ?v) {where} {which}")
        else:
            values = f"{{ SELECT ?focus ?v WHERE {{ ?focus {path} ?v . {where} }} }}"
            self.scans.setdefault(values, []).append((which, self.focus))

    def min_count(self, path: str, limit: int, check: int) -> None:
        """Fewer than ``limit`` distinct values (``sameTerm``: 5 and 05 are two); a focus node without
        any value is found for all paths of the shape at once (:meth:`finish`)."""
        if limit == 1:
            self.required.append((path, check))
        elif limit > 1:
            copies = " ".join(f"?focus {path} ?v{i} ." for i in range(limit))
            differ = " && ".join(f"!sameTerm(?v{i}, ?v{j})" for i in range(limit) for j in range(i + 1, limit))
            self.branches.append(
                f"{self.focus.nodes} FILTER NOT EXISTS {{ {copies} FILTER({differ}) }} BIND({check} AS ?check)"
            )

    def max_count(self, path: str, limit: int, check: int) -> None:
        """More than ``limit`` distinct values. Counting values per focus node is the slow part, and
        a predicate with as many triples as subjects has no subject with two: such a predicate is
        passed over with one count of all the shape's predicates (:meth:`finish`). Only a predicate: the
        solutions of an alternative path are not distinct triples."""
        if limit >= 1 and path.startswith("<"):
            self.at_most.append((path, limit, check))
            return
        many = (
            f"{{ SELECT ?focus WHERE {{ ?focus {path} ?v0 }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?v0) > {limit}) }}"
        )
        self.found.append(f"{many} BIND({check} AS ?check)")

    def less_than(self, path: str, other: str, check: int) -> None:
        """A value not less than a value of ``other``: the two paths joined on the subject (a hash join)."""
        pairs = f"?focus {path} ?v . ?focus {other} ?other FILTER(!COALESCE(?v < ?other, false))"
        self.found.append(f"{{ SELECT ?focus ?v ?other WHERE {{ {pairs} }} }} BIND({check} AS ?check)")

    def finish(self) -> tuple[list[str], list[str]]:
        """The branches that need the membership test, and those that do not. A focus node missing
        any required path is found with one anti-join (MINUS) of the focus nodes with those that
        have them all."""
        branches, found = list(self.branches), list(self.found)
        if len(self.required) == 1:
            path, check = self.required[0]
            branches.append(f"{{ {self.focus.union} }} MINUS {{ ?focus {path} ?x }} BIND({check} AS ?check)")
        elif self.required:
            having = " ".join(f"{{ SELECT DISTINCT ?focus WHERE {{ ?focus {p} ?x }} }}" for p, _ in self.required)
            which = " UNION ".join(
                f"{{ FILTER NOT EXISTS {{ ?focus {p} ?x }} BIND({i} AS ?check) }}" for p, i in self.required
            )
            branches.append(f"{{ {{ {self.focus.union} }} MINUS {{ {having} }} }} LATERAL {{ {which} }}")
        if self.at_most:
            predicates = " ".join(sorted({p for p, _, _ in self.at_most}))
            limits = " ".join(f"({p} {limit} {i})" for p, limit, i in self.at_most)
            shared = f"SELECT ?p WHERE {{ VALUES ?p {{ {predicates} }} ?s ?p ?o }} GROUP BY ?p"
            gate = f"{{ {shared} HAVING (COUNT(*) != COUNT(DISTINCT ?s)) }} VALUES (?p ?limit ?check) {{ {limits} }}"
            many = "{ SELECT ?p ?focus (COUNT(DISTINCT ?v0) AS ?n) WHERE { ?focus ?p ?v0 } GROUP BY ?p ?focus }"
            # the comparison bound first: pyoxigraph 0.5.0 drops every row of a FILTER placed right after LATERAL
            found.append(f"{gate} LATERAL {many} BIND(?n > ?limit AS ?over) FILTER(?over)")
        return found, branches


class _Compiler:
    """Reads ``shapes.ttl`` (with the ontology for the class hierarchy) and writes the checks.

    Oxigraph answers a pattern over a whole predicate with a scan and hash joins many times faster
    than the same pattern looked up once per focus node, so no check walks the focus nodes one by
    one: each finds the values that break it across the report, and only then asks of the few it
    found (none in a conforming report) whether their subject is a focus node.
    """

    def __init__(self, shapes: Graph, ontology: Graph) -> None:
        self.shapes = shapes
        self.subclasses: dict[Node, set[Node]] = {}
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            self.subclasses.setdefault(sup, set()).add(sub)

    def classes(self, *classes: Node) -> str:
        """``VALUES ?t { the classes and every subclass of them }``, sorted so the text is stable."""
        found, todo = set(classes), list(classes)
        while todo:
            for sub in self.subclasses.get(todo.pop(), ()):
                if sub not in found:
                    found.add(sub)
                    todo.append(sub)
        return " ".join(sorted(_n3(c) for c in found))

    def targets(self, shape: Node) -> Focus | None:
        """The focus nodes of ``shape`` as a pattern that binds ``?focus`` (once or more). The target
        classes are one VALUES, so an instance of two of them (a subclass's) is read once."""
        classes = list(self.shapes.objects(shape, SH.targetClass))
        if (shape, RDF.type, RDFS.Class) in self.shapes:  # an implicit class target
            classes.append(shape)
        parts = [f"{{ ?focus a ?target . VALUES ?target {{ {self.classes(*classes)} }} }}"] if classes else []
        parts += [f"{{ ?focus {_n3(p)} ?any }}" for p in self.shapes.objects(shape, SH.targetSubjectsOf)]
        parts += [f"{{ ?any {_n3(p)} ?focus }}" for p in self.shapes.objects(shape, SH.targetObjectsOf)]
        parts += [f"{{ VALUES ?focus {{ {_n3(n)} }} }}" for n in self.shapes.objects(shape, SH.targetNode)]
        return Focus(" UNION ".join(parts)) if parts else None

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
        """The branches in queries of a few each (Oxigraph's planning time grows faster than the
        number of branches of a UNION), with the membership test once per query, on what all its
        branches found, and one read of a path for the shapes that test the same values on it."""
        node_shapes = set(self.shapes.subjects(RDF.type, SH.NodeShape)) | set(self.shapes.subjects(SH.property))
        checks: list[Check] = []
        scans: dict[str, list[tuple[str, Focus]]] = {}
        found: dict[Focus, list[str]] = {}
        plain: list[str] = []
        for shape in sorted(node_shapes, key=str):
            focus = self.targets(shape)
            if focus is None or self._deactivated(shape):
                continue
            plan = _Plan(focus, checks, scans)
            self._constraints(plan, shape, None, None)
            for prop in self.shapes.objects(shape, SH.property):
                if not self._deactivated(prop):
                    path, reported = self.path(self.shapes.value(prop, SH.path) or RDF.nil)
                    self._constraints(plan, prop, reported, path)
            more_found, more_plain = plan.finish()
            found.setdefault(focus, []).extend(more_found)
            plain += more_plain
        for values, users in scans.items():
            if len(users) == 1:
                found.setdefault(users[0][1], []).append(f"{values} {users[0][0]}")
            else:
                each = " UNION ".join(f"{{ {which} {focus.member} }}" for which, focus in users)
                plain.append(f"{values} LATERAL {{ {each} }}")
        groups = [(branches, focus.member) for focus, branches in found.items()] + [(plain, "")]
        for group, member in groups:
            for start in range(0, len(group), _BRANCHES_PER_QUERY):
                union = " UNION ".join(f"{{ {b} }}" for b in group[start : start + _BRANCHES_PER_QUERY])
                sparql = f"SELECT DISTINCT ?check ?focus ?v ?other WHERE {{ {{ {union} }} {member} }}"
                yield ShapeQuery(sparql, tuple(checks))

    def _deactivated(self, shape: Node) -> bool:
        return str(self.shapes.value(shape, SH.deactivated)).lower() == "true"

    def _constraints(self, plan: _Plan, shape: Node, reported: str | None, path: str | None) -> None:
        """Adds the checks of each constraint of ``shape`` (a property shape when ``path`` is given)."""
        message, message_zh = self.messages(shape)
        check = Check(reported, message, message_zh, self.severity(shape))
        tests: list[tuple[str, int]] = []
        for key, arg in sorted(self.shapes.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
            name = _sh(key)
            if not str(key).startswith(str(SH)) or name in _SHAPE_KEYS or name in _TARGETS or name == "property":
                continue
            i = plan.add(check)
            test = self._value_test(name, arg)
            if test is not None:
                tests.append((test, i))
            elif name == "class":
                plan.broken_values(
                    path, f"MINUS {{ ?v a ?cls . VALUES ?cls {{ {self.classes(arg)} }} }}", [("true", i)]
                )
            elif path is None:
                raise OntologyError(f"shapes: sh:{name} on a node shape is not supported by the fast validator")
            elif name == "minCount":
                plan.min_count(path, int(str(arg)), i)
            elif name == "maxCount":
                plan.max_count(path, int(str(arg)), i)
            elif name == "lessThan":
                plan.less_than(path, _n3(arg), i)
            else:
                raise OntologyError(f"shapes: sh:{name} is not supported by the fast validator")
        if tests:
            plan.broken_values(path, f"FILTER({' || '.join(f'({t})' for t, _ in tests)})", tests)

    def _value_test(self, name: str, arg: Node) -> str | None:
        """A test that is true of each value node ``?v`` that breaks the constraint, or None."""
        if name == "datatype":
            return f"!isLiteral(?v) || datatype(?v) != {_n3(arg)}"
        if name == "nodeKind":
            return f"!{_NODE_KINDS[_sh(arg)]}"
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
    # load, not bulk_load: in memory the same triples and errors, for 5-10% less CPU time
    store.load(data, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return validate_store(store, len(store))
