"""The explorer's HTTP API (eventwire serve), on a small store of articles written for these
tests and ingested through the real CLI."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from conftest import REPO, write_jsonl

from eventwire.cli import main
from eventwire.server import create_app
from eventwire.server.app import STATIC

with warnings.catch_warnings():  # Starlette suggests another client; httpx's works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

XSS_TITLE = "<script>alert('title')</script> Talks"
XSS_OUTLET = "<img src=x onerror=alert('outlet')>"
XSS_TEXT = (
    "Turkey criticized Greece on Tuesday over the <script>alert('xss')</script> border dispute "
    '<img src=x onerror="alert(\'img\')">. The Turkish foreign minister said: "<b>We reject</b> '
    'these <script>alert(1)</script> claims."'
)
ARTICLES = [
    {
        "id": "libya-1",
        "title": "Egypt urges Libyan rebels",
        "text": "Egypt urged the Libyan rebels to lay down their arms, the ministry said on "
        "Sunday. Russian forces attacked rebel positions near Aleppo on Monday, killing ten "
        "fighters.",
        "published": "2016-01-03",
        "source": "Daily Example",
    },
    {
        "id": "amman-1",
        "title": "Sisi meets King Abdullah",
        "text": "AMMAN, March 6 (Sample Wire) – Russian troops attacked rebel positions in "
        "Aleppo on Monday. Egyptian President Abdel Fattah al-Sisi met King Abdullah in Amman "
        "on Sunday. France condemned the attack on Tuesday. The United Nations called on "
        "Russia to halt the strikes in Aleppo.",
        "published": "2016-03-08",
        "source": "Sample Wire",
    },
    {
        "id": "hebron-1",
        "title": "Arrests in Hebron",
        "text": "Israeli forces arrested ten Palestinians in Hebron on Wednesday. The "
        "Palestinian Authority accused Israel of escalation. Germany pledged aid to Jordan on "
        'Thursday. Iran threatened Saudi Arabia in Tehran on Friday. "We will not accept '
        'threats," the Saudi foreign minister said.',
        "published": "2016-03-12",
        "source": "Daily Example",
    },
    {
        "id": "cairo-1",
        "title": "Shoukry receives Judeh in Cairo",
        "text": "Egyptian Foreign Minister Sameh Shoukry received his Jordanian counterpart "
        'Nasser Judeh in Cairo on Saturday. "We support a political solution," Shoukry said.',
        "published": "2016-04-02",
        "source": "Sample Wire",
    },
    {
        "id": "xss-1",
        "title": XSS_TITLE,
        "text": XSS_TEXT,
        "published": "2016-02-09",
        "source": XSS_OUTLET,
    },
]


# ---------------------------------------------------------------------------- fixtures
def ingest(db: Path, records: list[dict[str, Any]], folder: Path) -> None:
    """These tests exercise the explorer's API on the dictionary coder's events, which are
    stable; the learned coder has its own tests in tests/test_learned_coder.py."""
    path = write_jsonl(folder / "articles.jsonl", records)
    args = ["ingest", str(path), "--db", str(db), "-q", "--coder", "dictionary"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("explorer-api")
    db = folder / "explorer.db"
    ingest(db, ARTICLES, folder)
    return db


@pytest.fixture(scope="module")
def client(store: Path) -> TestClient:
    return TestClient(create_app(store))


@pytest.fixture(scope="module")
def all_events(store: Path) -> list[dict[str, Any]]:
    """Every stored event with its article's outlet and text, read straight from SQLite."""
    conn = sqlite3.connect(store)
    conn.row_factory = sqlite3.Row
    rows = [
        dict(r)
        for r in conn.execute(
            "SELECT e.*, a.source AS outlet, a.title AS title, a.text AS article_text "
            "FROM events e JOIN articles a ON a.id = e.article_id"
        )
    ]
    conn.close()
    return rows


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.text)
    return response.json()


