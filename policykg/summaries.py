"""One-line summaries of the commands, for ``policykg --help`` without importing each command."""

from __future__ import annotations

SUMMARIES = {
    "build": "Build the graph from reports (default: the bundled report).",
    "queries": "List the named queries.",
    "query": "Run a named or ad-hoc SPARQL query.",
    "view": "Write an interactive HTML view of the graph.",
    "export": "Export the graph as Turtle, N-Triples, JSON-LD ...",
    "validate": "Check a graph against the SHACL shapes and the OWL ontology.",
    "ontology": "Print the ontology or write its documentation.",
    "serve": "Serve a read-only SPARQL endpoint.",
    "push": "Load a built graph into an external triple store.",
}
