"""kill -9 at ten points of an ingest of 2,000 Reuters stories, each then resumed: each story is
stored once."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import need_shared, write_jsonl

from eventwire.ingest.readers import ReadOptions, read_reuters_sgml
from eventwire.ingest.records import RawRecord

N = 2000
KILLS = 10


def reuters_records(n: int) -> list[dict]:
    folder = need_shared("data", "corpora", "reuters21578")
    records: list[dict] = []
    for path in sorted(folder.glob("reut2-*.sgm")):
        for item in read_reuters_sgml(path.read_bytes(), str(path), ReadOptions()):
            if isinstance(item, RawRecord):
                records.append(
                    {
                        "id": item.id,
                        "title": item.title,
                        "text": item.text,
                        "published": item.published,
                        "source": item.source,
                    }
                )
                if len(records) == n:
                    return records
    return records


def stored_count(db) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_kill_nine_at_ten_points_then_resume_stores_each_article_once(tmp_path):
    """Ten kills at random points (during start-up, mid-batch, mid-transaction), each followed
    by a resume; the last run goes to the end. Every article is stored exactly once."""
    records = reuters_records(N)
    assert len(records) == N
    source = write_jsonl(tmp_path / "reuters.jsonl", records)
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(source), "--db", str(db), "-q"]
    rng = random.Random(20261204)
    targets = sorted(rng.sample(range(N - 100), KILLS))
    counts = []
    for target in targets:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 600
        while stored_count(db) < target:
            assert proc.poll() is None, f"ingest finished before reaching {target}"
            assert time.monotonic() < deadline, "ingest too slow"
            time.sleep(0.05)
        time.sleep(rng.uniform(0, 1.0))  # land anywhere in a batch: parsing, writing, dedup
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(db) as conn:  # read-write: it recovers the dead writer's WAL index
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counts.append(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    assert counts == sorted(counts)  # nothing committed is ever lost

    summary_path = tmp_path / "summary.json"
    rerun = subprocess.run(
        command + ["--summary-json", str(summary_path)], capture_output=True, text=True, timeout=900
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    summary = json.loads(summary_path.read_text())
    assert summary["duplicates"] == counts[-1]  # everything committed before the kill is kept

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
        sentence_articles = {
            r[0] for r in conn.execute("SELECT DISTINCT article_id FROM sentences")
        }
        dup_sentences = conn.execute(
            "SELECT count(*) FROM (SELECT article_id, idx FROM sentences "
            "GROUP BY article_id, idx HAVING count(*) > 1)"
        ).fetchone()[0]
        fts_rows = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        in_stories = [r[0] for r in conn.execute("SELECT article_id FROM story_articles")]
        ungrouped = conn.execute("SELECT count(*) FROM events WHERE group_id IS NULL").fetchone()
        grouped = conn.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT sum(num_events) FROM event_groups)"
        ).fetchone()
    failed_ids = {f.split(":", 2)[1] for f in summary["failures"]}  # "<file>:<line>: reason"
    assert len(ids) == len(set(ids))
    assert len(ids) + summary["failed"] == N
    expected = {r["id"] for i, r in enumerate(records, 1) if str(i) not in failed_ids}
    assert set(ids) == expected
    assert sentence_articles == set(ids) and dup_sentences == 0
    assert fts_rows == len(ids)
    assert sorted(in_stories) == sorted(ids)
    assert ungrouped == (0,) and grouped[0] == grouped[1]
