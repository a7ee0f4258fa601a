"""``policykg serve``: a read-only SPARQL 1.1 endpoint and query page on this machine."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.options import graph_option, store_options


@click.command("serve", context_settings={"help_option_names": ["-h", "--help"]})
@graph_option
@store_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (0.0.0.0 exposes it).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Time limit of one query, in seconds.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=100_000,
    show_default=True,
    help="Largest result (rows or triples) returned.",
)
def command(
    graph_path: Path, store: str | None, endpoint: str | None, host: str, port: int, timeout: float, max_rows: int
) -> None:
    """Serve the graph at /sparql (SPARQL 1.1 Protocol, read-only) with a query page at /.

    \b
    Example:
      policykg serve --port 8000 &
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/named/growth_above?threshold=8'
    """
    from policykg.queries.endpoint import Limits, make_server
    from policykg.queries.stores import open_store

    server = make_server(open_store(graph_path, store, endpoint), host, port, Limits(timeout, max_rows))
    bound_host, bound_port = server.server_address[:2]
    if isinstance(bound_host, bytes):
        bound_host = bound_host.decode()
    click.echo(f"serving http://{bound_host}:{bound_port}/ (SPARQL at /sparql); Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
