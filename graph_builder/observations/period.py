"""Which period and status a sentence's figures have, from its headings and its paragraph.

A review section reports the reviewed year; a plan section or a 力争/目标 sentence sets targets for the
coming year; 过去五年 and 五年来 frame five years, for a whole section when only its heading says so and
for one paragraph when the heading also names the last year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policykg.graph_builder.lexicons import cached, lexicon
from policykg.graph_builder.model import Document, Sentence, Status
from policykg.graph_builder.observations.phrasing import LEXICON, pattern, words, year_pattern

__all__ = ["Ctx", "context", "five_years", "frames_five_years", "names_one_year", "since"]


@dataclass(frozen=True)
class Ctx:
    """What the sentence's position says about its figures: period and status."""

    period: str
    status: Status
    place_code: str | None = None  # the report's own jurisdiction, to resolve names written inside it
    reporter: str | None = None  # the report's place as written (who is ranked)
    span: str | None = None  # the years a five-year frame covers (2021-2025 reviewed, 2026-2030 planned)


def context(doc: Document, sentence: Sentence, title: str, framed: bool = False, single: bool = False) -> Ctx:
    """Period and status: plan sections and 力争/目标 sentences are targets; 过去五年 spans five years.

    A heading that names the coming year (三、2025年重点工作) opens a plan; a heading that names both the
    five-year plan and the last year (“十四五”时期和2025年工作回顾) leaves the span to each paragraph
    (``framed``: the paragraph opened with 过去五年 or 五年来). Under a heading that frames five years
    (一、“十四五”时期发展回顾) a paragraph that names the last year alone (刚刚过去的2025年, 过去一年)
    reports that year (``single``).
    """
    reviewed = doc.meta.reviewed_period or "unknown"
    target = doc.meta.target_period or reviewed
    text = sentence.text
    review = _any_in(title, "review_section_words")
    ahead = target.isdigit() and target != reviewed and re.search(year_pattern("year_named", target), title) is not None
    plan = (_any_in(title, "plan_section_words") or ahead) and not review
    plan = plan or _any_in(pattern("target_met").sub("", text), "target_sentence_markers")
    code, who = doc.meta.place_code, doc.meta.place
    if plan:  # “十五五”时期…: the plan's goals are for its last year, its averages for its years
        m = pattern("target_year").search(text)
        coming = _coming_plan(text, target) or (None if ahead else _coming_plan(title, target))
        year = m.group(1) if m else (coming.split("-")[1] if coming else target)
        return Ctx(year, Status.TARGET, code, who, coming)
    titled = _any_in(title, "five_year_markers") and not re.search(year_pattern("year_named", reviewed), title)
    titled = titled and not single
    if reviewed.isdigit() and (framed or titled or _any_in(text, "five_year_markers")):
        span = f"{int(reviewed) - 4}-{reviewed}"
        return Ctx(span, Status.ACTUAL, code, who, span)
    return Ctx(reviewed, Status.ACTUAL, code, who)


def _coming_plan(text: str, target: str) -> str | None:
    """The years of the five-year plan that starts with the target year, when the text names it (十五五)."""
    if not target.isdigit():
        return None
    period = pattern("plan_period")
    for name, first in lexicon(LEXICON).table("five_year_plans").items():
        at = text.find(name) if first == int(target) else -1
        while at >= 0:
            if period.match(text[at + len(name) :]):
                return f"{first}-{first + 4}"
            at = text.find(name, at + 1)
    return None


def frames_five_years(title: str) -> bool:
    """Whether a part's heading names the five-year plan under review (“十四五”时期和2025年工作回顾): its
    five-year frame then runs on across paragraphs until a paragraph names the single year."""
    return _any_in(title, "five_year_markers")


def five_years(doc: Document, sentence: Sentence, before: bool) -> bool:
    """Whether a paragraph's five-year frame still holds: set by 过去五年/五年来, ended by a single year."""
    if _any_in(sentence.text, "five_year_markers"):
        return True
    return before and not names_one_year(doc, sentence)


def names_one_year(doc: Document, sentence: Sentence) -> bool:
    """Whether a sentence names the reviewed year alone (过去一年, 2025年) and not five years."""
    text = sentence.text
    if _any_in(text, "five_year_markers"):
        return False
    reviewed = doc.meta.reviewed_period or ""
    return _any_in(text, "one_year_markers") or (
        reviewed.isdigit() and re.search(year_pattern("year_alone", reviewed), text) is not None
    )


def _any_in(text: str, key: str) -> bool:
    """Whether ``text`` holds any word of lexicon list ``key`` (a section word, a period marker)."""
    return _any_word(key).search(text) is not None


@cached
def _any_word(key: str) -> re.Pattern[str]:
    """Lexicon list ``key`` as one alternation: a sentence is searched once for all its words, not once
    per word (an empty list matches nothing)."""
    return re.compile("|".join(re.escape(w) for w in words(key)) or "(?!)")


def since(ctx: Ctx, year: int) -> Ctx:
    """The years after ``year`` up to the reviewed one: what a comparison with that year (是2020年的3倍) spans."""
    last = last_year(ctx)
    if ctx.status != Status.ACTUAL or last is None or not year < last:
        return ctx
    return replace(ctx, period=f"{year + 1}-{last}", span=None)


def last_years(ctx: Ctx, n: int) -> Ctx:
    """The last ``n`` reviewed years (连续3年, 3年翻一番): a span ending with the frame's last year."""
    last = last_year(ctx)
    if ctx.status != Status.ACTUAL or last is None or n < 2:
        return ctx
    return replace(ctx, period=f"{last - n + 1}-{last}", span=None)


def last_year(ctx: Ctx) -> int | None:
    """The last year of a context's period (2025 for 2025 and for 2021-2025)."""
    end = ctx.period.removeprefix("cumulative:").split("-")[-1]
    return int(end) if end.isdigit() else None
