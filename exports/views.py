"""What each view shows, chosen from the named queries ``view_nodes`` and ``view_edges``.

The selection lives here and the drawing in ``html.py``, so a view's content is tested without a
browser. Every view is a subgraph of one networkx graph of the report's relationships; degree picks
node sizes and, above :data:`~exports.groups.AGGREGATE_LIMIT` nodes, members fold into parents
(observations into their indicator, initiatives into their class and sector, see ``groups.py``) so a
corpus view opens readable, in a browser, within seconds, and drills down on click.

>>> from rdflib import Graph
>>> overview(Graph()).nodes
()
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rdflib import Graph

if TYPE_CHECKING:
    from policykg.queries.stores import Store

from policykg.exports.corpus import place_names_en
from policykg.exports.errors import ExportError
from policykg.ontology.vocabulary import INITIATIVE_CLASSES, PLACE_CLASSES
from policykg.queries import get_query
from policykg.queries.stores import text_rows

MAX_NODES = 30000
"""Beyond this only the best-connected nodes are kept in the page; the page says how many were left out."""

CLASS_PRIORITY = (*INITIATIVE_CLASSES, "Observation", "Indicator", *PLACE_CLASSES, "Sector", "Organization", "Report")
KIND_NAMES = {
    "Level": "水平 level",
    "Count": "数量 count",
    "Change": "变化 change",
    "GrowthRate": "增速 growth rate",
    "Share": "占比 share",
    "Rank": "排名 rank",
}


@dataclass(frozen=True)
class Node:
    """A node of a view: what the page shows for it."""

    iri: str
    label: str
    cls: str
    sentence: str | None = None
    label_en: str | None = None
    highlight: tuple[int, int] | None = None
    details: tuple[tuple[str, str], ...] = ()
    sectors: tuple[str, ...] = ()
    size: float = 12.0
    position: tuple[float, float] | None = None
    folded: int = 0
    kind: str | None = None
    value: float | None = None
    unit: str | None = None
    order: int | None = None
    parent: str | None = None
    group: bool = False


@dataclass(frozen=True)
class Edge:
    """A directed, labelled edge; outcome links carry their evidence."""

    source: str
    target: str
    relation: str
    evidence: str | None = None


@dataclass(frozen=True)
class View:
    """The nodes and edges a view draws, with a title and notes on what was folded."""

    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    name: str = "overview"
    notes: tuple[str, ...] = ()
    physics: bool = True
    title_en: str = ""

    @property
    def drawn(self) -> int:
        """How many nodes the page draws when it opens (folded members are drawn on demand)."""
        return sum(1 for n in self.nodes if n.parent is None)


@dataclass
class Model:
    """Every drawable node and edge of a graph, read once and shared by all views."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def nx(self) -> Any:
        """The relationships as a networkx MultiDiGraph (nodes keyed by IRI)."""
        import networkx as nx

        g = nx.MultiDiGraph()
        g.add_nodes_from(self.nodes)
        for e in self.edges:
            g.add_edge(e.source, e.target)
        return g


