"""The SQLite store: one file is the truth. WAL mode, one transaction per written batch."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventwire._version import __version__
from eventwire.model import ArticleResult
from eventwire.rows import EVENT_FIELDS, actor_values, event_row, insert_sql
from eventwire.store import queries
from eventwire.store.filters import (
    ArticleFilters,
    EventFilters,
    FilterError,
    Filters,
    QuoteFilters,
)
from eventwire.store.schema import migrate

DEFAULT_DB = "eventwire.db"

# What ``Store.iter_events`` adds to each event from its article: name → (SQL, type).
EVENT_ARTICLE_COLUMNS: dict[str, tuple[str, str]] = {
    "article_published": ("a.published", "TEXT"),
    "article_source": ("a.source", "TEXT"),
    "article_url": ("a.url", "TEXT"),
    "article_title": ("a.title", "TEXT"),
    "article_ingested_at": ("a.ingested_at", "TEXT"),
    "article_chars": ("length(a.text)", "INTEGER"),
}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _all(limit: int | None) -> int:
    """SQLite's LIMIT for "no limit"."""
    return -1 if limit is None else limit


class StoreError(Exception):
    pass


class StoreBusy(StoreError):
    """Another process held the write lock for longer than this one would wait."""


def _is_busy(err: sqlite3.OperationalError) -> bool:
    return "locked" in str(err) or "busy" in str(err)


