"""``policykg serve``: a read-only SPARQL 1.1 endpoint and query page on this machine."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.options import graph_option


@click.command("serve", context_settings={"help_option_names": ["-h", "--help"]})
@graph_option
@click.option(
    "--store",
    metavar="oxigraph-memory|oxigraph:DIR",
    help="Default: the reports of --graph (its graph.trig: one named graph each) in a temporary Oxigraph "
    "store on disk; oxigraph-memory: loaded into each worker's memory (fastest); oxigraph:DIR: that store.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (0.0.0.0 exposes it).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Time limit of one query, in seconds; a query past it is stopped.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=100_000,
    show_default=True,
    help="Largest result (rows or triples) returned.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Queries run at once (one process each).",
)
@click.option(
    "--cors",
    metavar="ORIGIN",
    help="Let web pages of this origin (e.g. http://localhost:3000, or *) read the answers. Default: none.",
)
def command(
    graph_path: Path,
    store: str | None,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int,
    cors: str | None,
) -> None:
    """Serve the graph at /sparql (SPARQL 1.1 Protocol, read-only) with a query page at /.

    Every report is a named graph, their union the default graph. Queries run in worker processes,
    stopped at --timeout; SPARQL Update and SERVICE are refused.

    \b
    Example:
      policykg serve --port 8000 &
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/named/growth_above?threshold=8'
    """
    from policykg.queries.endpoint import Limits, make_server
    from policykg.queries.serving import prepare
    from policykg.queries.workers import Pool

    source = prepare(graph_path, store)
    pool = None
    try:
        pool = Pool(source, workers)
        server = make_server(pool, host, port, Limits(timeout, max_rows), cors)
        bound_host, bound_port = server.server_address[:2]
        if isinstance(bound_host, bytes):
            bound_host = bound_host.decode()
        graphs = len(pool.named_graphs)
        click.echo(
            f"serving http://{bound_host}:{bound_port}/ (SPARQL at /sparql, {graphs} named graph(s)); Ctrl-C stops",
            err=True,
        )
        try:
            server.serve_forever()
        finally:
            server.server_close()
    finally:
        if pool is not None:
            pool.close()
        source.close()
