"""One reader per input format. Each turns bytes into RawRecords, or Failures with a reason."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import html
import io
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from eventwire.ingest.records import Failure, RawRecord, record_from_mapping

Item = RawRecord | Failure
MAX_FILE_BYTES = 200_000_000  # whole-file formats above this are refused, not read into memory
BINARY_SNIFF = 8192


@dataclass
class ReadOptions:
    """How to read inputs: CSV column names (None = the usual aliases), URL timeout."""

    csv_columns: dict[str, str | None] = field(default_factory=dict)
    csv_delimiter: str = ","
    timeout: float = 20.0


class InputError(Exception):
    """A whole input (file, URL) cannot be read; the message is the reason."""


# byte-order marks of the UTF-16 and UTF-32 encodings (UTF-32 first: its LE mark begins with
# UTF-16's); Windows tools write them
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding a byte-order mark announces, if any."""
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def _nul_share(head: bytes, phase: int, period: int) -> float:
    column = head[phase::period]
    return column.count(0) / len(column) if column else 0.0


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where its NUL bytes sit: text in
    Latin script has a NUL in every high byte (``K\\0e\\0n\\0`` is UTF-16-LE)."""
    head = data[: BINARY_SNIFF - BINARY_SNIFF % 4]
    if len(head) < 8:
        return None
    shares = [_nul_share(head, phase, 4) for phase in range(4)]
    if min(shares[1:]) > 0.9 and shares[0] < 0.1:
        return "utf-32-le"
    if min(shares[:3]) > 0.9 and shares[3] < 0.1:
        return "utf-32-be"
    odd, even = _nul_share(head, 1, 2), _nul_share(head, 0, 2)
    if odd > 0.7 and even < 0.1:
        return "utf-16-le"
    if even > 0.7 and odd < 0.1:
        return "utf-16-be"
    return None


def _decode_wide(data: bytes, encoding: str, origin: str) -> tuple[str, str | None]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        text = data.decode(encoding, errors="replace")
        return text, f"{origin}: not valid {encoding.upper()} (byte {err.start}); replaced"
    return text.removeprefix("\ufeff"), None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few bad bytes (a lone surrogate after an emoji, a cut multi-byte
    character) stays UTF-8: a legacy code page would turn every good character into mojibake.
    It counts as UTF-8 when its valid multi-byte characters outnumber its bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = len(re.findall("\ufffd+", text)) - data.count("\ufffd".encode())
    wide = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return (text, bad) if wide > bad else None


def decode(data: bytes, origin: str) -> tuple[str, str | None]:
    """Bytes → text. UTF-16 and UTF-32 are read as such, with or without a byte-order mark;
    UTF-8 with a few bad bytes keeps its good characters; other text is decoded by a guess at
    its code page. Any repair is named in the warning."""
    wide = bom_encoding(data) or wide_encoding(data)
    if wide is not None:
        return _decode_wide(data, wide, origin)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nuls = data.count(0) if data.replace(b"\x00", b"").strip() else 0  # NULs alone stay, and fail
    if nuls:
        data = data.replace(b"\x00", b"")
    nul_note = f"; {nuls} NUL byte(s) removed" if nuls else ""
    try:
        text = data.decode("utf-8")
        return text, (f"{origin}: {nuls} NUL byte(s) removed" if nuls else None)
    except UnicodeDecodeError as err:
        position = err.start
    repaired = _mostly_utf8(data)
    if repaired is not None:
        text, bad = repaired
        return text, (
            f"{origin}: not valid UTF-8 (byte {position}); {bad} bad byte sequence(s) "
            f"replaced{nul_note}"
        )
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        encoding = best.encoding if best else "cp1252"
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError, ImportError):
        encoding = "cp1252 with replacement"
        text = data.decode("cp1252", errors="replace")
    return text, f"{origin}: not valid UTF-8 (byte {position}); decoded as {encoding}{nul_note}"


MAX_NUL_SHARE = 0.01  # a stray NUL in text is removed; more than this is a binary file


def looks_binary(data: bytes) -> bool:
    if bom_encoding(data) is not None or wide_encoding(data) is not None:
        return False  # UTF-16/32 text: its NUL bytes are half of its characters
    head = data[:BINARY_SNIFF]
    if head.count(0) > MAX_NUL_SHARE * len(head):
        return True
    control = sum(1 for b in head if b < 32 and b not in (0, 9, 10, 13, 12, 27))
    return bool(head) and control / len(head) > 0.1


def check_text_bytes(data: bytes, origin: str) -> None:
    if not data.strip():
        raise InputError("empty file")
    if looks_binary(data):
        raise InputError("binary file, not text")


def gunzip(data: bytes, limit: int = MAX_FILE_BYTES) -> bytes:
    """Inflate gzip data, refusing it once it expands beyond ``limit`` (a gzip bomb is a few
    hundred kilobytes that inflate to gigabytes): memory stays bounded by the limit."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(limit + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise InputError(f"corrupt gzip data ({err})") from err
    if len(out) > limit:
        raise InputError(f"gzip data expands beyond {limit:,} bytes; refused")
    return out


