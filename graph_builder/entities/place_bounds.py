"""Whether a gazetteer name found in a sentence stands there as a word, not as part of other words.

Place names hide inside ordinary words: 晋中 in 新晋中国工程院院士, 范县 in 示范县, 和县 in 城市和县城, 保定 in
医保定点, 山东 in 太行山东北部. A word segmenter tells them apart because it weighs every way of cutting the
text into known words: jieba (MIT, kept up by its authors; its dictionary of 350,000 words with their
frequencies is bundled with it) cuts 新/晋/中国工程院/院士 and 示范县 as one word. A name counts where the
cut of the text around it begins a word at its first character and ends one at its last, or where the name
begins a longer word of the dictionary (浙江大学, 金华火腿, 山西省委: a place named inside a proper name).

Only a window around the name is cut, so a report costs a few thousand short cuts; the dictionary is loaded
once per process (a third of a second from jieba's cache), on the first name that needs it.
"""

from __future__ import annotations

import marshal
import tempfile
import warnings
from functools import cache
from pathlib import Path
from typing import Any, Protocol

WINDOW = 6  # characters cut on each side of a name: enough for the word that would swallow its edge


class _Cutter(Protocol):
    def cut(self, sentence: str, cut_all: bool = ..., HMM: bool = ...) -> object: ...


@cache
def _tokenizer() -> _Cutter:
    """A tokenizer of its own (not jieba's shared default, which other code may add words to)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba's import may warn about APIs it uses (pkg_resources)
        import jieba

    jieba.setLogLevel(60)  # its loading messages are not ours to print
    tokenizer = jieba.Tokenizer()
    _read_cached_dictionary(tokenizer)
    cutter: _Cutter = tokenizer
    return cutter


def _read_cached_dictionary(tokenizer: Any) -> None:
    """Load jieba's cache of its default dictionary in one read, as jieba itself would load it.

    jieba unmarshals the cache (``jieba.cache`` in its temporary folder) from a file object, which reads
    it piece by piece: about a second per process, the largest part of a worker's start. The same bytes
    read at once and unmarshalled give the same table in a third of the time. Anything else (another
    dictionary, a cache file of its own, no cache yet, an unreadable one) is left to jieba, which builds
    the table and writes the cache as before.
    """
    if tokenizer.initialized or tokenizer.dictionary is not None or tokenizer.cache_file:
        return
    path = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    try:
        freq, total = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return
    if isinstance(freq, dict) and isinstance(total, int):
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True


def word_edges(text: str) -> tuple[set[int], dict[int, int]]:
    """Where the words of ``text`` start and end (offsets), and each word's end by its start."""
    starts: dict[int, int] = {}
    at = 0
    for word in _tokenizer().cut(text, HMM=False):  # type: ignore[attr-defined]
        starts[at] = at + len(word)
        at += len(word)
    return set(starts) | {at}, starts


def stands_alone(text: str, begin: int, end: int) -> bool:
    """Whether ``text[begin:end]`` is a word of the text, or the head of a longer word.

    >>> stands_alone("新晋中国工程院院士", 1, 3), stands_alone("创建示范县", 3, 5), stands_alone("在大同举办", 1, 3)
    (False, False, True)
    >>> stands_alone("扩大城市和县城体检", 4, 6), stands_alone("金华火腿", 0, 2)
    (False, True)
    """
    left = max(0, begin - WINDOW)
    window = text[left : end + WINDOW]
    edges, words = word_edges(window)
    b, e = begin - left, end - left
    if b not in edges:
        return False
    return e in edges or words.get(b, 0) > e
