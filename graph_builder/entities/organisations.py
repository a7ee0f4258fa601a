"""Organisations: banks, institutes, hospitals, universities, companies, legislatures and agencies.

Most organisations end their names with a telling suffix (…银行, …研究院, …医院, …大学, …公司); the
report's own institutions are written relative to its level (省人大, 省政协, 省委, 省政府, 常委会) and
are named globally by the jurisdiction they belong to, so two reports of one province meet at one node.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykg.graph_builder.iris import slug
from policykg.graph_builder.model import Document, Organisation, PlaceMention, Span

SUFFIXES: tuple[tuple[str, str], ...] = (
    ("分院", "Hospital"),  # before 医院: …医院…分院 is one name
    ("银行", "Bank"), ("研究院", "ResearchInstitute"), ("研究所", "ResearchInstitute"),
    ("工程院", "Academy"), ("科学院", "Academy"), ("社会科学院", "Academy"), ("医院", "Hospital"),
    ("大学", "University"), ("学院", "University"), ("有限公司", "Company"), ("公司", "Company"),
    ("集团", "Company"), ("论坛", "Forum"), ("电视台", "Media"), ("交易所", "Company"),
)
_LONGEST_FIRST = tuple(sorted(SUFFIXES, key=lambda sk: -len(sk[0])))  # stable: ties keep SUFFIXES order
# Agencies of a level of government: 市发展和改革委员会, 省科学技术厅, 自治区能源局 (the level word
# starts the name; 和 inside it is part of the name).
_AGENCY = re.compile(r"(?:自治区|省|市|县|区|旗|州|盟)(?!委员会)[\u4e00-\u9fff]{1,10}?(?:委员会|厅|局)"
                     r"(?![\u4e00-\u9fff]{0,1}长)")
_OWN = re.compile(r"(省|市|县|区|州|盟|旗)?(人大常委会|人大|政协|委员会|委|人民政府|政府|纪委)")
_OWN_KINDS = {"人大": "Legislature", "人大常委会": "Legislature", "政协": "Legislature",
              "委": "PartyCommittee", "纪委": "PartyCommittee", "政府": "GovernmentAgency",
              "人民政府": "GovernmentAgency"}
_STANDING = re.compile(r"(?<=及其)常委会|(?<=人大)常委会")
_MEDIA = re.compile(r"《([^《》]{2,12}(?:报|日报|晚报|电视台|杂志))》")
_PARTY = re.compile(r"党的(?=[一二三四五六七八九十]+大|十)")
_BREAK = re.compile(r".*(?:[^\u4e00-\u9fff]|[的在和与及将由向对把被从为是等个所名]|新增|获批|举办|"
                    r"推出|建设|组建|成立|引进|支持|依托|亮相|走进|签约)")
_GENERIC_HEAD = ("县级", "省级", "市级", "国家级", "公办", "民营", "基层", "各级", "综合", "产业", "中心",
                 "一批", "省属", "市属", "各类", "一家", "多家")


def _suffix_hits(text: str, places: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(begin, end, kind) of names ending in an organisation suffix; a place name starts one."""
    out: list[tuple[int, int, str]] = []
    for suffix, kind in _LONGEST_FIRST:
        for m in re.finditer(suffix, text):
            end = m.end()
            run_start = end
            while run_start > 0 and "\u4e00" <= text[run_start - 1] <= "\u9fff" and end - run_start < 16:
                run_start -= 1
            run = text[run_start:end]
            cut = _BREAK.match(run[: -len(suffix)])
            if cut and len(run) - len(suffix) - cut.end() < 2 and run[cut.end() - 1] in "和与及":
                cut = _BREAK.match(run[: cut.end() - 1])  # 仁和医院: 和 inside the name
            begin = run_start + (cut.end() if cut else 0)
            starts = [run.find(p) for p in places if 0 <= run.find(p) < len(run) - len(suffix)]
            if starts:
                begin = run_start + min(starts)
            name = text[begin:end]
            if len(name) - len(suffix) < 2 or name.startswith(_GENERIC_HEAD):
                continue
            if any(b <= begin < e or b < end <= e for b, e, _ in out):
                continue
            out.append((begin, end, kind))
    return out


