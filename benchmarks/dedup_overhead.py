"""What deduplication adds to ``eventwire ingest``, on Reuters-21578 stories.

Why: stories and event groups are updated inside every ingest batch, so their cost must stay
small next to parsing. The same input is ingested through the real CLI, each run in its own
fresh database and subprocess, alternately with deduplication (the default) and with
``--no-dedup``; then ``eventwire dedup`` builds the second database's stories and groups in one
pass. The report gives wall times, the ingest summary's own ``seconds`` and ``dedup_seconds``
(the time spent in dedup passes inside the write transactions), and what was found. Other
processes on the machine move the wall times by several seconds; ``dedup_seconds`` is the
direct measure.

Usage::

    python benchmarks/dedup_overhead.py [--shared ../shared] [--files 1] [--repeat 2] [--out FILE]

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

from report import emit  # benchmarks/report.py

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
    parser.add_argument("--repeat", type=int, default=2, help="Runs of each mode.")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    files = sorted((args.shared / "data/corpora/reuters21578").glob("reut2-*.sgm"))[: args.files]
    if not files:
        print(json.dumps({"skipped": f"no Reuters-21578 files under {args.shared}"}))
        return
    inputs = [str(f) for f in files]
    report: dict[str, Any] = {"inputs": [f.name for f in files], "runs": []}
    with tempfile.TemporaryDirectory(prefix="eventwire-dedup-bench-") as tmp:
        for n in range(args.repeat):  # alternate, so drifting machine load hits both alike
            run: dict[str, Any] = {}
            for mode in ("dedup", "no_dedup"):
                db, summary = Path(tmp) / f"{mode}{n}.db", Path(tmp) / f"{mode}{n}.json"
                extra = ["--no-dedup"] if mode == "no_dedup" else []
                wall = _run(["ingest", *inputs, "--db", str(db), "-q", *extra,
                             "--summary-json", str(summary)])  # fmt: skip
                s = json.loads(summary.read_text())
                run[mode] = {"wall_seconds": round(wall, 2), "ingest_seconds": s["seconds"],
                             "dedup_seconds": s["dedup_seconds"]}  # fmt: skip
            run["dedup_command_seconds"] = round(
                _run(["dedup", "--db", str(Path(tmp) / f"no_dedup{n}.db")]), 2
            )
            report["runs"].append(run)
        first_on, first_off = Path(tmp) / "dedup0.db", Path(tmp) / "no_dedup0.db"
        report["found"] = _found(first_on)
        report["same_result_both_ways"] = _found(first_on) == _found(first_off)
    runs = report["runs"]
    dedup = sum(r["dedup"]["dedup_seconds"] for r in runs) / len(runs)
    ingest = sum(r["dedup"]["ingest_seconds"] for r in runs) / len(runs)
    report["mean_dedup_seconds_in_ingest"] = round(dedup, 3)
    report["mean_dedup_share_of_ingest"] = round(dedup / ingest, 4)
    emit(report, args.out)


if __name__ == "__main__":
    main()
