"""What a reader yields before cleaning: a raw record, or a failure with its reason."""

from __future__ import annotations

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


def record_from_mapping(
    obj: Mapping[str, Any], origin: str, columns: Mapping[str, str | None] | None = None
) -> RawRecord | Failure:
    """A JSON object or CSV row → RawRecord; ``columns`` overrides the alias lookup."""
    columns = columns or {}
    given_id = pick(obj, "id", columns.get("id"))
    text = pick(obj, "text", columns.get("text"))
    if not isinstance(text, str) or not text.strip():
        return Failure(
            origin,
            "no text (expected a non-empty 'text' or 'maintext' field)",
            id=str(given_id) if given_id is not None else None,
        )
    title = pick(obj, "title", columns.get("title"))
    source = pick(obj, "source", columns.get("source"))
    url = pick(obj, "url", columns.get("url"))
    return RawRecord(
        origin=origin,
        text=text,
        title=str(title).strip() if title else None,
        id=str(given_id) if given_id is not None else None,
        published=pick(obj, "published", columns.get("published")),
        source=str(source).strip() if source else None,
        url=str(url) if url else None,
    )
