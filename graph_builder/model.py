"""The typed values that flow between the builder's stages.

Extraction functions take text and return these frozen dataclasses; only ``rdf.py`` turns them into
triples. Offsets are Unicode code points into the report text as read (after decoding), end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class Kind(str, Enum):
    """What sort of figure an observation is; the values are the words the contract query returns."""

    LEVEL = "level"
    COUNT = "count"
    CHANGE = "change"
    GROWTH_RATE = "growth_rate"
    SHARE = "share"
    RANK = "rank"


class Status(str, Enum):
    """Whether a figure reports what happened or what is planned."""

    ACTUAL = "actual"
    TARGET = "target"


class Role(str, Enum):
    """What a figure does in its sentence: a reported result, background (a streak's length, a span of
    years) or a descriptor of a set or class (六大产业, 30万吨级, 前十)."""

    RESULT = "result"
    CONTEXT = "context"
    DESCRIPTOR = "descriptor"


class Scope(str, Enum):
    """The set a rank is within: the country (全国第3位), the world (全球第一), a group of provinces or
    regions (西部第二, 中西部第一) or the province (全省第一)."""

    NATIONAL = "national"
    GLOBAL = "global"
    REGIONAL = "regional"
    PROVINCIAL = "provincial"


@dataclass(frozen=True)
class Span:
    """A stretch of the report: offsets into the text as read, and the text it covers."""

    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class Section:
    """A heading of the report and the stretch of text it governs."""

    key: str  # "1", "1.2", ... stable within a report
    title: str
    level: int
    begin: int
    end: int
    parent: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence with its position; ``text`` has broken line breaks removed."""

    index: int
    begin: int
    end: int
    text: str
    section: str | None  # Section.key
    paragraph: int
    gaps: tuple[tuple[int, int], ...] = ()  # (index in text, source characters removed before it)

    def offset(self, i: int) -> int:
        """Source offset of ``text[i]``; ``i == len(text)`` gives the end offset."""
        if i >= len(self.text):
            return self.end + (i - len(self.text))
        if not self.gaps:  # most sentences were not joined across a line break
            return self.begin + i
        shift = sum(removed for at, removed in self.gaps if at <= i)
        return self.begin + i + shift

    def crosses_break(self, i: int, j: int) -> bool:
        """True when ``text[i:j]`` was joined across a broken line: its characters are not one stretch of
        the text as read (``10934`` at a line's end and ``4.47%`` at the next one's start are two numbers)."""
        return any(i < at < j for at, _ in self.gaps)

    def span(self, i: int, j: int) -> Span:
        """``text[i:j]`` as a span of the text as read: the end is the offset after its last character, so
        a span ending at a joined line break never takes in the break (the anchor is the text as read)."""
        return Span(self.offset(i), self.offset(j - 1) + 1, self.text[i:j])


@dataclass(frozen=True)
class ReportMeta:
    """Who reports about which year: detected from the opening or given on the command line."""

    title: str
    place: str | None  # name as written, e.g. 山西省
    place_code: str | None  # GB/T 2260
    level: str | None  # province | prefecture | county | country
    year: int | None  # the year the report was delivered
    reviewed_period: str | None  # usually year - 1
    target_period: str | None  # usually year


@dataclass(frozen=True)
class Observation:
    """One quantitative statement: what is measured, the figure, and where it came from."""

    indicator: str
    value: str  # as written: "2.57", "两", "八成"
    unit: str  # as written, magnitude included: "万亿元"
    value_normalized: Decimal  # in base units
    base_unit: str  # short code: CNY, percent, t, person ...
    kind: Kind
    status: Status
    period: str  # "2023", "2021-2023", "cumulative:2023" ...
    place: str | None  # as written ("全省", "太原市", "全国"); None when implicit
    place_code: str | None
    qualifier: str | None  # verbatim: 近, 超过, 以上, 分别 ...
    direction: str | None  # up | down | None
    figure: Span  # the number and unit as written
    sentence: int  # Sentence.index
    ranked_place: str | None = None  # for ranks: who is ranked
    upper: Decimal | None = None  # upper bound of a range (5%—6%, 3至5个); value_normalized is the lower
    role: Role = Role.RESULT
    scope: Scope | None = None  # for ranks: the set ranked within


@dataclass(frozen=True)
class Document:
    """A report read and segmented, ready for the extractors."""

    report_id: str
    source_name: str
    text: str
    meta: ReportMeta
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]
    header: tuple[Span, ...] = ()  # page lines outside the body (title block, source, footer): never sentences


@dataclass(frozen=True)
class Place:
    """A place the report names: a GB/T 2260 division, China, a township or village, or a region."""

    key: str  # "140000", "CN", "140932/老牛湾村" (under its county), "region/京津冀"
    name: str  # canonical name: 山西省, 中国, 老牛湾村, 京津冀
    level: str  # country | province | prefecture | county | township | village | region
    code: str | None = None  # GB/T 2260, when it has one
    parent: str | None = None  # key of the place it lies within


@dataclass(frozen=True)
class PlaceMention:
    """One place as written in one sentence (全省, 太原, 偏关县老牛湾村 ...)."""

    place: str  # Place.key
    span: Span
    sentence: int  # Sentence.index


@dataclass(frozen=True)
class SectorTag:
    """An observation tagged with a policy domain, and why (a keyword, or its section's heading)."""

    observation: int  # index into Extraction.observations
    sector: str  # domain slug of lexicons/sectors.ttl
    basis: str  # keyword | heading


@dataclass(frozen=True)
class Organisation:
    """A bank, institute, hospital, university, company, legislature or agency."""

    key: str  # slug of the name: global, so two reports meet at one node
    label: str
    kind: str  # local name of a pkg: class (Bank, ResearchInstitute, Hospital ...)
    place: str | None  # Place.key
    spans: tuple[Span, ...]
    sentences: tuple[int, ...]
    headings: tuple[Span, ...] = ()  # headings and header lines that name it (来源：…日报)


@dataclass(frozen=True)
class Initiative:
    """A named policy, programme, platform, mechanism, campaign, event or designation."""

    key: str  # slug of the normalised label, unique within a report
    label: str  # as written, outer quotation marks removed
    kind: str  # local name of a pkg: Initiative subclass (Policy, Programme, Platform ...)
    action: str | None  # the introducing verb as written (实施, 出台, 开展 ...)
    spans: tuple[Span, ...]
    sentences: tuple[int, ...]
    section: str | None  # Section.key of the first mention
    places: tuple[str, ...] = ()  # Place.key
    sectors: tuple[str, ...] = ()  # domain slugs
    organisations: tuple[str, ...] = ()  # Organisation.key
    headings: tuple[Span, ...] = ()  # task headings that name it (二、深化…改革试点)


@dataclass(frozen=True)
class OutcomeLink:
    """An initiative presented as the cause of a figure, with the kind of evidence for it."""

    initiative: str  # Initiative.key
    observation: int  # index into Extraction.observations
    evidence: str  # SameClause | SameSentence | CausalWording
    sentence: int  # Sentence.index


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one report; the input of the RDF writer."""

    document: Document
    observations: tuple[Observation, ...]
    places: tuple[Place, ...] = ()
    place_mentions: tuple[PlaceMention, ...] = ()
    sector_tags: tuple[SectorTag, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    outcomes: tuple[OutcomeLink, ...] = ()
