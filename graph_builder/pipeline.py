"""From a report to an :class:`~graph_builder.model.Extraction`: read, segment, extract.

This module only strings the pure stages together; it writes no RDF (``rdf.py`` does).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from policykg.graph_builder.entities.initiatives import extract_initiatives
from policykg.graph_builder.entities.organisations import extract_organisations
from policykg.graph_builder.entities.places import extract_places
from policykg.graph_builder.entities.relations import outcome_links
from policykg.graph_builder.entities.sectors import extract_sector_tags
from policykg.graph_builder.lexicons.gazetteer import code_for
from policykg.graph_builder.model import Document, Extraction, Initiative, Organisation
from policykg.graph_builder.observations.extract import extract_observations
from policykg.graph_builder.read.metadata import detect_meta
from policykg.graph_builder.read.reader import check_text, read_report
from policykg.graph_builder.read.text import header_lines, segment


def report_id(text: str, source_name: str, place_code: str | None, year: int | None) -> str:
    """A stable, readable identifier: ``<place code or file stem>-<year>-<8 hex of the text>``.

    The content hash keeps two different reports of one place and year apart, and makes a rebuild of
    the same text give the same IRIs.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    stem = place_code or re.sub(r"[^0-9A-Za-z\u4e00-\u9fff]+", "-", Path(source_name).stem).strip("-")[:40]
    parts = [p for p in (stem or "report", str(year) if year else None, digest) if p]
    return "-".join(parts)


def read_text(
    text: str, source_name: str = "report.txt", place: str | None = None, year: int | None = None
) -> Document:
    """Segment report text into a :class:`Document` (no file access)."""
    meta = detect_meta(check_text(text), place=place, year=year)
    if meta.place_code is None and meta.place:
        meta = replace(meta, place_code=code_for(meta.place))
    seg = segment(text)
    rid = report_id(text, source_name, meta.place_code, meta.year)
    return Document(rid, Path(source_name).name, text, meta, seg.sections, seg.sentences, header_lines(text))


def extract(doc: Document) -> Extraction:
    """Run every extractor over a document."""
    observations = extract_observations(doc)
    places, mentions = extract_places(doc)
    organisations = extract_organisations(doc, mentions)
    initiatives = extract_initiatives(doc, mentions)
    return Extraction(
        doc,
        observations,
        places=places,
        place_mentions=mentions,
        sector_tags=extract_sector_tags(doc, observations),
        initiatives=_with_organisations(initiatives, organisations),
        organisations=organisations,
        outcomes=outcome_links(doc, initiatives, observations),
    )


def _with_organisations(
    initiatives: tuple[Initiative, ...], organisations: tuple[Organisation, ...]
) -> tuple[Initiative, ...]:
    """An organisation named in an initiative's sentence is taken as one that carries it out.

    Organisations are filed by sentence once, so each initiative looks up its own sentences instead of
    comparing them with every organisation's; they keep the organisations' order.
    """
    by_sentence: dict[int, list[int]] = {}
    for n, org in enumerate(organisations):
        for sentence in set(org.sentences):
            by_sentence.setdefault(sentence, []).append(n)
    out = []
    for ini in initiatives:
        found = {n for sentence in set(ini.sentences) for n in by_sentence.get(sentence, ())}
        orgs = tuple(organisations[n].key for n in sorted(found))
        out.append(replace(ini, organisations=orgs) if orgs else ini)
    return tuple(out)


def extract_file(
    path: str | Path, encoding: str | None = None, place: str | None = None, year: int | None = None
) -> Extraction:
    """Read a report file and extract everything from it."""
    read = read_report(path, encoding)
    return extract(read_text(read.text, str(path), place, year))
