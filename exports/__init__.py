"""Layer 2: files a user takes away: RDF serialisations, tables and interactive HTML views.

Errors: :class:`ExportError` (a file that cannot be written).
"""

from __future__ import annotations

from policykg.exports.errors import ExportError
from policykg.exports.files import write_atomic
from policykg.exports.rdf import RDF_EXPORT_FORMATS, load_dataset, serialize_dataset, serialize_graph

__all__ = [
    "RDF_EXPORT_FORMATS",
    "ExportError",
    "load_dataset",
    "serialize_dataset",
    "serialize_graph",
    "write_atomic",
]
