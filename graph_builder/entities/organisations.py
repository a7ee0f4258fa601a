"""Organisations: banks, institutes, hospitals, universities, companies, legislatures and agencies.

Most organisations end their names with a telling suffix (…银行, …研究院, …医院, …大学, …公司); the
report's own institutions are written relative to its level (省人大, 省政协, 省委, 省政府, 常委会) and
are named globally by the jurisdiction they belong to, so two reports of one province meet at one node.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from policykg.graph_builder.entities.org_names import (
    Name,
    known_names,
    listed_companies,
    org_lex,
    shared_head_names,
    suffix_names,
)
from policykg.graph_builder.iris import slug
from policykg.graph_builder.lexicons import Lexicon
from policykg.graph_builder.lexicons.gazetteer import CHINA
from policykg.graph_builder.model import Document, Organisation, PlaceMention, Span

_HAN = re.compile(r"[\u4e00-\u9fff]+")  # Chinese characters: the letters of a name
_Found = tuple[int, int, str, str, bool, str]  # begin, end, kind, key, whether it is the report's own body, label


def _lex() -> Lexicon:
    return org_lex()


def extract_organisations(
    doc: Document,
    mentions: tuple[PlaceMention, ...] = (),
) -> tuple[Organisation, ...]:
    """Every organisation of a report, one per name; the report's own bodies keyed by its place.

    >>> from policykg.graph_builder.pipeline import read_text
    >>> orgs = extract_organisations(read_text("2024年河北省政府工作报告\\n\\n省政府执行省人大决议,河北银行开业。"))
    >>> [(o.label, o.key, o.kind) for o in orgs]
    [('省政府', '河北省政府', 'GovernmentAgency'), ('省人大', '河北省人大', 'Legislature'), ('河北银行', '河北银行', 'Bank')]
    """
    home = doc.meta.place or ""
    found: dict[str, Organisation] = {}
    by_sentence: dict[int, tuple[PlaceMention, ...]] = {}
    for mention in mentions:
        by_sentence[mention.sentence] = by_sentence.get(mention.sentence, ()) + (mention,)
    headings = [
        Span(h.begin, h.begin + len(h.title), h.title)
        for h in doc.sections
        if doc.text[h.begin : h.begin + len(h.title)] == h.title
    ] + list(doc.header)
    order = sorted([(s.begin, 1, s.index) for s in doc.sentences] + [(h.begin, 0, i) for i, h in enumerate(headings)])
    for _, is_sentence, index in order:  # in the order of the text, so a name's first form is its label
        if is_sentence:
            sentence, here = doc.sentences[index], by_sentence.get(index, ())
            for hit in _sentence_hits(sentence.text, home, here, sentence.offset):
                _add(found, doc, index, hit, here)
            continue
        heading = headings[index]
        for hit in _sentence_hits(heading.text, home, (), partial(operator.add, heading.begin)):
            _add_heading(found, doc, heading.begin, hit)
    return tuple(found.values())


def _add_heading(found: dict[str, Organisation], doc: Document, at: int, hit: _Found) -> None:
    """A name in a heading or a header line (来源：…日报, …人民代表大会…会议上)."""
    b, e, kind, key_name, own, label = hit
    span = Span(at + b, at + e, doc.text[at + b : at + e])
    key = slug(key_name)
    if key in found:
        found[key] = replace(found[key], headings=found[key].headings + (span,))
        return
    place = doc.meta.place_code if own else None
    found[key] = Organisation(key, label, kind, place, (), (), (span,))


def _sentence_hits(text: str, home: str, here: tuple[PlaceMention, ...], offset: Callable[[int], int]) -> list[_Found]:
    """Every organisation named in one sentence; a name found by a surer rule keeps its place."""
    lex = _lex()
    places = tuple(m.span.text for m in here if m.place != CHINA)
    hits: list[_Found] = [_suffix_found(n, home) for n in suffix_names(text, places)]
    known = [n for n in known_names(text) if not _is_place(n, here, offset)]
    for n in known + shared_head_names(text) + listed_companies(text):
        if _free(hits, n.begin, n.end):
            hits.append((n.begin, n.end, n.kind, n.label, False, n.label))
    hits += _own_hits(text, home, hits)
    for m in lex.pattern("patterns.agency").finditer(text):
        if _free(hits, m.start(), m.end()):
            hits.append((m.start(), m.end(), "GovernmentAgency", _agency_key(home, m.group()), True, m.group()))
    for m in lex.pattern("patterns.standing").finditer(text):
        hits.append((m.start(), m.end(), "Legislature", home + lex.text("standing_key"), True, m.group()))
    for m in lex.pattern("patterns.media").finditer(text):
        if _free(hits, m.start(1), m.end(1)):
            hits.append((m.start(1), m.end(1), "Media", m.group(1), False, m.group(1)))
    for m in lex.pattern("patterns.party").finditer(text):
        hits.append((m.start(), m.start() + 1, "PoliticalParty", lex.text("party_key"), False, m.group()[0]))
    for m in lex.pattern("patterns.academies").finditer(text):
        hits.append((m.start(), m.end(), "Academy", m.group(), False, m.group()))
    return sorted(hits, key=lambda h: (h[0], -h[1]))


def _free(hits: list[_Found], begin: int, end: int) -> bool:
    """Whether no name found so far overlaps ``[begin, end)``."""
    return not any(b < end and begin < e for b, e, *_ in hits)


def _is_place(name: Name, here: tuple[PlaceMention, ...], offset: Callable[[int], int]) -> bool:
    """Whether a known name is read as a place in this sentence (阿里 in a report of Tibet is 阿里地区)."""
    begin, end = offset(name.begin), offset(name.end)
    return any(m.span.begin < end and begin < m.span.end for m in here)


def _suffix_found(name: Name, home: str) -> _Found:
    """A suffix name; one that begins with the report's own place and ends with the name of one of its own
    bodies (江苏省第十四届人民代表大会, 江苏省人民政府) is that body, keyed as its short form is (江苏省人大)."""
    own_keys: dict[str, str] = _lex().table("own_suffix_keys")
    suffix = next((s for s in own_keys if name.label.endswith(s)), None)
    if suffix is not None and home and name.label.startswith(home):
        return (name.begin, name.end, name.kind, home + own_keys[suffix], True, name.label)
    return (name.begin, name.end, name.kind, name.label, False, name.label)


def _own_hits(text: str, home: str, hits: list[_Found]) -> list[_Found]:
    """The report's own bodies (省委, 省政府, 人大), keyed by the report's place, outside the names found."""
    lex = _lex()
    out: list[_Found] = []
    kinds: dict[str, str] = lex.table("own_kinds")
    key_forms: dict[str, str] = lex.table("own_key_forms")
    for m in lex.pattern("patterns.own").finditer(text):
        if m.group(1) or m.group(2) in lex.set("own_without_level"):
            level = m.group(1) or home[-1:]
            body = key_forms.get(m.group(2), m.group(2))
            key = home + body
            if m.group(1) and home and not home.endswith(level):
                key = f"{home}{m.group(1)}{body}"
            if not any(b <= m.start() < e for b, e, *_ in hits + out) and _own_ok(text, m):
                out.append((m.start(), m.end(), kinds[m.group(2)], key, True, m.group()))
    return out


def _agency_key(home: str, name: str) -> str:
    """市发展和改革委员会 in a report of 宜昌市 is 宜昌市发展和改革委员会."""
    level = next((w for w in _lex().words("agency_levels") if name.startswith(w)), "")
    return home + name[len(level) :] if home.endswith(level) else home + name


def _own_ok(text: str, m: re.Match[str]) -> bool:
    """省委 in 省委决策部署 is the committee; 委 inside 发改委 or 委员 is not this rule's."""
    lex = _lex()
    before = text[m.start() - 1 : m.start()] if m.start() else ""
    after = text[m.end() : m.end() + 1]
    if m.group(2) in lex.set("own_needs_level") and (after in lex.set("own_not_before") or not m.group(1)):
        return False
    if m.group(2) in lex.set("own_ignored") or text.startswith(lex.words("own_not_before_words"), m.end()):
        return False
    if m.group(1):
        return before not in lex.set("own_not_after")
    return not (_HAN.fullmatch(before) and before not in lex.chars("own_may_follow"))


def _add(
    found: dict[str, Organisation],
    doc: Document,
    index: int,
    hit: _Found,
    mentions: tuple[PlaceMention, ...],
) -> None:
    b, e, kind, key_name, own, label = hit
    sentence = doc.sentences[index]
    span = sentence.span(b, e)
    key = slug(key_name)
    if key in found:
        old = found[key]
        found[key] = replace(old, spans=old.spans + (span,), sentences=old.sentences + (index,))
        return
    inside = [m.place for m in mentions if span.begin <= m.span.begin and m.span.end <= span.end]
    place = inside[0] if inside else (doc.meta.place_code if own else None)
    found[key] = Organisation(key, label, kind, place, (span,), (index,))
