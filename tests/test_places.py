"""Places: GB/T 2260 codes from the generated gazetteer, homonyms resolved by the report's province."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.graph_builder.entities.places import extract_places
from policykg.graph_builder.lexicons.gazetteer import code_for, load, towns
from policykg.graph_builder.model import Place, PlaceMention
from policykg.graph_builder.pipeline import read_text


def _read(name: str) -> str:
    return (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")


def _places(text: str, name: str = "r.txt") -> tuple[tuple[Place, ...], tuple[PlaceMention, ...]]:
    return extract_places(read_text(text, name))


def _written(mentions: tuple[PlaceMention, ...]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in mentions:
        out.setdefault(m.span.text, set()).add(m.place)
    return out


def test_gazetteer_covers_every_level() -> None:
    g = load()
    levels = {d.level for d in g.by_code.values()}
    assert levels == {"province", "prefecture", "county"}
    assert len([d for d in g.by_code.values() if d.level == "province"]) == 34
    assert len(g.by_code) > 3000
    assert g.by_code["140932"].parent == "140900"  # 偏关县 in 忻州市
    assert g.by_code["110105"].parent == "110000"  # districts hang from the municipality


def test_report_jurisdiction_gets_its_code() -> None:
    assert read_text("2024年山西省政府工作报告\n\n全省增长5%。").meta.place_code == "140000"
    assert code_for("太原市") == "140100"


def test_seed_places_and_codes(seed_text: str) -> None:
    places, mentions = _places(seed_text, "seed.txt")
    written = _written(mentions)
    assert written["全省"] == {"140000"} and written["全国"] == {"CN"}
    assert written["大同"] == {"140200"} and written["运城"] == {"140800"}
    assert written["天津"] == {"120000"} and written["上海"] == {"310000"}
    assert written["偏关县"] == {"140932"}
    assert written["老牛湾村"] == {"140932/老牛湾村"}
    assert written["乾坤湾乡"] == {"141032/乾坤湾乡"}
    by_key = {p.key: p for p in places}
    assert by_key["141032/乾坤湾乡"].level == "township"
    assert by_key["140000/中部城市群"].level == "region"
    assert "东方" not in written and "中部" not in written


@pytest.mark.parametrize(
    ("name", "form", "code"),
    [
        ("ent_liaoning.txt", "朝阳", "211300"),
        ("ent_liaoning.txt", "朝阳县", "211321"),
        ("ent_beijing.txt", "朝阳区", "110105"),
        ("ent_beijing.txt", "朝阳", "110105"),
        ("ent_yangquan.txt", "城区", "140302"),
        ("ent_guangdong.txt", "城区", "441502"),
    ],
)
def test_homonyms_resolved_by_the_reports_own_place(name: str, form: str, code: str) -> None:
    _, mentions = _places(_read(name), name)
    assert _written(mentions)[form] == {code}


def test_common_words_are_not_places() -> None:
    _, mentions = _places(_read("ent_liaoning.txt"), "ent_liaoning.txt")
    _, gd = _places(_read("ent_guangdong.txt"), "ent_guangdong.txt")
    written = set(_written(mentions)) | set(_written(gd))
    assert not written & {"城镇", "城市", "新区", "东方", "中部", "城区建设"}


def test_common_division_names_need_context() -> None:
    text = "2025年山西省政府工作报告\n\n中心城区改造提速，晋城市城区新建学校3所，新区建设加快。"
    _, mentions = _places(text)
    written = _written(mentions)
    assert written.get("城区") == {"140502"}  # only the one pinned by 晋城市
    assert "新区" not in written


def test_regions() -> None:
    _, mentions = _places(_read("ent_beijing.txt"), "ent_beijing.txt")
    assert _written(mentions)["京津冀"] == {"region/京津冀"}


def test_towns_standing_alone_in_a_county_report() -> None:
    """Towns at the head of a clause, after 在, or listed after another town hang from the county."""
    text = (
        "2025年鄢陵县政府工作报告\n\n"
        "陶城镇建成花木交易中心一处。柏梁镇、马栏镇和望田镇完成污水管网改造。"
        "在南坞乡举办花木博览会，大马回族乡建成清真食品园。"
    )
    places, _ = _places(text)
    towns = {p.name: p for p in places if p.level == "township"}
    assert set(towns) == {"陶城镇", "柏梁镇", "马栏镇", "望田镇", "南坞乡", "大马回族乡"}
    assert {p.parent for p in towns.values()} == {"411024"}


@pytest.mark.parametrize(
    "sentence",
    [
        "全县行政村通客车率达到100%。",
        "新增城镇就业5000人。",
        "科技下乡活动开展120场。",
        "特色小镇建设加快推进。",
        "乡镇便民服务中心实现全覆盖。",
        "和美乡村示范村建成20个。",
    ],
)
def test_words_ending_like_towns_are_not_towns(sentence: str) -> None:
    places, _ = _places("2025年鄢陵县政府工作报告\n\n" + sentence)
    assert [p.name for p in places if p.level in ("township", "village")] == []


def test_jurisdiction_words_follow_their_level() -> None:
    """全省 in a county report is the province; a county-level city calls itself 全市."""
    _, mentions = _places("2025年鄢陵县政府工作报告\n\n全县经济综合排名由全省第60位提升到第41位，全市第2位。")
    assert _written(mentions) == {"鄢陵县": {"411024"}, "全县": {"411024"}, "全省": {"410000"}, "全市": {"411000"}}
    _, mentions = _places("2025年辛集市政府工作报告\n\n全市地区生产总值增长5%，排全省第20位。")
    assert _written(mentions) == {"辛集市": {"130181"}, "全市": {"130181"}, "全省": {"130000"}}


def test_functional_zones_at_a_clause_head() -> None:
    """A zone named at the head of a clause is a region of the report's place; kinds of zone are not."""
    places, _ = _places(
        "2025年许昌市政府工作报告\n\n鹤鸣湖旅游度假区接待游客300万人次。在东城经济开发区举办推介会。"
        "各类开发区营业收入增长8%，国家级经济技术开发区达到2个。"
    )
    zones = {p.name: p.parent for p in places if p.level == "region"}
    assert zones == {"鹤鸣湖旅游度假区": "411000", "东城经济开发区": "411000"}


