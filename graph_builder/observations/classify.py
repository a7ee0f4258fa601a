"""The kind of a figure from the words just before it: level, count, change, growth rate, share, rank.

A pure function of the left context and the figure's unit family; the verbs are lexicon lists
(``lexicons/observations.toml``): 达到/为 mark a level, 新增/建成 N 个 a count, 增产/净增/比上年增加 N a change,
增长/下降 N% a growth rate, N 个百分点 a change, 占比/…率 a share, 第N位/首位 a rank.
"""

from __future__ import annotations

from policykg.graph_builder.model import Kind
from policykg.graph_builder.observations.figures import Figure
from policykg.graph_builder.observations.names import (
    ends_with,
    starts_with,
    strip_comparison,
    strip_prefixes,
    strip_trailing,
)
from policykg.graph_builder.observations.phrasing import pattern, word, words

COUNTED = {"count", "people", "households"}
"""Unit families counted in discrete things: 新增 with them is a count, not a change."""


def classify(left: str, fig: Figure) -> tuple[Kind, str | None, str]:
    """Kind, the verb that decided it, and the left context with that verb removed.

    >>> from policykg.graph_builder.observations.figures import find_figures
    >>> [classify(left, find_figures(f)[0])[0].value for left, f in [
    ...     ("粮食产量增产", "3.6亿斤"), ("新增", "620家"), ("占比达到", "30%"), ("增长", "5%"), ("居全国第", "第3位")]]
    ['change', 'count', 'share', 'growth_rate', 'rank']
    """
    family = fig.unit.family
    if fig.ordinal or (
        fig.unit_text == word("rank_unit") and ends_with(pattern("rank_scope").sub("", left), "rank_verbs")
    ):
        scope = pattern("rank_scope").sub("", left)
        verb = ends_with(scope, "rank_verbs")
        return Kind.RANK, verb, scope[: len(scope) - len(verb)] if verb else scope
    if fig.unit_text == word("doubling_unit"):
        return Kind.GROWTH_RATE, word("doubling_verb"), left.removesuffix(word("doubling_verb"))
    if family in {"percent", "multiple"}:
        return _classify_relative(left, fig)
    if family == "ratio":  # 之比为1.68∶1
        level_verb = ends_with(left, "level_verbs")
        return Kind.SHARE, level_verb, cut(left, level_verb)
    level_verb = ends_with(left, "level_verbs")
    core = strip_prefixes(left)
    if starts_with(core, "level_terms"):
        return Kind.LEVEL, level_verb, cut(left, level_verb)
    head = starts_with(core, "change_verbs")
    if head == word("net_increase") or (
        head and family not in COUNTED and (core == head or not level_verb) and not left.endswith(words("to_words"))
    ):
        return Kind.CHANGE, head, left
    compared = strip_comparison(left)
    tail = ends_with(compared, "change_verbs") if not level_verb else None
    if tail and len(compared) > len(tail):
        if family in COUNTED and tail == word("newly_added"):
            return Kind.COUNT, tail, compared
        return Kind.CHANGE, tail, strip_comparison(compared[: -len(tail)])
    counted = starts_with(core, "count_verbs") or starts_with(core.removeprefix(word("new")), "count_verbs")
    if family in COUNTED and not level_verb and (counted or word("newly_added") in core):  # 新入选, 新培育 N 个
        return Kind.COUNT, starts_with(core, "count_verbs"), left
    return Kind.LEVEL, level_verb, cut(left, level_verb)


def _classify_relative(left: str, fig: Figure) -> tuple[Kind, str | None, str]:
    """Percent and 倍 figures: a growth rate after 增长/下降, a change in 个百分点, else a share."""
    point = fig.unit.base == "percentage_point"
    left = left[: len(left) - len(ends_with(left, "approx_before") or "")]  # 较2020年提高约14个百分点
    verb = ends_with(strip_comparison(left), "growth_verbs")
    if verb:
        stripped = strip_comparison(strip_comparison(left)[: -len(verb)])
        return (Kind.CHANGE if point else Kind.GROWTH_RATE), verb, stripped
    if point:
        return Kind.CHANGE, None, left
    level_verb = ends_with(left, "level_verbs")
    rest = cut(left, level_verb)
    named = strip_trailing(rest)  # 对工业增长贡献超: the name without its approximation
    if (pattern("growth_word").search(rest) and not named.endswith(words("contribution_words"))) or (
        fig.unit.family == "multiple"
    ):
        return Kind.GROWTH_RATE, level_verb, rest
    return Kind.SHARE, level_verb, rest


def cut(left: str, verb: str | None) -> str:
    """``left`` without the verb at its end."""
    return left[: len(left) - len(verb)] if verb else left
