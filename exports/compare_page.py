"""The comparison page: places × measures (actual, target, met or missed), a dot chart per measure, the
sectors each place stresses and the largest amounts of money, every figure linked to its sentence.

It answers an analyst's first questions across a corpus (which place grew fastest, who met its target,
where the money went) in tables that read without JavaScript and sort and filter with it.
"""

from __future__ import annotations

from collections import Counter

from policykg.exports.charts import Dot, dot_chart
from policykg.exports.corpus import Corpus, Report
from policykg.exports.measures import Cell, Comparison, Measure, Value
from policykg.exports.page import bi, cell, esc, figure_href, figure_link, nav_links, number_en, shell, short, sortable

LARGEST = 30
"""Rows of the largest amounts of money."""
SECTORS_SHOWN = 12
"""Sectors (the most frequent across the corpus) in the sector table."""


def place_cell(report: Report, profile_of: dict[str, str]) -> str:
    """A place's name linked to its profile page, with its code."""
    href = profile_of.get(report.iri, "")
    return f'<th scope="row"><a href="{esc(href)}">{bi(report.place, report.place_en)}</a></th>'


def _value(value: Value | None, profile_of: dict[str, str]) -> str:
    return cell(figure_link(value.figures, profile_of), value.low) if value else cell('<span class="none">—</span>')


def _met(c: Cell) -> str:
    if c.met is None:
        return cell('<span class="none">—</span>')
    return cell(
        bi("✓ 完成", "✓ met") if c.met else bi("✗ 未完成", "✗ missed"), 1 if c.met else 0, "met" if c.met else "missed"
    )


def matrix(cmp: Comparison, profile_of: dict[str, str]) -> str:
    """One row per place, one column per measure with data: the actual for the year."""
    shown = [m for m in cmp.measures if cmp.filled(m.key)]
    head = [("place", "地区", "Place")] + [(m.key, *cmp.labels[m.key]) for m in shown]
    rows = [
        "<tr>"
        + place_cell(r.report, profile_of)
        + "".join(_value(r.cells[m.key].actual, profile_of) for m in shown)
        + "</tr>"
        for r in cmp.rows
    ]
    return f'<div class="scroll">{sortable("matrix", head, rows)}</div>'


def measure_section(cmp: Comparison, m: Measure, profile_of: dict[str, str]) -> str:
    """A measure: its table (actual, target, met, next year's target) and its dot chart."""
    y = cmp.year
    zh, en = cmp.labels[m.key]
    has_previous = any(r.cells[m.key].previous for r in cmp.rows)
    has_target = any(r.cells[m.key].target for r in cmp.rows)
    head = [("place", "地区", "Place"), ("actual", f"{y}年实际", f"Actual {y}")]
    if has_target:
        head += [("target", f"{y}年目标", f"Target {y}"), ("met", "是否完成", "Met?")]
    head += [("next", f"{y + 1}年目标", f"Target {y + 1}")]
    head += [("previous", f"{y - 1}年实际", f"Actual {y - 1}")] if has_previous else []
    rows = []
    for r in cmp.rows:
        c = r.cells[m.key]
        tds = [_value(c.actual, profile_of)]
        tds += [_value(c.target, profile_of), _met(c)] if has_target else []
        tds.append(_value(c.next_target, profile_of))
        if has_previous:
            tds.append(_value(c.previous, profile_of))
        rows.append("<tr>" + place_cell(r.report, profile_of) + "".join(tds) + "</tr>")
    table = sortable(f"m-{m.key}", head, rows)
    chart = dot_chart(
        bi(
            f"{zh}：{y}年实际（圆点）与{y + 1}年目标（菱形或区间）",
            f"{en}: actual {y} (dot), target {y + 1} (diamond or range)",
        ),
        dots(cmp, m, profile_of),
        _fmt(m),
        label=en,
    )
    return f'<section id="{esc(m.key)}"><h2>{bi(zh, en)}</h2><div class="charts"><div class="scroll">{table}</div>{chart}</div></section>'


def _fmt(m: Measure) -> object:
    if m.base_unit == "percent":
        return lambda v: f"{short(v)}%"
    return lambda v: number_en(v, m.base_unit)


def dots(cmp: Comparison, m: Measure, profile_of: dict[str, str]) -> list[Dot]:
    """Every place with an actual or a next-year target, highest actual first."""
    out = []
    for r in cmp.rows:
        c = r.cells[m.key]
        if not (c.actual or c.next_target):
            continue
        a, t = c.actual, c.next_target
        out.append(
            Dot(
                r.report.place,
                r.report.place_en or r.report.place,
                a.low if a else None,
                a.text if a else "",
                number_en(a.low, a.first.base_unit) if a else "",
                figure_href(a.first, profile_of) if a else None,
                a.first.sentence if a else None,
                t.low if t else None,
                t.high if t else None,
                figure_href(t.first, profile_of) if t else None,
                t.first.sentence if t else None,
            )
        )
    return sorted(out, key=lambda d: (d.value is None, -(d.value or 0), d.label))


