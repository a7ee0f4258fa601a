"""Text as the extractors see it: repaired line breaks, sections, sentences and offset maps.

Reports copied from PDFs and web pages break words across lines (``实施科`` / ``技金融专项``). We join
such lines back but keep, for every sentence, where its characters sit in the text as read, so every
extracted fact can cite exact code-point offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.graph_builder.lexicons import lexicon
from policykg.graph_builder.model import Section, Sentence, Span
from policykg.graph_builder.read.frame import frame, is_furniture

_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update(
    {
        "％": "%",
        "．": ".",
        "，": "，",
        "＋": "+",
        "－": "-",
        "／": "/",
        "～": "~",
        "：": "：",
        "\u3000": " ",
        "﹪": "%",
        "∶": ":",
        "（": "（",
        "）": "）",
    }
)
_MATCH_TABLE = str.maketrans({k: v for k, v in _FULLWIDTH.items() if len(v) == 1})

TERMINALS = "。！？!?"
_CLOSERS = "”’」』）)》】\"'"
_HEADING_ARABIC = re.compile(r"^\d{1,2}[.．、](?!\d)")
_HEADING_MAX = 40
_INNER_TERMINAL = re.compile(r"[。！？!?]")
LINE = re.compile("[^\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
"""A line: every break ``str.splitlines`` knows ends one, so no line, label or span holds a break."""


def _pattern(name: str) -> re.Pattern[str]:
    """A pattern of lexicon ``read``: heading numbers (一、, （一）) and the speaker's byline (市长　王某)."""
    return lexicon("read").pattern(f"patterns.{name}")


def normalise(text: str) -> str:
    """Same-length copy of ``text`` for pattern matching: full-width digits and signs made ASCII.

    Because it is one character for one character, an index found in the copy is an index in ``text``.

    >>> normalise("增长５．２％")
    '增长5.2%'
    """
    return text.translate(_MATCH_TABLE)


@dataclass(frozen=True)
class Piece:
    """A logical paragraph: its text with broken line breaks removed, and where each part came from."""

    text: str
    begin: int  # offset of text[0] in the source
    gaps: tuple[tuple[int, int], ...]  # (index in text, characters removed before it)
    is_heading: bool
    style: str  # heading style: cn, paren, arabic, plain; "" for body text

    def original(self, i: int) -> int:
        """Source offset of ``text[i]`` (``i == len(text)`` gives the end offset)."""
        shift = 0
        for at, removed in self.gaps:
            if at <= i:
                shift += removed
            else:
                break
        return self.begin + i + shift


def _raw_lines(text: str) -> list[tuple[int, str]]:
    """The report's own lines: inside its frame (below the title block, above the page footer), page
    furniture dropped."""
    bounds = frame(text)
    out = []
    for m in LINE.finditer(text):
        line = m.group()
        stripped = line.strip(" \t\u3000\u00a0")
        if stripped and bounds.begin <= m.start() < bounds.end and not is_furniture(stripped):
            out.append((m.start() + line.index(stripped[0]), stripped))
    return out


def header_lines(text: str) -> tuple[Span, ...]:
    """The lines of the page that are not the report's body: the title block above it, furniture lines
    (来源：…) and the page footer below it, as exact spans.

    They never become sections or sentences, but they name the report's congress and the newspaper
    it was published in, so the organisation extractor reads them.

    >>> [s.text for s in header_lines("下载\\n2026年某省政府工作报告\\n来源：某某日报\\n各位代表：\\n全省增长5%。")]
    ['下载', '2026年某省政府工作报告', '来源：某某日报']
    """
    bounds = frame(text)
    out = []
    for m in LINE.finditer(text):
        stripped = m.group().strip(" \t\u3000\u00a0")
        if stripped and (not bounds.begin <= m.start() < bounds.end or is_furniture(stripped)):
            at = m.start() + m.group().index(stripped[0])
            out.append(Span(at, at + len(stripped), stripped))
    return tuple(out)


