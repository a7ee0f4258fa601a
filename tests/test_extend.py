"""The README's recipe for a new unit holds: rows of data, no code.

A folder named by ``POLICYKG_LEXICON_DIR`` adds rows to the packaged tables, so the test adds a unit
the table lacks (tonnes per hour, as a plant's capacity is written) without touching the package, in a fresh process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPORT = "2025年某某市政府工作报告\\n\\n一、2024年工作回顾\\n\\n全市垃圾焚烧处理能力达到20吨/小时。\\n"
CODE = f"""
import json, policykg
from policykg.ontology.validate import validate_graph
graph = policykg.build_graph("{REPORT}")
rows = policykg.query(graph, "observations").rows
units = policykg.query(graph, "SELECT ?u WHERE {{ ?o sdmx-attribute:unitMeasure ?u }}").rows
print(json.dumps({{"rows": [[r["value"], r["unit"], str(r["valueNormalized"]), r["baseUnit"]] for r in rows],
                  "units": [u["u"] for u in units], "conforms": validate_graph(graph).conforms}}))
"""


def _run(overlay: Path | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "POLICYKG_LEXICON_DIR"}
    if overlay is not None:
        env["POLICYKG_LEXICON_DIR"] = str(overlay)
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, check=True)
    out: dict[str, object] = json.loads(done.stdout)
    return out


def test_a_unit_added_as_data_rows_is_found_normalised_and_validated(tmp_path: Path) -> None:
    (tmp_path / "units.tsv").write_text("吨/小时\tt/h\t1\tunit:TON_Metric-PER-HR\trate\n", encoding="utf-8")
    added = _run(tmp_path)
    assert added["rows"] == [["20", "吨/小时", "20", "t/h"]]
    assert added["units"] == ["http://qudt.org/vocab/unit/TON_Metric-PER-HR"]
    assert added["conforms"] is True
    before = _run(None)
    assert before["rows"] == [["20", "吨", "20", "t"]], "without the row, /小时 is not part of the unit"