def local(iri: str) -> str:
    """The local name of an IRI: ``pkg:GrowthRate`` → ``GrowthRate``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rank(cls: str) -> int:
    return CLASS_PRIORITY.index(cls) if cls in CLASS_PRIORITY else len(CLASS_PRIORITY)


def _node_from_row(row: list[str | None]) -> Node:
    (node, typ, zh, en, value, unit, kind, period, status, sentence, s_begin, f_begin, f_end, derived, code) = row
    cls = local(typ or "")
    details: list[tuple[str, str]] = []
    if value is not None:
        details.append(("数值 value", f"{value}{unit or ''}"))
    if kind:
        details.append(("类型 kind", KIND_NAMES.get(local(kind), local(kind))))
    if period:
        details.append(("时期 period", period + (" (目标 target)" if status and local(status) == "Target" else "")))
    if code:
        details.append(("代码 code", code))
    highlight = None
    if sentence and s_begin and f_begin and f_end:
        start, end = int(f_begin) - int(s_begin), int(f_end) - int(s_begin)
        if 0 <= start < end <= len(sentence) and (value is None or value in sentence[start:end]):
            highlight = (start, end)
        elif value and value in sentence:
            start = sentence.index(value)
            highlight = (
                start,
                start + len(value) + (len(unit) if unit and sentence[start + len(value) :].startswith(unit) else 0),
            )
    if code and not en and cls in PLACE_CLASSES:
        en = place_names_en().get(code)
    label = zh or en or local(node or "")
    if value is not None:
        label = f"{label} {value}{unit or ''}"
    text = sentence or derived
    if highlight is None and text and zh and zh in text:
        highlight = (text.index(zh), text.index(zh) + len(zh))
    return Node(
        node or "",
        label,
        cls,
        text,
        en,
        highlight,
        tuple(details),
        kind=local(kind) if kind else None,
        value=_number(value),
        unit=unit,
        order=int(f_begin) if f_begin else None,
    )


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def load_model(graph: Graph | Store) -> Model:
    """Read the drawable nodes and edges of ``graph`` (or a store) through the named view queries."""
    model = Model()
    for row in text_rows(graph, get_query("view_nodes"))[1]:
        node = _node_from_row(row)
        old = model.nodes.get(node.iri)
        if old is None or _rank(node.cls) < _rank(old.cls):
            model.nodes[node.iri] = (
                node
                if old is None
                else replace(node, sentence=node.sentence or old.sentence, highlight=node.highlight or old.highlight)
            )
    seen: set[tuple[str, str, str]] = set()
    sectors: dict[str, set[str]] = {}
    for s, p, o, kind, text in text_rows(graph, get_query("view_edges"))[1]:
        assert s is not None and p is not None and o is not None
        if s not in model.nodes or o not in model.nodes or (s, p, o) in seen:
            continue
        seen.add((s, p, o))
        evidence = " · ".join(x for x in (local(kind) if kind else None, text) if x) or None
        model.edges.append(Edge(s, o, local(p), evidence))
        if local(p) == "sector":
            sectors.setdefault(s, set()).add(model.nodes[o].label)
    for iri, labels in sectors.items():
        model.nodes[iri] = replace(model.nodes[iri], sectors=tuple(sorted(labels)))
    _name_observations(model)
    return model


def _name_observations(model: Model) -> None:
    """Give each observation its indicator's English name and its place, for the page's two languages
    and for the panel of the indicator it folds into."""
    for e in model.edges:
        n = model.nodes[e.source]
        if n.cls != "Observation":
            continue
        other = model.nodes[e.target]
        if e.relation == "indicator" and other.label_en:
            value = dict(n.details).get("数值 value", "")
            model.nodes[e.source] = replace(n, label_en=f"{other.label_en} {value}".strip())
        elif e.relation == "refArea" and not any(k == "地区 place" for k, _ in n.details):
            where = other.label + (f" {other.label_en}" if other.label_en else "")
            model.nodes[e.source] = replace(n, details=(*n.details, ("地区 place", where)))


def _model(source: Graph | Store | Model) -> Model:
    return source if isinstance(source, Model) else load_model(source)


def find_node(model: Model, text: str, classes: tuple[str, ...] = (), kind: str = "node") -> str:
    """The IRI of the node named ``text`` (an IRI, an exact label, or else the shortest label containing it)."""
    pool = {i: n for i, n in model.nodes.items() if not classes or n.cls in classes}
    if text in pool:
        return text
    exact = sorted(i for i, n in pool.items() if text in (n.label, n.label_en))
    if exact:
        return exact[0]
    partial = sorted((len(n.label), i) for i, n in pool.items() if text in n.label or text in (n.label_en or ""))
    if partial:
        return partial[0][1]
    examples = "、".join(sorted(n.label for n in pool.values())[:8]) or "none in this graph"
    raise ExportError(f"no {kind} matches {text!r} (for example: {examples})")


def overview(source: Graph | Store | Model) -> View:
    """Sectors, initiatives and their outcomes; observations, indicators and places as well."""
    model = _model(source)
    keep = {i for i, n in model.nodes.items() if n.cls != "Report"}
    linked = {x for e in model.edges for x in (e.source, e.target)}
    return _finish(model, "overview", ("总览", "Overview"), keep & linked)


def sector(source: Graph | Store | Model, focus: str) -> View:
    """One sector: its initiatives and observations, and their indicators, places and outcomes."""
    model = _model(source)
    root = find_node(model, focus, ("Sector",), "sector")
    members = {e.source for e in model.edges if e.target == root and e.relation == "sector"}
    keep = {root} | members | _neighbours(model, members, exclude_cls=("Sector", "Report"))
    return _finish(model, "sector", _titled("领域", "Sector", model.nodes[root]), keep)


def place(source: Graph | Store | Model, focus: str) -> View:
    """One place, the places within it, and what the report says happened there."""
    model = _model(source)
    root = find_node(model, focus, PLACE_CLASSES, "place")
    places, frontier = {root}, {root}
    while frontier:
        frontier = {e.source for e in model.edges if e.relation == "within" and e.target in frontier} - places
        places |= frontier
    about = {
        e.source
        for e in model.edges
        if e.target in places and e.relation in {"refArea", "place"} and model.nodes[e.source].cls != "Report"
    }
    keep = places | about | _neighbours(model, about, only_cls=("Indicator", "Organization", *INITIATIVE_CLASSES))
    return _finish(model, "place", _titled("地区", "Place", model.nodes[root]), keep)


def outcomes(source: Graph | Store | Model) -> View:
    """Initiative → outcome chains, the evidence on each edge, and each outcome's indicator."""
    model = _model(source)
    links = [e for e in model.edges if e.relation == "hasOutcome"]
    keep = {x for e in links for x in (e.source, e.target)}
    keep |= {e.target for e in model.edges if e.source in keep and e.relation == "indicator"}
    return _finish(model, "outcomes", ("成效", "Outcomes"), keep)


