"""Named initiatives: policies, programmes, platforms, mechanisms, campaigns, events, designations.

Each name found in a sentence or a task heading (``initiative_names.py``) becomes one initiative per
normalised label, with every mention, the places named in its sentence and its policy domains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from policykg.graph_builder.entities.initiative_names import Hit, heading_hits, normalise_label, sentence_hits
from policykg.graph_builder.entities.sectors import FALLBACK, heading_sectors, tag_text, text_sectors
from policykg.graph_builder.iris import slug
from policykg.graph_builder.model import Document, Initiative, PlaceMention, Sentence, Span

__all__ = ["extract_initiatives"]


def _heading_initiatives(doc: Document, found: dict[str, Initiative]) -> None:
    """Add heading mentions to known initiatives, and new ones whose first mention is a heading."""
    for section in doc.sections:
        if doc.text[section.begin : section.begin + len(section.title)] != section.title:
            continue
        for hit in heading_hits(section.title):
            key = slug(normalise_label(hit.label))
            span = Span(section.begin + hit.begin, section.begin + hit.end, section.title[hit.begin : hit.end])
            if key in found:
                found[key] = replace(found[key], headings=found[key].headings + (span,))
                continue
            found[key] = Initiative(
                key=key,
                label=hit.label,
                kind=hit.kind,
                action=hit.action,
                spans=(),
                sentences=(),
                section=section.key,
                headings=(span,),
                sectors=_heading_sectors(doc, hit.label, section.key),
            )


def _heading_sectors(doc: Document, label: str, section: str) -> tuple[str, ...]:
    tags = tuple(t for t in tag_text(label) if t != FALLBACK)
    return tags or heading_sectors(doc, section) or (FALLBACK,)


def extract_initiatives(doc: Document, mentions: tuple[PlaceMention, ...] = ()) -> tuple[Initiative, ...]:
    """Every initiative of a report, one per normalised label, with its mentions and context."""
    found: dict[str, Initiative] = {}
    by_sentence: dict[int, list[PlaceMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for sentence in doc.sentences:
        for hit in sentence_hits(sentence.text):
            key = slug(normalise_label(hit.label))
            span = sentence.span(hit.begin, hit.end)
            if key in found:
                old = found[key]
                found[key] = replace(old, spans=old.spans + (span,), sentences=old.sentences + (sentence.index,))
                continue
            found[key] = _initiative(doc, sentence, hit, key, span, by_sentence.get(sentence.index, ()))
    _heading_initiatives(doc, found)
    return tuple(found.values())


def _initiative(
    doc: Document, sentence: Sentence, hit: Hit, key: str, span: Span, mentions: Sequence[PlaceMention]
) -> Initiative:
    places = tuple(dict.fromkeys(m.place for m in mentions))
    label = (
        hit.label.strip("“”")
        if hit.label.count("“") <= 1 and hit.label.startswith("“") and hit.label.endswith("”")
        else hit.label
    )
    return Initiative(
        key=key,
        label=label,
        kind=hit.kind,
        action=hit.action,
        spans=(span,),
        sentences=(sentence.index,),
        section=sentence.section,
        places=places,
        sectors=text_sectors(doc, hit.label, sentence),
    )
