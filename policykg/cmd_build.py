"""``policykg build``: reports in, ``graph.ttl`` (union) and ``graph.trig`` (one graph per report) out."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

import click

from policykg.options import DEFAULT_OUT

BUNDLED = "shanxi-2024-government-work-report-summary.txt"


@click.command("build", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("reports", nargs=-1)
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for graph.ttl and graph.trig.")
@click.option("--encoding", help="Encoding of the reports (default: detected; e.g. gb18030).")
@click.option("--place", help="Reporting place when the text does not say (e.g. 山西省).")
@click.option("--year", type=int, help="Year of the report when the text does not say (e.g. 2024).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Parallel workers (default: all cores).")
@click.option("--store", metavar="oxigraph:DIR", help="Also load the graphs into this Oxigraph store.")
@click.option("--endpoint", metavar="URL", help="Also push the graphs to this SPARQL store (see `policykg push`).")
def command(reports: tuple[str, ...], out_dir: Path, encoding: str | None, place: str | None,
            year: int | None, jobs: int | None, store: str | None = None, endpoint: str | None = None) -> None:
    """Build the knowledge graph of one or more reports.

    REPORTS are files (plain text in any common encoding, or saved HTML pages), folders or glob
    patterns. With none, the bundled report (Shanxi 2024 government work report summary) is used.

    \b
    Example:
      policykg build                          # bundled report -> policykg-out/graph.ttl
      policykg build reports/*.txt -o corpus  # many reports, one named graph each in graph.trig
    """
    from policykg.exports import serialize_dataset, serialize_graph, write_atomic
    from policykg.graph_builder import InputError, build_reports
    from policykg.graph_builder.build import expand_inputs

    with as_file(files("policykg").joinpath("data", BUNDLED)) as bundled:
        paths = expand_inputs(reports) if reports else [Path(bundled)]
        if not paths:
            raise InputError("no report files found in the given inputs")
        progress = _progress_bar(len(paths))
        result = build_reports(paths, encoding=encoding, place=place, year=year, jobs=jobs,
                               progress=progress)
    if len(paths) == 1 and result.failures:
        raise InputError(result.failures[0].reason)
    for failure in result.failures:
        reason = failure.reason if failure.reason.startswith(failure.source) else f"{failure.source}: {failure.reason}"
        click.echo(f"policykg: skipped {reason}", err=True)
    if not result.extractions:
        raise InputError(f"none of the {len(paths)} reports could be built")
    ttl = write_atomic(out_dir / "graph.ttl", serialize_graph(result.graph, "turtle"))
    write_atomic(out_dir / "graph.trig", serialize_dataset(result.dataset, "trig"))
    _load_stores(result, out_dir / "graph.trig", store, endpoint)
    _summary(result, ttl)
    _validate(result)


VALIDATE_ALL_BELOW = 300_000
"""SHACL over a whole corpus takes minutes; above this many triples the build checks one report."""


def _validate(result) -> None:  # type: ignore[no-untyped-def]
    from policykg.ontology.validate import validate_graph

    if len(result.graph) <= VALIDATE_ALL_BELOW:
        click.echo("  " + validate_graph(result.graph).summary())
        return
    named = [g for g in result.dataset.graphs() if g.identifier != result.dataset.default_graph.identifier]
    first = min(named, key=lambda g: str(g.identifier))
    click.echo("  " + validate_graph(first).summary()
               + f" (checked 1 of {len(named)} reports; `policykg validate` checks them all)")


def _load_stores(result, trig: Path, store: str | None, endpoint: str | None) -> None:  # type: ignore[no-untyped-def]
    """Write the per-report graphs into an Oxigraph store and/or push them to a SPARQL store."""
    if store:
        from policykg.queries import QueryError
        from policykg.queries.stores import OxigraphStore

        kind, _, where = store.partition(":")
        if kind != "oxigraph" or not where:
            raise QueryError(f"--store {store!r}: expected oxigraph:DIR")
        OxigraphStore(where, writable=True).load_dataset(result.dataset.serialize(format="nquads", encoding="utf-8"))
        click.echo(f"loaded into Oxigraph store {where}", err=True)
    if endpoint:
        from policykg.queries.push import endpoints_for, push_file

        pushed = push_file(trig, endpoints_for(endpoint))
        click.echo(f"pushed {len(pushed)} graph(s) to {endpoint}", err=True)


def _progress_bar(total: int):  # type: ignore[no-untyped-def]
    if total <= 1:
        return None

    def show(done: int, count: int, name: str) -> None:
        width = 30
        filled = int(width * done / count)
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{count} {Path(name).name[:40]:40s}",
                   err=True, nl=done == count)

    return show


def _summary(result, ttl: Path) -> None:  # type: ignore[no-untyped-def]
    from policykg.summary import graph_counts

    counts = graph_counts(result.graph)
    lines = [f"built {len(result.extractions)} report(s) -> {ttl} (+ {ttl.with_suffix('.trig').name})"]
    for ex in result.extractions:
        meta = ex.document.meta
        lines.append(f"  {ex.document.source_name}: {meta.place or '?'} {meta.year or '?'}, "
                     f"{len(ex.document.sentences)} sentences, {len(ex.observations)} observations")
    lines.append("  " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if result.failures:
        lines.append(f"  failed: {len(result.failures)} report(s), listed above")
    click.echo("\n".join(lines))
