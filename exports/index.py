"""The index page of ``policykg view --all``: headline figures, links to every view, and inline SVG charts.

Charts are drawn here as plain SVG text (no chart library, no CDN) so the page opens offline and a
reader takes in the report at a glance: growth rates by indicator, observations and initiatives per
sector, and rankings against the nation. Every report string is escaped with ``html.escape``.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

from policykg.exports.views import Model
from policykg.ontology.vocabulary import INITIATIVE_CLASSES, PLACE_CLASSES

BAR_H = 22
LABEL_W = 230
WIDTH = 720


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def bar_chart(title: str, rows: list[tuple[str, float, str]], colour: str = "#4e79a7") -> str:
    """A horizontal bar chart as an ``<svg>`` element; rows are (label, value, value text)."""
    if not rows:
        return f'<figure class="chart"><figcaption>{_e(title)}</figcaption><p class="empty">无数据 no data</p></figure>'
    top = max(abs(v) for _, v, _ in rows) or 1.0
    span = WIDTH - LABEL_W - 80
    zero = LABEL_W + (span / 2 if any(v < 0 for _, v, _ in rows) else 0)
    scale = (span / 2 if zero > LABEL_W else span) / top
    height = BAR_H * len(rows) + 10
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{_e(title)}">'
        )
    ]
    for k, (label, value, text) in enumerate(rows):
        y = 5 + k * BAR_H
        w = abs(value) * scale
        x = zero if value >= 0 else zero - w
        short = label if len(label) <= 16 else label[:15] + "…"
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end">{_e(short)}<title>{_e(label)}</title></text>'
            f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" height="{BAR_H - 6}" fill="{colour}"/>'
            f'<text x="{x + w + 4 if value >= 0 else x - 4:.1f}" y="{y + 15}" '
            f'text-anchor="{"start" if value >= 0 else "end"}">{_e(text)}</text>'
        )
    parts.append("</svg>")
    return f'<figure class="chart"><figcaption>{_e(title)}</figcaption>{"".join(parts)}</figure>'


def _indicator_of(model: Model) -> dict[str, str]:
    return {e.source: model.nodes[e.target].label for e in model.edges if e.relation == "indicator"}


def growth_rows(model: Model, limit: int = 20) -> list[tuple[str, float, str]]:
    """Growth rates in per cent by indicator, in the order the report states them (multiples such as
    ``1.6倍`` are left out: they do not share the per-cent axis)."""
    ind = _indicator_of(model)
    obs = sorted(
        (n for n in model.nodes.values() if n.kind == "GrowthRate" and n.value is not None and (n.unit or "%") == "%"),
        key=lambda n: (n.order or 0, n.iri),
    )
    rows, seen = [], set()
    for n in obs:
        name = ind.get(n.iri, n.label)
        if name not in seen and n.value is not None:
            seen.add(name)
            rows.append((name, n.value, f"{_fmt(n.value)}%"))
    return rows[:limit]


def sector_rows(model: Model) -> tuple[list[tuple[str, float, str]], list[tuple[str, float, str]]]:
    """(observations per sector, initiatives per sector), largest first."""
    obs: Counter[str] = Counter()
    ini: Counter[str] = Counter()
    for n in model.nodes.values():
        for s in n.sectors:
            (obs if n.cls == "Observation" else ini if n.cls in INITIATIVE_CLASSES else Counter())[s] += 1
    as_rows = [
        [(s, float(c), str(c)) for s, c in sorted(x.items(), key=lambda kv: (-kv[1], kv[0]))][:20] for x in (obs, ini)
    ]
    return as_rows[0], as_rows[1]


def rank_rows(model: Model) -> list[tuple[str, float, str]]:
    """Rankings: bar length grows as the rank gets better (1st is longest)."""
    ind = _indicator_of(model)
    among = {e.source: model.nodes[e.target].label for e in model.edges if e.relation == "rankedAmong"}
    ranks = sorted(
        (n for n in model.nodes.values() if n.kind == "Rank" and n.value is not None),
        key=lambda n: (n.order or 0, n.iri),
    )
    worst = max((n.value or 0 for n in ranks), default=0) + 1
    return [
        (
            ind.get(n.iri, n.label),
            worst - (n.value or 0),
            f"第{_fmt(n.value or 0)}位" + (f" · {among[n.iri]}" if n.iri in among else ""),
        )
        for n in ranks
    ]


def headline(model: Model, limit: int = 8) -> list[tuple[str, str]]:
    """The first figures the report states (label, value with unit)."""
    ind = _indicator_of(model)
    obs = sorted(
        (n for n in model.nodes.values() if n.cls == "Observation" and n.order is not None),
        key=lambda n: (n.order or 0, n.iri),
    )
    return [(ind.get(n.iri, n.label), dict(n.details).get("数值 value", "")) for n in obs[:limit]]


def render_index(model: Model, title: str, links: list[tuple[str, str, int]]) -> str:
    """The index page; ``links`` are (file name, view title, node count)."""
    counts = Counter("Initiative" if n.cls in INITIATIVE_CLASSES else n.cls for n in model.nodes.values())
    stats = "".join(
        f'<div class="stat"><b>{counts.get(k, 0)}</b><span>{_e(zh)} {k}</span></div>'
        for k, zh in (
            ("Observation", "观测值"),
            ("Indicator", "指标"),
            ("Initiative", "举措"),
            ("Sector", "领域"),
            ("Organization", "机构"),
        )
    )
    heads = "".join(f"<li><span>{_e(k)}</span> <b>{_e(v)}</b></li>" for k, v in headline(model))
    items = "".join(f'<li><a href="{_e(f)}">{_e(t)}</a> <small>({n} nodes)</small></li>' for f, t, n in links)
    by_obs, by_ini = sector_rows(model)
    charts = "".join(
        (
            bar_chart("增速 Growth rates by indicator (%)", growth_rows(model)),
            bar_chart("各领域观测值 Observations per sector", by_obs),
            bar_chart("各领域举措 Initiatives per sector", by_ini, "#e15759"),
            bar_chart("全国排名 Rankings against the nation", rank_rows(model), "#59a14f"),
        )
    )
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{_e(title)}</title>
<style>body{{font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}}
.stats{{display:flex;gap:1em;flex-wrap:wrap}}.stat{{border:1px solid #ddd;padding:.5em 1em;text-align:center}}
.stat b{{display:block;font-size:1.6em}}svg text{{font-size:12px;fill:#333}}figure{{margin:1.2em 0}}
figcaption{{font-weight:bold;margin-bottom:.3em}}.empty{{color:#888}}
#views,#headline{{columns:3 18em}}</style></head>
<body><h1>{_e(title)}</h1>
<div class="stats">{stats}</div>
<h2>主要数据 Headline figures</h2><ul id="headline">{heads}</ul>
<h2>图表 Charts</h2>{charts}
<h2>视图 Views</h2><ul id="views">{items}</ul>
</body></html>
"""