def every_page(client: TestClient, url: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while url:
        page = get(client, url)
        items.extend(page["items"])
        url = page["next"]
    return items


# ---------------------------------------------------------------------------- the store
def test_store_has_the_events_these_tests_rely_on(all_events):
    triples = {(e["source_code"], e["cameo"], e["target_code"]) for e in all_events}
    assert ("EGY", "020", "LBYREB") in triples
    assert ("TUR", "111", "GRC") in triples
    assert any(e["quad_class"] == 4 and e["location_name"] == "Hebron" for e in all_events)
    assert sum(1 for e in all_events if e["location_name"] == "Amman") >= 1
    assert len(all_events) >= 6


# ---------------------------------------------------------------------------- overview
def test_summary(client, all_events):
    summary = get(client, "/api/summary")
    assert summary["articles"] == len(ARTICLES)
    assert summary["events"] == len(all_events)
    assert summary["event_dates"] == [
        min(e["date"] for e in all_events),
        max(e["date"] for e in all_events),
    ]
    assert set(summary["plover_types"]) == {e["plover_type"] for e in all_events} - {None}
    assert summary["quad_classes"]["4"] == "material conflict"


def test_openapi_schema_lists_every_endpoint_and_docs_are_offline(client):
    schema = get(client, "/openapi.json")
    assert set(schema["paths"]) == {
        "/api/summary",
        "/api/outlets",
        "/api/events",
        "/api/events.csv",
        "/api/events/groups/{group_id}",
        "/api/actors",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/quotes",
        "/api/aggregates/timeline",
        "/api/aggregates/network",
        "/api/aggregates/map",
        "/api/watch",
    }
    assert all(list(methods) == ["get"] for methods in schema["paths"].values())
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/swagger/swagger-ui-bundle.js" in docs.text
    assert not re.search(r"(src|href)=\"https?:", docs.text)
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/docs-init.js"):
        assert client.get(asset).status_code == 200
    assert "validatorUrl: null" in (STATIC / "docs-init.js").read_text()


def test_outlets(client):
    page = get(client, "/api/outlets")
    by_name = {o["name"]: o for o in page["items"]}
    assert by_name["Daily Example"]["articles"] == 2
    assert by_name["Sample Wire"]["articles"] == 2
    assert XSS_OUTLET in by_name
    assert page["total"] == 3


# ---------------------------------------------------------------------------- events
def test_events_are_sorted_by_date_and_paginated(client, all_events):
    first = get(client, "/api/events?limit=3")
    assert first["total"] == len(all_events)
    assert first["limit"] == 3 and first["offset"] == 0 and len(first["items"]) == 3
    assert first["next"] == "/api/events?offset=3&limit=3"
    items = every_page(client, "/api/events?limit=3")
    assert sorted(e["id"] for e in items) == sorted(e["id"] for e in all_events)
    assert [e["date"] for e in items] == sorted(e["date"] for e in all_events)
    newest = get(client, "/api/events?sort=-date&limit=500")["items"]
    assert [e["id"] for e in newest] == [e["id"] for e in reversed(items)]
    last = get(client, f"/api/events?limit=3&offset={len(all_events) - 1}")
    assert len(last["items"]) == 1 and last["next"] is None


def test_event_rows_carry_spans_names_and_article_metadata(client, all_events):
    (event,) = get(client, "/api/events?source=EGY&target=LBYREB&exact=true")["items"]
    assert event["cameo_name"] == "Make an appeal or request"
    assert event["article_source"] == "Daily Example"
    assert event["article_title"] == "Egypt urges Libyan rebels"
    stored = next(e for e in all_events if e["id"] == event["id"])
    assert stored["article_text"][event["start_char"] : event["end_char"]].startswith("Egypt")
    assert event["negated"] is False and event["modality"] == "asserted"


def _expect(all_events: list[dict[str, Any]], keep: Any) -> list[int]:
    return sorted(e["id"] for e in all_events if keep(e))


def _code(value: str | None, prefix: str) -> bool:
    return bool(value) and str(value).startswith(prefix)


FILTERS = {
    "actor=EGY": lambda e: _code(e["source_code"], "EGY") or _code(e["target_code"], "EGY"),
    "actor=egy&exact=true": lambda e: "EGY" in (e["source_code"], e["target_code"]),
    "source=ISR": lambda e: _code(e["source_code"], "ISR"),
    "target=JOR": lambda e: _code(e["target_code"], "JOR"),
    "source=EGY&target=LBY": lambda e: (
        _code(e["source_code"], "EGY") and _code(e["target_code"], "LBY")
    ),
    "country=PSE": lambda e: "PSE" in (e["source_country"], e["target_country"]),
    "source_country=TUR": lambda e: e["source_country"] == "TUR",
    "target_country=SAU": lambda e: e["target_country"] == "SAU",
    "cameo=02": lambda e: e["cameo"].startswith("02"),
    "cameo=173": lambda e: e["cameo"].startswith("173"),
    "plover_type=REQUEST": lambda e: e["plover_type"] == "REQUEST",
    "quad_class=4": lambda e: e["quad_class"] == 4,
    "quad_class=1": lambda e: e["quad_class"] == 1,
    "since=2016-03-01": lambda e: e["date"] >= "2016-03-01",
    "until=2016-02-09": lambda e: e["date"] <= "2016-02-09",
    "since=2016-03-09&until=2016-03-10": lambda e: "2016-03-09" <= e["date"] <= "2016-03-10",
    "outlet=Daily%20Example": lambda e: e["outlet"] == "Daily Example",
    "location_country=JOR": lambda e: e["location_country"] == "JOR",
    "q=Hebron": lambda e: "Hebron" in e["article_text"] or "Hebron" in (e["title"] or ""),
    "q=rebels%20AND%20Egypt": lambda e: e["article_id"] == "libya-1",
    "negated=false": lambda e: not e["negated"],
    "negated=true": lambda e: bool(e["negated"]),
    "modality=asserted": lambda e: e["modality"] == "asserted",
    "article=hebron-1": lambda e: e["article_id"] == "hebron-1",
    "actor=RUS&quad_class=1&since=2016-01-01": lambda e: (
        (_code(e["source_code"], "RUS") or _code(e["target_code"], "RUS")) and e["quad_class"] == 1
    ),
}


@pytest.mark.parametrize("query", list(FILTERS))
def test_event_filters(client, all_events, query):
    page = get(client, f"/api/events?{query}&limit=500")
    expected = _expect(all_events, FILTERS[query])
    assert sorted(e["id"] for e in page["items"]) == expected
    assert page["total"] == len(expected)


def test_filters_select_something(client):
    """The filter table above is not vacuous: these select events."""
    for query in ("actor=EGY", "quad_class=4", "location_country=JOR", "q=Hebron", "cameo=02"):
        assert get(client, f"/api/events?{query}")["total"] > 0, query


BAD = [
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=501", "less than or equal to 500"),
    ("/api/events?offset=-1", "offset"),
    ("/api/events?since=2016-02-30", "not a real date"),
    ("/api/events?since=yesterday", "since"),
    ("/api/events?until=20160101", "until"),
    ("/api/events?since=2016-03-01&until=2016-01-01", "is before since"),
    ("/api/events?quad_class=5", "quad_class"),
    ("/api/events?quad_class=two", "quad_class"),
    ("/api/events?plover_type=HUG", "PLOVER"),
    ("/api/events?modality=maybe", "modality"),
    ("/api/events?negated=perhaps", "negated"),
    ("/api/events?cameo=abc", "cameo"),
    ("/api/events?actor=RUS%27%20OR%201=1", "actor"),
    ("/api/events?country=RUSSIA", "country"),
    ("/api/events?sort=goldstein", "sort"),
    ("/api/events?q=%22unbalanced", "bad full-text query"),
    ("/api/events?q=AND", "bad full-text query"),
    ("/api/aggregates/timeline?interval=hour", "interval"),
    ("/api/aggregates/timeline?group_by=outlet", "group_by"),
    ("/api/aggregates/network?level=city", "level"),
    ("/api/aggregates/network?limit=0", "limit"),
    ("/api/aggregates/map?limit=100000", "limit"),
    ("/api/actors?sector=GOVERNMENT", "sector"),
    ("/api/articles?until=2016-13-01", "not a real date"),
    ("/api/articles?q=%28", "bad full-text query"),
    ("/api/quotes?kind=shouted", "kind"),
    ("/api/quotes?contains=%22x", "bad full-text query"),
    ("/api/quotes?limit=1000", "limit"),
]


@pytest.mark.parametrize(("url", "words"), BAD)
def test_bad_parameters_are_a_clear_422(client, url, words):
    response = client.get(url)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, list) and detail
    messages = " ".join(d["msg"] for d in detail)
    param = detail[0]["loc"][-1]
    assert words.lower() in messages.lower() or words == param, messages
    assert detail[0]["loc"][0] == "query"


