"""Tidy CSV tables (observations, initiatives, places) that open in a spreadsheet with Chinese intact.

UTF-8 with a byte-order mark, because Excel reads a BOM-less CSV in the system code page and turns
Chinese into mojibake; CRLF line ends as RFC 4180 asks. Rows are sorted so the files are
byte-identical across runs.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.exports.files import write_atomic
from policykg.exports.views import Model, load_model
from policykg.ontology.vocabulary import INITIATIVE_CLASSES, PLACE_CLASSES
from policykg.queries import get_query
from policykg.queries.stores import text_rows

if TYPE_CHECKING:
    from rdflib import Graph

    from policykg.queries.stores import Store

TABLES = ("observations", "initiatives", "places")


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """RFC 4180 CSV, UTF-8 with BOM.

    >>> csv_bytes(["地区"], [["太原市"]])[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def observations(graph: Graph | Store) -> tuple[list[str], list[list[str]]]:
    """The contract query ``observations``, one row per observation."""
    header, rows = text_rows(graph, get_query("observations"))
    return header, [["" if t is None else t for t in row] for row in rows]


def _targets(model: Model) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in model.edges:
        out[(e.source, e.relation)].append(model.nodes[e.target].label)
    return out


def initiatives(model: Model) -> tuple[list[str], list[list[str]]]:
    """Initiatives with their type, sectors, places, organisations, outcomes and source sentence."""
    links = _targets(model)
    header = ["initiative", "type", "label", "sectors", "places", "implementedBy", "outcomes", "sentence"]
    rows = [
        [
            n.iri,
            n.cls,
            n.label,
            "; ".join(sorted(n.sectors)),
            "; ".join(sorted(links[(n.iri, "place")])),
            "; ".join(sorted(links[(n.iri, "implementedBy")])),
            "; ".join(sorted(links[(n.iri, "hasOutcome")])),
            n.sentence or "",
        ]
        for n in sorted(model.nodes.values(), key=lambda n: n.iri)
        if n.cls in INITIATIVE_CLASSES
    ]
    return header, rows


def places(model: Model) -> tuple[list[str], list[list[str]]]:
    """Places with their type, zh/en labels, GB/T 2260 code and parent place."""
    links = _targets(model)
    header = ["place", "type", "label", "labelEn", "code", "within"]
    rows = [
        [
            n.iri,
            n.cls,
            n.label,
            n.label_en or "",
            dict(n.details).get("代码 code", ""),
            "; ".join(sorted(links[(n.iri, "within")])),
        ]
        for n in sorted(model.nodes.values(), key=lambda n: n.iri)
        if n.cls in PLACE_CLASSES
    ]
    return header, rows


def write_tables(graph: Graph | Store, out_dir: str | Path) -> list[Path]:
    """``observations.csv``, ``initiatives.csv`` and ``places.csv`` in ``out_dir`` (atomic writes)."""
    model = load_model(graph)
    out = Path(out_dir)
    tables = {"observations": observations(graph), "initiatives": initiatives(model), "places": places(model)}
    return [write_atomic(out / f"{name}.csv", csv_bytes(*tables[name])) for name in TABLES]
