"""RawRecord → Article: cleaning, id, publication date, source and language, with methods."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.ingest.clean import MAX_TOKEN_CHARS, clean_body, strip_invisible
from eventwire.ingest.dates import (
    EARLIEST_YEAR,
    date_in_text,
    date_in_url,
    normalise_date,
    out_of_range,
)
from eventwire.ingest.language import detect_language, is_confidently_not_english
from eventwire.ingest.records import Failure, RawRecord
from eventwire.model import Article

DEFAULT_MAX_CHARS = 1_000_000  # spaCy's own nlp.max_length; longer texts are refused


@dataclass
class ArticleOptions:
    """Overrides and limits: ``published``/``source`` beat ``meta``, which beats detection."""

    published: str | None = None
    source: str | None = None
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # by file path or name
    max_chars: int = DEFAULT_MAX_CHARS
    check_language: bool = True


def load_meta(path: str | Path) -> dict[str, dict[str, Any]]:
    """Per-file metadata lines such as ``{"file": "a.txt", "source": "SANA", ...}``."""
    meta: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{lineno}: malformed JSON ({err.msg})") from err
            if not isinstance(obj, dict) or not obj.get("file"):
                raise ValueError(f"{path}:{lineno}: each line needs a 'file' field")
            meta[str(obj["file"])] = obj
    return meta


def _meta_for(rec: RawRecord, meta: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    if not meta or not rec.file:
        return {}
    path = Path(rec.file)
    for key in (rec.file, str(path.resolve()), path.name):
        if key in meta:
            return meta[key]
    return {}


def build_article(rec: RawRecord, opts: ArticleOptions | None = None) -> Article | Failure:
    opts = opts or ArticleOptions()
    if len(rec.text) > opts.max_chars:
        return Failure(
            rec.origin,
            f"article too long ({len(rec.text):,} characters; limit {opts.max_chars:,}, "
            "raise it with --max-chars)",
            id=rec.id,
        )
    meta = _meta_for(rec, opts.meta)
    title = meta.get("title") or rec.title
    cleaned = clean_body(rec.text, title)
    title = strip_invisible(title).strip() or None if title else None
    if not cleaned.text.strip():
        return Failure(rec.origin, "no text left after cleaning", id=rec.id)
    guess = detect_language(cleaned.text) if opts.check_language else None
    if is_confidently_not_english(guess):
        assert guess is not None
        return Failure(
            rec.origin,
            f"not English (detected {guess.language!r}, "
            f"confidence {guess.confidence:.2f}); skipped",
            id=rec.id,
        )
    content_hash = hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()
    warnings = list(rec.warnings)
    if cleaned.long_tokens:
        warnings.append(
            f"{rec.origin}: {cleaned.long_tokens} token(s) over {MAX_TOKEN_CHARS:,} characters "
            "removed (no word is that long)"
        )

    published, published_method = None, None
    candidates = [
        (opts.published, "override"),
        (meta.get("published"), "metadata"),
        (rec.published, "metadata"),
    ]
    for value, method in candidates:
        if value:
            published = normalise_date(value)
            if published and out_of_range(published):
                warnings.append(
                    f"{rec.origin}: publication date {published} out of range "
                    f"({EARLIEST_YEAR} to next year); ignored"
                )
                published = None
            elif published:
                published_method = method
                break
            else:
                warnings.append(f"{rec.origin}: unreadable publication date {value!r} ignored")
    if not published:
        detected = [
            (
                date_in_text(cleaned.dateline.date_text or "") if cleaned.dateline else None,
                "dateline",
            ),
            (date_in_text(cleaned.header or ""), "text"),
            (date_in_url(rec.url or meta.get("url")), "url"),
        ]
        published, published_method = next(((d, m) for d, m in detected if d), (None, None))

    source, source_method = None, None
    for value, method in (
        (opts.source, "override"),
        (meta.get("source"), "metadata"),
        (rec.source, "metadata"),
        (cleaned.dateline.source if cleaned.dateline else None, "dateline"),
    ):
        if value:
            source, source_method = str(value), method
            break

    given_id = meta.get("id") or rec.id
    return Article(
        id=str(given_id) if given_id else content_hash[:16],
        text=cleaned.text,
        title=title,
        published=published,
        published_method=published_method,
        source=source,
        source_method=source_method,
        url=rec.url or meta.get("url"),
        origin=rec.origin,
        raw_text=rec.text,
        offsets=cleaned.offsets,
        dateline=cleaned.dateline,
        language=guess.language if guess else None,
        content_hash=content_hash,
        warnings=warnings,
    )
