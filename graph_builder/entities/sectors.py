"""Policy domains (lexicons/sectors.ttl) for figures and initiatives, from keywords and headings.

A figure's own words decide first (制造业增加值 is manufacturing); when they name no domain, the
clause around the figure does. The section heading always counts as well, because reports group
their figures by domain (everything under 能源保障坚实有力 is energy).
"""

from __future__ import annotations

from dataclasses import dataclass

from policykg.graph_builder.entities.word_index import WordIndex, clauses, word_index
from policykg.graph_builder.lexicons import cached
from policykg.graph_builder.lexicons.sectors import sector_scheme
from policykg.graph_builder.model import Document, Observation, SectorTag, Sentence

DOMAIN_NS = "https://w3id.org/policykg/id/sector/domain/"
FALLBACK = "economy"


@dataclass(frozen=True)
class Domain:
    """A policy domain: its slug, Chinese label and the keywords that signal it."""

    slug: str
    label: str
    keywords: tuple[str, ...]


@cached
def domains() -> tuple[Domain, ...]:
    """The policy domains of the packaged SKOS scheme."""
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    g = sector_scheme()
    out = []
    for s in sorted(set(g.subjects(SKOS.hiddenLabel, None)), key=str):
        if not isinstance(s, URIRef) or not str(s).startswith(DOMAIN_NS):
            continue
        label = next((str(o) for o in g.objects(s, SKOS.prefLabel) if getattr(o, "language", None) == "zh"), "")
        keywords = tuple(sorted({str(o) for o in g.objects(s, SKOS.hiddenLabel)}))
        out.append(Domain(str(s)[len(DOMAIN_NS) :], label, keywords))
    return tuple(out)


@cached
def _keyword_index() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(keyword, domains) pairs, longest keyword first, so 新能源汽车 wins over 新能源."""
    index: dict[str, list[str]] = {}
    for d in domains():
        for k in (*d.keywords, d.label):
            index.setdefault(k, []).append(d.slug)
    return tuple(sorted(((k, tuple(v)) for k, v in index.items()), key=lambda kv: -len(kv[0])))


class _Tagger:
    """The keywords indexed for one pass over a text, each keyword's rank (longest first) and domains, and
    the texts tagged lately (a clause is asked about once per figure it holds)."""

    MEMO = 4096

    def __init__(self, index: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        self.words: WordIndex = word_index(k for k, _ in index)
        self.ranks = {k: (rank, slugs) for rank, (k, slugs) in enumerate(index)}
        self.memo: dict[str, tuple[str, ...]] = {}

    def tags(self, text: str) -> tuple[str, ...]:
        found = self.memo.get(text)
        if found is None:
            if len(self.memo) >= self.MEMO:
                self.memo.clear()
            found = self.memo[text] = self._tag(text)
        return found

    def _tag(self, text: str) -> tuple[str, ...]:
        ranks = self.ranks
        found = sorted((ranks[k][0], start, k) for start, words in self.words.starts(text) for k in words)
        taken = [False] * len(text)
        hits: list[tuple[int, str]] = []
        last: tuple[int, int] = (-1, 0)  # (rank, end) of the keyword occurrence seen last
        for rank, start, keyword in found:
            if last[0] == rank and start < last[1]:
                continue  # an overlapping repeat of the same keyword: counted once, from the left
            end = start + len(keyword)
            last = (rank, end)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(keyword)
                hits.extend((start, s) for s in ranks[keyword][1])
        seen: dict[str, None] = {}
        for _, slug in sorted(hits):
            seen.setdefault(slug, None)
        return tuple(seen)


@cached
def _tagger() -> _Tagger:
    return _Tagger(_keyword_index())


def tag_text(text: str) -> tuple[str, ...]:
    """Domains whose keywords occur in ``text``, in order of first occurrence.

    Keywords claim their characters longest first, so 新能源汽车 keeps 新能源 from counting inside it.

    >>> tag_text("制造业增加值增长8.1%"), tag_text("新能源汽车零售额")
    (('manufacturing', 'economy'), ('commerce',))
    """
    return _tagger().tags(text)


def heading_sectors(doc: Document, section: str | None) -> tuple[str, ...]:
    """Domains named by a section's heading, or else by its parent headings."""
    by_key = {s.key: s for s in doc.sections}
    while section is not None and section in by_key:
        tags = tag_text(by_key[section].title)
        tags = tuple(t for t in tags if t != FALLBACK)
        if tags:
            return tags
        section = by_key[section].parent
    return ()


def clause_around(sentence: Sentence, needle: str) -> str:
    """The clause of ``sentence`` that holds ``needle`` (the whole sentence when not found)."""
    at = sentence.text.find(needle)
    if at < 0:
        return sentence.text
    for start, end in clauses(sentence.text):
        if start <= at < end:
            return sentence.text[start:end]
    return sentence.text


def observation_tags(doc: Document, index: int, obs: Observation) -> list[SectorTag]:
    """Tags for one figure: its indicator's domains, else its clause's, plus its heading's."""
    sentence = doc.sentences[obs.sentence]
    tags = [SectorTag(index, s, "keyword") for s in tag_text(obs.indicator) if s != FALLBACK]
    if not tags:
        clause = clause_around(sentence, obs.figure.text)
        tags = [SectorTag(index, s, "keyword") for s in tag_text(clause)]
    have = {t.sector for t in tags}
    tags += [SectorTag(index, s, "heading") for s in heading_sectors(doc, sentence.section) if s not in have]
    return tags


def extract_sector_tags(
    doc: Document,
    observations: tuple[Observation, ...],
) -> tuple[SectorTag, ...]:
    """Sector tags for every observation of a report."""
    out: list[SectorTag] = []
    for i, obs in enumerate(observations):
        out.extend(observation_tags(doc, i, obs))
    return tuple(out)


def text_sectors(doc: Document, label: str, sentence: Sentence) -> tuple[str, ...]:
    """Domains for a named thing: its label, else its clause, sentence, heading, else economy."""
    for text in (label, clause_around(sentence, label), sentence.text):
        tags = tuple(t for t in tag_text(text) if t != FALLBACK)
        if tags:
            return tags
    return heading_sectors(doc, sentence.section) or (FALLBACK,)
