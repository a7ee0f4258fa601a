"""``policykg query``: named queries with bound parameters, or ad-hoc SPARQL."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.options import graph_option


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
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the named query (repeatable); bound as an RDF term, never pasted.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
              default="table", show_default=True, help="Result format (SPARQL 1.1 results for csv/tsv/json/xml).")
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Run the SPARQL query in this .rq file.")
@click.option("-e", "--expr", help="Run this SPARQL query text.")
def command(name: str | None, graph_path: Path, params: tuple[str, ...], fmt: str, query_file: Path | None,
            expr: str | None) -> None:
    """Run a named query (see `policykg queries`) or an ad-hoc SPARQL query on a built graph.

    The project prefixes (pkg:, qb:, skos:, prov:, dcterms:, ...) are predeclared.

    \b
    Example:
      policykg query observations --format csv > observations.csv
      policykg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?o a qb:Observation }'
    """
    from queries import QueryError, get_query, load_graph, run_query, run_sparql
    from queries.formats import format_result

    chosen = [x for x in (name, query_file, expr) if x]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of NAME, --file or -e")
    given = _params(params)
    if name:
        named = get_query(name)
        graph = load_graph(graph_path)
        result = run_query(graph, named, given)
    else:
        if given:
            raise QueryError("--param only applies to named queries")
        text = query_file.read_text(encoding="utf-8") if query_file else str(expr)
        graph = load_graph(graph_path)
        result = run_sparql(graph, text)
    click.echo(format_result(result, fmt), nl=False)
