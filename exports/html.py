"""Render a :class:`~exports.views.View` as one self-contained, offline HTML file with pyvis.

pyvis 0.3.2 links Bootstrap and vis-network from CDNs even in ``in_line`` mode; we inline vis-network
and drop every remote reference, and write the file ourselves as UTF-8 (pyvis's writer uses the
locale encoding and fails on GBK systems).
"""

from __future__ import annotations

import html
import re

from exports.views import View

COLOURS = {"Observation": "#4e79a7", "Indicator": "#76b7b2", "Place": "#59a14f", "Sector": "#edc948",
           "Organization": "#b07aa1", "Section": "#bab0ac", "Report": "#9c755f"}
INITIATIVE_COLOUR = "#e15759"
SHAPES = {"Observation": "dot", "Indicator": "diamond", "Place": "triangle", "Sector": "square",
          "Organization": "hexagon", "Section": "box", "Report": "star"}


def _style(cls: str) -> tuple[str, str]:
    if cls in COLOURS:
        return COLOURS[cls], SHAPES[cls]
    if cls in {"Country", "Province", "PrefectureCity", "County", "Township", "Village", "Region"}:
        return COLOURS["Place"], SHAPES["Place"]
    return INITIATIVE_COLOUR, "ellipse"


def render(view: View) -> str:
    """HTML text of the view: no http(s) references, every report string escaped."""
    from pyvis.network import Network

    net = Network(height="720px", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    for node in view.nodes:
        colour, shape = _style(node.cls)
        title = f"{node.cls}: {node.label}" + (f"\n{node.sentence}" if node.sentence else "")
        net.add_node(node.iri, label=node.label[:24], title=title, color=colour, shape=shape, group=node.cls)
    for edge in view.edges:
        net.add_edge(edge.source, edge.target, title=edge.relation, label=edge.relation)
    net.toggle_physics(len(view.nodes) <= 1000)
    page = net.generate_html(notebook=False)
    return _offline(page, view.title)


_REMOTE_TAG = re.compile(r"<(?:link|script)\b[^>]*(?:href|src)\s*=\s*[\"']https?://[^>]*>(?:\s*</script>)?",
                         re.IGNORECASE)


def _offline(page: str, title: str) -> str:
    page = _REMOTE_TAG.sub("", page)
    page = page.replace("<head>", f'<head>\n<meta charset="utf-8">\n<title>policykg · {html.escape(title)}</title>', 1)
    if re.search(r"(?:src|href)\s*=\s*[\"']https?://", page, re.IGNORECASE):
        raise AssertionError("a remote resource is still referenced in the view")
    return page
