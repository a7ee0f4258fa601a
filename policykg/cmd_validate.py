"""``policykg validate``: check a built graph against the SHACL shapes and the OWL ontology."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from policykg.options import graph_option


@click.command("validate", context_settings={"help_option_names": ["-h", "--help"]})
@graph_option
@click.option(
    "--owl/--no-owl",
    default=True,
    show_default=True,
    help="Also check OWL consistency of the ontology plus a sample of the graph with HermiT (needs Java).",
)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    default=400,
    show_default=True,
    help="How many typed resources (with their neighbours) the OWL check reads.",
)
@click.option(
    "--max-problems", type=click.IntRange(min=1), default=50, show_default=True, help="List at most this many problems."
)
def command(graph_path: Path, owl: bool, sample: int, max_problems: int) -> None:
    """Check a built graph: every observation, span, place and initiative is well-formed.

    Exit status 0 when the graph conforms, 1 when it does not (each problem is listed with the
    resource, the property and a message in English and Chinese).

    \b
    Example:
      policykg validate                           # policykg-out/graph.ttl
      policykg validate --graph corpus/graph.ttl --no-owl
    """
    from policykg.ontology.validate import validate_graph
    from policykg.queries import load_graph

    graph = load_graph(graph_path)
    report = validate_graph(graph, owl=owl, sample=sample)
    lines = [f"{graph_path}: {len(graph)} triples", report.summary()]
    lines.extend(f"  {note}" for note in report.notes)
    for problem in report.problems[:max_problems]:
        where = f" {_short(problem.path)}" if problem.path else ""
        lines.append(
            f"  [{problem.severity.value}] {problem.focus}{where}: {problem.message}"
            + (f" / {problem.message_zh}" if problem.message_zh else "")
        )
    if len(report.problems) > max_problems:
        lines.append(f"  ... and {len(report.problems) - max_problems} more")
    click.echo("\n".join(lines))
    sys.exit(0 if report.conforms else 1)


def _short(iri: str) -> str:
    from rdflib import URIRef

    from policykg.ontology.docs import curie

    return curie(URIRef(iri))
