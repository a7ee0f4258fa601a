"""Initiative names in a sentence or a heading: where a name starts and ends, and what kind it is.

Reports introduce them with an action (实施, 出台, 开展, 举办, 入选 ...) and end their names with a head
noun that says what they are (…政策措施, …专项, …平台, …机制, …活动, …大会). Quoted names (“链长制”)
are initiatives whatever their head. Names may also come first, with the verb after
(…改革平稳推进, …项目完成). All vocabulary is in ``lexicons/initiatives.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policykg.graph_builder.entities.initiative_lex import count_pattern as _count
from policykg.graph_builder.entities.initiative_lex import initiative_lex as _lex
from policykg.graph_builder.entities.initiative_lex import initiatives_lexicon as _words
from policykg.graph_builder.entities.initiative_lex import strip_adverbs as _strip_adverbs
from policykg.graph_builder.entities.initiative_lex import word_list as _list
from policykg.graph_builder.entities.initiative_lex import word_text as _text
from policykg.graph_builder.entities.word_index import clauses
from policykg.graph_builder.lexicons.gazetteer import load as load_gazetteer

_QUOTE = re.compile(r"“([^“”]{1,24})”")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Hit:
    begin: int  # index in the sentence text
    end: int
    label: str
    kind: str
    action: str | None


def normalise_label(label: str) -> str:
    """The form two mentions of one initiative share: no quotes, counts or filler adverbs.

    >>> normalise_label("“惠商保”"), normalise_label("12件民生实事")
    ('惠商保', '民生实事')
    """
    label = label.strip("“”\"'《》 ")
    label = _strip_adverbs(_count().sub("", label))
    return label.replace("“", "").replace("”", "")


def _kind_of(label: str) -> str | None:
    """The kind its head noun gives a name (the longest head it ends with), if any."""
    core, lex = label.rstrip("”"), _lex()
    return next((lex.kind_by_head[core[-n:]] for n in lex.head_lengths if core[-n:] in lex.kind_by_head), None)


def has_head(text: str) -> bool:
    """Whether ``text`` contains a head noun of an initiative's name (…保险, …工程, …改革).

    >>> has_head("城乡居民基本医疗保险人均财政补助"), has_head("经营主体数量")
    (True, False)
    """
    return _lex().head_pattern.search(text) is not None


def _last_head(text: str) -> int | None:
    """End index of the last head noun in ``text`` (closing quote included).

    Each head is judged by its last occurrence: where that is the start of an organisation's name
    (…工程院), the head does not count.
    """
    best, org_tails = None, _words().set("org_tails")
    for head, at in _lex().head_index.last(text).items():
        end = at + len(head)
        if text[end : end + 1] in org_tails:
            continue
        if best is None or end > best:
            best = end
    if best is not None and text[best : best + 1] == "”":
        best += 1
    return best


def _clean(label: str) -> str:
    label = _strip_adverbs(_count().sub("", label))
    attributive = _text("attributive")
    if attributive in label:
        label = label.rsplit(attributive, 1)[1]
    verb = next((v for v in _lex().second_verbs if label.startswith(v) and _kind_of(label[len(v) :])), None)
    if verb and len(label) - len(verb) >= 3:
        label = _strip_adverbs(label[len(verb) :])  # 加快建设绿氢示范项目: the name starts after the second verb
    for tail in _lex().trim_tails:
        if label.endswith(tail) and len(label) > len(tail) + 2:
            label = label[: -len(tail)]
    return label


def _category(label: str, after: str) -> bool:
    """A level word with a generic kind, counted after it or ranked (国家级创新平台10个, 省级重点工程项目)."""
    if _lex().size_class.search(label):
        return True  # 亿元以上项目: a class of projects by size
    level = next((w for w in _lex().level_words if label.startswith(w)), None)
    if level is None:
        return False
    return bool(_words().pattern("patterns.count_start").match(after)) or label[len(level) :].startswith(
        _list("rank_words")
    )


def _ok(label: str) -> bool:
    core = normalise_label(label)
    return len(core) >= 3 and core not in _lex().not_labels and bool(_CJK.search(core))


def _conjuncts(obj: str) -> list[tuple[int, str]]:
    """Split an object at 、 always, and at 和/与 where the left part ends with a head noun."""
    parts: list[tuple[int, str]] = []
    start, conjunctions = 0, _text("conjunctions")
    for i, ch in enumerate(obj):
        if ch == "、" or (ch in conjunctions and _kind_of(obj[start:i]) is not None):
            parts.append((start, obj[start:i]))
            start = i + 1
    parts.append((start, obj[start:]))
    return parts


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
        label = text
        for prefix in _list("designation_prefixes"):
            label = label.removeprefix(prefix)
        for suffix in _list("honour_words"):
            label = label.removesuffix(suffix)
        label = label.rsplit(_text("attributive"), 1)[-1].strip("“”")
        if _ok(label) and not _count().match(text) and not words.pattern("patterns.counted_end").search(label):
            out.append(Hit(base + begin, base + begin + len(text), label, "Designation", verb))
    return out


def _subject_hits(clause: str, base: int) -> list[Hit]:
    """A named thing at the head of a clause with its verb after it (…改革平稳推进)."""
    lex = _lex()
    if _count().match(clause):
        return _counted_subject(clause, base)
    first = _first_hits(clause, base)
    if first:
        return first
    for head in lex.subject_heads:
        at = clause.find(head)
        if at < 2:
            continue
        rest = clause[at + len(head) :]
        verb = next((v for v in lex.subject_verbs if v in rest[:10]), None)
        label = _clean(clause[: at + len(head)])
        if verb and _ok(label) and not _category(label, rest) and not any(v in label for v in lex.verbs):
            return [Hit(base, base + at + len(head), label, _kind_of(label) or "Programme", verb)]
    return []


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
    lex, out = _lex(), []
    for verb, pattern in lex.brand_patterns:
        for m in pattern.finditer(clause):
            if load_gazetteer().lookup(m.group(2)):
                out.append(Hit(base + m.start(1), base + m.end(), m.group(1) + m.group(2), "Programme", verb))
    return out


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
                if _ok(label):
                    return [
                        Hit(
                            base + at + len(word),
                            base + at + len(word) + verb[0],
                            label,
                            _kind_of(label) or "Programme",
                            verb[1],
                        )
                    ]
    return []


def _quote_hits(clause: str, base: int) -> list[Hit]:
    lex, out, words = _lex(), [], _words()
    for m in _QUOTE.finditer(clause):
        after = clause[m.end() :]
        if words.pattern("patterns.counted").match(after) or after.startswith(lex.skip_quoted_before):
            continue
        tail = lex.quote_tail.match(after)
        tail = tail or words.pattern("patterns.quoted_tour").match(after)
        label = m.group(0) + tail.group(0) if tail else m.group(1)
        if not _ok(label):
            continue
        before = clause[: m.start()]
        action = (
            next((v for v in sorted(lex.verbs + lex.designation_verbs, key=before.rfind) if v in before), None)
            if before
            else None
        )
        kind = _kind_of(label) or (
            "Designation"
            if after.startswith(_list("honour_words"))
            else "Event"
            if action in words.set("event_verbs")
            else "Programme"
        )
        end = m.end() + (len(tail.group(0)) if tail else 0)
        out.append(Hit(base + m.start(), base + end, label, kind, action))
    return out


def sentence_hits(text: str) -> list[Hit]:
    """Initiatives of one sentence; a quoted name inside a longer name is not repeated.

    >>> [h.label for h in sentence_hits("出台扩大开放“1+N”政策体系,实施产业链“链长制”。")]
    ['扩大开放“1+N”政策体系', '产业链“链长制”']
    """
    hits: list[Hit] = []
    for start, end in clauses(text):
        clause = text[start:end]
        found = _verb_hits(clause, start) + _subject_hits(clause, start) + _brand_hits(clause, start)
        found += [
            q for q in _quote_hits(clause, start) if not any(h.begin <= q.begin and q.end <= h.end for h in found)
        ]
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
