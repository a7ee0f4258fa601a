"""Initiative names in a sentence or a heading: where a name starts and ends, and what kind it is.

Reports introduce them with an action (实施, 出台, 开展, 举办, 入选 ...) and end their names with a head
noun that says what they are (…政策措施, …专项, …平台, …机制, …活动, …大会). Quoted names (“链长制”)
are initiatives whatever their head. Names may also come first, with the verb after
(…改革平稳推进, …项目完成). All vocabulary is in ``lexicons/initiatives.toml``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykg.graph_builder.entities.initiative_core import Hit, has_head, normalise_label
from policykg.graph_builder.entities.initiative_core import category as _category
from policykg.graph_builder.entities.initiative_core import clean as _clean
from policykg.graph_builder.entities.initiative_core import kind_of as _kind_of
from policykg.graph_builder.entities.initiative_core import label_ok as _ok
from policykg.graph_builder.entities.initiative_core import last_head as _last_head
from policykg.graph_builder.entities.initiative_core import open_list as _open_list
from policykg.graph_builder.entities.initiative_lex import count_pattern as _count
from policykg.graph_builder.entities.initiative_lex import initiative_lex as _lex
from policykg.graph_builder.entities.initiative_lex import initiatives_lexicon as _words
from policykg.graph_builder.entities.initiative_lex import word_list as _list
from policykg.graph_builder.entities.initiative_lex import word_text as _text
from policykg.graph_builder.entities.initiative_lists import list_hits
from policykg.graph_builder.entities.initiative_quotes import quote_hits
from policykg.graph_builder.entities.word_index import clauses
from policykg.graph_builder.lexicons import cached
from policykg.graph_builder.lexicons.gazetteer import load as load_gazetteer

__all__ = ["Hit", "has_head", "heading_hits", "normalise_label", "sentence_hits"]


def _conjuncts(obj: str) -> list[tuple[int, str]]:
    """Split an object at 、 always, between two quoted names written side by side (“甲”“乙”政策), and at
    和/与 where the left part ends with a head noun."""
    parts: list[tuple[int, str]] = []
    start, conjunctions = 0, _text("conjunctions")
    for mark in _split_marks().finditer(obj):  # only where a split can fall, not every character
        i, ch = mark.start(), mark.group()
        if ch == "“" and obj[i - 1 : i] == "”" and i > start:
            parts.append((start, obj[start:i]))
            start = i
        elif ch == "、" or (ch in conjunctions and _kind_of(obj[start:i]) is not None):
            parts.append((start, obj[start:i]))
            start = i + 1
    parts.append((start, obj[start:]))
    return parts


@cached
def _split_marks() -> re.Pattern[str]:
    """The characters an object may be split at: an opening quote, 、 and the conjunctions."""
    return re.compile("[" + "".join(re.escape(ch) for ch in "“、" + _text("conjunctions")) + "]")


def _verb_hits(clause: str, base: int) -> list[Hit]:
    lex, hits, i = _lex(), [], 0
    lookalikes = _list("verb_lookalikes")
    while True:
        m = lex.verb_pattern.search(clause, i)
        if m is None:
            break
        verb, at = m.group(), m.start()
        if clause.startswith(lookalikes, at):
            i = at + 1
            continue
        obj_at = at + len(verb)
        found = (
            _designations(clause, obj_at, verb, base)
            if verb in lex.designation_verbs
            else _objects(clause, obj_at, verb, base)
        )
        hits.extend(found)
        i = max([obj_at] + [h.end - base for h in found])
    return hits


def _objects(clause: str, at: int, verb: str, base: int) -> list[Hit]:
    obj, words = clause[at:], _words()
    if any(mark in obj for mark in _list("open_list_marks")):
        return []
    out = []
    for offset, part in _conjuncts(obj):
        end = _last_head(part)
        if end is None:
            continue
        raw = part[:end]
        if raw.startswith(_list("category_prefixes")):
            continue  # 一批中试基地: a class of things built, not one
        counts = list(words.pattern("patterns.inner_count").finditer(raw))
        if counts and _kind_of(raw) != "Policy":  # 五市100项高频事项跨市通办: the count is its reach
            offset, raw = offset + counts[-1].end(), raw[counts[-1].end() :]
            end = len(raw)
        label = _clean(raw)
        kind = _kind_of(label)
        counted = verb in words.set("count_verbs") and bool(words.pattern("patterns.count_start").match(part[end:]))
        if kind and _ok(label) and not _category(label, part[end:]) and not counted:
            begin = base + at + offset + raw.find(label) if label in raw else base + at + offset
            out.append(Hit(begin, base + at + offset + end, label, kind, verb))
    return out


def _designations(clause: str, at: int, verb: str, base: int) -> list[Hit]:
    """Honours and lists with a named recipient: 入选X, 获批X, 被授予X称号, A等N家X、B等M家Y."""
    out, words = [], _words()
    listed = words.pattern("patterns.listed").finditer(clause)
    targets = [(m.start(1), m.group(1)) for m in listed if m.start() >= at]
    obj = clause[at:]
    if obj and not _count().match(obj) and not targets:
        targets = [(at, obj)]
    for begin, text in targets:
        label = _designation_label(text, verb)
        if label is not None:
            out.append(Hit(base + begin, base + begin + len(text), label, "Designation", verb))
    return out


def _designation_label(text: str, verb: str) -> str | None:
    """The honour or list an object names: after the last 的 (获全国唯一的…试点), or before the first one
    after 纳入/列入 (纳入X的Y: Y was put into X); up to its head where a count of people ends it (入选X计划人才409名: the people were chosen
    for the plan);
    never support (获国家支持) or a verb phrase (获批全面展开建设)."""
    label = text
    for prefix in _list("designation_prefixes"):
        label = label.removeprefix(prefix)
    for suffix in _list("honour_words"):
        label = label.removesuffix(suffix)
    attributive = _text("attributive")
    inclusion = verb in _list("inclusion_verbs") and attributive in label
    label = (label.split(attributive, 1)[0] if inclusion else label.rsplit(attributive, 1)[-1]).strip("“”")
    if _words().pattern("patterns.counted_people").search(label):
        end = _last_head(label)
        label = label[:end] if end else label
    if _count().match(text) or _words().pattern("patterns.counted_end").search(label):
        return None
    if label.endswith(_list("designation_not_ends")) or label.startswith(_list("adverbs")):
        return None
    return label if _ok(label) else None


def _subject_hits(clause: str, base: int) -> list[Hit]:
    """A named thing at the head of a clause with its verb after it (…改革平稳推进)."""
    lex = _lex()
    if _count().match(clause):
        return _counted_subject(clause, base)
    first = _first_hits(clause, base)
    if first:
        return first
    if _subject_head().search(clause, 2) is None:
        return []  # no head past the clause's first two characters: every head below is skipped
    for head in lex.subject_heads:
        at = clause.find(head)
        if at < 2:
            continue
        rest = clause[at + len(head) :]
        verb = next((v for v in lex.subject_verbs if v in rest[:10]), None)
        label = _clean(clause[: at + len(head)])
        if verb and _ok(label) and not _category(label, rest) and not lex.any_verb.search(label):
            return [Hit(base, base + at + len(head), label, _kind_of(label) or "Programme", verb)]
    return []


@cached
def _subject_head() -> re.Pattern[str]:
    """Every subject head as one pattern: most clauses hold none, and one search says so."""
    return re.compile("|".join(re.escape(h) for h in _lex().subject_heads) or "(?!)")


def _counted_subject(clause: str, base: int) -> list[Hit]:
    """A counted set of pledges done (12件民生实事全面完成): the name after the count, before the verb."""
    count, pledges = _count().match(clause), _text("pledges")
    assert count is not None
    rest = clause[count.end() :]
    at, size = rest.find(pledges), len(pledges)
    verb = next((v for v in _lex().subject_verbs if v in rest[at + size : at + size + 6]), None) if at > 0 else None
    label = rest[: at + size]
    if verb is None or not _ok(label) or any(v in label for v in _lex().verbs):
        return []
    return [Hit(base + count.end(), base + count.end() + len(label), label, "Programme", verb)]


def _brand_hits(clause: str, base: int) -> list[Hit]:
    """A place's own strategy named by a quality word (建设美丽X, 建设健康X): X must be a known place."""
    lex, out, literal = _lex(), [], _literal_brand_verbs()
    for verb, pattern in lex.brand_patterns:
        if verb in literal and verb not in clause:
            continue  # the pattern opens with the verb as written: a clause without it has no match
        for m in pattern.finditer(clause):
            if load_gazetteer().lookup(m.group(2)):
                out.append(Hit(base + m.start(1), base + m.end(), m.group(1) + m.group(2), "Programme", verb))
    return out


