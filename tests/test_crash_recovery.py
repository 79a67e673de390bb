"""A kill -9 halfway through ingesting 2,000 Reuters stories, then a re-run: each stored once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import need_shared, write_jsonl

from eventwire.ingest.readers import ReadOptions, read_reuters_sgml
from eventwire.ingest.records import RawRecord

N = 2000


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


def test_kill_nine_then_rerun_stores_each_article_once(tmp_path):
    records = reuters_records(N)
    assert len(records) == N
    source = write_jsonl(tmp_path / "reuters.jsonl", records)
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(source), "--db", str(db), "-q"]

    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while stored_count(db) < N // 2:
        assert proc.poll() is None, "ingest finished before it could be killed"
        assert time.monotonic() < deadline, "ingest too slow to reach halfway"
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = stored_count(db)
    assert N // 2 <= at_kill < N

    summary_path = tmp_path / "summary.json"
    rerun = subprocess.run(
        command + ["--summary-json", str(summary_path)], capture_output=True, text=True, timeout=900
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    summary = json.loads(summary_path.read_text())
    assert summary["duplicates"] == at_kill  # everything committed before the kill is kept

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
    failed_ids = {f.split(":", 2)[1] for f in summary["failures"]}  # "<file>:<line>: reason"
    assert len(ids) == len(set(ids))
    assert len(ids) + summary["failed"] == N
    expected = {r["id"] for i, r in enumerate(records, 1) if str(i) not in failed_ids}
    assert set(ids) == expected
    assert sentence_articles == set(ids) and dup_sentences == 0
    assert fts_rows == len(ids)
