"""What ``policykg build`` does, as one library call: reports in, graphs, files, checks and a summary out.

The command line only prints the :class:`Build` this returns, so a notebook gets the same build as
the shell: per-report graphs, what failed and why, the SHACL verdict on every report and the files
written. ``graph.ttl``, ``graph.trig`` and the Oxigraph store ``store/`` are written beside their
targets and moved into place together, so a failed build leaves the previous one whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph

    from policykg.graph_builder.build import BuildResult, Failure, Override, ReportGraph
    from policykg.graph_builder.model import Extraction
    from policykg.ontology.validate import ValidationReport
    from policykg.queries.oxigraph import StoreWriter

BUNDLED = "shanxi-2024-government-work-report-summary.txt"
"""The report built when no input is given (shipped in ``policykg/data``)."""

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ReportSummary:
    """One built report: where it came from, what was found in it, and its SHACL verdict."""

    source: str
    report_id: str
    title: str
    place: str | None
    place_code: str | None
    year: int | None
    sentences: int
    observations: int
    validation: ValidationReport | None = None

    def missing(self) -> list[str]:
        """The options that supply metadata the text did not give (``--place``, ``--year``)."""
        return [option for option, value in (("--place", self.place), ("--year", self.year)) if not value]

    def shape_problem(self) -> str:
        """One line for a graph that fails its shapes: the first problem, and the option that supplies
        the metadata the text did not give, when that is what is missing."""
        problems = self.validation.problems if self.validation is not None else ()
        first = f"{problems[0].message} ({problems[0].focus})" if problems else "does not conform"
        missing = self.missing()
        hint = f"; the text does not say its {' or '.join(m[2:] for m in missing)}: pass {' / '.join(missing)}"
        return f"{self.source}: graph fails its SHACL shapes, {len(problems)} problem(s), e.g. {first}" + (
            hint if missing else ""
        )


@dataclass(frozen=True)
class Build:
    """The result of a build: per-report graphs and summaries, failures, validation and files written.

    ``graph`` (the union) and ``dataset`` (a named graph per report) are rdflib objects, made from the
    written triples on first use.
    """

    result: BuildResult
    reports: tuple[ReportSummary, ...]
    counts: dict[str, int]
    validation: ValidationReport | None = None
    validated: str = ""  # what the SHACL check covered: "all" reports
    files: tuple[Path, ...] = field(default_factory=tuple)

    @property
    def graph(self) -> Graph:
        return self.result.graph

    @property
    def dataset(self) -> Dataset:
        return self.result.dataset

    @property
    def extractions(self) -> tuple[Extraction, ...]:
        return self.result.extractions

    @property
    def failures(self) -> tuple[Failure, ...]:
        return self.result.failures

    @property
    def store(self) -> Path | None:
        """The Oxigraph store written beside ``graph.ttl``, if any."""
        return next((p for p in self.files if p.name == "store"), None)

    def nonconforming(self) -> list[ReportSummary]:
        """The reports whose graph fails its shapes."""
        return [r for r in self.reports if r.validation is not None and not r.validation.conforms]


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

    With ``out``, ``graph.ttl`` (the union), ``graph.trig`` (one named graph per report) and the
    Oxigraph store ``store/`` (the union, read by ``policykg query`` and the other commands) are
    written there; with ``store="oxigraph:DIR"`` the graphs are also loaded into that Oxigraph store,
    and with ``endpoint`` pushed to a SPARQL store. Every report is checked against the SHACL shapes
    (``validate``). ``manifest`` (a CSV file with the columns file, place, year, title, any of them
    blank, or a mapping from file to those fields) sets each file's metadata over what is detected.
    Raises :class:`~policykg.graph_builder.InputError` when a single report, or every report, cannot
    be built; otherwise failures are listed in the result.

    >>> b = build()
    >>> b.reports[0].place, b.reports[0].year, b.counts["observations"] > 100, b.validation.conforms
    ('山西省', 2024, True, True)
    """
    from policykg.graph_builder import InputError, build_reports
    from policykg.graph_builder.build import expand_inputs

    given = list(sources or [])
    if out is not None and Path(out).exists() and not Path(out).is_dir():
        raise InputError(f"{out}: not a folder (a build writes graph.ttl, graph.trig and store/ into a folder)")
    paths = expand_inputs(given) if given else [bundled_report()]
    if not paths:
        raise InputError("no report files found in the given inputs")
    overrides = manifest_overrides(manifest, paths) if manifest is not None else None
    writer = _store_writer(Path(out)) if out is not None else None
    try:
        result = build_reports(
            paths,
            encoding=encoding,
            place=place,
            year=year,
            jobs=jobs,
            progress=progress,
            overrides=overrides,
            on_report=(lambda r: writer.add(r.own)) if writer else None,
            on_withdraw=(lambda r: writer.remove(r.own)) if writer else None,
        )
        if len(paths) == 1 and result.failures:
            raise InputError(result.failures[0].reason)
        if not result.extractions:
            raise InputError(f"none of the {len(paths)} reports could be built")
        if validate and out is not None:
            _refuse_nonconforming(result)
        written, counts = _finish(result, writer, Path(out) if out is not None else None)
    finally:
        if writer is not None:
            writer.discard()
    if store:
        _load_store(result, store)
    if endpoint:
        from policykg.queries.push import endpoints_for, push_file

        if out is None:
            raise InputError("pushing to an endpoint needs an output folder (out=...) for graph.trig")
        push_file(Path(out) / "graph.trig", endpoints_for(endpoint))
    reports = tuple(_summary(e, g, validate) for e, g in zip(result.extractions, result.graphs))
    validation = _combined([g.validation for g in result.graphs], counts["triples"]) if validate else None
    return Build(result, reports, counts, validation, "all" if validate else "", tuple(written))


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


