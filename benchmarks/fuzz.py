"""Fuzz the builder with report-like texts and count what goes wrong.

Each input is a made-up fragment of Chinese statistical prose -- indicator names, verbs, numbers
(huge, long, full-width, Chinese, with thousands separators), magnitudes and units from the lexicons,
ranges, quotes, headings and page chrome -- broken by line breaks in random places and salted with
control characters and random Unicode. Every input goes through the whole builder in process: bytes
through the reader, then ``read_text`` → ``extract`` → the RDF writer with its SHACL check → every
export format, each export parsed back by rdflib and pyoxigraph. Counted:

* crashes: any exception but the reader's one-line :class:`InputError`;
* over budget: an input whose build took longer than :func:`budget` (linear in its length);
* offset violations: a figure, sentence, mention or heading span whose text is not ``text[begin:end]``
  or that begins or ends with a line break, a value as written that is not in its figure's text, a
  figure crossing a line break, a label holding one (a sentence or a name may cross a broken line:
  its anchor is then the text as read, break included);
* SHACL failures on a report whose place is known;
* invalid exports: a file rdflib or pyoxigraph cannot read back, or reads back with other triples.

The test suite runs the same checks on a few hundred Hypothesis examples (``tests/test_fuzz.py``);
this script runs the long series and prints the figures:

    .venv/bin/python benchmarks/fuzz.py 10000 -j 2       # seed 0, two processes
    .venv/bin/python benchmarks/fuzz.py 2000 --seed 7 --show 3
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import random
import re
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

ONE_SECOND_PER = 20_000
"""Characters a build may take one second for on top of its fixed allowance (the corpus runs at
18,000 characters a second on one core, SHACL and files included; the fuzz checks no files)."""
FIXED_SECONDS = 2.0
"""Both in CPU seconds of the process building the input (``time.process_time``), so that a shared
machine's other work does not push an input over its budget."""
EXPORTS = ("turtle", "nt", "trig", "nq", "jsonld", "xml")
_RDFLIB_NAMES = {"turtle": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld", "xml": "xml"}

# Words of the made-up prose: written here for the fuzzer, in the manner of statistical reports.
SCOPES = ["全省", "全市", "全县", "全区", "其中", "同比", "比上年", "年均", "累计", "全年", "预计", ""]
FRAMES = ["一年来，", "过去五年，", "今年主要预期目标是：", "力争", "确保", "截至年底，", ""]
JOINERS = ["，", "，", "；", "、", "。", "。", "和", "及", "：", "", " ", "！", "？"]
QUOTES = [("“", "”"), ("《", "》"), ("（", "）"), ("「", "」"), ('"', '"')]
HEADINGS = ["一、", "二、", "十一、", "（一）", "（三）", "1.", "2．", "第一，"]
CHROME = [
    "打印",
    "【字号：大 中 小】",
    "来源：本地日报",
    "责任编辑：某某",
    "相关报道：",
    "首页 > 政务公开",
    "2026-01-20 09:30:00",
]
PLACES = ["山西省", "太原市", "某某县", "浙江省", "西城区", "某省", "内蒙古自治区", "呼伦贝尔市海拉尔区"]
ODD = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff",
       "\ufffe", "\uffff", "\ufffd", "\u200b", "\u00a0", "\u3000", "\t", "\U0001f600", "\U00020000", "\\", '"',
       "<", ">", "&", "'", "{", "}", "%", "#"]  # fmt: skip
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n", "\n\u3000\u3000"]
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""What ``str.splitlines`` breaks a line at."""
FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@cache
def _vocabulary() -> dict[str, list[str]]:
    """Words drawn from the lexicons, so the fuzz reaches the rules: units, magnitudes, verbs, names."""
    from policykg.graph_builder.lexicons import data_text, lexicon

    units = [line.split("\t")[0] for line in data_text("units.tsv").splitlines() if line and line[0] != "#"]
    obs, numbers = lexicon("observations"), lexicon("numbers")
    concepts = lexicon("indicators").table("concepts")
    names = [c["zh"] for c in concepts.values()] + [a for c in concepts.values() for a in c.get("alt", [])]
    return {
        "units": [*units, "%", "个百分点", "倍", "成", "位", "名"],
        "magnitudes": [*numbers.table("magnitudes"), "", "", ""],
        "cn": [*numbers.table("digits"), *numbers.table("small_units"), "万", "亿", "点"],
        "verbs": [*obs.words("growth_verbs"), *obs.words("level_verbs"), *obs.words("count_verbs")[:30]],
        "rank": [*obs.words("rank_verbs")],
        "names": [*names, *obs.words("head_nouns")],
        "approx": [*obs.words("approx_before"), *obs.words("approx_after"), *[""] * 6],
        "separators": [*numbers.words("range_separators")],
    }


def _number(rng: random.Random) -> str:
    """A number as a report, a bad scan or a hostile scraper might write it."""
    kind = rng.random()
    if kind < 0.35:
        return str(rng.randint(0, 99999)) + (f".{rng.randint(0, 99)}" if rng.random() < 0.5 else "")
    if kind < 0.45:
        return f"{rng.randint(1, 999)},{rng.randint(0, 999):03d},{rng.randint(0, 999):03d}"
    if kind < 0.55:  # very large or very long
        return rng.choice(["1" + "0" * rng.randint(20, 400), "9" * rng.randint(25, 60), "1e308", "0." + "3" * 40])
    if kind < 0.62:
        return "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(10, 40))) + "." + "5" * rng.randint(1, 30)
    if kind < 0.72:
        return str(rng.randint(0, 9999)).translate(FULL_WIDTH) + rng.choice(["", "．５", "．０１"])
    if kind < 0.88:
        return "".join(rng.choice(_vocabulary()["cn"]) for _ in range(rng.randint(1, 8)))
    return rng.choice(["0", "00", "0.0", "1/7", "3/0", "三分之一", "翻两番", "首位", "第一", "4.2∶41.1∶54.7", "1.68:1"])


def _figure(rng: random.Random) -> str:
    """A figure: a number with magnitude and unit, a range, or a rank, with the words around it."""
    words = _vocabulary()
    unit, mag = rng.choice(words["units"]), rng.choice(words["magnitudes"])
    if rng.random() < 0.15:  # a range, its unit on one end or both
        low = _number(rng) + (mag + unit if rng.random() < 0.5 else "")
        return low + rng.choice(words["separators"]) + _number(rng) + mag + unit
    if rng.random() < 0.08:
        return rng.choice(words["rank"]) + "全国第" + _number(rng) + rng.choice(["位", "名", ""])
    return rng.choice(words["approx"][:8] + [""] * 8) + _number(rng) + mag + unit + rng.choice(words["approx"])


def _clause(rng: random.Random) -> str:
    words = _vocabulary()
    parts = [rng.choice(SCOPES), rng.choice(words["names"]), rng.choice(words["verbs"]), _figure(rng)]
    if rng.random() < 0.3:
        parts.insert(1, rng.choice(PLACES))
    if rng.random() < 0.2:
        a, b = rng.choice(QUOTES)
        parts.insert(rng.randint(0, len(parts)), a + rng.choice(words["names"]) + _number(rng) + b)
    return "".join(parts)


def _run_on(rng: random.Random) -> str:
    """Numbers and units with no punctuation at all, as a bad PDF conversion leaves tables."""
    words = _vocabulary()
    return "".join(_number(rng) + rng.choice(words["units"]) for _ in range(rng.randint(20, 300)))


def _sentence(rng: random.Random) -> str:
    clauses = [_clause(rng) for _ in range(rng.randint(1, 5))]
    text = rng.choice(FRAMES) + "".join(c + rng.choice(JOINERS) for c in clauses)
    return text + rng.choice(["。", "。", "！", "", "；"])


def _damage(rng: random.Random, text: str) -> str:
    """Line breaks, odd characters and random Unicode put anywhere, numbers included."""
    chars = list(text)
    for _ in range(rng.randint(0, max(1, len(chars) // 40))):
        at = rng.randint(0, len(chars))
        roll = rng.random()
        if roll < 0.5:
            chars.insert(at, rng.choice(BREAKS))
        elif roll < 0.8:
            chars.insert(at, rng.choice(ODD))
        else:
            chars.insert(at, chr(rng.choice([rng.randint(0x20, 0x2FFF), rng.randint(0x3000, 0xFFFF), 0x10FFFF])))
    return "".join(chars)


def generate(rng: random.Random) -> str:
    """One report-like text (tens to thousands of characters)."""
    lines: list[str] = []
    if rng.random() < 0.3:
        lines.append(rng.choice(CHROME))
    if rng.random() < 0.7:
        lines.append(f"{rng.randint(1990, 2035)}年{rng.choice(PLACES)}政府工作报告")
    if rng.random() < 0.5:
        lines.append("各位代表：")
    for _ in range(rng.randint(1, 8)):
        roll = rng.random()
        if roll < 0.15:
            lines.append(rng.choice(HEADINGS) + _clause(rng))
        elif roll < 0.18:
            lines.append(_run_on(rng))
        elif roll < 0.23:
            lines.append(rng.choice(CHROME))
        else:
            lines.append("".join(_sentence(rng) for _ in range(rng.randint(1, 4))))
    text = rng.choice(BREAKS).join(lines)
    text = _damage(rng, text) if rng.random() < 0.8 else text
    if rng.random() < 0.02:  # a lone surrogate, as a bad decode leaves: refused with one line
        at = rng.randint(0, len(text))
        text = text[:at] + chr(rng.randint(0xD800, 0xDFFF)) + text[at:]
    return text


def budget(characters: int) -> float:
    """Seconds an input of this length may take, read to SHACL: linear in its length."""
    return FIXED_SECONDS + characters / ONE_SECOND_PER


@dataclass
class Outcome:
    """What one input did: how long it took and every problem found, by class."""

    seconds: float = 0.0
    refused: str = ""  # the reader's one line, when the bytes were refused (the text is still built)
    problems: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, detail: str) -> None:
        self.problems.setdefault(kind, []).append(detail)


def check(text: str, exports: bool = True) -> Outcome:
    """Run one text through the builder and the exports; every problem found, by class."""
    from policykg.graph_builder.build import write_report
    from policykg.graph_builder.errors import InputError
    from policykg.graph_builder.pipeline import extract, read_text
    from policykg.graph_builder.read.reader import decode_report

    out = Outcome()
    try:
        decode_report(text.encode("utf-8", errors="surrogatepass"))
    except InputError as exc:
        out.refused = str(exc)
    except Exception as exc:
        out.add("crash", f"decode_report: {type(exc).__name__}: {exc}"[:300])
    start = time.process_time()  # CPU seconds of this process: the machine's other work does not count
    try:
        ex = extract(read_text(text))
        graph = write_report(ex)
    except InputError as exc:
        out.refused = out.refused or str(exc)
        return out
    except Exception as exc:
        out.add("crash", f"{type(exc).__name__}: {exc}"[:300])
        return out
    finally:
        out.seconds = time.process_time() - start
    if out.seconds > budget(len(text)):
        out.add("over budget", f"{out.seconds:.1f} s for {len(text)} characters")
    for problem in offset_problems(ex, graph.ntriples()):
        out.add("offsets", problem)
    if ex.document.meta.place and not graph.validation.conforms:
        out.add("shacl", graph.validation.problems[0].message if graph.validation.problems else "?")
    if exports:
        for problem in export_problems(graph.ntriples()):
            out.add("export", problem)
    return out


def offset_problems(ex: Any, lines: bytes) -> list[str]:
    """Spans of the graph whose anchor is not the report's text at their offsets; values as written
    that are not in their figure; line breaks in figures, mentions, headings and labels (a sentence
    may cross a broken line)."""
    import pyoxigraph as ox

    from policykg.graph_builder.model import Extraction

    assert isinstance(ex, Extraction)
    text, out = ex.document.text, []
    spans: dict[str, dict[str, str]] = {}
    for t in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES):
        name = t.predicate.value.rsplit("#", 1)[-1]
        if name in {"anchorOf", "beginIndex", "endIndex"}:
            spans.setdefault(t.subject.value, {})[name] = str(getattr(t.object, "value", ""))
        elif name == "type" and t.object.value.endswith("#Sentence"):
            spans.setdefault(t.subject.value, {})["sentence"] = "yes"
    for _node, span in spans.items():
        if "anchorOf" not in span:
            continue
        begin, end, anchor = int(span.get("beginIndex", -1)), int(span.get("endIndex", -1)), span["anchorOf"]
        if not 0 <= begin < end <= len(text) or text[begin:end] != anchor:
            out.append(f"span {begin}-{end} {anchor!r} is {text[max(begin, 0) : max(end, 0)]!r} in the text")
        elif anchor[:1] in LINE_BREAKS or anchor[-1:] in LINE_BREAKS:
            out.append(f"span {begin}-{end} {anchor!r} begins or ends with a line break")
    for o in ex.observations:
        if o.value not in o.figure.text:
            out.append(f"value {o.value!r} not in its figure {o.figure.text!r}")
        if any(ch in text[o.figure.begin : o.figure.end] for ch in LINE_BREAKS):
            out.append(f"figure {text[o.figure.begin : o.figure.end]!r} crosses a line break")
    for entity in (*ex.initiatives, *ex.organisations):
        if any(ch in entity.label for ch in LINE_BREAKS):
            out.append(f"label {entity.label!r} holds a line break")
    return out


_PLAIN = re.compile("[ -~\u4e00-\u9fbf]*")
"""A line of printable ASCII and CJK ideographs (U+4E00 to U+9FBF) only."""


@cache
def _fixed() -> frozenset[bytes]:
    """The lines every report's graph holds whatever its text (the sector and indicator schemes, the
    software agent): their exports are read back once, in :func:`fixed_problems`, not with every input."""
    from policykg.graph_builder.build import write_report
    from policykg.graph_builder.pipeline import extract, read_text

    lines = write_report(extract(read_text("-"))).ntriples().splitlines()
    return frozenset(line for line in lines if b"/id/report/" not in line)


def fixed_problems() -> list[str]:
    """The exports of the lines every graph holds, read back by pyoxigraph and rdflib."""
    lines = b"".join(line + b"\n" for line in sorted(_fixed()))
    return _round_trips(lines, "pyoxigraph") + _round_trips(lines, "rdflib")


def export_problems(lines: bytes) -> list[str]:
    """Every export format of the lines a text gave its graph (those every graph holds are read back
    once: :func:`fixed_problems`) parsed back, with the same number of triples: by pyoxigraph all of
    them; by rdflib (slow) those holding any character but printable ASCII and ideographs, since a line
    of those alone is written alike in every format."""
    own = [line for line in lines.splitlines() if line not in _fixed()]
    odd = b"".join(line + b"\n" for line in own if not _PLAIN.fullmatch(line.decode("utf-8")))
    return _round_trips(b"".join(line + b"\n" for line in own), "pyoxigraph") + _round_trips(odd, "rdflib")


def _round_trips(lines: bytes, reader: str) -> list[str]:
    import pyoxigraph as ox
    from rdflib import Dataset, Graph

    from policykg.exports.rdf import _ox_format, serialize_ntriples

    expected, out = len(lines.splitlines()), []
    for fmt in EXPORTS:
        stderr, sys.stderr = sys.stderr, io.StringIO()  # the RDF/XML writer reports what it replaced
        try:
            data = serialize_ntriples(lines, fmt)
        except Exception as exc:
            out.append(f"{fmt}: not written: {type(exc).__name__}: {exc}"[:300])
            continue
        finally:
            sys.stderr = stderr
        try:
            if reader == "pyoxigraph":
                found = len(list(ox.parse(data, format=_ox_format(fmt))))
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    holder = Dataset() if fmt in {"trig", "nq"} else Graph()
                    holder.parse(data=data.decode("utf-8"), format=_RDFLIB_NAMES[fmt])
                found = sum(len(g) for g in holder.graphs()) if isinstance(holder, Dataset) else len(holder)
        except Exception as exc:
            out.append(f"{fmt}: {reader}: {type(exc).__name__}: {' '.join(str(exc).split())}"[:300])
            continue
        if found != expected:
            out.append(f"{fmt}: {reader} reads {found} triples of {expected}")
    return out


def _one(text: str) -> tuple[int, Outcome]:
    """One input checked (in a worker process): its length and outcome."""
    return len(text), check(text, exports=not _NO_EXPORTS[0])


_NO_EXPORTS = [False]


WARM_UP = "2026年山西省政府工作报告\n各位代表：\n太原市小店区地区生产总值增长5%，达到1.2万亿元。"
"""Built once by each worker before it counts: loading the lexicons and shapes is not an input's time."""