# ------------------------------------------------------------------------------ formats
MAX_TITLE_CHARS = 300  # a longer first line is the story itself, not its headline


def read_txt(data: bytes, origin: str, opts: ReadOptions) -> Iterator[Item]:
    check_text_bytes(data, origin)
    text, warning = decode(data, origin)
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    if title and len(title) > MAX_TITLE_CHARS:
        yield RawRecord(origin, text, warnings=[warning] if warning else [])
        return
    body_start = text.find(title) + len(title) if title else 0
    if not text[body_start:].strip():
        yield Failure(origin, "no text after the title line")
        return
    yield RawRecord(origin, text, title=title, warnings=[warning] if warning else [])


def read_html(
    data: bytes, origin: str, opts: ReadOptions, url: str | None = None
) -> Iterator[Item]:
    check_text_bytes(data, origin)
    import trafilatura

    text, warning = decode(data, origin)
    doc = trafilatura.bare_extraction(text, url=url, with_metadata=True, include_comments=False)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        yield Failure(origin, "no article text found in the HTML")
        return
    yield RawRecord(
        origin,
        body,
        title=getattr(doc, "title", None),
        published=getattr(doc, "date", None),
        source=getattr(doc, "sitename", None),
        url=url or getattr(doc, "url", None),
        warnings=[warning] if warning else [],
    )


JSON_SPACE = " \t\r\n"  # a line of only these is blank; any other character makes it an item
TOO_DEEP = "JSON nested too deeply to read (thousands of levels)"


