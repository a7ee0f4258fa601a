"""What people feed the builder, one bad input at a time: each gets one line on stderr and exit status
1, writes nothing, and leaves the previous good graph in the output folder as it was. Encodings a
report really comes in (GBK, UTF-16 with or without a mark) build the same graph as UTF-8."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.graph_builder import InputError
from policykg.graph_builder.pipeline import extract, extract_file, read_text
from policykg.graph_builder.read.reader import decode_report

REPORT = (
    "2024年太原市政府工作报告\n一、2023年工作回顾\n全市地区生产总值达到5573亿元，增长5.4%。\n城镇新增就业6.2万人。\n"
)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a good build, copied before each bad one."""
    folder = tmp_path_factory.mktemp("good")
    report = folder / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    done = CliRunner().invoke(main, ["build", str(report), "-o", str(folder / "out")])
    assert done.exit_code == 0, done.output
    return folder / "out"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _text(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _big(path: Path) -> Path:
    line = ("全市地区生产总值增长5.4%，城镇新增就业6.2万人。" * 20 + "\n").encode()
    with path.open("wb") as handle:
        for _ in range(50 * 2**20 // len(line) + 1):
            handle.write(line)
    return path


def _symlink(path: Path) -> Path:
    path.symlink_to(path.parent / "gone.txt")
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _empty_folder(path: Path) -> Path:
    path.mkdir()
    (path / "picture.png").write_bytes(b"\x89PNG")
    return path


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (lambda p: _text(p, b""), "the file is empty"),
    "whitespace": (lambda p: _text(p, " \n\t\r\n\u3000\n".encode()), "no readable text"),
    "binary": (lambda p: _text(p, bytes(range(256)) * 40), "binary"),
    "png named .txt": (lambda p: _text(p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8), "binary"),
    "mixed encodings": (
        lambda p: _text(p, REPORT.encode() * 3 + REPORT.encode("gbk") * 3 + "增长".encode("utf-16-le")),
        "no other encoding fits",
    ),
    "NUL bytes": (lambda p: _text(p, REPORT.replace("。", "。\x00").encode()), "binary"),
    "50 MB": (_big, "too large"),
    "5 MB line without punctuation": (
        lambda p: _text(p, (REPORT + "增长5达到12亿元" * 400_000).encode()),
        "without a sentence end or a line break",
    ),
    "folder without reports": (_empty_folder, "no report files"),
    "missing path": (lambda p: p, "no such file"),
    "dangling symlink": (_symlink, "symbolic link to a missing file"),
    "FIFO": (_fifo, "not a regular file"),
    "/dev/zero": (lambda p: Path("/dev/zero"), "not a regular file"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_input_is_one_line_and_nothing_written(case: str, good: Path, tmp_path: Path) -> None:
    make, reason = CASES[case]
    source = make(tmp_path / "bad.txt")
    out = tmp_path / "out"
    shutil.copytree(good, out)
    before = _snapshot(out)
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert len(result.stderr.splitlines()) == 1 and reason in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert _snapshot(out) == before


def test_an_output_path_that_is_a_file(good: Path, tmp_path: Path) -> None:
    report, target = tmp_path / "report.txt", tmp_path / "graph"
    report.write_text(REPORT, encoding="utf-8")
    target.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(target)])
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1 and "not a folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_dev_full_as_output_folder_and_as_stdout(good: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(report), "-o", "/dev/full"])
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1 and "not a folder" in result.stderr
    out = tmp_path / "out"
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "policykg", "build", str(report), "-o", str(out)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1 and done.stderr.splitlines() == [
        "policykg: error: cannot write the output: No space left on device"
    ]
    done = subprocess.run(
        [sys.executable, "-m", "policykg", "export", "--graph", str(good / "graph.ttl"), "-f", "nt", "-o", "/dev/full"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and done.stderr.splitlines() == [
        "policykg: error: /dev/full: cannot write: No space left on device"
    ]
    assert Path("/dev/full").is_char_device()


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gbk"),
        lambda t: t.encode("utf-16"),
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-be"),
    ],
    ids=["GBK", "UTF-16 LE with BOM", "UTF-16 BE with BOM", "UTF-16 LE", "UTF-16 BE"],
)
def test_report_encodings_build_the_same_graph(encode: Callable[[str], bytes], tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(encode(REPORT))
    assert extract_file(path).observations == extract(read_text(REPORT, "report.txt")).observations


def test_lone_surrogates() -> None:
    """In bytes, a UTF-8-encoded surrogate is an invalid sequence: a few are replaced and counted, as any
    broken byte; in text given to the API, a lone surrogate cannot be written out and is refused."""
    read = decode_report(REPORT.encode() + b"\xed\xa0\x80" + REPORT.encode())
    assert read.replaced == 3 and "\ufffd" in read.text
    with pytest.raises(InputError, match="lone surrogate") as err:
        read_text(REPORT + "\ud800")
    assert "\n" not in str(err.value)
