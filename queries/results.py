"""Query results as text: SPARQL 1.1 CSV/TSV/JSON/XML and an aligned terminal table."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from policykg.ontology.namespaces import PREFIXES
from policykg.queries.formats import result_format


def _cell(term: Node | None) -> str:
    if term is None:
        return ""
    return str(term)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(term: Node | None) -> str:
    """A term as SPARQL 1.1 TSV writes it: N-Triples syntax, so a tab or newline in a literal is
    escaped and never splits a row (rdflib's ``n3()`` writes such a literal in triple quotes)."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_TSV_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    if isinstance(term, (URIRef, BNode)):
        return term.n3()
    return str(term)


def _rows(result: Result) -> tuple[list[str], list[list[Node | None]]]:
    variables = list(result.vars or [])
    rows: list[list[Node | None]] = [[binding.get(v) for v in variables] for binding in result.bindings]
    return [str(v) for v in variables], rows


def to_csv(result: Result) -> str:
    """SPARQL 1.1 Query Results CSV: header of variable names, plain values, CRLF lines.

    The format has no boolean; an ASK answer is the one word ``true`` or ``false``, as Oxigraph writes it.
    """
    if result.type == "ASK":
        return ("true" if result.askAnswer else "false") + "\r\n"
    names, rows = _rows(result)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(t) for t in row])
    return buf.getvalue()


def to_tsv(result: Result) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` header, terms in Turtle/N-Triples syntax (ASK: ``true``
    or ``false``, see :func:`to_csv`)."""
    if result.type == "ASK":
        return ("true" if result.askAnswer else "false") + "\n"
    names, rows = _rows(result)
    lines = ["\t".join("?" + n for n in names)]
    lines.extend("\t".join(_tsv_term(t) for t in row) for row in rows)
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON (``ASK`` gives ``boolean``)."""
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
    names, rows = _rows(result)
    bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"


def to_xml(result: Result) -> str:
    """SPARQL Query Results XML."""
    data = result.serialize(format="xml")
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


_CHAR_WIDTH: dict[str, int] = {}


def _char_width(ch: str) -> int:
    w = _CHAR_WIDTH.get(ch)
    if w is None:
        w = _CHAR_WIDTH[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def _width(text: str) -> int:
    """Terminal columns: two for a wide (W/F) character, one otherwise."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if str(term).startswith(str(ns)):
                return f"{prefix}:{str(term)[len(str(ns)) :]}"
    return " ".join(str(term).split())


def to_table(result: Result, max_width: int = 48) -> str:
    """An aligned table for a terminal; Chinese characters count as two columns."""
    if result.type == "ASK":
        return ("yes" if result.askAnswer else "no") + "\n"
    names, rows = _rows(result)
    fitted = [[_fit(_short(t), max_width) for t in row] for row in rows]
    widths = [max([_width(n)] + [r[i][1] for r in fitted]) for i, n in enumerate(names)]

    def line(cells: list[tuple[str, int]]) -> str:
        return "  ".join(v + " " * (w - u) for (v, u), w in zip(cells, widths)).rstrip()

    out = [line([(n, _width(n)) for n in names]), line([("-" * w, w) for w in widths])]
    out.extend(line(r) for r in fitted)
    out.append(f"({len(fitted)} row{'s' if len(fitted) != 1 else ''})")
    return "\n".join(out) + "\n"


def _fit(text: str, limit: int) -> tuple[str, int]:
    """``text`` cut to ``limit`` columns (ending in an ellipsis when cut), and its width. Every
    character takes a column or two, so only the first ``limit`` characters are ever measured."""
    if text.isascii() and len(text) <= limit:
        return text, len(text)
    if len(text) <= limit:
        width = _width(text)
        if width <= limit:
            return text, width
    used = 0
    for i, ch in enumerate(text):
        w = _char_width(ch)
        if used + w > limit - 1:
            return text[:i] + "…", used + 1
        used += w
    return text, used


def format_result(result: Result, fmt: str) -> str:
    """Render a SELECT/ASK result, or a CONSTRUCT/DESCRIBE graph as Turtle."""
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        graph = result.graph if isinstance(result.graph, Graph) else Graph()
        return graph.serialize(format="turtle")
    return RENDERERS[result_format(fmt).name](result)


RENDERERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
"""A renderer per result format of :data:`policykg.queries.formats.RESULT_FORMATS`."""
