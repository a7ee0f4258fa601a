"""Initiative → outcome links: a figure the report presents as what an initiative achieved.

Reports put the action first and its result after it, in the same sentence (开展…活动,经营主体数量达到
430.4万户). A figure is linked to the initiatives named before it in its sentence; the evidence says
how close they are (same clause, same sentence, or joined by causal wording such as 带动, 推动). A
count written right after an initiative's name gives its size (40条政策措施, 专项20个), not its
outcome, and is left out; a figure earlier in the initiative's own clause is its result
(推出79个“X”产品).
"""

from __future__ import annotations

from graph_builder.model import Document, Initiative, Kind, Observation, OutcomeLink, Sentence
from graph_builder.text import clause_bounds

CAUSAL = ("带动", "推动", "促进", "拉动", "实现", "助力", "使", "惠及", "带来", "取得")
_NOT_BEFORE = ("Designation", "Event")  # 等3个县入选…: a count before an honour is its recipients
_SIZE_GAP = 2  # characters between a name and a figure that still make the figure its size


def _clause_of(bounds: list[tuple[int, int]], i: int) -> int:
    return next((n for n, (b, e) in enumerate(bounds) if b <= i < e), -1)


def _is_size(text: str, name_end: int, fig_begin: int) -> bool:
    """Figure right after the name (专项20个) or inside it (40条政策措施) gives the size."""
    return fig_begin < name_end or (0 <= fig_begin - name_end <= _SIZE_GAP
                                    and not any(c in text[name_end:fig_begin] for c in "，,；;。"))


def outcome_links(doc: Document, initiatives: tuple[Initiative, ...],
                  observations: tuple[Observation, ...]) -> tuple[OutcomeLink, ...]:
    """Links from initiatives to the figures that follow them in the same sentence."""
    by_sentence: dict[int, list[tuple[int, Observation]]] = {}
    for i, obs in enumerate(observations):
        by_sentence.setdefault(obs.sentence, []).append((i, obs))
    out: list[OutcomeLink] = []
    seen: set[tuple[str, int]] = set()
    for ini in initiatives:
        for span, index in zip(ini.spans, ini.sentences):
            sentence = doc.sentences[index]
            bounds = clause_bounds(sentence.text)
            name_begin = _local(sentence, span.begin)
            name_end = _local(sentence, span.end)
            for obs_index, obs in by_sentence.get(index, []):
                fig = _local(sentence, obs.figure.begin)
                same_clause = _clause_of(bounds, name_begin) == _clause_of(bounds, fig)
                if fig < name_begin and not (same_clause and ini.kind not in _NOT_BEFORE):
                    continue
                if name_begin <= fig < name_end or (fig >= name_end and obs.kind == Kind.COUNT
                                                    and _is_size(sentence.text, name_end, fig)):
                    continue
                if (ini.key, obs_index) in seen:
                    continue
                seen.add((ini.key, obs_index))
                between = sentence.text[name_end:fig]
                if same_clause:
                    kind = "SameClause"
                elif any(word in between for word in CAUSAL):
                    kind = "CausalWording"
                else:
                    kind = "SameSentence"
                out.append(OutcomeLink(ini.key, obs_index, kind, index))
    return tuple(out)


def _local(sentence: Sentence, offset: int) -> int:
    """Index in the sentence text of a source offset (inverse of ``Sentence.offset``)."""
    i = offset - sentence.begin
    while i > 0 and sentence.offset(i) > offset:
        i -= 1
    return i
