"""``ingest --parquet-out DIR``: workers write their own Parquet partitions, with the same
events a store gets; ``eventwire sql --parquet DIR`` reads them; a re-run, or a run after a
killed one, writes every article exactly once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLES, write_jsonl

from eventwire.rows import EVENT_FIELDS, declared_type
from eventwire.store.schema import migrate

CLI = [sys.executable, "-m", "eventwire.cli"]
COMPARED = "article_id, sentence, start_char, end_char, cameo, source_code, target_code, date"


def _sql(cli, *args: str) -> list[dict]:
    result = cli("sql", *args, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _events(cli, where: list[str]) -> list[tuple]:
    rows = _sql(cli, f"SELECT {COMPARED} FROM events ORDER BY {COMPARED}", *where)
    return [tuple(row.values()) for row in rows]


def test_event_fields_are_the_stored_columns_with_their_declared_types():
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    declared = {r[1]: r[2] for r in conn.execute("PRAGMA table_info(events)")}
    assert {name: declared[name] for name in EVENT_FIELDS} == {
        name: declared_type(name) for name in EVENT_FIELDS
    }
    assert set(declared) - set(EVENT_FIELDS) == {"id", "group_id", "merge_note"}


def test_parquet_partitions_hold_the_events_a_store_gets(cli, tmp_path):
    out, db = tmp_path / "run", tmp_path / "same.db"
    articles = str(SAMPLES / "articles.jsonl")
    result = cli("ingest", articles, "--parquet-out", str(out), "-q", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert f"Ingested 4 article(s) into Parquet partitions under {out}" in result.output
    assert not (tmp_path / "eventwire.db").exists()  # no database is written
    assert cli("ingest", articles, "--db", str(db), "-q").exit_code == 0

    from_parquet = _events(cli, ["--parquet", str(out)])
    assert len(from_parquet) > 10
    assert from_parquet == _events(cli, ["--db", str(db)])
    # a file per chunk (two articles) and month; the articles view counts the events
    assert len(list((out / "articles").glob("part-*.parquet"))) == 2
    months = {p.parent.relative_to(out / "events").as_posix() for p in out.rglob("*.parquet")
              if "events" in p.parts}  # fmt: skip
    assert "year=2016/month=03" in months
    counts = _sql(cli, "SELECT sum(num_events) AS n, count(*) AS a FROM articles", "--parquet",
                  str(out))  # fmt: skip
    assert counts == [{"n": len(from_parquet), "a": 4}]
    assert f"under {out}: {len(from_parquet)} event(s)," in result.output
    joined = _sql(cli, "SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id "
                  "WHERE e.article_published = a.published", "--parquet", str(out))  # fmt: skip
    assert joined == [{"n": len(from_parquet)}]


def test_a_rerun_writes_nothing_twice_and_a_killed_runs_leftovers_are_removed(cli, tmp_path):
    out = tmp_path / "run"
    articles = str(SAMPLES / "articles.jsonl")
    assert cli("ingest", articles, "--parquet-out", str(out), "-q").exit_code == 0
    before = _events(cli, ["--parquet", str(out)])
    # what a kill leaves: a chunk's event file without its articles file (the commit), and a
    # half-written file under its dot-name
    month = out / "events" / "year=2016" / "month=03"
    stray = pq.read_table(next(month.glob("part-*.parquet")))
    pq.write_table(stray, month / "part-uncommitted0000000000.parquet")
    (month / ".part-x.parquet.tmp").write_bytes(b"PAR1 half")
    assert len(_events(cli, ["--parquet", str(out)])) == len(before) + stray.num_rows

    again = cli("ingest", articles, "--parquet-out", str(out), "-q")
    assert again.exit_code == 0, again.output
    assert "Ingested 0 article(s)" in again.output and "4 skipped as duplicates" in again.output
    assert not (month / "part-uncommitted0000000000.parquet").exists()
    assert not (month / ".part-x.parquet.tmp").exists()
    assert _events(cli, ["--parquet", str(out)]) == before


def test_new_articles_are_added_beside_the_old_ones(cli, tmp_path):
    out = tmp_path / "run"
    records = [json.loads(line) for line in (SAMPLES / "articles.jsonl").read_text().splitlines()]
    first = write_jsonl(tmp_path / "first.jsonl", records[:2])
    both = write_jsonl(tmp_path / "all.jsonl", records)
    assert cli("ingest", str(first), "--parquet-out", str(out), "-q").exit_code == 0
    result = cli("ingest", str(both), "--parquet-out", str(out), "-q")
    assert "Ingested 2 article(s)" in result.output and "2 skipped" in result.output
    ids = _sql(cli, "SELECT id FROM articles ORDER BY id", "--parquet", str(out))
    assert [r["id"] for r in ids] == sorted(r["id"] for r in records)


def test_a_bad_output_location_is_named(cli, tmp_path):
    file = tmp_path / "file"
    file.write_text("x")
    result = cli("ingest", str(SAMPLES / "articles.jsonl"), "--parquet-out", str(file), "-q")
    assert result.exit_code != 0 and f"{file}: not a directory" in result.output


def test_sql_parquet_names_a_directory_without_parquet(cli, tmp_path):
    result = cli("sql", "SELECT 1", "--parquet", str(tmp_path))
    assert result.exit_code != 0 and "no Parquet here" in result.output


def test_dask_workers_write_the_same_partitions(tmp_path):
    pytest.importorskip("distributed", reason="the Dask engine is the optional extra")
    articles = str(SAMPLES / "articles.jsonl")
    tables = {}
    for name, options in {"local": [], "dask": ["--engine", "dask", "--workers", "2"]}.items():
        out = tmp_path / name
        run = subprocess.run(
            [*CLI, "ingest", articles, "--parquet-out", str(out), "-q", "--batch-size", "1",
             *options],
            capture_output=True,
            timeout=600,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr.decode()[-2000:]
        table = pa.concat_tables(
            pq.read_table(p).select(list(EVENT_FIELDS)) for p in sorted(out.rglob("*.parquet"))
            if "events" in p.relative_to(out).parts
        )  # fmt: skip
        tables[name] = sorted(map(tuple, (r.values() for r in table.to_pylist())), key=repr)
    assert len(tables["local"]) > 10
    assert tables["dask"] == tables["local"]
