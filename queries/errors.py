"""The query layer's error: one line that says what to fix."""

from __future__ import annotations


class QueryError(Exception):
    """A query that cannot be found, parsed, bound or run."""
