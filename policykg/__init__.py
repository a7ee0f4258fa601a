"""policykg: a knowledge graph of public policies and their outcomes, from government work reports.

This package is only the command line face; the library lives in ``ontology``, ``graph_builder``,
``queries`` and ``exports``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policykg")
except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
    __version__ = "0+unknown"

__all__ = ["__version__"]
