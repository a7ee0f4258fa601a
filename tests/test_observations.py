"""Observation extraction on hand-written sentences in the style of provincial, city and county reports.

Each row states the full tuple an analyst expects for one figure of the sentence. The report around it
is ``2025年示例省政府工作报告`` so the reviewed period is 2024 and the target period is 2025.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from policykg.graph_builder.model import Observation
from policykg.graph_builder.pipeline import extract, read_text

REVIEW = "一、2024年工作回顾"
PLAN = "二、2025年主要预期目标"
FIVE = "一、过去五年工作回顾"


@dataclass(frozen=True)
class Row:
    sentence: str
    indicator: str
    value: str
    unit: str
    norm: str
    kind: str
    qualifier: str | None = None
    status: str = "actual"
    period: str = "2024"
    heading: str = REVIEW
    place: str | None = None

    def __str__(self) -> str:
        return f"{self.indicator}={self.value}{self.unit}"


def observe(sentence: str, heading: str = REVIEW) -> list[Observation]:
    text = f"2025年示例省政府工作报告\n\n{heading}\n\n{sentence}\n"
    return list(extract(read_text(text)).observations)


ROWS = [
    # --- levels: currency, mass, energy, power, volume, area, concentration, people, enterprises
    Row(
        "全市地区生产总值达到8632.5亿元，增长5.8%。",
        "地区生产总值",
        "8632.5",
        "亿元",
        "863250000000",
        "level",
        "达到",
        place="全市",
    ),
    Row("一般公共预算收入完成412.3亿元。", "一般公共预算收入", "412.3", "亿元", "41230000000", "level"),
    Row("社会消费品零售总额1.2万亿元。", "社会消费品零售总额", "1.2", "万亿元", "1200000000000", "level"),
    Row("粮食总产量稳定在1500万吨以上。", "粮食总产量", "1500", "万吨", "15000000", "level", "以上"),
    Row("全社会用电量达到2860亿千瓦时。", "全社会用电量", "2860", "亿千瓦时", "286000000000", "level", "达到"),
    Row("新能源装机容量突破3000万千瓦。", "新能源装机容量", "3000", "万千瓦", "30000000", "level", "突破"),
    Row("细颗粒物平均浓度降至31微克/立方米。", "细颗粒物平均浓度", "31", "微克/立方米", "31", "level", "降至"),
    Row("城镇居民人均可支配收入48650元。", "城镇居民人均可支配收入", "48650", "元", "48650", "level"),
    Row("人均住房建筑面积达到36.2平方米。", "人均住房建筑面积", "36.2", "平方米", "36.2", "level", "达到"),
    Row("高新技术企业达到5320家。", "高新技术企业", "5320", "家", "5320", "level", "达到"),
    Row("全县常住人口约52万人。", "常住人口", "52", "万人", "520000", "level", "约", place="全县"),
    Row("年末天然气供应量达到12.6亿立方米。", "天然气供应量", "12.6", "亿立方米", "1260000000", "level", "达到"),
    Row("实施营造林98.4万亩。", "实施营造林", "98.4", "万亩", "984000", "level"),
    Row("粮食平均亩产达到812斤。", "粮食平均亩产", "812", "斤", "812", "level", "达到"),
    Row("接待国内游客近1.1亿人次。", "接待国内游客", "1.1", "亿人次", "110000000", "level", "近"),
    Row("金融机构本外币存款余额3.46万亿元。", "金融机构本外币存款余额", "3.46", "万亿元", "3460000000000", "level"),
    Row("港口货物吞吐量达到1.8亿吨。", "港口货物吞吐量", "1.8", "亿吨", "180000000", "level", "达到"),
    Row("新建高速公路通车里程126公里。", "新建高速公路通车里程", "126", "公里", "126", "level"),
    # --- counts
    Row("新增高新技术企业620家。", "新增高新技术企业", "620", "家", "620", "count"),
    Row("新建5G基站1.2万个。", "新建5G基站", "1.2", "万个", "12000", "count"),
    Row("打造12条省级重点产业链。", "打造省级重点产业链", "12", "条", "12", "count"),
    Row("新增3个国家级全域旅游示范区。", "新增国家级全域旅游示范区", "3", "个", "3", "count"),
    Row("城镇新增就业6.8万人。", "城镇新增就业", "6.8", "万人", "68000", "count"),
    Row("开工改造城镇老旧小区326个。", "开工改造城镇老旧小区", "326", "个", "326", "count"),
    Row(
        "累计建成新能源汽车充电桩4.5万个。",
        "建成新能源汽车充电桩",
        "4.5",
        "万个",
        "45000",
        "count",
        period="cumulative:2024",
    ),
    Row("举办各类招聘会210场。", "举办各类招聘会", "210", "场", "210", "count"),
    Row("引进高层次人才1200余名。", "引进高层次人才", "1200", "名", "1200", "count", "余"),
    Row("新建两座中型水库。", "新建中型水库", "两", "座", "2", "count"),
    Row("建成三十五个乡镇综合文化站。", "建成乡镇综合文化站", "三十五", "个", "35", "count"),
    Row("新认定省级专精特新中小企业318户。", "新认定省级专精特新中小企业", "318", "户", "318", "count"),
    Row("办理市人大代表建议286件。", "办理市人大代表建议", "286", "件", "286", "count"),
    Row("选派驻村第一书记1500名。", "选派驻村第一书记", "1500", "名", "1500", "count"),
    Row("获批国家级博士后科研工作站3至5个。", "获批国家级博士后科研工作站", "3至5", "个", "3", "count"),
    # --- changes
    Row("粮食产量增产3.6亿斤。", "粮食产量", "3.6", "亿斤", "360000000", "change"),
    Row(
        "金融机构本外币贷款余额比年初增加1260亿元。", "金融机构本外币贷款余额", "1260", "亿元", "126000000000", "change"
    ),
    Row("经营主体净增8.3万户。", "经营主体", "8.3", "万户", "83000", "change"),
    Row("研发经费投入强度提高0.3个百分点。", "研发经费投入强度", "0.3", "个百分点", "0.3", "change"),
    Row("城镇调查失业率下降0.4个百分点。", "城镇调查失业率", "0.4", "个百分点", "0.4", "change"),
    Row("新增城市绿地120万平方米。", "新增城市绿地", "120", "万平方米", "1200000", "change"),
    Row("新增耕地面积2.3万亩。", "新增耕地面积", "2.3", "万亩", "23000", "change"),
    # --- growth rates
    Row("规模以上工业增加值增长7.2%。", "规模以上工业增加值", "7.2", "%", "7.2", "growth_rate"),
    Row("固定资产投资下降2.1%。", "固定资产投资", "2.1", "%", "2.1", "growth_rate"),
    Row("跨境电商进出口额增长1.3倍。", "跨境电商进出口额", "1.3", "倍", "1.3", "growth_rate"),
    Row("地方一般公共预算收入同比增长９．３％。", "地方一般公共预算收入", "９．３", "％", "9.3", "growth_rate"),
    Row(
        "居民消费价格涨幅控制在3%左右。",
        "居民消费价格涨幅",
        "3",
        "%",
        "3",
        "growth_rate",
        "左右",
        "target",
        "2025",
        PLAN,
    ),
    Row("全省经济总量实现翻一番。", "经济总量", "一", "番", "100", "growth_rate", place="全省"),
    # --- lists
    Row("外贸进出口、实际使用外资分别增长12.4%、8.7%。", "外贸进出口", "12.4", "%", "12.4", "growth_rate", "分别"),
    Row("外贸进出口、实际使用外资分别增长12.4%、8.7%。", "实际使用外资", "8.7", "%", "8.7", "growth_rate", "分别"),
    Row(
        "城乡居民人均可支配收入分别增长5.1%和6.9%。", "城镇居民人均可支配收入", "5.1", "%", "5.1", "growth_rate", "分别"
    ),
    Row(
        "城乡居民人均可支配收入分别增长5.1%和6.9%。", "农村居民人均可支配收入", "6.9", "%", "6.9", "growth_rate", "分别"
    ),
    Row("小麦、玉米产量分别达到260万吨、410万吨。", "小麦产量", "260", "万吨", "2600000", "level", "分别达到"),
    Row("小麦、玉米产量分别达到260万吨、410万吨。", "玉米产量", "410", "万吨", "4100000", "level", "分别达到"),
    # --- shares and ratios
    Row("常住人口城镇化率达到58.6%。", "常住人口城镇化率", "58.6", "%", "58.6", "share", "达到"),
    Row(
        "数字经济核心产业增加值占地区生产总值比重达到10.2%。",
        "数字经济核心产业增加值占地区生产总值比重",
        "10.2",
        "%",
        "10.2",
        "share",
        "达到",
    ),
    Row(
        "民生支出占一般公共预算支出的比重保持在八成左右。",
        "民生支出占一般公共预算支出的比重",
        "八",
        "成",
        "80",
        "share",
        "左右",
    ),
    Row("空气质量优良天数比率达到85.3%。", "空气质量优良天数比率", "85.3", "%", "85.3", "share", "达到"),
    Row("三次产业结构调整为4.2∶41.1∶54.7。", "第一产业比重", "4.2", "%", "4.2", "share"),
    Row("三次产业结构调整为4.2∶41.1∶54.7。", "第三产业比重", "54.7", "%", "54.7", "share"),
    Row("全市研发人员约占全省的1/7。", "研发人员占全省比重", "1/7", "", "14.2857142857", "share", "约", place="全市"),
    Row("农业科技进步贡献率超过三成。", "农业科技进步贡献率", "三", "成", "30", "share", "超过"),
    # --- ranks
    Row("地区生产总值增速居全国第3位。", "地区生产总值增速", "3", "位", "3", "rank", place="全国"),
    Row("新能源汽车产量位居全国首位。", "新能源汽车产量", "首", "位", "1", "rank", place="全国"),
    Row("粮食单产排名全国第一。", "粮食单产", "一", "位", "1", "rank", place="全国"),
    Row("人工造林面积连续3年居全国第1位。", "人工造林面积", "1", "位", "1", "rank", period="2022-2024", place="全国"),
    # --- targets
    Row("地区生产总值增长5.5%左右。", "地区生产总值", "5.5", "%", "5.5", "growth_rate", "左右", "target", "2025", PLAN),
    Row("城镇新增就业4万人以上。", "城镇新增就业", "4", "万人", "40000", "count", "以上", "target", "2025", PLAN),
    Row(
        "粮食产量稳定在1400万吨以上。", "粮食产量", "1400", "万吨", "14000000", "level", "以上", "target", "2025", PLAN
    ),
    Row("力争规模以上工业增加值增长6%。", "规模以上工业增加值", "6", "%", "6", "growth_rate", None, "target", "2025"),
    Row("地区生产总值增长5%—6%。", "地区生产总值", "5%—6", "%", "5", "growth_rate", None, "target", "2025", PLAN),
    Row("争取中央预算内投资86亿元。", "争取中央预算内投资", "86", "亿元", "8600000000", "level"),
    Row(
        "城镇新增就业6.2万人。",
        "城镇新增就业",
        "6.2",
        "万人",
        "62000",
        "count",
        heading="一、2024年主要工作任务完成情况",
    ),
    Row(
        "城镇新增就业6万人。",
        "城镇新增就业",
        "6",
        "万人",
        "60000",
        "count",
        None,
        "target",
        "2025",
        "二、2025年重点工作任务",
    ),
    # --- periods
    Row(
        "全省地区生产总值年均增长6.1%。",
        "地区生产总值",
        "6.1",
        "%",
        "6.1",
        "growth_rate",
        period="2020-2024",
        heading=FIVE,
        place="全省",
    ),
    Row("累计改造农村危房2.1万户。", "改造农村危房", "2.1", "万户", "21000", "count", period="cumulative:2024"),
    # --- places written in the sentence
    Row("太原市地区生产总值增长6.5%。", "地区生产总值", "6.5", "%", "6.5", "growth_rate", place="太原市"),
    Row("城区绿化覆盖率达到42.1%。", "城区绿化覆盖率", "42.1", "%", "42.1", "share", "达到"),
    Row("城市建成区绿化覆盖率达到42.1%。", "城市建成区绿化覆盖率", "42.1", "%", "42.1", "share", "达到"),
    # --- more list, rate and bound forms
    Row("规模以上工业增加值、固定资产投资均增长6%以上。", "固定资产投资", "6", "%", "6", "growth_rate", "以上"),
    Row("新增煤炭先进产能3000万吨/年。", "新增煤炭先进产能", "3000", "万吨/年", "30000000", "change"),
    Row(
        "能源消费总量控制在1.2亿吨标准煤以内。",
        "能源消费总量",
        "1.2",
        "亿吨标准煤",
        "120000000",
        "level",
        "以内",
        "target",
        "2025",
        PLAN,
    ),
    Row(
        "到2027年，力争数字经济核心产业增加值占比达到12%。",
        "数字经济核心产业增加值占比",
        "12",
        "%",
        "12",
        "share",
        "达到",
        "target",
        "2027",
    ),
    Row("带动就业三万五千人。", "带动就业", "三万五千", "人", "35000", "count"),
    Row(
        "深圳市、广州市地区生产总值分别增长6.0%和4.6%。",
        "地区生产总值",
        "4.6",
        "%",
        "4.6",
        "growth_rate",
        "分别",
        place="广州市",
    ),
    Row(
        "全年接待游客8600万人次、实现旅游收入960亿元，分别增长15.2%和18.7%。",
        "旅游收入",
        "18.7",
        "%",
        "18.7",
        "growth_rate",
        "分别",
    ),
    Row("新开工亿元以上项目312个，竣工投产186个。", "竣工投产亿元以上项目", "186", "个", "186", "count"),
    Row("新建改造农村公路1260公里、桥梁38座。", "新建改造桥梁", "38", "座", "38", "count"),
    # --- five-year reviews: from … to …, and framing durations
    Row(
        "五年来，全省地区生产总值由2019年的1.7万亿元增加到2024年的2.3万亿元。",
        "地区生产总值",
        "1.7",
        "万亿元",
        "1700000000000",
        "level",
        "由2019年",
        period="2019",
        heading=FIVE,
        place="全省",
    ),
    Row(
        "五年来，全省地区生产总值由2019年的1.7万亿元增加到2024年的2.3万亿元。",
        "地区生产总值",
        "2.3",
        "万亿元",
        "2300000000000",
        "level",
        "增加到",
        period="2024",
        heading=FIVE,
        place="全省",
    ),
    Row(
        "城镇化率从56.2%提高到62.8%。", "城镇化率", "62.8", "%", "62.8", "share", "提高到", period="2024", heading=FIVE
    ),
    Row(
        "累计新增城镇就业260万人。",
        "新增城镇就业",
        "260",
        "万人",
        "2600000",
        "count",
        period="cumulative:2020-2024",
        heading=FIVE,
    ),
    Row(
        "主要预期目标是：地区生产总值增长5%左右。",
        "地区生产总值",
        "5",
        "%",
        "5",
        "growth_rate",
        "左右",
        "target",
        "2025",
    ),
    Row("全市共有高新技术企业7800家，比上年增加650家。", "高新技术企业", "650", "家", "650", "change"),
    Row(
        "规模以上工业企业实现营业收入1.6万亿元。", "规模以上工业企业营业收入", "1.6", "万亿元", "1600000000000", "level"
    ),
    # --- district-report phrasing
    Row("一般公共预算收入完成98.6亿元，同口径增长4.2%。", "一般公共预算收入", "4.2", "%", "4.2", "growth_rate"),
    Row("新增市场主体2.3万户，总量达到21.6万户。", "市场主体总量", "21.6", "万户", "216000", "level", "达到"),
    Row("人均预期寿命达到79.5岁。", "人均预期寿命", "79.5", "岁", "79.5", "level", "达到"),
    Row("合同外资12.4亿美元。", "合同外资", "12.4", "亿美元", "1240000000", "level"),
    Row("增速高于全省1.2个和0.8个百分点。", "增速高于全省", "1.2", "个", "1.2", "change", place="全省"),
    Row("义务教育巩固率保持100%。", "义务教育巩固率", "100", "%", "100", "share"),
    # --- framing words are not names
    Row("其中，外送电量1576亿千瓦时。", "外送电量", "1576", "亿千瓦时", "157600000000", "level"),
    Row("全年货物贸易出口额同比增长8.5%。", "货物贸易出口额", "8.5", "%", "8.5", "growth_rate"),
    # --- full-length reports: sub-items, price words, towns, ranks from…to, five-year sums, list sizes
    Row("规上工业增加值增长8%，其中高技术制造业增长12.5%。", "高技术制造业增加值", "12.5", "%", "12.5", "growth_rate"),
    Row("居民消费价格上涨0.3%。", "居民消费价格", "0.3", "%", "0.3", "growth_rate"),
    Row(
        "东山乡、西河镇分别建成千亩以上果蔬基地2个、3个。",
        "建成千亩以上果蔬基地",
        "3",
        "个",
        "3",
        "count",
        "分别",
        place="西河镇",
    ),
    Row(
        "县域经济综合排名由全省第68位提升到第45位。",
        "县域经济综合排名",
        "68",
        "位",
        "68",
        "rank",
        "由",
        period="2023",
        place="全省",
    ),
    Row(
        "五年累计完成固定资产投资1120亿元。",
        "完成固定资产投资",
        "1120",
        "亿元",
        "112000000000",
        "level",
        period="cumulative:2020-2024",
    ),
    Row(
        "装备制造、食品加工两个产业产值分别突破1000亿元、800亿元。",
        "装备制造产值",
        "1000",
        "亿元",
        "100000000000",
        "level",
        "分别突破",
    ),
]


def _pick(row: Row, found: list[Observation]) -> Observation:
    same = [o for o in found if o.value == row.value and o.unit == row.unit]
    named = [o for o in same if o.indicator == row.indicator]
    assert same, f"no figure {row.value}{row.unit} in {[(o.indicator, o.value, o.unit) for o in found]}"
    return (named or same)[0]


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_observation_tuple(row: Row) -> None:
    obs = _pick(row, observe(row.sentence, row.heading))
    got = (
        obs.indicator,
        obs.value,
        obs.unit,
        str(obs.value_normalized.normalize()) if obs.value_normalized else "0",
        obs.kind.value,
        obs.qualifier,
        obs.status.value,
        obs.period,
        obs.place,
    )
    want = (
        row.indicator,
        row.value,
        row.unit,
        str(Decimal(row.norm).normalize()),
        row.kind,
        row.qualifier,
        row.status,
        row.period,
        row.place,
    )
    assert got == want


@pytest.mark.parametrize(
    "sentence",
    [
        "较好完成了市八届人大四次会议确定的目标任务。",
        "过去五年，是极不平凡的五年。",
        "为全县65岁以上老年人免费健康体检。",
        "建成千亩以上果蔬基地。",
        "开工建设5亿元以上工业项目。",
    ],
)
def test_numbers_that_name_are_not_figures(sentence: str) -> None:
    assert observe(sentence) == []


def _report(*paragraphs: str) -> list[Observation]:
    text = "2026年示例县政府工作报告\n\n" + "\n\n".join(paragraphs) + "\n"
    return list(extract(read_text(text)).observations)


def test_five_year_frame_ends_with_its_paragraph() -> None:
    """A heading naming both the five-year plan and the last year leaves the span to each paragraph."""
    found = _report(
        "一、“十四五”时期和2025年工作回顾",
        "过去五年，全县经济稳步发展。累计新增城镇就业2.85万人。",
        "一年来，新增规模以上工业企业32家。",
        "新建高标准农田8.2万亩。",
    )
    periods = {o.value: o.period for o in found}
    assert periods == {"2.85": "cumulative:2021-2025", "32": "2025", "8.2": "2025"}


def test_plan_heading_that_names_the_coming_year() -> None:
    """三、2026年重点工作: plain action verbs there are planned figures for the coming year."""
    found = _report("一、2025年工作回顾", "新建高标准农田8.2万亩。", "三、2026年重点工作", "新建高标准农田6万亩。")
    assert [(o.value, o.status.value, o.period) for o in found] == [("8.2", "actual", "2025"), ("6", "target", "2026")]
