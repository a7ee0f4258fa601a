"""Reports copied from web pages as plain text: the page's chrome, title block and footer are no report
text, metadata come from the first real lines (across line breaks), and a manifest sets them file by
file. Every numeral token is accounted for by the audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph_builder.observations.audit import UNEXPLAINED, audit
from policykg.graph_builder.observations.extract import extract_observations
from policykg.graph_builder.pipeline import read_text
from policykg.graph_builder.read.frame import frame, is_furniture
from policykg.graph_builder.read.metadata import detect_meta
from policykg.graph_builder.read.text import segment

PAGE = """下载
打印
全屏
收藏
【字号：
加大
还原
减小
】
2026年示例省政府工作报告
——2026年1月20日在示例省第十四届
人民代表大会第四次会议上
来源：示例日报
时间：2026-01-28
省长 王某某
省长王某某作政府工作报告。本报记者 李某 摄
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议。
一、2025年工作回顾
全省地区生产总值达到3.2万亿元，增长5.3%。千方百计稳就业，城镇新增就业62万人。
深入贯彻党的二十届四中全会精神，实施制造业提质三年行动。
各位代表！让我们团结奋斗。
相关报道：
扫一扫在手机打开当前页
责任编辑：
张某
"""


def test_chrome_lines_are_furniture() -> None:
    assert all(is_furniture(line) for line in ("下载", "【字号：", "】", "来源：示例日报", "时间：2026-01-28", "|"))
    assert not any(is_furniture(line) for line in ("一、2025年工作回顾", "各位代表：", "全省增长5%。"))


def test_the_title_block_gives_metadata_and_is_no_text() -> None:
    meta = detect_meta(PAGE)
    assert (meta.title, meta.place, meta.year, meta.reviewed_period) == (
        "2026年示例省政府工作报告",
        "示例省",
        2026,
        "2025",
    )
    seg = segment(PAGE)
    assert seg.sections[0].title == "一、2025年工作回顾"
    texts = [s.text for s in seg.sentences]
    assert texts[0] == "各位代表：" and texts[-1] == "让我们团结奋斗。"
    assert not any(("来源" in t or "责任编辑" in t or "扫一扫" in t or "本报记者" in t) for t in texts)


def test_a_congress_line_broken_in_two_and_a_bare_title() -> None:
    page = (
        "政府工作报告\n——2026年1月26日在示例省第十四届\n人民代表大会第五次会议上\n省长 王某\n各位代表：\n全省增长5%。\n"
    )
    meta = detect_meta(page)
    assert (meta.place, meta.year, meta.title) == ("示例省", 2026, "2026年示例省政府工作报告")
    assert frame(page).head[0] == "政府工作报告"


def test_every_numeral_token_has_a_fate() -> None:
    doc = read_text(PAGE)
    fates = {f.text: f.fate for f in audit(doc, extract_observations(doc))}
    assert fates["3.2万亿"] == fates["5.3"] == fates["62万"] == "observation:result"
    assert (fates["千"], fates["二十"], fates["三"]) == ("idiom", "session", "span_of_years")
    assert fates["2026"] == "page" and fates["2025"] == "heading"
    assert UNEXPLAINED not in fates.values()


@pytest.fixture()
def two_files(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("各位代表：\n\n一、2024年工作回顾\n\n全市地区生产总值增长6%。\n", encoding="utf-8")
    return tmp_path


def test_a_manifest_sets_metadata_file_by_file(two_files: Path) -> None:
    manifest = two_files / "reports.csv"
    manifest.write_text(
        "file,place,year,title\nb.txt,示例市,2025,2025年示例市政府工作报告\na.txt,,,\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(two_files / "a.txt"),
            str(two_files / "b.txt"),
            "--manifest",
            str(manifest),
            "-o",
            str(two_files / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "b.txt: 示例市 2025" in result.stdout and "a.txt: 示例省 2026" in result.stdout
    import policykg

    titles = {r["title"] for r in policykg.query(two_files / "out" / "graph.ttl", "reports").rows}
    assert titles == {"2026年示例省政府工作报告", "2025年示例市政府工作报告"}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("file,place,year,title\nc.txt,,,\n", "'c.txt' is not one of the reports being built"),
        ("file,place,year,title\na.txt,,二〇二六,\n", "is not a year"),
        ("name,place\na.txt,x\n", "needs the columns"),
    ],
)
def test_a_bad_manifest_fails_with_one_line(two_files: Path, rows: str, message: str) -> None:
    manifest = two_files / "reports.csv"
    manifest.write_text(rows, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", str(two_files / "a.txt"), "--manifest", str(manifest), "-o", str(two_files / "o")]
    )
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output
    assert not (two_files / "o" / "graph.ttl").exists()


def test_build_takes_a_manifest_mapping(two_files: Path) -> None:
    import policykg

    built = policykg.build([two_files / "b.txt"], manifest={"b.txt": {"place": "示例市", "year": 2025}}, validate=False)
    assert (built.reports[0].place, built.reports[0].year) == ("示例市", 2025)
