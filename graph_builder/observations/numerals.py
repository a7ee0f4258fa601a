"""Numbers as Chinese reports write them: 2.57, 1,234, 两, 三十五, 八成, with 万/亿 magnitudes.

Values are ``Decimal`` so 2.57万亿 is exactly 2570000000000, with no float noise in the graph. Numbers
are bounded (lexicon ``numbers``: ``max_digits``, ``max_power``): a scraped page can hold a run of a
million digits, which no report writes and which ``Decimal`` arithmetic would round, overflow or
refuse, so such a numeral is no number here.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from policykg.graph_builder.lexicons import cached, lexicon

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"


@cached
def digits() -> dict[str, int]:
    """Chinese digits and their values (lexicon ``numbers``)."""
    return dict(lexicon("numbers").table("digits"))


@cached
def small_units() -> dict[str, int]:
    """Units inside a Chinese numeral (十, 百, 千) and their values."""
    return dict(lexicon("numbers").table("small_units"))


@cached
def groups() -> dict[str, int]:
    """Group words inside one Chinese numeral (亿, 万) and their powers of ten, largest first."""
    table = lexicon("numbers").table("groups")
    return dict(sorted(table.items(), key=lambda kv: -kv[1]))


@cached
def magnitudes() -> dict[str, Decimal]:
    """Magnitude words (万, 亿, 万亿 ...) and their multipliers."""
    return {word: Decimal(10) ** power for word, power in lexicon("numbers").table("magnitudes").items()}


@cached
def cn_numeral() -> str:
    """Every character of a plain Chinese numeral: its digits and units."""
    return "".join(digits()) + "".join(small_units())


@cached
def cn_compound() -> str:
    """A Chinese numeral with an inner 万 or 亿 (三万五千, 一亿二千万): one number, not two figures."""
    smallest = list(groups())[-1]
    return rf"[{cn_numeral()}]+(?:[{''.join(groups())}][{cn_numeral()}]+)+{smallest}?"


@cached
def cn_decimal() -> str:
    """A Chinese numeral with a decimal point (零点五, 三点五): whole part, point, one digit at a time."""
    point = lexicon("numbers").text("decimal_point")
    return rf"[{cn_numeral()}]+{point}[{''.join(digits())}]+"


@cached
def _limits() -> tuple[int, Decimal]:
    """(most digits a numeral may have, the value no figure reaches) from lexicon ``numbers``."""
    numbers = lexicon("numbers")
    return numbers.number("max_digits"), Decimal(10) ** numbers.number("max_power")


def too_long(numeral: str) -> bool:
    """True when a numeral has more digits than a report writes (Arabic or Chinese digits counted).

    >>> too_long("2570000000000"), too_long("3" * 40), too_long("0." + "3" * 30)
    (False, True, True)
    """
    table = digits()
    return sum(1 for ch in numeral if ch.isdigit() or ch in table) > _limits()[0]


def in_bounds(value: Decimal) -> bool:
    """True for a finite value below the bound no figure reaches, in base units.

    >>> in_bounds(Decimal("2.57e12")), in_bounds(Decimal("1e30")), in_bounds(Decimal("NaN"))
    (True, False, False)
    """
    return value.is_finite() and abs(value) < _limits()[1]


@cached
def _zeros() -> str:
    return "".join(d for d, v in digits().items() if v == 0)


@cached
def _counting_two() -> str:
    """The digit for 2 that only counts things (两个), never spells a year digit by digit."""
    twos = [d for d, v in digits().items() if v == 2]
    return twos[-1] if len(twos) > 1 else ""


def parse_number(text: str) -> Decimal | None:
    """Value of an Arabic or Chinese numeral, or None when it is not one.

    >>> parse_number("2.57"), parse_number("1,234"), parse_number("两"), parse_number("三十五")
    (Decimal('2.57'), Decimal('1234'), Decimal('2'), Decimal('35'))
    >>> parse_number("一百零八"), parse_number("十二"), parse_number("近")
    (Decimal('108'), Decimal('12'), None)
    >>> parse_number("三万五千"), parse_number("一亿二千万")
    (Decimal('35000'), Decimal('120000000'))
    >>> parse_number("零点五"), parse_number("三点五"), parse_number("十二点零五")
    (Decimal('0.5'), Decimal('3.5'), Decimal('12.05'))
    >>> parse_number("1" + "0" * 400) is None  # more digits than any report writes
    True
    """
    text = text.strip()
    if not text or too_long(text):
        return None
    if re.fullmatch(ARABIC, text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    if all(ch in cn_numeral() for ch in text):
        return _parse_chinese(text)
    if text in groups():  # 超万亿元, 突破万列: a magnitude alone is one of it
        return Decimal(10) ** groups()[text]
    if re.fullmatch(cn_decimal(), text):
        whole, fraction = text.split(lexicon("numbers").text("decimal_point"))
        head = _parse_chinese(whole) if whole.strip(_zeros()) else Decimal(0)
        table = digits()
        return None if head is None else head + Decimal("0." + "".join(str(table[ch]) for ch in fraction))
    if re.fullmatch(cn_compound(), text):
        return _parse_compound(text)
    return None


def _parse_compound(text: str) -> Decimal | None:
    """``三万五千`` = 35000, ``一亿二千万`` = 120000000: groups of 亿 and 万, each an ordinary numeral."""
    total = Decimal(0)
    rest = text
    for word, power in groups().items():
        if word in rest:
            head, rest = rest.split(word, 1)
            value = _parse_compound(head) if any(g in head for g in groups()) else _parse_chinese(head)
            if value is None:
                return None
            total += value * Decimal(10) ** power
    if rest:
        tail = _parse_chinese(rest.lstrip(_zeros()) or "0") if rest.strip(_zeros()) else Decimal(0)
        if tail is None:
            return None
        total += tail
    return total


def _parse_chinese(text: str) -> Decimal | None:
    table, units = digits(), small_units()
    if all(ch in table for ch in text) and len(text) > 1 and _counting_two() not in text:
        return Decimal("".join(str(table[ch]) for ch in text))  # a year written digit by digit
    total, digit = 0, None
    for ch in text:
        if ch in table:
            digit = table[ch]
        elif ch in units:
            total += (1 if digit is None else digit) * units[ch]
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
    return magnitudes().get(text, Decimal(1))


def plain(value: Decimal) -> str:
    """Decimal as a plain string without exponent or trailing zeros (for xsd:decimal literals).

    >>> plain(Decimal("2.57") * Decimal(10) ** 12), plain(Decimal("5.0")), plain(Decimal("0.50"))
    ('2570000000000', '5', '0.5')
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
