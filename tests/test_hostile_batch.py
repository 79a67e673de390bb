"""One batch of at least 30 kinds of hostile input with good articles: no traceback, every good
article stored, every bad input named in one line with its reason (``hostile_inputs.py``)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from conftest import write_jsonl
from hostile_inputs import KINDS, STORY, body

from eventwire import Store
from eventwire.ingest import sources
from eventwire.ingest.readers import ReadOptions
from eventwire.ingest.records import Failure, RawRecord
from eventwire.model import OffsetMap

GOOD = [
    {"id": f"good-{i}", "text": f"{STORY} Talks continued on day {i}.", "published": "2024-03-0{i}"}
    for i in range(1, 4)
]


def stored_by_origin(db: Path) -> dict[str, dict]:
    with Store(db) as store:
        return {row["origin"]: store.article(row["id"]) for row in store.articles()}


def test_thirty_kinds_of_hostile_input_in_one_batch(cli, db, tmp_path, monkeypatch):
    assert len(KINDS) >= 30
    folder = tmp_path / "hostile"
    folder.mkdir()
    paths = {kind.name: kind.make(folder) for kind in KINDS}
    good = write_jsonl(tmp_path / "good.jsonl", GOOD)
    doomed = paths["deleted while the batch runs"]
    original = sources.unreadable

    def delete_once_the_batch_has_begun(path: Path) -> str | None:
        if path.parent == folder and doomed.exists():  # the folder is listed by now
            doomed.unlink()
        return original(path)

    monkeypatch.setattr(sources, "unreadable", delete_once_the_batch_has_begun)
    result = cli("ingest", str(good), str(folder), "--db", str(db))
    output = result.output
    assert "Traceback" not in output
    lines = [line.strip() for line in output.splitlines()]
    stored = stored_by_origin(db)
    for record in GOOD:
        assert f"{good}:{GOOD.index(record) + 1}" in stored, record["id"]

    for kind in KINDS:
        path = str(paths[kind.name])
        named = [line for line in lines if line.split(": ", 1)[-1].startswith(path)]
        articles = [a for origin, a in stored.items() if origin.startswith(path)]
        failed = [line for line in named if line.startswith("failed:")]
        warned = [line for line in named if line.startswith("warning:")]
        if kind.outcome == "failed":
            assert len(failed) == 1 and len(articles) == kind.good_rows, (kind.name, named)
            assert kind.says in failed[0].lower(), (kind.name, failed)
            continue
        assert not failed and len(articles) == 1, (kind.name, named)
        if kind.outcome == "warned":
            assert any(kind.says in line.lower() for line in warned), (kind.name, named)
        article = articles[0]
        for junk in kind.stored_text_lacks:
            assert junk not in article["text"] and junk not in (article["title"] or ""), kind.name
        assert "Kenya" in article["text"] or "Police" in article["text"], kind.name


def test_invisible_characters_are_stripped_and_the_offset_map_points_past_them(cli, db, tmp_path):
    raw = body("bidi").replace("Nairobi", "Nai\u202e\u200brobi")
    path = write_jsonl(tmp_path / "bidi.jsonl", [{"id": "bidi", "text": raw}])
    cli("ingest", str(path), "--db", str(db))
    with Store(db) as store:
        article = store.article("bidi")
    clean = article["text"]
    start = clean.index("Nairobi")
    offsets = OffsetMap.from_list(json.loads(article["offsets"]))
    raw_start, raw_end = offsets.span_to_raw((start, start + len("Nairobi")))
    assert article["raw_text"][raw_start:raw_end] == "Nai\u202e\u200brobi"


def test_a_redirect_loop_is_named_and_the_batch_goes_on(cli, db, tmp_path, http_server):
    good = write_jsonl(tmp_path / "good.jsonl", GOOD[:1])
    result = cli("ingest", f"{http_server}/loop", str(good), "--db", str(db))
    assert "Traceback" not in result.output
    (line,) = [ln.strip() for ln in result.output.splitlines() if "failed:" in ln]
    assert line.startswith(f"failed: {http_server}/loop: ") and "redirect" in line.lower()
    assert sorted(stored_by_origin(db)) == [f"{good}:1"]


@pytest.mark.skipif(not hasattr(os, "seteuid"), reason="needs POSIX users")
def test_a_file_the_user_may_not_read_is_named(tmp_path):
    """Root reads everything, so as root the folder is read as the user nobody."""
    folder = Path(tempfile.mkdtemp(prefix="eventwire-perm-"))
    os.chmod(folder, 0o755)
    secret = folder / "secret.txt"
    secret.write_text(f"Closed\n\n{body('secret')}\n")
    os.chmod(secret, 0)
    good = write_jsonl(folder / "good.jsonl", GOOD[:1])
    os.chmod(good, 0o644)
    as_root = os.geteuid() == 0
    if as_root:
        os.seteuid(65534)
    try:
        items = list(sources.read_inputs([str(folder)], ReadOptions()))
    finally:
        if as_root:
            os.seteuid(0)
    failures = [str(item) for item in items if isinstance(item, Failure)]
    assert failures == [f"{secret}: cannot read (Permission denied)"]
    assert [item.origin for item in items if isinstance(item, RawRecord)] == [f"{good}:1"]
