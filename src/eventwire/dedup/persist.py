"""The glue between the matching rules and SQLite: keep stories and event groups up to date.

Incremental by design. Every pass (run inside the write transaction of each ingest batch):

1. settles the groups and stories that lost members since the last pass (a replaced or deleted
   article: triggers record them in ``dedup_dirty``): recounted, or deleted when empty;
2. gives each new article a MinHash signature, stores it, and puts the article in the story of
   its most similar indexed article (merging stories an article links), else a new story, and
   adds it to that story's tally (``StoryState``: articles, outlets, first article, dates);
3. compares each ungrouped event (``events.group_id IS NULL``, an indexed query) with the
   candidate groups an indexed query finds by CAMEO root, actor countries (both orders for
   codes without direction) and date window, joins the best match and adds the mention to that
   group's tally (``GroupState``: each field's values with their counts and first member, the
   sets of sentences, articles and outlets), from which the group's row is written; else it
   founds a group.

Nothing is recomputed for articles and events already placed, and a group is never reread to
add a mention, so a pass costs in proportion to what is new, however large the groups grow.
A process reads a group's or story's members once, the first time it adds to it (or when
another writer has added to it since: the stored ``num_events`` or ``num_articles`` differs
from its tally's); deletions, merges and ``--rebuild`` recount from the members.
Re-running finds nothing new and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from eventwire.dedup import events as rules
from eventwire.dedup.stories import Signature, StoryIndex, best_matches, signature
from eventwire.events.ontology import cameo as cameo_info

# An article's outlet; an article whose outlet is unknown counts as a source of its own.
OUTLET_SQL = "COALESCE(NULLIF(lower(trim(a.source)), ''), '#' || a.id)"
# At most this many indexed articles are compared with a new one (those sharing the most LSH
# bands, among each band's most recent): the cost per article stays flat as a story grows.
STORY_CANDIDATES = 64
# Groups whose date span may come within tolerance of a mention's.
_DATE_WINDOW_SQL = " AND span_start BETWEEN ? AND ? AND span_end >= ?"


@dataclass
class DedupSummary:
    articles: int = 0  # articles placed in a story
    new_stories: int = 0
    merged_stories: int = 0  # stories joined into another by an article linking them
    events: int = 0  # events placed in a group
    new_groups: int = 0
    settled: int = 0  # groups and stories recounted or dropped after losing members
    seconds: float = 0.0

    def add(self, other: DedupSummary) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["seconds"] = round(self.seconds, 3)
        return d


def _party(code: Any, country: Any, sector: Any) -> rules.Party | None:
    if code is None and country is None and sector is None:
        return None
    return rules.Party(code, country, sector)


def _place(row: sqlite3.Row) -> rules.Place | None:
    if not row["location_name"]:
        return None
    return rules.Place(
        row["location_name"],
        row["location_country"],
        row["geonameid"],
        row["location_method"],
        row["lat"],
        row["lon"],
    )


def record_of(row: sqlite3.Row, precision_key: str = "date_precision") -> rules.Record:
    """The matcher's view of an ``events`` or ``event_groups`` row."""
    return rules.Record(
        source=_party(row["source_code"], row["source_country"], row["source_sector"]),
        target=_party(row["target_code"], row["target_country"], row["target_sector"]),
        cameo=row["cameo"],
        date=row["date"],
        date_end=row["date_end"],
        precision=row[precision_key],
        place=_place(row),
        negated=bool(row["negated"]),
        modality=row["modality"],
    )


class AreaIndex:
    """Which places are countries, regions or continents (not cities): from the gazetteer,
    loaded on first need only (two different places named in one country)."""

    def __init__(self) -> None:
        self._ids: set[int] | None = None

    def __call__(self, place: rules.Place) -> bool:
        if place.geonameid is None:
            return True
        if self._ids is None:
            from eventwire.gazetteer import load_gazetteer

            gaz = load_gazetteer()
            self._ids = {
                p.geonameid
                for places in gaz.names.values()
                for p in places
                if p.kind != "city" and p.geonameid is not None
            }
        return place.geonameid in self._ids


