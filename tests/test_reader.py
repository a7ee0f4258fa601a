"""Bytes to text: encodings, BOMs, web pages and input that must be refused with one clear line."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policykg.graph_builder.errors import InputError
from policykg.graph_builder.read.reader import MAX_BYTES, decode_report, html_to_text, read_report

REPORT = "2025年示例县政府工作报告\n全县地区生产总值增长５．２％，粮食总产量达到4.1亿斤。\n"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_detects_encoding(codec: str) -> None:
    assert decode_report(REPORT.encode(codec)).text.lstrip("\ufeff") == REPORT


def test_utf8_bom_is_not_part_of_the_text() -> None:
    assert decode_report(codecs.BOM_UTF8 + REPORT.encode("utf-8")).text == REPORT


def test_explicit_encoding_wins() -> None:
    read = decode_report(REPORT.encode("gb18030"), encoding="gb18030")
    assert (read.text, read.encoding) == (REPORT, "gb18030")


def test_explicit_wrong_encoding_is_one_line() -> None:
    with pytest.raises(InputError, match=r"not valid utf-8 at byte \d+") as err:
        decode_report(REPORT.encode("gb18030"), encoding="utf-8")
    assert "\n" not in str(err.value)


def test_unknown_encoding() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode_report(b"abc", encoding="no-such-codec")


def test_crlf_is_kept_as_text() -> None:
    assert decode_report(REPORT.replace("\n", "\r\n").encode("utf-8")).text.count("\r\n") == 2


def test_invalid_utf8_in_the_middle_is_replaced_not_misread() -> None:
    data = (REPORT * 40).encode("utf-8")
    broken = data[:700] + b"\xff\xfe" + data[700:]
    read = decode_report(broken)
    assert read.encoding.startswith("utf-8") and read.replaced == 2
    assert "全县地区生产总值" in read.text  # not GB18030 mojibake


def test_empty_and_blank_files(tmp_path: Path) -> None:
    for name, data in (("empty.txt", b""), ("blank.txt", b" \n\r\n\t ")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError, match=f"{name}: the file is empty"):
            read_report(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(InputError, match="binary"):
        read_report(path)


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing written
        handle.truncate(50 * 1000 * 1000)
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(InputError, match=r"huge.txt: 50 MB is too large") as err:
        read_report(path)
    assert "\n" not in str(err.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_report(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_report(tmp_path)


def test_html_page_chrome_is_dropped() -> None:
    page = (
        "<html><head><title>2025年某市政府工作报告</title><script>var a = '增长99%';</script></head><body>"
        "<nav><a>首页</a><a>政务公开</a></nav><div>当前位置：首页 &gt; 政务公开 &gt; 报告</div>"
        "<div>首页 &gt; 政务公开</div><div>【字体：大 中 小】 打印 | 关闭</div><div>发布时间：2025-01-20</div>"
        "<p>全市地区生产总值增长5.6%。</p><div>分享到：微信 微博</div><footer>主办：某市人民政府</footer>"
        "</body></html>"
    )
    text = html_to_text(page)
    assert text.split("\n\n") == ["2025年某市政府工作报告", "全市地区生产总值增长5.6%。\n"]


def test_html_gbk_page_with_meta_charset() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>全区粮食产量增长2%。</p></body></html>'
    read = decode_report(page.encode("gbk"))
    assert read.was_html and "全区粮食产量增长2%。" in read.text


def test_sample_files_read(tmp_path: Path) -> None:
    data = Path(__file__).parent / "data"
    gb = read_report(data / "obs_report_gb18030.txt")
    assert gb.encoding == "gb18030" and gb.text.startswith("2025年云岭县人民政府工作报告")
    page = read_report(data / "obs_report_page.html")
    assert page.was_html and "打印" not in page.text and "console" not in page.text
