"""No rule pattern with nested unbounded repetition, the shape that backtracks exponentially.

A pattern such as ``(?:\\s*x\\s*)+$`` or ``(?:>\\S+)*`` can split one run of text among its repetitions
in exponentially many ways, and tries them all when the line fails at its end: one crafted line of a
report would hang the builder. Every pattern of every lexicon and every regex literal of the code is
parsed, and a repetition inside another unbounded repetition fails this test unless it sits in an atomic
group or a possessive repetition (one reading only) or is listed below with the reason it is linear.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from policykg.graph_builder.lexicons import lexicon

try:  # Python 3.11 names
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "graph_builder" / "lexicons"
CODE = [ROOT / name for name in ("graph_builder", "ontology", "queries", "exports", "policykg")]

REVIEWED = {
    "observations:patterns.session_tail": "each repetition ends with a counter (中, 次, 届) that the run of "
    "numerals before it cannot match, so a text splits into repetitions one way only",
    "queries/oxigraph.py:\\bORDER": "each sort key starts with whitespace then ? or ASC/DESC, which the "
    "\\w+ before it cannot match",
}
REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


def nested_repeat(tree: Any, inside: bool = False) -> bool:
    """Whether a parsed pattern holds an unbounded repetition inside another one (atomic groups and
    possessive repetitions excepted: they cannot backtrack into other readings)."""
    for op, arg in tree:
        if op in REPEATS:
            _low, high, sub = arg
            unbounded = high == sre_constants.MAXREPEAT
            if (unbounded and inside) or nested_repeat(sub, inside or unbounded):
                return True
        elif op == sre_constants.SUBPATTERN and nested_repeat(arg[-1], inside):
            return True
        elif op == sre_constants.BRANCH and any(nested_repeat(b, inside) for b in arg[1]):
            return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and nested_repeat(arg[1], inside):
            return True
    return False


def _pattern_keys(table: dict[str, Any], prefix: str = "patterns.") -> Iterator[str]:
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _pattern_keys(value, f"{prefix}{key}.")
        elif isinstance(value, str):
            yield prefix + key


def lexicon_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for path in sorted(LEXICONS.glob("*.toml")):
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("patterns", {})
        out.extend((f"{path.stem}:{key}", lexicon(path.stem).pattern(key)) for key in _pattern_keys(table))
    return out


def code_patterns() -> list[tuple[str, str]]:
    """Regex literals passed to ``re.compile``/``search``/``match``/… in the code."""
    calls = {"compile", "search", "match", "fullmatch", "sub", "subn", "finditer", "findall", "split"}
    out = []
    for folder in CODE:
        for path in sorted(folder.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in calls
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "re"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    out.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.args[0].value))
    return out


def test_the_check_finds_the_exponential_shapes() -> None:
    for bad in (r"^(?:\s*x\s*)+$", r"(?:>\S+)*$", r"(a+)+b", r"(?:a|ab)*(?:c+)+"):
        assert nested_repeat(sre_parse.parse(bad)), bad
    for fine in (r"^(?>\s*x\s*)+$", r"(?:>\S++)*$", r"a+b+", r"(?:ab){2,5}", r"[0-9]+(?:\.[0-9]+)?"):
        assert not nested_repeat(sre_parse.parse(fine)), fine


def test_lexicon_patterns_have_no_nested_unbounded_repetition() -> None:
    patterns = lexicon_patterns()
    assert len(patterns) > 100
    bad = [name for name, p in patterns if nested_repeat(sre_parse.parse(p.pattern, p.flags))]
    assert sorted(set(bad) - set(REVIEWED)) == []


def test_code_regexes_have_no_nested_unbounded_repetition() -> None:
    found = code_patterns()
    assert len(found) > 20
    bad = [(where, text) for where, text in found if nested_repeat(sre_parse.parse(text))]
    reviewed = [k.split(":", 1) for k in REVIEWED if k.endswith(".py", 0, k.find(":"))]
    left = [w for w, text in bad if not any(w.startswith(f + ":") and text.startswith(t) for f, t in reviewed)]
    assert left == []
