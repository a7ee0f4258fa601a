"""From a report to an :class:`~graph_builder.model.Extraction`: read, segment, extract.

This module only strings the pure stages together; it writes no RDF (``rdf.py`` does).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from graph_builder.extract_observations import extract_observations
from graph_builder.metadata import detect_meta
from graph_builder.model import Document, Extraction
from graph_builder.reader import read_report
from graph_builder.text import segment


def report_id(text: str, source_name: str, place_code: str | None, year: int | None) -> str:
    """A stable, readable identifier: ``<place code or file stem>-<year>-<8 hex of the text>``.

    The content hash keeps two different reports of one place and year apart, and makes a rebuild of
    the same text give the same IRIs.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    stem = place_code or re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "-", Path(source_name).stem).strip("-")[:40]
    parts = [p for p in (stem or "report", str(year) if year else None, digest) if p]
    return "-".join(parts)


def read_text(text: str, source_name: str = "report.txt", place: str | None = None,
              year: int | None = None) -> Document:
    """Segment report text into a :class:`Document` (no file access)."""
    meta = detect_meta(text, place=place, year=year)
    seg = segment(text)
    rid = report_id(text, source_name, meta.place_code, meta.year)
    return Document(rid, Path(source_name).name, text, meta, seg.sections, seg.sentences)


def extract(doc: Document) -> Extraction:
    """Run every extractor over a document."""
    return Extraction(doc, extract_observations(doc))


def extract_file(path: str | Path, encoding: str | None = None, place: str | None = None,
                 year: int | None = None) -> Extraction:
    """Read a report file and extract everything from it."""
    read = read_report(path, encoding)
    return extract(read_text(read.text, str(path), place, year))