def test_township_table_is_generated_and_keyed_by_county() -> None:
    table = towns()
    assert len(table.by_name) > 25000
    assert {t.county for t in table.by_name["亚布力镇"]} == {"230183"}  # 尚志市
    assert all(len(short) >= 2 for short in table.by_short)
    assert "工业区" not in table.by_short  # zone-shaped stems of the source are never short forms
    assert table.short_within("三里屯", "140000", load()) is None  # two of them, neither in Shanxi
    assert table.short_within("三里屯", "110000", load()) is not None


def test_towns_in_context_hang_from_their_county() -> None:
    """A city or province report's town goes under its county when the table has it once there."""
    text = "2025年哈尔滨市政府工作报告\n\n亚布力镇冰雪旅游接待游客增长12%。在望云镇建成农产品加工园。"
    places, _ = _places(text)
    towns_ = {p.name: p for p in places if p.level == "township"}
    assert towns_["亚布力镇"].key == "230183/亚布力镇" and towns_["亚布力镇"].parent == "230183"
    assert towns_["望云镇"].parent == "230100"  # not in the table: under the report's place
    assert {"230183", "230100", "230000"} <= {p.key for p in places}


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("亚布力冰雪论坛在太原举办。", "亚布力"),
        ("成功举办亚布力青年企业家峰会。", "亚布力"),
        ("“亚布力滑雪旅游度假区”品牌影响力提升。", "亚布力"),
        ("支持亚布力镇发展冰雪产业。", None),  # not where a name starts: 支持 is no naming verb
    ],
)
def test_town_short_form_as_first_word_of_a_proper_name(sentence: str, written: str | None) -> None:
    places, mentions = _places("2025年山西省政府工作报告\n\n" + sentence)
    found = {m.span.text: m.place for m in mentions if m.place.startswith("230183/")}
    if written is None:
        assert found == {}
    else:
        assert found == {written: "230183/亚布力镇"}
        assert {"230183", "230100", "230000"} <= {p.key for p in places}


@pytest.mark.parametrize(
    "sentence",
    [
        "亚布力的冰雪资源优势明显。",  # a short form with no proper name after it
        "青义公司新建生产线两条。",  # two-character short form (青义镇)
        "三里屯文化论坛在太原举办。",  # short form of two towns, none in the report's province
        "高质量发展论坛在太原举办。",
        "新时代文明实践中心实现全覆盖。",
        "数字经济博览会签约项目120个。",
        "石家庄商会在太原举办投资推介会。",  # a division's name, not a town's
        "杏花岭区举办文化旅游节。",
    ],
)
def test_words_before_proper_names_are_not_towns(sentence: str) -> None:
    places, _ = _places("2025年山西省政府工作报告\n\n" + sentence)
    assert [p.name for p in places if p.level == "township"] == []


def test_short_form_unique_in_the_province() -> None:
    """三里屯 names two towns in the country but one in Beijing: a Beijing report's 三里屯 is that one."""
    _, mentions = _places("2025年北京市政府工作报告\n\n三里屯国际时尚论坛成功举办。")
    assert _written(mentions)["三里屯"] == {"110105/三里屯街道"}


def test_places_are_words_not_substrings() -> None:
    """A county or city name inside an ordinary word is no place: 示范县, 城市和县城, 提高县域, 新晋中国,
    太行山东北部, 医保定点; a place written as a word still is (在大同, 运城、临汾)."""
    _, mentions = _places(
        "2025年河北省政府工作报告\n\n创建国家级示范县3个，推进城市和县城更新，提高县域承载能力。"
        "新晋中国科学院院士2名，加强太行山东北部生态修复，医保定点机构全覆盖。"
        "在保定举办产业对接会，石家庄、邯郸联动发展。\n"
    )
    written = _written(mentions)
    assert not {"范县", "和县", "高县", "晋中", "山东", "保定点"} & set(written)
    assert written["保定"] == {"130600"} and written["石家庄"] == {"130100"}


def test_other_provinces_need_a_full_name_a_parent_or_a_route() -> None:
    """A prefecture of another province by its short name counts only at the end of a route or where
    something is held; a province's short name always counts."""
    _, mentions = _places("2025年山西省政府工作报告\n\n开工建设太原至郑州段，与河南深化合作，推动赤峰道改造。\n")
    written = _written(mentions)
    assert written["郑州"] == {"410100"} and written["河南"] == {"410000"}
    assert "赤峰" not in written


def test_the_country_is_labelled_as_reports_name_it() -> None:
    places, mentions = _places("2025年山西省政府工作报告\n\n增速高于全国0.5个百分点。\n")
    assert {p.key: p.name for p in places}["CN"] == "全国"
    assert _written(mentions)["全国"] == {"CN"}


def test_regions_named_by_a_province_letter() -> None:
    _, mentions = _places("2025年四川省政府工作报告\n\n川东北经济区经济总量增长6%。\n")
    assert any(m.span.text == "川东北经济区" for m in mentions)