def heading_style(line: str) -> str:
    """The numbering style of a heading line, or "" when the line is body text.

    >>> heading_style("一、加大升级再造力度, 壮大转型发展支撑"), heading_style("经济发展稳中向好")
    ('cn', 'plain')
    >>> heading_style("全省地区生产总值达到2.57万亿元,增长5%。")
    ''
    >>> heading_style("（一）经济运行稳中有进。全年增长5%。"), heading_style("（一）经济运行稳中有进")
    ('', 'paren')
    """
    if len(line) > _HEADING_MAX * 2 or _INNER_TERMINAL.search(line.rstrip(_CLOSERS + TERMINALS)):
        return ""  # a heading is one sentence; （一）经济稳中有进。全年增长5%。 is a paragraph
    if _pattern("heading_cn").match(line):
        return "cn" if not _ends_sentence(line) or len(line) <= _HEADING_MAX else ""
    if _pattern("heading_paren").match(line):
        return "paren" if len(line) <= _HEADING_MAX else ""
    if _HEADING_ARABIC.match(line) and len(line) <= _HEADING_MAX and not _ends_sentence(line):
        return "arabic"
    if len(line) > _HEADING_MAX or _ends_sentence(line) or line[0] in '(（《“"—-' or _pattern("byline").match(line):
        return ""
    if re.search(r"[，,；;：:]", line) and len(line) > 24:
        return ""
    return "plain"


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in TERMINALS + "；;：:"


def _continues(line: str, nxt: str) -> bool:
    """True when ``line`` was cut mid-sentence and ``nxt`` carries on (a broken line, not a new block)."""
    if _ends_sentence(line) or heading_style(nxt) in {"cn", "paren", "arabic"}:
        return False
    if any(t in line for t in TERMINALS):
        return True
    return len(line) >= 24 and bool(re.search(r"[，,、]", line))


def pieces(text: str) -> list[Piece]:
    """Split the report into logical paragraphs, rejoining lines that were broken mid-sentence."""
    lines = _raw_lines(text)
    out: list[Piece] = []
    i = 0
    while i < len(lines):
        begin, line = lines[i]
        parts, gaps = [line], []
        end = begin + len(line)
        while i + 1 < len(lines) and _continues("".join(parts), lines[i + 1][1]):
            nb, nl = lines[i + 1]
            gaps.append((sum(map(len, parts)), nb - end))
            parts.append(nl)
            end = nb + len(nl)
            i += 1
        joined = "".join(parts)
        style = heading_style(joined) if not gaps else ""
        out.append(Piece(joined, begin, tuple(gaps), bool(style), style))
        i += 1
    return out


_SENTENCE_END = re.compile(f"[{re.escape(TERMINALS)}][{re.escape(TERMINALS + _CLOSERS)}]*")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) indices within one paragraph: a sentence ends after 。！？ and closers.

    >>> sentence_bounds("增长5%。服务业增长5%!其余")
    [(0, 5), (5, 13), (13, 15)]
    """
    bounds, start, n = [], 0, len(text)
    for end in _SENTENCE_END.finditer(text):  # a terminal and the terminals and closers after it
        bounds.append((start, end.end()))
        start = end.end()
    if start < n and text[start:].strip():
        bounds.append((start, n))
    return bounds


@dataclass(frozen=True)
class Segmented:
    """The report cut into sections and sentences (each sentence maps back to source offsets itself)."""

    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]


def inline_heading(text: str) -> int:
    """Length of a numbered heading sentence at the start of a body paragraph, or 0.

    A numbered lead sentence can head its own paragraph: （五）改革开放纵深推进。全年…

    >>> inline_heading("（五）改革开放纵深推进。全年实际使用外资增长8%。")
    12
    >>> inline_heading("（五）改革开放纵深推进。"), inline_heading("全年增长5%。")
    (0, 0)
    """
    m = _pattern("inline_heading").match(text)
    return m.end() if m and text[m.end() :].strip() else 0


class _Sections:
    """The open headings while a report is read top to bottom; nesting follows heading style."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.stack: list[tuple[str, int, str]] = []  # (style, index in sections, key)
        self.levels: dict[str, int] = {}
        self.counters: dict[str | None, int] = {}

    def open(self, style: str, title: str, begin: int, end: int) -> str:
        level = self.levels.setdefault(style, len(self.levels) + 1)
        while self.stack and self.levels[self.stack[-1][0]] >= level:
            self.close(self.stack.pop()[1], begin)
        parent = self.stack[-1][2] if self.stack else None
        self.counters[parent] = self.counters.get(parent, 0) + 1
        key = f"{parent}.{self.counters[parent]}" if parent else str(self.counters[parent])
        self.sections.append(Section(key, title, len(self.stack) + 1, begin, end, parent))
        self.stack.append((style, len(self.sections) - 1, key))
        return key

    def close(self, index: int, end: int) -> None:
        _close(self.sections, index, end)

    def close_all(self, end: int) -> tuple[Section, ...]:
        while self.stack:
            self.close(self.stack.pop()[1], end)
        return tuple(self.sections)


