"""A place's profile page: its measures against the corpus median, its targets, its national ranks, its
initiatives by sector, and every figure its reports state with the sentence (the page every figure link
of the site points into).
"""

from __future__ import annotations

import statistics

from policykg.exports.charts import Bar, Strip, bar_chart, strip_chart
from policykg.exports.corpus import Corpus, Figure, Initiative, Report, anchor
from policykg.exports.measures import Comparison
from policykg.exports.page import (
    bi,
    cell,
    esc,
    figure_link,
    nav_links,
    number_en,
    sentence_html,
    shell,
    sortable,
)

SECTORS_LISTED = 8
"""Sectors whose initiatives the page lists."""
INITIATIVES_LISTED = 12
"""Initiatives listed per sector (those with most outcomes first, then in the report's order)."""
SCOPES = {
    "National": ("全国", "national"),
    "Global": ("全球", "global"),
    "Regional": ("区域", "regional"),
    "Provincial": ("省内", "provincial"),
}


def profile_name(report: Report) -> str:
    """The file name of a place's profile page."""
    return f"profile-{report.key}.html"


def _against_median(corpus: Corpus, cmp: Comparison, key: str, profile_of: dict[str, str]) -> tuple[str, str]:
    """(strip chart, table) of the place's actuals against every place's, for the comparison's measures."""
    strips, rows = [], []
    mine_row = next((r for r in cmp.rows if r.report.key == key), None)
    for m in cmp.measures:
        values = tuple(c.actual.low for r in cmp.rows if (c := r.cells[m.key]).actual)
        own = mine_row.cells[m.key] if mine_row else None
        if not values or own is None or not (own.actual or own.next_target):
            continue
        zh, en = cmp.labels[m.key]
        a = own.actual
        med = statistics.median(values)
        if a:
            strips.append(
                Strip(
                    zh,
                    en,
                    values,
                    a.low,
                    a.text,
                    number_en(a.low, a.first.base_unit),
                    f"#{anchor(a.first.iri)}",
                    a.first.sentence,
                )
            )
        higher = sum(1 for v in values if a and v > a.low)
        rank = f"{higher + 1}/{len(values)}" if a else ""
        rows.append(
            f'<tr><th scope="row">{bi(zh, en)}</th>'
            + (cell(figure_link(a.figures, profile_of), a.low) if a else cell("—"))
            + cell(esc(number_en(med, m.base_unit)), med)
            + cell(esc(rank), higher + 1 if a else None)
            + (
                cell(figure_link(own.next_target.figures, profile_of), own.next_target.low)
                if own.next_target
                else cell("—")
            )
            + "</tr>"
        )
    y = cmp.year
    head = [
        ("measure", "指标", "Measure"),
        ("mine", f"{y}年实际", f"Actual {y}"),
        ("median", "各地中位数", "Median of places"),
        ("rank", "位次", "Place among"),
        ("next", f"{y + 1}年目标", f"Target {y + 1}"),
    ]
    caption = bi(
        "红点为本地区，灰点为其他地区，竖线为中位数", "Red: this place; grey: the other places; bar: the median"
    )
    return strip_chart(caption, strips, "against the median"), sortable("median", head, rows)


def _figure_rows(figures: list[Figure], profile_of: dict[str, str], with_sentence: bool = False) -> list[str]:
    rows = []
    for f in figures:
        sentence = f'<td class="sentence">{sentence_html(f)}</td>' if with_sentence else ""
        scope = SCOPES.get(f.scope or "", ("", ""))
        rows.append(
            f'<tr id="{anchor(f.iri) if with_sentence else ""}"><td>{bi(f.indicator, f.concept_en or f.indicator)}</td>'
            + cell(figure_link((f,), profile_of), f.number)
            + f"<td>{esc(f.period)}</td>"
            + f"<td>{bi('目标', 'target') if f.status == 'Target' else bi('实际', 'actual')}"
            + (f" · {bi(*scope)}" if f.scope else "")
            + f"</td>{sentence}</tr>"
        )
    return rows


_FIG_HEAD = [
    ("indicator", "指标", "Indicator"),
    ("value", "数值", "Value"),
    ("period", "时期", "Period"),
    ("status", "状态", "Status"),
]


