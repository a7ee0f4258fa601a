"""The query layer's error: one line that says what to fix."""

from __future__ import annotations

from policykg.ontology.errors import PolicykgError


class QueryError(PolicykgError):
    """A query that cannot be found, parsed, bound or run."""
