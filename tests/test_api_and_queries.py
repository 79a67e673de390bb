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
    assert events.exit_code == 0
    meetings = {(e["source_code"], e["target_code"]) for e in json.loads(events.stdout)}
    assert ("EGYGOV", "JORGOV") in meetings  # Shoukry received Judeh (the learned coder)
    events = cli("events", "--db", str(db), "--format", "json", "--cameo", "19")
    assert events.exit_code == 0 and json.loads(events.stdout) == []


def test_query_on_missing_database_is_a_clear_error(cli, tmp_path):
    result = cli("articles", "--db", str(tmp_path / "absent.db"))
    assert result.exit_code == 1
    assert "absent.db: no such database" in result.output


def test_ingest_stores_events_and_actor_mentions(cli, db, tmp_path):
    text = "Egypt urged the Libyan rebels to lay down their arms, the ministry said on Sunday."
    path = write_jsonl(
        tmp_path / "e.jsonl", [{"id": "e1", "text": text, "published": "2016-01-03"}]
    )
    assert cli("ingest", str(path), "--db", str(db)).exit_code == 0
    (event,) = json.loads(cli("events", "--db", str(db), "--format", "json").stdout)
    # an appeal (02); the learned coder says which: 025, appeal to yield (lay down arms)
    assert (event["source_code"], event["cameo"][:2], event["target_code"]) == (
        "EGY",
        "02",
        "LBYREB",
    )
    assert json.loads(cli("events", "--db", str(db), "--format", "json", "--actor", "LBY").stdout)
    assert (
        json.loads(cli("events", "--db", str(db), "--format", "json", "--cameo", "19").stdout) == []
    )
    with eventwire.Store(db) as store:
        actors = store.conn.execute(
            "SELECT text, actor_code FROM mentions WHERE label LIKE 'ACTOR:%'"
        ).fetchall()
    assert ("the Libyan rebels", "LBYREB") in [tuple(a) for a in actors]


USER_ACTORS = "ZANDORIA_ [ZAN]\nQUELLAND_ [QUE]\n"
USER_VERBS = "---  ZAP   [180]  ---\nZAP {ZAPS ZAPPED ZAPPING}\n"


def test_extract_with_user_dictionaries(cli, tmp_path):
    (tmp_path / "a.actors").write_text(USER_ACTORS)
    (tmp_path / "v.verbs").write_text(USER_VERBS)
    payload = json.dumps({"id": "u", "text": "Zandoria zapped Quelland on Monday."}) + "\n"
    result = cli(
        "extract",
        "-",
        "--actors",
        str(tmp_path / "a.actors"),
        "--verbs",
        str(tmp_path / "v.verbs"),
        input=payload.encode(),
    )
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in line["events"]] == [
        ("ZAN", "180", "QUE")
    ]


def test_malformed_user_dictionary_is_a_clear_error(cli, tmp_path):
    bad = tmp_path / "bad.verbs"
    bad.write_text("---  ZAP   [18x]  ---\nZAP\n")
    result = cli("extract", "-", "--verbs", str(bad), input=b"")
    assert result.exit_code == 1
    assert f"{bad}:1: bad code [18x]" in result.output
