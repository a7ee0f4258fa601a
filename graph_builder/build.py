"""Build one graph from many reports: extraction in parallel, failures reported per report.

Writing files is not done here (that is the exports layer); this returns the graphs.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Dataset, Graph

from policykg.graph_builder.errors import InputError
from policykg.graph_builder.model import Extraction
from policykg.graph_builder.pipeline import extract_file
from policykg.graph_builder.rdf import extractions_to_dataset, union_of

REPORT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".md"}


@dataclass(frozen=True)
class Failure:
    """A report that could not be built, and why (one line)."""

    source: str
    reason: str


@dataclass(frozen=True)
class BuildResult:
    """The union graph, the per-report dataset, and what went wrong."""

    graph: Graph
    dataset: Dataset
    extractions: tuple[Extraction, ...]
    failures: tuple[Failure, ...]


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files, folders (their report files, sorted) and glob patterns, in a stable order, each once.

    Raises :class:`InputError` for a pattern that matches nothing or a folder without report files.
    """
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in REPORT_SUFFIXES)
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


def _run(job: _Job) -> Extraction | Failure:
    try:
        ex = extract_file(job.path, job.encoding, job.place, job.year)
        if job.title:  # the manifest names the report: its title, not the page's
            meta = replace(ex.document.meta, title=job.title)
            ex = replace(ex, document=replace(ex.document, meta=meta))
        return ex
    except InputError as exc:
        return Failure(job.path, str(exc))
    except Exception as exc:  # one broken report must not stop the others
        return Failure(job.path, f"{job.path}: {type(exc).__name__}: {exc}")


def _extract_all(
    work: list[_Job], workers: int, progress: Callable[[int, int, str], None] | None
) -> list[Extraction | Failure]:
    """Results in input order; progress reported as each report finishes (in any order)."""
    results: list[Extraction | Failure | None] = [None] * len(work)
    if workers == 1:
        for i, job in enumerate(work):
            results[i] = _run(job)
            if progress:
                progress(i + 1, len(work), job.path)
        return [r for r in results if r is not None]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_run, job): i for i, job in enumerate(work)}
        for done, future in enumerate(as_completed(futures), 1):
            i = futures[future]
            try:
                results[i] = future.result()
            except Exception as exc:  # a dead worker (killed, out of memory) fails one report
                results[i] = Failure(work[i].path, f"{work[i].path}: worker failed: {type(exc).__name__}")
            if progress:
                progress(done, len(work), work[i].path)
    return [r for r in results if r is not None]


def build_reports(
    paths: list[Path],
    *,
    encoding: str | None = None,
    place: str | None = None,
    year: int | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    overrides: Mapping[Path, Override] | None = None,
) -> BuildResult:
    """Extract every report (in parallel across ``jobs`` processes) and assemble the graphs.

    A report that cannot be read or built becomes a :class:`Failure` naming it; the others still build.
    Two files with the same text are one report: the second is listed as a failure, not built twice.
    ``progress(done, total, path)`` is called as each report finishes. ``overrides`` (by resolved path)
    give one file's place, year and title, over ``place`` and ``year`` and over what is detected.
    """
    given = {k.resolve(): v for k, v in (overrides or {}).items()}
    work = []
    for p in paths:
        o = given.get(p.resolve(), Override())
        work.append(_Job(str(p), encoding, o.place or place, o.year or year, o.title))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    extractions: list[Extraction] = []
    failures: list[Failure] = []
    by_id: dict[str, str] = {}
    for result in _extract_all(work, workers, progress):
        if isinstance(result, Failure):
            failures.append(result)
            continue
        rid = hashlib.sha256(result.document.text.encode("utf-8")).hexdigest()
        source = result.document.source_name
        if rid in by_id:
            failures.append(Failure(source, f"{source}: same report text as {by_id[rid]}; built once"))
            continue
        by_id[rid] = source
        extractions.append(result)
    dataset = extractions_to_dataset(extractions)
    return BuildResult(union_of(dataset), dataset, tuple(extractions), tuple(failures))
