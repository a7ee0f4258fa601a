"""Build one graph from many reports: extraction in parallel, failures reported per report.

Writing files is not done here (that is the exports layer); this returns the graphs.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph

from graph_builder.errors import InputError
from graph_builder.model import Extraction
from graph_builder.pipeline import extract_file
from graph_builder.rdf import extraction_to_graph, extractions_to_dataset
from ontology.namespaces import bind_prefixes

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
    """Files, folders (their report files, sorted) and glob patterns, in a stable order."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in REPORT_SUFFIXES))
        elif not p.exists() and any(ch in str(item) for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(str(item), recursive=True))
            if not matches:
                raise InputError(f"{item}: no file matches this pattern")
            out.extend(m for m in matches if m.is_file())
        else:
            out.append(p)
    return out


@dataclass(frozen=True)
class _Job:
    path: str
    encoding: str | None
    place: str | None
    year: int | None


def _run(job: _Job) -> Extraction | Failure:
    try:
        return extract_file(job.path, job.encoding, job.place, job.year)
    except InputError as exc:
        return Failure(job.path, str(exc))
    except Exception as exc:  # one broken report must not stop the others
        return Failure(job.path, f"{type(exc).__name__}: {exc}")


def build_reports(
    paths: list[Path],
    *,
    encoding: str | None = None,
    place: str | None = None,
    year: int | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> BuildResult:
    """Extract every report (in parallel when there are several) and assemble the graphs."""
    work = [_Job(str(p), encoding, place, year) for p in paths]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    results: list[Extraction | Failure] = []
    if workers == 1:
        for i, job in enumerate(work, 1):
            results.append(_run(job))
            if progress:
                progress(i, len(work), job.path)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for i, result in enumerate(pool.map(_run, work, chunksize=1), 1):
                results.append(result)
                if progress:
                    progress(i, len(work), work[i - 1].path)
    extractions = [r for r in results if isinstance(r, Extraction)]
    failures = tuple(r for r in results if isinstance(r, Failure))
    graph = bind_prefixes(Graph())
    for ex in sorted(extractions, key=lambda e: e.document.report_id):
        extraction_to_graph(ex, graph)
    return BuildResult(graph, extractions_to_dataset(extractions), tuple(extractions), failures)
