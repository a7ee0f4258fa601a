"""The unit table: from a unit as written to its base unit, factor and unit IRI.

The table is a data file (``lexicons/units.tsv``) so new units need no code; magnitude words
(万, 亿, 万亿 ...) are handled by :mod:`graph_builder.numerals` and never listed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from policykg.graph_builder.lexicons import cached, data_text


@dataclass(frozen=True)
class Unit:
    """One row of the unit table."""

    written: str
    base: str
    factor: Decimal
    iri: str  # CURIE: unit:KiloW, unit:CCY_CNY, pkgunit:Mu
    family: str


@cached
def unit_table() -> dict[str, Unit]:
    """All units keyed by their written form."""
    text = data_text("units.tsv")
    table: dict[str, Unit] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        written, base, factor, iri, family = line.split("\t")
        table[written] = Unit(written, base, Decimal(factor), iri, family)
    return table


@cached
def unit_pattern() -> str:
    """Regex alternation of every written unit, longest first so 千瓦时 wins over 千瓦."""
    return "|".join(re.escape(u) for u in sorted(unit_table(), key=len, reverse=True))


def lookup(written: str) -> Unit | None:
    """The table row for a unit as written (magnitude already removed).

    >>> lookup("千瓦时").base, lookup("％") is None
    ('kWh', True)
    """
    return unit_table().get(written)
