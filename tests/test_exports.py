"""Exports (GDELT, ICEWS, PLOVER, CSV, JSON Lines, Parquet) and `eventwire sql`, on articles
written for these tests and ingested with the real CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result
from conftest import REPO, write_jsonl

from eventwire.cli import main
from eventwire.export import columns, groups
from eventwire.export.codes import split_actor_code
from eventwire.export.gdelt import date_fields, timestamp
from eventwire.export.geo import describe
from eventwire.store import Store

# These tests exercise the exports on the dictionary coder's events, which are stable; the learned
# coder has its own tests in tests/test_learned_coder.py.
DICTIONARY = ("--coder", "dictionary")

# The GDELT 2.0 Event table's columns, in order, as the GDELT Event Codebook V2.0 lists them.
GDELT_HEADER = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]
# The GDELT 2.0 Mentions table's columns.
GDELT_MENTIONS_HEADER = [
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
]
ICEWS_HEADER = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
]

ARTICLES = [
    {
        "id": "x1",
        "title": "Lavrov meets Zarif",
        "text": "MOSCOW, March 3 (Sample Wire) – Russian Foreign Minister Sergei Lavrov met "
        "Iranian Foreign Minister Mohammad Javad Zarif in Moscow on Tuesday.\n\n"
        "The two ministers discussed the war in Syria.",
        "published": "2016-03-03",
        "source": "Sample Wire",
        "url": "https://www.example.org/world/x1",
    },
    {
        "id": "x2",
        "text": "Egypt urged the Libyan rebels to lay down their arms on Sunday.\n\n"
        "The United States did not accuse China of hacking its networks.",
        "published": "2016-01-03",
        "source": "Example Times",
    },
    {
        "id": "x3",
        "text": "French troops attacked Islamic State militants in Syria on Friday.",
        "published": "2017-03-05",
        "source": "Example Times",
    },
    {
        "id": "x4",
        "title": "Kerry Urges Iran to Release Detained Sailors",
        "text": "The two ministers spoke for an hour, the ministry said.",
        "published": "2016-01-13",
        "source": "Sample Wire",
    },
    {"id": "x5", "text": "Germany praised France for its help."},  # no date at all
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    db = folder / "events.db"
    path = write_jsonl(folder / "articles.jsonl", ARTICLES)
    assert run("ingest", str(path), "--db", str(db), *DICTIONARY, "-q").exit_code == 0
    return db


@pytest.fixture(scope="module")
def stored(store_db: Path) -> list[dict]:
    with Store(store_db, readonly=True) as store:
        rows = list(store.iter_events())
    codes = {(r["source_code"], r["cameo"], r["target_code"], r["negated"]) for r in rows}
    # what the articles above must code to for these tests to mean anything
    assert ("RUSGOV", "040", "IRNGOV", 0) in codes
    assert ("EGY", "020", "LBYREB", 0) in codes
    assert ("USA", "112", "CHN", 1) in codes
    assert ("FRAMIL", "190", "IMGMUSISI", 0) in codes
    assert any(r["sentence"] == -1 and r["cameo"] == "020" for r in rows)  # the headline's
    return rows


def export(db: Path, fmt: str, *args: str) -> str:
    result = run("export", "--format", fmt, "--db", str(db), *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def tsv(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_gdelt_events_have_the_codebook_columns(store_db, stored):
    assert columns.GDELT_EVENT_COLUMNS == GDELT_HEADER and len(GDELT_HEADER) == 61
    rows = tsv(export(store_db, "gdelt"))
    assert rows and all(len(row) == 61 for row in rows)
    # one row per merged event; "did not accuse" left out
    assert len(rows) == len({r["group_id"] for r in stored if not r["negated"]})
    events = [dict(zip(GDELT_HEADER, row, strict=True)) for row in rows]
    meetings = [e for e in events if e["Actor1Code"] == "RUSGOV"]  # lead and second sentence
    assert [e["IsRootEvent"] for e in meetings] == ["1"]  # one meeting, reported twice
    lavrov = meetings[0]
    assert lavrov["Actor1Name"] == "SERGEY LAVROV"
    assert (lavrov["Actor1CountryCode"], lavrov["Actor1Type1Code"]) == ("RUS", "GOV")
    assert (lavrov["Actor2Code"], lavrov["Actor2CountryCode"]) == ("IRNGOV", "IRN")
    assert (lavrov["EventCode"], lavrov["EventBaseCode"], lavrov["EventRootCode"]) == (
        "040",
        "040",
        "04",
    )
    assert (lavrov["QuadClass"], lavrov["GoldsteinScale"]) == ("1", "1.0")
    assert (lavrov["NumMentions"], lavrov["NumSources"], lavrov["NumArticles"]) == ("2", "1", "1")
    assert lavrov["AvgTone"] == "" and lavrov["Actor1Geo_Type"] == "0"
    assert lavrov["ActionGeo_Type"] == "4"  # a city outside the US
    assert lavrov["ActionGeo_FullName"] == "Moscow, Russia"
    assert lavrov["ActionGeo_CountryCode"] == "RS"  # FIPS 10-4, not ISO
    assert lavrov["ActionGeo_ADM1Code"] == "RS48" and lavrov["ActionGeo_FeatureID"] == "524901"
    assert lavrov["SOURCEURL"] == "https://www.example.org/world/x1"
    assert len(lavrov["Day"]) == 8 and lavrov["MonthYear"] == lavrov["Day"][:6]
    assert len(lavrov["DATEADDED"]) == 14 and lavrov["DATEADDED"].isdigit()
    headline = next(e for e in events if e["Actor1Code"] == "USAGOV")
    assert (headline["IsRootEvent"], headline["EventCode"], headline["Actor2Code"]) == (
        "1",
        "020",
        "IRN",
    )
    isis = next(e for e in events if e["Actor1Code"] == "FRAMIL")
    assert (isis["Actor2Type1Code"], isis["Actor2Religion1Code"]) == ("IMG", "MUS")
    assert (isis["Actor2KnownGroupCode"], isis["Actor2CountryCode"]) == ("ISI", "")
    assert (isis["ActionGeo_Type"], isis["ActionGeo_CountryCode"]) == ("1", "SY")
    assert isis["SOURCEURL"] == "x3"  # no URL: the article id


def test_gdelt_mentions_point_into_the_article(store_db, stored):
    assert columns.GDELT_MENTION_COLUMNS == GDELT_MENTIONS_HEADER
    rows = [
        dict(zip(GDELT_MENTIONS_HEADER, r, strict=True))
        for r in tsv(export(store_db, "gdelt-mentions"))
    ]
    assert rows and all(len(r) == 16 for r in rows)
    event_ids = {row[0] for row in tsv(export(store_db, "gdelt"))}
    assert {r["GlobalEventID"] for r in rows} == event_ids
    with Store(store_db, readonly=True) as store:
        for r in rows:
            article_id = r["Extras"].split("article:")[1]
            text = store.article(article_id)["text"]
            assert r["MentionDocLen"] == str(len(text))
            assert r["MentionType"] == ("1" if article_id == "x1" else "2")
            event = next(e for e in stored if str(e["id"]) == r["Extras"][6:].split(";")[0])
            if event["sentence"] == -1:  # a headline: its spans are into the title
                assert (r["SentenceID"], r["ActionCharOffset"]) == ("0", "-1")
                continue
            assert int(r["SentenceID"]) == event["sentence"] + 1
            assert text[int(r["Actor1CharOffset"]) :].startswith(event["source_text"])
            assert text[int(r["ActionCharOffset"]) :].startswith(
                text[event["start_char"] : event["end_char"]]
            )
    assert {r["MentionSourceName"] for r in rows} == {
        "example.org",
        "Example Times",
        "Sample Wire",
        "",
    }


def test_icews_has_twenty_columns_and_a_header(store_db):
    lines = tsv(export(store_db, "icews"))
    assert lines[0] == ICEWS_HEADER == columns.ICEWS_COLUMNS
    rows = [dict(zip(ICEWS_HEADER, line, strict=True)) for line in lines[1:]]
    assert rows and all(len(line) == 20 for line in lines)
    lavrov = next(r for r in rows if r["CAMEO Code"] == "040" and r["City"])
    assert (lavrov["Source Name"], lavrov["Source Sectors"], lavrov["Source Country"]) == (
        "Sergey Lavrov",
        "Government",
        "Russia",
    )
    assert (lavrov["City"], lavrov["Country"], lavrov["Story ID"]) == ("Moscow", "Russia", "x1")
    assert lavrov["Event Text"] == "Consult" and lavrov["Publisher"] == "Sample Wire"
    kerry = next(r for r in rows if r["Story ID"] == "x4")
    assert (kerry["Sentence Number"], kerry["Source Sectors"]) == ("0", "Government")
    egypt = next(r for r in rows if r["CAMEO Code"] == "020" and r["Story ID"] == "x2")
    assert (egypt["Target Name"], egypt["Target Sectors"]) == ("Rebels (Libya)", "Rebels")


def test_plover_records_carry_type_mode_and_context(store_db, stored):
    records = [json.loads(line) for line in export(store_db, "plover").splitlines()]
    assert len(records) == len(stored)  # negated events stay, flagged
    for record in records:
        assert list(record) == columns.PLOVER_FIELDS
        assert isinstance(record["event"], list) and isinstance(record["mode"], list)
        assert isinstance(record["context"], list)
    assault = next(r for r in records if r["cameo"] == "190")
    assert (assault["event"], assault["context"], assault["quad_code"]) == (
        ["ASSAULT"],
        ["military"],
        4,
    )
    assert assault["source"][0] == {
        "code": "FRA",
        "sector": "MIL",
        "actor_text": "French troops",
        "cameo": "FRAMIL",
        "country": "FRA",
    }
    assert assault["recipient"][0]["identifier_text"] == "Islamic State"
    assert assault["event_loc"]["cc3"] == "SYR" and assault["event_loc"]["feature_code"] == "PCLI"
    headline = next(r for r in records if r["text_info"]["sequence"] == -1)
    assert headline["event_text"] == ["Kerry Urges Iran"] and headline["event"] == ["REQUEST"]
    accuse = next(r for r in records if r["cameo"] == "112")
    assert accuse["negated"] is True and accuse["mode"] == ["disapprove"]
    assert accuse["event_text"] and accuse["text"].startswith("The United States")


def test_csv_and_jsonl_round_trip(store_db, stored):
    counts = {"global_event_id", "num_mentions", "num_sources", "num_articles"}
    as_jsonl = [json.loads(line) for line in export(store_db, "jsonl").splitlines()]
    assert [{k: v for k, v in r.items() if k not in counts} for r in as_jsonl] == stored
    # every mention carries its merged event's id and counts: the meeting reported twice
    assert all(r["global_event_id"] == r["group_id"] for r in as_jsonl)
    assert sorted(r["num_mentions"] for r in as_jsonl if r["source_code"] == "RUSGOV") == [2, 2]
    as_csv = list(csv.DictReader(io.StringIO(export(store_db, "csv"))))
    assert len(as_csv) == len(stored)
    for row, event in zip(as_csv, stored, strict=True):
        assert {k: v for k, v in row.items() if k not in counts} == {
            k: "" if v is None else str(v) for k, v in event.items()
        }


def test_export_filters_and_file_output(store_db, tmp_path):
    out = tmp_path / "assaults.tsv"
    result = run(
        "export", "--format", "gdelt", "--db", str(store_db), "--cameo", "19", "-o", str(out)
    )
    assert result.exit_code == 0 and "Exported 1 row(s)" in result.output
    (row,) = tsv(out.read_text())
    assert row[GDELT_HEADER.index("EventCode")] == "190"
    assert tsv(export(store_db, "gdelt", "--actor", "IRN", "--since", "2016-03-01"))
    assert export(store_db, "jsonl", "--until", "2015-12-31") == ""
    missing = run("export", "--format", "csv", "--db", str(tmp_path / "absent.db"))
    assert missing.exit_code == 1 and "no such database" in missing.output


def test_parquet_is_partitioned_and_readable(store_db, stored, tmp_path):
    out = tmp_path / "pq"
    assert (
        run("export", "--format", "parquet", "--db", str(store_db), "--out", str(out)).exit_code
        == 0
    )
    parts = sorted(p.relative_to(out).parent.as_posix() for p in out.rglob("*.parquet"))
    assert parts and all(p.startswith("year=") and "/month=" in p for p in parts)
    dated = [p for p in parts if not p.startswith("year=0/")]
    assert dated and all(len(p.split("month=")[1]) == 2 for p in dated)  # month=MM
    pattern = (out / "**" / "*.parquet").as_posix()
    con = duckdb.connect()
    ((count,),) = con.execute(
        f"SELECT count(*) FROM read_parquet('{pattern}', hive_partitioning=true)"
    ).fetchall()
    assert count == len(stored)
    years = con.execute(
        f"SELECT DISTINCT year FROM read_parquet('{pattern}', hive_partitioning=true)"
    ).fetchall()
    expected = {int(r["date"][:4]) if r["date"] else 0 for r in stored}
    assert {y for (y,) in years} == expected and 0 in expected  # undated: year 0, month 00
    again = run("export", "--format", "parquet", "--db", str(store_db), "--out", str(out))
    assert again.exit_code == 1 and "--overwrite" in again.output
    replaced = run(
        "export", "--format", "parquet", "--db", str(store_db), "--out", str(out), "--overwrite",
        "--cameo", "19",
    )  # fmt: skip
    assert replaced.exit_code == 0 and len(list(out.rglob("*.parquet"))) == 1


def test_parquet_reads_in_pandas(store_db, stored, tmp_path):
    pandas = pytest.importorskip("pandas", reason="pandas is not installed (optional)")
    out = tmp_path / "pq"
    assert (
        run("export", "--format", "parquet", "--db", str(store_db), "-o", str(out)).exit_code == 0
    )
    frame = pandas.read_parquet(out)
    assert len(frame) == len(stored) and {"year", "month", "cameo"} <= set(frame.columns)


def test_sql_answers_counts_and_refuses_writes(store_db, stored, tmp_path):
    result = run(
        "sql", "SELECT count(*) AS n FROM events", "--db", str(store_db), "--format", "json"
    )
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"n": len(stored)}]
    joined = run(
        "sql",
        "SELECT a.source, count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id "
        "GROUP BY 1 ORDER BY 1",
        "--db", str(store_db), "--format", "csv",
    )  # fmt: skip
    assert joined.stdout.splitlines()[0] == "source,n"
    for statement in ("DELETE FROM events", "CREATE TABLE x AS SELECT 1", "DROP TABLE events"):
        refused = run("sql", statement, "--db", str(store_db))
        assert refused.exit_code == 1 and "refused: eventwire sql is read-only" in refused.output
    no_files = run("sql", "SELECT * FROM read_csv('/etc/hostname')", "--db", str(store_db))
    assert no_files.exit_code == 1
    with Store(store_db, readonly=True) as store:
        assert store.count("events") == len(stored)  # nothing changed
    out = tmp_path / "pq"
    run("export", "--format", "parquet", "--db", str(store_db), "--out", str(out))
    over_parquet = run(
        "sql", "SELECT count(*) AS n FROM events", "--parquet", str(out), "--format", "jsonl"
    )
    assert json.loads(over_parquet.stdout) == {"n": len(stored)}


def test_one_row_per_merged_event(store_db, stored, monkeypatch):
    """When event_groups (the switch point for deduplication) merges events, GDELT writes one
    Event row with the group's counts and one Mentions row per stored event."""
    asserted = [e["id"] for e in stored if not e["negated"]]
    first, second = asserted[0], asserted[1]

    def merged(conn, event_ids):
        return {
            i: groups.EventGroup(first, 2, 1, 2)
            if i in (first, second)
            else groups.EventGroup(i, 1, 1, 1)
            for i in event_ids
        }

    monkeypatch.setattr(groups, "event_groups", merged)
    events = tsv(export(store_db, "gdelt"))
    assert len(events) == len(asserted) - 1
    row = next(r for r in events if r[0] == str(first))
    assert row[GDELT_HEADER.index("NumMentions")] == "2"
    mentions = tsv(export(store_db, "gdelt-mentions"))
    assert [m[0] for m in mentions].count(str(first)) == 2


