"""``view --all`` on real provincial reports of ``../shared``, opened in headless Chromium: every kind of page
is interactive within a loose bound, draws at most 1,000 network nodes, and its tables and search work.

The figures per page on the whole 25-report corpus come from ``benchmarks/page_timing.py``; this test only
guards against a page that stops opening quickly (the bound is loose: the machine is shared)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "provinces-2026"
REPORTS = ("beijing-2026.txt", "sichuan-2026.txt", "guangdong-2026.txt", "gansu-2026.txt")
LOOSE_SECONDS = 10.0
"""The issue asks for 3 s on the 25-report corpus (measured by the benchmark); a test on a shared machine
only checks an order of magnitude."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared is not beside the checkout")
    from policykg.exports.site import write_site
    from policykg.graph_builder import build_reports

    built = build_reports([CORPUS / name for name in REPORTS], jobs=2)
    out = tmp_path_factory.mktemp("site")
    write_site(built.graph, out)
    return out


def _open(page: Any, path: Path) -> float:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.monotonic()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=LOOSE_SECONDS * 1000)
    elapsed = time.monotonic() - start
    assert errors == [] and page.blocked == [], errors
    return elapsed


def test_every_kind_of_page_opens_quickly_and_draws_at_most_1000_nodes(offline_page: Any, site: Path) -> None:
    names = {p.name for p in site.glob("*.html")}
    first = {prefix: min(n for n in names if n.startswith(prefix)) for prefix in ("profile-", "sector-", "place-")}
    for name in ("index.html", "compare.html", "overview.html", "outcomes.html", "focus.html", *first.values()):
        assert _open(offline_page, site / name) < LOOSE_SECONDS, name
        if offline_page.evaluate("!!window.pkgView"):
            assert offline_page.evaluate("pkgView.nodeView.length") <= 1000, name


def test_compare_page_has_a_row_per_report_and_sorts_and_filters(offline_page: Any, site: Path) -> None:
    _open(offline_page, site / "compare.html")
    rows = offline_page.locator("table#matrix tbody tr")
    assert rows.count() == len(REPORTS)
    offline_page.click("table#matrix thead th[data-key='grp-growth'] button")
    offline_page.click("table#matrix thead th[data-key='grp-growth'] button")
    order = offline_page.eval_on_selector_all(
        "table#matrix tbody tr td:nth-child(2)", "els => els.map(e => parseFloat(e.dataset.v || 'NaN'))"
    )
    numbers = [v for v in order if v == v]
    assert numbers == sorted(numbers, reverse=True) or numbers == sorted(numbers)
    offline_page.fill("input[data-filter]", "四川")
    visible = offline_page.eval_on_selector_all("table#matrix tbody tr", "els => els.filter(e => !e.hidden).length")
    assert visible == 1


def test_overview_folded_indicator_lists_its_values(offline_page: Any, site: Path) -> None:
    _open(offline_page, site / "overview.html")
    folded = offline_page.evaluate(
        "pkgView.data.nodes.filter(n => n.cls === 'Indicator' && n.folded && !n.parent).map(n => n.id)"
    )
    assert folded
    offline_page.evaluate(f"pkgView.select({folded[0]!r})")
    assert offline_page.locator("#panel button.member").count() >= 1
    assert offline_page.locator("#panel .m-facts").count() >= 1
    offline_page.fill("#search", "地区生产总值")
    assert offline_page.locator("#results button").count() >= 1