def extract_organisations(doc: Document, mentions: tuple[PlaceMention, ...] = (),
                          ) -> tuple[Organisation, ...]:
    """Every organisation of a report, one per name; the report's own bodies keyed by its place.

    >>> from policykg.graph_builder.pipeline import read_text
    >>> orgs = extract_organisations(read_text("2024年河北省政府工作报告\\n\\n执行省人大决议,河北银行开业。"))
    >>> [(o.label, o.key, o.kind) for o in orgs]
    [('省政府', '河北省政府', 'GovernmentAgency'), ('河北银行', '河北银行', 'Bank'), ('省人大', '河北省人大', 'Legislature')]
    """
    home = doc.meta.place or ""
    found: dict[str, Organisation] = {}
    for sentence in doc.sentences:
        text = sentence.text
        hits: list[tuple[int, int, str, str, bool]] = []  # begin, end, kind, key, own
        places = tuple(m.span.text for m in mentions if m.sentence == sentence.index)
        for b, e, kind in _suffix_hits(text, places):
            hits.append((b, e, kind, text[b:e], False))
        for m in _OWN.finditer(text):
            if m.group(1) or m.group(2) in ("人大", "政协"):
                level = m.group(1) or home[-1:]
                body = "政府" if m.group(2) == "人民政府" else m.group(2)
                key = home + body
                if m.group(1) and home and not home.endswith(level):
                    key = f"{home}{m.group(1)}{body}"
                if not any(b <= m.start() < e for b, e, *_ in hits) and _own_ok(text, m):
                    hits.append((m.start(), m.end(), _OWN_KINDS[m.group(2)], key, True))
        for m in _AGENCY.finditer(text):
            if not any(b <= m.start() < e or m.start() <= b < m.end() for b, e, *_ in hits):
                hits.append((m.start(), m.end(), "GovernmentAgency", _agency_key(home, m.group()), True))
        for m in _STANDING.finditer(text):
            hits.append((m.start(), m.end(), "Legislature", home + "人大常委会", True))
        for m in _MEDIA.finditer(text):
            hits.append((m.start(1), m.end(1), "Media", m.group(1), False))
        for m in _PARTY.finditer(text):
            hits.append((m.start(), m.start() + 1, "PoliticalParty", "中国共产党", False))
        for b, e, kind, key, own in hits:
            _add(found, doc, sentence.index, b, e, kind, key, own, mentions)
    return tuple(found.values())


def _agency_key(home: str, name: str) -> str:
    """市发展和改革委员会 in a report of 宜昌市 is 宜昌市发展和改革委员会."""
    level = next((w for w in ("自治区", "省", "市", "县", "区", "旗", "州", "盟") if name.startswith(w)), "")
    return home + name[len(level):] if home.endswith(level) else home + name


def _own_ok(text: str, m: re.Match[str]) -> bool:
    """省委 in 省委决策部署 is the committee; 委 inside 发改委 or 委员 is not this rule's."""
    before = text[m.start() - 1:m.start()] if m.start() else ""
    after = text[m.end():m.end() + 1]
    if m.group(2) == "委" and (after in ("员",) or not m.group(1)):
        return False
    if m.group(2) == "委员会":
        return False
    if m.group(1):
        return before not in ("全", "本", "各", "我")
    return not ("\u4e00" <= before <= "\u9fff" and before not in "在和与及由向对把被从为是执行的")


def _add(found: dict[str, Organisation], doc: Document, index: int, b: int, e: int, kind: str,
         key_name: str, own: bool, mentions: tuple[PlaceMention, ...]) -> None:
    sentence = doc.sentences[index]
    span = Span(sentence.offset(b), sentence.offset(e), sentence.text[b:e])
    key = slug(key_name)
    if key in found:
        old = found[key]
        found[key] = replace(old, spans=old.spans + (span,), sentences=old.sentences + (index,))
        return
    inside = [m.place for m in mentions
              if m.sentence == index and span.begin <= m.span.begin and m.span.end <= span.end]
    place = inside[0] if inside else (doc.meta.place_code if own else None)
    found[key] = Organisation(key, sentence.text[b:e], kind, place, (span,), (index,))