def segment(text: str) -> Segmented:
    """Sections (nested by heading style) and sentences of a report."""
    ps = pieces(text)
    tree = _Sections()
    sentences: list[Sentence] = []
    current: str | None = None
    for pi, piece in enumerate(ps):
        if piece.is_heading and pi > 0:
            current = tree.open(piece.style, piece.text, piece.begin, piece.original(len(piece.text)))
            continue
        skip = inline_heading(piece.text) if pi > 0 else 0
        if skip:
            style = "paren" if piece.text[0] in "（(" else "arabic"
            title = piece.text[:skip].rstrip("。！？!?")
            current = tree.open(style, title, piece.begin, piece.original(skip))
        for start, stop in sentence_bounds(piece.text):
            if stop <= skip:
                continue
            body = piece.text[start:stop]
            lead = len(body) - len(body.lstrip())
            body = body.strip()
            if not body:
                continue
            start += lead
            begin = piece.original(start)
            end = piece.original(start + len(body) - 1) + 1
            gaps = tuple((at - start, removed) for at, removed in piece.gaps if start < at < start + len(body))
            sentences.append(Sentence(len(sentences), begin, end, body, current, pi, gaps))
    sections = tree.close_all(len(text))
    return Segmented(sections, tuple(sentences))


def _close(sections: list[Section], index: int, end: int) -> None:
    s = sections[index]
    sections[index] = Section(s.key, s.title, s.level, s.begin, max(end, s.end), s.parent)


_CLAUSE_MARKS = re.compile("[“(（《「”)）》」，,；;：:]")


def clause_bounds(sentence: str) -> list[tuple[int, int]]:
    """Clauses of a sentence, split at commas, semicolons and colons (not inside quotes or brackets,
    not the colon of a ratio such as 4.2:41.1).

    >>> clause_bounds("增长5%,其中A增长3%；B下降1%。")
    [(0, 4), (5, 12), (13, 18)]
    >>> clause_bounds("目标是：增长5%；结构为4:6")
    [(0, 3), (4, 8), (9, 15)]
    """
    out, start, depth = [], 0, 0
    for mark in _CLAUSE_MARKS.finditer(sentence):  # only the brackets and separators, not every character
        i, ch = mark.start(), mark.group()
        if ch in "“(（《「":
            depth += 1
        elif ch in "”)）》」" and depth:
            depth -= 1
        elif depth == 0 and (
            ch in "，,；;："
            or (ch == ":" and not (sentence[i - 1 : i].isdigit() and sentence[i + 1 : i + 2].isdigit()))
        ):
            if i > start:
                out.append((start, i))
            start = i + 1
    end = len(sentence)
    while end > start and sentence[end - 1] in TERMINALS:
        end -= 1
    if end > start:
        out.append((start, end))
    return out
