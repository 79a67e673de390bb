"""Every input format ends up as the same clean article in the store."""

from __future__ import annotations

import gzip
import json
import shutil

from conftest import SAMPLES, write_jsonl

from eventwire import Store

BODY = (
    "Turkish Foreign Minister Ahmet Davutoglu met his Iranian counterpart in Ankara on "
    "Tuesday to discuss the war in Syria and trade between the two countries.\n\n"
    "The ministers agreed to meet again in Tehran next month, a ministry statement said."
)


def stored(db):
    with Store(db) as store:
        return {row["id"]: store.article(row["id"]) for row in store.articles()}


def test_txt_first_line_is_title_and_dateline_gives_source(cli, db, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        f"\n  Davutoglu meets Iranian FM\n\nAnkara, SNA – {BODY}\n\nCheck Also\n\nOther\n"
    )
    result = cli("ingest", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    (article,) = stored(db).values()
    assert article["title"] == "Davutoglu meets Iranian FM"
    assert article["source"] == "SNA" and article["source_method"] == "dateline"
    assert article["dateline_place"] == "Ankara"
    assert article["text"] == BODY
    assert article["published"] is None  # nothing says when: null, not a guess


def test_html_via_trafilatura(cli, db):
    result = cli("ingest", str(SAMPLES / "story.html"), "--db", str(db))
    assert result.exit_code == 0, result.output
    (article,) = stored(db).values()
    assert article["title"].startswith("Kerry, Lavrov discuss")
    assert article["published"] == "2016-02-10"
    assert article["source"] == "Sample Daily"
    assert "Kerry urged Moscow" in article["text"]
    assert not article["text"].startswith("Kerry, Lavrov discuss")  # title not repeated
    assert article["dateline_place"] == "MUNICH"


def test_jsonl_and_news_please_field_names(cli, db, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {
                "id": "given-1",
                "title": "T1",
                "text": BODY,
                "published": "2015-06-01",
                "source": "Wire A",
                "url": "https://example.org/1",
            },
            {
                "title": "T2",
                "maintext": BODY + " Extra sentence.",
                "date_publish": "2017-09-15 00:00:00",
                "source_domain": "example.org",
            },
        ],
    )
    assert cli("ingest", str(path), "--db", str(db)).exit_code == 0
    articles = stored(db)
    assert articles["given-1"]["published"] == "2015-06-01"
    assert articles["given-1"]["url"] == "https://example.org/1"
    (other,) = [a for k, a in articles.items() if k != "given-1"]
    assert other["published"] == "2017-09-15" and other["source"] == "example.org"
    assert len(other["id"]) == 16 and other["id"] == other["content_hash"][:16]


def test_json_single_object_and_array(cli, db, tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"title": "One", "text": BODY}, indent=2))
    (tmp_path / "many.json").write_text(
        json.dumps([{"id": "m1", "text": BODY + " A."}, {"id": "m2", "text": BODY + " B."}])
    )
    result = cli("ingest", str(tmp_path), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert len(stored(db)) == 3


def test_csv_defaults_and_column_options(cli, db, tmp_path):
    (tmp_path / "plain.csv").write_text(
        'id,title,text,date,source\nc1,Title,"' + BODY.replace('"', '""') + '",2016-01-05,Wire\n'
    )
    assert cli("ingest", str(tmp_path / "plain.csv"), "--db", str(db)).exit_code == 0
    custom = tmp_path / "custom.tsv"
    one_line = BODY.replace("\n\n", " ")
    custom.write_text(f"key\theadline\tstory\twhen\nc3\tHead\t{one_line}\tFeb 7, 2016\n")
    result = cli(
        "ingest",
        str(custom),
        "--db",
        str(db),
        "--csv-id",
        "key",
        "--csv-text",
        "story",
        "--csv-title",
        "headline",
        "--csv-published",
        "when",
    )
    assert result.exit_code == 0, result.output
    articles = stored(db)
    assert articles["c1"]["published"] == "2016-01-05" and articles["c1"]["source"] == "Wire"
    assert articles["c3"]["title"] == "Head" and articles["c3"]["published"] == "2016-02-07"


def test_gzip_wrapped_inputs(cli, db, tmp_path):
    with gzip.open(tmp_path / "a.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "gz1", "text": BODY}) + "\n")
    with gzip.open(tmp_path / "b.txt.gz", "wt") as fh:
        fh.write("A gzipped title\n\n" + BODY + " Gzipped.\n")
    result = cli("ingest", str(tmp_path), "--db", str(db))
    assert result.exit_code == 0, result.output
    titles = {a["title"] for a in stored(db).values()}
    assert titles == {None, "A gzipped title"}


def test_stdin(cli, db):
    payload = json.dumps({"id": "in1", "text": BODY}) + "\n"
    result = cli("ingest", "-", "--db", str(db), input=payload.encode())
    assert result.exit_code == 0, result.output
    assert list(stored(db)) == ["in1"]


def test_url_html(cli, db, http_server):
    result = cli("ingest", f"{http_server}/story.html", "--db", str(db))
    assert result.exit_code == 0, result.output
    (article,) = stored(db).values()
    assert article["url"] == f"{http_server}/story.html"
    assert article["source"] == "Sample Daily"


def test_directory_recursion_and_per_file_meta(cli, db, tmp_path):
    nested = tmp_path / "in" / "deeper"
    nested.mkdir(parents=True)
    (nested / "x.txt").write_text("Title X\n\n" + BODY + "\n")
    shutil.copy(SAMPLES / "story_dateline.txt", tmp_path / "in" / "y.txt")
    meta = tmp_path / "in" / "meta.jsonl"
    meta.write_text(json.dumps({"file": "x.txt", "source": "Meta Wire", "published": "2014-03-02"}))
    result = cli("ingest", str(tmp_path / "in"), "--db", str(db), "--meta", str(meta))
    assert result.exit_code == 0, result.output
    by_title = {a["title"]: a for a in stored(db).values()}
    assert by_title["Title X"]["source"] == "Meta Wire"
    assert by_title["Title X"]["published"] == "2014-03-02"
    assert by_title["Title X"]["published_method"] == "metadata"
    assert len(by_title) == 2  # meta.jsonl itself is not read as articles


def test_overrides_beat_metadata(cli, db, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [{"id": "o1", "text": BODY, "published": "2015-01-01", "source": "Wire"}],
    )
    cli("ingest", str(path), "--db", str(db), "--published", "2015-02-02", "--source", "Mine")
    article = stored(db)["o1"]
    assert (article["published"], article["source"]) == ("2015-02-02", "Mine")
    assert (article["published_method"], article["source_method"]) == ("override", "override")


def test_published_from_dateline_with_year(cli, db, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"id": "d1", "text": "LONDON, March 3, 2016 (Reuters) - " + BODY}]
    )
    cli("ingest", str(path), "--db", str(db))
    article = stored(db)["d1"]
    assert article["published"] == "2016-03-03" and article["published_method"] == "dateline"
    assert article["source"] == "Reuters"


def test_a_reuters_sgml_story_is_published_on_its_date_line():
    from eventwire.ingest.readers import ReadOptions, read_reuters_sgml, reuters_date

    sgml = (
        '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS NEWID="7">\n'
        "<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>TALKS</TITLE>"
        "<BODY>Japan and the United States held trade talks in Tokyo.</BODY></TEXT></REUTERS>"
    )
    (item,) = read_reuters_sgml(sgml.encode(), "a.sgm", ReadOptions())
    assert getattr(item, "published", None) == "1987-02-26"
    assert reuters_date("not a date") is None and reuters_date(None) is None
