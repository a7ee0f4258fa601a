"""The builder's own error, raised for input a user must fix (the CLI prints it as one line)."""

from __future__ import annotations

from policykg.ontology.errors import PolicykgError


class InputError(PolicykgError):
    """A report that cannot be read or built: missing, empty, binary, undecodable, too large."""
