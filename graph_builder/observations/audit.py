"""What became of every number a report writes: an observation (with its role) or a named exclusion rule.

A numeral token is a run of Arabic digits (2.57, 1,234), or a run of Chinese numerals written like a
figure (followed by a unit or a magnitude, or read as one by the figure stage: 八成, 三分之一, 翻一番).
Each token gets one fate: ``observation:<role>`` when an observation's figure covers it, the name of
the rule that rejects it (:func:`~policykg.graph_builder.observations.filters.rules`), ``heading`` or
``page`` when it stands in a heading or outside the report's text (page chrome, title block, footer),
or ``unexplained``. The share of unexplained tokens says how much of a report the rules have not
decided, whatever the gold files cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.graph_builder.model import Document, Observation, Sentence
from policykg.graph_builder.observations.figures import QUOTED, scan
from policykg.graph_builder.observations.numerals import cn_numeral, groups
from policykg.graph_builder.observations.phrasing import pattern
from policykg.graph_builder.read.text import normalise

UNEXPLAINED = "unexplained"


@dataclass(frozen=True)
class Fate:
    """One numeral token of a report and what became of it."""

    begin: int  # offsets into the report text
    end: int
    text: str
    fate: str  # observation:<role>, a rule name, heading, page or unexplained
    sentence: int | None = None  # Sentence.index when the token stands in a sentence


def audit(doc: Document, observations: tuple[Observation, ...]) -> list[Fate]:
    """Every numeral token of the report, in order, with its fate."""
    by_sentence: dict[int, list[Observation]] = {}
    for o in observations:
        by_sentence.setdefault(o.sentence, []).append(o)
    fates: list[Fate] = []
    for sentence in doc.sentences:
        fates.extend(_sentence_fates(sentence, by_sentence.get(sentence.index, [])))
    covered = [(s.begin, s.end) for s in doc.sentences]
    titles = [(s.begin, s.begin + len(s.title)) for s in doc.sections]
    for line in re.finditer(r"[^\r\n]+", doc.text):
        for a, b in _tokens(line.group()):
            begin, end = line.start() + a, line.start() + b
            if any(x <= begin < y for x, y in covered):
                continue
            fate = "heading" if any(x <= begin < y for x, y in titles) else "page"
            fates.append(Fate(begin, end, doc.text[begin:end], fate))
    return sorted(fates, key=lambda f: f.begin)


def _sentence_fates(sentence: Sentence, observations: list[Observation]) -> list[Fate]:
    text = normalise(sentence.text)
    figures, rejected = scan(sentence.text)
    out = []
    for a, b in _tokens(sentence.text):
        begin, end = sentence.offset(a), sentence.offset(b - 1) + 1
        made = next((o for o in observations if o.figure.begin <= begin < o.figure.end), None)
        if made is not None:
            fate = f"observation:{made.role.value}"
        else:
            rule = next((r.rule for r in rejected if r.start <= a < r.end), None)
            found = any(f.start <= a < f.end for f in figures)
            fate = rule if rule not in (None, "unitless") else ("dropped" if found else _bare(text, a, b))
            if fate == "dropped" or rule == "unitless":
                fate = UNEXPLAINED
        out.append(Fate(begin, end, sentence.text[a:b], fate, sentence.index))
    return out


def _bare(text: str, a: int, b: int) -> str:
    """The rule for a number that is no candidate figure at all: in quotes, a code, a date, a heading's
    number, a formula (1+N, 7×24), an ordinal; else unexplained."""
    if any(m.start() <= a < m.end() for m in QUOTED.finditer(text)):
        return "quoted"
    if re.match(r"[A-Za-z]", text[b : b + 1]) or re.search(r"[A-Za-z][._-]?$", text[:a]):
        return "code"
    token = text[a:b]
    if re.fullmatch(r"(?:19|20)\d\d", token):
        return "year"  # 2025中国足协杯: a year naming an event
    if re.fullmatch(r"\d{5,}", token):
        return "code"  # 12345: a hotline, a number as a name
    if re.fullmatch(r"\d\.0", token):
        return "version"  # 数字政府2.0建设
    for rule in ("heading_number", "date", "formula", "ordinal", "in_name", "anniversary", "version", "streak_word"):
        if pattern(f"audit_{rule}").search(text[max(0, a - 4) : a] + "\0" + text[b : b + 4]):
            return rule
    return UNEXPLAINED


def _tokens(text: str) -> list[tuple[int, int]]:
    """Numeral tokens: Arabic numbers, and Chinese numerals written like figures (see the module)."""
    norm = normalise(text)
    figures, rejected = scan(text)
    candidates = [(f.start, f.end) for f in figures] + [(r.start, r.end) for r in rejected]
    magnitudes, chinese = "".join(groups()), cn_numeral() + "".join(groups())
    spans = []
    for m in re.finditer(rf"\d+(?:[.,]\d+)*[{magnitudes}]*|[{chinese}]+", norm):
        a, b = m.start(), m.end()  # 3.2万亿 is one token; a Chinese run only when written like a figure
        if norm[a].isdigit() or any(x <= a < y or a <= x < b for x, y in candidates):
            spans.append((a, b))
    return spans