def test_cli_offers_every_export_format():
    from eventwire.cli import EXPORT_FORMATS
    from eventwire.export import FORMATS

    assert list(FORMATS) == EXPORT_FORMATS


def test_actor_codes_split_like_gdelt():
    assert split_actor_code("IGOEUREEC").country == "EUR"
    assert split_actor_code("IGOEUREEC").known_group == "EEC"
    assert split_actor_code("MNCUSAMED").types == ["MNC", "MED"]
    assert split_actor_code("MUSGOV").country == "MUS"  # Mauritius
    assert split_actor_code("IMGMUSISI").religions == ["MUS"]  # Muslim
    assert split_actor_code(None).code is None


def test_dates_and_places_in_gdelt_terms():
    assert date_fields("2015-02-18") == ["20150218", "201502", 2015, "2015.1315"]
    assert date_fields(None) == [None] * 4
    assert timestamp("2016-03-03T10:15:00+01:00") == "20160303091500"
    houston = describe("Houston", "USA", 29.76, -95.36, 4699066)
    assert houston is not None
    assert (houston.gdelt_type, houston.fips, houston.adm1) == (3, "US", "USTX")
    assert houston.full_name == "Houston, Texas, United States"
    texas = describe("Texas", "USA", 31.25, -99.25, 4736286)
    assert texas is not None and (texas.gdelt_type, texas.adm1) == (2, "USTX")
    ontario = describe("Ontario", "CAN", 50.0, -85.0, None)
    assert ontario is not None and (ontario.gdelt_type, ontario.adm1) == (5, "CA08")
    assert describe(None, None, None, None, None) is None


def test_every_column_is_documented(tmp_path):
    docs = (REPO / "docs" / "exports.md").read_text()
    with Store(tmp_path / "empty.db") as store:
        ours = [name for name, _ in store.event_columns()]
    names = [
        *ours,
        *groups.GROUP_COLUMNS,
        "year",
        "month",
        *columns.GDELT_EVENT_COLUMNS,
        *columns.GDELT_MENTION_COLUMNS,
        *columns.ICEWS_COLUMNS,
        *columns.PLOVER_FIELDS,
    ]
    assert [n for n in names if f"`{n}`" not in docs] == []
