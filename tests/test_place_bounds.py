"""jieba's dictionary read from its cache in one piece: the same table jieba loads, or left to jieba."""

from __future__ import annotations

import marshal
import warnings
from pathlib import Path
from typing import Any

from policykg.graph_builder.entities.place_bounds import _read_cached_dictionary, _tokenizer, stands_alone


def _fresh() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    return jieba.Tokenizer()


def test_cached_dictionary_is_the_table_jieba_loads() -> None:
    assert stands_alone("在大同举办", 1, 3)  # the shared tokenizer is ready, and jieba's cache is written
    ours, theirs = _fresh(), _fresh()
    _read_cached_dictionary(ours)
    theirs.initialize()
    assert ours.initialized
    assert ours.total == theirs.total
    assert ours.FREQ == theirs.FREQ
    assert _tokenizer().initialized  # type: ignore[attr-defined]


def test_no_or_broken_cache_is_left_to_jieba(tmp_path: Path) -> None:
    missing = _fresh()
    missing.tmp_dir = str(tmp_path)
    _read_cached_dictionary(missing)
    assert not missing.initialized
    (tmp_path / "jieba.cache").write_bytes(b"not marshal data")
    _read_cached_dictionary(missing)
    assert not missing.initialized
    (tmp_path / "jieba.cache").write_bytes(marshal.dumps(({"甲乙": 3, "甲": 0}, 3)))
    _read_cached_dictionary(missing)
    assert missing.initialized and missing.FREQ == {"甲乙": 3, "甲": 0} and missing.total == 3


def test_other_dictionaries_are_left_to_jieba(tmp_path: Path) -> None:
    own = _fresh()
    own.cache_file = str(tmp_path / "own.cache")
    _read_cached_dictionary(own)
    assert not own.initialized
