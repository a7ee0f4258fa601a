"""Large views: fold observations into their indicator, and lay nodes out once in Python.

A browser cannot run a physics simulation over thousands of nodes in a few seconds, so a large view
is drawn with fixed positions: the best-connected hubs are grouped by networkx's Louvain communities
(pure Python, no numpy), each group on a sunflower spiral around its own centre, and every other node
on a small ring around the hub it is attached to. Deterministic (fixed seed).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykg.exports.views import Edge, Node

HUBS = 250
SCALE = 4000.0


def fold(nodes: dict[str, Node], edges: list[Edge]) -> tuple[dict[str, Node], list[Edge], str]:
    """Observations folded into their indicator; edges moved onto the indicator, duplicates dropped."""
    from policykg.exports.views import Edge

    into = {
        e.source: e.target
        for e in edges
        if e.relation == "indicator" and nodes[e.source].cls == "Observation" and e.target in nodes
    }
    if not into:
        return nodes, edges, ""
    counts = Counter(into.values())
    kept = {i: n for i, n in nodes.items() if i not in into}
    for ind, count in counts.items():
        kept[ind] = replace(
            kept[ind], folded=count, details=(*kept[ind].details, ("观测值 observations", f"{count} (folded 已合并)"))
        )
    moved: dict[tuple[str, str, str], Edge] = {}
    for e in edges:
        s, t = into.get(e.source, e.source), into.get(e.target, e.target)
        if s != t and (s, t, e.relation) not in moved:
            moved[(s, t, e.relation)] = Edge(s, t, e.relation, e.evidence)
    note = f"{len(into)} observations folded into their {len(counts)} indicators (观测值已按指标合并)"
    return kept, list(moved.values()), note


def positions(order: list[str], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    """Fixed coordinates for every node in ``order``."""
    import networkx as nx

    degree = Counter(x for e in edges for x in (e.source, e.target))
    hubs = sorted(order, key=lambda i: (-degree[i], i))[:HUBS]
    hub_set = set(hubs)
    g = nx.Graph()
    g.add_nodes_from(hubs)
    g.add_edges_from((e.source, e.target) for e in edges if e.source in hub_set and e.target in hub_set)
    groups = sorted((sorted(c) for c in nx.community.louvain_communities(g, seed=7)), key=lambda c: (-len(c), c))
    out: dict[str, tuple[float, float]] = {}
    for k, group in enumerate(groups):
        cx, cy = _sunflower(k, SCALE / 6)
        for j, hub in enumerate(sorted(group, key=lambda i: (-degree[i], i))):
            dx, dy = _sunflower(j, 160.0)
            out[hub] = (cx + dx, cy + dy)
    anchor: dict[str, str] = {}
    for e in edges:
        for a, b in ((e.source, e.target), (e.target, e.source)):
            if a not in hub_set and b in hub_set and (a not in anchor or degree[b] > degree[anchor[a]]):
                anchor[a] = b
    rings: dict[str, list[str]] = defaultdict(list)
    loose: list[str] = []
    for i in order:
        if i in hub_set:
            continue
        (rings[anchor[i]] if i in anchor else loose).append(i)
    for hub, members in rings.items():
        hx, hy = out[hub]
        for k, i in enumerate(members):
            radius = 60 + 14 * (k // 24)
            angle = 2 * math.pi * (k % 24) / 24 + (k // 24) * 0.13
            out[i] = (hx + radius * math.cos(angle), hy + radius * math.sin(angle))
    side = max(1, math.ceil(math.sqrt(len(loose))))
    for k, i in enumerate(loose):
        out[i] = (-SCALE + 40 * (k % side), SCALE * 1.2 + 40 * (k // side))
    return {i: (round(x, 1), round(y, 1)) for i, (x, y) in out.items()}


def _sunflower(k: int, step: float) -> tuple[float, float]:
    """The ``k``-th point of a sunflower (golden-angle) spiral: evenly spread, no overlaps."""
    radius, angle = step * math.sqrt(k), k * 2.399963229728653
    return radius * math.cos(angle), radius * math.sin(angle)