def focus(source: Graph | Store | Model, label: str, depth: int = 1) -> View:
    """The neighbourhood of any node (by label or IRI), ``depth`` steps out in either direction."""
    import networkx as nx

    model = _model(source)
    root = find_node(model, label)
    keep = set(nx.ego_graph(model.nx().to_undirected(as_view=True), root, radius=max(depth, 0)))
    return _finish(model, "focus", _titled("焦点", "Focus", model.nodes[root]), keep)


def _titled(zh: str, en: str, node: Node) -> tuple[str, str]:
    return f"{zh} · {node.label}", f"{en} · {node.label_en or node.label}"


def _neighbours(
    model: Model, nodes: set[str], only_cls: tuple[str, ...] = (), exclude_cls: tuple[str, ...] = ()
) -> set[str]:
    out = set()
    for e in model.edges:
        for a, b in ((e.source, e.target), (e.target, e.source)):
            cls = model.nodes[b].cls
            if a in nodes and (not only_cls or cls in only_cls) and cls not in exclude_cls:
                out.add(b)
    return out


def _finish(model: Model, name: str, title: tuple[str, str], keep: set[str]) -> View:
    from policykg.exports.groups import AGGREGATE_LIMIT, aggregate, drawn_edges
    from policykg.exports.layout import positions

    nodes = {i: model.nodes[i] for i in sorted(keep)}
    edges = [e for e in model.edges if e.source in nodes and e.target in nodes]
    notes: list[str] = []
    degree = Counter(x for e in edges for x in (e.source, e.target))
    if len(nodes) > MAX_NODES:
        shown = set(sorted(nodes, key=lambda i: (-degree[i], i))[:MAX_NODES])
        notes.append(f"{len(nodes) - MAX_NODES} least-connected nodes left out (只显示连接最多的 {MAX_NODES} 个节点)")
        nodes = {i: n for i, n in nodes.items() if i in shown}
        edges = [e for e in edges if e.source in shown and e.target in shown]
    nodes, folded = aggregate(nodes, edges)
    notes.extend(folded)
    drawn = drawn_edges(nodes, edges)
    shown_degree = Counter(x for s, t, _ in drawn for x in (s, t))
    top = max(list(shown_degree.values()) + list(degree.values()), default=1)
    sized = {
        i: replace(n, size=round(10 + 26 * math.sqrt((shown_degree[i] or degree[i] or n.folded) / top), 2))
        for i, n in nodes.items()
    }
    physics = len(nodes) <= AGGREGATE_LIMIT
    if not physics:
        roots = [i for i, n in sized.items() if n.parent is None]
        placed = positions(roots, [Edge(s, t, r) for s, t, r in drawn])
        sized = {i: replace(n, position=placed.get(i)) for i, n in sized.items()}
        notes.append(f"{len(roots)} nodes drawn of {len(sized)}: fixed layout (已固定布局)")
    return View(title[0], tuple(sized.values()), tuple(edges), name, tuple(notes), physics, title[1])


@dataclass(frozen=True)
class ViewKind:
    """A kind of view the command line and ``view --all`` can write: how to make it from a model."""

    name: str
    summary: str
    make: Callable[[Model, str, int], View]  # (model, focus, depth) -> view
    focus: str | None = None  # what --focus names, when the view needs one


VIEWS: dict[str, ViewKind] = {
    v.name: v
    for v in (
        ViewKind("overview", "sectors, initiatives and their outcomes", lambda m, f, d: overview(m)),
        ViewKind(
            "sector",
            "one sector: its initiatives, observations, indicators and places",
            lambda m, f, d: sector(m, f),
            "sector",
        ),
        ViewKind(
            "place", "one place and the places within it, and what happened there", lambda m, f, d: place(m, f), "place"
        ),
        ViewKind("outcomes", "initiative → outcome chains with the evidence on each edge", lambda m, f, d: outcomes(m)),
        ViewKind("focus", "the neighbourhood of any node, --depth steps out", lambda m, f, d: focus(m, f, d), "node"),
    )
}
"""The one registry of views."""


def make_view(source: Graph | Store | Model, name: str, focus_on: str | None = None, depth: int = 1) -> View:
    """The view ``name`` of a graph or model; ``focus_on`` (a label or IRI) for views that need one."""
    kind = VIEWS.get(name)
    if kind is None:
        raise ExportError(f"unknown view {name!r} (views: {', '.join(VIEWS)})")
    if kind.focus and not focus_on:
        raise ExportError(f"the {name} view needs --focus (a {kind.focus} label or an IRI)")
    return kind.make(_model(source), focus_on or "", depth)
