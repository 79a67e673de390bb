"""What a watched source lists now: the entries of an RSS or Atom feed (feedparser), the pages
of a sitemap, the feeds a home page links to (trafilatura's own feed and sitemap modules), or
the files of a directory. A URL's kind is found from what it serves, once, and remembered."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from eventwire.ingest.sources import is_supported
from eventwire.watch.fetch import Fetcher, FetchError, Response

MAX_SITEMAPS = 10  # sitemaps read per poll from one sitemap index


@dataclass
class Entry:
    """One item a source lists: an article URL (with what the feed says of it) or a file."""

    item: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    version: str | None = None  # a file's size and mtime


@dataclass
class SourceState:
    """A source as the store remembers it (``watch_sources``)."""

    source: str
    kind: str | None = None  # feed | sitemap | page | directory; None until first read
    etag: str | None = None
    last_modified: str | None = None
    feeds: list[dict[str, Any]] = field(default_factory=list)  # a page's feeds, validators

    def forget_validators(self) -> None:
        """Read everything again next time (some entries were left for later)."""
        self.etag = self.last_modified = None
        for feed in self.feeds:
            feed["etag"] = feed["last_modified"] = None

    def feeds_json(self) -> str | None:
        return json.dumps(self.feeds) if self.feeds else None


class SourceError(Exception):
    pass


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def list_entries(state: SourceState, fetcher: Fetcher) -> list[Entry]:
    """The source's entries now; ``state``'s validators are updated (a 304 lists nothing).
    Raises SourceError (or FetchError) when the source cannot be read."""
    if not is_url(state.source):
        state.kind = "directory"
        return list_directory(Path(state.source))
    if state.kind == "page" and state.feeds:
        return _list_feeds(state, fetcher)
    response = fetcher.get(state.source, state.etag, state.last_modified)
    state.etag, state.last_modified = response.etag, response.last_modified
    if response.status == 304:
        return []
    kind, entries = read_listing(response, fetcher)
    state.kind = kind
    if kind == "page":
        state.feeds = [{"url": url} for url in _discovered(response)]
        if not state.feeds:
            raise SourceError(f"{state.source}: neither a feed nor a sitemap, and links to none")
        return _list_feeds(state, fetcher)
    return entries


def read_listing(response: Response, fetcher: Fetcher) -> tuple[str, list[Entry]]:
    """(kind, entries) of a fetched feed or sitemap; ("page", []) for anything else."""
    head = response.body[:2000].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap", _sitemap_entries(response, fetcher)
    import feedparser

    parsed = feedparser.parse(response.body, response_headers={"content-location": response.url})
    if parsed.get("version") and not _html(response):
        return "feed", _feed_entries(parsed)
    return "page", []


def _html(response: Response) -> bool:
    return "html" in response.content_type and b"<rss" not in response.body[:500].lower()


def _feed_entries(parsed: Any) -> list[Entry]:
    outlet = parsed.feed.get("title") or None
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link or not is_url(link):
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        entries.append(Entry(link, entry.get("title") or None, published, outlet))
    return entries


def _sitemap_entries(response: Response, fetcher: Fetcher) -> list[Entry]:
    """The pages of a sitemap, following a sitemap index to at most ``MAX_SITEMAPS`` more."""
    host = urlsplit(response.url).netloc
    base = f"{urlsplit(response.url).scheme}://{host}"
    sitemap = _sitemap_object()(base, host, [], external=True)
    sitemap.current_url, sitemap.content = response.url, _text(response.body)
    sitemap.process()
    for url in list(dict.fromkeys(sitemap.sitemap_urls))[:MAX_SITEMAPS]:
        try:
            nested = fetcher.get(url)
        except FetchError:
            continue
        sitemap.current_url, sitemap.content = nested.url, _text(nested.body)
        sitemap.process()
    return [Entry(url) for url in dict.fromkeys(sitemap.urls)]


@cache
def _sitemap_object() -> Any:
    """trafilatura's sitemap reader, given the documents instead of fetching them, and taking
    every link (its domain check cannot read hosts that are IP addresses)."""
    from trafilatura import sitemaps

    class Sitemap(sitemaps.SitemapObject):
        def handle_link(self, link: str) -> None:
            if link == self.current_url:
                return
            link = sitemaps.clean_url(sitemaps.safe_relative_url(self.base_url, link)) or ""
            if link:
                is_sitemap = sitemaps.DETECT_SITEMAP_LINK.search(link)
                (self.sitemap_urls if is_sitemap else self.urls).append(link)

    return Sitemap


def _discovered(response: Response) -> list[str]:
    """The feeds a home page links to (trafilatura's feed discovery, without its fetching)."""
    from trafilatura.feeds import FeedParameters, determine_feed

    parts = urlsplit(response.url)
    base = f"{parts.scheme}://{parts.netloc}"
    params = FeedParameters(base, parts.netloc, response.url, external=True)
    return list(dict.fromkeys(determine_feed(_text(response.body), params)))


def _list_feeds(state: SourceState, fetcher: Fetcher) -> list[Entry]:
    entries: list[Entry] = []
    for feed in state.feeds:
        response = fetcher.get(feed["url"], feed.get("etag"), feed.get("last_modified"))
        feed["etag"], feed["last_modified"] = response.etag, response.last_modified
        if response.status == 304:
            continue
        kind, found = read_listing(response, fetcher)
        if kind == "page":
            raise SourceError(f"{feed['url']}: linked from {state.source} but not a feed")
        entries += found
    return entries


def list_directory(path: Path) -> list[Entry]:
    """The article files under ``path`` (hidden ones and partial downloads left out), each with
    its size and mtime, so that a changed file is read again."""
    if not path.is_dir():
        raise SourceError(f"{path}: no such directory")
    entries = []
    for file in sorted(path.rglob("*")):
        relative = file.relative_to(path).parts
        if any(part.startswith(".") for part in relative) or not file.is_file():
            continue
        if not is_supported(file):
            continue
        info = file.stat()
        entries.append(Entry(str(file.resolve()), version=f"{info.st_size}:{info.st_mtime_ns}"))
    return entries


def _text(body: bytes) -> str:
    return body.decode("utf-8", "replace")
