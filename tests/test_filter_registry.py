"""The event filter registry (``eventwire.store.filters``) is the one definition behind the
CLI's options, the API's query parameters and the store's listings: every entry appears in
each, with the same help, and selects the same events through each."""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path

import pytest
from conftest import write_jsonl

from eventwire.server import create_app
from eventwire.store.filters import ARTICLE_FILTERS, EVENT_FILTERS, QUOTE_FILTERS, Filter

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ARTICLES = [
    {"id": "a1", "published": "2016-01-03", "source": "Daily Example",
     "text": "Egypt urged the Libyan rebels to lay down their arms on Sunday. Russian forces "
             "attacked rebel positions near Aleppo on Monday, killing ten fighters."},
    {"id": "a2", "published": "2016-03-08", "source": "Sample Wire",
     "text": "Egyptian President Abdel Fattah al-Sisi met King Abdullah in Amman on Sunday. "
             "France condemned the attack on Tuesday. \"We condemn this attack,\" the French "
             "foreign minister said. Iran did not threaten Saudi Arabia."},
    {"id": "a3", "published": "2016-03-12", "source": "Daily Example",
     "text": "Israeli forces arrested ten Palestinians in Hebron on Wednesday. Germany "
             "pledged aid to Jordan on Thursday. Turkey may impose sanctions on Greece."},
    {"id": "a4", "published": "2016-03-12", "source": "Sample Wire",  # a3's arrests again
     "text": "Israeli forces arrested ten Palestinians in the West Bank city of Hebron on "
             "Wednesday, the army said."},
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from eventwire.cli import main

    folder = tmp_path_factory.mktemp("registry")
    path = folder / "registry.db"
    source = write_jsonl(folder / "articles.jsonl", ARTICLES)
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(path), "-q"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as conn:  # as if a1 had been stored by an earlier run
        conn.execute("UPDATE articles SET ingested_at = ? WHERE id = 'a1'", (EARLIER,))
    return path


EARLIER = "2020-01-01T00:00:00+00:00"


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def _sample(spec: Filter, events: list[dict]) -> object:
    """A value of ``spec`` that the stored events make meaningful (taken from them)."""
    first = events[0]
    samples = {
        "article": first["article_id"],
        "actor": (first["source_code"] or first["target_code"])[:3],
        "source": first["source_code"][:3],
        "target": next(e["target_code"] for e in events if e["target_code"])[:3],
        "dyad": next(
            f"{e['target_code'][:3]},{e['source_code'][:3]}"  # reversed: either way round
            for e in events
            if e["source_code"] and e["target_code"]
        ),
        "exact": True,
        "country": first["source_country"] or first["target_country"],
        "source_country": next(e["source_country"] for e in events if e["source_country"]),
        "target_country": next(e["target_country"] for e in events if e["target_country"]),
        "cameo": first["cameo"][:2],
        "plover_type": first["plover_type"],
        "quad_class": first["quad_class"],
        "since": "2016-03-01",
        "until": "2016-03-10",
        "outlet": "Daily Example",
        "location_country": next(
            (e["location_country"] for e in events if e["location_country"]), "SYR"
        ),
        "q": "Hebron",
        "negated": True,
        "modality": "intended",
        "min_confidence": 0.5,
        "ingested_since": "2020-01-01T00:00:01Z",
        "min_mentions": 2,
    }
    return samples[spec.name]


@pytest.fixture(scope="module")
def events(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM events ORDER BY id")]
    assert len(rows) >= 5
    return rows


LISTINGS = [  # registry, the CLI commands that list with it, the API path
    (EVENT_FILTERS, ("events", "export"), "/api/events"),
    (ARTICLE_FILTERS, ("articles",), "/api/articles"),
    (QUOTE_FILTERS, ("quotes",), "/api/quotes"),
]


@pytest.mark.parametrize("registry, commands, path", LISTINGS, ids=lambda x: str(x)[:20])
def test_every_filter_is_an_option_of_the_cli_and_a_parameter_of_the_api(
    cli, client, registry, commands, path
):
    parameters = {
        p["name"]: p for p in client.get("/openapi.json").json()["paths"][path]["get"]
        ["parameters"]
    }  # fmt: skip
    for command in commands:
        text = " ".join(cli(command, "--help").output.split())
        for spec in registry:
            assert spec.option in text, (command, spec.name)
            assert " ".join(spec.help.split())[:40] in text, (command, spec.name)
    for spec in registry:
        assert parameters[spec.name]["description"] == spec.help
        assert not parameters[spec.name].get("required")
    filters = {p for p in parameters if p not in {"limit", "offset", "sort", "merged"}}
    assert filters == {spec.name for spec in registry}  # no parameter outside the registry


ARTICLE_SAMPLES = {"q": "Hebron", "outlet": "Daily Example", "since": "2016-03-01",
                   "until": "2016-03-10"}  # fmt: skip
QUOTE_SAMPLES = {"speaker": "FRA", "contains": "attack", "article": "a2", "kind": "direct",
                 "since": "2016-03-01", "until": "2016-03-10"}  # fmt: skip


@pytest.mark.parametrize(
    "spec, listing, value",
    [(spec, "articles", ARTICLE_SAMPLES[spec.name]) for spec in ARTICLE_FILTERS]
    + [(spec, "quotes", QUOTE_SAMPLES[spec.name]) for spec in QUOTE_FILTERS],
    ids=lambda x: getattr(x, "name", str(x)),
)
def test_article_and_quote_filters_agree_through_the_cli_the_api_and_the_store(
    cli, client, db, spec, listing, value
):
    api = client.get(f"/api/{listing}", params={spec.name: value, "limit": 200})
    assert api.status_code == 200, api.text
    via_api = sorted(str(item["id"]) for item in api.json()["items"])
    result = cli(listing, "--db", str(db), "--format", "json", spec.option, value)
    assert result.exit_code == 0, result.output
    via_cli = sorted(str(row["id"]) for row in json.loads(result.output))
    from eventwire.store import Store

    with Store(db, readonly=True) as store:
        via_store = sorted(str(r["id"]) for r in getattr(store, listing)(**{spec.key: value}))
    assert via_cli == via_api == via_store
    assert via_cli, (spec.name, value)  # the sample selects something
    if listing == "articles":
        assert 0 < len(via_cli) < len(ARTICLES), (spec.name, via_cli)


@pytest.mark.parametrize("spec", EVENT_FILTERS, ids=lambda spec: spec.name)
def test_each_filter_selects_the_same_events_through_the_cli_the_api_and_the_store(
    cli, client, db, events, spec
):
    value = _sample(spec, events)
    if spec.name == "exact":  # a modifier: with an actor code cut short, it finds nothing
        args, params = {"actor": _sample(EVENT_FILTERS[1], events), "exact": True}, None
    else:
        args = {spec.name: value}
    params = {k: str(v).lower() if isinstance(v, bool) else v for k, v in args.items()}
    api = client.get("/api/events", params={**params, "limit": 500})
    assert api.status_code == 200, api.text
    via_api = sorted(item["id"] for item in api.json()["items"])
    options = []
    for name, v in args.items():
        option = "--" + name.replace("_", "-")
        if v is True and name == "exact":
            options.append(option)
        else:
            options += [option, str(v).lower() if isinstance(v, bool) else str(v)]
    result = cli("events", "--db", str(db), "--format", "json", *options)
    assert result.exit_code == 0, result.output
    via_cli = sorted(row["id"] for row in json.loads(result.output))
    from eventwire.store import Store

    with Store(db, readonly=True) as store:
        via_store = sorted(row["id"] for row in store.events(**args))
    assert via_cli == via_api == via_store
    if spec.name not in {"min_confidence", "exact", "negated", "modality"}:
        assert 0 < len(via_cli) < len(events), (spec.name, value)  # it really filters


@pytest.mark.parametrize(
    "registry", [r for r, _, _ in LISTINGS], ids=["events", "articles", "quotes"]
)
def test_a_full_text_filter_is_marked_so_its_bad_syntax_is_named(registry):
    for spec in registry:
        if spec.condition is None:
            continue
        sql, _ = spec.condition({str: "x,y", int: 1, float: 0.5, bool: True}[spec.kind], {})
        assert ("MATCH" in sql) == spec.full_text, spec.name


def test_merged_events_take_every_filter_through_the_cli_and_the_api(cli, client, db):
    result = cli("events", "--db", str(db), "--merged", "--min-mentions", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    groups = json.loads(result.output)
    assert groups and all(g["num_mentions"] >= 2 for g in groups)
    # the arrests a3 and a4 both report (France's condemnation, told twice in a2, may be another)
    (group,) = [g for g in groups if g["num_articles"] == 2]
    assert group["num_mentions"] == 2 and group["cameo"][:2] == "17"
    api = client.get("/api/events", params={"merged": "true", "min_mentions": 2}).json()
    assert sorted(item["group_id"] for item in api["items"]) == sorted(
        g["group_id"] for g in groups
    )
    dyad = cli("events", "--db", str(db), "--merged", "--dyad", "PSE,ISR", "--format", "json")
    assert [g["group_id"] for g in json.loads(dyad.output)] == [group["group_id"]]
