"""The export layer's error."""

from __future__ import annotations

from policykg.ontology.errors import PolicykgError


class ExportError(PolicykgError):
    """An export or view that cannot be written."""
