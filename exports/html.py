"""Render a :class:`~exports.views.View` as one self-contained, offline, safe HTML file.

The page is ours (``assets/view.html``, ``view.js``, ``view.css``) over vis-network's DataSet, with
vis-network inlined from the copy bundled inside pyvis. Report text is untrusted: the view's data is
embedded as JSON in ``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as
``\\u003c`` etc., and the script builds the DOM with ``textContent`` only.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from importlib.resources import files
from typing import Any

from policykg.exports.errors import ExportError
from policykg.exports.views import Node, View

STYLE: dict[str, tuple[str, str, str]] = {
    # class: (colour, vis-network shape, Chinese name)
    "Initiative": ("#e15759", "ellipse", "举措"),
    "Policy": ("#e15759", "ellipse", "政策"),
    "Programme": ("#f28e2b", "ellipse", "计划"),
    "Project": ("#ff9d9a", "ellipse", "项目"),
    "Platform": ("#d37295", "ellipse", "平台"),
    "Mechanism": ("#fabfd2", "ellipse", "机制"),
    "Campaign": ("#ffbe7d", "ellipse", "行动"),
    "Event": ("#b6992d", "ellipse", "活动"),
    "Designation": ("#f1ce63", "ellipse", "称号"),
    "Observation": ("#4e79a7", "dot", "观测值"),
    "Indicator": ("#76b7b2", "diamond", "指标"),
    "Place": ("#59a14f", "triangle", "地区"),
    "Country": ("#2f6b2a", "triangle", "国家"),
    "Province": ("#3d8a36", "triangle", "省"),
    "PrefectureCity": ("#59a14f", "triangle", "地级市"),
    "County": ("#8cd17d", "triangle", "县区"),
    "Township": ("#b5e0a8", "triangle", "乡镇"),
    "Village": ("#d4f0cc", "triangle", "村"),
    "Region": ("#499894", "triangle", "区域"),
    "Sector": ("#edc948", "square", "领域"),
    "Organization": ("#b07aa1", "hexagon", "机构"),
    "Report": ("#9c755f", "star", "报告"),
    "_default": ("#bab0ac", "dot", "其他"),
}
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SLOT = re.compile(r"\{\{([A-Z]+)\}\}")


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element whatever strings it holds.

    >>> script_json({"a": "</script><img src=x onerror=alert(1)>"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return re.sub("[<>&\u2028\u2029]", lambda m: _ESCAPES[m.group(0)], text)


@lru_cache(maxsize=4)
def asset(name: str) -> str:
    """A file from ``exports/assets`` (package data)."""
    return files("policykg.exports").joinpath("assets", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's minified script, as bundled inside pyvis (no CDN, no download)."""
    import pyvis

    text = files(pyvis).joinpath("templates", "lib", "vis-9.1.2", "vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise ExportError("the bundled vis-network script cannot be inlined safely")
    return text


ID_PREFIX = "https://w3id.org/policykg/id/"
"""Written once in the page: node ids under it are held as ``~`` and the rest (the script restores them)."""


def _short_id(iri: str) -> str:
    return "~" + iri.removeprefix(ID_PREFIX) if iri.startswith(ID_PREFIX) else iri


def _node_item(n: Node, index: dict[str, int], sentences: dict[str, int]) -> dict[str, Any]:
    item: dict[str, Any] = {"id": _short_id(n.iri), "label": n.label, "cls": n.cls, "size": n.size}
    optional: dict[str, Any] = {
        "details": [list(d) for d in n.details],
        "sectors": list(n.sectors),
        "label_en": n.label_en,
        "s": sentences.setdefault(n.sentence, len(sentences)) if n.sentence else None,
        "highlight": list(n.highlight) if n.highlight else None,
        "parent": index.get(n.parent) if n.parent else None,
        "group": True if n.group else None,
        "folded": n.folded or None,
    }
    item |= {k: v for k, v in optional.items() if v or (v == 0 and k in ("s", "parent"))}
    if n.position:
        item["x"], item["y"] = n.position
    return item


def view_data(view: View, lang: str = "zh") -> dict[str, Any]:
    """The JSON the page script reads: nodes, edges, styles, notes.

    A corpus view holds tens of thousands of nodes and edges, and the page's size is most of the time it
    takes to open, so nothing is repeated: an edge is ``[source, target, relation, evidence?]`` and a
    folded node's ``parent`` an index into ``nodes``; a node's sentence is an index ``s`` into
    ``sentences`` (several figures share one); ids under :data:`ID_PREFIX` start with ``~``."""
    index = {n.iri: k for k, n in enumerate(view.nodes)}
    sentences: dict[str, int] = {}
    nodes = [_node_item(n, index, sentences) for n in view.nodes]
    edges = [[index[e.source], index[e.target], e.relation, *([e.evidence] if e.evidence else [])] for e in view.edges]
    style = {k: {"color": c, "shape": s, "zh": zh} for k, (c, s, zh) in STYLE.items()}
    return {
        "title": view.title,
        "title_en": view.title_en or view.title,
        "name": view.name,
        "lang": lang,
        "physics": view.physics,
        "notes": list(view.notes),
        "prefix": ID_PREFIX,
        "sentences": list(sentences),
        "nodes": nodes,
        "edges": edges,
        "style": style,
    }


def render(view: View, lang: str = "zh") -> str:
    """HTML text of the view: self-contained, no http(s) resources, every report string escaped."""
    slots = {
        "TITLE": html.escape(f"policykg · {view.title}"),
        "CSS": asset("view.css"),
        "DATA": script_json(view_data(view, lang)),
        "VIS": vis_network_js(),
        "JS": asset("view.js"),
    }
    page = _SLOT.sub(lambda m: slots[m.group(1)], asset("view.html"))
    if re.search(r"(?:src|href)\s*=\s*[\"']?https?://", page, re.IGNORECASE):
        raise ExportError("a remote resource is referenced in the view")
    return page
