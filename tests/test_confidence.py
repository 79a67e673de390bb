"""The coder's event confidence end to end: contract, store (migration 6), `--min-confidence`
on extract, ingest, events and export, the exports, and the explorer's `min_confidence`.

The events here are built by hand with known confidences (the coders fill the field; these
tests check everything around them), so nothing here needs spaCy."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq
import pytest
from conftest import old_store, write_jsonl

from eventwire.confidence import drop_unconfident
from eventwire.contract import load_schema, result_to_json
from eventwire.ingest import Failure
from eventwire.model import Actor, Article, ArticleResult, Event, Plover, Quote, Sentence
from eventwire.server import create_app
from eventwire.store import SCHEMA_VERSION, Store

with warnings.catch_warnings():  # Starlette suggests another client; httpx's works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TEXT = (
    "Russia met Iran on Tuesday. Egypt urged the Libyan rebels on Wednesday. The United "
    "States accused China on Thursday. French troops attacked Islamic State in Syria on Friday."
)
# (source, cameo, target, quad class, date, confidence): one sentence of TEXT each
CODED = [
    (Actor("Russia", "RUSGOV", "RUS", "GOV"), "040", Actor("Iran", "IRNGOV", "IRN", "GOV"), 1,
     "2016-03-01", 0.9),
    (Actor("Egypt", "EGY", "EGY"), "020", Actor("the Libyan rebels", "LBYREB", "LBY", "REB"), 1,
     "2016-03-02", 0.5),
    (Actor("The United States", "USA", "USA"), "112", Actor("China", "CHN", "CHN"), 3,
     "2016-03-03", 0.2),
    (Actor("French troops", "FRAMIL", "FRA", "MIL"), "190",
     Actor("Islamic State", "IMGMUSISI", "IMG", "MUS"), 4, "2016-03-04", None),
]  # fmt: skip
CONFIDENCES = [c[-1] for c in CODED]


def sentences(text: str) -> list[Sentence]:
    found, start = [], 0
    for i, part in enumerate(text.split(". ")):
        end = start + len(part) + (0 if part.endswith(".") else 1)
        found.append(Sentence(i, start, end))
        start = end + 1
    return found


def coded_events(text: str, coded: list[tuple[Any, ...]] = CODED) -> list[Event]:
    events = []
    for sent, (source, cameo, target, quad, date, confidence) in zip(
        sentences(text), coded, strict=True
    ):
        events.append(
            Event(
                source=source,
                target=target,
                cameo=cameo,
                plover=Plover("CONSULT" if quad == 1 else "ASSAULT"),
                quad_class=quad,
                goldstein=1.0 if quad < 3 else -5.0,
                sentence=sent.index,
                span=(sent.start, sent.end),
                evidence=text[sent.start : sent.end],
                date=date,
                date_precision="day",
                confidence=confidence,
            )
        )
    return events


def result(article: Article) -> ArticleResult:
    """A coded result for ``article``: the four events above, and a quote holding the 0.5
    and the unknown one."""
    events = coded_events(article.text)
    quote = Quote(None, "…", "indirect", "said", (0, 10), sentence=0, events=[1, 3])
    return ArticleResult(
        article=article, sentences=sentences(article.text), events=events, quotes=[quote]
    )


@pytest.fixture
def store_db(tmp_path: Path) -> Path:
    """A store holding one article with events of confidence 0.9, 0.5, 0.2 and None."""
    db = tmp_path / "confidence.db"
    article = Article(
        id="a1", text=TEXT, title="Four events", published="2016-03-05", source="Sample Wire",
        url="https://example.org/a1", content_hash="h1",
    )  # fmt: skip
    with Store(db) as store:
        store.write([result(article)])
    return db


def fake_run(
    items: Iterable[Article | Failure], *_: Any, **__: Any
) -> Iterator[ArticleResult | Failure]:
    """The pipeline, replaced: every article gets the four events of ``result``."""
    for item in items:
        yield item if isinstance(item, Failure) else result(item)


# ---------------------------------------------------------------------------- the rule
def test_drop_unconfident_keeps_unknown_and_renumbers_quotes():
    article = Article(id="x", text=TEXT)
    coded = result(article)
    assert drop_unconfident(coded, None) == 0 and len(coded.events) == 4
    assert drop_unconfident(coded, 0.5) == 1
    assert [e.confidence for e in coded.events] == [0.9, 0.5, None]
    assert coded.quotes[0].events == [1, 2]  # the 0.2 event (index 2) left, None moved up
    assert drop_unconfident(coded, 0.95) == 2
    assert [e.confidence for e in coded.events] == [None] and coded.quotes[0].events == [0]


# ---------------------------------------------------------------------------- contract
def test_contract_carries_confidence_and_the_schema_bounds_it():
    out = result_to_json(result(Article(id="x", text=TEXT)))
    jsonschema.validate(out, load_schema())
    assert [e["confidence"] for e in out["events"]] == CONFIDENCES
    for bad in (1.5, -0.1, "high"):
        out["events"][0]["confidence"] = bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(out, load_schema())


def test_extract_min_confidence_drops_low_events(cli, monkeypatch):
    import eventwire.api

    monkeypatch.setattr(eventwire.api, "run", fake_run)
    payload = json.dumps({"id": "a1", "text": TEXT, "published": "2016-03-05"}) + "\n"

    def extract(*args: str) -> dict[str, Any]:
        run = cli("extract", "-", *args, input=payload.encode())
        assert run.exit_code == 0, run.output
        (line,) = [json.loads(x) for x in run.stdout.splitlines()]
        jsonschema.validate(line, load_schema())
        return line

    everything = extract()
    assert [e["confidence"] for e in everything["events"]] == CONFIDENCES
    kept = extract("--min-confidence", "0.5")
    assert [e["confidence"] for e in kept["events"]] == [0.9, 0.5, None]
    assert [e["cameo"] for e in kept["events"]] == ["040", "020", "190"]
    assert kept["quotes"][0]["events"] == [1, 2]  # indices into the events kept
    assert [kept["events"][i]["confidence"] for i in (1, 2)] == [0.5, None]
    only_unknown = extract("--min-confidence", "1")
    assert [e["confidence"] for e in only_unknown["events"]] == [None]


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high", "nan"])
def test_min_confidence_outside_0_1_is_a_clear_error(cli, tmp_path, store_db, value):
    for args in (
        ["extract", "-"],
        ["ingest", str(write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT}])), "--db",
         str(tmp_path / "new.db")],
        ["events", "--db", str(store_db)],
        ["export", "--format", "jsonl", "--db", str(store_db)],
    ):  # fmt: skip
        run = cli(*args, "--min-confidence", value, input=b"")
        assert run.exit_code == 2, (args, run.output)
        assert "--min-confidence" in run.output
        assert "0<=x<=1" in run.output or "not a valid float" in run.output
    assert not (tmp_path / "new.db").exists()


def test_python_api_refuses_a_threshold_outside_0_1():
    import eventwire

    with pytest.raises(ValueError, match="between 0 and 1"):
        next(eventwire.extract_many([{"text": TEXT}], min_confidence=2.0))


def test_ingest_min_confidence_stores_only_confident_events(cli, tmp_path, monkeypatch):
    import eventwire.jobs

    monkeypatch.setattr(eventwire.jobs, "run", fake_run)
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "a1", "text": TEXT}])
    db = tmp_path / "ingested.db"
    run = cli("ingest", str(path), "--db", str(db), "-q", "--min-confidence", "0.3")
    assert run.exit_code == 0, run.output
    assert "1 event(s) below --min-confidence not stored" in run.output
    with Store(db, readonly=True) as store:
        rows = store.events()
        assert [r["confidence"] for r in rows] == [0.9, 0.5, None]
        linked = store.quotes()[0]["events"]
    # the quote still links the 0.5 and the unknown event
    assert linked == [r["id"] for r in rows if r["confidence"] in (0.5, None)]


# ---------------------------------------------------------------------------- store
def test_store_round_trips_confidence(store_db):
    with Store(store_db, readonly=True) as store:
        assert [r["confidence"] for r in store.events()] == CONFIDENCES
        assert [r["confidence"] for r in store.iter_events()] == CONFIDENCES
        assert [r["confidence"] for r in store.events(min_confidence=0.5)] == [0.9, 0.5, None]
        assert [r["confidence"] for r in store.events(min_confidence=0.0)] == CONFIDENCES
        exact = store.iter_events(min_confidence=0.2, cameo="1")
        assert [(r["cameo"], r["confidence"]) for r in exact] == [("112", 0.2), ("190", None)]
    conn = sqlite3.connect(store_db)
    declared = {r[1]: r[2] for r in conn.execute("PRAGMA table_info(events)")}
    conn.close()
    assert declared["confidence"] == "REAL"


def test_migration_6_adds_confidence_keeping_older_events(tmp_path):
    assert SCHEMA_VERSION >= 6
    path = tmp_path / "v5.db"
    old_store(path, 5)
    with Store(path, readonly=True) as old:  # read-only: not migrated, and still answers
        assert not old.has_confidence
        assert [r["confidence"] for r in old.events(min_confidence=0.99)] == [None]
        assert [r["cameo"] for r in old.iter_events(min_confidence=0.99)] == ["040"]
        assert old.event_groups(min_confidence=0.99) == []  # no dedup pass yet
    client = TestClient(create_app(path))  # the explorer serves it unmigrated
    listed = client.get("/api/events?min_confidence=0.99").json()
    assert listed["total"] == 1 and listed["items"][0]["confidence"] is None
    merged = client.get("/api/events?min_confidence=0.99&merged=true").json()
    assert merged["total"] == 1 and merged["items"][0]["confidence"] is None
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.has_confidence
        (row,) = store.events(min_confidence=0.99)  # unknown confidence is kept
        assert row["confidence"] is None and row["article_id"] == "old"
        store.conn.execute("UPDATE events SET confidence = 0.4")
        assert store.events(min_confidence=0.5) == []
        assert [r["confidence"] for r in store.events(min_confidence=0.4)] == [0.4]


# ---------------------------------------------------------------------------- CLI queries
def _listed(cli, db: Path, *args: str) -> list[dict[str, Any]]:
    run = cli("events", "--db", str(db), "--format", "json", *args)
    assert run.exit_code == 0, run.output
    return list(json.loads(run.stdout))


def test_events_min_confidence_filters_stored_rows(cli, store_db):
    assert [r["confidence"] for r in _listed(cli, store_db)] == CONFIDENCES
    kept = _listed(cli, store_db, "--min-confidence", "0.5")
    assert [(r["cameo"], r["confidence"]) for r in kept] == [
        ("040", 0.9), ("020", 0.5), ("190", None),
    ]  # fmt: skip
    assert [r["cameo"] for r in _listed(cli, store_db, "--min-confidence", "0.95")] == ["190"]
    both = _listed(cli, store_db, "--min-confidence", "0.5", "--actor", "EGY")
    assert [r["cameo"] for r in both] == ["020"]
    table = cli("events", "--db", str(store_db), "--format", "csv", "--min-confidence", "0.6")
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert [(r["cameo"], r["confidence"]) for r in rows] == [("040", "0.9"), ("190", "")]


def test_events_merged_min_confidence(cli, store_db):
    groups = _listed(cli, store_db, "--merged")
    assert sorted(g["cameo"] for g in groups) == ["020", "040", "112", "190"]
    kept = _listed(cli, store_db, "--merged", "--min-confidence", "0.6")
    assert sorted(g["cameo"] for g in kept) == ["040", "190"]


def _export(cli, db: Path, fmt: str, *args: str) -> str:
    run = cli("export", "--format", fmt, "--db", str(db), *args)
    assert run.exit_code == 0, run.output
    return str(run.stdout)


def test_export_min_confidence_and_the_formats_carry_confidence(cli, store_db, tmp_path):
    rows = [json.loads(x) for x in _export(cli, store_db, "jsonl").splitlines()]
    assert [r["confidence"] for r in rows] == CONFIDENCES
    kept = [json.loads(x) for x in _export(cli, store_db, "jsonl", "--min-confidence", "0.5")
            .splitlines()]  # fmt: skip
    assert [r["confidence"] for r in kept] == [0.9, 0.5, None]
    table = list(csv.DictReader(io.StringIO(_export(cli, store_db, "csv", "--min-confidence",
                                                    "0.3"))))  # fmt: skip
    assert [r["confidence"] for r in table] == ["0.9", "0.5", ""]
    plover = [json.loads(x) for x in _export(cli, store_db, "plover", "--min-confidence", "0.9")
              .splitlines()]  # fmt: skip
    assert [(r["cameo"], r["confidence"]) for r in plover] == [("040", 0.9), ("190", None)]
    # GDELT and ICEWS keep their fixed columns; the filter still applies
    gdelt = _export(cli, store_db, "gdelt", "--min-confidence", "0.5").splitlines()
    assert len(gdelt) == 3 and {len(line.split("\t")) for line in gdelt} == {61}
    icews = _export(cli, store_db, "icews", "--min-confidence", "0.5").splitlines()
    assert len(icews) == 4 and "confidence" not in icews[0].lower()  # header + 3 rows
    assert len(icews[0].split("\t")) == 20
    out = tmp_path / "parquet"
    run = cli("export", "--format", "parquet", "--db", str(store_db), "--out", str(out),
              "--min-confidence", "0.5")  # fmt: skip
    assert run.exit_code == 0, run.output
    read = pq.read_table(out)
    assert str(read.schema.field("confidence").type) == "double"
    assert sorted(read.column("confidence").to_pylist(), key=lambda v: (v is None, v)) == [
        0.5, 0.9, None,
    ]  # fmt: skip


# ---------------------------------------------------------------------------- the explorer
def test_api_min_confidence_filters_listings_and_aggregates(store_db):
    client = TestClient(create_app(store_db))

    def get(url: str) -> Any:
        response = client.get(url)
        assert response.status_code == 200, (url, response.text)
        return response.json()

    everything = get("/api/events")
    assert [e["confidence"] for e in everything["items"]] == CONFIDENCES
    page = get("/api/events?min_confidence=0.5")
    assert page["total"] == 3
    assert [e["confidence"] for e in page["items"]] == [0.9, 0.5, None]
    merged = get("/api/events?min_confidence=0.5&merged=true")
    assert [e["confidence"] for e in merged["items"]] == [0.9, 0.5, None]
    assert get("/api/events?min_confidence=0.5&actor=USA")["total"] == 0
    assert get("/api/events?min_confidence=0")["total"] == 4

    rows = list(csv.DictReader(io.StringIO(client.get("/api/events.csv?min_confidence=0.6").text)))
    assert [(r["cameo"], r["confidence"]) for r in rows] == [("040", "0.9"), ("190", "")]

    def counted(url: str, key: str) -> int:
        return sum(x["count"] for x in get(url)[key])

    for merged_flag in ("false", "true"):
        suffix = f"&merged={merged_flag}"
        assert counted(f"/api/aggregates/timeline?min_confidence=0.5{suffix}", "buckets") == 3
        assert counted(f"/api/aggregates/network?min_confidence=0.6{suffix}", "edges") == 2
        assert counted(f"/api/aggregates/timeline?{suffix[1:]}", "buckets") == 4
    actors = {a["code"] for a in get("/api/actors?min_confidence=0.6")["items"]}
    assert actors == {"RUSGOV", "IRNGOV", "FRAMIL", "IMGMUSISI"}
    article = get("/api/articles/a1")  # an article shows all its events, each with its own
    assert [e["confidence"] for e in article["events"]] == CONFIDENCES


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high", "nan", "inf"])
def test_api_bad_min_confidence_is_422(store_db, value):
    client = TestClient(create_app(store_db))
    for url in ("/api/events", "/api/aggregates/timeline", "/api/events.csv"):
        response = client.get(f"{url}?min_confidence={value}")
        assert response.status_code == 422, (url, response.text)
        assert response.json()["detail"][0]["loc"] == ["query", "min_confidence"]
