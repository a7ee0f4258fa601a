"""``policykg push``: load a built graph into an external triple store, one named graph per report."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.options import DEFAULT_OUT


@click.command("push", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="SPARQL query URL of the store (e.g. http://localhost:7878/query, http://localhost:8890/sparql).",
)
@click.option(
    "--graph",
    "graph_path",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT / "graph.trig",
    show_default=True,
    help="Built graph: graph.trig (one graph per report) or a Turtle file.",
)
@click.option("--graph-iri", metavar="IRI", help="Push the file as this one named graph.")
@click.option("--update-url", metavar="URL", help="SPARQL Update URL (default: guessed from --endpoint).")
@click.option("--store-url", metavar="URL", help="Graph Store Protocol URL (default: guessed from --endpoint).")
@click.option(
    "--user",
    metavar="NAME",
    help="Log in as NAME (HTTP digest or basic, e.g. Virtuoso's -auth URLs); password from $POLICYKG_PASSWORD.",
)
@click.option(
    "--union-graph",
    metavar="IRI",
    default="https://w3id.org/policykg/id/graph/union",
    show_default=True,
    help="Named graph rebuilt after the push as the de-duplicated union of all others; '' to skip.",
)
def command(
    endpoint: str,
    graph_path: Path,
    graph_iri: str | None,
    update_url: str | None,
    store_url: str | None,
    user: str | None,
    union_graph: str,
) -> None:
    """Replace each report's named graph in a SPARQL 1.1 store (upload, verify, then MOVE).

    A failed upload leaves the previous version of every graph in place. Afterwards the union
    graph is rebuilt from all named graphs, each shared triple once; `policykg query --endpoint`
    reads it (other clients: SPARQL default-graph-uri, or FROM). A server's own union of named
    graphs (`oxigraph serve --union-default-graph`) repeats shared triples once per report.

    \b
    Example:
      oxigraph serve --location store --bind 127.0.0.1:7878 &
      policykg push --endpoint http://127.0.0.1:7878/query
      policykg query observations --endpoint http://127.0.0.1:7878/query
    """
    from policykg.queries.push import endpoints_for, push_file
    from policykg.queries.remote import auth_for

    ep = endpoints_for(endpoint, update_url, store_url, auth_for(user))
    pushed = push_file(
        graph_path,
        ep,
        graph_iri,
        union=union_graph or None,
        step=lambda s, g: click.echo(f"{s} <{g}>", err=True) if s in {"drop", "upload", "union"} else None,
    )
    click.echo(f"pushed {len(pushed)} graph(s), {sum(pushed.values())} triples -> {ep.store}")
    if union_graph:
        click.echo(
            f"union of all graphs in <{union_graph}> (read by `policykg query --endpoint`; "
            f"other clients: default-graph-uri={union_graph})"
        )