def test_csv_download_has_the_filtered_events(client, all_events):
    response = client.get("/api/events.csv?quad_class=1")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    expected = _expect(all_events, lambda e: e["quad_class"] == 1)
    assert sorted(int(r["id"]) for r in rows) == expected
    assert response.headers["x-total-count"] == str(len(expected))
    assert {"cameo", "cameo_name", "evidence", "start_char", "article_source"} <= set(rows[0])
    everything = list(csv.DictReader(io.StringIO(client.get("/api/events.csv").text)))
    assert len(everything) == len(all_events)
    assert client.get("/api/events.csv?q=%22").status_code == 422


# ---------------------------------------------------------------------------- actors
def test_actors_with_counts(client, all_events):
    items = every_page(client, "/api/actors?limit=2")
    by_code = {a["code"]: a for a in items}
    for code, actor in by_code.items():
        assert actor["as_source"] == sum(1 for e in all_events if e["source_code"] == code)
        assert actor["as_target"] == sum(1 for e in all_events if e["target_code"] == code)
        assert actor["events"] == actor["as_source"] + actor["as_target"]
    codes = {e["source_code"] for e in all_events} | {e["target_code"] for e in all_events}
    assert set(by_code) == codes - {None}
    assert [a["events"] for a in items] == sorted((a["events"] for a in items), reverse=True)


