"""The shared real-news corpora as documents with stable ids, for annotation and audits.

Annotations of third-party text store (corpus, document id, character offsets) and never the
text, so every reader here must give the same text for the same id on every machine: the
offsets index into ``Document.text`` exactly as returned.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from eventwire.eval.dedup_corpus import read_fakes
from eventwire.ingest.readers import reuters_date

CORPORA = ("fakes", "giveme5w1h", "reuters")
_GIVEME = Path("data") / "corpora" / "giveme5w1h_news_cluster" / "data_raw"
_REUTERS = Path("data") / "corpora" / "reuters21578"
_SGML_DOC = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_DATE = re.compile(r"<DATE>(.*?)</DATE>", re.S)


@dataclass(frozen=True)
class Document:
    corpus: str
    id: str
    title: str
    text: str
    published: str | None


def _fakes(shared: Path) -> Iterator[Document]:
    for row in read_fakes(shared):
        date = row.get("date") or ""
        m = re.match(r"(\d+)/(\d+)/(\d+)$", date.strip())
        published = f"20{int(m[3]):02d}-{int(m[1]):02d}-{int(m[2]):02d}" if m else None
        yield Document(
            "fakes", row["unit_id"], row["article_title"], row["article_content"], published
        )


def _giveme(shared: Path) -> Iterator[Document]:
    for path in sorted((shared / _GIVEME).glob("*.json")):
        try:
            obj = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue  # a few files of the collection are empty
        published = (obj.get("date_publish") or "")[:10] or None
        yield Document(
            "giveme5w1h", path.stem, obj.get("title") or "", obj.get("text") or "", published
        )


def _reuters(shared: Path) -> Iterator[Document]:
    for path in sorted((shared / _REUTERS).glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for m in _SGML_DOC.finditer(raw):
            newid = re.search(r'NEWID="(\d+)"', m.group(1))
            body = _BODY.search(m.group(2))
            if not newid or not body:
                continue
            title = _TITLE.search(m.group(2))
            date = _DATE.search(m.group(2))
            yield Document(
                "reuters",
                newid.group(1),
                html.unescape(title.group(1)).strip() if title else "",
                html.unescape(body.group(1)),
                reuters_date(date.group(1) if date else None),
            )


@cache
def documents(shared: Path, corpus: str) -> dict[str, Document]:
    """All documents of one corpus by id."""
    readers = {"fakes": _fakes, "giveme5w1h": _giveme, "reuters": _reuters}
    if corpus not in readers:
        raise ValueError(f"unknown corpus {corpus!r}; expected one of {', '.join(CORPORA)}")
    return {d.id: d for d in readers[corpus](shared)}


def span_text(shared: Path, corpus: str, doc: str, start: int, end: int) -> str:
    """The text an annotation points at."""
    return documents(shared, corpus)[doc].text[start:end]
