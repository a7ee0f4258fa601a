"""The bundled report's graph is byte-identical to a reviewed golden file (``tests/data/seed.golden.ttl``).

A change of extraction that alters the graph fails here until the difference has been read and the
file rewritten on purpose with ``python3 scripts/update_golden.py --write``.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

GOLDEN = Path(__file__).resolve().parent / "data" / "seed.golden.ttl"


def test_seed_graph_is_the_reviewed_golden_file(seed_ttl: Path) -> None:
    built, golden = seed_ttl.read_bytes(), GOLDEN.read_bytes()
    if built != golden:
        new, old = Graph().parse(seed_ttl, format="turtle"), Graph().parse(GOLDEN, format="turtle")
        added, dropped = sorted(new - old)[:5], sorted(old - new)[:5]
        raise AssertionError(
            f"the seed graph differs from the golden file: {len(new - old)} triples added "
            f"(e.g. {added}), {len(old - new)} dropped (e.g. {dropped}); review with "
            "`python3 scripts/update_golden.py`"
        )
