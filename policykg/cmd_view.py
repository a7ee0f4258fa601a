"""``policykg view``: interactive, offline HTML views of the graph (one self-contained file each)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from policykg.exports.views import VIEWS
from policykg.options import DEFAULT_OUT, graph_option, graph_or_store

if TYPE_CHECKING:
    from rdflib import Graph

PAGES = ("compare", "profile")
"""Table pages (comparison of places, one place's profile) beside the network views."""
VIEW_NAMES = (*tuple(VIEWS), *PAGES)


@click.command("view", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("view_name", metavar="[VIEW]", type=click.Choice(VIEW_NAMES), default="overview")
@click.option(
    "--focus",
    "focus_on",
    metavar="LABEL-or-IRI",
    help="The sector (sector view), place (place and profile views) or any node (focus view) to centre on.",
)
@click.option("--indicator", metavar="NAME", help="Compare view: only this indicator (e.g. 地区生产总值, GDP).")
@click.option(
    "--year",
    type=int,
    metavar="Y",
    help="Compare view: the year of the actual figures (default: the year most reports review).",
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
    view_name: str,
    focus_on: str | None,
    indicator: str | None,
    year: int | None,
    depth: int,
    lang: str,
    write_all: bool,
    graph_path: Path,
    output: Path | None,
) -> None:
    """Write an interactive network view: one self-contained UTF-8 HTML file that works offline.

    VIEW is overview (sectors, initiatives, outcomes), sector, place, outcomes (initiative -> outcome
    chains with their evidence), focus (the neighbourhood of one node), compare (places x indicators:
    actual, target, met or missed, with a chart per indicator) or profile (one place against the
    corpus median). Click a node or a figure for its source sentence; search and filter in the page.

    \b
    Examples:
      policykg view -o policykg-out/overview.html
      policykg view sector --focus 能源 -o energy.html
      policykg view place --focus 太原市
      policykg view focus --focus 地区生产总值 --depth 2
      policykg view compare --indicator 地区生产总值 --year 2025 -o compare.html
      policykg view profile --focus 山西省 -o shanxi.html
      policykg view --all -o policykg-out/views
    """
    from policykg.exports import views, write_atomic
    from policykg.exports.html import render
    from policykg.exports.site import write_site

    needs_focus = view_name == "profile" or (view_name in views.VIEWS and views.VIEWS[view_name].focus)
    if needs_focus and not focus_on and not write_all:
        raise click.UsageError(f"the {view_name} view needs --focus (a label or an IRI)")
    source = graph_or_store(graph_path)
    if write_all:
        out_dir = output or DEFAULT_OUT / "views"
        written = write_site(source, out_dir, lang)
        click.echo(f"wrote {len(written)} files to {out_dir} (open {out_dir / 'index.html'})")
        return
    if view_name in PAGES:
        _write_page(source, view_name, focus_on, indicator, year, lang, output)
        return
    model = views.load_model(source)
    view = views.make_view(model, view_name, focus_on, depth)
    target = output or DEFAULT_OUT / f"{view_name}.html"
    write_atomic(target, render(view, lang))
    held = f" of {len(view.nodes)}, the rest folded" if view.drawn < len(view.nodes) else ""
    click.echo(f"wrote {target} ({view.drawn} nodes drawn{held}; {len(view.edges)} edges)")


def _write_page(
    source: Graph, name: str, focus_on: str | None, indicator: str | None, year: int | None, lang: str, out: Path | None
) -> None:
    """The comparison page or one place's profile, as one self-contained file."""
    from policykg.exports import write_atomic
    from policykg.exports.compare_page import render_compare
    from policykg.exports.corpus import load_corpus
    from policykg.exports.profile_page import render_profile
    from policykg.exports.site import comparison, find_place, profiles_of

    corpus = load_corpus(source)
    cmp = comparison(corpus, year, indicator)
    target = out or DEFAULT_OUT / f"{name}.html"
    if name == "compare":
        write_atomic(target, render_compare(corpus, cmp, profiles_of(corpus), lang))
        click.echo(f"wrote {target} ({len(cmp.rows)} places, {len(cmp.measures)} indicators)")
        return
    key = find_place(corpus, focus_on or "")
    write_atomic(target, render_profile(corpus, cmp, key, profiles_of(corpus), lang))
    click.echo(f"wrote {target} ({corpus.places[key][-1].place})")
