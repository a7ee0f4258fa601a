"""Time every page of ``policykg view --all`` in headless Chromium: seconds until interactive and nodes drawn.

A page is interactive when its script has run and marked ``<body data-ready="1">`` (a network view
once its first drawing is done, a table page once its sorting and filtering are wired). Each page is
opened from disk with every http(s) request blocked, in a fresh browser context; the figure is the
median of ``--runs`` openings. Network pages also report how many nodes they draw when they open
(``pkgView.nodeView.length``) and how many the page holds in all. Not part of the test suite.

    .venv/bin/python benchmarks/page_timing.py SITE_DIR [--runs 3] [--json out.json]

Build the site first, e.g. on the 25-report corpus:

    policykg build -j 2 ../shared/corpus/provinces-2026/*.txt -o /tmp/views_corpus
    policykg view --all --graph /tmp/views_corpus/graph.ttl -o /tmp/views_site
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
COUNT = "window.pkgView ? [pkgView.nodeView.length, pkgView.data.nodes.length] : [0, 0]"


def open_once(browser: Any, path: Path, timeout_ms: int) -> tuple[float, list[int], list[str]]:
    """Seconds until the page is ready, (nodes drawn, nodes held), and any script errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("http://*/**", lambda r: r.abort())
    page.route("https://*/**", lambda r: r.abort())
    try:
        start = time.monotonic()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout_ms)
        elapsed = time.monotonic() - start
        counts = page.evaluate(COUNT)
    finally:
        context.close()
    return elapsed, counts, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="folder written by policykg view --all")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a page counts as failed")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    pages = sorted(args.site.glob("*.html"))
    if not pages:
        print(f"no pages in {args.site}: run policykg view --all first", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for path in pages:
                runs = [open_once(browser, path, int(args.timeout * 1000)) for _ in range(args.runs)]
                seconds = statistics.median(r[0] for r in runs)
                drawn, held = runs[0][1]
                errors = sorted({e for r in runs for e in r[2]})
                rows.append(
                    {
                        "page": path.name,
                        "seconds": round(seconds, 3),
                        "drawn": drawn,
                        "held": held,
                        "bytes": path.stat().st_size,
                        "errors": errors,
                    }
                )
                print(
                    f"{path.name:24} {seconds:6.2f} s  drawn {drawn:5}  held {held:6}  "
                    f"{path.stat().st_size / 1e6:6.2f} MB{'  ERRORS ' + '; '.join(errors) if errors else ''}",
                    flush=True,
                )
        finally:
            browser.close()
    worst = max(rows, key=lambda r: r["seconds"])
    most = max(rows, key=lambda r: r["drawn"])
    print(
        f"{len(rows)} pages; slowest {worst['page']} {worst['seconds']:.2f} s; "
        f"median {statistics.median(r['seconds'] for r in rows):.2f} s; most drawn {most['page']} {most['drawn']}"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
