"""Layer 1: from report files to RDF graphs.

Stages are pure functions (``text → frozen dataclasses``); :mod:`graph_builder.rdf` is the one place
that writes triples. Errors: :class:`InputError` for any report a user must fix.
"""

from __future__ import annotations

from policykg.graph_builder.build import BuildResult, build_reports
from policykg.graph_builder.errors import InputError
from policykg.graph_builder.model import Extraction, Kind, Observation, Status
from policykg.graph_builder.pipeline import extract, extract_file, read_text

__all__ = [
    "BuildResult",
    "Extraction",
    "InputError",
    "Kind",
    "Observation",
    "Status",
    "build_reports",
    "extract",
    "extract_file",
    "read_text",
]
