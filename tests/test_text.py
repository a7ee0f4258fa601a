"""Segmenting: full-width normalisation, broken lines rejoined, headings, sentences, clauses, offsets."""

from __future__ import annotations

from policykg.graph_builder.read.text import clause_bounds, heading_style, normalise, segment, sentence_bounds


def test_normalise_keeps_length() -> None:
    text = "增长５．２％，比重３２∶６８"
    assert normalise(text) == "增长5.2%，比重32:68" and len(normalise(text)) == len(text)


def test_broken_word_across_lines_and_blank_line_is_rejoined() -> None:
    text = "2025年某市政府工作报告\n\n一、工作回顾\n\n全年共实施数字乡村建设项目，带动村集体经济增收，新建农村物流配送网\n\n点326个，覆盖全部行政村。\n"
    seg = segment(text)
    sentence = next(s for s in seg.sentences if "配送网点" in s.text)
    assert (
        sentence.text == "全年共实施数字乡村建设项目，带动村集体经济增收，新建农村物流配送网点326个，覆盖全部行政村。"
    )
    i = sentence.text.index("326")
    assert text[sentence.offset(i) : sentence.offset(i + 3)] == "326"  # offsets point into the source
    assert text[sentence.begin : sentence.end].replace("\n", "") == sentence.text


def test_crlf_offsets() -> None:
    text = "2025年某县政府工作报告\r\n\r\n粮食总产量达到4.1亿斤。\r\n"
    seg = segment(text)
    s = seg.sentences[-1]
    assert text[s.begin : s.end] == "粮食总产量达到4.1亿斤。"


def test_heading_styles() -> None:
    assert heading_style("一、2024年工作回顾") == "cn"
    assert heading_style("（二）持续改善民生福祉") == "paren"
    assert heading_style("3. 推进乡村全面振兴") == "arabic"
    assert heading_style("经济运行稳中有进") == "plain"
    assert heading_style("——2025年1月8日在某县第十八届人民代表大会第五次会议上") == ""
    assert heading_style("全县地区生产总值达到186.4亿元，增长6.2%。") == ""


def test_section_tree() -> None:
    text = (
        "2025年某县政府工作报告\n\n一、2024年工作回顾\n\n（一）产业发展\n\n增长5%。\n\n（二）民生改善\n\n增长6%。\n\n"
        "二、2025年工作安排\n\n增长7%左右。\n"
    )
    seg = segment(text)
    assert [(s.key, s.title, s.parent) for s in seg.sections] == [
        ("1", "一、2024年工作回顾", None),
        ("1.1", "（一）产业发展", "1"),
        ("1.2", "（二）民生改善", "1"),
        ("2", "二、2025年工作安排", None),
    ]
    assert [s.section for s in seg.sentences if "增长" in s.text] == ["1.1", "1.2", "2"]


def test_sentences_and_clauses() -> None:
    assert sentence_bounds("增长5%。服务业增长5%！“十四五”目标完成。") == [(0, 5), (5, 13), (13, 23)]
    assert clause_bounds("增长5%，其中（含A，B）增长3%；B下降1%。") == [(0, 4), (5, 17), (18, 23)]


def test_speaker_byline_is_not_a_heading() -> None:
    assert heading_style("市长　王建国") == ""
    assert heading_style("代县长 李文华") == ""
    assert heading_style("经济发展稳中向好") == "plain"


def test_numbered_lead_sentence_opens_a_section_and_keeps_the_rest_of_the_paragraph() -> None:
    from policykg.graph_builder.read.text import segment

    text = (
        "2025年示例省政府工作报告\n\n一、2024年工作回顾\n\n"
        "（一）经济运行稳中有进。全年地区生产总值增长5.2%。规上工业增加值增长6%。\n\n"
        "（二）改革开放纵深推进。实际使用外资增长8%。\n"
    )
    seg = segment(text)
    titles = {s.key: s.title for s in seg.sections}
    assert titles == {"1": "一、2024年工作回顾", "1.1": "（一）经济运行稳中有进", "1.2": "（二）改革开放纵深推进"}
    placed = [(s.section, s.text) for s in seg.sentences[1:]]
    assert placed == [
        ("1.1", "全年地区生产总值增长5.2%。"),
        ("1.1", "规上工业增加值增长6%。"),
        ("1.2", "实际使用外资增长8%。"),
    ]
    for s in seg.sentences:
        assert text[s.begin : s.end] == s.text