def test_actor_filters(client, all_events):
    egypt = get(client, "/api/actors?code=EGY")["items"]
    assert egypt and all(a["code"].startswith("EGY") for a in egypt)
    assert {a["code"] for a in get(client, "/api/actors?actor_country=JOR")["items"]} >= {
        e["target_code"] for e in all_events if e["target_country"] == "JOR"
    }
    named = get(client, "/api/actors?name=united%20nations")["items"]
    assert [a["code"] for a in named] == ["IGOUNO"]
    in_march = get(client, "/api/actors?since=2016-03-09")["items"]
    assert "LBYREB" not in {a["code"] for a in in_march}
    government = get(client, "/api/actors?sector=gov")["items"]
    assert government and all("GOV" in (a["sector"] or "") for a in government)


# ---------------------------------------------------------------------------- articles
def test_articles_list_search_and_filters(client):
    page = get(client, "/api/articles")
    assert page["total"] == len(ARTICLES)
    assert [a["published"] for a in page["items"]] == sorted(
        (a["published"] for a in ARTICLES), reverse=True
    )
    found = get(client, "/api/articles?q=Hebron")["items"]
    assert [a["id"] for a in found] == ["hebron-1"]
    assert found[0]["events"] >= 1 and found[0]["quotes"] >= 1
    assert {a["id"] for a in get(client, "/api/articles?outlet=Sample%20Wire")["items"]} == {
        "amman-1",
        "cairo-1",
    }
    march = get(client, "/api/articles?since=2016-03-01&until=2016-03-31")["items"]
    assert {a["id"] for a in march} == {"amman-1", "hebron-1"}
    two = get(client, "/api/articles?limit=2")
    assert len(two["items"]) == 2 and two["next"] == "/api/articles?offset=2&limit=2"


def test_article_detail_has_text_events_mentions_and_quotes_with_spans(client):
    article = get(client, "/api/articles/hebron-1")
    text = article["text"]
    assert article["title"] == "Arrests in Hebron" and article["source"] == "Daily Example"
    assert article["events"], "events"
    for event in article["events"]:
        assert 0 <= event["start_char"] < event["end_char"] <= len(text)
        start, end = article["sentences"][event["sentence"]]
        assert start <= event["start_char"] and event["end_char"] <= end
        assert event["evidence"] == text[start:end]
    arrest = next(e for e in article["events"] if e["cameo"] == "173")
    assert "arrested" in text[arrest["start_char"] : arrest["end_char"]]
    actors = [m for m in article["mentions"] if m["label"].startswith("ACTOR:")]
    assert actors and all(text[m["start_char"] : m["end_char"]] == m["text"] for m in actors)
    assert "PSE" in {m["actor_code"] for m in actors}
    quote = next(q for q in article["quotes"] if q["kind"] == "direct")
    assert quote["text"].startswith("We will not accept threats")
    for q in article["quotes"]:
        assert all(0 <= a < b <= len(text) for a, b in q["content"])
    assert [text[a:b] for a, b in quote["content"]] == [quote["text"]]
    assert quote["speaker_code"] and quote["speaker_code"].startswith("SAU")


def test_unknown_article_is_404(client):
    response = client.get("/api/articles/nope")
    assert response.status_code == 404
    assert response.json()["detail"] == "no article with id 'nope'"


# ---------------------------------------------------------------------------- quotes
def test_quotes_filters_and_pagination(client):
    everything = every_page(client, "/api/quotes?limit=1")
    assert len(everything) == get(client, "/api/summary")["quotes"]
    saudi = get(client, "/api/quotes?speaker=SAU")["items"]
    assert [q["text"].rstrip(",") for q in saudi] == ["We will not accept threats"]
    assert [q["article_id"] for q in get(client, "/api/quotes?contains=political")["items"]] == [
        "cairo-1"
    ]
    assert {q["article_id"] for q in get(client, "/api/quotes?article=xss-1")["items"]} == {"xss-1"}
    direct = get(client, "/api/quotes?kind=direct")["items"]
    assert direct and all(q["kind"] == "direct" for q in direct)
    dated = get(client, "/api/quotes?since=2016-04-01")["items"]
    assert {q["article_id"] for q in dated} == {"cairo-1"}


