"""Check a built graph: SHACL shapes (pySHACL) and, optionally, OWL consistency (HermiT).

SHACL says whether each resource is complete and well-formed; HermiT says whether the graph
contradicts the ontology (a resource typed with two disjoint classes, say). The OWL check runs on a
sample of the data because HermiT is slow on large graphs and a contradiction of this sort shows up
on any resource that has it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from policykg.ontology import OntologyError, load_ontology
from policykg.ontology.namespaces import SH

DEFAULT_SAMPLE = 400


class Severity(str, Enum):
    """SHACL severities, worst first."""

    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One SHACL result or the OWL check's verdict, in words a user can act on."""

    focus: str
    path: str | None
    message: str
    message_zh: str = ""
    severity: Severity = Severity.VIOLATION
    source: str = "shacl"


@dataclass(frozen=True)
class ValidationReport:
    """The verdict on one graph."""

    conforms: bool
    problems: tuple[Problem, ...]
    shapes: int
    triples: int
    owl_checked: bool = False
    owl_consistent: bool | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        """One line for a build summary: ``SHACL: conforms (11 shapes)``."""
        verdict = "conforms" if self.conforms else f"{len(self.problems)} problem(s)"
        line = f"SHACL: {verdict} ({self.shapes} shapes)"
        if self.owl_checked:
            line += f"; OWL: {'consistent' if self.owl_consistent else 'INCONSISTENT'}"
        return line


def shape_count(shapes: Graph) -> int:
    """Number of named node shapes (property shapes are counted with their node shape)."""
    return sum(1 for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def validate_graph(graph: Graph, *, owl: bool = False, sample: int = DEFAULT_SAMPLE) -> ValidationReport:
    """Validate ``graph`` against the bundled shapes, and with ``owl=True`` also run HermiT.

    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms
    True
    """
    import pyshacl

    shapes = load_ontology("shapes.ttl")
    ontology = load_ontology()
    conforms, results, _text = pyshacl.validate(
        graph, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    problems = _problems(results)
    notes: list[str] = []
    owl_consistent: bool | None = None
    if owl:
        owl_consistent, note = _owl_check(graph, ontology, sample)
        notes.append(note)
        if not owl_consistent:
            problems.append(Problem(str(graph.identifier), None, note, "本体一致性检查未通过", source="owl"))
    ok = bool(conforms) and owl_consistent is not False
    return ValidationReport(ok, tuple(problems), shape_count(shapes), len(graph), owl, owl_consistent, tuple(notes))


def _problems(results: Graph) -> list[Problem]:
    out: list[Problem] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        messages = list(results.objects(result, SH.resultMessage))
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        out.append(
            Problem(
                focus=str(results.value(result, SH.focusNode)),
                path=str(path) if isinstance(path, URIRef) else None,
                message=_message(messages, "en"),
                message_zh=_message(messages, "zh"),
                severity=Severity(str(severity).rsplit("#", 1)[-1].lower()) if severity else Severity.VIOLATION,
            )
        )
    return sorted(out, key=lambda p: (p.focus, p.path or "", p.message))


def _message(messages: Sequence[object], lang: str) -> str:
    for m in messages:
        if isinstance(m, Literal) and m.language == lang:
            return str(m)
    plain = [str(m) for m in messages if not (isinstance(m, Literal) and m.language)]
    return plain[0] if plain else ""


def sample_graph(graph: Graph, size: int = DEFAULT_SAMPLE) -> Graph:
    """Up to ``size`` typed resources, an equal share of each class (sorted, so the sample is
    reproducible), with the triples of everything they point to, so each arrives with its neighbours."""
    by_type: dict[URIRef, set[URIRef]] = {}
    for s, t in graph.subject_objects(RDF.type):
        if isinstance(s, URIRef) and isinstance(t, URIRef):
            by_type.setdefault(t, set()).add(s)
    share = max(1, size // max(1, len(by_type)))
    chosen = {s for t in sorted(by_type) for s in sorted(by_type[t])[:share]}
    chosen |= {o for s in list(chosen) for o in graph.objects(s, None) if isinstance(o, URIRef)}
    out = Graph()
    for s in chosen:
        for p, o in graph.predicate_objects(s):
            out.add((s, p, o))
    return out


def _owl_check(graph: Graph, ontology: Graph, sample: int) -> tuple[bool, str]:
    from policykg.ontology.owl import reason

    data = sample_graph(graph, sample)
    try:
        report = reason(data, ontology)
    except OntologyError as exc:
        raise OntologyError(f"OWL check not possible: {exc}") from exc
    verdict = "consistent" if report.consistent else "inconsistent (e.g. a resource in two disjoint classes)"
    return report.consistent, f"OWL (HermiT) on {len(data)} sampled triples: {verdict}"
