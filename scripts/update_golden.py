#!/usr/bin/env python3
"""Rewrite the reviewed golden graph of the bundled report (``tests/data/seed.golden.ttl``), on purpose.

Run it only after reading what changed: it prints the triples the new build adds and drops, so the
change can be reviewed (and quoted in the commit) before the golden file is replaced.

    python3 scripts/update_golden.py          # show the difference, write nothing
    python3 scripts/update_golden.py --write  # and replace the golden file
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "seed.golden.ttl"


def main(argv: list[str]) -> int:
    from rdflib import Graph

    from policykg.building import build
    from policykg.exports import serialize_graph

    text = serialize_graph(build(validate=False).graph, "turtle")
    old = Graph().parse(GOLDEN, format="turtle") if GOLDEN.exists() else Graph()
    new = Graph().parse(data=text, format="turtle")
    added, dropped = sorted(new - old), sorted(old - new)
    for sign, triples in (("+", added), ("-", dropped)):
        for s, p, o in triples:
            print(f"{sign} {s.n3()} {p.n3()} {o.n3()}")
    print(f"{len(added)} added, {len(dropped)} dropped ({len(new)} triples)", file=sys.stderr)
    if "--write" in argv:
        GOLDEN.write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
