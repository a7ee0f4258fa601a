"""Where a report's own text begins and ends inside a copied web page.

Plain-text copies of government pages keep the page's furniture: buttons (下载 / 打印 / 全屏), metadata
fields (来源：…, 时间：…), breadcrumbs, a title block (title, dateline, source, byline, a photo caption)
above the speaker's salutation (各位代表：), and a footer (相关报道：, 责任编辑：, 扫一扫…) with links to
other pages below. None of it is report text: it must not become a title, a section or a sentence. The
title block is still where a report's metadata is written, so it is kept apart as the report's *head*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.graph_builder.lexicons import lexicon


def _pattern(name: str) -> re.Pattern[str]:
    """A pattern of lexicon ``read``: page chrome, time stamps, footers and titles."""
    return lexicon("read").pattern(f"patterns.{name}")


def is_furniture(line: str) -> bool:
    """Page furniture rather than report text: buttons, metadata fields, breadcrumbs, stamps, page ids.

    >>> [is_furniture(x) for x in ("打印 | 关闭", "来源：某某日报", "】", "2026-02-09 09:45:30", "全省增长5%。")]
    [True, True, True, True, False]
    """
    line = line.strip()
    return any(
        _pattern(name).match(line) is not None for name in ("chrome", "chrome_prefix", "chrome_marks", "timestamp")
    ) or any(_pattern(name).fullmatch(line) is not None for name in ("breadcrumb", "page_id"))


@dataclass(frozen=True)
class Frame:
    """The report inside its page: the head lines (title block, furniture dropped) and the body's bounds."""

    head: tuple[str, ...]  # lines above the salutation, in order, without furniture
    begin: int  # offset where the body starts (the salutation line, or 0)
    end: int  # offset where the page footer starts (or the end of the text)


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with the offset of their first character."""
    return [(m.start(), m.group().strip()) for m in re.finditer(r"[^\r\n]+", text) if m.group().strip()]


def frame(text: str) -> Frame:
    """The head, body start and footer start of a report's text.

    >>> f = frame("下载\\n打印\\n2026年某省政府工作报告\\n来源：某某日报\\n各位代表：\\n全省增长5%。\\n相关报道：\\n链接")
    >>> f.head, f.begin, f.end
    (('2026年某省政府工作报告',), 28, 42)
    """
    words = lexicon("read")
    lines = _lines(text)
    reach = words.number("salutation_reach")
    opening = next(
        (i for i, (_, line) in enumerate(lines[:reach]) if line.startswith(words.words("salutations"))), None
    )
    head = tuple(line for _, line in lines[: opening or 0] if not is_furniture(line))
    begin = lines[opening][0] if opening is not None else 0
    end, started = len(text), False
    for at, line in lines[opening or 0 :]:
        if started and _pattern("footer").match(line):
            end = at
            break
        started = started or bool(re.search(r"[。！？!?]", line))
    return Frame(head, begin, end)


def title_of(head: tuple[str, ...], first_line: str) -> str:
    """The report's title: the fullest title line of the head (with year and place), else the first line.

    >>> title_of(("2026年某省政府工作报告", "政府工作报告"), "下载"), title_of((), "某县工作")
    ('2026年某省政府工作报告', '某县工作')
    """
    titles = [line for line in head if _pattern("title_line").match(line)]
    if not titles:
        return first_line
    return max(titles, key=lambda line: (_pattern("title").search(line) is not None, len(line)))


def complete_title(title: str, place: str | None, year: int | None) -> str:
    """A bare title (政府工作报告, 2026年政府工作报告) with the report's year and place written in.

    >>> complete_title("政府工作报告", "某省", 2026), complete_title("2026年某省政府工作报告", "某省", 2026)
    ('2026年某省政府工作报告', '2026年某省政府工作报告')
    """
    m = _pattern("bare_title").match(title)
    if m is None or place is None or year is None:
        return title
    return lexicon("read").text("title_template").format(year=m.group("year") or year, place=place)
