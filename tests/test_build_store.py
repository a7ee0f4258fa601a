"""A build writes graph.ttl, graph.trig and an Oxigraph store together, the same bytes whatever ``-j``;
the commands read the store when it is fresh; a report that fails its shapes fails the build."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import policykg
from policykg.cli import main
from policykg.exports import ExportError, serialize_dataset, serialize_graph
from policykg.queries.oxigraph import store_beside
from policykg.queries.stores import MemoryStore, OxigraphStore, open_store

DATA = Path(__file__).parent / "data"
CITY = "2024年太原市政府工作报告\n一、2023年工作回顾\n全市地区生产总值达到5573亿元，增长5.4%。\n城镇新增就业6.2万人。\n"
COUNTY = "2023年清徐县政府工作报告\n一、2022年工作回顾\n全县粮食产量达到35.2万吨，增长3%。\n"
NO_PLACE = "2024年政府工作报告\n一、2023年工作回顾\n地区生产总值增长5.2%。\n"


@pytest.fixture()
def reports(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in (("city.txt", CITY), ("county.txt", COUNTY)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_builder_lines_are_canonical_ntriples(seed_build: Any) -> None:
    """The writer's own N-Triples are the text pyoxigraph writes for the same triples, sorted."""
    (report,) = seed_build.graphs
    lines = report.ntriples()
    again = ox.serialize(ox.parse(lines, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    assert lines == again and lines.splitlines() == sorted(set(lines.splitlines()))


def test_trig_blocks_are_what_pyoxigraph_writes(seed_build: Any) -> None:
    """graph.trig's blocks are made from Turtle blocks (written once per report); they are the bytes
    pyoxigraph's TriG writer gives for the same quads."""
    from policykg.ontology import rdftext

    (report,) = seed_build.graphs
    quads = ox.parse(rdftext.to_nquads(report.ntriples(), report.graph), format=ox.RdfFormat.N_QUADS)
    written = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=rdftext.TEXT_PREFIXES) or b""
    assert written.endswith(report.trig) and written[: -len(report.trig)].count(b"\n") == len(rdftext.TEXT_PREFIXES)


def test_files_and_store_are_the_same_whatever_jobs(reports: list[Path], tmp_path: Path) -> None:
    one = policykg.build(reports, out=tmp_path / "one", jobs=1)
    two = policykg.build(reports, out=tmp_path / "two", jobs=2)
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert one.counts == two.counts and one.validation is not None and one.validation.conforms
    ttl = (tmp_path / "one" / "graph.ttl").read_bytes()
    assert ttl == serialize_graph(one.graph, "turtle").encode("utf-8")  # one writer, written in blocks
    assert (tmp_path / "one" / "graph.trig").read_bytes() == serialize_dataset(one.dataset, "trig").encode("utf-8")
    store = ox.Store.read_only(str(tmp_path / "one" / "store"))
    assert len(store) == len(one.graph) == one.counts["triples"]


@pytest.mark.parametrize("finish", ["in order", "copy first"])
def test_a_copy_finishing_first_leaves_the_store_as_the_files(
    reports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, finish: str
) -> None:
    """The store loads reports as they finish; a later file with an earlier file's text may finish
    first, and its triples must then leave the store again (the earlier file is the one kept)."""
    from policykg.graph_builder import build as builder

    copy = tmp_path / "zz-copy.txt"
    copy.write_bytes(reports[0].read_bytes())
    results = builder._results
    if finish == "copy first":
        monkeypatch.setattr(builder, "_results", lambda work, workers: reversed(list(results(work, workers))))
    out = tmp_path / "out"
    built = policykg.build([*reports, copy], out=out, jobs=1)
    assert [f.source for f in built.failures] == [copy.name]
    assert f"same report text as {reports[0].name}" in built.failures[0].reason
    store = ox.Store.read_only(str(out / "store"))
    files = ox.Store()
    files.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert set(store) == set(files) and len(files) == built.counts["triples"]
    assert not any("zz-copy" in str(q.object) for q in store)


def test_query_reads_the_fresh_store_and_gives_the_memory_rows(reports: list[Path], tmp_path: Path) -> None:
    policykg.build(reports, out=tmp_path)
    graph = tmp_path / "graph.ttl"
    assert isinstance(open_store(graph), OxigraphStore)
    assert isinstance(open_store(graph, "memory"), MemoryStore)
    args = ["query", "observations", "--graph", str(graph), "--format", "csv"]
    from_store = CliRunner().invoke(main, args)
    from_memory = CliRunner().invoke(main, [*args, "--store", "memory"])
    assert from_store.exit_code == 0 and from_store.output == from_memory.output
    assert from_store.output.count("\n") == 1 + 5
    os.utime(graph, (graph.stat().st_mtime + 10, graph.stat().st_mtime + 10))  # the file was edited later
    assert store_beside(graph) is None and isinstance(open_store(graph), MemoryStore)


def test_a_failed_write_leaves_the_previous_build_whole(
    reports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    policykg.build(reports[:1], out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    from policykg.exports import files

    real = files.write_beside

    def fail_on_trig(path: str | Path, data: bytes) -> Path:
        if str(path).endswith(".trig"):
            raise ExportError(f"{path}: cannot write: No space left on device")
        return real(path, data)

    monkeypatch.setattr(files, "write_beside", fail_on_trig)
    with pytest.raises(ExportError, match="No space left"):
        policykg.build(reports, out=out)
    assert sorted(p.name for p in out.iterdir()) == ["graph.trig", "graph.ttl", "store"]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert len(ox.Store.read_only(str(out / "store"))) > 0


def test_a_report_that_fails_its_shapes_fails_the_build_and_names_the_option(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(NO_PLACE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "graph fails its SHACL shapes" in result.stderr and "pass --place" in result.stderr
    again = CliRunner().invoke(main, ["build", str(report), "--place", "山西省", "-o", str(tmp_path / "out")])
    assert again.exit_code == 0, again.output


def test_export_and_view_read_the_store(reports: list[Path], tmp_path: Path) -> None:
    policykg.build(reports, out=tmp_path)
    nt = tmp_path / "g.nt"
    done = CliRunner().invoke(main, ["export", "--graph", str(tmp_path / "graph.ttl"), "-f", "nt", "-o", str(nt)])
    assert done.exit_code == 0, done.output
    lines = nt.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(ox.Store.read_only(str(tmp_path / "store")))
    html = tmp_path / "v.html"
    done = CliRunner().invoke(main, ["view", "--graph", str(tmp_path / "graph.ttl"), "-o", str(html)])
    assert done.exit_code == 0 and "地区生产总值" in html.read_text(encoding="utf-8")


def test_an_output_folder_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-o", str(target)])
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and target.read_text(encoding="utf-8") == "not a folder"


def test_first_line_at_or_after_a_key_by_binary_search() -> None:
    """The search that cuts a report's own lines out of its sorted lines agrees with a walk line by line."""
    import random

    from policykg.graph_builder.build import _first_at_or_after

    def walk(lines: bytes, key: bytes, start: int) -> int:
        while start < len(lines):
            end = lines.index(b"\n", start) + 1
            if lines[start:end] >= key:
                return start
            start = end
        return len(lines)

    rng = random.Random(7)
    for _ in range(2000):
        words = sorted(
            {"".join(rng.choice("ab<>") for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(0, 12))}
        )
        data = "".join(w + "\n" for w in words).encode()
        start = rng.choice([0] + [i + 1 for i, c in enumerate(data) if c == 10])
        key = "".join(rng.choice("ab<>c") for _ in range(rng.randint(0, 4))).encode() + rng.choice([b"", b"\xff"])
        assert _first_at_or_after(data, key, start) == walk(data, key, start), (data, key, start)


def test_store_writer_loads_its_last_batch_after_end_and_drops_it_when_discarded(tmp_path: Path) -> None:
    """``end`` hands the loader its last batch (loaded and compacted while a build writes its files);
    a writer discarded with triples still queued leaves no folder behind and does not hang."""
    from policykg.queries.oxigraph import StoreWriter

    lines = b'<urn:x:a> <urn:x:p> "1" .\n<urn:x:b> <urn:x:p> "2" .\n'
    writer = StoreWriter(tmp_path / "store")
    writer.add(lines)
    writer.end()
    writer.end()  # a second end changes nothing
    assert len(writer.finish()) == 2
    writer.close()
    dropped = StoreWriter(tmp_path / "other")
    dropped.add(lines)
    dropped.discard()
    assert not dropped.folder.exists() and not dropped.thread.is_alive()