def warm_up() -> None:
    """Lexicons, patterns, shapes and the word segmenter's dictionary loaded before anything is timed."""
    from policykg.graph_builder.entities.place_bounds import word_edges

    word_edges(WARM_UP)
    check(WARM_UP)


def _init(no_exports: bool) -> None:
    _NO_EXPORTS[0] = no_exports
    warm_up()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=1000, help="inputs to try (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generator (default 0)")
    parser.add_argument("--show", type=int, default=2, help="examples to print per class of problem")
    parser.add_argument("--no-exports", action="store_true", help="skip the export round trips (faster)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--skip", type=int, default=0, help="draw and skip this many inputs first (to split a run)")
    args = parser.parse_args(argv)
    fixed = fixed_problems()
    print(f"  the {len(_fixed())} lines every graph holds: {len(fixed)} export problems", file=sys.stderr, flush=True)
    rng = random.Random(args.seed)
    texts = [generate(rng) for _ in range(args.n)][args.skip :]  # drawn first: the same inputs whatever --jobs
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    slowest, characters, refused, started = 0.0, 0, 0, time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(args.jobs, _init, (args.no_exports,)) as pool:
        for i, (length, outcome) in enumerate(pool.imap(_one, texts, chunksize=4)):
            characters += length
            refused += bool(outcome.refused)
            slowest = max(slowest, outcome.seconds / budget(length))
            for kind, details in outcome.problems.items():
                counts[kind] += 1
                examples.setdefault(kind, []).extend(f"#{args.skip + i}: {d}" for d in details[:1])
            if (i + 1) % 500 == 0:
                print(
                    f"  {args.skip + i + 1} inputs, problems so far: {dict(counts) or 'none'}",
                    file=sys.stderr,
                    flush=True,
                )
    took = time.perf_counter() - started
    print(
        f"inputs {args.skip} to {args.n} (seed {args.seed}), {characters:,} characters, {took:.0f} s with {args.jobs} processes;"
    )
    print(f"  refused by the reader with one line: {refused}")
    for kind in ("crash", "over budget", "offsets", "shacl", "export"):
        print(f"  {kind:12s} {counts[kind] + (len(fixed) if kind == 'export' else 0)}")
    print(f"  slowest input: {slowest:.2f} of its budget ({FIXED_SECONDS:g} s + 1 s per {ONE_SECOND_PER:,} chars, CPU)")
    for kind, found in sorted(examples.items()):
        for line in found[: args.show]:
            print(f"  {kind}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
