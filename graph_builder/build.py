"""Build many reports: each worker extracts a report, writes its triples and checks them with SHACL.

A worker returns the report's :class:`ReportGraph`: its sorted N-Triples lines, its TriG and Turtle
blocks and its validation, so that ``-j N`` divides the whole build, not only extraction, and every
report is validated. Writing files and stores is not done here (see ``policykg.building``).
"""

from __future__ import annotations

import gc
import glob
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.graph_builder import iris
from policykg.graph_builder.errors import InputError
from policykg.graph_builder.model import Extraction
from policykg.graph_builder.pipeline import extract_file
from policykg.graph_builder.quads import TermEncoder
from policykg.graph_builder.rdf import report_graph_iri, report_ntriples
from policykg.ontology import rdftext
from policykg.ontology.ntterms import TermIndex
from policykg.ontology.shacl_checks import compiled_shapes
from policykg.ontology.validate import ValidationReport

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

REPORT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".md"}
NOT_REPORTS = {"readme", "license", "licence", "copying", "notice", "changelog", "changes", "contributing"}
"""File stems a folder of reports often also holds (its own documentation): not built unless named."""


def _is_report_file(path: Path) -> bool:
    """Whether a file found in a folder is taken as a report: a report suffix, not hidden, not the
    folder's README or licence (a corpus folder usually documents itself, and that text is no report)."""
    name = path.name
    return (
        path.is_file()
        and path.suffix.lower() in REPORT_SUFFIXES
        and not name.startswith(".")
        and path.stem.lower() not in NOT_REPORTS
    )


@dataclass(frozen=True)
class Failure:
    """A report that could not be built, and why (one line)."""

    source: str
    reason: str


@dataclass(frozen=True)
class ReportGraph:
    """One report's graph as the worker wrote it (all text is UTF-8 bytes).

    ``own`` holds the sorted N-Triples lines about the report's own resources (subjects under its IRI),
    which no other report writes; ``shared`` the lines about resources reports share (places,
    indicators, organisations, schemes), merged once for the union. ``trig`` and ``turtle`` are the
    report's blocks of ``graph.trig`` (all its triples) and of ``graph.ttl`` (its own triples).
    """

    report_id: str
    graph: str
    own: bytes
    shared: bytes
    trig: bytes
    turtle: bytes
    validation: ValidationReport

    def ntriples(self) -> bytes:
        """All the report's triples, sorted."""
        return rdftext.sorted_lines(self.own + self.shared)


@dataclass(frozen=True)
class BuildResult:
    """The reports' graphs, their extractions, and what went wrong.

    ``graph`` (the union) and ``dataset`` (a named graph per report) are rdflib objects made on first
    use from the written lines; a build itself never makes them.
    """

    extractions: tuple[Extraction, ...]
    failures: tuple[Failure, ...]
    graphs: tuple[ReportGraph, ...] = ()

    def by_name(self) -> list[ReportGraph]:
        """The report graphs in the order of their graph IRIs (the order of every file)."""
        return sorted(self.graphs, key=lambda r: r.graph)

    def shared(self) -> bytes:
        """The shared lines of every report, once each, sorted."""
        return rdftext.sorted_lines(b"".join(r.shared for r in self.graphs))

    def union_ntriples(self) -> bytes:
        """The union graph as N-Triples, each triple once (shared lines first, then each report's own)."""
        return self.shared() + b"".join(r.own for r in self.by_name())

    def turtle(self) -> bytes:
        """``graph.ttl``: the union in sorted line order, as one Turtle writer would write it.

        Every subject under a report's IRI is written by that report alone, and in sorted order those
        subjects are one run per report, between the shared subjects that sort before
        ``.../id/report/`` (indicators, organisations, places) and those after (schemes, sectors).
        """
        shared = self.shared()
        cut = _first_at_or_after(shared, f"<{iris.report('')}".encode())
        own = sorted((r for r in self.graphs if r.own), key=lambda r: r.own[: r.own.index(b"\n")])
        blocks = [rdftext.turtle_block(shared[:cut]), *(r.turtle for r in own), rdftext.turtle_block(shared[cut:])]
        return rdftext.turtle_header() + b"\n" + b"".join(blocks)

    def trig(self) -> bytes:
        """``graph.trig``: one named graph per report, by graph IRI."""
        return rdftext.turtle_header() + b"".join(b"\n" + r.trig for r in self.by_name())

    def nquads(self) -> bytes:
        """One named graph per report, as N-Quads."""
        return b"".join(rdftext.to_nquads(r.ntriples(), r.graph) for r in self.by_name())

    @cached_property
    def graph(self) -> Graph:
        from rdflib import Graph

        from policykg.ontology.namespaces import bind_prefixes

        return bind_prefixes(Graph()).parse(data=self.union_ntriples().decode("utf-8"), format="nt")

    @cached_property
    def dataset(self) -> Dataset:
        from rdflib import Dataset, URIRef

        from policykg.ontology.namespaces import bind_prefixes

        ds = Dataset()
        bind_prefixes(ds)
        for r in self.by_name():
            ds.graph(URIRef(r.graph)).parse(data=r.ntriples().decode("utf-8"), format="nt")
        return ds