class Deduplicator:
    """Holds the story LSH index between passes; one per Store."""

    def __init__(self) -> None:
        self.groups: dict[int, GroupState] = {}  # tallies of the groups this process touched
        self.stories: dict[int, StoryState] = {}  # and of the stories
        self.index: StoryIndex | None = None
        self.loaded_rowid = 0
        self.is_area = AreaIndex()
        self.totals = DedupSummary()
        self.caught_up = False  # has a pass looked for every article without a story?

    # ------------------------------------------------------------------ the pass
    def update(
        self, conn: sqlite3.Connection, article_ids: Iterable[str] | None = None
    ) -> DedupSummary:
        """One pass inside the caller's transaction. ``article_ids`` limits the story step to
        those articles (the batch just written), except in a Deduplicator's first pass, which
        looks for every article without a story (say, ingested with ``--no-dedup``)."""
        t0 = time.perf_counter()
        summary = DedupSummary()
        self._settle(conn, summary)
        self._sync_index(conn)
        pending = self._pending_articles(conn, article_ids if self.caught_up else None)
        for article_id, text in pending:
            self._place_article(conn, article_id, text, summary)
        self.caught_up = True
        rows = conn.execute(
            f"SELECT e.*, a.published AS reported, {OUTLET_SQL} AS outlet "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.group_id IS NULL ORDER BY a.published, e.article_id, e.sentence, e.id"
        ).fetchall()
        for row in rows:
            self._place_event(conn, row, summary)
        summary.seconds = time.perf_counter() - t0
        self.totals.add(summary)
        return summary

    def rebuild(self, conn: sqlite3.Connection) -> DedupSummary:
        """Forget every story and group and build them again from the stored rows."""
        conn.execute("DELETE FROM story_articles")
        conn.execute("DELETE FROM stories")
        conn.execute("UPDATE events SET group_id = NULL, merge_note = NULL")
        conn.execute("DELETE FROM event_groups")
        conn.execute("DELETE FROM dedup_dirty")
        self.index, self.loaded_rowid, self.caught_up = None, 0, False
        self.groups.clear()
        self.stories.clear()
        return self.update(conn)

    # ------------------------------------------------------------------ stories
    def _sync_index(self, conn: sqlite3.Connection) -> None:
        """Load signatures stored since we last looked (all of them the first time)."""
        if self.index is None:
            self.index, self.loaded_rowid = StoryIndex(), 0
        rows = conn.execute(
            "SELECT rowid, article_id, signature FROM story_articles WHERE rowid > ? "
            "ORDER BY rowid",
            (self.loaded_rowid,),
        )
        loaded = []
        for rowid, article_id, blob in rows:
            loaded.append((article_id, np.frombuffer(blob, dtype="<u4")))
            self.loaded_rowid = rowid
        self.index.add_many(loaded)

    def _pending_articles(
        self, conn: sqlite3.Connection, article_ids: Iterable[str] | None
    ) -> list[tuple[str, str]]:
        sql = (
            "SELECT a.id, a.text FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM story_articles s WHERE s.article_id = a.id)"
        )
        if article_ids is None:
            return conn.execute(sql + " ORDER BY a.published, a.id").fetchall()
        out: list[tuple[str, str]] = []
        ids = sorted(set(article_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out += conn.execute(f"{sql} AND a.id IN ({marks})", chunk).fetchall()
        return sorted(out, key=lambda r: r[0])

    def _place_article(
        self, conn: sqlite3.Connection, article_id: str, text: str, summary: DedupSummary
    ) -> None:
        """Put one article in a story (an existing one, merged ones, or a new one)."""
        assert self.index is not None
        sig = signature(text)
        self.index.discard(article_id)
        stored: dict[str, Signature] = {}
        stories: dict[str, int] = {}
        ids = self.index.candidates(sig, limit=STORY_CANDIDATES)
        for i in range(0, len(ids), 500):  # the stored rows: deleted articles drop out here
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, story, blob, size, numbers in conn.execute(
                "SELECT article_id, story_id, signature, shingles, numbers FROM story_articles "
                f"WHERE article_id IN ({marks})",
                chunk,
            ):
                stored[key] = Signature.from_bytes(blob, size, numbers or "")
                stories[key] = story
        matches = best_matches(sig, stored)
        if matches:
            best = matches[0]
            linked = sorted({stories[m.article_id] for m in matches})
            story_id = linked[0]  # the oldest story absorbs the others the article links
            for other in linked[1:]:
                conn.execute(
                    "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (story_id, other)
                )
                conn.execute("DELETE FROM stories WHERE id = ?", (other,))
                summary.merged_stories += 1
            matched: tuple[Any, ...] = (best.article_id, best.jaccard, best.containment)
        else:
            story_id = int(
                conn.execute(
                    "INSERT INTO stories (num_articles, num_sources) VALUES (0, 0)"
                ).lastrowid
                or 0
            )
            summary.new_stories += 1
            matched = (None, None, None)
        # a story the article alone joins is read (if need be) before it joins; a merged one
        # is read whole after
        state = self._story_state(conn, story_id) if matches and len(linked) == 1 else None
        cur = conn.execute(
            "INSERT INTO story_articles (article_id, story_id, signature, shingles, numbers, "
            "matched_article, jaccard, containment) VALUES (?,?,?,?,?,?,?,?)",
            (article_id, story_id, sig.to_bytes(), sig.size, sig.numbers_text(), *matched),
        )
        if not matches:
            state = self.stories[story_id] = StoryState.empty()
        if state is None:
            for other in linked:
                self.stories.pop(other, None)
            state = self.stories[story_id] = load_story(conn, story_id)
        else:
            state.add(conn.execute(_STORY_MEMBER_SQL + "WHERE a.id = ?", (article_id,)).fetchone())
        write_story(conn, story_id, state)
        self.index.add(article_id, sig)
        self.loaded_rowid = max(self.loaded_rowid, cur.lastrowid or 0)
        summary.articles += 1

    # ------------------------------------------------------------------ event groups
    def _candidates(self, conn: sqlite3.Connection, m: rules.Record) -> list[sqlite3.Row]:
        keys = {(_key(m.source), _key(m.target))}
        if m.reversible():
            keys.add((_key(m.target), _key(m.source)))
        span = m.span()
        date_sql, date_params = " AND span_start IS NULL", []  # undated: undated groups only
        if span is not None:
            pad = dt.timedelta(days=rules.MAX_TOLERANCE)
            earliest = span[0] - pad - dt.timedelta(days=rules.MAX_SPAN)
            date_sql = _DATE_WINDOW_SQL
            date_params = [earliest.isoformat(), (span[1] + pad).isoformat(),
                           (span[0] - pad).isoformat()]  # fmt: skip
        rows: list[sqlite3.Row] = []
        for source_key, target_key in sorted(keys):
            rows += conn.execute(
                "SELECT * FROM event_groups WHERE cameo_root = ? AND source_key = ? "
                f"AND target_key = ? AND negated = ? AND modality = ?{date_sql}",
                [m.root, source_key, target_key, int(m.negated), m.modality, *date_params],
            ).fetchall()
        return rows

    def _place_event(
        self, conn: sqlite3.Connection, row: sqlite3.Row, summary: DedupSummary
    ) -> None:
        mention = record_of(row)
        verdicts = []
        stored_events: dict[int, int] = {}
        for group in self._candidates(conn, mention):
            verdict = rules.compare(mention, record_of(group), self.is_area)
            verdicts.append((int(group["id"]), int(group["num_mentions"]), verdict))
            stored_events[int(group["id"])] = int(group["num_events"])
        choice = rules.best(verdicts)
        summary.events += 1
        if choice is not None:
            group_id, verdict = choice
            note: dict[str, Any] = {"joined": group_id, **verdict.as_dict()}
            others = len([v for _, _, v in verdicts if v.ok]) - 1
            if others:
                note["other_matching_groups"] = others
            state = self._state(conn, group_id, stored_events[group_id])  # before it joins
            conn.execute(
                "UPDATE events SET group_id = ?, merge_note = ? WHERE id = ?",
                (group_id, json.dumps(note, ensure_ascii=False), row["id"]),
            )
            state.add(row, mention.swapped() if verdict.reversed else mention)
        else:
            group_id = _new_group(conn)
            state = self.groups[group_id] = GroupState.empty()
            state.add(row, mention)
            rejected = sorted(verdicts, key=lambda t: (t[2].gap, t[0]))[:3]
            note = {"founded": group_id, "reversed": False}
            if rejected:
                note["rejected"] = {
                    str(gid): {c.field: c.note for c in v.checks if not c.ok}
                    for gid, _, v in rejected
                }
            conn.execute(
                "UPDATE events SET group_id = ?, merge_note = ? WHERE id = ?",
                (group_id, json.dumps(note, ensure_ascii=False), row["id"]),
            )
            summary.new_groups += 1
        write_group(conn, group_id, state, self.is_area)

    def _story_state(self, conn: sqlite3.Connection, story_id: int) -> StoryState:
        """The story's tally: this process's own unless another writer has added to the story
        since (its stored count of articles differs), then read once from its members."""
        state = self.stories.get(story_id)
        row = conn.execute("SELECT num_articles FROM stories WHERE id = ?", (story_id,)).fetchone()
        if state is None or row is None or state.articles != row[0]:
            state = self.stories[story_id] = load_story(conn, story_id)
        return state

    def _state(self, conn: sqlite3.Connection, group_id: int, stored_events: int) -> GroupState:
        """The group's tally: this process's own, unless another writer has added to the
        group since (its stored count of events differs), then read once from its members."""
        state = self.groups.get(group_id)
        if state is None or state.events != stored_events:
            state = self.groups[group_id] = load_group(conn, group_id)
        return state

    # ------------------------------------------------------------------ settling
    def _settle(self, conn: sqlite3.Connection, summary: DedupSummary) -> None:
        dirty = conn.execute("SELECT kind, ref FROM dedup_dirty ORDER BY kind, ref").fetchall()
        if not dirty:
            return
        for kind, ref in dirty:
            if kind == "group":
                self.groups.pop(int(ref), None)
                recount_group(conn, int(ref), self.is_area)
            else:
                self.stories.pop(int(ref), None)
                recount_story(conn, int(ref))
            summary.settled += 1
        conn.execute("DELETE FROM dedup_dirty")


def _key(party: rules.Party | None) -> str:
    return party.key if party is not None else ""


def _new_group(conn: sqlite3.Connection) -> int:
    cur = conn.execute(
        "INSERT INTO event_groups (source_key, target_key, cameo, cameo_root, num_mentions, "
        "num_sources, num_articles) VALUES ('', '', '', '', 0, 0, 0)"
    )
    return int(cur.lastrowid or 0)


def oriented(row: sqlite3.Row) -> rules.Record:
    """A member in its group's orientation (swapped when it joined the other way round)."""
    record = record_of(row)
    note = json.loads(row["merge_note"] or "{}")
    return record.swapped() if note.get("reversed") else record


def member_order(row: sqlite3.Row) -> rules.Order:
    """A member's place in its group, as ``load_group`` orders them: publication date (none
    first), article, sentence, offset, id."""
    start = row["start_char"]
    return (
        row["reported"] or "",
        row["article_id"],
        row["sentence"],
        -1 if start is None else start,
        row["id"],
    )


@dataclass
class GroupState:
    """A group's tally and counts, updated one member at a time (never by rereading it)."""

    tally: rules.GroupTally
    mentions: set[tuple[str, int]]  # (article, sentence): GDELT's NumMentions
    articles: set[str]
    outlets: set[str]
    reported: tuple[str | None, str | None] = (None, None)  # first and last publication date
    events: int = 0

    @classmethod
    def empty(cls) -> GroupState:
        return cls(rules.GroupTally.of([]), set(), set(), set())

    def add(self, row: sqlite3.Row, record: rules.Record) -> None:
        """Add a member: its row (with ``reported`` and ``outlet``) and its record in the
        group's orientation."""
        self.tally.add(record, member_order(row))
        self.mentions.add((row["article_id"], row["sentence"]))
        self.articles.add(row["article_id"])
        self.outlets.add(row["outlet"])
        if row["reported"]:
            first, last = self.reported
            self.reported = (
                min(first or row["reported"], row["reported"]),
                max(last or row["reported"], row["reported"]),
            )
        self.events += 1


def load_group(conn: sqlite3.Connection, group_id: int) -> GroupState:
    """A group's state read from its members (empty when it has none)."""
    state = GroupState.empty()
    for m in conn.execute(
        f"SELECT e.*, a.published AS reported, {OUTLET_SQL} AS outlet "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.group_id = ?",
        (group_id,),
    ):
        state.add(m, oriented(m))
    return state


def recount_group(conn: sqlite3.Connection, group_id: int, is_area: rules.AreaTest) -> None:
    """Recompute a group from its members (or drop it): after members were deleted."""
    state = load_group(conn, group_id)
    if not state.events:
        conn.execute("DELETE FROM event_groups WHERE id = ?", (group_id,))
        return
    write_group(conn, group_id, state, is_area)


def write_group(
    conn: sqlite3.Connection, group_id: int, state: GroupState, is_area: rules.AreaTest
) -> None:
    """Store a group's representative record and counts from its state."""
    rep, first = rules.representative_of(state.tally, is_area)
    info = cameo_info(rep.cameo)
    span = rep.span()
    src, tgt, place = rep.source, rep.target, rep.place
    conn.execute(
        "UPDATE event_groups SET source_code=?, source_country=?, source_sector=?, "
        "target_code=?, target_country=?, target_sector=?, source_key=?, target_key=?, "
        "cameo=?, cameo_root=?, quad_class=?, goldstein=?, plover_type=?, date=?, date_end=?, "
        "date_precision=?, span_start=?, span_end=?, location_name=?, location_country=?, "
        "lat=?, lon=?, geonameid=?, location_method=?, negated=?, modality=?, num_mentions=?, "
        "num_sources=?, num_articles=?, first_reported=?, last_reported=?, event_id=?, "
        "num_events=? WHERE id=?",
        (
            *((src.code, src.country, src.sector) if src else (None,) * 3),
            *((tgt.code, tgt.country, tgt.sector) if tgt else (None,) * 3),
            _key(src),
            _key(tgt),
            rep.cameo,
            rep.root,
            info.quad_class if info else None,
            info.goldstein if info else None,
            info.plover_type if info else None,
            rep.date,
            rep.date_end,
            rep.precision,
            *((span[0].isoformat(), span[1].isoformat()) if span else (None, None)),
            *(
                (place.name, place.country, place.lat, place.lon, place.geonameid, place.method)
                if place
                else (None,) * 6
            ),
            int(rep.negated),
            rep.modality,
            len(state.mentions),
            len(state.outlets),
            len(state.articles),
            *state.reported,
            first[-1],
            state.events,
            group_id,
        ),
    )


_STORY_MEMBER_SQL = f"SELECT a.id, a.title, a.published, {OUTLET_SQL} AS outlet FROM articles a "


@dataclass
class StoryState:
    """A story's tally: its articles, each outlet's count, its first article (earliest
    published, then smallest id) and its date range. Adding an article never rereads the
    story."""

    articles: int
    outlets: dict[str, int]
    first: tuple[bool, str, str] | None  # the sort key (undated, published, id) of the first
    title: str | None
    first_published: str | None
    last_published: str | None

    @classmethod
    def empty(cls) -> StoryState:
        return cls(0, {}, None, None, None, None)

    def add(self, row: sqlite3.Row) -> None:
        self.articles += 1
        self.outlets[row["outlet"]] = self.outlets.get(row["outlet"], 0) + 1
        published = row["published"]
        key = (published is None, published or "", row["id"])
        if self.first is None or key < self.first:
            self.first, self.title = key, row["title"]
        if published:
            self.first_published = min(filter(None, [self.first_published, published]))
            self.last_published = max(filter(None, [self.last_published, published]))


def load_story(conn: sqlite3.Connection, story_id: int) -> StoryState:
    """A story's tally, read from its members (the first time, or after a deletion)."""
    state = StoryState.empty()
    for row in conn.execute(
        _STORY_MEMBER_SQL + "JOIN story_articles s ON a.id = s.article_id WHERE s.story_id = ?",
        (story_id,),
    ):
        state.add(row)
    return state


def write_story(conn: sqlite3.Connection, story_id: int, state: StoryState) -> None:
    """The story's row from its tally (or no row when it has no articles left)."""
    if not state.articles or state.first is None:
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        return
    conn.execute(
        "UPDATE stories SET title=?, first_article=?, first_published=?, last_published=?, "
        "num_articles=?, num_sources=? WHERE id=?",
        (
            state.title,
            state.first[2],
            state.first_published,
            state.last_published,
            state.articles,
            len(state.outlets),
            story_id,
        ),
    )


def recount_story(conn: sqlite3.Connection, story_id: int) -> None:
    """Recompute a story's counts and first article from its members."""
    write_story(conn, story_id, load_story(conn, story_id))


def pending(conn: sqlite3.Connection) -> dict[str, int]:
    """What a pass would have to do: articles without a story, events without a group."""
    articles = conn.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM story_articles s WHERE s.article_id = a.id)"
    ).fetchone()[0]
    events = conn.execute("SELECT count(*) FROM events WHERE group_id IS NULL").fetchone()[0]
    dirty = conn.execute("SELECT count(*) FROM dedup_dirty").fetchone()[0]
    return {"articles": int(articles), "events": int(events), "dirty": int(dirty)}


def ids_of(results: Sequence[Any]) -> list[str]:
    return [r.article.id for r in results if r.article is not None]