class Store:
    """Open (and create or migrate) an eventwire database.

    ``readonly=True`` opens an existing file without write access, for queries and serving.
    """

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        readonly: bool = False,
        dedup: bool = True,
        busy_timeout: float = 30.0,
    ) -> None:
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.readonly = readonly
        self.dedup_on_write = dedup  # keep stories and event groups up to date at each write
        self._deduplicator: Any = None
        if readonly:
            if not self.path.exists():
                raise StoreError(f"{self.path}: no such database (run `eventwire ingest` first)")
            uri = f"file:{self.path.resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        else:
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=busy_timeout)
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")  # WAL: survives process crashes
                migrate(self.conn)
            except sqlite3.OperationalError as err:
                self.conn.close()
                if _is_busy(err):
                    raise self._busy() from err
                raise StoreError(f"{self.path}: not an eventwire database ({err})") from err
            except sqlite3.DatabaseError as err:
                self.conn.close()
                raise StoreError(f"{self.path}: not an eventwire database ({err})") from err
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys=ON")

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _busy(self) -> StoreBusy:
        return StoreBusy(
            f"{self.path}: the database is busy: another process has held its write lock for "
            f"over {self.busy_timeout:g} s (raise --busy-timeout to wait longer)"
        )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. It takes the write lock at once, waiting up to
        ``busy_timeout`` seconds for another writer; readers (WAL) are never blocked."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if _is_busy(err):
                raise self._busy() from err
            raise
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ------------------------------------------------------------------ writes
    def stored_hash(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def write(self, results: Sequence[ArticleResult]) -> None:
        """Store a batch of results in one transaction, replacing earlier versions of each;
        the batch's stories and event groups are brought up to date in the same transaction."""
        try:
            with self.transaction() as conn:
                for result in results:
                    self._write_one(conn, result)
                if self.dedup_on_write:
                    self.deduplicator.update(conn, [r.article.id for r in results if r.article])
        except BaseException:
            self._deduplicator = None  # its in-memory index may hold rolled-back signatures
            raise

    def _write_one(self, conn: sqlite3.Connection, result: ArticleResult) -> None:
        a = result.article
        if a is None:
            return
        conn.execute(
            "DELETE FROM quote_events WHERE quote_id IN "
            "(SELECT id FROM quotes WHERE article_id = ?)",
            (a.id,),
        )
        for table in ("sentences", "mentions", "events", "quotes"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (a.id,))
        conn.execute("DELETE FROM articles WHERE id = ?", (a.id,))
        dl = a.dateline
        conn.execute(
            "INSERT INTO articles (id, title, text, raw_text, offsets, published, "
            "published_method, source, source_method, url, origin, dateline, dateline_place, "
            "dateline_start, dateline_end, language, content_hash, warnings, ingested_at, "
            "pipeline_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                a.id,
                a.title,
                a.text,
                a.raw_text,
                json.dumps(a.offsets.to_list()),
                a.published,
                a.published_method,
                a.source,
                a.source_method,
                a.url,
                a.origin,
                dl.text if dl else None,
                dl.place if dl else None,
                dl.span[0] if dl else None,
                dl.span[1] if dl else None,
                a.language,
                a.content_hash,
                json.dumps(a.warnings),
                _now(),
                __version__,
            ),
        )
        conn.executemany(
            "INSERT INTO sentences (article_id, idx, start_char, end_char) VALUES (?,?,?,?)",
            [(a.id, s.index, s.start, s.end) for s in result.sentences],
        )
        conn.executemany(
            "INSERT INTO mentions (article_id, sentence, start_char, end_char, text, label, "
            "actor_code, actor_country, actor_sector, actor_name) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (a.id, m.sentence, m.start, m.end, m.text, m.label, *actor_values(m.actor)[1:])
                for m in [*result.mentions, *result.actors]
            ],
        )
        conn.executemany(
            insert_sql("events", EVENT_FIELDS), [event_row(a.id, e) for e in result.events]
        )
        conn.executemany(
            "INSERT INTO quotes (article_id, sentence, start_char, end_char, text, kind, cue, "
            "speaker_text, speaker_code, speaker_country, speaker_sector, speaker_name, idx, "
            "content, cue_start, cue_end, speaker_start, speaker_end, speaker_method, parent) "
            f"VALUES ({','.join('?' * 20)})",
            [
                (
                    a.id,
                    q.sentence,
                    q.span[0],
                    q.span[1],
                    q.text,
                    q.kind,
                    q.cue,
                    *actor_values(q.speaker),
                    i,
                    json.dumps([list(s) for s in q.content]),
                    *(q.cue_span or (None, None)),
                    *(q.speaker_span or (None, None)),
                    q.speaker_method,
                    q.parent,
                )
                for i, q in enumerate(result.quotes)
            ],
        )
        if any(q.events for q in result.quotes):
            self._link_quotes(conn, a.id, result)

    @staticmethod
    def _link_quotes(conn: sqlite3.Connection, article_id: str, result: ArticleResult) -> None:
        """quote_events rows: the article's rows were inserted in order, so ids follow it."""
        event_ids = [
            r[0] for r in conn.execute(
                "SELECT id FROM events WHERE article_id = ? ORDER BY id", (article_id,)
            )
        ]  # fmt: skip
        quote_ids = [
            r[0] for r in conn.execute(
                "SELECT id FROM quotes WHERE article_id = ? ORDER BY idx", (article_id,)
            )
        ]  # fmt: skip
        conn.executemany(
            "INSERT OR IGNORE INTO quote_events (quote_id, event_id) VALUES (?, ?)",
            [
                (quote_ids[qi], event_ids[ei])
                for qi, q in enumerate(result.quotes)
                for ei in q.events
                if ei < len(event_ids)
            ],
        )

    def log_run(self, inputs: Sequence[str], summary: dict[str, Any], started_at: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO ingest_runs (started_at, finished_at, inputs, ingested, duplicates, "
                "updated, failed, failures) VALUES (?,?,?,?,?,?,?,?)",
                (
                    started_at,
                    _now(),
                    json.dumps(list(inputs)),
                    summary["ingested"],
                    summary["duplicates"],
                    summary["updated"],
                    len(summary["failures"]),
                    json.dumps(summary["failures"]),
                ),
            )

    # ------------------------------------------------------------------ queries
    def count(self, table: str) -> int:
        known = {"articles", "sentences", "mentions", "events", "quotes", "actors", "quote_events"}
        if table not in known:
            raise ValueError(f"unknown table {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return dict(row) if row else None

    def articles(
        self, *, limit: int | None = None, offset: int = 0, **filters: Any
    ) -> list[dict[str, Any]]:
        """Stored articles, newest first, by the article filters (``store.filters``:
        ``search`` an FTS5 query over title and text, ``source``, ``since``, ``until``)."""
        f = self._filters(ArticleFilters, filters)
        with self._query(f):
            return queries.articles(self.conn, f, _all(limit), offset)[1]

    def events(
        self, *, limit: int | None = None, offset: int = 0, merged: bool = False, **filters: Any
    ) -> list[dict[str, Any]]:
        """Stored events matching ``filters``: any of the registry's (``store.filters``:
        ``cameo`` and ``actor`` are code prefixes, dates inclusive; ``min_confidence`` keeps
        events at or above it and those without a confidence), in date order. With
        ``merged``, one row per merged event (its counts and ``group_id``) that any matching
        mention belongs to, as the explorer lists them."""
        f = self._filters(EventFilters, filters)
        with self._query(f):
            return queries.events(self.conn, f, _all(limit), offset, merged=merged)[1]

    @staticmethod
    def _filters(kind: type[Filters], filters: dict[str, Any]) -> Any:
        """The listing's filter values, a bad name or value being the caller's error."""
        try:
            return kind.of(**filters)
        except FilterError as err:
            raise StoreError(str(err)) from err

    @contextmanager
    def _query(self, f: Filters) -> Iterator[None]:
        """A listing's bad full-text query is the caller's error, named as such."""
        try:
            yield
        except queries.QueryError as err:
            search = getattr(f, f.full_text) if f.full_text else None
            raise StoreError(f"bad search query {search!r}: {err}") from err

    def quotes(
        self, *, limit: int | None = None, offset: int = 0, **filters: Any
    ) -> list[dict[str, Any]]:
        """Stored quotes in reading order, with their article's date and linked event ids;
        by the quote filters (``store.filters``: ``speaker`` a code prefix, ``contains`` an
        FTS5 query over the quote text, ``since``/``until`` the article's date)."""
        f = self._filters(QuoteFilters, filters)
        with self._query(f):
            return queries.quotes(self.conn, f, _all(limit), offset)[1]

    def iter_events(self, *, limit: int | None = None, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every stored column of the events ``events()`` selects, in its order, streamed, each
        with its article's metadata (``EVENT_ARTICLE_COLUMNS``): what exports read."""
        f = self._filters(EventFilters, filters)
        where, params = queries.usable(self.conn, f).where()
        extra = ", ".join(f"{sql} AS {name}" for name, (sql, _) in EVENT_ARTICLE_COLUMNS.items())
        sql = (
            f"SELECT e.*, {extra} FROM events e JOIN articles a ON a.id = e.article_id {where}"
            "ORDER BY e.date, e.article_id, e.sentence, e.id LIMIT ?"
        )
        params.append(limit if limit is not None else -1)
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: zipping them is quicker than sqlite3.Row
        cursor.execute(sql, params)
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(1000):
            yield from (dict(zip(names, row, strict=True)) for row in batch)

    def event_columns(self) -> list[tuple[str, str]]:
        """``(name, declared SQLite type)`` of each column ``iter_events`` yields, in order."""
        stored = [(r[1], r[2]) for r in self.conn.execute("PRAGMA table_info(events)")]
        return stored + [(name, kind) for name, (_, kind) in EVENT_ARTICLE_COLUMNS.items()]

    @property
    def has_confidence(self) -> bool:
        """Whether events have the ``confidence`` column (schema 6; a store opened read-only
        is not migrated). Without it every confidence is unknown, so ``min_confidence``
        filters keep every event, as they keep any event without a confidence."""
        found = self.conn.execute(
            "SELECT 1 FROM pragma_table_info('events') WHERE name = 'confidence'"
        ).fetchone()
        return found is not None

    def ids(self) -> Iterable[str]:
        return (r[0] for r in self.conn.execute("SELECT id FROM articles"))

    # ------------------------------------------------------------------ deduplication
    @property
    def deduplicator(self) -> Any:
        """The Store's Deduplicator (its story index is built from the stored signatures)."""
        if self._deduplicator is None:
            from eventwire.dedup.persist import Deduplicator

            self._deduplicator = Deduplicator()
        return self._deduplicator

    @property
    def dedup_seconds(self) -> float:
        """Time this Store has spent deduplicating (0 before its first pass)."""
        d = self._deduplicator
        return float(d.totals.seconds) if d is not None else 0.0

    def dedup(self, rebuild: bool = False) -> Any:
        """Place every article without a story and every event without a group (or, with
        ``rebuild``, forget all stories and groups and build them again); idempotent."""
        try:
            with self.transaction() as conn:
                d = self.deduplicator
                return d.rebuild(conn) if rebuild else d.update(conn)
        except BaseException:
            self._deduplicator = None
            raise

    def event_groups(self, **filters: Any) -> list[dict[str, Any]]:
        """Merged events with GDELT-style counts; see ``eventwire.dedup.queries.event_groups``."""
        from eventwire.dedup.queries import event_groups

        if not self.has_confidence:  # before schema 6 every confidence is unknown: all kept
            filters.pop("min_confidence", None)
        return event_groups(self.conn, **filters)

    def group_mentions(self, group_id: int) -> list[dict[str, Any]]:
        """Every mention of one merged event: article, outlet, date reported, span, evidence."""
        from eventwire.dedup.queries import group_mentions

        return group_mentions(self.conn, group_id)

    def explain_group(self, group_id: int) -> dict[str, Any] | None:
        """A merged event, its mentions, and why each joined (fields matched, tolerances)."""
        from eventwire.dedup.queries import explain_group

        return explain_group(self.conn, group_id)

    def stories(self, **filters: Any) -> list[dict[str, Any]]:
        """Stories (near-duplicate articles) with their counts, biggest first."""
        from eventwire.dedup.queries import stories

        return stories(self.conn, **filters)

    def story_articles(self, story_id: int) -> list[dict[str, Any]]:
        """Every copy in a story with its outlet and how it was matched."""
        from eventwire.dedup.queries import story_articles

        return story_articles(self.conn, story_id)
