"""Report metadata from the title or the opening: place, level, year, reviewed and target periods."""

from __future__ import annotations

import pytest

from policykg.graph_builder.read.metadata import detect_meta, level_of

OPENINGS = [
    ("2026年山西省政府工作报告\n\n各位代表：", "山西省", "province", 2026, "2025", "2026"),
    (
        "政府工作报告\n——2025年1月10日在呼伦贝尔市海拉尔区第十五届人民代表大会第五次会议上\n区长 张某",
        "呼伦贝尔市海拉尔区",
        "county",
        2025,
        "2024",
        "2025",
    ),
    (
        "政 府 工 作 报 告\n2025年1月15日在广州市第十六届人民代表大会第五次会议上\n各位代表：",
        "广州市",
        "prefecture",
        2025,
        "2024",
        "2025",
    ),
    ("2024年北京市政府工作报告", "北京市", "province", 2024, "2023", "2024"),
    (
        "2025年云岭县人民政府工作报告\n——2025年1月8日在云岭县第十八届人民代表大会第五次会议上",
        "云岭县",
        "county",
        2025,
        "2024",
        "2025",
    ),
    (
        "政府工作报告\n在某某自治州第十五届人民代表大会第四次会议上\n现将2024年工作回顾如下",
        "某某自治州",
        "prefecture",
        2025,
        "2024",
        "2025",
    ),
]


@pytest.mark.parametrize(("opening", "place", "level", "year", "reviewed", "target"), OPENINGS)
def test_detect_meta(opening: str, place: str, level: str, year: int, reviewed: str, target: str) -> None:
    m = detect_meta(opening)
    assert (m.place, m.level, m.year, m.reviewed_period, m.target_period) == (place, level, year, reviewed, target)


def test_user_values_win() -> None:
    m = detect_meta("2026年山西省政府工作报告", place="太原市", year=2024)
    assert (m.place, m.level, m.year, m.reviewed_period) == ("太原市", "prefecture", 2024, "2023")


def test_nothing_detected() -> None:
    m = detect_meta("各位代表：现在我代表政府作报告。")
    assert (m.place, m.year, m.reviewed_period, m.target_period) == (None, None, None, None)


def test_levels() -> None:
    assert [level_of(p) for p in ("内蒙古自治区", "上海市", "延边朝鲜族自治州", "海拉尔区", "某某旗")] == [
        "province",
        "province",
        "prefecture",
        "county",
        "county",
    ]
