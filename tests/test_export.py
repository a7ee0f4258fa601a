"""Exports: every RDF format parses back (rdflib and pyoxigraph) to the built graph, byte-identical
across hash seeds; TriG/N-Quads keep one named graph per report; CSV opens in Excel with Chinese."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from policykg.exports import ExportError, serialize_graph, write_atomic
from policykg.exports.rdf import load_dataset, serialize_dataset

RDFLIB = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "xml": "xml"}


def _ox_term(term: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def oxigraph_graph(text: str, fmt: str) -> Graph:
    """Parse with pyoxigraph (an independent parser) and hand the triples to rdflib for comparison."""
    import pyoxigraph as ox

    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "nt": ox.RdfFormat.N_TRIPLES,
        "nq": ox.RdfFormat.N_QUADS,
        "jsonld": ox.RdfFormat.JSON_LD,
        "xml": ox.RdfFormat.RDF_XML,
    }
    g = Graph()
    for q in ox.parse(text.encode("utf-8"), format=formats[fmt]):
        g.add((_ox_term(q.subject), _ox_term(q.predicate), _ox_term(q.object)))
    return g


def parse_quads(text: str, fmt: str) -> Dataset:
    """rdflib's TriG/N-Quads parsers still build a ConjunctiveGraph inside and warn about it."""
    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=text, format=fmt)
    return ds


def rdflib_graph(text: str, fmt: str) -> Graph:
    ds = parse_quads(text, RDFLIB[fmt])
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("fmt", list(RDFLIB))
def test_every_format_parses_back_isomorphic(seed_graph: Graph, fmt: str) -> None:
    text = serialize_graph(seed_graph, fmt)
    assert isomorphic(rdflib_graph(text, fmt), seed_graph)
    assert isomorphic(oxigraph_graph(text, fmt), seed_graph)


def test_jsonld_has_a_compact_context_and_sorted_graph(seed_graph: Graph) -> None:
    data = json.loads(serialize_graph(seed_graph, "jsonld"))
    assert data["@context"]["pkg"] == "https://w3id.org/policykg/ontology#"
    ids = [n["@id"] for n in data["@graph"]]
    assert ids == sorted(ids) and any(i.startswith(("pkgid:", "https://w3id.org/")) for i in ids)


def test_nt_lines_are_sorted_and_turtle_uses_project_prefixes(seed_graph: Graph) -> None:
    lines = serialize_graph(seed_graph, "nt").splitlines()
    assert lines == sorted(lines) and len(lines) == len(seed_graph)
    assert "@prefix pkg: <https://w3id.org/policykg/ontology#> ." in serialize_graph(seed_graph, "turtle")


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of two small reports of our own, built as ``policykg build`` writes it (.ttl and .trig)."""
    from policykg.cli import main

    folder = tmp_path_factory.mktemp("corpus")
    county = folder / "county.txt"
    county.write_text(
        "某县2023年政府工作报告\n一、2022年工作回顾\n全县地区生产总值达到120亿元，增长6.5%。\n"
        "粮食产量达到35.2万吨。\n二、2023年工作安排\n地区生产总值增长7%左右。\n",
        encoding="utf-8",
    )
    city = folder / "city.txt"
    city.write_text(
        "某市2024年政府工作报告\n一、2023年工作回顾\n全市地区生产总值突破3000亿元，增长5.2%，"
        "增速居全省第2位。\n城镇新增就业4.6万人。\n",
        encoding="utf-8",
    )
    # the texts name no real place; --place supplies it, else their graphs fail the shapes (exit 1)
    args = ["build", str(county), str(city), "--place", "山西省", "-o", str(folder / "out")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return folder / "out"


def test_trig_and_nquads_keep_one_graph_per_report(two_reports: Path, tmp_path: Path) -> None:
    source = load_dataset(two_reports / "graph.trig")
    names = sorted(str(g.identifier) for g in source.graphs() if len(g))
    assert len(names) == 2 and all(n.endswith("/graph") for n in names)
    for fmt, parser in (("trig", "trig"), ("nq", "nquads")):
        back = parse_quads(serialize_dataset(source, fmt), parser)
        for name in names:
            assert isomorphic(back.graph(URIRef(name)), source.graph(URIRef(name))), (fmt, name)


EXPORT_ALL = """
import sys
from policykg.cli import main
graph, out = sys.argv[1], sys.argv[2]
suffix = {"turtle": "ttl", "trig": "trig", "nt": "nt", "nq": "nq", "jsonld": "jsonld", "xml": "rdf", "csv": ""}
for fmt, ext in suffix.items():
    target = out + "/" + (fmt if fmt == "csv" else "g." + ext)
    main(["export", "--graph", graph, "-f", fmt, "-o", target], standalone_mode=False)
"""


def test_exports_are_byte_identical_across_hash_seeds(two_reports: Path, tmp_path: Path) -> None:
    """The policykg CLI run in two interpreters with different hash seeds writes the same bytes."""
    outputs: dict[str, list[bytes]] = {}
    for seed in ("1", "4242"):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-c", EXPORT_ALL, str(two_reports / "graph.ttl"), str(out)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            timeout=120,
        )
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            outputs.setdefault(str(path.relative_to(out)), []).append(path.read_bytes())
    assert len(outputs) == len(RDFLIB) + 3
    different = [name for name, (a, b) in outputs.items() if a != b]
    assert different == []
    trig = outputs["g.trig"][0].decode("utf-8")
    assert trig.count("/graph> {") == 2


def test_csv_tables_open_in_excel_with_chinese(seed_graph: Graph, tmp_path: Path) -> None:
    from policykg.exports.tables import write_tables

    write_tables(seed_graph, tmp_path)
    raw = (tmp_path / "observations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and "地区生产总值" in {r["indicator"] for r in rows}
    assert list(rows[0])[:4] == ["observation", "indicator", "value", "unit"]
    places = list(csv.DictReader(io.StringIO((tmp_path / "places.csv").read_text(encoding="utf-8-sig"))))
    assert any(p["label"] == "山西省" and p["code"] == "140000" for p in places)
    assert (tmp_path / "initiatives.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_initiatives_from_a_graph_that_has_them(tmp_path: Path) -> None:
    from policykg.exports.tables import write_tables

    graph = Graph().parse(Path(__file__).parent / "data" / "view_small.ttl", format="turtle")
    write_tables(graph, tmp_path)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "initiatives.csv").read_text(encoding="utf-8-sig"))))
    coal = next(r for r in rows if r["label"] == "煤电机组改造工程")
    assert (coal["type"], coal["sectors"], coal["places"], coal["implementedBy"]) == (
        "Project",
        "能源",
        "太原市",
        "发展改革委",
    )


def test_export_help_mentions_the_bom() -> None:
    from policykg.cli import main

    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0 and "byte-order mark" in result.output and "csv" in result.output


def test_atomic_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "g.ttl"
    write_atomic(target, "old")
    with pytest.raises(ExportError):
        write_atomic(tmp_path, "x")
    write_atomic(target, "新")
    assert target.read_text(encoding="utf-8") == "新"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]
