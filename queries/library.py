"""Discovery of the named queries shipped as ``queries/*.rq`` and parsing of their ``#+`` headers."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from policykg.queries.errors import QueryError

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)(?:\s*,\s*default:\s*(?P<default>[^)]*))?\)\s*(?P<doc>.*)$"
)
PARAM_TYPES = {"string", "iri", "integer", "decimal", "year", "langstring"}


@dataclass(frozen=True)
class Param:
    """A query parameter: bound to the SPARQL variable ``?<name>`` when given."""

    name: str
    type: str
    default: str | None
    doc: str
    required: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """One query of the library."""

    name: str
    summary_en: str
    summary_zh: str
    params: tuple[Param, ...]
    text: str


def parse_header(name: str, text: str) -> NamedQuery:
    """Read the ``#+`` header of a query file.

    >>> q = parse_header("x", "#+ summary_en: All\\n#+ summary_zh: 全部\\n#+ param: place (string) a place\\nSELECT * {}")
    >>> q.summary_zh, q.params[0].name, q.params[0].default
    ('全部', 'place', None)
    """
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        key, _, value = line[2:].strip().partition(":")
        key, value = key.strip(), value.strip()
        if key == "param":
            m = _PARAM.match(value)
            if not m or m.group("type") not in PARAM_TYPES:
                raise QueryError(f"query {name}: bad #+ param line: {value!r}")
            raw = m.group("default")
            default = None if raw is None or raw.strip().startswith(("none", "all")) else raw.strip()
            params.append(Param(m.group("name"), m.group("type"), default, m.group("doc").strip(), raw is None))
        else:
            fields[key] = value
    return NamedQuery(name, fields.get("summary_en", ""), fields.get("summary_zh", ""), tuple(params), text)


@lru_cache(maxsize=1)
def _library() -> dict[str, NamedQuery]:
    out = {}
    for entry in sorted(files("policykg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_header(name, entry.read_text(encoding="utf-8"))
    return out


def list_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return list(_library().values())


def get_query(name: str) -> NamedQuery:
    """A named query; an unknown name raises :class:`QueryError` with the closest names."""
    lib = _library()
    if name in lib:
        return lib[name]
    close = difflib.get_close_matches(name, list(lib), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; run `policykg queries` for the list"
    raise QueryError(f"unknown query {name!r}{hint}")
