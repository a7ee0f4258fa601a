"""The one error base class of policykg: every layer's error for input a user must fix derives from it.

The command line prints any :class:`PolicykgError` as one line and exits 1; anything else is a bug
and is reported as an internal error.
"""

from __future__ import annotations


class PolicykgError(Exception):
    """Something the user can fix: a bad report, query, graph file, option or output path."""


class OntologyError(PolicykgError):
    """The ontology or its shapes could not be loaded or checked."""
