"""Bad input: each case gets a one-line reason naming the file or line; the batch goes on."""

from __future__ import annotations

import json

from conftest import write_jsonl

from eventwire import Store

GOOD = (
    "Jordan's foreign minister received the UN envoy in Amman on Sunday and urged all parties "
    "to respect the truce in southern Syria, the ministry said in a statement."
)
FRENCH = (
    "Le ministre des Affaires étrangères a reçu lundi son homologue jordanien à Paris pour "
    "évoquer la situation en Syrie et la préparation de la prochaine conférence de paix."
)


def run_with_good(cli, db, tmp_path, *bad_inputs: str):
    """Ingest a good file alongside the bad inputs; return (result, stored ids)."""
    good = write_jsonl(tmp_path / "good.jsonl", [{"id": "good", "text": GOOD}])
    result = cli("ingest", str(good), *bad_inputs, "--db", str(db))
    with Store(db) as store:
        ids = [row["id"] for row in store.articles()]
    return result, ids


def failure_lines(result) -> list[str]:
    return [
        line.strip() for line in result.output.splitlines() if line.strip().startswith("failed:")
    ]


def test_empty_file(cli, db, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    result, ids = run_with_good(cli, db, tmp_path, str(tmp_path / "empty.txt"))
    assert result.exit_code == 0 and ids == ["good"]
    assert failure_lines(result) == [f"failed: {tmp_path / 'empty.txt'}: empty file"]


def test_binary_file(cli, db, tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result, ids = run_with_good(cli, db, tmp_path, str(tmp_path / "photo.txt"))
    assert ids == ["good"]
    assert failure_lines(result) == [f"failed: {tmp_path / 'photo.txt'}: binary file, not text"]


def test_non_utf8_text_is_decoded_with_a_warning(cli, db, tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(
        (
            "Ministers meet\n\n" + GOOD.replace("Jordan's", "Jordan’s") + " Café talks followed.\n"
        ).encode("cp1252")
    )
    result, ids = run_with_good(cli, db, tmp_path, str(path))
    assert result.exit_code == 0 and len(ids) == 2
    assert f"warning: {path}: not valid UTF-8" in result.output
    with Store(db) as store:
        (latin,) = [store.article(i) for i in ids if i != "good"]
    assert "Jordan’s foreign minister" in latin["text"] and "Café" in latin["text"]


def test_malformed_json_line_names_the_line(cli, db, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": GOOD})
        + "\n{not json}\n"
        + json.dumps({"id": "b", "text": GOOD + " Again."})
        + "\n"
    )
    result = cli("ingest", str(path), "--db", str(db))
    assert result.exit_code == 0
    assert failure_lines(result) == [
        f"failed: {path}:2: malformed JSON (Expecting property name enclosed in double quotes "
        "at column 2)"
    ]
    with Store(db) as store:
        assert sorted(store.ids()) == ["a", "b"]


def test_deeply_nested_json_is_named_and_the_batch_goes_on(cli, db, tmp_path):
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000)
    lines = tmp_path / "nested.jsonl"
    lines.write_text(
        json.dumps({"id": "fine", "text": GOOD + " Again."}) + "\n" + "[" * 100_000 + "\n"
    )
    result, ids = run_with_good(cli, db, tmp_path, str(nested), str(lines))
    assert result.exit_code == 0 and sorted(ids) == ["fine", "good"]
    assert failure_lines(result) == [
        f"failed: {nested}: JSON nested too deeply to read (thousands of levels)",
        f"failed: {lines}:2: JSON nested too deeply to read (thousands of levels)",
    ]
    assert "Traceback" not in result.output


def test_extract_gives_one_line_for_a_deeply_nested_input_line(cli):
    good = json.dumps({"id": "x", "text": GOOD})
    result = cli("extract", input="[" * 100_000 + "\n" + good + "\n")
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 2 and out[1]["id"] == "x" and out[1]["errors"] == []
    assert out[0]["errors"] == ["<stdin>:1: JSON nested too deeply to read (thousands of levels)"]


def test_utf16_and_utf32_with_a_byte_order_mark_are_read(cli, db, tmp_path):
    wide16 = tmp_path / "wide16.txt"
    wide16.write_bytes(("Jordan receives envoy\n\n" + GOOD).encode("utf-16"))  # LE, with BOM
    wide32 = tmp_path / "wide32.jsonl"
    record = json.dumps({"id": "w32", "text": GOOD + " Again."}, ensure_ascii=False)
    wide32.write_bytes(b"\x00\x00\xfe\xff" + record.encode("utf-32-be"))
    result, ids = run_with_good(cli, db, tmp_path, str(wide16), str(wide32))
    assert result.exit_code == 0 and failure_lines(result) == []
    assert len(ids) == 3 and {"good", "w32"} <= set(ids)
    with Store(db) as store:
        texts = [text for (text,) in store.conn.execute("SELECT text FROM articles")]
    assert all("\x00" not in t for t in texts) and sum(GOOD in t for t in texts) == 3


def test_json_line_without_text(cli, db, tmp_path):
    path = write_jsonl(tmp_path / "notext.jsonl", [{"id": "n1", "title": "Only a title"}])
    result, ids = run_with_good(cli, db, tmp_path, str(path))
    assert ids == ["good"]
    assert failure_lines(result) == [
        f"failed: {path}:1: no text (expected a non-empty 'text' or 'maintext' field)"
    ]


def test_a_record_that_is_only_site_furniture_is_named_and_the_batch_goes_on(cli, db, tmp_path):
    # a scraped tag list with no story: the cleaner cuts it whole
    path = write_jsonl(tmp_path / "tags.jsonl", [{"id": "t1", "text": "Tags Syria Aleppo Russia"}])
    result, ids = run_with_good(cli, db, tmp_path, str(path))
    assert result.exit_code == 0 and ids == ["good"]
    assert failure_lines(result) == [f"failed: {path}:1: no text left after cleaning"]


def test_unknown_extension(cli, db, tmp_path):
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04")
    result, ids = run_with_good(cli, db, tmp_path, str(tmp_path / "report.docx"))
    assert ids == ["good"]
    (line,) = failure_lines(result)
    assert line.startswith(f"failed: {tmp_path / 'report.docx'}: unknown extension '.docx'")


def test_ten_megabyte_article_is_refused_quickly(cli, db, tmp_path):
    huge = ((GOOD + " ") * (10_000_000 // len(GOOD) + 1))[:10_000_000]
    path = write_jsonl(tmp_path / "huge.jsonl", [{"id": "huge", "text": huge}])
    (tmp_path / "huge.txt").write_text("Huge\n\n" + huge)
    result, ids = run_with_good(cli, db, tmp_path, str(path), str(tmp_path / "huge.txt"))
    assert ids == ["good"]
    lines = failure_lines(result)
    assert len(lines) == 2
    assert lines[0].startswith(f"failed: {path}:1: article too long (10,000,000 characters")
    assert "limit 1,000,000, raise it with --max-chars" in lines[0]


def test_non_english_article_is_skipped_with_the_language(cli, db, tmp_path):
    path = write_jsonl(tmp_path / "fr.jsonl", [{"id": "fr", "text": FRENCH}])
    result, ids = run_with_good(cli, db, tmp_path, str(path))
    assert ids == ["good"]
    (line,) = failure_lines(result)
    assert line.startswith(f"failed: {path}:1: not English (detected 'fr'")


def test_failing_and_timed_out_urls(cli, db, tmp_path, http_server):
    good = write_jsonl(tmp_path / "good.jsonl", [{"id": "good", "text": GOOD}])
    result = cli(
        "ingest",
        f"{http_server}/missing",
        f"{http_server}/slow",
        str(good),
        "--db",
        str(db),
        "--timeout",
        "0.5",
    )
    assert result.exit_code == 0
    assert failure_lines(result) == [
        f"failed: {http_server}/missing: fetch failed: HTTP 404 Not Found",
        f"failed: {http_server}/slow: timed out after 0.5 s",
    ]


def test_unreachable_host(cli, db, tmp_path):
    result, ids = run_with_good(cli, db, tmp_path, "http://127.0.0.1:9/none")
    assert ids == ["good"]
    (line,) = failure_lines(result)
    assert line.startswith("failed: http://127.0.0.1:9/none: fetch failed:")


def test_directory_with_no_articles(cli, db, tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"x")
    result, ids = run_with_good(cli, db, tmp_path, str(folder))
    assert ids == ["good"]
    assert failure_lines(result) == [
        f"failed: {folder}: no articles found: 1 file(s), none with a supported extension"
    ]


def test_missing_path(cli, db, tmp_path):
    result, ids = run_with_good(cli, db, tmp_path, str(tmp_path / "nope.txt"))
    assert failure_lines(result) == [f"failed: {tmp_path / 'nope.txt'}: no such file or directory"]


def test_exit_code_is_nonzero_only_when_nothing_was_ingested(cli, db, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = cli("ingest", str(tmp_path / "empty.txt"), "--db", str(db))
    assert result.exit_code == 1
    assert "Ingested 0 article(s)" in result.output and "1 failed" in result.output