# ---------------------------------------------------------------------------- aggregates
def test_timeline_counts(client, all_events):
    for interval in ("day", "week", "month"):
        data = get(client, f"/api/aggregates/timeline?interval={interval}")
        assert data["interval"] == interval
        assert sum(b["count"] for b in data["buckets"]) == len(all_events)
    weeks = get(client, "/api/aggregates/timeline?interval=week")["buckets"]
    assert all(
        time.strptime(b["period"], "%Y-%m-%d").tm_wday == 0 for b in weeks
    )  # ISO weeks start on Monday
    assert {"2015-12-28", "2016-03-07"} <= {b["period"] for b in weeks}  # Sun 3 Jan, Wed 9 Mar
    months = get(client, "/api/aggregates/timeline?interval=month")["buckets"]
    assert all(b["period"].endswith("-01") for b in months)
    by_type = get(client, "/api/aggregates/timeline?group_by=plover_type")["buckets"]
    assert {b["group"] for b in by_type} == {e["plover_type"] for e in all_events}
    conflict = get(client, "/api/aggregates/timeline?quad_class=4")["buckets"]
    assert {b["group"] for b in conflict} == {"4"}
    assert sum(b["count"] for b in conflict) == sum(1 for e in all_events if e["quad_class"] == 4)


def test_network_edges_and_nodes(client, all_events):
    data = get(client, "/api/aggregates/network")
    coded = [e for e in all_events if e["source_code"] and e["target_code"]]
    assert sum(e["count"] for e in data["edges"]) == len(coded)
    edge = next(e for e in data["edges"] if (e["source"], e["target"]) == ("EGY", "LBYREB"))
    assert edge["count"] == 1 and edge["quad_counts"] == [1, 0, 0, 0]
    assert edge["cooperation_share"] == 1.0 and edge["goldstein_mean"] == 3.0
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {e["source"] for e in data["edges"]} | {e["target"] for e in data["edges"]} == set(nodes)
    assert nodes["EGY"]["as_source"] >= 1 and nodes["LBYREB"]["as_target"] >= 1
    top = get(client, "/api/aggregates/network?limit=1")
    assert len(top["edges"]) == 1 and top["total_edges"] == len(data["edges"])
    countries = get(client, "/api/aggregates/network?level=country")
    assert ("EGY", "LBY") in {(e["source"], e["target"]) for e in countries["edges"]}
    conflict = get(client, "/api/aggregates/network?quad_class=3")["edges"]
    assert conflict and all(e["cooperation_share"] == 0.0 for e in conflict)


def test_map_points(client, all_events):
    data = get(client, "/api/aggregates/map")
    placed = [e for e in all_events if e["lat"] is not None]
    assert sum(p["count"] for p in data["points"]) == len(placed)
    hebron = next(p for p in data["points"] if p["name"] == "Hebron")
    assert hebron["country"] == "PSE" and abs(hebron["lat"] - 31.5) < 0.2
    assert data["total_points"] == len(data["points"])
    jordan = get(client, "/api/aggregates/map?location_country=JOR")["points"]
    assert {p["country"] for p in jordan} == {"JOR"}
    assert len(get(client, "/api/aggregates/map?limit=1")["points"]) == 1


# ---------------------------------------------------------------------------- merged events
SAME_MEETING = [  # two outlets report one meeting; a third article is another event
    {
        "id": "wire-1",
        "title": "Shoukry meets Safadi",
        "text": "CAIRO, May 6 (Sample Wire) – Egyptian Foreign Minister Sameh Shoukry met his "
        "Jordanian counterpart Ayman Safadi in Cairo on Sunday to discuss the crisis in Gaza.",
        "published": "2019-05-06",
        "source": "Sample Wire",
    },
    {
        "id": "daily-1",
        "title": "Egypt and Jordan confer",
        "text": "Jordanian Foreign Minister Ayman Safadi visited Cairo on Sunday. Egyptian "
        "Foreign Minister Sameh Shoukry met Safadi in Cairo on Sunday, the Egyptian foreign "
        "ministry said.",
        "published": "2019-05-06",
        "source": "Daily Example",
    },
    {
        "id": "daily-2",
        "title": "Arrests in Hebron",
        "text": "Israeli forces arrested ten Palestinians in Hebron on Wednesday.",
        "published": "2019-05-09",
        "source": "Daily Example",
    },
]


@pytest.fixture(scope="module")
def merged_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("explorer-merged")
    ingest(folder / "merged.db", SAME_MEETING, folder)
    return TestClient(create_app(folder / "merged.db"))


