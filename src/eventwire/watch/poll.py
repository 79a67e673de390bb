"""One poll of every watched source: list, fetch what is new, code it into the store, alert.

Restartable: an item is marked settled only once its article is stored (a kill in between
fetches it again, and the store skips the stored copy: nothing is coded twice); a feed's
validators (ETag, Last-Modified) are saved only after its new items are settled (a kill in
between reads the feed again, it is not lost behind a 304); alerts are recorded in the
transaction that moves the alert watermark (``watch.alerts``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.config import DEFAULT, CoderConfig
from eventwire.ingest import ArticleOptions, Failure, RawRecord, ReadOptions, build_article
from eventwire.ingest.sources import read_file, read_response
from eventwire.jobs import ingest_items
from eventwire.model import Article
from eventwire.store import Store
from eventwire.watch.alerts import AlertRule, Target, deliver, record_alerts, register_target
from eventwire.watch.fetch import Fetcher, FetchError
from eventwire.watch.sources import Entry, SourceError, SourceState, is_url, list_entries

MAX_ATTEMPTS = 3  # polls in which a failing item is tried before it is given up
WATERMARK = "alerted_through"  # watch_state: the articles' rowid the alerts have covered


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class WatchOptions:
    max_new: int = 200  # new items fetched per source and poll (the rest wait for the next)
    min_confidence: float | None = None
    config: CoderConfig = DEFAULT
    read_options: ReadOptions = field(default_factory=ReadOptions)
    check_language: bool = True


@dataclass
class PollSummary:
    started_at: str
    sources: int = 0
    new_items: int = 0
    retried: int = 0  # items that failed in an earlier poll for a reason that may pass
    coded: int = 0
    failed: int = 0
    events: int = 0
    alerts: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)  # sources that could not be read
    undelivered: list[str] = field(default_factory=list)  # alerts a target did not take
    failures: list[str] = field(default_factory=list)  # items that could not be coded

    def line(self) -> str:
        """The one-line summary printed after each poll."""
        text = (
            f"{self.started_at} poll: {self.sources} source(s), {self.new_items} new item(s), "
            f"{self.retried} retried, {self.coded} coded, {self.failed} failed, "
            f"{self.events} event(s), {self.alerts} alert(s), {self.seconds:.1f} s"
        )
        if self.errors:
            text += f"; {len(self.errors)} source(s) unreadable"
        if self.undelivered:
            text += f"; {len(self.undelivered)} target(s) not reached (retried next poll)"
        return text


class Watcher:
    """Polls ``sources`` into ``store``; state lives in the store, so a new Watcher on the
    same store carries on where the last one stopped."""

    def __init__(
        self,
        store: Store,
        sources: list[str],
        rules: list[AlertRule] | None = None,
        targets: list[Target] | None = None,
        fetcher: Fetcher | None = None,
        options: WatchOptions | None = None,
    ) -> None:
        self.store = store
        self.sources = [s if is_url(s) else str(Path(s).resolve()) for s in sources]
        self.rules = rules or []
        self.targets = targets or []
        self.fetcher = fetcher or Fetcher()
        self.options = options or WatchOptions()
        self._start_watermark()
        for target in self.targets:
            register_target(store, target)

    # ------------------------------------------------------------------ one poll
    def poll(self) -> PollSummary:
        summary = PollSummary(_now())
        t0 = time.perf_counter()
        for source in self.sources:
            summary.sources += 1
            state = self._state(source)
            try:
                entries = list_entries(state, self.fetcher)
            except (FetchError, SourceError) as err:
                summary.errors.append(str(err))
                self._save_state(state, str(err), 0)
                continue
            fresh = [e for e in entries if self._is_new(e)]
            if len(fresh) > self.options.max_new:  # the rest next time: the feed must be read
                fresh = fresh[: self.options.max_new]  # again, not answered with a 304
                state.forget_validators()
            retries = self._retries(source, {e.item for e in fresh})
            summary.new_items += len(fresh)
            summary.retried += len(retries)
            self._code(source, fresh + retries, summary)
            self._save_state(state, "ok", len(fresh))
        summary.alerts = self._alert(summary)
        summary.seconds = round(time.perf_counter() - t0, 3)
        self._log(summary)
        return summary

    def _code(self, source: str, entries: list[Entry], summary: PollSummary) -> None:
        """Fetch and read each new entry, code them in one batch, then settle each entry."""
        transient: set[str] = set()  # items whose fetch failed for a reason that may pass
        read = [(entry, list(self._read(entry, transient))) for entry in entries]
        articles = [item for _, items in read for item in items]
        coded = ingest_items(
            self.store,
            articles,
            config=self.options.config,
            min_confidence=self.options.min_confidence,
        )
        summary.events += coded.events
        with self.store.transaction() as conn:
            for entry, items in read:
                problems = [i for i in items if isinstance(i, Failure)]
                stored = [i for i in items if isinstance(i, Article) and self._stored(i)]
                if stored and not problems:
                    status, reason = "coded", None
                    summary.coded += 1
                else:
                    status = "failed"
                    reason = "; ".join(p.reason for p in problems) or "not stored"
                    summary.failed += 1
                    summary.failures.append(f"{entry.item}: {reason}")
                retry = int(status == "failed" and entry.item in transient)
                conn.execute(
                    "INSERT INTO watch_items (item, source, version, title, published, outlet, "
                    "first_seen_at, settled_at, status, retry, attempts, reason) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,1,?) ON CONFLICT(item) DO UPDATE SET "
                    "version = excluded.version, settled_at = excluded.settled_at, "
                    "status = excluded.status, retry = excluded.retry, "
                    "attempts = watch_items.attempts + 1, reason = excluded.reason",
                    (entry.item, source, entry.version, entry.title, entry.published,
                     entry.outlet, _now(), _now(), status, retry, reason),
                )  # fmt: skip

    def _read(self, entry: Entry, transient: set[str]) -> Iterator[Article | Failure]:
        options = ArticleOptions(check_language=self.options.check_language)
        whole = {entry.item}  # the origin of a record that is the whole document
        if not is_url(entry.item):
            records = read_file(Path(entry.item), self.options.read_options)
        else:
            try:
                response = self.fetcher.get(entry.item)
            except FetchError as err:
                if not err.permanent:
                    transient.add(entry.item)
                yield Failure(entry.item, err.reason)
                return
            body, kind = response.body, response.content_type
            whole.add(response.url)
            records = read_response(body, kind, response.url, self.options.read_options)
        for record in records:
            if isinstance(record, RawRecord):
                _with_entry_metadata(record, entry, record.origin in whole)
            yield record if isinstance(record, Failure) else build_article(record, options)

    def _stored(self, article: Article) -> bool:
        return self.store.stored_hash(article.id) == article.content_hash

    # ------------------------------------------------------------------ state
    def _is_new(self, entry: Entry) -> bool:
        """Never seen, or a file that has changed since it was read."""
        row = self.store.conn.execute(
            "SELECT version FROM watch_items WHERE item = ?", (entry.item,)
        ).fetchone()
        return row is None or (entry.version is not None and row["version"] != entry.version)

    def _retries(self, source: str, fresh: set[str]) -> list[Entry]:
        """The source's items that failed for a reason that may pass (a timeout, a server
        error), fewer than ``MAX_ATTEMPTS`` times: tried again whatever the feed lists."""
        rows = self.store.conn.execute(
            "SELECT item, title, published, outlet, version FROM watch_items WHERE source = ? "
            "AND status = 'failed' AND retry = 1 AND attempts < ? ORDER BY first_seen_at, item",
            (source, MAX_ATTEMPTS),
        ).fetchall()
        return [Entry(*row) for row in rows if row["item"] not in fresh]

    def _state(self, source: str) -> SourceState:
        row = self.store.conn.execute(
            "SELECT kind, etag, last_modified, feeds FROM watch_sources WHERE source = ?",
            (source,),
        ).fetchone()
        if row is None:
            return SourceState(source)
        feeds = json.loads(row["feeds"]) if row["feeds"] else []
        return SourceState(source, row["kind"], row["etag"], row["last_modified"], feeds)

    def _save_state(self, state: SourceState, status: str, items: int) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO watch_sources (source, kind, etag, last_modified, feeds, "
                "last_polled_at, last_status, items) VALUES (?,?,?,?,?,?,?,?) "
                "ON CONFLICT(source) DO UPDATE SET kind = excluded.kind, etag = excluded.etag, "
                "last_modified = excluded.last_modified, feeds = excluded.feeds, "
                "last_polled_at = excluded.last_polled_at, last_status = excluded.last_status, "
                "items = watch_sources.items + excluded.items",
                (
                    state.source,
                    state.kind or "unknown",
                    state.etag,
                    state.last_modified,
                    state.feeds_json(),
                    _now(),
                    status,
                    items,
                ),
            )

    def _start_watermark(self) -> None:
        """On a store's first watch, articles already stored set off no alert."""
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO watch_state (key, value) "
                "SELECT ?, coalesce(max(rowid), 0) FROM articles",
                (WATERMARK,),
            )

    def _alert(self, summary: PollSummary) -> int:
        created = 0
        with self.store.transaction() as conn:
            after = int(
                conn.execute(
                    "SELECT value FROM watch_state WHERE key = ?", (WATERMARK,)
                ).fetchone()[0]
            )
            upto = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0])
            if upto > after:
                created = record_alerts(conn, self.rules, after, upto)
                conn.execute(
                    "UPDATE watch_state SET value = ? WHERE key = ?", (str(upto), WATERMARK)
                )
        _, summary.undelivered = deliver(self.store, self.targets)
        return created

    def _log(self, summary: PollSummary) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO watch_polls (started_at, finished_at, sources, new_items, coded, "
                "failed, events, alerts, errors) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    summary.started_at,
                    _now(),
                    summary.sources,
                    summary.new_items,
                    summary.coded,
                    summary.failed,
                    summary.events,
                    summary.alerts,
                    json.dumps(summary.errors),
                ),
            )


def _with_entry_metadata(record: RawRecord, entry: Entry, whole: bool) -> None:
    """A page or a one-article file keeps one id whatever its content, so a changed version
    replaces the old one. The feed's title and date are explicit metadata: they win over what
    the page gives (trafilatura's guesses); the page's site name, else the feed's title, is
    the outlet."""
    if record.id is None and whole:
        kind = "url" if is_url(entry.item) else "file"
        record.id = f"{kind}-{hashlib.sha256(entry.item.encode()).hexdigest()[:16]}"
    if not is_url(entry.item):
        return
    record.title = entry.title or record.title
    record.published = entry.published or record.published
    record.source = record.source or entry.outlet
    record.url = record.url or entry.item
