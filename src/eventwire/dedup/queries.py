"""Read-side of deduplication: merged events, their mentions, stories and explanations.

Plain dict rows, so the CLI, exports and tests read them alike. Counts follow GDELT's event
codebook (2.0): ``num_mentions`` counts every mention, several in one article included (a
mention is a sentence reporting the event: two codings of one sentence, e.g. a joint act of two
actors, are one mention; ``group_mentions`` lists every coded event);
``num_sources`` the distinct information sources (outlets, ``articles.source``; an article of
unknown outlet counts as its own); ``num_articles`` the distinct source documents.
``num_stories`` adds what GDELT lacks: the distinct stories, i.e. independent reports once
syndicated copies are folded together.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from eventwire.conditions import code_match, where_clause
from eventwire.confidence import sql_condition
from eventwire.dedup.persist import OUTLET_SQL

GROUP_COLUMNS = (
    "g.id, g.date, g.date_end, g.date_precision, g.source_code, g.cameo, g.target_code, "
    "g.quad_class, g.goldstein, g.plover_type, g.location_name, g.location_country, g.lat, "
    "g.lon, g.geonameid, g.negated, g.modality, g.num_mentions, g.num_sources, g.num_articles, "
    "(SELECT count(DISTINCT s.story_id) FROM events e JOIN story_articles s "
    " ON s.article_id = e.article_id WHERE e.group_id = g.id) AS num_stories, "
    "g.first_reported, g.last_reported, g.source_country, g.source_sector, g.target_country, "
    "g.target_sector, g.event_id, "
    "(SELECT evidence FROM events WHERE id = g.event_id) AS evidence"
)


def _prefix(column: str, code: str | None) -> tuple[str, list[Any]]:
    return code_match(column, code.upper()) if code else ("", [])


def _either_side(code: str | None) -> tuple[str, list[Any]]:
    if not code:
        return "", []
    (source, p1), (target, p2) = _prefix("g.source_code", code), _prefix("g.target_code", code)
    return f"({source} OR {target})", p1 + p2


def event_groups(
    conn: sqlite3.Connection,
    *,
    group: int | None = None,
    cameo: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_mentions: int | None = None,
    min_confidence: float | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Merged events (table ``event_groups``), by date; ``cameo`` and ``actor`` are prefixes.
    With ``min_confidence``, a merged event is in when any of its mentions passes it (a
    mention without a confidence always does: ``eventwire.confidence``)."""
    cameo_sql, cameo_params = _prefix("g.cameo", cameo)
    actor_sql, actor_params = _either_side(actor)
    where, params = where_clause(
        [
            ("g.id = ?", group, [group]),
            (cameo_sql, cameo, cameo_params),
            (actor_sql, actor, actor_params),
            ("g.date >= ?", since, [since]),
            ("g.date <= ?", until, [until]),
            ("g.num_mentions >= ?", min_mentions, [min_mentions]),
            (
                "EXISTS (SELECT 1 FROM events x WHERE x.group_id = g.id AND "
                f"{sql_condition('x.confidence')})",
                min_confidence,
                [min_confidence],
            ),
        ]
    )
    sql = (
        f"SELECT {GROUP_COLUMNS} FROM event_groups g {where}ORDER BY g.date, g.id LIMIT ? OFFSET ?"
    )
    params.extend([limit if limit is not None else -1, offset])
    return [dict(r) for r in conn.execute(sql, params)]


def group_mentions(conn: sqlite3.Connection, group_id: int) -> list[dict[str, Any]]:
    """The mentions (``events`` rows with ``group_id``) of one merged event, first reported
    first, with the article's outlet, publication date, title and story."""
    rows = conn.execute(
        "SELECT e.id AS event_id, e.article_id, a.source AS outlet, a.published AS reported, "
        "a.title, s.story_id, e.sentence, e.start_char, e.end_char, e.evidence, e.source_code, "
        "e.cameo, e.target_code, e.date, e.date_end, e.date_precision, e.location_name, "
        "e.location_method, e.negated, e.modality, e.merge_note "
        "FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN story_articles s ON s.article_id = e.article_id "
        "WHERE e.group_id = ? ORDER BY a.published, e.article_id, e.sentence, e.start_char, e.id",
        (group_id,),
    ).fetchall()
    out = []
    for row in rows:
        d = dict(row)
        d["merge_note"] = json.loads(d["merge_note"]) if d["merge_note"] else None
        out.append(d)
    return out


def explain_group(conn: sqlite3.Connection, group_id: int) -> dict[str, Any] | None:
    """A merged event with each mention and the checks it passed when it joined."""
    found = event_groups(conn, group=group_id)
    if not found:
        return None
    return {"group": found[0], "mentions": group_mentions(conn, group_id)}


def stories(
    conn: sqlite3.Connection,
    *,
    since: str | None = None,
    until: str | None = None,
    min_articles: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stories (table ``stories``), biggest first."""
    where, params = where_clause(
        [
            ("first_published >= ?", since, [since]),
            ("first_published <= ?", until, [until]),
            ("num_articles >= ?", min_articles, [min_articles]),
        ]
    )
    sql = (
        "SELECT id, num_articles, num_sources, first_published, last_published, first_article, "
        f"title FROM stories {where}ORDER BY num_articles DESC, first_published, id "
        "LIMIT ? OFFSET ?"
    )
    params.extend([limit if limit is not None else -1, offset])
    return [dict(r) for r in conn.execute(sql, params)]


def story_articles(conn: sqlite3.Connection, story_id: int) -> list[dict[str, Any]]:
    """The copies of one story: article, outlet, date, title, and what it was matched to."""
    rows = conn.execute(
        f"SELECT a.id AS article_id, a.source AS outlet, {OUTLET_SQL} AS outlet_key, "
        "a.published, a.title, s.matched_article, s.jaccard, s.containment, s.shingles "
        "FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
        "ORDER BY a.published, a.id",
        (story_id,),
    )
    return [dict(r) for r in rows]