def _first_at_or_after(lines: bytes, key: bytes, start: int = 0) -> int:
    """The offset of the first of sorted lines (from ``start``, a line start) not before ``key``
    (``len(lines)`` if none): a binary search, since a corpus's shared lines are searched once per report."""
    lo, hi = start, len(lines)  # both line starts; the answer lies between them
    while lo < hi:
        mid = (lo + hi) // 2
        before = lines.rfind(b"\n", lo, mid)
        begin = before + 1 if before >= 0 else lo
        end = lines.index(b"\n", begin) + 1
        if lines[begin:end] >= key:
            hi = begin
        else:
            lo = end
    return lo


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files, folders (their report files, sorted) and glob patterns, in a stable order, each once.

    Raises :class:`InputError` for a pattern that matches nothing or a folder without report files.
    """
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if _is_report_file(q))
            if not found:
                raise InputError(f"{item}: no report files ({', '.join(sorted(REPORT_SUFFIXES))}) in this folder")
            out.extend(found)
        elif not p.exists() and any(ch in str(item) for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(str(item), recursive=True))
            if not matches:
                raise InputError(f"{item}: no file matches this pattern")
            out.extend(m for m in matches if m.is_file())
        else:
            out.append(p)
    seen: set[Path] = set()
    unique = []
    for path in out:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


@dataclass(frozen=True)
class Override:
    """What a build's manifest says of one file: its place, year and title, each winning over detection."""

    place: str | None = None
    year: int | None = None
    title: str | None = None


@dataclass(frozen=True)
class _Job:
    path: str
    encoding: str | None
    place: str | None
    year: int | None
    title: str | None = None


Built = tuple[Extraction, ReportGraph]
_ENCODER = TermEncoder()  # one per process: IRIs repeat across the reports a worker writes


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while one report is built: extraction and writing allocate
    millions of small objects and no cycles worth collecting, and the collector's passes over a
    worker's heap took a third of the writing time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_report(ex: Extraction) -> ReportGraph:
    """A report's lines, blocks and SHACL verdict (what a worker sends back).

    The report's own lines (subjects under its IRI) are one run of its sorted lines, so its Turtle is
    written once, in three blocks: the own block goes into ``graph.ttl``, all three into its TriG graph.
    """
    rid = ex.document.report_id
    shapes = compiled_shapes()
    index = TermIndex(shapes.predicates)  # the checks read the terms as they are written
    lines = report_ntriples(ex, _ENCODER, index).encode("utf-8")
    mine = f"<{iris.report(rid)}".encode()
    start = _first_at_or_after(lines, mine)
    end = _first_at_or_after(lines, mine + b"\xff", start)
    own, shared = lines[start:end], lines[:start] + lines[end:]
    blocks = [rdftext.turtle_block(lines[:start]), rdftext.turtle_block(own), rdftext.turtle_block(lines[end:])]
    graph = str(report_graph_iri(rid))
    trig = rdftext.wrap_graph(b"".join(blocks), graph)
    return ReportGraph(rid, graph, own, shared, trig, blocks[1], shapes.validate(index, lines.count(b"\n")))


