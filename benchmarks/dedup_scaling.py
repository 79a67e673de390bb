"""How ingest time grows when one event is reported again and again (issue 12).

Why: big stories are what users ingest; GDELT counted one kidnapping 151 times. Event groups
must cost the same per mention whether a group holds ten mentions or twenty thousand. For each
N, one fresh database ingests, through the real CLI, N short articles from N outlets that all
report one meeting (worded a little differently each time) together with N unrelated
Reuters-21578 stories. The report gives the time per article at each N and the share of it
spent in deduplication passes (the ingest summary's ``dedup_seconds``), and how many event
groups the meeting's mentions fell into. It also ingests one article that repeats one sentence
``--sentences`` times.

Usage::

    python benchmarks/dedup_scaling.py [--shared ../shared] [--sizes 1000,5000,20000]
                                       [--sentences 20000] [--out FILE]

Inputs and databases go to a temporary directory, removed afterwards; no article text is
written into the repository.
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from report import emit  # benchmarks/report.py

from eventwire.eval.corpora import documents

EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]
OPENINGS = [
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Mevlut Cavusoglu in "
    "Ankara on Monday to discuss the war in Syria.",
    "Sergei Lavrov, Russia's foreign minister, held talks with Turkish Foreign Minister Mevlut "
    "Cavusoglu in Ankara on Monday.",
    "Turkish Foreign Minister Mevlut Cavusoglu met Russian Foreign Minister Sergei Lavrov in "
    "Ankara on Monday, officials said.",
]


def meeting_articles(n: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"meeting-{i}",
            "source": f"outlet-{i}",
            "published": "2016-03-08",
            "title": "Lavrov and Cavusoglu meet in Ankara",
            "text": f"{OPENINGS[i % len(OPENINGS)]} Report {i} of the meeting.",
        }
        for i in range(n)
    ]


def reuters_articles(shared: Path, n: int) -> list[dict[str, Any]]:
    docs = sorted(documents(shared, "reuters").items())[:n]
    return [{"id": f"reuters-{i}", "text": d.text, "published": "2016-03-08"} for i, d in docs]


def ingest(db: Path, inputs: list[Path], folder: Path) -> dict[str, Any]:
    summary = folder / f"{db.stem}-summary.json"
    t0 = time.perf_counter()
    args = ["ingest", *map(str, inputs), "--db", str(db), "--summary-json", str(summary), "-q"]
    run = subprocess.run([*EVENTWIRE, *args], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if run.returncode != 0:
        sys.exit(f"ingest failed ({run.returncode}): {run.stderr.strip()[-500:]}")
    out = json.loads(summary.read_text(encoding="utf-8"))
    out["wall_seconds"] = round(wall, 2)
    return out


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)
    return path


def run_size(shared: Path, n: int, folder: Path) -> dict[str, Any]:
    same = write_jsonl(folder / f"same-{n}.jsonl", meeting_articles(n))
    other = write_jsonl(folder / f"reuters-{n}.jsonl", reuters_articles(shared, n))
    db = folder / f"scale-{n}.db"
    summary = ingest(db, [same, other], folder)
    with sqlite3.connect(db) as conn:
        groups = conn.execute(
            "SELECT count(DISTINCT group_id), max(num_events) FROM events e "
            "JOIN event_groups g ON g.id = e.group_id WHERE e.article_id LIKE 'meeting-%'"
        ).fetchone()
    articles = summary.get("ingested", 0) + summary.get("updated", 0)
    return {
        "n": n,
        "articles": articles,
        "wall_seconds": summary["wall_seconds"],
        "seconds_per_article": round(summary["wall_seconds"] / max(1, 2 * n), 5),
        "dedup_seconds": summary.get("dedup_seconds"),
        "dedup_share": round((summary.get("dedup_seconds") or 0) / summary["wall_seconds"], 3),
        "meeting_groups": groups[0],
        "largest_group_events": groups[1],
    }


SHORT = "Lavrov met Cavusoglu in Ankara on Monday."  # 20,000 of them stay under --max-chars


def long_article(sentences: int, folder: Path) -> dict[str, Any]:
    text = " ".join([SHORT] * sentences)
    path = write_jsonl(folder / "long.jsonl", [{"id": "long", "text": text}])
    summary = ingest(folder / "long.db", [path], folder)
    return {"sentences": sentences, "characters": len(text),
            "wall_seconds": summary["wall_seconds"],
            "dedup_seconds": summary.get("dedup_seconds")}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--sentences", type=int, default=20000)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    report: dict[str, Any] = {"machine": platform.platform(), "sizes": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in sizes:
            report["sizes"].append(run_size(args.shared, n, folder))
            print(json.dumps(report["sizes"][-1]), file=sys.stderr)
        if sizes:
            first, last = report["sizes"][0], report["sizes"][-1]
            report["per_article_ratio_last_to_first"] = round(
                last["seconds_per_article"] / first["seconds_per_article"], 3
            )
        if args.sentences:
            report["long_article"] = long_article(args.sentences, folder)
    emit(report, args.out, indent=1)


if __name__ == "__main__":
    main()
