"""The ``>>>`` examples in the builder's reading and observation modules are run as tests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "graph_builder.reader", "graph_builder.text", "graph_builder.numerals", "graph_builder.units",
    "graph_builder.metadata", "graph_builder.obs_figures", "graph_builder.obs_names", "graph_builder.obs_classify",
    "graph_builder.extract_observations",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
