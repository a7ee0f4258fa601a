"""Numbers as Chinese reports write them: 2.57, 1,234, 两, 三十五, 八成, with 万/亿 magnitudes.

Values are ``Decimal`` so 2.57万亿 is exactly 2570000000000, with no float noise in the graph.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
MAGNITUDES: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "万": Decimal(10) ** 4,
}
CN_NUMERAL = "零〇一二两三四五六七八九十百千"
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CN_COMPOUND = rf"[{CN_NUMERAL}]+(?:[万亿][{CN_NUMERAL}]+)+万?"
"""A Chinese numeral with an inner 万 or 亿 (三万五千, 一亿二千万): one number, not two figures."""


def parse_number(text: str) -> Decimal | None:
    """Value of an Arabic or Chinese numeral, or None when it is not one.

    >>> parse_number("2.57"), parse_number("1,234"), parse_number("两"), parse_number("三十五")
    (Decimal('2.57'), Decimal('1234'), Decimal('2'), Decimal('35'))
    >>> parse_number("一百零八"), parse_number("十二"), parse_number("近")
    (Decimal('108'), Decimal('12'), None)
    >>> parse_number("三万五千"), parse_number("一亿二千万")
    (Decimal('35000'), Decimal('120000000'))
    """
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(ARABIC, text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    if all(ch in CN_NUMERAL for ch in text):
        return _parse_chinese(text)
    if re.fullmatch(CN_COMPOUND, text):
        return _parse_compound(text)
    return None


def _parse_compound(text: str) -> Decimal | None:
    """``三万五千`` = 35000, ``一亿二千万`` = 120000000: groups of 亿 and 万, each an ordinary numeral."""
    total = Decimal(0)
    rest = text
    for word, factor in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if word in rest:
            head, rest = rest.split(word, 1)
            value = _parse_compound(head) if ("万" in head or "亿" in head) else _parse_chinese(head)
            if value is None:
                return None
            total += value * factor
    if rest:
        tail = _parse_chinese(rest.lstrip("零〇") or "0") if rest.strip("零〇") else Decimal(0)
        if tail is None:
            return None
        total += tail
    return total


def _parse_chinese(text: str) -> Decimal | None:
    if all(ch in _DIGITS for ch in text) and len(text) > 1 and "两" not in text:
        return Decimal("".join(str(_DIGITS[ch]) for ch in text))  # 二〇二三 style
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            total += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return Decimal(total)


def magnitude(text: str) -> Decimal:
    """Multiplier of a magnitude word (万, 亿, 万亿 ...); 1 for none.

    >>> magnitude("万亿"), magnitude("")
    (Decimal('1000000000000'), Decimal('1'))
    """
    return MAGNITUDES.get(text, Decimal(1))


def plain(value: Decimal) -> str:
    """Decimal as a plain string without exponent or trailing zeros (for xsd:decimal literals).

    >>> plain(Decimal("2.57") * Decimal(10) ** 12), plain(Decimal("5.0")), plain(Decimal("0.50"))
    ('2570000000000', '5', '0.5')
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
