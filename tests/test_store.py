"""The store: WAL, versioned schema, idempotent ingest, updates, full-text search."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import write_jsonl

from eventwire import Store
from eventwire.jobs import ingest
from eventwire.model import OffsetMap
from eventwire.store import SCHEMA_VERSION, StoreError

TEXT_A = (
    "PARIS, May 3 (Sample Wire) – The French foreign minister met his Turkish counterpart in "
    "Paris on Monday to discuss refugees and the conflict in Syria."
)
TEXT_B = (
    "The Egyptian president received the Saudi crown prince in Cairo on Sunday, and the two "
    "leaders discussed investment and regional security."
)


def test_schema_is_versioned_and_wal(db):
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {
        "articles",
        "articles_fts",
        "sentences",
        "actors",
        "mentions",
        "events",
        "quotes",
    } <= tables


def test_newer_schema_is_refused(db):
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(Exception, match="newer than this eventwire"):
        Store(db)


def test_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not an eventwire database"):
        Store(bogus)


def test_readonly_needs_an_existing_file(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "absent.db", readonly=True)


def test_reingest_adds_nothing_and_keeps_results(db, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"id": "a", "text": TEXT_A}, {"id": "b", "text": TEXT_B}]
    )
    with Store(db) as store:
        first = ingest(store, [str(path)])
        counts = {t: store.count(t) for t in ("articles", "sentences", "mentions")}
        second = ingest(store, [str(path)])
        assert (first.ingested, second.ingested, second.duplicates) == (2, 0, 2)
        assert {t: store.count(t) for t in counts} == counts
        runs = store.conn.execute("SELECT ingested, duplicates FROM ingest_runs").fetchall()
    assert [tuple(r) for r in runs] == [(2, 0), (0, 2)]


def test_same_article_twice_in_one_run_is_stored_once(db, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT_A}, {"text": TEXT_A}])
    with Store(db) as store:
        summary = ingest(store, [str(path)])
        assert (summary.ingested, summary.duplicates, store.count("articles")) == (1, 1, 1)


def test_changed_text_under_the_same_id_replaces_it(db, tmp_path):
    with Store(db) as store:
        ingest(store, [str(write_jsonl(tmp_path / "v1.jsonl", [{"id": "a", "text": TEXT_A}]))])
        summary = ingest(
            store, [str(write_jsonl(tmp_path / "v2.jsonl", [{"id": "a", "text": TEXT_B}]))]
        )
        assert (summary.updated, summary.ingested) == (1, 0)
        assert store.article("a")["text"] == TEXT_B
        mentions = [r[0] for r in store.conn.execute("SELECT text FROM mentions")]
        assert "Cairo" in mentions and "Paris" not in mentions
        assert [r["id"] for r in store.articles(search="Cairo")] == ["a"]
        assert store.articles(search="Turkish") == []


def test_full_text_search_and_filters(db, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "a", "text": TEXT_A, "published": "2016-05-03", "source": "Sample Wire"},
            {"id": "b", "text": TEXT_B, "published": "2016-06-01", "source": "Other"},
        ],
    )
    with Store(db) as store:
        ingest(store, [str(path)])
        assert [r["id"] for r in store.articles(search="counterpart")] == ["a"]
        assert [r["id"] for r in store.articles(search="crown AND prince")] == ["b"]
        assert [r["id"] for r in store.articles(source="Other")] == ["b"]
        assert [r["id"] for r in store.articles(since="2016-05-15")] == ["b"]
        assert [r["id"] for r in store.articles(until="2016-05-15")] == ["a"]
        with pytest.raises(StoreError, match="bad search query"):
            store.articles(search='"unbalanced')


def test_stored_spans_point_into_stored_text_and_map_to_raw(db, tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": TEXT_A}])
    with Store(db) as store:
        ingest(store, [str(path)])
        article = store.article("a")
        offsets = OffsetMap.from_list(json.loads(article["offsets"]))
        rows = store.conn.execute("SELECT text, start_char, end_char FROM mentions").fetchall()
        sentences = store.conn.execute("SELECT start_char, end_char FROM sentences").fetchall()
    assert article["dateline"] == "PARIS, May 3 (Sample Wire) –"
    assert article["source"] == "Sample Wire" and article["published"] is None  # no year
    assert {r["text"] for r in rows} >= {"French", "Turkish", "Paris", "Monday", "Syria"}
    for text, start, end in rows:
        assert article["text"][start:end] == text
        raw_start, raw_end = offsets.span_to_raw((start, end))
        assert article["raw_text"][raw_start:raw_end] == text
    assert article["text"][sentences[0][0] : sentences[-1][1]] == article["text"]


def test_event_dates_and_places_are_stored_with_their_phrases(db, tmp_path):
    text = "The Egyptian president met the Saudi crown prince in Cairo on Sunday."
    record = {"id": "b", "text": text, "published": "2015-06-03"}  # a Wednesday
    path = write_jsonl(tmp_path / "b.jsonl", [record])
    with Store(db) as store:
        ingest(store, [str(path)])
        text = store.article("b")["text"]
        rows = store.conn.execute(
            "SELECT date, date_end, date_precision, date_expression, date_start_char, "
            "date_end_char, location_name, location_country, location_method, "
            "location_start_char, location_end_char FROM events"
        ).fetchall()
    assert rows
    for row in rows:
        assert (row["date"], row["date_precision"], row["date_expression"]) == (
            "2015-05-31",
            "day",
            "Sunday",
        )
        assert text[row["date_start_char"] : row["date_end_char"]] == "Sunday"
        assert (row["location_name"], row["location_country"]) == ("Cairo", "EGY")
        assert row["location_method"] == "text"
        assert text[row["location_start_char"] : row["location_end_char"]] == "Cairo"


def test_version_1_database_migrates_keeping_its_rows(tmp_path):
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(f"BEGIN;\n{MIGRATIONS[0]}\nPRAGMA user_version = 1;\nCOMMIT;")
    conn.execute(
        "INSERT INTO articles (id, text, content_hash, ingested_at) "
        "VALUES ('x', 'text', 'h', '2026-01-01')"
    )
    conn.commit()
    conn.close()
    with Store(str(path)) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.article("x")["text"] == "text"
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(events)")}
    assert {"date_end", "date_expression", "location_method", "confidence"} <= columns
