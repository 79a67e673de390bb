"""Progress on a terminal, silence when piped; worker processes give the same store."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

from conftest import write_jsonl

from eventwire import Store
from eventwire.jobs import ingest

TEXT = (
    "The Iraqi prime minister met the Kurdish regional president in Erbil on Wednesday to "
    "discuss oil exports and the budget dispute, officials said."
)


def records(n: int) -> list[dict]:
    return [{"id": f"r{i}", "text": f"{TEXT} Meeting number {i} ended late."} for i in range(n)]


def ingest_command(path, db) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", "ingest", str(path), "--db", str(db)]


def test_summary_but_no_progress_bar_when_piped(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", records(3))
    proc = subprocess.run(
        ingest_command(path, tmp_path / "x.db"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0
    assert proc.stdout == ""
    assert proc.stderr.startswith("Ingested 3 article(s)")
    assert "ETA" not in proc.stderr and "\x1b[" not in proc.stderr


def test_progress_bar_on_a_terminal(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", records(3))
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        ingest_command(path, tmp_path / "x.db"),
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
    )
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 300)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    proc.wait(timeout=60)
    os.close(leader)
    text = output.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "ingest" in text and "articles/s" in text and "ETA" in text and "3/3" in text
    assert "Ingested 3 article(s)" in text


def test_ingest_with_two_workers_matches_one(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", records(7))
    tables = ("articles", "sentences", "mentions")
    counts = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            summary = ingest(store, [str(path)], workers=workers, batch_size=3)
            assert summary.ingested == 7
            mentions = store.conn.execute(
                "SELECT article_id, start_char, end_char, label FROM mentions ORDER BY 1, 2"
            ).fetchall()
            counts.append(([store.count(t) for t in tables], [tuple(m) for m in mentions]))
    assert counts[0] == counts[1]
