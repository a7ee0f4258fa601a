"""The export layer's error."""

from __future__ import annotations


class ExportError(Exception):
    """An export or view that cannot be written."""
