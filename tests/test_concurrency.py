"""One store, several users: two ingests at once, the explorer reading while an ingest writes,
and a writer that finds the database busy. Nothing is lost or duplicated."""

from __future__ import annotations

import itertools
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
from conftest import write_jsonl

COUNTRIES = ["Kenya", "Uganda", "Egypt", "Jordan", "France", "Turkey", "Greece", "Japan"]
ACTS = [
    "{a}'s foreign minister met {b}'s ambassador in the capital on {day} to discuss trade.",
    "{a} accused {b} of violating the ceasefire along the border on {day}.",
    "{a} pledged humanitarian aid to {b} on {day}, a government spokesman said.",
    "{a} urged {b} to release detained journalists on {day}.",
    "Police in {a} arrested {n} protesters on {day}, officials said.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def articles(first: int, last: int) -> list[dict]:
    """Distinct short wire stories, one per number, with two events each."""
    pairs = [p for p in itertools.permutations(COUNTRIES, 2)]
    out = []
    for i in range(first, last):
        a, b = pairs[i % len(pairs)]
        day = DAYS[i % len(DAYS)]
        one = ACTS[i % len(ACTS)].format(a=a, b=b, day=day, n=i + 3)
        two = ACTS[(i + 2) % len(ACTS)].format(a=b, b=a, day=DAYS[(i + 1) % 5], n=i + 4)
        out.append(
            {
                "id": f"story-{i:04d}",
                "title": f"{a} and {b}, item {i}",
                "text": f"{one} {two} The report was item {i} of the wire.",
                "published": f"2024-0{1 + i % 9}-1{i % 10}",
                "source": ["Wire One", "Wire Two", "Wire Three"][i % 3],
            }
        )
    return out


def ingest_command(source: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", "ingest", str(source), "--db", str(db), "-q",
            *extra]  # fmt: skip


def event_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(
            conn.execute(
                "SELECT article_id, sentence, cameo, source_code, target_code FROM events"
            ).fetchall()
        )


def check_store(db: Path, ids: set[str]) -> None:
    """Each article once, with its sentences, story and events; every event in one group."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = [r[0] for r in conn.execute("SELECT id FROM articles")]
        assert sorted(stored) == sorted(ids)
        in_stories = [r[0] for r in conn.execute("SELECT article_id FROM story_articles")]
        assert sorted(in_stories) == sorted(ids)
        assert conn.execute(
            "SELECT count(*) FROM (SELECT article_id, idx FROM sentences "
            "GROUP BY article_id, idx HAVING count(*) > 1)"
        ).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM events WHERE group_id IS NULL").fetchone() == (0,)
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        counted = conn.execute("SELECT sum(num_events) FROM event_groups").fetchone()[0]
        assert counted == events > 0
        assert conn.execute(
            "SELECT count(*) FROM event_groups g WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.group_id = g.id)"
        ).fetchone() == (0,)


def test_two_ingests_into_one_database_at_once(tmp_path):
    """Two processes, overlapping inputs, small batches so their transactions interleave: the
    store ends exactly as one process ingesting everything would leave it."""
    first = write_jsonl(tmp_path / "first.jsonl", articles(0, 60))
    second = write_jsonl(tmp_path / "second.jsonl", articles(30, 90))
    db = tmp_path / "shared.db"
    runs = [
        subprocess.Popen(
            ingest_command(path, db, "--batch-size", "4"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0 and "Traceback" not in err, err
    ids = {a["id"] for a in articles(0, 90)}
    check_store(db, ids)

    alone = tmp_path / "alone.db"
    everything = write_jsonl(tmp_path / "all.jsonl", articles(0, 90))
    subprocess.run(ingest_command(everything, alone), check=True, capture_output=True)
    assert event_rows(db) == event_rows(alone)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_explorer_reads_while_an_ingest_writes(tmp_path):
    """WAL: every request during the ingest answers at once, and the counts only grow."""
    db = tmp_path / "live.db"
    subprocess.run(
        ingest_command(write_jsonl(tmp_path / "seed.jsonl", articles(0, 5)), db),
        check=True,
        capture_output=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    writer = None
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/summary", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        writer = subprocess.Popen(
            ingest_command(
                write_jsonl(tmp_path / "more.jsonl", articles(5, 125)), db, "--batch-size", "4"
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        counts, slowest, answered = [], 0.0, 0
        while writer.poll() is None:
            t0 = time.monotonic()
            summary = httpx.get(f"{base}/api/summary", timeout=10)
            events = httpx.get(f"{base}/api/events", params={"limit": 5}, timeout=10)
            slowest = max(slowest, time.monotonic() - t0)
            assert summary.status_code == 200 and events.status_code == 200
            counts.append(summary.json()["articles"])
            answered += 1
        assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
        final = httpx.get(f"{base}/api/summary", timeout=10).json()["articles"]
    finally:
        server.terminate()
        server.wait(timeout=30)
        if writer is not None and writer.poll() is None:
            writer.kill()
    assert answered >= 5
    assert counts == sorted(counts) and counts[-1] > 5  # it saw the ingest's batches land
    assert final == 125
    assert slowest < 5.0, f"a reader waited {slowest:.1f} s"
    check_store(db, {a["id"] for a in articles(0, 125)})


def test_a_busy_writer_waits_then_stops_with_a_clear_message(cli, db, tmp_path):
    source = write_jsonl(tmp_path / "some.jsonl", articles(0, 3))
    cli("ingest", str(write_jsonl(tmp_path / "seed.jsonl", articles(10, 11))), "--db", str(db))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's long write
    try:
        t0 = time.monotonic()
        result = cli("ingest", str(source), "--db", str(db), "--busy-timeout", "1")
        waited = time.monotonic() - t0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert "the database is busy" in result.output and "--busy-timeout" in result.output
    assert "Traceback" not in result.output
    assert waited >= 1.0
    again = cli("ingest", str(source), "--db", str(db))
    assert again.exit_code == 0
    check_store(db, {"story-0010", "story-0000", "story-0001", "story-0002"})