def test_events_carry_their_merged_event_and_its_counts(merged_client):
    items = get(merged_client, "/api/events")["items"]
    meeting = [e for e in items if e["article_id"] != "daily-2"]
    assert {e["article_id"] for e in meeting} == {"wire-1", "daily-1"}
    assert len({e["group_id"] for e in meeting}) == 1 and meeting[0]["group_id"] is not None
    # the visit and the meeting of daily-1's second sentence are two codings: 3 mentions
    counts = {(e["num_mentions"], e["num_sources"], e["num_articles"]) for e in meeting}
    assert counts == {(3, 2, 2)}
    hebron = next(e for e in items if e["article_id"] == "daily-2")
    assert (hebron["num_mentions"], hebron["num_sources"], hebron["num_articles"]) == (1, 1, 1)
    assert hebron["group_id"] not in (None, meeting[0]["group_id"])


def test_merged_listing_is_one_row_per_merged_event(merged_client):
    everything = get(merged_client, "/api/events")
    merged = get(merged_client, "/api/events?merged=true")
    assert everything["total"] > merged["total"] == 2
    first, second = merged["items"]
    assert first["date"] <= second["date"]  # by date
    assert first["num_mentions"] == 3 and first["article_id"] in {"wire-1", "daily-1"}
    group = get(merged_client, f"/api/events/groups/{first['group_id']}")["group"]
    assert (first["cameo"], first["source_code"], first["date"]) == (
        group["cameo"],
        group["source_code"],
        group["date"],
    )  # the group's representative values
    assert first["id"] == group["event_id"] and first["evidence"] == group["evidence"]
    # filters and pagination: a merged event is in when any of its reports matches
    page = get(merged_client, "/api/events?merged=true&limit=1&offset=1")
    assert page["total"] == 2 and page["items"] == [second] and page["next"] is None
    wire = get(merged_client, "/api/events?merged=true&outlet=Sample%20Wire")
    assert wire["total"] == 1 and wire["items"][0]["group_id"] == first["group_id"]
    assert get(merged_client, "/api/events?merged=true&quad_class=4")["items"] == [second]
    dated = get(merged_client, f"/api/events?merged=true&since={second['date']}")
    assert dated["items"] == [second] and dated["total"] == 1  # the merged event's date
    newest = get(merged_client, "/api/events?merged=true&sort=-date")["items"]
    assert [e["id"] for e in newest] == [second["id"], first["id"]]
    rows = list(csv.DictReader(io.StringIO(merged_client.get("/api/events.csv?merged=1").text)))
    assert [int(r["id"]) for r in rows] == [first["id"], second["id"]]
    assert rows[0]["num_mentions"] == "3" and rows[0]["group_id"] == str(first["group_id"])


def test_group_endpoint_lists_reports_and_why_they_merged(merged_client):
    first = get(merged_client, "/api/events?merged=true")["items"][0]
    found = get(merged_client, f"/api/events/groups/{first['group_id']}")
    group, mentions = found["group"], found["mentions"]
    assert (group["num_mentions"], group["num_sources"], group["num_articles"]) == (3, 2, 2)
    assert group["cameo_name"]
    assert {m["outlet"] for m in mentions} == {"Sample Wire", "Daily Example"}
    assert {m["article_id"] for m in mentions} == {"wire-1", "daily-1"}
    events = {e["id"]: e for e in get(merged_client, "/api/events")["items"]}
    for m in mentions:
        event = events[m["event_id"]]
        assert (m["start_char"], m["end_char"], m["evidence"]) == (
            event["start_char"],
            event["end_char"],
            event["evidence"],
        )
        assert m["merge_note"] and ("founded" in m["merge_note"] or "joined" in m["merge_note"])
    assert sum("founded" in m["merge_note"] for m in mentions) == 1
    assert merged_client.get("/api/events/groups/999999").status_code == 404


def test_aggregates_count_merged_events(merged_client):
    def total(url: str, key: str, field: str = "count") -> int:
        return sum(x[field] for x in get(merged_client, url)[key])

    mentions = get(merged_client, "/api/events")["items"]
    assert total("/api/aggregates/timeline", "buckets") == len(mentions)
    assert total("/api/aggregates/timeline?merged=true", "buckets") == 2
    assert total("/api/aggregates/timeline?merged=true&interval=month", "buckets") == 2
    assert total("/api/aggregates/network", "edges") == len(mentions)
    edges = get(merged_client, "/api/aggregates/network?merged=true")["edges"]
    assert sum(e["count"] for e in edges) == 2 and all(e["count"] == 1 for e in edges)
    placed = [e for e in mentions if e["lat"] is not None]
    assert total("/api/aggregates/map", "points") == len(placed) > 2
    points = get(merged_client, "/api/aggregates/map?merged=true")["points"]
    assert sorted(p["name"] for p in points) == ["Cairo", "Hebron"]
    assert all(p["count"] == 1 for p in points)