def write_site(model: Model, out_dir: Path, lang: str = "zh", places: int = 30) -> list[Path]:
    """Every view (overview, outcomes, one per sector, one per place with content, the busiest node's
    neighbourhood) plus ``index.html`` linking them; atomic writes; returns the files written."""
    from policykg.exports import views
    from policykg.exports.files import write_atomic
    from policykg.exports.html import render

    todo: list[tuple[str, views.View]] = [
        ("overview.html", views.overview(model)),
        ("outcomes.html", views.outcomes(model)),
    ]
    sectors = sorted((n for n in model.nodes.values() if n.cls == "Sector"), key=lambda n: n.label)
    todo += [(f"sector-{k:02d}.html", views.sector(model, n.iri)) for k, n in enumerate(sectors, 1)]
    degree = Counter(x for e in model.edges for x in (e.source, e.target))
    spots = sorted(
        (n for n in model.nodes.values() if n.cls in PLACE_CLASSES and n.cls != "Country"),
        key=lambda n: (-degree[n.iri], n.iri),
    )[:places]
    todo += [(f"place-{k:02d}.html", views.place(model, n.iri)) for k, n in enumerate(spots, 1)]
    if degree:
        busiest = min(degree, key=lambda i: (-degree[i], i))
        todo.append(("focus.html", views.focus(model, busiest, 1)))
    written = [write_atomic(out_dir / name, render(view, lang)) for name, view in todo]
    links = [(name, view.title, len(view.nodes)) for name, view in todo]
    title = next((n.label for n in model.nodes.values() if n.cls == "Report"), "policykg")
    written.append(write_atomic(out_dir / "index.html", render_index(model, f"policykg · {title}", links)))
    return written
