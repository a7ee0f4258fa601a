"""What ``policykg build`` does, as one library call: reports in, graphs, files, checks and a summary out.

The command line only prints the :class:`Build` this returns, so a notebook gets the same build as
the shell: the union graph, one named graph per report, what failed and why, the SHACL verdict and
the files written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

    from policykg.graph_builder.build import Failure, Override
    from policykg.graph_builder.model import Extraction
    from policykg.ontology.validate import ValidationReport

BUNDLED = "shanxi-2024-government-work-report-summary.txt"
"""The report built when no input is given (shipped in ``policykg/data``)."""

VALIDATE_ALL_BELOW = 300_000
"""SHACL over a whole corpus takes minutes; above this many triples the build checks one report."""

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ReportSummary:
    """One built report: where it came from and what was found in it."""

    source: str
    report_id: str
    title: str
    place: str | None
    place_code: str | None
    year: int | None
    sentences: int
    observations: int


@dataclass(frozen=True)
class Build:
    """The result of a build: graphs, per-report summaries, failures, validation and files written."""

    graph: Graph
    dataset: Dataset
    extractions: tuple[Extraction, ...]
    reports: tuple[ReportSummary, ...]
    failures: tuple[Failure, ...]
    counts: dict[str, int]
    validation: ValidationReport | None = None
    validated: str = ""  # what the SHACL check covered: "all", or "1 of N reports"
    files: tuple[Path, ...] = field(default_factory=tuple)


def bundled_report() -> Path:
    """Path of the bundled report (a real file, also inside a zipped install)."""
    with as_file(files("policykg.data").joinpath(BUNDLED)) as path:
        return Path(path)


def build(
    sources: Iterable[str | Path] | None = None,
    *,
    jobs: int | None = None,
    out: str | Path | None = None,
    encoding: str | None = None,
    place: str | None = None,
    year: int | None = None,
    validate: bool = True,
    store: str | None = None,
    endpoint: str | None = None,
    progress: Progress | None = None,
    manifest: str | Path | Mapping[str, Mapping[str, Any]] | None = None,
) -> Build:
    """Build the graph of report files, folders or glob patterns (the bundled report when none).

    With ``out``, ``graph.ttl`` (the union) and ``graph.trig`` (one named graph per report) are
    written there; with ``store="oxigraph:DIR"`` the graphs are also loaded into an Oxigraph store, and
    with ``endpoint`` pushed to a SPARQL store. ``manifest`` (a CSV file with the columns file, place,
    year, title, any of them blank, or a mapping from file to those fields) sets each file's metadata
    over what is detected. Raises :class:`~policykg.graph_builder.InputError` when a single report, or
    every report, cannot be built; otherwise failures are listed in the result.

    >>> b = build()
    >>> b.reports[0].place, b.reports[0].year, b.counts["observations"] > 100
    ('山西省', 2024, True)
    """
    from policykg.graph_builder import InputError, build_reports
    from policykg.graph_builder.build import expand_inputs

    given = list(sources or [])
    paths = expand_inputs(given) if given else [bundled_report()]
    if not paths:
        raise InputError("no report files found in the given inputs")
    overrides = manifest_overrides(manifest, paths) if manifest is not None else None
    result = build_reports(
        paths, encoding=encoding, place=place, year=year, jobs=jobs, progress=progress, overrides=overrides
    )
    if len(paths) == 1 and result.failures:
        raise InputError(result.failures[0].reason)
    if not result.extractions:
        raise InputError(f"none of the {len(paths)} reports could be built")
    written: list[Path] = []
    if out is not None:
        written = _write(result.graph, result.dataset, Path(out))
    if store:
        _load_store(result.dataset, store)
    if endpoint:
        from policykg.queries.push import endpoints_for, push_file

        if out is None:
            raise InputError("pushing to an endpoint needs an output folder (out=...) for graph.trig")
        push_file(Path(out) / "graph.trig", endpoints_for(endpoint))
    validation, covered = _validate(result.graph, result.dataset) if validate else (None, "")
    return Build(
        result.graph,
        result.dataset,
        result.extractions,
        tuple(_summary(e) for e in result.extractions),
        result.failures,
        graph_counts(result.graph),
        validation,
        covered,
        tuple(written),
    )


MANIFEST_COLUMNS = ("file", "place", "year", "title")
"""The columns of a build manifest; only ``file`` must be filled."""


def manifest_overrides(
    manifest: str | Path | Mapping[str, Mapping[str, Any]], paths: list[Path]
) -> dict[Path, Override]:
    """Each input file's place, year and title from a manifest (CSV or mapping), by the file it names.

    A row names a file by its path (as given, or relative to the manifest) or by its file name; a row
    that names none of the inputs, or a year that is no year, is an :class:`InputError` naming the row.
    """
    from policykg.graph_builder import InputError
    from policykg.graph_builder.build import Override

    rows, where = (
        (_manifest_rows(Path(manifest)), Path(manifest))
        if isinstance(manifest, (str, Path))
        else (
            [{"file": k, **v} for k, v in manifest.items()],
            None,
        )
    )
    out: dict[Path, Override] = {}
    for n, row in enumerate(rows, 2):
        label = f"{where.name} line {n}" if where else f"manifest entry {row.get('file')!r}"
        target = _manifest_file(str(row.get("file") or ""), paths, where)
        if target is None:
            raise InputError(f"{label}: {row.get('file')!r} is not one of the reports being built")
        year = str(row.get("year") or "").strip()
        if year and not (year.isdigit() and len(year) == 4):
            raise InputError(f"{label}: year {year!r} is not a year such as 2026")
        place, title = str(row.get("place") or "").strip(), str(row.get("title") or "").strip()
        out[target.resolve()] = Override(place or None, int(year) if year else None, title or None)
    return out


def _manifest_rows(path: Path) -> list[dict[str, str]]:
    import csv

    from policykg.graph_builder import InputError

    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = [f.strip() for f in reader.fieldnames or []]
            if "file" not in fields or not set(fields) <= set(MANIFEST_COLUMNS):
                raise InputError(f"{path}: a manifest needs the columns {', '.join(MANIFEST_COLUMNS)} (file required)")
            return [{(k or "").strip(): (v or "") for k, v in row.items()} for row in reader]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the manifest ({type(exc).__name__})") from None


def _manifest_file(name: str, paths: list[Path], where: Path | None) -> Path | None:
    """The input a manifest row names: the same file by path, else the one input with that file name."""
    if not name.strip():
        return None
    wanted = {Path(name).resolve()} | ({(where.parent / name).resolve()} if where else set())
    same = [p for p in paths if p.resolve() in wanted]
    if same:
        return same[0]
    named = [p for p in paths if p.name == Path(name).name]
    return named[0] if len(named) == 1 else None


def _write(graph: Graph, dataset: Dataset, out: Path) -> list[Path]:
    from policykg.exports import serialize_dataset, serialize_graph, write_atomic

    return [
        write_atomic(out / "graph.ttl", serialize_graph(graph, "turtle")),
        write_atomic(out / "graph.trig", serialize_dataset(dataset, "trig")),
    ]


def _load_store(dataset: Dataset, store: str) -> None:
    from policykg.queries.stores import OxigraphStore, parse_store

    kind, where = parse_store(store)
    if kind != "oxigraph":
        from policykg.queries import QueryError

        raise QueryError(f"--store {store!r}: a build loads into oxigraph:DIR only")
    OxigraphStore(where, writable=True).load_dataset(dataset.serialize(format="nquads", encoding="utf-8"))


def _validate(graph: Graph, dataset: Dataset) -> tuple[ValidationReport, str]:
    from policykg.ontology.validate import validate_graph

    if len(graph) <= VALIDATE_ALL_BELOW:
        return validate_graph(graph), "all"
    named = [g for g in dataset.graphs() if g.identifier != dataset.default_graph.identifier]
    first = min(named, key=lambda g: str(g.identifier))
    return validate_graph(first), f"1 of {len(named)} reports"


def _summary(ex: Extraction) -> ReportSummary:
    doc, meta = ex.document, ex.document.meta
    return ReportSummary(
        doc.source_name,
        doc.report_id,
        meta.title,
        meta.place,
        meta.place_code,
        meta.year,
        len(doc.sentences),
        len(ex.observations),
    )


def graph_counts(graph: Graph) -> dict[str, int]:
    """Triples and the main kinds of node, counted in the graph that was written."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from policykg.ontology.namespaces import ORG, PKG, QB
    from policykg.ontology.vocabulary import INITIATIVE_CLASSES, PLACE_CLASSES

    def count(classes: list[URIRef]) -> int:
        return len({s for c in classes for s in graph.subjects(RDF.type, c)})

    return {
        "triples": len(graph),
        "observations": count([QB.Observation]),
        "indicators": count([PKG.Indicator]),
        "initiatives": count([PKG[c] for c in INITIATIVE_CLASSES]),
        "organisations": count([ORG.Organization, PKG.Organization]),
        "places": count([PKG[c] for c in PLACE_CLASSES]),
        "sectors": len(set(graph.objects(None, PKG.sector))),
    }
