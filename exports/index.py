"""The index page of ``policykg view --all``: what the corpus is, each report's headline figures with its
place and year, charts labelled with places, and links to every page.

The title says what was read (N reports, their places and years), not any one report's title; a figure
is always shown with the place and year it belongs to and links to its sentence; the national ranking
chart holds ranks against the nation only, ranks of other scopes are listed with their scope.
"""

from __future__ import annotations

from collections import Counter

from policykg.exports.charts import Bar, bar_chart
from policykg.exports.corpus import Corpus
from policykg.exports.measures import Comparison
from policykg.exports.page import bi, cell, esc, figure_href, figure_link, shell, short, sortable
from policykg.exports.profile_page import SCOPES

HEADLINES = (
    ("grp-level", "actual"),
    ("grp-growth", "actual"),
    ("grp-growth", "next_target"),
    ("industry-growth", "actual"),
    ("retail-growth", "actual"),
    ("revenue-growth", "actual"),
    ("jobs", "actual"),
)
"""The headline figures each report's row shows: (measure, actual or next year's target)."""
RANKS_CHARTED = 30


def corpus_title(corpus: Corpus) -> tuple[str, str]:
    """(zh, en) title naming what was read.

    >>> from policykg.exports.corpus import Report
    >>> corpus_title(Corpus((Report("r", "山西省", "140000", 2024),), (), (), {}))
    ('山西省 2024年政府工作报告', 'Shanxi government work report 2024')
    """
    reports, years = corpus.reports, corpus.years
    span = "–".join(str(y) for y in sorted({years[0], years[-1]})) if years else ""
    if len(reports) == 1:
        r = reports[0]
        return f"{r.place} {span}年政府工作报告", f"{r.place_en or r.place} government work report {span}".strip()
    places = len(corpus.places)
    return (
        f"{len(reports)}份政府工作报告 · {places}个地区 · {span}年",
        f"{len(reports)} government work reports · {places} places · {span}",
    )


def headline_table(cmp: Comparison, profile_of: dict[str, str]) -> str:
    """One row per report, its place and year first: GDP and its growth, next year's growth target and
    the other headline figures, each linked to its sentence."""
    y = cmp.year
    head = [("place", "地区", "Place"), ("year", "报告年份", "Report year")]
    for key, which in HEADLINES:
        zh, en = cmp.labels.get(key, (key, key))
        year = y + 1 if which == "next_target" else y
        target = which == "next_target"
        head.append(
            (f"{key}-{which}", f"{year}年{zh}" + ("目标" if target else ""), f"{en}, {'target ' * target}{year}")
        )
    rows = []
    for row in cmp.rows:
        r, c = row.report, row.cells
        tds = [
            f'<th scope="row"><a href="{esc(profile_of.get(r.iri, ""))}">{bi(r.place, r.place_en)}</a></th>',
            cell(esc(r.year or ""), r.year),
        ]
        for key, which in HEADLINES:
            v = getattr(c[key], which) if key in c else None
            tds.append(cell(figure_link(v.figures, profile_of), v.low) if v else cell('<span class="none">—</span>'))
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return f'<div class="scroll">{sortable("headline", head, rows)}</div>'


def growth_chart(corpus: Corpus, cmp: Comparison, profile_of: dict[str, str]) -> str:
    """GDP growth by place when several places report it, else the growth rates of the one report."""
    rows = [(r.report, r.cells["grp-growth"].actual) for r in cmp.rows if "grp-growth" in r.cells]
    found = [(rep, v) for rep, v in rows if v]
    if len(found) >= 2:
        bars = [
            Bar(
                rep.place,
                rep.place_en or rep.place,
                v.low,
                v.text,
                f"{short(v.low)}%",
                figure_href(v.first, profile_of),
                v.first.sentence,
            )
            for rep, v in sorted(found, key=lambda x: (-x[1].low, x[0].key))
        ]
        caption = bi(
            f"{cmp.year}年地区生产总值增速（按地区）", f"Growth of gross regional product {cmp.year}, by place (%)"
        )
        return bar_chart(caption, bars, label="growth by place")
    report = corpus.reports[0] if corpus.reports else None
    figs = [
        f
        for f in (corpus.figures_of.get(report.iri, ()) if report else ())
        if f.kind == "GrowthRate" and f.role == "Result" and f.status == "Actual" and "%" in f.unit and corpus.own(f)
    ]
    seen: set[str] = set()
    bars = []
    for f in figs:
        if f.name not in seen:
            seen.add(f.name)
            bars.append(
                Bar(
                    f.name,
                    f.concept_en or f.name,
                    f.number,
                    f.text,
                    f"{short(f.number)}%",
                    figure_href(f, profile_of),
                    f.sentence,
                )
            )
    where = f"{report.place} {report.year or ''}" if report else ""
    where_en = f"{report.place_en or report.place} {report.year or ''}" if report else ""
    return bar_chart(
        bi(f"增速（按指标）· {where}", f"Growth rates by indicator · {where_en} (%)"),
        bars[:20],
        label="growth by indicator",
    )


