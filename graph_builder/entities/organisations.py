"""Organisations: banks, institutes, hospitals, universities, companies, legislatures and agencies.

Most organisations end their names with a telling suffix (…银行, …研究院, …医院, …大学, …公司); the
report's own institutions are written relative to its level (省人大, 省政协, 省委, 省政府, 常委会) and
are named globally by the jurisdiction they belong to, so two reports of one province meet at one node.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykg.graph_builder.entities.word_index import WordIndex, word_index
from policykg.graph_builder.iris import slug
from policykg.graph_builder.lexicons import Lexicon, cached, lexicon
from policykg.graph_builder.model import Document, Organisation, PlaceMention, Span

_HAN = re.compile(r"[\u4e00-\u9fff]+")  # Chinese characters: the letters of a name
_Found = tuple[int, int, str, str, bool]  # begin, end, kind, key, whether it is the report's own body


def _lex() -> Lexicon:
    """The organisations lexicon: suffixes, the words of the report's own bodies, and the patterns."""
    return lexicon("organisations")


@cached
def _suffixes() -> tuple[tuple[str, str], ...]:
    """(suffix, kind), longest first (ties in the lexicon's order), so a longer suffix claims its name first."""
    kinds = _lex().table("suffixes")
    return tuple((suffix, kinds[suffix]) for suffix in _lex().longest_first("suffixes"))


@cached
def _suffix_index() -> WordIndex:
    """The suffixes indexed for one pass over a sentence."""
    return word_index(suffix for suffix, _ in _suffixes())


def _suffix_hits(text: str, places: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(begin, end, kind) of names ending in an organisation suffix; a place name starts one."""
    lex = _lex()
    out: list[tuple[int, int, str]] = []
    cut_at, inside = lex.pattern("patterns.name_break"), lex.chars("name_conjunctions")
    generic = lex.words("generic_heads")
    at = _suffix_index().starts(text)
    for suffix, kind in _suffixes():
        last_end = -1
        for start in (i for i, words in at if suffix in words):
            if start < last_end:
                continue  # occurrences of one suffix do not overlap
            end = last_end = start + len(suffix)
            run_start = end
            while run_start > 0 and _HAN.fullmatch(text[run_start - 1]) and end - run_start < 16:
                run_start -= 1
            run = text[run_start:end]
            cut = cut_at.match(run[: -len(suffix)])
            if cut and len(run) - len(suffix) - cut.end() < 2 and run[cut.end() - 1] in inside:
                cut = cut_at.match(run[: cut.end() - 1])  # 仁和医院: 和 inside the name
            begin = run_start + (cut.end() if cut else 0)
            starts = [run.find(p) for p in places if 0 <= run.find(p) < len(run) - len(suffix)]
            if starts:
                begin = run_start + min(starts)
            name = text[begin:end]
            if len(name) - len(suffix) < 2 or name.startswith(generic):
                continue
            if any(b <= begin < e or b < end <= e for b, e, _ in out):
                continue
            out.append((begin, end, kind))
    return out


def extract_organisations(
    doc: Document,
    mentions: tuple[PlaceMention, ...] = (),
) -> tuple[Organisation, ...]:
    """Every organisation of a report, one per name; the report's own bodies keyed by its place.

    >>> from policykg.graph_builder.pipeline import read_text
    >>> orgs = extract_organisations(read_text("2024年河北省政府工作报告\\n\\n执行省人大决议,河北银行开业。"))
    >>> [(o.label, o.key, o.kind) for o in orgs]
    [('省政府', '河北省政府', 'GovernmentAgency'), ('河北银行', '河北银行', 'Bank'), ('省人大', '河北省人大', 'Legislature')]
    """
    home, lex = doc.meta.place or "", _lex()
    found: dict[str, Organisation] = {}
    by_sentence: dict[int, tuple[PlaceMention, ...]] = {}
    for mention in mentions:
        by_sentence[mention.sentence] = by_sentence.get(mention.sentence, ()) + (mention,)
    for sentence in doc.sentences:
        text = sentence.text
        here = by_sentence.get(sentence.index, ())
        places = tuple(m.span.text for m in here)
        hits: list[_Found] = [(b, e, kind, text[b:e], False) for b, e, kind in _suffix_hits(text, places)]
        hits += _own_hits(text, home, hits)
        for m in lex.pattern("patterns.agency").finditer(text):
            if not any(b <= m.start() < e or m.start() <= b < m.end() for b, e, *_ in hits):
                hits.append((m.start(), m.end(), "GovernmentAgency", _agency_key(home, m.group()), True))
        for m in lex.pattern("patterns.standing").finditer(text):
            hits.append((m.start(), m.end(), "Legislature", home + lex.text("standing_key"), True))
        for m in lex.pattern("patterns.media").finditer(text):
            hits.append((m.start(1), m.end(1), "Media", m.group(1), False))
        for m in lex.pattern("patterns.party").finditer(text):
            hits.append((m.start(), m.start() + 1, "PoliticalParty", lex.text("party_key"), False))
        for b, e, kind, key, own in hits:
            _add(found, doc, sentence.index, b, e, kind, key, own, here)
    return tuple(found.values())


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
                out.append((m.start(), m.end(), kinds[m.group(2)], key, True))
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
    if m.group(2) in lex.set("own_ignored"):
        return False
    if m.group(1):
        return before not in lex.set("own_not_after")
    return not (_HAN.fullmatch(before) and before not in lex.chars("own_may_follow"))


def _add(
    found: dict[str, Organisation],
    doc: Document,
    index: int,
    b: int,
    e: int,
    kind: str,
    key_name: str,
    own: bool,
    mentions: tuple[PlaceMention, ...],
) -> None:
    sentence = doc.sentences[index]
    span = Span(sentence.offset(b), sentence.offset(e), sentence.text[b:e])
    key = slug(key_name)
    if key in found:
        old = found[key]
        found[key] = replace(old, spans=old.spans + (span,), sentences=old.sentences + (index,))
        return
    inside = [
        m.place for m in mentions if m.sentence == index and span.begin <= m.span.begin and m.span.end <= span.end
    ]
    place = inside[0] if inside else (doc.meta.place_code if own else None)
    found[key] = Organisation(key, sentence.text[b:e], kind, place, (span,), (index,))
