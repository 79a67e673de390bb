"""What a reader yields before cleaning: a raw record, or a failure with its reason."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawRecord:
    """An article as found in the input, before cleaning. ``text`` may still hold the title."""

    origin: str
    text: str
    title: str | None = None
    id: str | None = None
    published: Any = None
    source: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)
    file: str | None = None  # the file it came from, for per-file metadata (--meta)


@dataclass
class Failure:
    """An input that yields no article; ``origin`` names the file, line or URL."""

    origin: str
    reason: str
    id: str | None = None

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


# Field names accepted for each article attribute, in order of preference. The news-please
# names (maintext, date_publish, source_domain, title_page) and FA-KES's are included.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "uuid", "unit_id"),
    "text": ("text", "maintext", "body", "content", "article_content", "article_text"),
    "title": ("title", "headline", "title_page", "title_rss", "article_title"),
    "published": ("published", "date_publish", "date", "pubdate", "published_at", "publish_date"),
    "source": ("source", "outlet", "publisher", "source_domain", "sitename"),
    "url": ("url", "link", "source_url"),
}


def pick(obj: Mapping[str, Any], attr: str, column: str | None = None) -> Any:
    """The first non-empty value among ``attr``'s aliases (or the one ``column`` given)."""
    for key in (column,) if column else FIELD_ALIASES[attr]:
        value = obj.get(key)
        if value not in (None, ""):
            return value
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogates (a JSON ``\\ud800`` with no partner) → U+FFFD: they are not Unicode
    text and no UTF-8 store can hold them. The length, and so every offset, is kept."""
    scrubbed, count = _SURROGATE.subn("\ufffd", text)
    return scrubbed, count


def _text_value(value: Any, attr: str, warnings: list[str], origin: str) -> str | None:
    """A text field as a string: numbers are written out, other types are ignored, named."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        warnings.append(f"{origin}: {attr!r} is a {type(value).__name__}, not text; ignored")
        return None
    text, count = scrub_surrogates(str(value))
    if count:
        warnings.append(f"{origin}: {count} lone surrogate(s) in {attr!r} replaced")
    return text


def record_from_mapping(
    obj: Mapping[str, Any], origin: str, columns: Mapping[str, str | None] | None = None
) -> RawRecord | Failure:
    """A JSON object or CSV row → RawRecord; ``columns`` overrides the alias lookup."""
    columns = columns or {}
    given_id = pick(obj, "id", columns.get("id"))
    if given_id is not None and (
        isinstance(given_id, bool) or not isinstance(given_id, str | int | float)
    ):
        return Failure(
            origin, f"'id' must be a string or a number, not a {type(given_id).__name__}"
        )
    warnings: list[str] = []
    if given_id is not None:
        given_id = _text_value(given_id, "id", warnings, origin)
    text = pick(obj, "text", columns.get("text"))
    if not isinstance(text, str) or not text.strip():
        return Failure(
            origin,
            "no text (expected a non-empty 'text' or 'maintext' field)",
            id=str(given_id) if given_id is not None else None,
        )
    text = _text_value(text, "text", warnings, origin)
    title = _text_value(pick(obj, "title", columns.get("title")), "title", warnings, origin)
    source = _text_value(pick(obj, "source", columns.get("source")), "source", warnings, origin)
    url = _text_value(pick(obj, "url", columns.get("url")), "url", warnings, origin)
    return RawRecord(
        origin=origin,
        text=text or "",
        title=title.strip() if title else None,
        id=given_id,
        published=pick(obj, "published", columns.get("published")),
        source=source.strip() if source else None,
        url=url or None,
        warnings=warnings,
    )
