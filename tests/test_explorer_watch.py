"""The explorer's /api/watch: the last poll of `eventwire watch` and what was stored since a
time, on a store ingested through the real CLI with polls recorded as a poll records them."""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import old_store, write_jsonl

from eventwire.server import create_app

with warnings.catch_warnings():  # Starlette suggests another client; httpx's works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ARTICLES = [
    {
        "id": "border-1",
        "title": "Russia accuses Turkey",
        "text": "Russia accused Turkey of shelling the border on Monday.",
        "published": "2026-11-30",
        "source": "Example Wire",
    },
    {
        "id": "talks-1",
        "title": "Egypt hosts Jordan",
        "text": "Egypt hosted talks with Jordan in Cairo on Tuesday. France condemned the "
        "attack on Wednesday.",
        "published": "2026-12-02",
        "source": "Example Wire",
    },
    {
        "id": "aid-1",
        "title": "Germany pledges aid",
        "text": "Germany pledged aid to Jordan on Thursday.",
        "published": "2026-12-04",
        "source": "Sample Daily",
    },
]
# When each article was stored (as the store writes ingested_at): one before the polls below.
STORED = {
    "border-1": "2026-12-04T22:00:00+00:00",
    "talks-1": "2026-12-05T03:00:00+00:00",
    "aid-1": "2026-12-05T03:15:40+00:00",
}
POLLS = [  # id, started_at, finished_at, sources, new_items, coded, failed, events, alerts, errors
    (1, "2026-12-05T02:45:00+00:00", "2026-12-05T02:45:30+00:00", 2, 1, 1, 0, 3, 0, "[]"),
    (2, "2026-12-05T03:15:00+00:00", "2026-12-05T03:16:10+00:00", 2, 4, 3, 1, 7, 1,
     '["https://example.org/feed.xml: HTTP 503"]'),
]  # fmt: skip
SOURCES = [
    ("/data/inbox", "directory", None, None, "2026-12-05T03:15:02+00:00", "200", 3),
    ("https://example.org/feed.xml", "feed", '"abc"', None, "2026-12-05T03:15:01+00:00",
     "HTTP 503", 5),
]  # fmt: skip


def build_store(cli: Callable[..., Result], folder: Path) -> Path:
    """The articles ingested by the CLI (the dictionary coder's events are stable), stored at
    the times in STORED; no poll yet."""
    db = folder / "watched.db"
    path = write_jsonl(folder / "articles.jsonl", ARTICLES)
    result = cli("ingest", str(path), "--db", str(db), "-q", "--coder", "dictionary")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "UPDATE articles SET ingested_at = ? WHERE id = ?",
            [(at, article) for article, at in STORED.items()],
        )
    return db


def record_polls(db: Path) -> None:
    """Polls, sources and an alert, written as `eventwire watch` writes them."""
    with sqlite3.connect(db) as conn:
        conn.executemany("INSERT INTO watch_polls VALUES (?,?,?,?,?,?,?,?,?,?)", POLLS)
        conn.executemany(
            "INSERT INTO watch_sources (source, kind, etag, last_modified, last_polled_at, "
            "last_status, items) VALUES (?,?,?,?,?,?,?)",
            SOURCES,
        )
        conn.execute(
            "INSERT INTO alerts VALUES ('new-group:1:1', 'new-group', 1, 1, 1, "
            "'2026-12-05T03:16:00+00:00', '{}')"
        )


def events_of(db: Path, articles: set[str]) -> int:
    with sqlite3.connect(db) as conn:
        marks = ",".join("?" * len(articles))
        sql = f"SELECT count(*) FROM events WHERE article_id IN ({marks})"
        return int(conn.execute(sql, sorted(articles)).fetchone()[0])


@pytest.fixture
def store(cli: Callable[..., Result], tmp_path: Path) -> Path:
    return build_store(cli, tmp_path)


def watch(db: Path, **params: str) -> dict[str, Any]:
    response = TestClient(create_app(db)).get("/api/watch", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


# ---------------------------------------------------------------------------- tests
def test_a_store_never_polled_is_not_watched(store):
    assert watch(store) == {
        "watching": False,
        "polls": 0,
        "last_poll": None,
        "sources": [],
        "alerts": 0,
        "since": None,
    }


def test_the_last_poll_its_sources_and_alerts(store):
    record_polls(store)
    status = watch(store)
    assert status["watching"] is True and status["polls"] == 2 and status["alerts"] == 1
    latest = POLLS[-1]
    assert status["last_poll"] == {
        "started_at": latest[1],
        "finished_at": latest[2],
        "sources": 2,
        "new_items": 4,
        "coded": 3,
        "failed": 1,
        "events": 7,
        "alerts": 1,
        "errors": ["https://example.org/feed.xml: HTTP 503"],
    }
    assert status["sources"] == [
        {"source": s, "kind": k, "last_polled_at": at, "last_status": st, "items": n}
        for s, k, _, _, at, st, n in SOURCES
    ]
    assert status["since"] is None


@pytest.mark.parametrize(
    ("since", "new"),
    [
        ("2026-12-05T03:00:00Z", {"talks-1", "aid-1"}),  # at the time itself counts
        ("2026-12-05T03:00:00+00:00", {"talks-1", "aid-1"}),
        ("2026-12-05T03:00:01", {"aid-1"}),
        ("2026-12-05T03:15", {"aid-1"}),
        ("2026-12-04", {"border-1", "talks-1", "aid-1"}),
        ("2026-12-05T03:15:41Z", set()),
    ],
)
def test_since_counts_the_articles_stored_then_and_their_events(store, since, new):
    record_polls(store)
    counted = watch(store, since=since)["since"]
    assert counted == {"time": since, "articles": len(new), "events": events_of(store, new)}
    listed = TestClient(create_app(store)).get(
        "/api/events", params={"ingested_since": since, "limit": 1}
    )
    assert listed.json()["total"] == counted["events"]  # what the UI's "show them" lists


def test_the_articles_stored_since_have_events(store):
    """The counts above are not all zero: the dictionary coder finds events in them."""
    assert events_of(store, {"talks-1"}) > 0 and events_of(store, {"aid-1"}) > 0


@pytest.mark.parametrize(
    "since", ["yesterday", "2026-12-05 03:00", "2026-12-05T03:00:00+02:00", "2026-12-5", ""]
)
def test_a_bad_since_is_a_422_naming_it(store, since):
    response = TestClient(create_app(store)).get("/api/watch", params={"since": since})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "since"]


def test_the_endpoint_is_in_the_openapi_schema(store):
    schema = TestClient(create_app(store)).get("/openapi.json").json()
    operation = schema["paths"]["/api/watch"]["get"]
    (since,) = operation["parameters"]
    assert since["name"] == "since" and since["in"] == "query"
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/WatchStatus")


def test_a_store_before_the_watch_tables_is_served_unwatched_and_unmigrated(tmp_path):
    path = tmp_path / "v7.db"
    old_store(path, 7)
    status = watch(path, since="2026-01-01T09:00:00Z")
    assert status["watching"] is False and status["last_poll"] is None
    assert status["polls"] == status["alerts"] == 0 and status["sources"] == []
    assert status["since"] == {"time": "2026-01-01T09:00:00Z", "articles": 1, "events": 1}
    with sqlite3.connect(path) as conn:  # the explorer opened it read-only: not migrated
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 7
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "watch_polls" not in tables
