"""The comparison and place-profile pages: on the seed through the command line, and on four real
provincial reports of ``../shared`` (one row each, GDP growth and next year's target as the text says)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from policykg.cli import main
from policykg.exports.corpus import Corpus, Figure, load_corpus
from policykg.exports.measures import Cell, Value, compare
from policykg.exports.site import comparison, find_place, write_pages

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "provinces-2026"
SAMPLE = {
    # report file: (place, GDP growth 2025 as written, GDP growth target 2026 as written), read by hand
    "beijing-2026.txt": ("北京市", "5.4%", "5%左右"),
    "shanghai-2026.txt": ("上海市", "5.4%", "5%左右"),
    "sichuan-2026.txt": ("四川省", "5.5%", "5.5%左右"),
    "xinjiang-2026.txt": ("新疆维吾尔自治区", "5.5%", "5.5%—6%"),
    # the year's figures in a paragraph under a five-year heading; the target named 经济增长
    "hebei-2026.txt": ("河北省", "5.6%", "5%以上"),
    "guangxi-2026.txt": ("广西壮族自治区", "5.1%", "5%左右"),
}


@pytest.fixture(scope="module")
def seed_corpus(seed_graph: Graph) -> Corpus:
    return load_corpus(seed_graph)


@pytest.fixture(scope="module")
def sample() -> Corpus:
    if not CORPUS.is_dir():
        pytest.skip("../shared is not beside the checkout")
    from policykg.graph_builder import build_reports

    built = build_reports([CORPUS / name for name in SAMPLE], jobs=2)
    return load_corpus(built.graph)


def test_seed_corpus_has_its_report_and_gdp(seed_corpus: Corpus) -> None:
    assert len(seed_corpus.reports) == 1 and len(seed_corpus.places) == 1
    cmp = compare(seed_corpus)
    assert len(cmp.rows) == 1 and cmp.filled("grp-growth") == 1


def test_pages_are_written_and_link_figures_to_sentences(seed_corpus: Corpus, tmp_path: Path) -> None:
    written = write_pages(seed_corpus, tmp_path)
    assert written[0].name == "compare.html" and written[1].name.startswith("profile-")
    page = written[0].read_text(encoding="utf-8")
    assert "<script" in page and 'id="matrix"' in page and "http://" not in page.replace("http://www.w3.org", "")
    anchors = [a.split('"')[0] for a in page.split('href="')[1:] if "#f-" in a.split('"')[0]]
    profile = written[1].read_text(encoding="utf-8")
    assert anchors and all(f'id="{a.split("#")[1]}"' in profile for a in anchors)


def test_unknown_indicator_or_place_is_one_line(seed_corpus: Corpus) -> None:
    from policykg.exports.errors import ExportError

    with pytest.raises(ExportError, match="no compared indicator"):
        comparison(seed_corpus, indicator="no such thing")
    with pytest.raises(ExportError, match="no reporting place"):
        find_place(seed_corpus, "no such place")


def test_cli_compare_and_profile(seed_ttl: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "compare.html"
    result = runner.invoke(main, ["view", "compare", "--indicator", "GDP", "--graph", str(seed_ttl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 places" in result.output and out.is_file()
    place = load_corpus(Graph().parse(seed_ttl)).reports[0].place
    prof = tmp_path / "p.html"
    result = runner.invoke(main, ["view", "profile", "--focus", place, "--graph", str(seed_ttl), "-o", str(prof)])
    assert result.exit_code == 0 and prof.is_file(), result.output
    result = runner.invoke(main, ["view", "profile", "--graph", str(seed_ttl), "-o", str(prof)])
    assert result.exit_code == 2 and "needs --focus" in result.output
    result = runner.invoke(main, ["view", "compare", "--indicator", "nothing", "--graph", str(seed_ttl)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_real_reports_one_row_each_with_growth_and_target_as_written(sample: Corpus) -> None:
    cmp = compare(sample)
    assert cmp.year == 2025 and len(cmp.rows) == len(SAMPLE)
    rows = {r.report.place: r.cells["grp-growth"] for r in cmp.rows}
    for name, (place, growth, target) in SAMPLE.items():
        text = (CORPUS / name).read_text(encoding="utf-8")
        cell = rows[place]
        assert cell.actual is not None and cell.next_target is not None, place
        assert (cell.actual.text, cell.next_target.text) == (growth, target), place
        for value in (cell.actual, cell.next_target):
            assert value.first.sentence in text and value.first.highlight is not None


def test_real_reports_compare_page_has_a_row_per_place(sample: Corpus, tmp_path: Path) -> None:
    page = write_pages(sample, tmp_path)[0].read_text(encoding="utf-8")
    table = page[page.index('id="matrix"') : page.index("</table>", page.index('id="matrix"'))]
    assert table.count('<th scope="row">') == len(SAMPLE)
    assert all(place in table for place, _, _ in SAMPLE.values())


def _figure(number: float, status: str, direction: str | None = None, value: str = "") -> Figure:
    return Figure(
        f"o{number}{status}", "r", "GDP", None, None, None, value or str(number), "%", number, "percent",
        "GrowthRate", status, "Result", None, "2025", None, None, direction, "s", None, 0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("actual", "target", "direction", "met"),
    [
        (5.4, (5.0,), None, True),
        (4.8, (5.0,), None, False),
        (5.0, (5.0, 5.5), None, True),  # a range is met at its lower bound
        (4.9, (5.0, 5.5), None, False),
        (3.1, (3.5,), "Down", True),  # a ceiling (unemployment, prices) is met at or below it
        (3.6, (3.5,), "Down", False),
    ],
)
def test_met_or_missed(actual: float, target: tuple[float, ...], direction: str | None, met: bool) -> None:
    cell = Cell(Value((_figure(actual, "Actual"),)), Value(tuple(_figure(t, "Target", direction) for t in target)))
    assert cell.met is met
    assert Cell(Value((_figure(actual, "Actual"),))).met is None