@pytest.mark.parametrize(
    "url",
    [
        "/api/events?merged=maybe",
        "/api/events.csv?merged=2",
        "/api/aggregates/timeline?merged=x",
        "/api/aggregates/network?merged=",
        "/api/aggregates/map?merged=yes%27%3B",
        "/api/events/groups/abc",
        "/api/events/groups/0",
        "/api/events/groups/-1",
    ],
)
def test_bad_merged_parameters_are_422(merged_client, url):
    response = merged_client.get(url)
    assert response.status_code == 422, response.text


def test_events_not_yet_deduplicated_are_groups_of_their_own(tmp_path):
    path = write_jsonl(tmp_path / "articles.jsonl", SAME_MEETING)
    db = tmp_path / "raw.db"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db), "-q", "--no-dedup"])
    assert result.exit_code == 0, result.output
    client = TestClient(create_app(db))
    items = get(client, "/api/events")["items"]
    assert all(e["group_id"] is None for e in items)
    assert {(e["num_mentions"], e["num_sources"], e["num_articles"]) for e in items} == {(1, 1, 1)}
    merged = get(client, "/api/events?merged=true")
    assert merged["total"] == len(items) and [e["id"] for e in merged["items"]] == sorted(
        e["id"] for e in items
    )
    assert total_count(client, "/api/aggregates/timeline?merged=true") == len(items)


def total_count(client: TestClient, url: str) -> int:
    return sum(b["count"] for b in get(client, url)["buckets"])


# ---------------------------------------------------------------------------- safety
def test_markup_in_the_data_is_returned_as_data(client):
    """Article text, titles, outlets and evidence with <script> and <img onerror> come back
    verbatim as JSON strings; the API never serves them as HTML."""
    response = client.get("/api/articles/xss-1")
    assert response.headers["content-type"] == "application/json"
    article = response.json()
    assert article["title"] == XSS_TITLE and article["source"] == XSS_OUTLET
    assert "<script>alert('xss')</script>" in article["text"]
    assert "<img src=x onerror=\"alert('img')\">" in article["text"]
    (event,) = [e for e in article["events"] if e["cameo"] == "111"]
    assert "<script>alert('xss')</script>" in event["evidence"]
    assert any("<script>alert(1)</script>" in q["text"] for q in article["quotes"])
    listed = get(client, "/api/events?source=TUR")["items"][0]
    assert listed["article_source"] == XSS_OUTLET
    page = client.get("/")
    assert page.headers["content-type"].startswith("text/html")
    assert "alert(" not in page.text  # the page is static; data arrives only as JSON


