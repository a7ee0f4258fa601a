"""``policykg export``: the graph in another RDF format, deterministically."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.options import graph_option


@click.command("export", context_settings={"help_option_names": ["-h", "--help"]})
@graph_option
@click.option("-f", "--format", "fmt", type=click.Choice(["turtle", "nt", "jsonld", "xml", "trig", "nq"]),
              required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write.")
def command(graph_path: Path, fmt: str, output: Path) -> None:
    """Export the graph as Turtle, N-Triples, JSON-LD, RDF/XML, TriG or N-Quads (atomic write).

    \b
    Example:
      policykg export --format nt -o graph.nt
    """
    from exports import serialize_graph, write_atomic
    from queries import load_graph

    graph = load_graph(graph_path)
    write_atomic(output, serialize_graph(graph, fmt))
    click.echo(f"wrote {output} ({len(graph)} triples, {fmt})")
