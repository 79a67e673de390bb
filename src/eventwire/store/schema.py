"""Versioned SQLite schema. ``PRAGMA user_version`` holds the version; migrations run in order.

Append a migration to add a stage's tables or columns; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: the spine — articles (+FTS5), sentences, actors, mentions, events, quotes, ingest runs
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT,
        text TEXT NOT NULL,
        raw_text TEXT,
        offsets TEXT,               -- JSON [[clean_start, raw_start, length], ...]
        published TEXT,             -- YYYY-MM-DD
        published_method TEXT,      -- override | metadata | dateline | text | url
        source TEXT,
        source_method TEXT,         -- override | metadata | dateline
        url TEXT,
        origin TEXT,
        dateline TEXT,
        dateline_place TEXT,
        dateline_start INTEGER,     -- into raw_text
        dateline_end INTEGER,
        language TEXT,
        content_hash TEXT NOT NULL,
        warnings TEXT,              -- JSON list
        ingested_at TEXT NOT NULL,
        pipeline_version TEXT
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_hash ON articles(content_hash);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;

    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;

    CREATE TABLE actors (
        code TEXT PRIMARY KEY,
        name TEXT,
        country TEXT,
        sector TEXT
    );

    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT,
        actor_code TEXT,
        actor_country TEXT,
        actor_sector TEXT,
        actor_name TEXT
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_actor ON mentions(actor_code);

    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        evidence TEXT,
        source_text TEXT, source_code TEXT, source_country TEXT, source_sector TEXT,
        source_name TEXT,
        target_text TEXT, target_code TEXT, target_country TEXT, target_sector TEXT,
        target_name TEXT,
        cameo TEXT NOT NULL,
        plover_type TEXT, plover_mode TEXT, plover_context TEXT,
        quad_class INTEGER,
        goldstein REAL,
        date TEXT,
        date_precision TEXT,
        location_name TEXT, location_country TEXT, lat REAL, lon REAL, geonameid INTEGER,
        negated INTEGER NOT NULL DEFAULT 0,
        modality TEXT NOT NULL DEFAULT 'asserted'
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_cameo ON events(cameo);
    CREATE INDEX events_source_code ON events(source_code);
    CREATE INDEX events_target_code ON events(target_code);

    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence INTEGER,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        cue TEXT,
        speaker_text TEXT, speaker_code TEXT, speaker_country TEXT, speaker_sector TEXT,
        speaker_name TEXT
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_code);

    CREATE TABLE ingest_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        inputs TEXT,                -- JSON list of input specs
        ingested INTEGER, duplicates INTEGER, updated INTEGER, failed INTEGER,
        failures TEXT               -- JSON list of "origin: reason"
    );
    """,
    # 2: the time and place stages (issue 4): date ranges and the phrases dates and places
    # came from (offsets into the stored text; into the title for headline events)
    """
    ALTER TABLE events ADD COLUMN date_end TEXT;
    ALTER TABLE events ADD COLUMN date_expression TEXT;
    ALTER TABLE events ADD COLUMN date_start_char INTEGER;
    ALTER TABLE events ADD COLUMN date_end_char INTEGER;
    ALTER TABLE events ADD COLUMN location_method TEXT;
    ALTER TABLE events ADD COLUMN location_start_char INTEGER;
    ALTER TABLE events ADD COLUMN location_end_char INTEGER;
    """,
    # 3: the quotes stage (issue 5): content pieces, cue and speaker spans, nesting, the events
    # coded inside each quote (quote_events), and FTS5 over quote text kept in sync by triggers
    """
    ALTER TABLE quotes ADD COLUMN idx INTEGER;              -- position in the article's quotes
    ALTER TABLE quotes ADD COLUMN content TEXT;             -- JSON [[start, end], ...]
    ALTER TABLE quotes ADD COLUMN cue_start INTEGER;
    ALTER TABLE quotes ADD COLUMN cue_end INTEGER;
    ALTER TABLE quotes ADD COLUMN speaker_start INTEGER;
    ALTER TABLE quotes ADD COLUMN speaker_end INTEGER;
    ALTER TABLE quotes ADD COLUMN speaker_method TEXT;
    ALTER TABLE quotes ADD COLUMN parent INTEGER;           -- idx of the enclosing quote

    CREATE TABLE quote_events (
        quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        PRIMARY KEY (quote_id, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX quote_events_event ON quote_events(event_id);

    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER quotes_fts_update AFTER UPDATE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
    END;
    """,
    # 4: dedup (issue 6, part A): near-duplicate articles grouped into stories, and events that
    # describe one happening merged into event groups with GDELT-style mention counts. Kept
    # up to date by `eventwire/dedup/` at every write; see the README's "Deduplication".
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT,                 -- the first article's title
        first_article TEXT,         -- earliest published, then smallest id
        first_published TEXT,
        last_published TEXT,
        num_articles INTEGER NOT NULL,
        num_sources INTEGER NOT NULL  -- distinct outlets (articles.source)
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id INTEGER NOT NULL,
        signature BLOB NOT NULL,    -- MinHash: 128 little-endian uint32 (datasketch affine32)
        shingles INTEGER NOT NULL,  -- distinct word 5-shingles of the body
        numbers TEXT,               -- distinct numbers in the body, space-separated
        matched_article TEXT,       -- the article it joined the story through (null: first)
        jaccard REAL,               -- estimated similarity with matched_article
        containment REAL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);

    CREATE TABLE event_groups (
        id INTEGER PRIMARY KEY,
        source_code TEXT, source_country TEXT, source_sector TEXT,
        target_code TEXT, target_country TEXT, target_sector TEXT,
        source_key TEXT NOT NULL,   -- country part of each actor ('' when none): the match key
        target_key TEXT NOT NULL,
        cameo TEXT NOT NULL,
        cameo_root TEXT NOT NULL,
        quad_class INTEGER,
        goldstein REAL,
        plover_type TEXT,
        date TEXT, date_end TEXT, date_precision TEXT,
        span_start TEXT,            -- the days the date stands for (before tolerance)
        span_end TEXT,
        location_name TEXT, location_country TEXT, lat REAL, lon REAL, geonameid INTEGER,
        location_method TEXT,
        negated INTEGER NOT NULL DEFAULT 0,
        modality TEXT NOT NULL DEFAULT 'asserted',
        num_mentions INTEGER NOT NULL,  -- GDELT NumMentions: sentences reporting it, all articles
        num_sources INTEGER NOT NULL,   -- GDELT NumSources: distinct outlets
        num_articles INTEGER NOT NULL,  -- GDELT NumArticles: distinct articles
        first_reported TEXT,        -- earliest and latest publication date of its articles
        last_reported TEXT,
        event_id INTEGER            -- the representative mention (events.id)
    );
    CREATE INDEX event_groups_match
        ON event_groups(cameo_root, source_key, target_key, span_start);
    CREATE INDEX event_groups_date ON event_groups(date);

    ALTER TABLE events ADD COLUMN group_id INTEGER;
    ALTER TABLE events ADD COLUMN merge_note TEXT;  -- JSON: why this mention joined its group
    CREATE INDEX events_group ON events(group_id);

    -- groups and stories that lost members (a replaced or deleted article): recounted by the
    -- next deduplication pass
    CREATE TABLE dedup_dirty (
        kind TEXT NOT NULL,         -- group | story
        ref INTEGER NOT NULL,
        PRIMARY KEY (kind, ref)
    ) WITHOUT ROWID;
    CREATE TRIGGER events_dedup_delete AFTER DELETE ON events
    WHEN old.group_id IS NOT NULL BEGIN
        INSERT OR IGNORE INTO dedup_dirty (kind, ref) VALUES ('group', old.group_id);
    END;
    CREATE TRIGGER story_articles_delete AFTER DELETE ON story_articles BEGIN
        INSERT OR IGNORE INTO dedup_dirty (kind, ref) VALUES ('story', old.story_id);
    END;
    """,
    # 5: the explorer's query shapes (issue 7; `eventwire serve`): covering indexes for the
    # actor network (pairs with their quad class and Goldstein), actor lists with names and
    # counts, the timeline (date, quad class, PLOVER type), and the country and place filters.
    # The two leading with source_code/target_code replace the single-column ones of 1.
    """
    CREATE INDEX events_pair ON events(source_code, target_code, quad_class, goldstein);
    CREATE INDEX events_source_actor
        ON events(source_code, source_name, source_country, source_sector);
    CREATE INDEX events_target_actor
        ON events(target_code, target_name, target_country, target_sector);
    CREATE INDEX events_date_class ON events(date, quad_class, plover_type);
    CREATE INDEX events_country_pair ON events(source_country, target_country);
    CREATE INDEX events_target_country ON events(target_country);
    CREATE INDEX events_location_country ON events(location_country);
    DROP INDEX events_source_code;
    DROP INDEX events_target_code;
    """,
    # 6: the coder's confidence in each event (0-1): its probability that the event and its
    # CAMEO code are right; NULL for coders that give none (and for events stored before 6).
    # `--min-confidence` and the explorer's `min_confidence` keep NULL (eventwire.confidence)
    """
    ALTER TABLE events ADD COLUMN confidence REAL;
    """,
    # 7: event groups counted one member at a time (issue 12): how many events a group holds,
    # so that a process whose in-memory tally of the group is stale (another writer added to
    # it) reloads it; 0 for groups stored before 7, which any process reloads once
    """
    ALTER TABLE event_groups ADD COLUMN num_events INTEGER NOT NULL DEFAULT 0;
    """,
    # 8: `eventwire watch` (issue 14): what each source was at its last poll (for conditional
    # GET), every item seen, each poll's summary, and the alerts (an outbox: an alert is
    # recorded with the poll's watermark in one transaction, then delivered to each target)
    """
    CREATE TABLE watch_sources (
        source TEXT PRIMARY KEY,    -- as given: a feed, sitemap or page URL, or a directory
        kind TEXT NOT NULL,         -- feed | sitemap | page | directory
        etag TEXT,
        last_modified TEXT,
        feeds TEXT,                 -- JSON: the feeds or sitemaps a page led to
        last_polled_at TEXT,
        last_status TEXT,           -- "200", "304", or the reason it failed
        items INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE watch_items (
        item TEXT PRIMARY KEY,      -- the article's URL, or a file's path
        source TEXT NOT NULL,
        version TEXT,               -- a file's size and mtime: a changed file is read again
        title TEXT, published TEXT, outlet TEXT,  -- what the feed said of it (for retries)
        first_seen_at TEXT NOT NULL,
        settled_at TEXT,            -- coded, or given up on
        status TEXT NOT NULL,       -- coded | failed (retry: transient, under 3 attempts)
        retry INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        reason TEXT
    );
    CREATE TABLE watch_polls (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        sources INTEGER NOT NULL,
        new_items INTEGER NOT NULL,
        coded INTEGER NOT NULL,
        failed INTEGER NOT NULL,
        events INTEGER NOT NULL,
        alerts INTEGER NOT NULL,
        errors TEXT                 -- JSON list of the sources that could not be read
    );
    CREATE TABLE watch_state (
        key TEXT PRIMARY KEY,
        value TEXT
    );
    CREATE TABLE alerts (
        id TEXT PRIMARY KEY,        -- rule, group and threshold: one alert each, ever
        rule TEXT NOT NULL,
        group_id INTEGER NOT NULL,
        threshold INTEGER NOT NULL, -- the mention count it fired at (1 for a new group)
        num_mentions INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        payload TEXT NOT NULL       -- JSON, as delivered
    );
    CREATE TABLE alert_deliveries (
        alert_id TEXT NOT NULL REFERENCES alerts(id),
        target TEXT NOT NULL,
        delivered_at TEXT NOT NULL,
        PRIMARY KEY (alert_id, target)
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(Exception):
    pass


def _statements(script: str) -> list[str]:
    """A migration script's statements, one by one (a trigger's body holds semicolons):
    ``executescript`` would commit first and let go of the write lock."""
    out, buffer = [], ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                out.append(buffer.strip())
            buffer = ""
    return out


def _version(conn: sqlite3.Connection) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"database schema version {version} is newer than this eventwire "
            f"({SCHEMA_VERSION}); upgrade eventwire"
        )
    return version


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION, each migration in its own transaction. The
    version is read again once the write lock is held: two processes opening a new database
    at once must not both run the same migration."""
    while _version(conn) < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            number = _version(conn) + 1
            if number <= SCHEMA_VERSION:  # else another process migrated while we waited
                for statement in _statements(MIGRATIONS[number - 1]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
