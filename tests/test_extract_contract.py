"""The machine contract: order, schema, error lines, and spans into the caller's own text."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import SAMPLES

from eventwire.contract import load_schema, result_to_json
from eventwire.model import Actor, ArticleResult, Event, Location, Plover, Quote

TEXT = (
    "GENEVA, March 3 (Sample Wire) – The UN envoy met  the Syrian delegation in Geneva on "
    "Thursday.\n\nThe talks, he said, were “useful”."
)


def run_extract(cli, payload: str) -> list[dict]:
    result = cli("extract", "-", input=payload.encode("utf-8"))
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_line_per_input_in_order_with_errors(cli):
    payload = (
        "\n".join(
            [
                json.dumps({"id": "first", "text": TEXT, "published": "2016-03-03"}),
                "{broken",
                json.dumps({"id": "no-text", "title": "x"}),
                json.dumps(["not", "an", "object"]),
                json.dumps({"id": "last", "text": TEXT, "source": "Mine"}),
            ]
        )
        + "\n"
    )
    lines = run_extract(cli, payload)
    schema = load_schema()
    for line in lines:
        jsonschema.validate(line, schema)
    assert [line["id"] for line in lines] == ["first", None, "no-text", None, "last"]
    assert [bool(line["errors"]) for line in lines] == [False, True, True, True, False]
    assert lines[1]["errors"] == [
        "<stdin>:2: malformed JSON (Expecting property name enclosed in double quotes at column 2)"
    ]
    assert "no text" in lines[2]["errors"][0]
    assert lines[0]["published"] == "2016-03-03" and lines[0]["source"] == "Sample Wire"
    assert lines[4]["source"] == "Mine"


def test_samples_validate(cli):
    lines = run_extract(cli, (SAMPLES / "articles.jsonl").read_text(encoding="utf-8"))
    assert len(lines) == 4
    for line in lines:
        jsonschema.validate(line, load_schema())
        assert line["errors"] == []


def test_non_english_line_is_an_error_not_a_crash(cli):
    french = (
        "Le ministre des Affaires étrangères a reçu lundi son homologue jordanien à Paris "
        "pour évoquer la situation en Syrie et la prochaine conférence."
    )
    (line,) = run_extract(cli, json.dumps({"id": "fr", "text": french}) + "\n")
    assert line["id"] == "fr" and line["errors"][0].startswith("<stdin>:1: not English")


def test_spans_in_output_index_the_input_text():
    """Events and quotes are serialised with spans mapped back through the cleaner."""
    from eventwire.api import extract

    result = extract(TEXT, id="t")
    article = result.article
    assert article is not None and article.text.startswith("The UN envoy met the Syrian")
    start = article.text.index("met")
    quote_start = article.text.index("“useful”")
    actor = Actor("The UN envoy", "IGOUNO", "IGO", "UNO", None)
    result.events.append(
        Event(
            source=actor,
            target=Actor("the Syrian delegation"),
            cameo="040",
            plover=Plover("CONSULT"),
            quad_class=1,
            goldstein=1.0,
            sentence=0,
            span=(start, start + len("met  the Syrian delegation") - 1),
            evidence="…",
            location=Location("Geneva", "CHE", 46.2, 6.1, 2660646),
        )
    )
    result.quotes.append(Quote(actor, "useful", "direct", "said", (quote_start, quote_start + 8)))
    out = result_to_json(result)
    jsonschema.validate(out, load_schema())
    s, e = out["events"][-1]["span"]
    assert TEXT[s:e] == "met  the Syrian delegation"
    s, e = out["quotes"][-1]["span"]
    assert TEXT[s:e] == "“useful”"


@pytest.mark.parametrize("bad", [{"cameo": "04x"}, {"quad_class": 5}, {"modality": "maybe"}])
def test_schema_rejects_contract_violations(bad):
    result = ArticleResult(article=None, input_id="x")
    result.events.append(Event(None, None, "040", None, 1, None, 0, (0, 1), "e"))
    out = result_to_json(result)
    out["events"][0].update(bad)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(out, load_schema())


def test_scraped_tags_and_date_label_never_reach_the_events():
    """A page flattened to one line: its date label dates the story, its tag list is no
    actor, and every span still indexes the text as it arrived."""
    from eventwire.api import extract

    raw = (
        "Date of publication 7 October 2016 Shelling in West Aleppo left 11 people dead. "
        "Tags Syria Aleppo Russia UN De Mistura Syrian rebels shelled a government-held "
        "district of Aleppo on Friday, the monitor said."
    )
    out = result_to_json(extract(raw, id="t"))
    assert out["published"] == "2016-10-07"
    actors = [e[role] for e in out["events"] for role in ("source", "target") if e[role]]
    assert actors and not any("Tags" in a["text"] or "Russia" in a["text"] for a in actors)
    assert "Syrian rebels" in [e["source"]["text"] for e in out["events"] if e["source"]]
    tags = (raw.index("Tags"), raw.index("Syrian rebels"))
    for event in out["events"]:
        s, e = event["span"]
        assert e <= tags[0] or s >= tags[1], raw[s:e]


def test_actor_spans_index_the_words_each_side_was_given():
    """``source_span``/``target_span`` point at the words behind each actor's ``text`` in the
    caller's own text (through the cleaner's changes), in the title for headline events, and
    are null with no such actor."""
    from eventwire.api import extract

    title = "Turkish jets strike Kurdish militants in northern Iraq"
    raw = (
        "Sep 2014 The  Syrian army shelled the town of Douma on Monday, killing 12 people, "
        "the monitor said.\n\nSeveral civilians were wounded in the town."
    )
    out = result_to_json(extract(raw, title=title, id="t", published="2014-09-10"))
    jsonschema.validate(out, load_schema())
    seen = set()
    for event in out["events"]:
        text = title if event["sentence"] < 0 else raw
        for role in ("source", "target"):
            actor, span = event[role], event[f"{role}_span"]
            if actor is None:
                assert span is None
                continue
            s, e = span
            assert " ".join(text[s:e].split()) == " ".join(actor["text"].split())
            seen.add((event["sentence"] < 0, role, text[s:e]))
    assert (False, "source", "The  Syrian army") in seen  # the dateline is not the army's
    assert (False, "target", "12 people") in seen
    assert any(headline and role == "source" for headline, role, _ in seen), seen
