"""The views in headless Chromium with the network blocked: rendering, legend, search, details panel,
safety against report text, a 5,000-node corpus, screenshots and Chinese glyphs."""

from __future__ import annotations

import base64
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from policykg.exports import views
from policykg.exports.html import render
from policykg.exports.views import Edge, Model, Node

pytestmark = pytest.mark.browser
SMALL = Path(__file__).parent / "data" / "view_small.ttl"
PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture(scope="module")
def small() -> Model:
    return views.load_model(Graph().parse(SMALL, format="turtle"))


def open_view(page: Any, view: views.View, tmp_path: Path, name: str = "view.html", timeout: float = 15_000) -> float:
    """Write the view, open it from disk and wait until the page says it is ready; returns seconds."""
    path = tmp_path / name
    path.write_text(render(view), encoding="utf-8")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    start = time.monotonic()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout)
    elapsed = time.monotonic() - start
    assert errors == [] and page.blocked == []
    return elapsed


def counts(page: Any) -> list[int]:
    return page.evaluate(
        "[pkgView.nodes.length, pkgView.nodeView.length,"
        " Object.keys(pkgView.network.body.nodes).length, pkgView.edgeView.length]"
    )


@pytest.mark.parametrize("which", ["overview", "sector", "place", "outcomes", "focus"])
def test_each_view_renders_its_nodes(offline_page: Any, small: Model, tmp_path: Path, which: str) -> None:
    view = {
        "overview": lambda: views.overview(small),
        "sector": lambda: views.sector(small, "能源"),
        "place": lambda: views.place(small, "太原市"),
        "outcomes": lambda: views.outcomes(small),
        "focus": lambda: views.focus(small, "太原市", 1),
    }[which]()
    open_view(offline_page, view, tmp_path)
    n = len(view.nodes)
    assert counts(offline_page) == [n, n, n, len(view.edges)]
    legend = offline_page.eval_on_selector_all("#legend li", "els => els.map(e => e.dataset.cls)")
    assert sorted(legend) == sorted({node.cls for node in view.nodes})


def test_search_click_and_details(offline_page: Any, small: Model, tmp_path: Path) -> None:
    open_view(offline_page, views.overview(small), tmp_path)
    offline_page.fill("#search", "太原")
    found = offline_page.eval_on_selector_all("#results button", "els => els.map(e => e.textContent)")
    assert any(t.startswith("太原市") for t in found)
    obs = "https://w3id.org/policykg/id/obs/o1"
    offline_page.evaluate(f"pkgView.network.moveTo({{position: pkgView.network.getPosition('{obs}'), scale: 1}})")
    box = offline_page.locator("#network").bounding_box()
    point = offline_page.evaluate(f"pkgView.network.canvasToDOM(pkgView.network.getPosition('{obs}'))")
    offline_page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    offline_page.wait_for_selector("#panel .sentence")
    assert offline_page.text_content("#panel .sentence") == "实施煤电机组改造工程，太原市新增装机容量1200万千瓦。"
    assert offline_page.text_content("#panel mark") == "1200万千瓦"
    offline_page.select_option("#sector", "工业")
    assert offline_page.evaluate("pkgView.nodeView.get().every(n => !n.id.endsWith('initiative/i1'))")


def test_report_payload_does_not_execute(offline_page: Any, tmp_path: Path, small: Model) -> None:
    from policykg.graph_builder import build_reports

    report = tmp_path / "payload.txt"
    report.write_text(
        "某市2024年政府工作报告\n一、2023年工作回顾\n"
        f"全市地区生产总值达到500亿元{PAYLOAD}，增长5%。\n"
        f"实施{PAYLOAD}工程，新增就业2万人。\n",
        encoding="utf-8",
    )
    graph = build_reports([report], jobs=1).graph
    built = views.load_model(graph)
    evil = Node("https://example.org/evil", PAYLOAD, "Policy", sentence=PAYLOAD + "</script>", highlight=(0, 5))
    built.nodes[evil.iri] = evil
    for other in list(built.nodes)[:3]:
        built.edges.append(Edge(evil.iri, other, "place"))
    dialogs: list[str] = []
    offline_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    view = views.overview(built)
    open_view(offline_page, view, tmp_path)
    offline_page.evaluate(f"pkgView.select({evil.iri!r})")
    offline_page.fill("#search", "onerror")
    offline_page.wait_for_timeout(300)
    assert dialogs == []
    assert offline_page.locator("#panel img, #results img, #panel script").count() == 0
    assert PAYLOAD in offline_page.text_content("#panel h2")


def _corpus(n_initiatives: int = 4600) -> Model:
    m = Model()
    for k in range(20):
        m.nodes[f"s{k}"] = Node(f"s{k}", f"领域{k}", "Sector")
    for k in range(300):
        m.nodes[f"p{k}"] = Node(f"p{k}", f"县{k}", "County")
    for k in range(100):
        m.nodes[f"g{k}"] = Node(f"g{k}", f"机构{k}", "Organization")
    for k in range(n_initiatives):
        m.nodes[f"i{k}"] = Node(f"i{k}", f"举措{k}", "Project", sectors=(f"领域{k % 20}",))
        m.edges += [
            Edge(f"i{k}", f"s{k % 20}", "sector"),
            Edge(f"i{k}", f"p{k % 300}", "place"),
            Edge(f"i{k}", f"g{k % 100}", "implementedBy"),
        ]
    return m


