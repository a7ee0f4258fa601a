"""``policykg export``: the graph in another RDF format (deterministic bytes) or as CSV tables."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from policykg.options import graph_option, graph_or_store
from policykg.queries.formats import rdf_names

FORMATS = (*rdf_names(), "csv")


@click.command("export", context_settings={"help_option_names": ["-h", "--help"]})
@graph_option
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    required=True,
    help="File to write; - for standard output (for csv: a folder).",
)
def command(graph_path: Path, fmt: str, output: Path) -> None:
    """Export the graph as Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML or CSV tables.

    RDF output is byte-identical across runs (sorted N-Triples/N-Quads lines, sorted JSON-LD @graph,
    Turtle with the project's prefixes). TriG and N-Quads keep one named graph per report: pass a
    .trig/.nq graph, or a .ttl with the graph.trig that `policykg build` writes beside it.
    csv writes observations.csv, initiatives.csv and places.csv into the folder -o, as UTF-8 with a
    byte-order mark so that Excel shows the Chinese correctly. Every file is written atomically.

    \b
    Examples:
      policykg export --format nt -o graph.nt
      policykg export --format trig -o graph.trig
      policykg export --format csv -o tables/
    """
    from policykg.exports import write_atomic
    from policykg.exports.rdf import read_lines, serialize_nquads, serialize_ntriples
    from policykg.ontology.rdftext import union_lines

    to_stdout = _is_stdout(output)
    if fmt == "csv" and to_stdout:
        raise click.UsageError("csv writes several files: give a folder to -o, not -")
    if fmt == "csv":
        from policykg.exports.tables import write_tables

        written = write_tables(graph_or_store(graph_path), output)
        click.echo(f"wrote {', '.join(str(p) for p in written)} (UTF-8 with BOM)")
        return
    if fmt in {"trig", "nq"}:
        source = _quad_source(graph_path)
        lines, quads = read_lines(source)
        write_atomic(output, serialize_nquads(lines, fmt) if quads else serialize_ntriples(lines, fmt))
        graphs = len({line.rsplit(b" ", 2)[-2] for line in lines.splitlines()}) if quads else 1
        count = lines.count(b"\n")
        click.echo(f"wrote {output} ({count} quads in {graphs} graph(s), {fmt}, from {source})", err=to_stdout)
        return
    lines, quads = read_lines(graph_path)
    triples = union_lines(lines) if quads else lines
    write_atomic(output, serialize_ntriples(triples, fmt))
    count = triples.count(b"\n")
    click.echo(f"wrote {output} ({count} triples, {fmt})", err=to_stdout)


def _is_stdout(output: Path) -> bool:
    """Whether ``-o`` is standard output (``-``, ``/dev/stdout``, ...): the summary then goes to stderr."""
    if str(output) == "-":
        return True
    try:
        mine, theirs = os.fstat(sys.stdout.fileno()), os.stat(output)
    except (OSError, ValueError, AttributeError):  # no stdout descriptor (tests), or no such file yet
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)


def _quad_source(graph_path: Path) -> Path:
    """The .trig written beside a .ttl by ``policykg build``, when there is one: it has the named graphs."""
    sibling = graph_path.with_suffix(".trig")
    if graph_path.suffix.lower() not in {".trig", ".nq"} and sibling.exists():
        return sibling
    return graph_path
