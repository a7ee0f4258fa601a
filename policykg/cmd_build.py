"""``policykg build``: reports in, ``graph.ttl`` (union) and ``graph.trig`` (one graph per report) out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from policykg.options import DEFAULT_OUT


@click.command("build", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("reports", nargs=-1)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for graph.ttl, graph.trig and the Oxigraph store store/.",
)
@click.option("--encoding", help="Encoding of the reports (default: detected; e.g. gb18030).")
@click.option("--place", help="Reporting place when the text does not say (e.g. 山西省).")
@click.option("--year", type=int, help="Year of the report when the text does not say (e.g. 2024).")
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV with the columns file, place, year, title (any but file may be blank): each file's metadata.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Parallel workers (default: all cores).")
@click.option("--store", metavar="oxigraph:DIR", help="Also load the graphs into this Oxigraph store.")
@click.option("--endpoint", metavar="URL", help="Also push the graphs to this SPARQL store (see `policykg push`).")
def command(
    reports: tuple[str, ...],
    out_dir: Path,
    encoding: str | None,
    place: str | None,
    year: int | None,
    jobs: int | None,
    manifest: Path | None = None,
    store: str | None = None,
    endpoint: str | None = None,
) -> None:
    """Build the knowledge graph of one or more reports.

    REPORTS are files (plain text in any common encoding, or saved HTML pages), folders or glob
    patterns. With none, the bundled report (Shanxi 2024 government work report summary) is used.
    Writes graph.ttl, graph.trig and the Oxigraph store store/ (which query, view, serve and export
    then read). Every report is checked against the SHACL shapes: the exit status is 1 when a
    report's graph fails them (with the option to pass when the text lacks its place or year).

    \b
    Example:
      policykg build                          # bundled report -> policykg-out/graph.ttl
      policykg build reports/*.txt -o corpus  # many reports, one named graph each in graph.trig
      policykg build reports/ --manifest reports.csv  # place, year, title given file by file
    """
    from policykg.building import build

    result = build(
        reports,
        jobs=jobs,
        out=out_dir,
        encoding=encoding,
        place=place,
        year=year,
        store=store,
        endpoint=endpoint,
        progress=_progress_bar(),
        manifest=manifest,
    )
    for failure in result.failures:
        reason = failure.reason if failure.reason.startswith(failure.source) else f"{failure.source}: {failure.reason}"
        click.echo(f"policykg: skipped {reason}", err=True)
    if store:
        click.echo(f"loaded into Oxigraph store {store.partition(':')[2]}", err=True)
    if endpoint:
        click.echo(f"pushed {len(result.reports)} graph(s) to {endpoint}", err=True)
    ttl = out_dir / "graph.ttl"
    lines = [f"built {len(result.reports)} report(s) -> {ttl} (+ {ttl.with_suffix('.trig').name}, store/)"]
    for r in result.reports:
        lines.append(
            f"  {r.source}: {r.place or '?'} {r.year or '?'}, {r.sentences} sentences, {r.observations} observations"
        )
    lines.append("  " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
    if result.failures:
        lines.append(f"  failed: {len(result.failures)} report(s), listed above")
    if result.validation is not None:
        lines.append(f"  {result.validation.summary()}, every report checked")
    click.echo("\n".join(lines))
    failing = result.nonconforming()
    for report in failing:
        click.echo(f"policykg: {report.shape_problem()}", err=True)
    if failing:
        sys.exit(1)


def _progress_bar() -> Callable[[int, int, str], None] | None:
    """A progress line on stderr for builds of several reports, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, count: int, name: str) -> None:
        if count <= 1:
            return
        width = 30
        filled = int(width * done / count)
        click.echo(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{count} {Path(name).name[:40]:40s}",
            err=True,
            nl=done == count,
        )

    return show
