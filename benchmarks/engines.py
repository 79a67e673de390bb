"""The Dask engine against the local process pool, side by side on the same Reuters stories.

Why: ``--engine dask`` must cost no more per core than ``--workers N`` on one machine, or a
cluster would only move the bottleneck. Each run is a fresh ``eventwire extract`` subprocess
over the same JSONL file with the same number of worker processes (a 2-worker LocalCluster
against ``--workers 2``); wall time includes start-up (model loading in each worker) and both
outputs are compared line by line.

Usage::

    python benchmarks/engines.py [--n 2000] [--workers 2] [--shared ../shared] [--out FILE]
                                 [--ingest]

``--ingest`` also times ``ingest`` into one SQLite store (local workers, one writer) against
``ingest --parquet-out`` on Dask (each worker writes its own Parquet partitions).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from report import emit  # benchmarks/report.py

from eventwire.ingest.readers import ReadOptions, read_reuters_sgml
from eventwire.ingest.records import RawRecord


def reuters(shared: Path, n: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted((shared / "data" / "corpora" / "reuters21578").glob("reut2-*.sgm")):
        for item in read_reuters_sgml(path.read_bytes(), str(path), ReadOptions()):
            if isinstance(item, RawRecord):
                out.append({"id": item.id, "title": item.title, "text": item.text,
                            "published": item.published, "source": item.source})  # fmt: skip
                if len(out) == n:
                    return out
    return out


def timed_extract(source: Path, target: Path, *options: str) -> float:
    command = [sys.executable, "-m", "eventwire.cli", "extract", str(source), "-o", str(target)]
    t0 = time.perf_counter()
    subprocess.run([*command, *options], check=True, capture_output=True)
    return time.perf_counter() - t0


def timed_ingest(source: Path, *options: str) -> float:
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(source), "-q", *options]
    t0 = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path)
    ap.add_argument(
        "--ingest",
        action="store_true",
        help="Also time ingest into one store (local) against Dask workers writing Parquet",
    )
    args = ap.parse_args()
    records = reuters(args.shared, args.n)
    workers = str(args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "reuters.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        local = timed_extract(source, folder / "local.jsonl", "--workers", workers)
        dask = timed_extract(
            source, folder / "dask.jsonl", "--engine", "dask", "--workers", workers
        )
        same = (folder / "local.jsonl").read_bytes() == (folder / "dask.jsonl").read_bytes()
        ingest: dict[str, Any] = {}
        if args.ingest:
            store = timed_ingest(source, "--db", str(folder / "s.db"), "--workers", workers)
            parquet = timed_ingest(
                source, "--parquet-out", str(folder / "pq"), "--engine", "dask",
                "--workers", workers,
            )  # fmt: skip
            ingest = {
                "ingest_store_local_seconds": round(store, 1),
                "ingest_parquet_dask_seconds": round(parquet, 1),
                "parquet_dask_to_store_local": round(store / parquet, 3),
            }
    report = {
        "machine": platform.platform(),
        "articles": len(records),
        "workers": args.workers,
        "local_seconds": round(local, 1),
        "dask_seconds": round(dask, 1),
        "local_articles_per_second": round(len(records) / local, 2),
        "dask_articles_per_second": round(len(records) / dask, 2),
        "dask_to_local": round(local / dask, 3),
        "identical_output": same,
        **ingest,
    }
    emit(report, args.out, indent=1)


if __name__ == "__main__":
    main()
