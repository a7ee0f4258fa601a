"""``policykg ontology``: the ontology as Turtle, RDF/XML, N-Triples or an HTML documentation page."""

from __future__ import annotations

from pathlib import Path

import click

from policykg.queries.formats import RDF_FORMATS

TRIPLE_FORMATS = tuple(f.name for f in RDF_FORMATS if not f.quads)


@click.command("ontology", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice([*TRIPLE_FORMATS, "html"]),
    default="turtle",
    show_default=True,
    help="Output format; html is a self-contained documentation page.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: stdout).")
def command(fmt: str, output: Path | None) -> None:
    """Print the policykg ontology, or write its documentation.

    \b
    Example:
      policykg ontology > policykg.ttl
      policykg ontology --format html -o ontology.html   # opens offline in a browser
    """
    from policykg.ontology import load_ontology, ontology_text

    if fmt == "turtle":
        text = ontology_text()
    elif fmt == "html":
        from policykg.ontology.docs import ontology_html

        text = ontology_html()
    else:
        from policykg.exports import serialize_graph

        text = serialize_graph(load_ontology(), fmt)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from policykg.exports import write_atomic

    write_atomic(output, text)
    click.echo(f"wrote {output} ({fmt})", err=True)
