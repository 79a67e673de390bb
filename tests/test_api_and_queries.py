"""The Python API and the query commands, on sentences written for these tests."""

from __future__ import annotations

import csv
import io
import json

from conftest import write_jsonl

import eventwire

TEXT = (
    "CAIRO, April 2 (Sample Wire) – Egyptian Foreign Minister Sameh Shoukry received his "
    "Jordanian counterpart Nasser Judeh in Cairo on Saturday.\n\n"
    "The two ministers discussed the crisis in Syria and the peace process."
)


def test_extract_returns_typed_results():
    result = eventwire.extract(TEXT, published="2016-04-02", title="Shoukry receives Judeh")
    assert isinstance(result, eventwire.ArticleResult)
    assert result.errors == [] and result.article is not None
    assert result.article.published == "2016-04-02"
    assert result.article.source == "Sample Wire"
    assert [s.index for s in result.sentences] == [0, 1]
    people = {m.text for m in result.mentions if m.label == "PERSON"}
    assert {"Sameh Shoukry", "Nasser Judeh"} <= people
    assert all(result.article.text[m.start : m.end] == m.text for m in result.mentions)


def test_extract_many_keeps_order_and_reports_bad_records():
    records = [
        {"id": "1", "text": TEXT},
        {"id": "2", "text": ""},
        {"id": "3", "text": TEXT + " More."},
    ]
    results = list(eventwire.extract_many(records))
    assert [r.input_id for r in results] == ["1", "2", "3"]
    assert [bool(r.errors) for r in results] == [False, True, False]


def test_extract_many_with_workers_matches_single_process():
    records = [{"id": str(i), "text": TEXT + f" Paragraph {i}."} for i in range(6)]
    one = [eventwire.result_to_json(r) for r in eventwire.extract_many(records)]
    two = [
        eventwire.result_to_json(r)
        for r in eventwire.extract_many(records, workers=2, batch_size=2)
    ]
    assert one == two


def test_articles_and_events_commands(cli, db, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [{"id": "x1", "text": TEXT, "source": "Sample Wire", "published": "2016-04-02"}],
    )
    assert cli("ingest", str(path), "--db", str(db)).exit_code == 0
    as_json = json.loads(cli("articles", "--db", str(db), "--format", "json").stdout)
    assert [(a["id"], a["source"], a["published"]) for a in as_json] == [
        ("x1", "Sample Wire", "2016-04-02")
    ]
    as_csv = list(
        csv.DictReader(
            io.StringIO(
                cli("articles", "--db", str(db), "--format", "csv", "--search", "Shoukry").stdout
            )
        )
    )
    assert [row["id"] for row in as_csv] == ["x1"]
    table = cli("articles", "--db", str(db), "--source", "Nobody")
    assert "0 row(s)" in table.output
    events = cli("events", "--db", str(db), "--format", "json", "--cameo", "04")
    assert events.exit_code == 0 and json.loads(events.stdout) == []


def test_query_on_missing_database_is_a_clear_error(cli, tmp_path):
    result = cli("articles", "--db", str(tmp_path / "absent.db"))
    assert result.exit_code == 1
    assert "absent.db: no such database" in result.output
