"""Charts as inline SVG text: bars, dots with target ranges, strips of a place among the others.

No chart library and no network: each chart is an ``<svg>`` element in the page, every row labelled
(a place, an indicator) in both languages, every mark that stands for a figure a link to its sentence
with the sentence as its tooltip. Report strings are escaped.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from policykg.exports.page import esc, short

WIDTH = 760
LABEL_W = 170
TEXT_W = 150
ROW_H = 21


@dataclass(frozen=True)
class Bar:
    """A bar: its label, length, the text at its end, and where it links."""

    label: str
    label_en: str
    value: float
    text: str
    text_en: str = ""
    href: str | None = None
    tip: str | None = None


@dataclass(frozen=True)
class Dot:
    """A place's actual (a dot) and target (a diamond, or a bar for a range) on one axis."""

    label: str
    label_en: str
    value: float | None
    text: str = ""
    text_en: str = ""
    href: str | None = None
    tip: str | None = None
    low: float | None = None
    high: float | None = None
    target_href: str | None = None
    target_tip: str | None = None
    strong: bool = False


@dataclass(frozen=True)
class Strip:
    """One measure: every place's value (grey), this place's (red), and the median (a line)."""

    label: str
    label_en: str
    values: tuple[float, ...]
    mine: float | None
    text: str = ""
    text_en: str = ""
    href: str | None = None
    tip: str | None = None


def _t(x: float, y: float, zh: str, en: str, anchor: str = "end", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}><tspan class="zh">{esc(_cut(zh))}</tspan>'
        f'<tspan class="en">{esc(_cut(en or zh))}</tspan><title>{esc(zh)} {esc(en)}</title></text>'
    )


def _cut(text: str, n: int = 22) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _link(inner: str, href: str | None, tip: str | None) -> str:
    title = f"<title>{esc(tip)}</title>" if tip else ""
    return f'<a href="{esc(href)}">{title}{inner}</a>' if href else f"<g>{title}{inner}</g>"


def _frame(caption: str, height: float, parts: list[str], label: str) -> str:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-label="{esc(label)}">{"".join(parts)}</svg>'
    )
    return f'<figure class="chart"><figcaption>{caption}</figcaption>{svg}</figure>'


def empty(caption: str) -> str:
    """A chart's place when it has nothing to draw."""
    return f'<figure class="chart"><figcaption>{caption}</figcaption><p class="empty">无数据 no data</p></figure>'


def bar_chart(caption: str, bars: list[Bar], colour: str = "#4e79a7", label: str = "chart") -> str:
    """Horizontal bars, one row each, from zero (left of a middle axis when some are negative)."""
    if not bars:
        return empty(caption)
    top = max(abs(b.value) for b in bars) or 1.0
    span = WIDTH - LABEL_W - TEXT_W
    negative = any(b.value < 0 for b in bars)
    zero = LABEL_W + (span / 2 if negative else 0)
    scale = (span / 2 if negative else span) / top
    parts = []
    for k, b in enumerate(bars):
        y = 4 + k * ROW_H
        w = abs(b.value) * scale
        x = zero if b.value >= 0 else zero - w
        rect = f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" height="{ROW_H - 6}" fill="{colour}"/>'
        end = x + w + 4 if b.value >= 0 else x - 4
        value = _t(end, y + 15, b.text, b.text_en or b.text, "start" if b.value >= 0 else "end")
        parts.append(_t(LABEL_W - 6, y + 15, b.label, b.label_en) + _link(rect + value, b.href, b.tip))
    return _frame(caption, 8 + ROW_H * len(bars), parts, label)


def _axis(values: list[float]) -> tuple[float, float, list[float]]:
    """A rounded axis range with about five ticks around ``values``."""
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    step = 10 ** math.floor(math.log10((hi - lo) / 4))
    for m in (1, 2, 2.5, 5, 10):
        if (hi - lo) / (step * m) <= 5:
            step *= m
            break
    lo, hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
    ticks = [lo + k * step for k in range(round((hi - lo) / step) + 1)]
    return lo, hi, ticks