def json_objects(lines: Iterable[str], origin: str) -> Iterator[dict[str, Any] | Failure]:
    """JSON Lines → objects, with a Failure naming the line for each bad one."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip(JSON_SPACE):
            continue
        where = f"{origin}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(where, f"malformed JSON ({err.msg} at column {err.colno})")
            continue
        except RecursionError:
            yield Failure(where, TOO_DEEP)
            continue
        if not isinstance(obj, dict):
            yield Failure(where, f"expected a JSON object, got {type(obj).__name__}")
            continue
        obj.setdefault("_origin", where)
        yield obj


def _as_record(obj: dict[str, Any] | Failure, warning: str | None) -> Item:
    if isinstance(obj, Failure):
        return obj
    item = record_from_mapping(obj, str(obj["_origin"]))
    if warning and isinstance(item, RawRecord):
        item.warnings.append(warning)
    return item


def read_jsonl(data: bytes, origin: str, opts: ReadOptions) -> Iterator[Item]:
    check_text_bytes(data, origin)
    text, warning = decode(data, origin)
    for i, obj in enumerate(json_objects(io.StringIO(text), origin)):
        yield _as_record(obj, warning if i == 0 else None)


def read_json(data: bytes, origin: str, opts: ReadOptions) -> Iterator[Item]:
    """A .json file: one object (news-please), an array of objects, or JSON Lines."""
    check_text_bytes(data, origin)
    text, warning = decode(data, origin)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        yield from read_jsonl(data, origin, opts)
        return
    except RecursionError:
        yield Failure(origin, TOO_DEEP)
        return
    items = obj if isinstance(obj, list) else [obj]
    for i, element in enumerate(items):
        where = f"{origin}[{i}]" if isinstance(obj, list) else origin
        if isinstance(element, dict):
            element.setdefault("_origin", where)
            yield _as_record(element, warning)
        else:
            yield Failure(where, f"expected a JSON object, got {type(element).__name__}")


def read_csv(data: bytes, origin: str, opts: ReadOptions) -> Iterator[Item]:
    check_text_bytes(data, origin)
    text, warning = decode(data, origin)
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.DictReader(
        io.StringIO(text, newline=""), delimiter=opts.csv_delimiter, strict=True
    )
    missing = [
        f"{attr}={col!r}"
        for attr, col in opts.csv_columns.items()
        if col and reader.fieldnames and col not in reader.fieldnames
    ]
    if missing:
        yield Failure(
            origin, f"CSV has no column {', '.join(missing)}; columns: {reader.fieldnames}"
        )
        return
    row_start = 2
    try:
        for row in reader:
            where = f"{origin}:{reader.line_num}"
            row_start = reader.line_num + 1
            item = record_from_mapping(row, where, opts.csv_columns)
            if warning and isinstance(item, RawRecord):
                item.warnings.append(warning)
                warning = None
            yield item
    except csv.Error as err:
        quoting = '"' in str(err) or "end of data" in str(err)
        hint = "a quote opened in this row does not close where its field ends; " if quoting else ""
        yield Failure(
            f"{origin}:{row_start}",
            f"malformed CSV ({err}): {hint}the rest of the file is not read",
        )


_SGML_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_SGML_FIELD = {
    k: re.compile(rf"<{k}>(.*?)</{k}>", re.S) for k in ("DATE", "TITLE", "DATELINE", "BODY")
}


def read_reuters_sgml(data: bytes, origin: str, opts: ReadOptions) -> Iterator[Item]:
    """Reuters-21578 SGML: the classic wire benchmark. Title, dateline and body are fields."""
    check_text_bytes(data, origin)
    text, warning = decode(data, origin)
    docs = list(_SGML_DOC.finditer(text))
    if not docs:
        yield Failure(origin, "no <REUTERS> documents in SGML file")
        return
    for m in docs:
        attrs, inner = m.group(1), m.group(2)
        newid = re.search(r'NEWID="(\d+)"', attrs)
        doc_id = f"reuters-{newid.group(1)}" if newid else None
        where = f"{origin}:NEWID={newid.group(1) if newid else '?'}"
        fields = {k: (p.search(inner) or [None, None])[1] for k, p in _SGML_FIELD.items()}
        body = html.unescape(fields["BODY"] or "")
        if not body.strip():
            yield Failure(where, "no text (the story has no BODY)", id=doc_id)
            continue
        dateline = html.unescape(fields["DATELINE"] or "").strip()
        yield RawRecord(
            where,
            f"{dateline} {body}" if dateline else body,
            title=html.unescape(fields["TITLE"] or "").strip() or None,
            id=doc_id,
            published=reuters_date(fields["DATE"]),
            source="Reuters",
        )


def reuters_date(field: str | None) -> str | None:
    """The ISO day of a Reuters-21578 ``<DATE>`` ("26-FEB-1987 15:01:01.79"), else None."""
    try:
        return dt.datetime.strptime((field or "").strip()[:11], "%d-%b-%Y").date().isoformat()
    except ValueError:
        return None


Reader = Callable[[bytes, str, ReadOptions], Iterator[Item]]
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".sgm": read_reuters_sgml,
    ".sgml": read_reuters_sgml,
}


def sniff_reader(data: bytes) -> Reader:
    """Format of unnamed input (stdin): JSON if it starts with {/[, HTML if with <, else text."""
    head = data.lstrip()[:200]
    if head.startswith((b"{", b"[")):
        return read_json
    if head.startswith(b"<"):
        return read_reuters_sgml if head.startswith(b"<!DOCTYPE lewis") else read_html
    return read_txt