def sector_table(corpus: Corpus, profile_of: dict[str, str]) -> str:
    """Initiatives per sector and place, as a share of the place's initiatives; the sectors a place
    stresses most (its share against the corpus's) are named in the last column."""
    per: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for i in corpus.initiatives:
        for s in i.sectors:
            per.setdefault(i.report, Counter())[s] += 1
            total[s] += 1
    if not total:
        return ""
    top = [s for s, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:SECTORS_SHOWN]]
    all_n = sum(total.values())
    head = (
        [("place", "地区", "Place")]
        + [(s, *_sector(corpus, s)) for s in top]
        + [("stress", "最突出领域", "Most stressed")]
    )
    rows = []
    for reports in corpus.places.values():
        counts: Counter[str] = Counter()
        for r in reports:
            counts.update(per.get(r.iri, Counter()))
        n = sum(counts.values()) or 1
        tds = []
        for s in top:
            share = 100 * counts[s] / n
            lift = share / (100 * total[s] / all_n)
            shade = f' style="background:rgba(237,201,72,{min(max(lift - 1, 0), 1) * 0.8:.2f})"'
            tds.append(f'<td data-v="{share:.3f}"{shade} title="{counts[s]}">{short(share)}%</td>')
        lifts = sorted(((counts[s] / n) / (total[s] / all_n), s) for s in counts if counts[s] >= 5)
        stress = "、".join(bi(*_sector(corpus, s)) for _, s in sorted(lifts, key=lambda x: (-x[0], x[1]))[:3])
        rows.append("<tr>" + place_cell(reports[-1], profile_of) + "".join(tds) + f"<td>{stress}</td></tr>")
    note = bi(
        "每格为该地区举措中属于该领域的比例；底色越深，比全部报告的比例高得越多。",
        "Each cell is the share of the place's initiatives in the sector; the deeper the colour, the more it exceeds the share across all reports.",
    )
    return f'<p class="note">{note}</p><div class="scroll">{sortable("sectors", head, rows)}</div>'


def _sector(corpus: Corpus, iri: str) -> tuple[str, str]:
    zh, en = corpus.sectors.get(iri, (iri.rsplit("/", 1)[-1], None))
    return zh, en or zh


def largest_amounts(corpus: Corpus, profile_of: dict[str, str]) -> str:
    """The largest sums of money the reports state (investment, budgets, output), largest first."""
    money = sorted(
        (f for f in corpus.figures if f.base_unit == "CNY" and f.kind == "Level" and f.role == "Result"),
        key=lambda f: (-f.number, f.iri),
    )[:LARGEST]
    head = [
        ("place", "地区", "Place"),
        ("indicator", "指标", "Indicator"),
        ("amount", "金额", "Amount"),
        ("period", "时期", "Period"),
        ("status", "状态", "Status"),
    ]
    rows = [
        "<tr>"
        + place_cell(corpus.by_iri[f.report], profile_of)
        + f"<td>{bi(f.indicator, f.concept_en or f.indicator)}</td>"
        + cell(figure_link((f,), profile_of), f.number)
        + f"<td>{esc(f.period)}</td><td>{bi('目标', 'target') if f.status == 'Target' else bi('实际', 'actual')}</td></tr>"
        for f in money
        if f.report in corpus.by_iri
    ]
    return sortable("largest", head, rows) if rows else '<p class="empty">无数据 no data</p>'


def render_compare(corpus: Corpus, cmp: Comparison, profile_of: dict[str, str], lang: str = "zh") -> str:
    """The whole comparison page."""
    y = cmp.year
    shown = [m for m in cmp.measures if cmp.filled(m.key)]
    targets_for_y = any(r.cells[m.key].target for r in cmp.rows for m in shown)
    note = bi(
        f"{len(cmp.rows)}个地区，{y}年实际数（来自回顾{y}年的报告）与{y + 1}年预期目标。点击数字可查看出处句子；点击表头可排序。"
        + ("" if targets_for_y else f"这些报告中没有为{y}年设定的目标，因此无法判断是否完成。"),
        f"{len(cmp.rows)} places: actual figures for {y} (from the reports reviewing {y}) and targets for {y + 1}. "
        "Click a figure for its sentence, a column head to sort."
        + ("" if targets_for_y else f" No report here sets targets for {y}, so none can be judged met or missed."),
    )
    toc = " · ".join(f'<a href="#{esc(m.key)}">{bi(*cmp.labels[m.key])}</a>' for m in shown)
    ids = " ".join(["matrix", "sectors", "largest"] + [f"m-{m.key}" for m in shown])
    body = (
        f'<p class="note">{note}</p><p>{toc}</p>'
        f'<p><input type="search" data-filter="{ids}" placeholder="筛选地区 Filter places" aria-label="Filter places"></p>'
        f"<h2>{bi(f'{y}年主要指标', f'Main indicators, {y}')}</h2>{matrix(cmp, profile_of)}"
        + "".join(measure_section(cmp, m, profile_of) for m in shown)
        + f'<h2 id="sectors-stressed">{bi("各地区着力的领域", "Sectors each place stresses")}</h2>{sector_table(corpus, profile_of)}'
        + f'<h2 id="money">{bi("最大金额", "Largest amounts of money")}</h2>{largest_amounts(corpus, profile_of)}'
    )
    nav = nav_links([("index.html", "首页", "Index")])
    return shell(f"地区对比 · {y}年", f"Places compared · {y}", body, lang, nav)