@cached
def _literal_brand_verbs() -> frozenset[str]:
    """The brand verbs that are plain words (no pattern syntax), which a substring test can look for."""
    return frozenset(v for v in _lex().brand_verbs if re.escape(v) == v)


def _first_hits(clause: str, base: int) -> list[Hit]:
    """A first-of-its-kind product or deal (首单…贷款落地): the name between 首单 and the verb."""
    lex = _lex()
    for word in lex.first_words:
        at = clause.find(word)
        if at >= 0:
            rest = clause[at + len(word) :]
            verb = next(((rest.find(v), v) for v in lex.subject_verbs if rest.find(v) > 1), None)
            if verb:
                label = rest[: verb[0]]
                if _ok(label) and _kind_of(label):  # 首单…贷款: a named product, not any words before a verb
                    kind = _kind_of(label) or "Programme"
                    return [Hit(base + at + len(word), base + at + len(word) + verb[0], label, kind, verb[1])]
    return []


def sentence_hits(text: str) -> list[Hit]:
    """Initiatives of one sentence; a quoted name inside a longer name is not repeated.

    >>> [h.label for h in sentence_hits("出台扩大开放“1+N”政策体系,实施产业链“链长制”。")]
    ['扩大开放“1+N”政策体系', '产业链“链长制”']
    """
    hits: list[Hit] = []
    for start, end in clauses(text):
        clause = text[start:end]
        found = _verb_hits(clause, start) + _subject_hits(clause, start) + _brand_hits(clause, start)
        found = [h for h in found if not _open_list(h)] + list_hits(clause, start)
        found += [q for q in quote_hits(clause, start) if not any(h.begin <= q.begin and q.end <= h.end for h in found)]
        hits.extend(found)
    hits.sort(key=lambda h: (h.begin, -h.end))
    out: list[Hit] = []
    for h in hits:
        if not any(o.begin <= h.begin and h.end <= o.end for o in out):
            out.append(h)
    return out


def heading_hits(title: str) -> list[Hit]:
    """Initiatives named by a task heading, after its enumerator (二、深化能源革命综合改革试点).

    >>> [h.label for h in heading_hits("二、实施科技创新强市战略")]
    ['科技创新强市战略']
    """
    m = _words().pattern("patterns.enumerator").match(title)
    if m is None:
        return []
    base = m.end()
    return [replace(h, begin=h.begin + base, end=h.end + base) for h in sentence_hits(title[base:])]
