"""``policykg view``: interactive, offline HTML views of the graph (one self-contained file each)."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.exports.views import VIEWS
from policykg.options import DEFAULT_OUT, graph_option, graph_or_store

VIEW_NAMES = tuple(VIEWS)


@click.command("view", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("view_name", metavar="[VIEW]", type=click.Choice(VIEW_NAMES), default="overview")
@click.option(
    "--focus",
    "focus_on",
    metavar="LABEL-or-IRI",
    help="The sector (sector view), place (place view) or any node (focus view) to centre on.",
)
@click.option(
    "--depth",
    type=click.IntRange(0, 6),
    default=1,
    show_default=True,
    help="Focus view: how many steps out from the focus node.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Label language (English where the graph has it).",
)
@click.option(
    "--all",
    "write_all",
    is_flag=True,
    help="Write every view plus index.html (with charts) into the folder given by -o.",
)
@graph_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help=f"HTML file to write (default {DEFAULT_OUT}/VIEW.html); with --all, a folder.",
)
def command(
    view_name: str, focus_on: str | None, depth: int, lang: str, write_all: bool, graph_path: Path, output: Path | None
) -> None:
    """Write an interactive network view: one self-contained UTF-8 HTML file that works offline.

    VIEW is overview (sectors, initiatives, outcomes), sector, place, outcomes (initiative -> outcome
    chains with their evidence) or focus (the neighbourhood of one node). Click a node for its
    source sentence; search, filter by class and sector in the page.

    \b
    Examples:
      policykg view -o policykg-out/overview.html
      policykg view sector --focus 能源 -o energy.html
      policykg view place --focus 太原市
      policykg view focus --focus 地区生产总值 --depth 2
      policykg view --all -o policykg-out/views
    """
    from policykg.exports import views, write_atomic
    from policykg.exports.html import render
    from policykg.exports.index import write_site

    if views.VIEWS[view_name].focus and not focus_on and not write_all:
        raise click.UsageError(f"the {view_name} view needs --focus (a label or an IRI)")
    model = views.load_model(graph_or_store(graph_path))
    if write_all:
        out_dir = output or DEFAULT_OUT / "views"
        written = write_site(model, out_dir, lang)
        click.echo(f"wrote {len(written)} files to {out_dir} (open {out_dir / 'index.html'})")
        return
    view = views.make_view(model, view_name, focus_on, depth)
    target = output or DEFAULT_OUT / f"{view_name}.html"
    write_atomic(target, render(view, lang))
    click.echo(f"wrote {target} ({len(view.nodes)} nodes, {len(view.edges)} edges)")
