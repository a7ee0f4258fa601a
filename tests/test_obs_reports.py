"""Whole reports in other formats, bad input, and building several reports at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from policykg.graph_builder import InputError, build_reports
from policykg.graph_builder.build import expand_inputs
from policykg.graph_builder.model import Extraction
from policykg.graph_builder.pipeline import extract_file

DATA = Path(__file__).parent / "data"


def _table(ex: Extraction) -> set[tuple[str, str, str, str, str, str]]:
    return {(o.indicator, o.value, o.unit, o.kind.value, o.status.value, o.period) for o in ex.observations}


def test_gb18030_county_report() -> None:
    ex = extract_file(DATA / "obs_report_gb18030.txt")
    meta = ex.document.meta
    assert (meta.place, meta.level, meta.year, meta.reviewed_period) == ("云岭县", "county", 2025, "2024")
    assert {
        ("地区生产总值", "186.4", "亿元", "level", "actual", "2024"),
        ("固定资产投资", "1.7", "%", "growth_rate", "actual", "2024"),
        ("粮食总产量", "4.1", "亿斤", "level", "actual", "2024"),
        ("新增省级专精特新中小企业", "14", "家", "count", "actual", "2024"),
        ("新能源装机容量", "45", "万千瓦", "level", "actual", "2024"),
        ("城镇居民人均可支配收入", "39820", "元", "level", "actual", "2024"),
        ("农村居民人均可支配收入", "18650", "元", "level", "actual", "2024"),
        ("城镇居民人均可支配收入", "4.8", "%", "growth_rate", "actual", "2024"),
        ("农村居民人均可支配收入", "7.1", "%", "growth_rate", "actual", "2024"),
        ("细颗粒物平均浓度", "28", "微克/立方米", "level", "actual", "2024"),
        ("县域综合实力", "12", "位", "rank", "actual", "2024"),
        ("地区生产总值", "6", "%", "growth_rate", "target", "2025"),
        ("城镇新增就业", "5000", "人", "count", "target", "2025"),
        ("单位地区生产总值能耗", "2.5", "%", "growth_rate", "target", "2025"),
    } <= _table(ex)
    down = next(o for o in ex.observations if o.indicator == "固定资产投资")
    assert down.direction == "down"
    for o in ex.observations:  # every figure cites its exact place in the decoded text
        assert ex.document.text[o.figure.begin : o.figure.end] == o.figure.text


def test_html_page_report() -> None:
    ex = extract_file(DATA / "obs_report_page.html")
    meta = ex.document.meta
    assert (meta.place, meta.level, meta.year) == ("江滨市", "prefecture", 2025)
    assert meta.title == "2025年江滨市政府工作报告"
    table = _table(ex)
    assert {
        ("地区生产总值", "3865.2", "亿元", "level", "actual", "2024"),
        ("外贸进出口", "11.2", "%", "growth_rate", "actual", "2024"),
        ("实际使用外资", "6.4", "%", "growth_rate", "actual", "2024"),
        ("新增国家级高新技术企业", "186", "家", "count", "actual", "2024"),
        ("研发经费投入强度", "0.2", "个百分点", "change", "actual", "2024"),
        ("经济总量", "4", "位", "rank", "actual", "2024"),
        ("居民消费价格涨幅", "3", "%", "growth_rate", "target", "2025"),
    } <= table
    values = {o.value for o in ex.observations}
    assert "99" not in values and "100" not in values  # numbers in scripts and footers are not figures
    assert len(ex.observations) == 18


def test_report_without_numbers(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text(
        "2025年某县政府工作报告\n\n各位代表：一年来，我们坚持稳中求进，扎实推进各项工作。\n", encoding="utf-8"
    )
    ex = extract_file(path)
    assert ex.observations == () and ex.document.meta.place == "某县"
    result = build_reports([path], jobs=1)
    assert result.failures == () and len(result.graph) > 0


def test_invalid_utf8_in_the_middle_still_builds(tmp_path: Path) -> None:
    data = ("2025年某市政府工作报告\n\n" + "全市地区生产总值增长5.6%。\n" * 30).encode("utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:200] + b"\xc3\x28" + data[200:])
    ex = extract_file(path)
    assert len(ex.observations) == 30 and ex.observations[0].value_normalized == Decimal("5.6")


def test_bad_inputs_fail_by_name_and_the_others_build(tmp_path: Path) -> None:
    good = DATA / "obs_report_gb18030.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1000 * 1000)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    seen: list[tuple[int, int]] = []
    result = build_reports([empty, good, huge, binary], jobs=2, progress=lambda d, t, _: seen.append((d, t)))
    assert [ex.document.source_name for ex in result.extractions] == [good.name]
    reasons = {Path(f.source).name: f.reason for f in result.failures}
    assert set(reasons) == {"empty.txt", "huge.txt", "scan.txt"}
    assert "the file is empty" in reasons["empty.txt"] and "too large" in reasons["huge.txt"]
    assert "binary" in reasons["scan.txt"]
    assert all("\n" not in r and "Traceback" not in r for r in reasons.values())
    assert sorted(seen) == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_same_text_twice_is_built_once(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes((DATA / "obs_report_gb18030.txt").read_bytes())
    result = build_reports([DATA / "obs_report_gb18030.txt", copy], jobs=1)
    assert len(result.extractions) == 1 and "same report text" in result.failures[0].reason


def test_expand_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    (tmp_path / "README.md").write_text("x", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("x", encoding="utf-8")
    found = expand_inputs([tmp_path, str(tmp_path / "*.txt")])
    assert [p.name for p in found] == ["a.txt", "b.html"]
    # the folder's own README is no report, but it builds when it is named
    assert [p.name for p in expand_inputs([tmp_path / "README.md"])] == ["README.md"]
    with pytest.raises(InputError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.docx")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no report files"):
        expand_inputs([tmp_path / "empty"])
