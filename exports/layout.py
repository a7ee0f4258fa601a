"""Large views: nodes laid out once in Python, so the page draws at once without a physics simulation.

The best-connected hubs are grouped by networkx's Louvain communities (pure Python, no numpy), each
group on a sunflower spiral around its own centre; every other node goes on a small ring around the
placed neighbour it is best attached to, reached breadth-first from the hubs, so a node two steps from
a hub sits beside its neighbour. A piece of the graph not connected to any hub gets a centre of its own
on the same spiral: no node is parked in a grid. Deterministic (fixed seed).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykg.exports.views import Edge

HUBS = 250
SCALE = 4000.0


def positions(order: list[str], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    """Fixed coordinates for every node in ``order``."""
    import networkx as nx

    known = set(order)
    degree = Counter(x for e in edges for x in (e.source, e.target) if e.source in known and e.target in known)
    hubs = sorted((i for i in order if degree[i]), key=lambda i: (-degree[i], i))[:HUBS]
    g = nx.Graph()
    g.add_nodes_from(order)
    g.add_edges_from((e.source, e.target) for e in edges if e.source in known and e.target in known)
    groups = sorted(
        (sorted(c) for c in nx.community.louvain_communities(g.subgraph(hubs), seed=7)), key=lambda c: (-len(c), c)
    )
    out: dict[str, tuple[float, float]] = {}
    for k, group in enumerate(groups):
        cx, cy = _sunflower(k, SCALE / 6)
        for j, hub in enumerate(sorted(group, key=lambda i: (-degree[i], i))):
            dx, dy = _sunflower(j, 160.0)
            out[hub] = (cx + dx, cy + dy)
    _rings(g, out, degree)
    rest = [sorted(c) for c in nx.connected_components(g.subgraph([i for i in order if i not in out]))]
    for k, piece in enumerate(sorted(rest, key=lambda c: (-len(c), c)), len(groups)):
        cx, cy = _sunflower(k, SCALE / 6)
        for j, i in enumerate(sorted(piece, key=lambda i: (-degree[i], i))):
            dx, dy = _sunflower(j, 40.0)
            out[i] = (cx + dx, cy + dy)
    return {i: (round(x, 1), round(y, 1)) for i, (x, y) in out.items()}


def _rings(g: object, out: dict[str, tuple[float, float]], degree: Counter[str]) -> None:
    """Place every node reachable from a placed one on a ring around its best-connected placed neighbour."""
    frontier = sorted(out, key=lambda i: (-degree[i], i))
    while frontier:
        rings: dict[str, list[str]] = defaultdict(list)
        taken: set[str] = set()
        for hub in frontier:
            for i in sorted(g.neighbors(hub)):  # type: ignore[attr-defined]
                if i not in out and i not in taken:
                    taken.add(i)
                    best = max((n for n in g.neighbors(i) if n in out), key=lambda n: (degree[n], n))  # type: ignore[attr-defined]
                    rings[best].append(i)
        for hub, members in rings.items():
            hx, hy = out[hub]
            for k, i in enumerate(members):
                radius = 60 + 14 * (k // 24)
                angle = 2 * math.pi * (k % 24) / 24 + (k // 24) * 0.13
                out[i] = (hx + radius * math.cos(angle), hy + radius * math.sin(angle))
        frontier = sorted(taken, key=lambda i: (-degree[i], i))


def _sunflower(k: int, step: float) -> tuple[float, float]:
    """The ``k``-th point of a sunflower (golden-angle) spiral: evenly spread, no overlaps."""
    radius, angle = step * math.sqrt(k), k * 2.399963229728653
    return radius * math.cos(angle), radius * math.sin(angle)
