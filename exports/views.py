"""What each view shows: nodes and edges drawn from the named queries ``relationships`` and ``node_labels``.

Keeping the selection here (and the drawing in ``html.py``) means a view's content can be tested
without a browser.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from queries import get_query, run_query

CLASS_PRIORITY = ("Initiative", "Policy", "Programme", "Project", "Platform", "Mechanism", "Campaign", "Event",
                  "Designation", "Observation", "Indicator", "Place", "Country", "Province", "PrefectureCity",
                  "County", "Township", "Village", "Region", "Sector", "Organization", "Section", "Report")


@dataclass(frozen=True)
class Node:
    """A node of a view."""

    iri: str
    label: str
    cls: str
    sentence: str | None


@dataclass(frozen=True)
class Edge:
    """A directed, labelled edge of a view."""

    source: str
    target: str
    relation: str


@dataclass(frozen=True)
class View:
    """The nodes and edges a view draws, with a title."""

    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def overview(graph: Graph) -> View:
    """Initiatives, observations and what they connect to: indicators, places, sectors, organisations."""
    labels: dict[str, tuple[str, str, str | None]] = {}
    for row in run_query(graph, get_query("node_labels")):
        node, cls = str(row[0]), _local(str(row[1]))  # type: ignore[index]
        label, sentence = str(row[2]), row[3]  # type: ignore[index]
        old = labels.get(node)
        rank = CLASS_PRIORITY.index(cls) if cls in CLASS_PRIORITY else len(CLASS_PRIORITY)
        if old is None or rank < (CLASS_PRIORITY.index(old[1]) if old[1] in CLASS_PRIORITY else 99):
            labels[node] = (label, cls, str(sentence) if sentence is not None else None)
    edges = []
    used: set[str] = set()
    for row in run_query(graph, get_query("relationships")):
        s, p, o = (str(t) for t in row)  # type: ignore[union-attr]
        if s in labels and o in labels:
            edges.append(Edge(s, o, _local(p)))
            used.update((s, o))
    nodes = tuple(Node(n, *labels[n]) for n in sorted(used))
    return View("overview", nodes, tuple(edges))
