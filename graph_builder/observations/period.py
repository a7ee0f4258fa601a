"""Which period and status a sentence's figures have, from its headings and its paragraph.

A review section reports the reviewed year; a plan section or a 力争/目标 sentence sets targets for the
coming year; 过去五年 and 五年来 frame five years, for a whole section when only its heading says so and
for one paragraph when the heading also names the last year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policykg.graph_builder.model import Document, Sentence, Status
from policykg.graph_builder.observations.phrasing import pattern, words, year_pattern

__all__ = ["Ctx", "context", "five_years", "since"]


@dataclass(frozen=True)
class Ctx:
    """What the sentence's position says about its figures: period and status."""

    period: str
    status: Status
    place_code: str | None = None  # the report's own jurisdiction, to resolve names written inside it
    reporter: str | None = None  # the report's place as written (who is ranked)


def context(doc: Document, sentence: Sentence, title: str, framed: bool = False) -> Ctx:
    """Period and status: plan sections and 力争/目标 sentences are targets; 过去五年 spans five years.

    A heading that names the coming year (三、2025年重点工作) opens a plan; a heading that names both the
    five-year plan and the last year (“十四五”时期和2025年工作回顾) leaves the span to each paragraph
    (``framed``: the paragraph opened with 过去五年 or 五年来).
    """
    reviewed = doc.meta.reviewed_period or "unknown"
    target = doc.meta.target_period or reviewed
    text = sentence.text
    review = _any_in(title, "review_section_words")
    ahead = target.isdigit() and target != reviewed and re.search(year_pattern("year_named", target), title) is not None
    plan = (_any_in(title, "plan_section_words") or ahead) and not review
    plan = plan or _any_in(text, "target_sentence_markers")
    code, who = doc.meta.place_code, doc.meta.place
    if plan:
        m = pattern("target_year").search(text)
        return Ctx(m.group(1) if m else target, Status.TARGET, code, who)
    titled = _any_in(title, "five_year_markers") and not re.search(year_pattern("year_named", reviewed), title)
    if reviewed.isdigit() and (framed or titled or _any_in(text, "five_year_markers")):
        return Ctx(f"{int(reviewed) - 4}-{reviewed}", Status.ACTUAL, code, who)
    return Ctx(reviewed, Status.ACTUAL, code, who)


def five_years(doc: Document, sentence: Sentence, before: bool) -> bool:
    """Whether a paragraph's five-year frame still holds: set by 过去五年/五年来, ended by a single year."""
    text = sentence.text
    if _any_in(text, "five_year_markers"):
        return True
    reviewed = doc.meta.reviewed_period or ""
    one_year = _any_in(text, "one_year_markers") or (
        reviewed.isdigit() and re.search(year_pattern("year_alone", reviewed), text) is not None
    )
    return before and not one_year


def _any_in(text: str, key: str) -> bool:
    """Whether ``text`` holds any word of lexicon list ``key`` (a section word, a period marker)."""
    return any(w in text for w in words(key))


def since(ctx: Ctx, year: int) -> Ctx:
    """The years after ``year`` up to the reviewed one: what a comparison with that year (是2020年的3倍) spans."""
    if ctx.status != Status.ACTUAL or not ctx.period.isdigit() or not year < int(ctx.period):
        return ctx
    return replace(ctx, period=f"{year + 1}-{ctx.period}")
