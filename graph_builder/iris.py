"""Stable, readable IRIs minted from content, so a rebuild gives the same names.

Places are named by their GB/T 2260 code, reports by place code, year and a text hash, and
everything else inside a report by its position or normalised label.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from policykg.ontology.namespaces import ID, INTERVAL

_UNSAFE = re.compile(r"[^0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff._~-]+")


def slug(label: str) -> str:
    """A label made safe for an IRI path segment, keeping Chinese characters readable.

    >>> slug("“链长制”"), slug("A B/C")
    ('链长制', 'A-B-C')
    """
    return _UNSAFE.sub("-", label).strip("-")[:80] or "x"


def report(rid: str) -> URIRef:
    return ID[f"report/{rid}"]


def in_report(rid: str, kind: str, local: str) -> URIRef:
    """A resource that belongs to one report: ``id/report/<rid>/<kind>/<local>``."""
    return ID[f"report/{rid}/{kind}/{local}"]


def place(code: str) -> URIRef:
    return ID[f"place/{code}"]


def indicator(label: str) -> URIRef:
    return ID[f"indicator/{slug(label)}"]


def period(label: str) -> URIRef:
    """A reference interval IRI for a period label (2023, 2021-2023, cumulative:2023)."""
    label = label.split(":")[-1]
    m = re.fullmatch(r"(\d{4})-(\d{4})", label)
    if m:
        start, stop = int(m.group(1)), int(m.group(2))
        return INTERVAL[f"gregorian-interval/{start}-01-01T00:00:00/P{stop - start + 1}Y"]
    if re.fullmatch(r"\d{4}", label):
        return INTERVAL[f"year/{label}"]
    return ID[f"period/{slug(label)}"]


def sector(scheme: str, code: str) -> URIRef:
    return ID[f"sector/{scheme}/{slug(code)}"]


def scheme(name: str) -> URIRef:
    return ID[f"scheme/{name}"]


def software(version: str) -> URIRef:
    return ID[f"software/policykg/{version}"]


def organization(key: str) -> URIRef:
    """Organisations are global (``id/organization/<slug>``) so two reports meet at one node."""
    return ID[f"organization/{slug(key)}"]


def sector_domain(name: str) -> URIRef:
    return sector("domain", name)
