"""Query results as text: SPARQL 1.1 CSV/TSV/JSON/XML and an aligned terminal table."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from policykg.ontology.namespaces import PREFIXES
from policykg.queries.formats import result_format
from policykg.queries.table import Cell, Table

if TYPE_CHECKING:
    from rdflib.query import Result


def _cell(cell: Cell | None) -> str:
    return "" if cell is None else cell.value


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(cell: Cell | None) -> str:
    """A term as SPARQL 1.1 TSV writes it: N-Triples syntax, so a tab or newline in a literal is
    escaped and never splits a row."""
    if cell is None:
        return ""
    if cell.kind == "literal":
        text = '"' + cell.value.translate(_TSV_ESCAPES) + '"'
        if cell.lang:
            return f"{text}@{cell.lang}"
        return f"{text}^^<{cell.datatype}>" if cell.datatype else text
    if cell.kind == "uri":
        return f"<{cell.value}>"
    return f"_:{cell.value}"


def to_csv(table: Table) -> str:
    """SPARQL 1.1 Query Results CSV: header of variable names, plain values, CRLF lines.

    The format has no boolean; an ASK answer is the one word ``true`` or ``false``, as Oxigraph writes it.
    """
    if table.ask is not None:
        return ("true" if table.ask else "false") + "\r\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(table.vars)
    writer.writerows([_cell(c) for c in row] for row in table.rows)
    return buf.getvalue()


def to_tsv(table: Table) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` header, terms in Turtle/N-Triples syntax (ASK: ``true``
    or ``false``, see :func:`to_csv`)."""
    if table.ask is not None:
        return ("true" if table.ask else "false") + "\n"
    lines = ["\t".join("?" + n for n in table.vars)]
    lines.extend("\t".join(_tsv_term(c) for c in row) for row in table.rows)
    return "\n".join(lines) + "\n"


def _json_term(cell: Cell) -> dict[str, str]:
    if cell.kind != "literal":
        return {"type": cell.kind, "value": cell.value}
    out = {"type": "literal", "value": cell.value}
    if cell.lang:
        out["xml:lang"] = cell.lang
    elif cell.datatype:
        out["datatype"] = cell.datatype
    return out


def to_json(table: Table) -> str:
    """SPARQL 1.1 Query Results JSON (``ASK`` gives ``boolean``)."""
    if table.ask is not None:
        return json.dumps({"head": {}, "boolean": table.ask}) + "\n"
    names = table.vars
    bindings = [{n: _json_term(c) for n, c in zip(names, row) if c is not None} for row in table.rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"


def _xml_term(cell: Cell) -> str:
    if cell.kind != "literal":
        return f"<{cell.kind}>{escape(cell.value)}</{cell.kind}>"
    if cell.lang:
        return f"<literal xml:lang={quoteattr(cell.lang)}>{escape(cell.value)}</literal>"
    if cell.datatype:
        return f"<literal datatype={quoteattr(cell.datatype)}>{escape(cell.value)}</literal>"
    return f"<literal>{escape(cell.value)}</literal>"


def to_xml(table: Table) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>" + "".join(f"<variable name={quoteattr(n)}/>" for n in table.vars) + "</head>")
    if table.ask is not None:
        out.append(f"<boolean>{'true' if table.ask else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in table.rows:
            cells = (
                f"<binding name={quoteattr(n)}>{_xml_term(c)}</binding>"
                for n, c in zip(table.vars, row)
                if c is not None
            )
            out.append("<result>" + "".join(cells) + "</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


_CHAR_WIDTH: dict[str, int] = {}


def _char_width(ch: str) -> int:
    w = _CHAR_WIDTH.get(ch)
    if w is None:
        w = _CHAR_WIDTH[ch] = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def _width(text: str) -> int:
    """Terminal columns: two for a wide (W/F) character, one otherwise."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


def _short(cell: Cell | None) -> str:
    if cell is None:
        return ""
    if cell.kind == "uri":
        for prefix, ns in PREFIXES.items():
            if cell.value.startswith(str(ns)):
                return f"{prefix}:{cell.value[len(str(ns)) :]}"
    return " ".join(cell.value.split())


def to_table(table: Table, max_width: int = 48) -> str:
    """An aligned table for a terminal; Chinese characters count as two columns."""
    if table.ask is not None:
        return ("yes" if table.ask else "no") + "\n"
    names = table.vars
    fitted = [[_fit(_short(t), max_width) for t in row] for row in table.rows]
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


def format_result(result: Table | Result, fmt: str) -> str:
    """Render a SELECT/ASK table, or a CONSTRUCT/DESCRIBE graph as Turtle."""
    if not isinstance(result, Table):
        from rdflib import Graph

        graph = result.graph if isinstance(result.graph, Graph) else Graph()
        return graph.serialize(format="turtle")
    return RENDERERS[result_format(fmt).name](result)


RENDERERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}
"""A renderer per result format of :data:`policykg.queries.formats.RESULT_FORMATS`."""