def _store_writer(out: Path) -> StoreWriter:
    from policykg.queries.oxigraph import STORE_NAME, StoreWriter

    return StoreWriter(out / STORE_NAME)


def _finish(result: BuildResult, writer: StoreWriter | None, out: Path | None) -> tuple[list[Path], dict[str, int]]:
    """Write graph.ttl and graph.trig while the store completes, count, and move all three into place."""
    import pyoxigraph as ox

    from policykg.exports.files import replace_together, write_beside

    if writer is None or out is None:
        memory = ox.Store()
        memory.bulk_load(result.union_ntriples(), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        return [], graph_counts(memory)
    writer.add(result.shared())
    writer.end()
    written: list[Path] = []
    try:  # the files are written while the store's loader (which frees the interpreter) catches up
        for name, data in (("graph.ttl", result.turtle), ("graph.trig", result.trig)):
            written.append(write_beside(out / name, data()))
        counts = graph_counts(writer.finish())
        writer.close()
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    ttl, trig = written
    # the store last, so that it is not older than the graph files (see queries.oxigraph.store_beside)
    moves = [(ttl, out / "graph.ttl"), (trig, out / "graph.trig"), (writer.folder, writer.target)]
    return replace_together(moves), counts


def _refuse_nonconforming(result: BuildResult) -> None:
    """A graph that fails its shapes is not written: the folder keeps the previous build, and the one
    line says what is wrong (each report was validated in its worker, before anything is written)."""
    from policykg.graph_builder import InputError

    summaries = [_summary(e, g, True) for e, g in zip(result.extractions, result.graphs)]
    failing = [s for s in summaries if s.validation is not None and not s.validation.conforms]
    if failing:
        more = f" (and {len(failing) - 1} more report(s)); nothing written" if len(failing) > 1 else "; nothing written"
        raise InputError(failing[0].shape_problem() + more)


def _load_store(result: BuildResult, store: str) -> None:
    from policykg.queries.stores import OxigraphStore, parse_store

    kind, where = parse_store(store)
    if kind != "oxigraph":
        from policykg.queries import QueryError

        raise QueryError(f"--store {store!r}: a build loads into oxigraph:DIR only")
    OxigraphStore(where, writable=True).load_dataset(result.nquads())


def _combined(reports: list[ValidationReport], triples: int) -> ValidationReport:
    """The verdicts of every report as one (problems in report order)."""
    from policykg.ontology.validate import ValidationReport

    problems = tuple(p for r in reports for p in r.problems)
    shapes = max((r.shapes for r in reports), default=0)
    return ValidationReport(all(r.conforms for r in reports), problems, shapes, triples)


def _summary(ex: Extraction, graph: ReportGraph, validated: bool) -> ReportSummary:
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
        graph.validation if validated else None,
    )


COUNTS = {
    "observations": "?s a qb:Observation",
    "indicators": "?s a pkg:Indicator",
    "initiatives": "?s a ?c VALUES ?c { INITIATIVES }",
    "organisations": "?s a ?c VALUES ?c { org:Organization pkg:Organization }",
    "places": "?s a ?c VALUES ?c { PLACES }",
    "sectors": "?any pkg:sector ?s",
}
"""What the build summary counts: each the distinct ``?s`` of a pattern."""


def graph_counts(store: pyoxigraph.Store) -> dict[str, int]:
    """Triples and the main kinds of node, counted in the union graph that was written."""
    import pyoxigraph as ox

    from policykg.ontology.namespaces import PREFIXES
    from policykg.ontology.vocabulary import INITIATIVE_CLASSES, PLACE_CLASSES

    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    classes = {
        "INITIATIVES": " ".join(f"pkg:{c}" for c in INITIATIVE_CLASSES),
        "PLACES": " ".join(f"pkg:{c}" for c in PLACE_CLASSES),
    }
    counts = {"triples": len(store)}
    for name, pattern in COUNTS.items():
        for key, value in classes.items():
            pattern = pattern.replace(key, value)
        answer = store.query(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {pattern} }}", prefixes=prefixes)
        assert isinstance(answer, ox.QuerySolutions)
        counts[name] = int(str(getattr(next(answer)[0], "value", 0)))
    return counts
