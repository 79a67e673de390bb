"""``--engine dask``: the same results, in the same order, as the local run, and the same
crash safety: a client killed mid-ingest, then re-run, leaves every article stored once."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import write_jsonl
from test_crash_recovery import reuters_records, stored_count

pytest.importorskip("distributed", reason="the Dask engine is the optional extra eventwire[dask]")

CLI = [sys.executable, "-m", "eventwire.cli"]


def test_dask_extract_prints_the_same_lines_as_the_local_run(tmp_path):
    records = reuters_records(40)
    source = tmp_path / "in.jsonl"
    write_jsonl(source, records)
    with source.open("a") as fh:
        fh.write("{broken\n")  # a bad line keeps its place too
    outputs = {}
    for name, options in {
        "local": [],
        "dask": ["--engine", "dask", "--workers", "2", "--batch-size", "4"],
    }.items():
        run = subprocess.run(
            [*CLI, "extract", str(source), *options], capture_output=True, timeout=600
        )
        assert run.returncode == 0, run.stderr.decode()[-2000:]
        outputs[name] = run.stdout
    lines = outputs["local"].decode().splitlines()
    assert len(lines) == 41 and '"errors": []' in lines[0] and "malformed JSON" in lines[-1]
    assert outputs["dask"] == outputs["local"]


def test_a_client_killed_mid_dask_ingest_then_rerun_stores_each_article_once(tmp_path):
    n = 300
    records = reuters_records(n)
    source = write_jsonl(tmp_path / "in.jsonl", records)
    db = tmp_path / "dask.db"
    command = [*CLI, "ingest", str(source), "--db", str(db), "-q", "--engine", "dask",
               "--workers", "2", "--batch-size", "8"]  # fmt: skip
    client = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 600
        while stored_count(db) < n // 4:
            assert client.poll() is None, "ingest finished before it could be killed"
            assert time.monotonic() < deadline, "ingest too slow"
            time.sleep(0.1)
        os.kill(client.pid, signal.SIGKILL)  # the client (and the scheduler inside it) dies
        client.wait()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(client.pid, signal.SIGKILL)  # its orphaned workers too
    with sqlite3.connect(db) as conn:  # read-write: it recovers the dead writer's WAL index
        at_kill = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert n // 4 <= at_kill < n
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert f"{at_kill} skipped as duplicates" in rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
        stories = conn.execute("SELECT count(*) FROM story_articles").fetchone()[0]
        ungrouped = conn.execute("SELECT count(*) FROM events WHERE group_id IS NULL").fetchone()
    failed = rerun.stderr.count("  failed: ")
    assert len(ids) == len(set(ids)) and len(ids) + failed == n
    assert stories == len(ids) and ungrouped == (0,)


def test_a_scheduler_needs_the_dask_engine(cli, tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Egypt urged Jordan."}])
    result = cli("extract", str(source), "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.output