def _initiatives(corpus: Corpus, reports: tuple[Report, ...]) -> str:
    mine = [i for i in corpus.initiatives if i.report in {r.iri for r in reports}]
    by_sector: dict[str, list[Initiative]] = {}
    for i in mine:
        for s in i.sectors:
            by_sector.setdefault(s, []).append(i)
    ranked = sorted(by_sector.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    bars = [Bar(*_sector(corpus, s), float(len(v)), str(len(v))) for s, v in ranked[:15]]
    chart = bar_chart(
        bi(f"各领域举措数（共{len(mine)}项）", f"Initiatives per sector ({len(mine)} in all)"),
        bars,
        "#e15759",
        "initiatives per sector",
    )
    lists = []
    for s, items in ranked[:SECTORS_LISTED]:
        top = sorted(items, key=lambda i: (-i.outcomes, i.order, i.iri))[:INITIATIVES_LISTED]
        lis = "".join(
            f"<li>{esc(i.label)} <small>{esc(i.cls)}{f' · {i.outcomes} outcomes' if i.outcomes else ''}</small></li>"
            for i in top
        )
        more = len(items) - len(top)
        extra = f'<li class="none">{bi(f"另有{more}项", f"{more} more")}</li>' if more > 0 else ""
        lists.append(
            f'<h3>{bi(*_sector(corpus, s))} <small>({len(items)})</small></h3><ul class="cols">{lis}{extra}</ul>'
        )
    return chart + "".join(lists)


def _sector(corpus: Corpus, iri: str) -> tuple[str, str]:
    zh, en = corpus.sectors.get(iri, (iri.rsplit("/", 1)[-1], None))
    return zh, en or zh


def render_profile(corpus: Corpus, cmp: Comparison, key: str, profile_of: dict[str, str], lang: str = "zh") -> str:
    """The profile page of the place ``key`` (a report's :attr:`Report.key`)."""
    reports = corpus.places[key]
    latest = reports[-1]
    figures = [f for r in reports for f in corpus.figures_of.get(r.iri, ())]
    results = [f for f in figures if f.role == "Result"]
    targets = [f for f in results if f.status == "Target"]
    ranks = [f for f in results if f.kind == "Rank"]
    national = [f for f in ranks if f.scope == "National"]
    others = [f for f in ranks if f.scope != "National"]
    strip, table = _against_median(corpus, cmp, key, profile_of)
    titles = "".join(f"<li>{esc(r.year or '')} · {esc(r.title or '')}</li>" for r in reports)
    stats = "".join(
        f'<div class="stat"><b>{n}</b>{bi(zh, en)}</div>'
        for n, zh, en in (
            (len(results), "数据", "figures"),
            (len(targets), "目标", "targets"),
            (len(national), "全国排名", "national ranks"),
            (sum(1 for i in corpus.initiatives if i.report in {r.iri for r in reports}), "举措", "initiatives"),
        )
    )
    other_note = bi(
        "以下排名不是全国排名，按其范围标出。", "These ranks are not against the nation; each names its scope."
    )
    body = (
        f'<p class="note">{bi("代码", "Code")} {esc(latest.code or "—")}</p><ul>{titles}</ul><div class="stats">{stats}</div>'
        f"<h2>{bi('与各地比较', 'Against the other places')}</h2>{strip}{table}"
        f"<h2>{bi('预期目标', 'Targets')} <small>({len(targets)})</small></h2>{sortable('targets', _FIG_HEAD, _figure_rows(targets, profile_of))}"
        f"<h2>{bi('全国排名', 'National ranks')} <small>({len(national)})</small></h2>"
        f"{sortable('national', _FIG_HEAD, _figure_rows(sorted(national, key=lambda f: (f.number, f.order)), profile_of))}"
        + (
            f'<h3>{bi("其他范围的排名", "Ranks of other scopes")}</h3><p class="note">{other_note}</p>{sortable("other-ranks", _FIG_HEAD, _figure_rows(others, profile_of))}'
            if others
            else ""
        )
        + f"<h2>{bi('各领域举措', 'Initiatives by sector')}</h2>{_initiatives(corpus, reports)}"
        f'<h2 id="figures">{bi("全部数据及出处", "Every figure, with its sentence")} <small>({len(figures)})</small></h2>'
        f'<p><input type="search" data-filter="all-figures" placeholder="筛选 Filter" aria-label="Filter figures"></p>'
        f"{sortable('all-figures', [*_FIG_HEAD, ('sentence', '出处', 'Sentence')], _figure_rows(figures, profile_of, True))}"
    )
    nav = nav_links([("index.html", "首页", "Index"), ("compare.html", "地区对比", "Compare places")])
    en = latest.place_en or latest.place
    return shell(f"{latest.place} · 地区概况", f"{en} · profile", body, lang, nav)