def _run(job: _Job) -> Built | Failure:
    try:
        with _gc_paused():
            ex = extract_file(job.path, job.encoding, job.place, job.year)
            if job.title:  # the manifest names the report: its title, not the page's
                meta = replace(ex.document.meta, title=job.title)
                ex = replace(ex, document=replace(ex.document, meta=meta))
            return ex, write_report(ex)
    except InputError as exc:
        return Failure(job.path, str(exc))
    except Exception as exc:  # one broken report must not stop the others
        return Failure(job.path, f"{job.path}: {type(exc).__name__}: {exc}")


def _results(work: list[_Job], workers: int) -> Iterator[tuple[int, Built | Failure]]:
    """(index, result) as each report finishes; the largest files go first so that workers stay busy."""
    if workers == 1:
        yield from enumerate(_run(job) for job in work)
        return
    order = sorted(range(len(work)), key=lambda i: -_size(work[i].path))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: dict[Future[Built | Failure], int] = {pool.submit(_run, work[i]): i for i in order}
        for future in as_completed(futures):
            i = futures[future]
            try:
                yield i, future.result()
            except Exception as exc:  # a dead worker (killed, out of memory) fails one report
                yield i, Failure(work[i].path, f"{work[i].path}: worker failed: {type(exc).__name__}")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def build_reports(
    paths: list[Path],
    *,
    encoding: str | None = None,
    place: str | None = None,
    year: int | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    overrides: Mapping[Path, Override] | None = None,
    on_report: Callable[[ReportGraph], None] | None = None,
    on_withdraw: Callable[[ReportGraph], None] | None = None,
) -> BuildResult:
    """Extract, write and check every report (in parallel across ``jobs`` processes).

    A report that cannot be read or built becomes a :class:`Failure` naming it; the others still build.
    Two files with the same text are one report: the second is listed as a failure, not built twice.
    ``progress(done, total, path)`` is called as each report finishes. ``on_report(graph)`` is called
    as each report finishes whose text no earlier file has, so that a store loads it while others
    build; when a file finishing later turns out to be an earlier copy of the same text, the graph
    given before is passed to ``on_withdraw``, and the earlier file's to ``on_report``.
    ``overrides`` (by resolved path) give one file's place, year and title, over ``place`` and ``year``
    and over what is detected.
    """
    given = {k.resolve(): v for k, v in (overrides or {}).items()}
    work = []
    for p in paths:
        o = given.get(p.resolve(), Override())
        work.append(_Job(str(p), encoding, o.place or place, o.year or year, o.title))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    done: dict[int, Built | Failure] = {}
    texts: dict[int, str] = {}
    kept: dict[str, int] = {}  # text -> the earliest file with it finished so far
    for count, (i, result) in enumerate(_results(work, workers), 1):
        if progress:
            progress(count, len(work), work[i].path)
        done[i] = result
        if isinstance(result, Failure):
            continue
        text = texts[i] = hashlib.sha256(result[0].document.text.encode("utf-8")).hexdigest()
        before = kept.get(text)
        if before is not None and before < i:
            continue
        kept[text] = i
        if before is not None and on_withdraw:
            on_withdraw(_built(done[before])[1])
        if on_report:
            on_report(result[1])
    extractions: list[Extraction] = []
    graphs: list[ReportGraph] = []
    failures: list[Failure] = []
    for i in range(len(work)):
        result = done[i]
        if isinstance(result, Failure):
            failures.append(result)
            continue
        ex, graph = result
        first = kept[texts[i]]
        if first != i:
            source, original = ex.document.source_name, _built(done[first])[0].document.source_name
            failures.append(Failure(source, f"{source}: same report text as {original}; built once"))
            continue
        extractions.append(ex)
        graphs.append(graph)
    return BuildResult(tuple(extractions), tuple(failures), tuple(graphs))


def _built(result: Built | Failure) -> Built:
    assert not isinstance(result, Failure)  # only reports that were built have a text
    return result
