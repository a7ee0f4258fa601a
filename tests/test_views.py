"""What each view holds (no browser): overview, sector, place, outcomes, focus; folding; safe HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from policykg.exports import ExportError, groups, views
from policykg.exports.html import render, script_json
from policykg.exports.views import Edge, Model, Node

SMALL = Path(__file__).parent / "data" / "view_small.ttl"
ID = "https://w3id.org/policykg/id/"


@pytest.fixture(scope="module")
def model() -> Model:
    return views.load_model(Graph().parse(SMALL, format="turtle"))


def labels(view: views.View) -> set[str]:
    return {n.label for n in view.nodes}


def test_model_reads_classes_labels_and_evidence(model: Model) -> None:
    classes = {n.cls for n in model.nodes.values()}
    assert {
        "Project",
        "Campaign",
        "Observation",
        "Indicator",
        "Sector",
        "PrefectureCity",
        "County",
        "Organization",
    } <= classes
    taiyuan = model.nodes[ID + "place/410100"]
    assert (taiyuan.label, taiyuan.label_en) == ("太原市", "Taiyuan")
    obs = model.nodes[ID + "obs/o1"]
    assert obs.label == "新增装机容量 1200万千瓦" and obs.sentence is not None and obs.highlight is not None
    assert obs.sentence[obs.highlight[0] : obs.highlight[1]] == "1200万千瓦"
    assert obs.sectors == ("能源",)
    outcome = [e for e in model.edges if e.relation == "hasOutcome" and e.source.endswith("i1")]
    assert outcome and outcome[0].evidence is not None and "SameSentence" in outcome[0].evidence


def test_overview_leaves_out_the_report_node(model: Model) -> None:
    view = views.overview(model)
    assert "某省2024年政府工作报告" not in labels(view)
    assert {"能源", "煤电机组改造工程", "制造业振兴行动", "新增装机容量 1200万千瓦"} <= labels(view)
    ids = {n.iri for n in view.nodes}
    assert all(e.source in ids and e.target in ids for e in view.edges)


def test_sector_view_holds_one_sector(model: Model) -> None:
    view = views.sector(model, "能源")
    assert {"能源", "煤电机组改造工程", "新增装机容量 1200万千瓦", "新增装机容量", "太原市"} <= labels(view)
    assert "制造业振兴行动" not in labels(view) and "工业" not in labels(view)


def test_place_view_holds_the_place_and_what_lies_within(model: Model) -> None:
    view = views.place(model, "太原市")
    assert {"太原市", "小店区", "煤电机组改造工程", "新增装机容量 1200万千瓦"} <= labels(view)
    assert "规上工业增加值 8.1%" not in labels(view)


def test_outcomes_view_draws_initiative_to_outcome_with_evidence(model: Model) -> None:
    view = views.outcomes(model)
    links = [e for e in view.edges if e.relation == "hasOutcome"]
    assert len(links) == 2 and all(e.evidence for e in links)
    assert {"煤电机组改造工程", "制造业振兴行动", "规上工业增加值"} <= labels(view)


def test_focus_view_by_label_or_iri_and_depth(model: Model) -> None:
    one = views.focus(model, "小店区", 1)
    assert labels(one) == {"小店区", "太原市"}
    two = views.focus(model, ID + "place/410102", 2)
    assert {"某省", "煤电机组改造工程"} <= labels(two)


def test_unknown_focus_is_a_one_line_error(model: Model) -> None:
    with pytest.raises(ExportError, match="no sector matches '交通'"):
        views.sector(model, "交通")


def _big_model(initiatives: int, observations: int) -> Model:
    m = Model()
    for k in range(20):
        m.nodes[f"s{k}"] = Node(f"s{k}", f"领域{k}", "Sector")
    for k in range(initiatives):
        m.nodes[f"i{k}"] = Node(f"i{k}", f"举措{k}", "Project", sectors=(f"领域{k % 20}",))
        m.edges.append(Edge(f"i{k}", f"s{k % 20}", "sector"))
    for k in range(observations):
        m.nodes[f"o{k}"] = Node(f"o{k}", f"观测{k}", "Observation")
        m.nodes.setdefault(f"d{k % 40}", Node(f"d{k % 40}", f"指标{k % 40}", "Indicator"))
        m.edges += [Edge(f"o{k}", f"d{k % 40}", "indicator"), Edge(f"i{k}", f"o{k}", "hasOutcome")]
    return m


def test_large_views_open_aggregated_and_keep_every_member() -> None:
    view = views.overview(_big_model(1200, 600))
    assert not view.physics and any("600 observations folded into their indicators" in n for n in view.notes)
    byid = {n.iri: n for n in view.nodes}
    drawn = [n for n in view.nodes if n.parent is None]
    assert view.drawn == len(drawn) <= 300
    assert not any(n.cls == "Observation" for n in drawn)
    assert all(n.position is not None for n in drawn)
    assert {f"o{k}" for k in range(600)} | {f"i{k}" for k in range(1200)} <= set(byid)
    assert all(byid[n.parent].folded >= 1 for n in view.nodes if n.parent)
    assert all(e.source in byid and e.target in byid for e in view.edges)
    shown = groups.drawn_edges(byid, list(view.edges))
    assert all(byid[s].parent is None and byid[t].parent is None for s, t, _ in shown)
    assert any(r == "hasOutcome" and byid[t].cls == "Indicator" for _, t, r in shown)


def test_aggregated_views_group_initiatives_by_class_and_sector() -> None:
    view = views.overview(_big_model(3000, 0))
    groups = [n for n in view.nodes if n.group]
    assert groups and all(n.label_en and n.folded >= 2 for n in groups)
    assert view.drawn <= 1000 and sum(n.folded for n in groups) == 3000
    assert all(n.cls == "Project" for n in groups)


def test_huge_views_keep_the_best_connected_nodes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MAX_NODES", 1100)
    view = views.overview(_big_model(1500, 0))
    kept = [n for n in view.nodes if not n.group]
    assert len(kept) == 1100 and {f"s{k}" for k in range(20)} <= {n.iri for n in kept}
    assert any("420 least-connected nodes left out" in n for n in view.notes)


def test_small_views_keep_physics(model: Model) -> None:
    view = views.overview(model)
    assert view.physics and not view.notes and all(n.position is None for n in view.nodes)


PAYLOAD = "<img src=x onerror=alert(1)></script><script>alert(2)</script>&amp;"


def test_report_text_is_escaped_in_the_page() -> None:
    node = Node("x", PAYLOAD, "Policy", sentence=PAYLOAD)
    page = render(views.View("t<b>", (node,), ()))
    assert "<img src=x" not in page and "<script>alert" not in page and "t<b>" not in page
    data = re.search(r'<script type="application/json" id="pkg-data">(.*?)</script>', page, re.DOTALL)
    assert data is not None and json.loads(data.group(1))["nodes"][0]["label"] == PAYLOAD
    assert script_json("<>&") == '"\\u003c\\u003e\\u0026"'


def test_page_is_self_contained(model: Model) -> None:
    page = render(views.overview(model))
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?https?://", page, re.IGNORECASE)
    assert "<link" not in page and "vis.Network" in page and page.startswith("<!DOCTYPE html>")


def test_cli_view_all_on_the_seed(seed_ttl: Path, tmp_path: Path) -> None:
    from policykg.cli import main

    out = tmp_path / "views"
    result = CliRunner().invoke(main, ["view", "--all", "--graph", str(seed_ttl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"index.html", "overview.html", "outcomes.html", "focus.html"} <= names
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{n}"' in index for n in names - {"index.html"})
    assert index.count("<svg") == sum(1 for _ in re.finditer(r"<figure", index)) - index.count('class="empty"')
    assert "地区生产总值" in index


def test_cli_view_needs_a_focus_for_sector(seed_ttl: Path, tmp_path: Path) -> None:
    from policykg.cli import main

    result = CliRunner().invoke(main, ["view", "sector", "--graph", str(seed_ttl), "-o", str(tmp_path / "a.html")])
    assert result.exit_code == 2 and "--focus" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["place", "--focus", "太原市"],
        ["sector", "--focus", "Energy"],
        ["focus", "--focus", "小店区", "--depth", "2"],
        ["outcomes"],
    ],
)
def test_cli_view_each_kind(tmp_path: Path, args: list[str]) -> None:
    from policykg.cli import main

    target = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["view", *args, "--graph", str(SMALL), "-o", str(target), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").count('"lang":"en"') == 1


def test_cli_view_unknown_focus_is_one_line(tmp_path: Path) -> None:
    from policykg.cli import main

    result = CliRunner().invoke(
        main, ["view", "place", "--focus", "火星", "--graph", str(SMALL), "-o", str(tmp_path / "v.html")]
    )
    assert result.exit_code == 1 and "no place matches '火星'" in result.output
