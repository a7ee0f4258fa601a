"""What every rule for initiative names shares: the hit it returns, how a label is normalised and judged,
and which head noun gives it its kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.graph_builder.entities.initiative_lex import count_pattern as _count
from policykg.graph_builder.entities.initiative_lex import initiative_lex as _lex
from policykg.graph_builder.entities.initiative_lex import initiatives_lexicon as _words
from policykg.graph_builder.entities.initiative_lex import strip_adverbs as _strip_adverbs
from policykg.graph_builder.entities.initiative_lex import word_list as _list
from policykg.graph_builder.entities.initiative_lex import word_text as _text

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
    quoted = label.startswith("“")  # a quoted formula keeps its numbers (“六个龙江”, “21条”)
    label = label.strip("“”\"'《》 ")
    label = _strip_adverbs(label if quoted else _count().sub("", label))
    return label.replace("“", "").replace("”", "")


def kind_of(label: str) -> str | None:
    """The kind its head noun gives a name (the longest head it ends with), if any."""
    core, lex = label.rstrip("”"), _lex()
    return next((lex.kind_by_head[core[-n:]] for n in lex.head_lengths if core[-n:] in lex.kind_by_head), None)


def has_head(text: str) -> bool:
    """Whether ``text`` contains a head noun of an initiative's name (…保险, …工程, …改革).

    >>> has_head("城乡居民基本医疗保险人均财政补助"), has_head("经营主体数量")
    (True, False)
    """
    return _lex().head_pattern.search(text) is not None


def last_head(text: str) -> int | None:
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


def clean(label: str) -> str:
    label = _strip_adverbs(_count().sub("", label))
    attributive = _text("attributive")
    if attributive in label:
        label = label.rsplit(attributive, 1)[1]
    verb = next((v for v in _lex().second_verbs if label.startswith(v) and kind_of(label[len(v) :])), None)
    if verb and len(label) - len(verb) >= 3:
        label = _strip_adverbs(label[len(verb) :])  # 加快建设绿氢示范项目: the name starts after the second verb
    for tail in _lex().trim_tails:
        if label.endswith(tail) and len(label) > len(tail) + 2:
            label = label[: -len(tail)]
    return label


def category(label: str, after: str) -> bool:
    """A level word with a generic kind, counted after it or ranked (国家级创新平台10个, 省级重点工程项目)."""
    if _lex().size_class.search(label):
        return True  # 亿元以上项目: a class of projects by size
    level = next((w for w in _lex().level_words if label.startswith(w)), None)
    if level is None:
        return False
    return bool(_words().pattern("patterns.count_start").match(after)) or label[len(level) :].startswith(
        _list("rank_words")
    )


def label_ok(label: str) -> bool:
    """A label that can name one initiative: three characters or more, not a generic word, a class of
    initiatives (一系列政策, 285个…项目) or an open list of fields (…等重点领域改革)."""
    core = normalise_label(label)
    return (
        len(core) >= 3
        and core not in _lex().not_labels
        and bool(_CJK.search(core))
        and not label.strip("“”").startswith(_list("category_prefixes"))
        and not any(mark in label for mark in _list("open_label_marks"))
        and not _words().pattern("patterns.counted_category").match(core)
        and not _words().pattern("patterns.dated").match(core)
    )


def open_list(hit: Hit) -> bool:
    """A hit that reaches over an open list (甲、乙等项目): the list rule names its items instead."""
    return _text("open_list_mark") in hit.label and "、" in hit.label
