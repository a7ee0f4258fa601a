"""``policykg query``: named queries with bound parameters, or ad-hoc SPARQL."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.options import graph_option, store_options
from policykg.queries.formats import result_names


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        out[key.strip()] = value
    return out


@click.command("query", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("name", required=False)
@graph_option
@store_options
@click.option(
    "--default-graph",
    metavar="IRI",
    help="With --endpoint: the graph to read (SPARQL default-graph-uri). Default: "
    "https://w3id.org/policykg/id/graph/union, the union `policykg push` keeps, if the store has it.",
)
@click.option(
    "--user",
    metavar="NAME",
    help="With --endpoint: log in as NAME (HTTP digest or basic; password from $POLICYKG_PASSWORD).",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of the named query (repeatable); bound as an RDF term, never pasted.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(result_names()),
    default="table",
    show_default=True,
    help="Result format (SPARQL 1.1 results for csv/tsv/json/xml).",
)
@click.option(
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Run the SPARQL query in this .rq file.",
)
@click.option("-e", "--expr", help="Run this SPARQL query text.")
def command(
    name: str | None,
    graph_path: Path,
    store: str | None,
    endpoint: str | None,
    default_graph: str | None,
    user: str | None,
    params: tuple[str, ...],
    fmt: str,
    query_file: Path | None,
    expr: str | None,
) -> None:
    """Run a named query (see `policykg queries`) or an ad-hoc SPARQL query on a built graph.

    The project prefixes (pkg:, qb:, skos:, prov:, dcterms:, ...) are predeclared.

    \b
    Example:
      policykg query observations --format csv > observations.csv
      policykg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?o a qb:Observation }'
      policykg query growth_above -p threshold=8 --store oxigraph:policykg-out/store
      policykg query observations --endpoint http://127.0.0.1:7878/query
    """
    from policykg.queries import QueryError, get_query
    from policykg.queries.results import format_result
    from policykg.queries.stores import answer, answer_named, open_store

    chosen = [x for x in (name, query_file, expr) if x]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of NAME, --file or -e")
    given = _params(params)
    if name:
        named = get_query(name)
        result = answer_named(open_store(graph_path, store, endpoint, default_graph, user), named, given)
    else:
        if given:
            raise QueryError("--param only applies to named queries")
        text = query_file.read_text(encoding="utf-8") if query_file else str(expr)
        result = answer(open_store(graph_path, store, endpoint, default_graph, user), text)
    click.echo(format_result(result, fmt), nl=False)