def _ticks(ticks: list[float], x: object, y0: float, y1: float, fmt: object) -> list[str]:
    out = []
    for v in ticks:
        px = x(v)  # type: ignore[operator]
        out.append(
            f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{y0}" y2="{y1}" stroke="#e4e4e4"/>'
            f'<text x="{px:.1f}" y="{y1 + 13}" text-anchor="middle" class="muted">{esc(fmt(v))}</text>'  # type: ignore[operator]
        )
    return out


def dot_chart(caption: str, dots: list[Dot], unit_fmt: object = short, label: str = "chart") -> str:
    """A dot per row for the actual, a diamond (or a bar for a range) for the target; rows as given."""
    values = [v for d in dots for v in (d.value, d.low, d.high) if v is not None]
    if not values:
        return empty(caption)
    lo, hi, ticks = _axis(values)
    x0, x1 = LABEL_W, WIDTH - TEXT_W

    def x(v: float) -> float:
        return x0 + (v - lo) / (hi - lo) * (x1 - x0)

    height = 8 + ROW_H * len(dots)
    parts = _ticks(ticks, x, 4, height, unit_fmt)
    for k, d in enumerate(dots):
        y = 4 + k * ROW_H + ROW_H / 2
        parts.append(_t(LABEL_W - 6, y + 4, d.label, d.label_en, cls="strong" if d.strong else ""))
        parts.append(f'<line x1="{x0}" x2="{x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="#f0f0f0"/>')
        if d.low is not None and d.high is not None:
            if d.high > d.low:
                mark = (
                    f'<rect x="{x(d.low):.1f}" y="{y - 5:.1f}" width="{max(x(d.high) - x(d.low), 2):.1f}" height="10" '
                    f'fill="#f28e2b" fill-opacity=".35" stroke="#f28e2b"/>'
                )
            else:
                cx = x(d.low)
                mark = (
                    f'<path d="M{cx:.1f} {y - 6:.1f} L{cx + 6:.1f} {y:.1f} L{cx:.1f} {y + 6:.1f} L{cx - 6:.1f} {y:.1f} Z" '
                    f'fill="none" stroke="#f28e2b" stroke-width="2"/>'
                )
            parts.append(_link(mark, d.target_href, d.target_tip))
        if d.value is not None:
            dot = f'<circle cx="{x(d.value):.1f}" cy="{y:.1f}" r="5" fill="{"#c62828" if d.strong else "#1f4e8c"}"/>'
            text = _t(x1 + 8, y + 4, d.text, d.text_en or d.text, "start")
            parts.append(_link(dot + text, d.href, d.tip))
    return _frame(caption, height + 16, parts, label)


def strip_chart(caption: str, strips: list[Strip], label: str = "chart") -> str:
    """One row per measure on its own axis: every place's value, this place's, and the median."""
    rows = [s for s in strips if s.values]
    if not rows:
        return empty(caption)
    x0, x1 = LABEL_W + 20, WIDTH - TEXT_W
    parts = []
    for k, s in enumerate(rows):
        y = 6 + k * (ROW_H + 6) + ROW_H / 2
        lo, hi, _ = _axis(list(s.values) + ([s.mine] if s.mine is not None else []))

        def x(v: float, lo: float = lo, hi: float = hi) -> float:
            return x0 + (v - lo) / (hi - lo) * (x1 - x0)

        parts.append(_t(LABEL_W + 14, y + 4, s.label, s.label_en))
        parts.append(f'<line x1="{x0}" x2="{x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.extend(f'<circle cx="{x(v):.1f}" cy="{y:.1f}" r="3.5" fill="#bbb"/>' for v in s.values)
        med = statistics.median(s.values)
        parts.append(
            f'<line x1="{x(med):.1f}" x2="{x(med):.1f}" y1="{y - 8:.1f}" y2="{y + 8:.1f}" stroke="#333" stroke-width="2">'
            f"<title>median {esc(short(med))}</title></line>"
        )
        if s.mine is not None:
            dot = f'<circle cx="{x(s.mine):.1f}" cy="{y:.1f}" r="6" fill="#c62828"/>'
            parts.append(_link(dot + _t(x1 + 8, y + 4, s.text, s.text_en or s.text, "start"), s.href, s.tip))
    return _frame(caption, 12 + len(rows) * (ROW_H + 6), parts, label)
