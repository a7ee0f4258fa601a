"""Initiative → outcome links: a figure the report presents as what an initiative achieved.

Reports put the action first and its result after it (开展…活动,经营主体数量达到430.4万户). Linking every
figure to every initiative named earlier in its sentence gives many false links, so a figure is
linked only where the wording says so, clause by clause:

* to the initiatives of its own clause (SameClause) — 推出79个“X”产品, …项目完成投资N亿元;
* otherwise to the initiatives of the closest earlier clause that names any (SameSentence, or
  CausalWording when 带动, 推动, 实现 … come between), provided nothing in between opens another
  action (申报…, 开工…) and that clause has no result figure of its own — else that figure is its
  result and later ones belong to the later wording; causal wording overrides the last condition;
* never a package's own size (40条政策措施, 专项20个, 等15家…示范区), never a background figure
  (连续两年, 在…基础上);
* an initiative whose clause already reports it as done (完成…改造, …工作实现全覆盖) explains later
  figures only with causal wording.

All vocabulary is in ``lexicons/relations.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from policykg.graph_builder.entities.initiative_names import has_head
from policykg.graph_builder.entities.word_index import clauses
from policykg.graph_builder.lexicons import cached, lexicon
from policykg.graph_builder.model import Document, Initiative, Kind, Observation, OutcomeLink, Sentence

_NOT_BEFORE = ("Designation", "Event")  # 等3个县入选…: a count before an honour is its recipients
_SIZE_GAP = 2  # characters between a name and a figure that still make the figure its size
_PUNCT = "，,；;。：:"
_HAN = re.compile(r"[\u4e00-\u9fff]+")  # Chinese characters: a quoted name going on with a noun


@dataclass(frozen=True)
class _Lex:
    causal: tuple[str, ...]
    not_causal: tuple[str, ...]
    actions: tuple[str, ...]
    window: int
    context_before: tuple[str, ...]
    context_after: tuple[str, ...]
    max_back: int
    done_before: tuple[str, ...]
    done_after: tuple[str, ...]
    classifiers: str
    period_after: tuple[str, ...]
    size_before: tuple[str, ...]
    task_verbs: tuple[str, ...]
    context_opening: tuple[str, ...]
    done_skip: str
    planned: re.Pattern[str]
    scope: re.Pattern[str]


@cached
def _lex() -> _Lex:
    lex = lexicon("relations")
    raw: dict[str, Any] = lex.data
    return _Lex(
        tuple(raw["causal"]),
        tuple(raw["not_causal"]),
        tuple(raw["separate_actions"]),
        int(raw["action_window"]),
        tuple(raw["context_before"]),
        tuple(raw["context_after"]),
        int(raw["max_clauses_back"]),
        tuple(raw["done_before"]),
        tuple(raw["done_after"]),
        str(raw["classifiers"]),
        tuple(raw["period_after"]),
        tuple(raw["size_before"]),
        tuple(raw["task_verbs"]),
        context_opening=lex.words("context_opening"),
        done_skip=lex.chars("done_skip"),
        planned=lex.pattern("patterns.planned"),
        scope=lex.pattern("patterns.scope"),
    )


@dataclass(frozen=True)
class _Mention:
    key: str
    kind: str
    begin: int  # index in the sentence text
    end: int
    clause: int
    quoted: bool
    done: bool  # its clause reports it completed, so a count after it is what was done


@dataclass(frozen=True)
class _Fig:
    index: int  # into Extraction.observations
    count: bool
    money: bool
    begin: int
    end: int
    clause: int


def outcome_links(
    doc: Document, initiatives: tuple[Initiative, ...], observations: tuple[Observation, ...]
) -> tuple[OutcomeLink, ...]:
    """Links from initiatives to the figures their sentences present as their results."""
    by_sentence: dict[int, list[tuple[int, Observation]]] = {}
    for i, obs in enumerate(observations):
        by_sentence.setdefault(obs.sentence, []).append((i, obs))
    named: dict[int, list[tuple[Initiative, int, int]]] = {}
    for ini in initiatives:
        for span, index in zip(ini.spans, ini.sentences):
            named.setdefault(index, []).append((ini, span.begin, span.end))
    out: list[OutcomeLink] = []
    seen: set[tuple[str, int]] = set()
    for index in sorted(set(by_sentence) & set(named)):
        sentence = doc.sentences[index]
        for key, obs_index, evidence in sentence_links(sentence, named[index], by_sentence[index]):
            if (key, obs_index) not in seen:
                seen.add((key, obs_index))
                out.append(OutcomeLink(key, obs_index, evidence, index))
    return tuple(out)


def sentence_links(
    sentence: Sentence, named: list[tuple[Initiative, int, int]], figures: list[tuple[int, Observation]]
) -> list[tuple[str, int, str]]:
    """(initiative key, observation index, evidence kind) for one sentence."""
    text, bounds = sentence.text, list(clauses(sentence.text))
    mentions = [_mention(sentence, bounds, ini, b, e) for ini, b, e in named]
    figs = [_fig(sentence, bounds, i, obs) for i, obs in figures]
    results = [f for f in figs if not _is_context(text, bounds, f) and not any(_is_size(text, m, f) for m in mentions)]
    out: list[tuple[str, int, str]] = []
    for fig in results:
        own = [m for m in mentions if m.clause == fig.clause]
        if own:
            out += [(m.key, fig.index, "SameClause") for m in own if _may_precede(m, fig)]
            continue
        earlier, evidence = _earlier(text, bounds, fig, mentions, results)
        if evidence == "SameSentence" and _parallel_task(text, bounds, fig, earlier, figs):
            continue
        out += [(m.key, fig.index, evidence) for m in earlier]
    return out


def _mention(sentence: Sentence, bounds: list[tuple[int, int]], ini: Initiative, begin: int, end: int) -> _Mention:
    b, e = _local(sentence, begin), _local(sentence, end)
    c = _clause_of(bounds, b)
    done = c >= 0 and _done(sentence.text, bounds[c], b, e)
    return _Mention(ini.key, ini.kind, b, e, c, sentence.text[b : b + 1] == "“", done)


def _fig(sentence: Sentence, bounds: list[tuple[int, int]], index: int, obs: Observation) -> _Fig:
    b, e = _local(sentence, obs.figure.begin), _local(sentence, obs.figure.end)
    counted = obs.kind == Kind.COUNT or obs.figure.text[-1:] in _lex().classifiers
    return _Fig(index, counted, obs.base_unit == "CNY", b, e, _clause_of(bounds, b))


def _clause_of(bounds: list[tuple[int, int]], i: int) -> int:
    return next((n for n, (b, e) in enumerate(bounds) if b <= i < e), -1)


def _is_size(text: str, m: _Mention, f: _Fig) -> bool:
    """A count inside a name, right after it (专项20个) or right before it (12件民生实事) is its size;
    so is a sum of money right after it (发行…债券603亿元, 减税降费超过400亿元).

    A count before a quoted name that goes on with a noun counts that noun, not the name
    (79个“X”产品和服务), and a count before a mechanism counts what it covers (100项事项跨市通办),
    so both stay results.
    """
    after = 0 <= f.begin - m.end <= _SIZE_GAP and not any(c in text[m.end : f.begin] for c in _PUNCT)
    if f.money and after:
        return True
    if not f.count:
        return False
    if m.begin <= f.begin < m.end:
        return True
    if m.done and after:
        return False  # 完成老旧小区改造32个: the count is what was done
    before = 0 <= m.begin - f.end <= _SIZE_GAP and not any(c in text[f.end : m.begin] for c in _PUNCT)
    if before and (m.kind == "Mechanism" or (m.quoted and _HAN.fullmatch(text[m.end : m.end + 1]))):
        before = False
    return after or before


def _is_context(text: str, bounds: list[tuple[int, int]], f: _Fig) -> bool:
    """Streak lengths (连续两年), bases (在…的基础上), numerals naming a set of levels or places
    (省市县乡四级, 中部五市), total investments and breakdowns (总投资…, 其中…) are background, scope
    or size, not results."""
    lex = _lex()
    if any(text[: f.begin].endswith(w) for w in lex.context_before):
        return True
    if any(text.startswith(w, f.end) for w in lex.period_after):
        return True  # 五年累计…, 三年来: a span of time, not a result
    if lex.scope.match(text[f.begin : f.end]):
        return True
    start, end = bounds[f.clause] if f.clause >= 0 else (0, len(text))
    lead = text[start : f.begin]
    if lead.startswith(lex.size_before) or lead.endswith(lex.size_before):
        return True  # …项目150个，总投资420亿元: the size of what was just named, not its result
    return any(w in lead for w in lex.context_opening) and any(w in text[f.end : end] for w in lex.context_after)


def _may_precede(m: _Mention, f: _Fig) -> bool:
    """A figure before a name in its clause is its result (推出79个“X”) unless the name is an
    honour or event, whose preceding count is its recipients (等3个县入选…)."""
    if m.begin <= f.begin < m.end:
        return False
    return f.begin > m.begin or m.kind not in _NOT_BEFORE


def _earlier(
    text: str, bounds: list[tuple[int, int]], fig: _Fig, mentions: list[_Mention], results: list[_Fig]
) -> tuple[list[_Mention], str]:
    """Initiatives of the closest earlier clause that the wording lets explain ``fig``."""
    lex = _lex()
    start = bounds[fig.clause][0] if fig.clause >= 0 else 0
    causal = _causal(text[start : fig.begin])
    if not causal and (_opens_action(text[start : fig.end]) or _named_subject(text[start : fig.begin])):
        return [], ""  # another action, or a named subject of its own (…保险人均补助增加到N元)
    for c in range(fig.clause - 1, max(-1, fig.clause - 1 - lex.max_back), -1):
        clause = [m for m in mentions if m.clause == c]
        if clause:
            if not causal and (any(r.clause == c for r in results) or all(m.done for m in clause)):
                return [], ""
            return clause, "CausalWording" if causal else "SameSentence"
        b, e = bounds[c]
        if _opens_action(text[b:e]):
            return [], ""
        causal = causal or _causal(text[b:e])
    return [], ""


def _parallel_task(
    text: str, bounds: list[tuple[int, int]], fig: _Fig, earlier: list[_Mention], figs: list[_Fig]
) -> bool:
    """A task clause after a package of counted size lists one more task, not the package's result
    (实施城市更新项目28个，改造老旧小区30个); after an unsized action it says what the action did
    (实施城市更新行动，改造老旧小区176个)."""
    start = bounds[fig.clause][0] if fig.clause >= 0 else 0
    if not text[start : fig.begin].startswith(_lex().task_verbs):
        return False
    return any(_is_size(text, m, f) for m in earlier for f in figs if f.clause == m.clause)


def _named_subject(before: str) -> bool:
    """The clause opens with a name of its own (…医疗保险人均补助增加到N元): a head noun after the
    first two characters with more words before the figure (not 新签约…项目N个, 改造…N个)."""
    before = _lex().planned.sub("", before)  # 计划完成投资: a planned amount, not a plan's name
    return any(
        has_head(before[:i]) and len(before) - i >= 2
        for i in range(3, len(before) - 1)
        if not has_head(before[: i - 1])
    )


def _causal(text: str) -> bool:
    """Causal wording in ``text``, not counting words that merely contain it (使用, 大使)."""
    lex = _lex()
    for word in lex.causal:
        at = text.find(word)
        while at >= 0:
            if not any(
                text.startswith(n, at - n.find(word)) for n in lex.not_causal if word in n and at >= n.find(word)
            ):
                return True
            at = text.find(word, at + 1)
    return False


def _opens_action(clause: str) -> bool:
    """The clause starts (after a few adverbs) with a verb of another government action."""
    lex = _lex()
    head = clause[: lex.window + 3]
    return any(0 <= head.find(v) <= lex.window for v in lex.actions)


def _done(text: str, bounds: tuple[int, int], begin: int, end: int) -> bool:
    """The clause reports the initiative as completed (完成…改造, …工作实现…, …高铁常德段建成通车)."""
    lex = _lex()
    before, after = text[bounds[0] : begin], text[end : bounds[1]]
    return any(before.endswith(w) for w in lex.done_before) or any(
        re.match(r"[^，,；;。：:]{0,4}?" + w, after.lstrip(lex.done_skip)) for w in lex.done_after
    )


def _local(sentence: Sentence, offset: int) -> int:
    """Index in the sentence text of a source offset (inverse of ``Sentence.offset``)."""
    i = offset - sentence.begin
    while i > 0 and sentence.offset(i) > offset:
        i -= 1
    return i