def test_security_headers_and_no_cors(client):
    response = client.get("/api/events", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    preflight = client.options(
        "/api/events",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert client.get("/").headers["x-frame-options"] == "DENY"


def test_no_write_endpoints(client):
    for method in ("post", "put", "patch", "delete"):
        for url in ("/api/events", "/api/articles/xss-1", "/api/quotes"):
            assert getattr(client, method)(url).status_code == 405, (method, url)


INJECTIONS = [
    "/api/events?outlet=x%27%3B%20DROP%20TABLE%20events%3B%20--",
    "/api/events?article=%27%20OR%201%3D1%20--",
    "/api/events?q=x%27%3B%20DELETE%20FROM%20articles%3B%20--",
    "/api/articles?outlet=%27%3B%20UPDATE%20articles%20SET%20title%3D%27pwned%27%3B%20--",
    "/api/articles/x%27%3B%20DROP%20TABLE%20articles%3B%20--",
    "/api/quotes?article=%27%20OR%20%27%27%3D%27",
    "/api/actors?name=%27%29%3B%20DROP%20TABLE%20events%3B%20--",
    "/api/events?actor=RUS%27%3B%20DROP%20TABLE%20events%3B--",
]


def test_sql_injection_in_filters_is_harmless(client, store):
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    counts = get(client, "/api/summary")
    for url in INJECTIONS:
        response = client.get(url)
        assert response.status_code in (200, 404, 422), (url, response.text)
        if response.status_code == 200 and "items" in response.json():
            assert response.json()["items"] == [], url  # matched as a literal value
    assert get(client, "/api/summary") == counts
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before


def test_connections_are_read_only(client):
    with client.app.state.database.connection() as conn:
        for statement in (
            "DELETE FROM events",
            "INSERT INTO articles (id, text, content_hash, ingested_at) VALUES ('x','x','x','x')",
            "CREATE TABLE pwned (x)",
        ):
            with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
                conn.execute(statement)


# ---------------------------------------------------------------------------- missing / empty
def test_missing_database_is_a_clear_error(tmp_path):
    client = TestClient(create_app(tmp_path / "absent.db"))
    response = client.get("/api/events")
    assert response.status_code == 503
    body = response.json()
    assert body["error"] == "database_missing"
    assert "absent.db: no such database" in body["detail"]
    page = client.get("/")
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert "absent.db: no such database" in page.text
    assert not (tmp_path / "absent.db").exists()  # nothing was created


@pytest.mark.parametrize("kind", ["zero-bytes", "no-articles", "other-sqlite", "not-sqlite"])
def test_empty_or_foreign_database_is_a_clear_error(tmp_path, kind):
    db = tmp_path / "x.db"
    if kind == "zero-bytes":
        db.touch()
        code, words = "database_empty", "is empty"
    elif kind == "no-articles":
        from eventwire.store import Store

        Store(db).close()
        code, words = "database_empty", "holds no articles yet"
    elif kind == "other-sqlite":
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE things (x)")
        conn.close()
        code, words = "not_eventwire", "not an eventwire database"
    else:
        db.write_text("hello, I am not a database" * 100)
        code, words = "not_eventwire", "not an eventwire database"
    client = TestClient(create_app(db))
    for url in ("/api/events", "/api/summary", "/api/aggregates/timeline"):
        response = client.get(url)
        assert response.status_code == 503, url
        assert response.json()["error"] == code and words in response.json()["detail"]
    page = client.get("/")
    assert page.status_code == 503 and words in page.text and "<script" not in page.text


def test_error_page_escapes_the_path(tmp_path):
    client = TestClient(create_app(tmp_path / "<b>x</b>.db"))
    page = client.get("/")
    assert "&lt;b&gt;x&lt;/b&gt;.db" in page.text and "<b>x</b>" not in page.text


def test_serve_refuses_a_missing_or_foreign_database(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 1
    assert "absent.db: no such database" in result.output
    other = tmp_path / "other.db"
    other.write_text("not a database at all" * 100)
    result = runner.invoke(main, ["serve", "--db", str(other)])
    assert result.exit_code == 1 and "not an eventwire database" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_command_runs_the_app_on_loopback(store):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(store), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["articles"] == len(ARTICLES)
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


# ---------------------------------------------------------------------------- the front end
def test_plover_types_match_the_ontology():
    from typing import get_args

    from eventwire.events.ontology import all_codes
    from eventwire.server.models import PloverType

    assert set(get_args(PloverType)) == {c.plover_type for c in all_codes() if c.plover_type}


def test_built_assets_are_shipped_and_offline():
    for name in ("index.html", "app.js", "app.css", "countries-110m.json", "docs.html"):
        assert (STATIC / name).is_file(), name
    index = (STATIC / "index.html").read_text()
    assert not re.search(r"(src|href)=\"(https?:)?//", index)
    topology = json.loads((STATIC / "countries-110m.json").read_text())
    assert len(topology["objects"]["countries"]["geometries"]) > 150
    for name in ("app.js", "swagger/swagger-ui-bundle.js"):
        bundle = (STATIC / name).read_text()
        assert not re.search(r"cdn\.|unpkg|jsdelivr|googleapis|tile\.openstreetmap", bundle), name


def test_built_assets_match_the_web_sources():
    """static/build-info.json stamps the web/ sources it was built from: rebuild after edits
    (cd web && npm ci --ignore-scripts && npm run build)."""
    web = REPO / "web"
    if not (web / "package.json").exists():
        pytest.skip("web/ sources not present (installed package)")
    info = json.loads((STATIC / "build-info.json").read_text())
    digest = hashlib.sha256()
    for name in info["files"]:
        digest.update(name.encode() + b"\0")
        text = (web / name).read_text(encoding="utf-8").replace("\r\n", "\n")
        digest.update(text.encode("utf-8") + b"\0")
    sources = sorted(str(p.relative_to(web)) for p in (web / "src").iterdir())
    assert sorted(n for n in info["files"] if n.startswith("src/")) == sources
    assert digest.hexdigest() == info["sources_sha256"], "static/ is stale: rebuild web/"


def test_web_sources_never_write_markup():
    """Data reaches the page only as text: no innerHTML & co. in the front-end sources."""
    web = REPO / "web" / "src"
    if not web.exists():
        pytest.skip("web/ sources not present (installed package)")
    pattern = re.compile(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\.html\(|srcdoc|eval\(|"
        r"new Function"
    )
    for path in web.glob("*.js"):
        code = re.sub(r"^\s*//.*$", "", path.read_text(), flags=re.M)  # comments may name them
        assert not pattern.search(code), path