def test_corpus_of_5000_nodes_opens_aggregated_and_drills_down(offline_page: Any, tmp_path: Path) -> None:
    view = views.overview(_corpus())
    assert len(view.nodes) >= 5000 and not view.physics
    elapsed = open_view(offline_page, view, tmp_path, timeout=10_000)
    assert elapsed < 10
    assert counts(offline_page)[:3] == [view.drawn] * 3 and view.drawn <= 1000
    group = next(n for n in view.nodes if n.group)
    offline_page.evaluate(f"pkgView.network.selectNodes([{group.iri!r}])")
    offline_page.evaluate(f"pkgView.select({group.iri!r})")
    assert f"({group.folded})" in offline_page.text_content("#panel h3.folds")
    assert offline_page.locator("#panel button.member").count() == min(group.folded, 100)
    offline_page.fill("#search", "举措4599")
    assert offline_page.eval_on_selector_all("#results button", "els => els.length") >= 1
    offline_page.click("#results button >> nth=0")
    assert offline_page.text_content("#panel h2") == "举措4599"
    assert counts(offline_page)[0] > view.drawn


def test_folded_indicator_lists_its_values_and_language_redraws(offline_page: Any, tmp_path: Path) -> None:
    m = _corpus(400)
    m.nodes["d"] = Node("d", "地区生产总值", "Indicator", label_en="GDP")
    for k in range(30):
        details = (("数值 value", f"5.{k}%"), ("时期 period", "2025"), ("地区 place", f"县{k}"))
        m.nodes[f"o{k}"] = Node(
            f"o{k}", f"地区生产总值 5.{k}%", "Observation", "全年地区生产总值增长。", "GDP", details=details
        )
        m.edges += [Edge(f"o{k}", "d", "indicator"), Edge(f"o{k}", f"p{k}", "refArea")]
    view = views.overview(m)
    open_view(offline_page, view, tmp_path)
    offline_page.evaluate("pkgView.select('d')")
    assert "(30)" in offline_page.text_content("#panel h3.folds")
    facts = offline_page.eval_on_selector_all("#panel .m-facts", "els => els.map(e => e.textContent)")
    assert "5.3% · 县3 · 2025" in facts
    offline_page.select_option("#lang", "en")
    assert offline_page.text_content("#panel h2") == "GDP"
    assert offline_page.text_content("#panel h3.folds").startswith("Folds (30)")
    offline_page.click("#panel button.member >> nth=0")
    assert offline_page.locator("#panel mark, #panel .sentence").count() >= 1


def pixel_stddev(page: Any, png: bytes) -> float:
    """Standard deviation of grey levels of a PNG, decoded by the browser itself (no imaging library)."""
    url = "data:image/png;base64," + base64.b64encode(png).decode()
    return float(
        page.evaluate(
            """async (url) => {
        const img = new Image(); img.src = url; await img.decode();
        const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data; let s = 0, s2 = 0, n = 0;
        for (let i = 0; i < d.length; i += 16) { const v = (d[i] + d[i + 1] + d[i + 2]) / 3; s += v; s2 += v * v; n++; }
        return Math.sqrt(s2 / n - (s / n) * (s / n)); }""",
            url,
        )
    )


def test_screenshots_are_not_blank_and_chinese_renders(
    offline_page: Any, small: Model, seed_graph: Graph, tmp_path: Path
) -> None:
    fc_list = shutil.which("fc-list")
    assert fc_list, "fontconfig missing"
    fonts = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=True).stdout
    assert fonts.strip(), "no Chinese font installed (install fonts-wqy-zenhei)"
    seed = views.load_model(seed_graph)
    sector_source = seed if any(n.cls == "Sector" for n in seed.nodes.values()) else small
    first_sector = min(n.label for n in sector_source.nodes.values() if n.cls == "Sector")
    offline_page.set_viewport_size({"width": 1100, "height": 700})
    for name, view in (("overview", views.overview(seed)), ("sector", views.sector(sector_source, first_sector))):
        open_view(offline_page, view, tmp_path, f"{name}.html")
        shot = tmp_path / f"{name}.png"
        offline_page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        assert pixel_stddev(offline_page, shot.read_bytes()) > 10, f"{name} screenshot looks blank"
        width = offline_page.evaluate("""() => { const s = document.createElement('span');
            s.textContent = '总览地区生产总值'; document.body.appendChild(s); return s.getBoundingClientRect().width; }""")
        assert width > 40
        fallback = offline_page.evaluate("document.fonts.check('16px \"WenQuanYi Zen Hei\"', '总览')")
        assert fallback
        if name == "overview" and any(n.label == "太原市" for n in view.nodes):
            offline_page.fill("#search", "太原")
            assert offline_page.locator("#results button").count() >= 1


def test_site_pages_open_offline_with_charts(offline_page: Any, seed_graph: Graph, tmp_path: Path) -> None:
    from policykg.exports.site import write_site

    written = write_site(seed_graph, tmp_path / "site")
    names = {p.name for p in written}
    assert {"index.html", "compare.html", "overview.html"} <= names and any(n.startswith("profile-") for n in names)
    offline_page.goto((tmp_path / "site" / "index.html").as_uri())
    links = offline_page.eval_on_selector_all("#views a", "els => els.map(e => e.getAttribute('href'))")
    assert set(links) <= names and "overview.html" in links
    assert offline_page.locator("figcaption").count() >= 1 and offline_page.blocked == []
    offline_page.goto((tmp_path / "site" / "compare.html").as_uri())
    assert offline_page.locator("table#matrix tbody tr").count() >= 1 and offline_page.blocked == []


def test_readme_screenshot_is_small() -> None:
    shot = Path(__file__).parent.parent / "docs" / "overview.png"
    assert shot.exists() and 10_000 < shot.stat().st_size < 300_000
