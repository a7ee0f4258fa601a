"""The builder's own error, raised for input a user must fix (the CLI prints it as one line)."""

from __future__ import annotations


class InputError(Exception):
    """A report that cannot be read or built: missing, empty, binary, undecodable, too large."""
