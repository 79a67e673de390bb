"""What deduplication adds to ``eventwire ingest``, on Reuters-21578 stories.

Why: stories and event groups are updated inside every ingest batch, so their cost must stay
small next to parsing. The same input is ingested twice through the real CLI, each run in its
own fresh database and subprocess: with deduplication (the default) and with ``--no-dedup``;
then ``eventwire dedup`` builds the second database's stories and groups in one pass. The
report gives wall times, the dedup seconds the ingest summary measures, and what was found.

Usage::

    python benchmarks/dedup_overhead.py [--shared ../shared] [--files 1] [--out FILE]

``--files N`` takes the first N ``reut2-*.sgm`` files (1,000 stories each). Databases go to a
temporary directory, removed afterwards; no article text is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]


def _run(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([*EVENTWIRE, *args], check=True, capture_output=True)
    return time.perf_counter() - t0


def _found(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    groups = "SELECT count(*) FROM event_groups"
    found = {
        "articles": q("SELECT count(*) FROM articles"),
        "events": q("SELECT count(*) FROM events"),
        "stories": q("SELECT count(*) FROM stories"),
        "stories_with_copies": q("SELECT count(*) FROM stories WHERE num_articles > 1"),
        "event_groups": q(groups),
        "groups_with_several_mentions": q(f"{groups} WHERE num_mentions > 1"),
        "groups_with_several_articles": q(f"{groups} WHERE num_articles > 1"),
    }
    conn.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    files = sorted((args.shared / "data/corpora/reuters21578").glob("reut2-*.sgm"))[: args.files]
    if not files:
        print(json.dumps({"skipped": f"no Reuters-21578 files under {args.shared}"}))
        return
    inputs = [str(f) for f in files]
    report: dict[str, Any] = {"inputs": [f.name for f in files]}
    with tempfile.TemporaryDirectory(prefix="eventwire-dedup-bench-") as tmp:
        on, off = Path(tmp) / "on.db", Path(tmp) / "off.db"
        summary_on, summary_off = Path(tmp) / "on.json", Path(tmp) / "off.json"
        report["ingest_seconds"] = round(
            _run(["ingest", *inputs, "--db", str(on), "-q", "--summary-json", str(summary_on)]), 2
        )
        report["ingest_no_dedup_seconds"] = round(
            _run(["ingest", *inputs, "--db", str(off), "-q", "--no-dedup",
                  "--summary-json", str(summary_off)]), 2,
        )  # fmt: skip
        report["dedup_command_seconds"] = round(_run(["dedup", "--db", str(off)]), 2)
        s_on = json.loads(summary_on.read_text())
        report["ingest_summary_seconds"] = s_on["seconds"]
        report["dedup_seconds_in_ingest"] = s_on["dedup_seconds"]
        report["dedup_share_of_ingest"] = round(s_on["dedup_seconds"] / s_on["seconds"], 4)
        report["found"] = _found(on)
        report["same_result_both_ways"] = _found(on) == _found(off)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
