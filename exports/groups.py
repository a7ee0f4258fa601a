"""Large views open aggregated: members fold into a parent node and the page drills down on click.

A view of a few hundred nodes is still a picture; a corpus view of thousands is a hairball. Above
:data:`AGGREGATE_LIMIT` nodes each observation folds into its indicator; when that is not enough,
indicators that are no shared concept, initiatives and organisations fold into one node per class and
sector ("Programme · Energy (57)"), and the places below a city into the place they lie within; when
even that draws more than :data:`DRAW_LIMIT` nodes, the groups merge by class. Nothing is dropped:
every member stays in the page with its ``parent``, listed in its parent's panel and drawn when the
parent is expanded. The shared concepts, sectors, provinces and the country stay visible.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from policykg.ontology.vocabulary import INITIATIVE_CLASSES

if TYPE_CHECKING:
    from policykg.exports.views import Edge, Node

AGGREGATE_LIMIT = 300
"""Above this many nodes a view opens aggregated."""
DRAW_LIMIT = 1000
"""No view draws more nodes than this when it opens."""
STEP_LIMIT = 500
"""Groups by class and sector are enough when they leave at most this many nodes to draw."""
GROUPED = ("Indicator", "Organization", *INITIATIVE_CLASSES)
"""Classes folded by sector at the second step (an indicator only when it is no shared concept)."""
LOW_PLACES = ("County", "Township", "Village")
"""Places folded into the place they lie within at the second step (cities and regions at the third)."""


def _roots(nodes: dict[str, Node], parent: dict[str, str]) -> int:
    return sum(1 for i in nodes if i not in parent)


def _sector_of(nodes: dict[str, Node], edges: list[Edge], parent: dict[str, str]) -> dict[str, str]:
    """Each node's sector for grouping: the rarest of its own sectors (the most specific), else the
    commonest of its folded members' (an indicator takes its observations')."""
    freq = Counter(s for n in nodes.values() for s in n.sectors)
    own = {i: min(n.sectors, key=lambda s: (freq[s], s)) for i, n in nodes.items() if n.sectors}
    through: dict[str, Counter[str]] = defaultdict(Counter)
    for child, p in parent.items():
        if child in own:
            through[p][own[child]] += 1
    for e in edges:
        if e.relation == "implementedBy" and e.source in own:
            through[e.target][own[e.source]] += 1
    for i, c in through.items():
        own.setdefault(i, min(c, key=lambda s: (-c[s], s)))
    return own


def _group_node(gid: str, cls: str, zh: str, en: str, count: int) -> Node:
    from policykg.exports.html import STYLE
    from policykg.exports.views import Node

    name = STYLE.get(cls, STYLE["_default"])[2]
    return Node(
        gid,
        f"{name} · {zh} ({count})",
        cls,
        label_en=f"{cls} · {en} ({count})",
        folded=count,
        group=True,
    )


def _by_sector(nodes: dict[str, Node], edges: list[Edge], parent: dict[str, str], by_class: bool) -> dict[str, Node]:
    """Fold the grouped classes into (class, sector) nodes, or (class) nodes when ``by_class``."""
    sector = _sector_of(nodes, edges, parent)
    english = {n.label: n.label_en or n.label for n in nodes.values() if n.cls == "Sector"}
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for i, n in nodes.items():
        if i in parent or n.cls not in GROUPED or (n.cls == "Indicator" and n.label_en) or n.group:
            continue
        members[(n.cls, "" if by_class else sector.get(i, ""))].append(i)
    groups = {}
    for (cls, s), ids in sorted(members.items()):
        if len(ids) < 2:
            continue
        gid = f"group:{cls}:{s}"
        zh, en = (
            (s, english.get(s, s)) if s else ("全部" if by_class else "未分领域", "all" if by_class else "no sector")
        )
        groups[gid] = _group_node(gid, cls, zh, en, len(ids))
        parent.update((i, gid) for i in ids)
    return groups


def _by_place(
    nodes: dict[str, Node], edges: list[Edge], parent: dict[str, str], classes: tuple[str, ...]
) -> dict[str, Node]:
    """Fold places of ``classes`` into a group beside the place they lie within."""
    within = {e.source: e.target for e in edges if e.relation == "within" and e.target in nodes}
    members: dict[str, list[str]] = defaultdict(list)
    for i, n in nodes.items():
        if i not in parent and n.cls in classes and i in within:
            members[within[i]].append(i)
    groups = {}
    for top, ids in sorted(members.items()):
        if len(ids) < 2:
            continue
        gid = f"group:within:{top}"
        t = nodes[top]
        groups[gid] = _group_node(gid, "Place", f"{t.label}下辖", f"within {t.label_en or t.label}", len(ids))
        parent.update((i, gid) for i in ids)
    return groups


def aggregate(nodes: dict[str, Node], edges: list[Edge]) -> tuple[dict[str, Node], list[str]]:
    """The view's nodes with ``parent`` set on folded members, plus the group nodes; and notes saying
    what was folded. Each step folds more, until what is drawn fits."""
    if len(nodes) <= AGGREGATE_LIMIT:
        return nodes, []
    for step in (1, 2, 3):
        parent = {
            e.source: e.target
            for e in edges
            if e.relation == "indicator" and nodes[e.source].cls == "Observation" and e.target in nodes
        }
        groups: dict[str, Node] = {}
        if step > 1:
            groups |= _by_sector(nodes, edges, parent, by_class=step == 3)
            groups |= _by_place(nodes, edges, parent, LOW_PLACES + (("PrefectureCity", "Region") if step == 3 else ()))
        drawn = _roots(nodes, parent) + len(groups)
        if drawn <= (AGGREGATE_LIMIT, STEP_LIMIT, DRAW_LIMIT)[step - 1]:
            break
    folded = sum(1 for p in parent.values() if not p.startswith("group:"))
    notes = [f"{folded} observations folded into their indicators (观测值已按指标合并)"] if folded else []
    if groups:
        notes.append(
            f"{len(groups)} groups (by class and sector, places by the place they lie within): click one to list "
            "its members, double-click to draw them (已分组：单击查看成员，双击展开)"
        )
    out = {i: replace(n, parent=parent.get(i)) if i in parent else n for i, n in nodes.items()}
    for i, c in Counter(parent.values()).items():
        if i in out and not out[i].group:
            out[i] = replace(out[i], folded=c)
    return out | groups, notes


def representative(nodes: dict[str, Node], i: str) -> str:
    """The node drawn for ``i`` when the view opens: itself, or the outermost folded parent."""
    while nodes[i].parent is not None and nodes[i].parent in nodes:
        i = nodes[i].parent  # type: ignore[assignment]
    return i


def drawn_edges(nodes: dict[str, Node], edges: list[Edge]) -> list[tuple[str, str, str]]:
    """The edges drawn when the view opens: each edge between the nodes drawn for its ends, once."""
    out: dict[tuple[str, str, str], None] = {}
    for e in edges:
        s, t = representative(nodes, e.source), representative(nodes, e.target)
        if s != t:
            out[(s, t, e.relation)] = None
    return list(out)
