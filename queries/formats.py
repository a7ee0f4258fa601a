"""The one registry of formats: RDF serialisations and SPARQL result formats, by name, media type and suffix.

``policykg export``, ``query``, ``serve`` and ``ontology`` and the graph loader all look formats up
here, so a format's name, its media type and its file extension are written once. The deterministic
writers themselves live in the exports layer, keyed by :attr:`RdfFormat.name`.

>>> rdf_format_for_suffix(".ttl").name, rdf_format("nt").media_type
('turtle', 'application/n-triples')
>>> result_format("csv").media_type
'text/csv'
"""

from __future__ import annotations

from dataclasses import dataclass

from policykg.queries.errors import QueryError


@dataclass(frozen=True)
class RdfFormat:
    """An RDF serialisation: how users name it, its media type, file suffixes and rdflib plugin name."""

    name: str
    media_type: str
    suffixes: tuple[str, ...]
    rdflib: str
    quads: bool = False  # keeps named graphs (TriG, N-Quads)
    aliases: tuple[str, ...] = ()  # other names clients send (format=, output=)
    media_aliases: tuple[str, ...] = ()

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


@dataclass(frozen=True)
class ResultFormat:
    """A SPARQL SELECT/ASK result format (``table`` is the terminal's, without a media type)."""

    name: str
    media_type: str | None
    aliases: tuple[str, ...] = ()
    media_aliases: tuple[str, ...] = ()


RDF_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat(
        "turtle",
        "text/turtle",
        (".ttl", ".turtle"),
        "turtle",
        aliases=("ttl",),
        media_aliases=("application/x-turtle",),
    ),
    RdfFormat("trig", "application/trig", (".trig",), "trig", quads=True),
    RdfFormat(
        "nt", "application/n-triples", (".nt",), "nt", aliases=("ntriples", "n-triples"), media_aliases=("text/plain",)
    ),
    RdfFormat("nq", "application/n-quads", (".nq",), "nquads", quads=True, aliases=("nquads", "n-quads")),
    RdfFormat("jsonld", "application/ld+json", (".jsonld", ".json"), "json-ld", aliases=("json-ld",)),
    RdfFormat("xml", "application/rdf+xml", (".rdf", ".xml", ".owl"), "xml", aliases=("rdfxml", "rdf+xml", "rdf")),
)
"""Every RDF format policykg reads and writes, first suffix the one it writes."""

RESULT_FORMATS: tuple[ResultFormat, ...] = (
    ResultFormat("table", None),
    ResultFormat("csv", "text/csv"),
    ResultFormat("tsv", "text/tab-separated-values"),
    ResultFormat("json", "application/sparql-results+json", media_aliases=("application/json",)),
    ResultFormat("xml", "application/sparql-results+xml", media_aliases=("application/xml", "text/xml")),
)
"""SELECT/ASK result formats: the SPARQL 1.1 four and an aligned table for terminals."""


def rdf_format(name: str) -> RdfFormat:
    """An RDF format by name or alias (``turtle``, ``ttl``, ``nt``, ``json-ld`` ...)."""
    key = name.lower()
    for fmt in RDF_FORMATS:
        if key == fmt.name or key in fmt.aliases:
            return fmt
    raise QueryError(f"unknown RDF format {name!r} (formats: {', '.join(f.name for f in RDF_FORMATS)})")


def rdf_format_for_suffix(suffix: str) -> RdfFormat:
    """The RDF format of a file suffix (``.ttl``, ``.trig`` ...)."""
    key = suffix.lower()
    for fmt in RDF_FORMATS:
        if key in fmt.suffixes:
            return fmt
    known = ", ".join(s for f in RDF_FORMATS for s in f.suffixes)
    raise QueryError(f"unknown graph format {suffix!r} (use {known})")


def rdf_format_for_media(media: str) -> RdfFormat | None:
    """The RDF format of a media type, or None."""
    key = media.lower()
    return next((f for f in RDF_FORMATS if key == f.media_type or key in f.media_aliases), None)


def result_format(name: str) -> ResultFormat:
    """A result format by name (``table``, ``csv``, ``tsv``, ``json``, ``xml``)."""
    for fmt in RESULT_FORMATS:
        if name.lower() == fmt.name or name.lower() in fmt.aliases:
            return fmt
    raise QueryError(f"unknown result format {name!r} (formats: {', '.join(f.name for f in RESULT_FORMATS)})")


def result_format_for_media(media: str) -> ResultFormat | None:
    """The result format of a media type, or None."""
    key = media.lower()
    return next((f for f in RESULT_FORMATS if f.media_type and (key == f.media_type or key in f.media_aliases)), None)


def rdf_names() -> tuple[str, ...]:
    return tuple(f.name for f in RDF_FORMATS)


def result_names() -> tuple[str, ...]:
    return tuple(f.name for f in RESULT_FORMATS)
