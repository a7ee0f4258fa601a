"""Human documentation of the ontology as one self-contained HTML page.

Generated here rather than with pyLODE so that it needs no network and no extra dependency: the page
embeds its CSS and loads nothing, so it opens offline; external terms are plain links.
"""

from __future__ import annotations

from html import escape

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from policykg.ontology import load_ontology
from policykg.ontology.namespaces import PKG, PREFIXES

ONTOLOGY_IRI = URIRef(str(PKG).rstrip("#"))
SECTIONS: tuple[tuple[str, URIRef], ...] = (
    ("Classes 类", OWL.Class),
    ("Object properties 对象属性", OWL.ObjectProperty),
    ("Datatype properties 数据属性", OWL.DatatypeProperty),
    ("Named individuals 个体", OWL.NamedIndividual),
)
CSS = """
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#222}
h1{border-bottom:2px solid #446}h2{margin-top:2.5rem;color:#446}
.term{border:1px solid #ccd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.term h3{margin:.2rem 0;font-size:1.1rem}.iri{font-family:monospace;font-size:.85rem;color:#555}
dl{display:grid;grid-template-columns:9rem 1fr;gap:.2rem .8rem;margin:.4rem 0}dt{font-weight:600}
nav a{margin-right:.8rem}
"""


def curie(term: URIRef) -> str:
    """``pkg:Report`` rather than the full IRI, for every project prefix."""
    text = str(term)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if text.startswith(str(ns)) and len(text) > len(str(ns)):
            return f"{prefix}:{text[len(str(ns)) :]}"
    return text


def _link(term: object) -> str:
    if not isinstance(term, URIRef):
        return escape(str(term))
    if str(term).startswith(str(PKG)):
        return f'<a href="#{escape(curie(term).split(":", 1)[1])}">{escape(curie(term))}</a>'
    return f'<a href="{escape(str(term))}">{escape(curie(term))}</a>'


def _labels(graph: Graph, term: URIRef, prop: URIRef) -> str:
    values = sorted(graph.objects(term, prop), key=lambda v: (getattr(v, "language", "") or "", str(v)))
    return " / ".join(escape(str(v)) for v in values if isinstance(v, Literal))


def _term_html(graph: Graph, term: URIRef) -> str:
    rows: list[tuple[str, str]] = []
    for name, prop in (
        ("Label", RDFS.label),
        ("Definition", SKOS.definition),
        ("Comment", RDFS.comment),
        ("Notation", SKOS.notation),
    ):
        text = _labels(graph, term, prop)
        if text:
            rows.append((name, text))
    for name, prop in (
        ("Subclass of", RDFS.subClassOf),
        ("Subproperty of", RDFS.subPropertyOf),
        ("Domain", RDFS.domain),
        ("Range", RDFS.range),
        ("Inverse of", OWL.inverseOf),
        ("Equivalent to", OWL.equivalentProperty),
        ("Type", RDF.type),
    ):
        values = sorted(o for o in graph.objects(term, prop) if isinstance(o, URIRef))
        if values:
            rows.append((name, ", ".join(_link(v) for v in values)))
    local = curie(term).split(":", 1)[-1]
    body = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<div class="term" id="{escape(local)}"><h3>{escape(curie(term))}</h3>'
        f'<div class="iri">{escape(str(term))}</div><dl>{body}</dl></div>'
    )


def ontology_html(graph: Graph | None = None) -> str:
    """The documentation page: header metadata, then every class, property and individual.

    >>> "pkg:Observation" in ontology_html()
    True
    """
    g = graph if graph is not None else load_ontology()
    title = _labels(g, ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/title")) or "policykg ontology"
    description = _labels(g, ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/description"))
    parts = [f"<h1>{title}</h1>", f'<p class="iri">{escape(str(ONTOLOGY_IRI))}</p>', f"<p>{description}</p>"]
    nav = []
    for heading, kind in SECTIONS:
        terms = sorted(t for t in g.subjects(RDF.type, kind) if isinstance(t, URIRef) and _documented(g, t))
        anchor = heading.split()[0].lower()
        nav.append(f'<a href="#{anchor}">{escape(heading)} ({len(terms)})</a>')
        parts.append(f'<h2 id="{anchor}">{escape(heading)}</h2>')
        parts.extend(_term_html(g, t) for t in terms)
    parts.insert(3, f"<nav>{''.join(nav)}</nav>")
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{CSS}</style></head><body>{''.join(parts)}</body></html>\n"
    )


def _documented(graph: Graph, term: URIRef) -> bool:
    """Project terms, and the external ones the ontology labels (e.g. sdmx-dimension:refArea)."""
    return (
        str(term).startswith(str(PKG))
        or (term, RDFS.label, None) in graph
        or str(term).startswith("https://w3id.org/policykg/")
    )
