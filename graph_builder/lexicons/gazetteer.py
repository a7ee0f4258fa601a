"""China's administrative divisions (GB/T 2260), loaded from ``lexicons/gazetteer.tsv``.

The table is generated from a maintained source (see ``lexicons/README-gazetteer.md``); this module
only looks names up and chooses between homonyms. Towns and townships (``lexicons/townships.tsv.gz``,
about 40,000 rows, read only when a report needs them) carry their county but no code. Many names recur across the country (城区, 朝阳,
新城区, 东方 ...), so every lookup takes the report's own jurisdiction into account: a name inside the
report's province (then prefecture) wins over the same name elsewhere.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass

from policykg.graph_builder.lexicons import cached, data_bytes, data_text

CHINA = "CN"
MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})


@dataclass(frozen=True)
class Division:
    """One row of the gazetteer."""

    code: str
    name: str
    short: str
    level: str  # province | prefecture | county
    parent: str  # code, or CN for provinces

    @property
    def province(self) -> str:
        return self.code[:2] + "0000"


@dataclass(frozen=True)
class Gazetteer:
    """All divisions, by code and by written form (full and short names)."""

    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]

    def lookup(self, name: str) -> tuple[Division, ...]:
        return self.by_name.get(name, ())

    def ancestors(self, code: str) -> list[str]:
        """Codes above ``code``, nearest first, ending with the province."""
        out: list[str] = []
        div = self.by_code.get(code)
        while div is not None and div.parent != CHINA:
            out.append(div.parent)
            div = self.by_code.get(div.parent)
        return out

    def resolve(
        self,
        name: str,
        context: str | None = None,
        parent: str | None = None,
    ) -> Division | None:
        """The division a name means, preferring ``parent`` then the report's jurisdiction.

        ``context`` is the report's own place code; homonyms outside its province lose to those
        inside, and among those inside, the nearest in the hierarchy wins.

        >>> g = load()
        >>> g.resolve("朝阳", context="210000").code, g.resolve("朝阳区", context="110000").code
        ('211300', '110105')
        """
        candidates = self.lookup(name)
        if not candidates:
            return None
        if parent is not None:
            inside = [d for d in candidates if parent in (d.code, *self.ancestors(d.code))]
            if inside:
                candidates = tuple(inside)
        if len(candidates) == 1:
            return candidates[0]
        return min(candidates, key=lambda d: self._rank(d, name, context))

    def _rank(self, d: Division, name: str, context: str | None) -> tuple[int, int, int, str]:
        near = 3
        if context:
            chain = [context, *self.ancestors(context)]
            mine = [d.code, *self.ancestors(d.code)]
            shared = [c for c in chain if c in mine]
            near = 0 if context in mine else (1 if shared and shared[0] != d.province else (2 if shared else 3))
        levels = {"province": 0, "prefecture": 1, "county": 2}
        exact = 0 if d.name == name else 1
        return (near, exact, levels.get(d.level, 3), d.code)


@cached
def load() -> Gazetteer:
    """Read the packaged table once per process."""
    text = data_text("gazetteer.tsv")
    by_code: dict[str, Division] = {}
    by_name: dict[str, list[Division]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, name, short, level, parent = line.split("\t")
        div = Division(code, name, short, level, parent)
        by_code[code] = div
        for form in {name, short}:
            if len(form) >= 2:
                by_name.setdefault(form, []).append(div)
    return Gazetteer(by_code, {k: tuple(v) for k, v in by_name.items()})


def code_for(name: str | None, context: str | None = None) -> str | None:
    """GB/T 2260 code of a report's jurisdiction as written (山西省, 太原市, 海拉尔区 ...).

    >>> code_for("山西省"), code_for("全国"), code_for("火星")
    ('140000', None, None)
    """
    if not name:
        return None
    gaz = load()
    div = gaz.resolve(name, context=context)
    if div is None:
        div = _compound(gaz, name, context)
    return div.code if div else None


def _compound(gaz: Gazetteer, name: str, context: str | None) -> Division | None:
    """A name that spells its parent first (阳泉市城区, 呼伦贝尔市海拉尔区): resolve the tail inside the head.

    >>> code_for("阳泉市城区"), code_for("晋城市城区"), code_for("呼伦贝尔市海拉尔区")
    ('140302', '140502', '150702')
    """
    for cut in range(len(name) - 2, 1, -1):
        head, tail = name[:cut], name[cut:]
        parent = gaz.resolve(head, context=context)
        if parent is None:
            continue
        div = gaz.resolve(tail, context=parent.code, parent=parent.code)
        if div is not None and parent.code in gaz.ancestors(div.code):
            return div
    return None


@dataclass(frozen=True)
class Township:
    """A town, township or sub-district (镇, 乡, 街道, 苏木) under its county."""

    county: str  # GB/T 2260 code of its county (or prefecture, for towns of development zones)
    name: str
    short: str  # without its suffix and ethnic qualifier: 亚布力镇 → 亚布力; "-" if it has none


@dataclass(frozen=True)
class Townships:
    """Towns by full name and by short form; a name is trusted only where it is unique."""

    by_name: dict[str, tuple[Township, ...]]
    by_short: dict[str, tuple[Township, ...]]

    def within(self, name: str, scope: str | None, gaz: Gazetteer) -> Township | None:
        """The one town with this full name inside ``scope`` (a province, prefecture or county code).

        >>> towns().within("亚布力镇", "230000", load()).county
        '230183'
        """
        return _unique(self.by_name.get(name, ()), scope, gaz)

    def short_within(self, short: str, scope: str | None, gaz: Gazetteer) -> Township | None:
        """The one town with this short form in the country, else inside ``scope``."""
        found = self.by_short.get(short, ())
        if len(found) == 1:
            return found[0]
        return _unique(found, scope, gaz)


def _unique(found: tuple[Township, ...], scope: str | None, gaz: Gazetteer) -> Township | None:
    if not scope:
        return None
    inside = [t for t in found if scope in (t.county, *gaz.ancestors(t.county))]
    return inside[0] if len(inside) == 1 else None


@cached
def towns() -> Townships:
    """Read the packaged township table once per process (gzip, about 0.3 MB)."""
    raw = data_bytes("townships.tsv.gz")
    by_name: dict[str, list[Township]] = {}
    by_short: dict[str, list[Township]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("county\t"):
            continue
        county, name, short = line.split("\t")
        town = Township(county, name, short)
        by_name.setdefault(name, []).append(town)
        if short != "-":
            by_short.setdefault(short, []).append(town)
    return Townships({k: tuple(v) for k, v in by_name.items()}, {k: tuple(v) for k, v in by_short.items()})