def rank_chart(corpus: Corpus, profile_of: dict[str, str]) -> tuple[str, str]:
    """(chart of ranks against the nation, best first, each labelled with its place; table of the ranks
    of other scopes, each with its scope)."""
    ranks = [f for f in corpus.figures if f.kind == "Rank" and f.role == "Result" and f.report in corpus.by_iri]
    national = sorted((f for f in ranks if f.scope == "National"), key=lambda f: (f.number, f.report, f.order))
    worst = max((f.number for f in national), default=0) + 1
    bars = [
        Bar(
            f"{corpus.by_iri[f.report].place} · {f.indicator}",
            f"{corpus.by_iri[f.report].place_en or corpus.by_iri[f.report].place} · {f.concept_en or f.indicator}",
            worst - f.number,
            f.text,
            f"#{short(f.number)} in China",
            figure_href(f, profile_of),
            f.sentence,
        )
        for f in national[:RANKS_CHARTED]
    ]
    caption = bi(
        f"全国排名（仅限全国范围，名次最前的{len(bars)}项，共{len(national)}项）",
        f"Ranks against the nation (national scope only; the best {len(bars)} of {len(national)})",
    )
    chart = bar_chart(caption, bars, "#59a14f", "national ranks")
    others = [f for f in ranks if f.scope != "National"]
    head = [
        ("place", "地区", "Place"),
        ("indicator", "指标", "Indicator"),
        ("rank", "排名", "Rank"),
        ("scope", "范围", "Scope"),
    ]
    rows = [
        f"<tr><td>{bi(corpus.by_iri[f.report].place, corpus.by_iri[f.report].place_en)}</td>"
        f"<td>{bi(f.indicator, f.concept_en or f.indicator)}</td>{cell(figure_link((f,), profile_of), f.number)}"
        f"<td>{bi(*SCOPES.get(f.scope or '', ('未注明', 'not stated')))}</td></tr>"
        for f in others
    ]
    return chart, (sortable("other-ranks", head, rows) if rows else "")


def sector_chart(corpus: Corpus) -> str:
    """Initiatives per sector across the corpus."""
    counts: Counter[str] = Counter(s for i in corpus.initiatives for s in i.sectors)
    bars = [
        Bar(corpus.sectors.get(s, (s, None))[0], corpus.sectors.get(s, (s, None))[1] or s, float(n), str(n))
        for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    ]
    return bar_chart(bi("各领域举措数", "Initiatives per sector"), bars, "#e15759", "initiatives per sector")


def render_index(
    corpus: Corpus,
    cmp: Comparison,
    counts: dict[str, int],
    links: list[tuple[str, str, str, int]],
    profile_of: dict[str, str],
    lang: str = "zh",
) -> str:
    """The index page; ``links`` are (file, zh title, en title, nodes drawn) of the network views."""
    title, title_en = corpus_title(corpus)
    stats = "".join(
        f'<div class="stat"><b>{counts.get(k, 0)}</b>{bi(zh, en)}</div>'
        for k, zh, en in (
            ("Report", "报告", "reports"),
            ("Observation", "观测值", "observations"),
            ("Indicator", "指标", "indicators"),
            ("Initiative", "举措", "initiatives"),
            ("Sector", "领域", "sectors"),
            ("Organization", "机构", "organisations"),
        )
    )
    chart, other_ranks = rank_chart(corpus, profile_of)
    profiles = "".join(
        f'<li><a href="{esc(profile_of[rs[-1].iri])}">{bi(rs[-1].place, rs[-1].place_en)}</a></li>'
        for rs in corpus.places.values()
    )
    nets = "".join(
        f'<li><a href="{esc(f)}">{bi(zh, en)}</a> <small>({n} {bi("个节点", "nodes drawn")})</small></li>'
        for f, zh, en, n in links
    )
    body = (
        f'<div class="stats">{stats}</div>'
        f'<p><a href="compare.html"><b>{bi("地区对比：主要指标、目标与完成情况", "Compare places: main indicators, targets, met or missed")}</b></a></p>'
        f"<h2>{bi('主要数据（按报告）', 'Headline figures, by report')}</h2>{headline_table(cmp, profile_of)}"
        f'<h2>{bi("图表", "Charts")}</h2><div class="charts">{growth_chart(corpus, cmp, profile_of)}{chart}{sector_chart(corpus)}</div>'
        + (f"<h3>{bi('其他范围的排名', 'Ranks of other scopes')}</h3>{other_ranks}" if other_ranks else "")
        + f'<h2>{bi("地区概况", "Place profiles")}</h2><ul id="profiles" class="cols">{profiles}</ul>'
        f'<h2>{bi("关系网络", "Networks")}</h2><ul id="views" class="cols">{nets}</ul>'
    )
    return shell(title, title_en, body, lang)
