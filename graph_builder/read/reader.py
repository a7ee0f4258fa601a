"""Bytes to text: the one door every report comes through.

Government reports arrive as UTF-8 (with or without BOM), GB18030/GBK, UTF-16 or as saved web pages.
This module decides the encoding, refuses what is not text, and strips HTML to its readable text, so
the extractors only ever see ``str``.
"""

from __future__ import annotations

import codecs
import html
import re
import stat
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from policykg.graph_builder.errors import InputError
from policykg.graph_builder.read.frame import is_furniture
from policykg.graph_builder.read.text import TERMINALS

MAX_BYTES = 20 * 1024 * 1024
"""Reports are tens to hundreds of kilobytes; anything above this is refused before it is read."""


@dataclass(frozen=True)
class ReadText:
    """Decoded text and how it was decoded (for the build summary and error messages)."""

    text: str
    encoding: str
    was_html: bool
    replaced: int  # characters that could not be decoded and became U+FFFD


def read_report(path: str | Path, encoding: str | None = None) -> ReadText:
    """Read a report file, decide its encoding and return its text.

    Raises :class:`InputError` with a one-line reason for anything that is not a readable report.
    """
    p = Path(path)
    data = _read_bounded(p)
    try:
        return decode_report(data, encoding)
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from None


def _read_bounded(p: Path) -> bytes:
    """The bytes of a regular file, at most :data:`MAX_BYTES` of them.

    Only a regular file is opened: a FIFO would block for ever and ``/dev/zero`` never ends. The limit is
    checked on the bytes read, not on ``stat()``, which a growing file or a special file belies.
    """
    if p.is_symlink() and not p.exists():
        raise InputError(f"{p}: a symbolic link to a missing file")
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{p}: is a directory, not a report file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{p}: not a regular file (a FIFO, a device or a socket), not a report")
    size = p.stat().st_size
    if size > MAX_BYTES:  # known before reading; a file growing meanwhile is caught by the read below
        raise InputError(f"{p}: {size / 1e6:.0f} MB is too large for a report (limit {MAX_BYTES // 2**20} MiB)")
    try:
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{p}: more than {MAX_BYTES // 2**20} MiB, too large for a report")
    return data


MAX_RUN = 20_000
"""Characters a report writes at most without a sentence end or a line break (a paragraph is hundreds):
a longer run is a table or a whole file run together, which no sentence rule reads in sensible time."""
_RUN_BREAK = re.compile(f"[{TERMINALS}；;\r\n]")
_SURROGATE = re.compile("[\\ud800-\\udfff]")


def check_text(text: str) -> str:
    """Report text as given through the Python API, refused when it cannot be written out as UTF-8.

    A lone surrogate (what ``bytes.decode(errors="surrogateescape")`` leaves, or a JSON ``\\ud800``) is
    no character: no RDF file can carry it, and replacing it would move no offset but change the text
    the offsets point into, so the text is refused with where the first one is.

    >>> check_text("增长5%")
    '增长5%'
    >>> check_text("增长" + chr(0xD800) + "5%")
    Traceback (most recent call last):
    ...
    policykg.graph_builder.errors.InputError: the text holds a lone surrogate (U+D800) at character 2: not Unicode text; decode the report with errors="replace"
    """
    m = _SURROGATE.search(text)
    if m is not None:
        raise InputError(
            f"the text holds a lone surrogate (U+{ord(m.group()):04X}) at character {m.start()}: not Unicode text;"
            ' decode the report with errors="replace"'
        )
    longest = max((len(run) for run in _RUN_BREAK.split(text)), default=0)
    if longest > MAX_RUN:
        raise InputError(
            f"the text holds {longest:,} characters without a sentence end or a line break: not report prose"
            " (a table or a file run together); split it into lines"
        )
    return text


def decode_report(data: bytes, encoding: str | None = None) -> ReadText:
    """Decode report bytes; see :func:`read_report`.

    >>> decode_report("全省地区生产总值".encode("gb18030")).text
    '全省地区生产总值'
    """
    if not data.strip():
        raise InputError("the file is empty")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {encoding} at byte {exc.start}") from None
        used = encoding
    else:
        text, used = _guess_decode(data)
    replaced = text.count("\ufffd")
    text = text.lstrip("\ufeff")
    if _looks_binary(text):
        raise InputError("looks like a binary file, not a text or HTML report")
    was_html = _looks_html(text)
    if was_html:
        text = html_to_text(text)
    if not text.strip():
        raise InputError("contains no readable text")
    check_text(text)
    return ReadText(text=text, encoding=used, was_html=was_html, replaced=replaced)


def _guess_decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError("starts with a UTF-16 mark but is not valid UTF-16") from None
    if b"\x00" in data[:4096]:
        # UTF-16 without a mark: Chinese text has few NUL bytes, so decode both ways and keep the readable one.
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _mostly_cjk_or_ascii(text[:4096]):
                return text, codec
        raise InputError("looks like a binary file (NUL bytes), not a text or HTML report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Mostly UTF-8 with a few broken bytes (a bad copy, a cut download): keep it and mark the damage.
    # Checked before GB18030 because GB18030 decodes almost any byte string into plausible-looking CJK.
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(8, len(text) // 1000):
        return text, "utf-8 (with invalid bytes replaced)"
    for codec in (c for c in (_declared_charset(data), "gb18030") if c is not None):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _mostly_cjk_or_ascii(text):
            return text, codec
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in {"utf_8", "ascii"} and _mostly_cjk_or_ascii(str(best)):
        return str(best), best.encoding
    raise InputError(f"not valid UTF-8 at byte {utf8_error.start} and no other encoding fits: try --encoding gb18030")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """The charset a web page declares in its ``<meta>`` (gb2312 pages are decoded as its superset)."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return "gb18030" if name in {"gb2312", "gbk", "gb18030", "x-gbk"} else name


def _mostly_cjk_or_ascii(text: str) -> bool:
    if not text:
        return False
    good = sum(1 for ch in text if ch.isascii() or _chinese_script(ord(ch)) or ch in "“”‘’…—·")
    return good / len(text) > 0.9


def _chinese_script(code: int) -> bool:
    """CJK ideographs, CJK punctuation or full-width forms: what a correctly decoded report is made of."""
    return 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\r\n\t\f\v") or ch == "\ufffd")
    return bad / len(sample) > 0.05


_HTML_SNIFF = re.compile(r"<(!doctype\s+html|html|body|head|meta|div|p)[\s>]", re.IGNORECASE)


def _looks_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:4096]))


_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "title",
    "td",
    "th",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "hr",
}
_SKIP = {
    "script",
    "style",
    "noscript",
    "nav",
    "iframe",
    "svg",
    "button",
    "select",
    "form",
    "template",
    "header",
    "footer",
    "aside",
}


class _TextExtractor(HTMLParser):
    """Collects visible text, one line per block element, without page furniture."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip_depth += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """Visible text of a government web page: one paragraph per block, chrome lines dropped.

    >>> html_to_text("<html><body><nav>首页</nav><p>全省生产总值增长5%。</p><p>打印 | 关闭</p></body></html>")
    '全省生产总值增长5%。\\n'
    """
    parser = _TextExtractor()
    parser.feed(page)
    parser.close()
    raw = html.unescape("".join(parser.parts))
    lines = []
    for line in raw.split("\n"):
        line = re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()
        if not line or is_furniture(line):
            continue
        lines.append(line)
    return "\n\n".join(lines) + "\n"
