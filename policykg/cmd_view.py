"""``policykg view``: an interactive, offline HTML view of the graph."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.options import DEFAULT_OUT, graph_option, output_option


@click.command("view", context_settings={"help_option_names": ["-h", "--help"]})
@graph_option
@output_option(DEFAULT_OUT / "overview.html", "HTML file to write.")
def command(graph_path: Path, output: Path) -> None:
    """Write an interactive network view (one self-contained HTML file, works offline).

    \b
    Example:
      policykg view -o policykg-out/overview.html
    """
    from exports import write_atomic
    from exports.html import render
    from exports.views import overview
    from queries import load_graph

    view = overview(load_graph(graph_path))
    write_atomic(output, render(view))
    click.echo(f"wrote {output} ({len(view.nodes)} nodes, {len(view.edges)} edges)")
