"""The read-only listings and aggregates: the one query module under the CLI (through the
Store), the explorer's API and the exports. Every value reaches SQLite as a bound parameter.

Column and expression names in these statements come only from the fixed tables below, never
from a request. Code prefixes (``RUS``, ``04``) become index-friendly ranges
(``code >= 'RUS' AND code < 'RUT'``) instead of ``LIKE``, which SQLite cannot serve from an
index on a case-sensitive column.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from eventwire.conditions import code_match
from eventwire.store.filters import ArticleFilters, EventFilters, QuoteFilters

# Columns of an event as the API returns it (events ``e`` left-joined to articles ``a``).
EVENT_COLUMNS = [
    "e.id",
    "e.article_id",
    "a.title AS article_title",
    "a.source AS article_source",
    "a.published AS article_published",
    "e.date",
    "e.date_end",
    "e.date_precision",
    "e.date_expression",
    "e.source_text",
    "e.source_code",
    "e.source_name",
    "e.source_country",
    "e.source_sector",
    "e.cameo",
    "e.target_text",
    "e.target_code",
    "e.target_name",
    "e.target_country",
    "e.target_sector",
    "e.plover_type",
    "e.plover_mode",
    "e.plover_context",
    "e.quad_class",
    "e.goldstein",
    "e.confidence",
    "e.location_name",
    "e.location_country",
    "e.lat",
    "e.lon",
    "e.location_method",
    "e.negated",
    "e.modality",
    "e.sentence",
    "e.start_char",
    "e.end_char",
    "e.evidence",
    "e.date_start_char",
    "e.date_end_char",
    "e.location_start_char",
    "e.location_end_char",
]
# The event's merged event (``event_groups``, schema 4): its id and GDELT-style counts. An
# event not (yet) deduplicated is a group of its own: null id, one mention, source, article.
GROUP_COUNTS = ["num_mentions", "num_sources", "num_articles"]
GROUP_COLUMNS = ["g.id AS group_id"] + [f"coalesce(g.{c}, 1) AS {c}" for c in GROUP_COUNTS]
UNGROUPED_COLUMNS = ["NULL AS group_id"] + [f"1 AS {c}" for c in GROUP_COUNTS]
EVENT_FIELDS = [c.split(" AS ")[-1].split(".")[-1] for c in EVENT_COLUMNS + GROUP_COLUMNS]
# What a merged event takes from its group (the representative values dedup chose); the rest
# (article, sentence, spans, evidence, phrases) comes from its representative mention.
GROUP_FIELDS = {
    "date", "date_end", "date_precision", "source_code", "source_country", "source_sector",
    "cameo", "target_code", "target_country", "target_sector", "plover_type", "quad_class",
    "goldstein", "location_name", "location_country", "lat", "lon", "location_method",
    "negated", "modality",
}  # fmt: skip

# Timeline buckets and series: request value → SQL expression over ``e``.
PERIODS = {
    "day": "e.date",
    "week": "date(e.date, '-6 days', 'weekday 1')",  # the Monday of the date's ISO week
    "month": "substr(e.date, 1, 7) || '-01'",
}
SERIES = {"quad_class": "e.quad_class", "plover_type": "e.plover_type"}
# Network levels: request value → (source column, target column, name columns).
LEVELS = {
    "actor": ("e.source_code", "e.target_code", "e.source_name", "e.target_name"),
    "country": ("e.source_country", "e.target_country", "NULL", "NULL"),
}


# The coder's confidence (schema 6). A store from before it (the explorer serves schema 3 on,
# read-only, unmigrated) has no such column: every confidence there is unknown (null).
CONFIDENCE = "e.confidence"
NO_CONFIDENCE = "NULL AS confidence"

# Errors of the database itself, never of a full-text query's syntax.
NOT_QUERY_ERRORS = ("locked", "busy", "no such table", "unable to open", "disk I/O", "readonly")


class QueryError(ValueError):
    """A request the database cannot answer as asked (e.g. bad full-text syntax)."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


def event_where(f: EventFilters) -> tuple[str, list[Any]]:
    """``WHERE …`` (or "") over events ``e`` and its parameters, from the filter registry."""
    return f.where()


def _run(
    conn: sqlite3.Connection, sql: str, params: list[Any], fts_param: str | None = None
) -> list[sqlite3.Row]:
    """Execute; a full-text syntax error becomes a QueryError naming the parameter."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as err:
        text = str(err)
        if fts_param and not any(word in text for word in NOT_QUERY_ERRORS):
            raise QueryError(
                fts_param, f"{fts_param}: bad full-text query (SQLite FTS5 syntax): {text}"
            ) from err
        raise


def _and(where: str, extra: str) -> str:
    return f"{where} AND {extra}" if where else f"WHERE {extra}"


def has_groups(conn: sqlite3.Connection) -> bool:
    """Whether the store has deduplication's tables (schema 4 and later)."""
    found = conn.execute("SELECT 1 FROM pragma_table_info('events') WHERE name = 'group_id'")
    return found.fetchone() is not None


def has_confidence(conn: sqlite3.Connection) -> bool:
    """Whether events have the coder's ``confidence`` (schema 6 and later)."""
    found = conn.execute("SELECT 1 FROM pragma_table_info('events') WHERE name = 'confidence'")
    return found.fetchone() is not None


def event_columns(conn: sqlite3.Connection) -> list[str]:
    """``EVENT_COLUMNS`` as this store can answer them (a null confidence before schema 6)."""
    if has_confidence(conn):
        return EVENT_COLUMNS
    return [NO_CONFIDENCE if c == CONFIDENCE else c for c in EVENT_COLUMNS]


def usable(conn: sqlite3.Connection, f: EventFilters) -> EventFilters:
    """``f`` for this store: before schema 6 every confidence is unknown, and unknown
    confidences pass ``min_confidence`` (``eventwire.confidence``), so it selects them all."""
    if f.min_confidence is None or has_confidence(conn):
        return f
    return f.replace(min_confidence=None)


def _merged(where: str, confidence: bool = True) -> str:
    """One row per merged event (columns named as ``events``' plus the group's) among the
    events ``where`` selects: a group is in when any of its mentions is; an event without a
    group is its own. Its values are the group's; article, sentence and spans are those of the
    group's representative mention (its confidence too; null without ``confidence``)."""
    rows = []
    for column in EVENT_COLUMNS:
        name = column.split(".")[-1]
        if column.startswith("a."):
            continue
        if column == CONFIDENCE and not confidence:
            rows.append(NO_CONFIDENCE)
            continue
        if name in GROUP_FIELDS:
            rows.append(f"CASE WHEN g.id IS NULL THEN r.{name} ELSE g.{name} END AS {name}")
        elif name in ("source_name", "target_name"):
            side = name.split("_")[0]
            rows.append(
                f"CASE WHEN g.id IS NULL OR g.{side}_code IS r.{side}_code THEN r.{name} ELSE "
                f"(SELECT max(x.{name}) FROM events x WHERE x.group_id = g.id "
                f"AND x.{side}_code = g.{side}_code) END AS {name}"
            )
        else:
            rows.append(f"r.{name}")
    return (
        f"(SELECT {', '.join(rows + GROUP_COLUMNS)} FROM ("
        f"SELECT coalesce(e.group_id, -e.id) AS k, min(e.id) AS any_id FROM events e {where} "
        "GROUP BY k) m LEFT JOIN event_groups g ON g.id = m.k "
        "JOIN events r ON r.id = CASE WHEN g.id IS NULL THEN m.any_id ELSE coalesce("
        "(SELECT x.id FROM events x WHERE x.id = g.event_id AND x.group_id = g.id), m.any_id) "
        "END)"
    )


def _units(
    conn: sqlite3.Connection, f: EventFilters, merged: bool, extra: str
) -> tuple[str, list[Any]]:
    """``FROM … WHERE …`` over what aggregates count, as ``e``: events (mentions) or, with
    ``merged``, merged events; ``extra`` is a condition on ``e``'s columns."""
    f = usable(conn, f)
    if merged and has_groups(conn):
        inner, where, params = _merged_parts(conn, f)
        return f"FROM {inner} e {_and(where, extra)}", params
    where, params = event_where(f)
    return f"FROM events e {_and(where, extra)}", params


def _merged_parts(conn: sqlite3.Connection, f: EventFilters) -> tuple[str, str, list[Any]]:
    """(the merged events as a subquery, ``WHERE …`` over it, parameters): the dates select
    on the merged event's date, the other filters on any of its reports."""
    inner, params = event_where(f.without_dates())
    terms = []
    if f.since:
        terms.append("e.date >= ?")
        params.append(f.since)
    if f.until:
        terms.append("e.date <= ?")
        params.append(f.until)
    where = f"WHERE {' AND '.join(terms)}" if terms else ""
    return _merged(inner, has_confidence(conn)), where, params


# ---------------------------------------------------------------------------- events
def _listing(
    conn: sqlite3.Connection, f: EventFilters, order: str, merged: bool
) -> tuple[str, list[Any]]:
    """The events (or merged events) ``f`` selects, in ``order``, and the parameters."""
    f = usable(conn, f)
    if merged and has_groups(conn):
        inner, where, params = _merged_parts(conn, f)
        columns = [c if c.startswith("a.") else f"e.{c.split('.')[-1]}" for c in EVENT_COLUMNS]
        columns += [f"e.{c}" for c in ["group_id", *GROUP_COUNTS]]
        sql = (
            f"SELECT {', '.join(columns)} FROM {inner} e "
            f"LEFT JOIN articles a ON a.id = e.article_id {where} ORDER BY {order}"
        )
        return sql, params
    where, params = event_where(f)
    return _event_select(conn, where, order), params


def _event_select(conn: sqlite3.Connection, where: str, order: str) -> str:
    columns = event_columns(conn)
    if not has_groups(conn):
        return (
            f"SELECT {', '.join(columns + UNGROUPED_COLUMNS)} FROM events e "
            f"LEFT JOIN articles a ON a.id = e.article_id {where} ORDER BY {order}"
        )
    return (
        f"SELECT {', '.join(columns + GROUP_COLUMNS)} FROM events e "
        "LEFT JOIN event_groups g ON g.id = e.group_id "
        f"LEFT JOIN articles a ON a.id = e.article_id {where} ORDER BY {order}"
    )


def _count(conn: sqlite3.Connection, f: EventFilters, merged: bool) -> tuple[str, list[Any]]:
    f = usable(conn, f)
    if merged and has_groups(conn):
        if not (f.since or f.until):  # no need for the merged events' own values
            where, params = event_where(f)
            sql = f"SELECT count(DISTINCT coalesce(e.group_id, -e.id)) FROM events e {where}"
            return sql, params
        inner, where, params = _merged_parts(conn, f)
        return f"SELECT count(*) FROM {inner} e {where}", params
    where, params = event_where(f)
    return f"SELECT count(*) FROM events e {where}", params


def _order(sort: str) -> str:
    return "e.date DESC, e.id DESC" if sort == "-date" else "e.date, e.id"


def events(
    conn: sqlite3.Connection,
    f: EventFilters,
    limit: int,
    offset: int,
    sort: str = "date",
    merged: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of events) in date order; with ``merged``, of merged events."""
    fts = f.full_text
    total = _run(conn, *_count(conn, f, merged), fts)[0][0]
    sql, params = _listing(conn, f, _order(sort), merged)
    rows = _run(conn, sql + " LIMIT ? OFFSET ?", [*params, limit, offset])
    return int(total), [dict(r) for r in rows]


def iter_events(
    conn: sqlite3.Connection,
    f: EventFilters,
    limit: int,
    offset: int,
    sort: str = "date",
    merged: bool = False,
) -> Iterator[tuple[Any, ...]]:
    """Rows of ``EVENT_FIELDS`` (for CSV), streamed. Check the query first with ``events``."""
    sql, params = _listing(conn, f, _order(sort), merged)
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])
    while batch := cursor.fetchmany(1000):
        yield from batch


def events_for_article(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    where, params = event_where(EventFilters.of(article=article_id))
    sql = _event_select(conn, where, "e.sentence, e.start_char, e.id")
    rows = [dict(r) for r in conn.execute(sql, params)]
    links = conn.execute(
        "SELECT x.event_id, x.quote_id FROM quote_events x JOIN quotes q ON q.id = x.quote_id "
        "WHERE q.article_id = ?",
        [article_id],
    ).fetchall()
    quotes: dict[int, list[int]] = {}
    for event_id, quote_id in links:
        quotes.setdefault(event_id, []).append(quote_id)
    for row in rows:
        row["quotes"] = sorted(quotes.get(row["id"], []))
    return rows


# ---------------------------------------------------------------------------- merged events
def group(conn: sqlite3.Connection, group_id: int) -> dict[str, Any] | None:
    """A merged event with every mention and why it joined (``eventwire.dedup``'s own
    explanation), each mention with its article's title and outlet; None if there is none."""
    if not has_groups(conn):
        return None
    from eventwire.dedup.queries import explain_group

    return explain_group(conn, group_id)


# ---------------------------------------------------------------------------- aggregates
def timeline(
    conn: sqlite3.Connection, f: EventFilters, interval: str, group: str, merged: bool = False
) -> list[dict[str, Any]]:
    period, series = PERIODS[interval], SERIES[group]
    source, params = _units(conn, f, merged, "e.date IS NOT NULL")
    rows = _run(
        conn,
        f"SELECT {period} AS period, {series} AS grp, count(*) AS n {source} "
        "GROUP BY period, grp ORDER BY period, grp",
        params,
        f.full_text,
    )
    return [{"period": r[0], "group": r[1], "count": r[2]} for r in rows]


def network(
    conn: sqlite3.Connection, f: EventFilters, level: str, limit: int, merged: bool = False
) -> tuple[int, list[dict[str, Any]], list[dict[str, Any]]]:
    """(edges in all, the ``limit`` heaviest edges, their nodes with counts under the filter).

    Node counts cover the events of the network: those with both a source and a target. One
    statement groups the events into pairs once and derives edges, node counts and the total
    from them, so only the rows shown leave SQLite."""
    src, tgt, src_name, tgt_name = LEVELS[level]
    source, params = _units(conn, f, merged, f"{src} IS NOT NULL AND {tgt} IS NOT NULL")
    fts = f.full_text
    rows = _run(
        conn,
        "WITH pairs AS MATERIALIZED ("
        f"SELECT {src} AS s, {tgt} AS t, count(*) AS n, avg(e.goldstein) AS g, "
        "sum(e.quad_class = 1) AS q1, sum(e.quad_class = 2) AS q2, "
        "sum(e.quad_class = 3) AS q3, sum(e.quad_class = 4) AS q4 "
        f"{source} GROUP BY s, t), "
        "top AS (SELECT * FROM pairs ORDER BY n DESC, s, t LIMIT ?), "
        "ends AS (SELECT s AS code FROM top UNION SELECT t FROM top) "
        "SELECT 0, s, t, n, g, q1, q2, q3, q4 FROM top UNION ALL "
        "SELECT 1, s, NULL, sum(n), sum(CASE WHEN s = t THEN n ELSE 0 END), 0, 0, 0, 0 "
        "FROM pairs WHERE s IN (SELECT code FROM ends) GROUP BY s UNION ALL "
        "SELECT 2, t, NULL, sum(n), NULL, 0, 0, 0, 0 "
        "FROM pairs WHERE t IN (SELECT code FROM ends) GROUP BY t UNION ALL "
        "SELECT 3, NULL, NULL, count(*), NULL, 0, 0, 0, 0 FROM pairs",
        [*params, limit],
        fts,
    )
    edges: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, Any]] = {}
    total = 0

    def node(code: str) -> dict[str, Any]:
        return nodes.setdefault(
            code, {"id": code, "name": None, "as_source": 0, "as_target": 0, "events": 0}
        )

    for kind, s, t, n, g, q1, q2, q3, q4 in rows:
        if kind == 0:
            edges.append(
                {
                    "source": s,
                    "target": t,
                    "count": n,
                    "goldstein_mean": round(g, 3) if g is not None else None,
                    "quad_counts": [q1, q2, q3, q4],
                    "cooperation_share": round((q1 + q2) / n, 4),
                }
            )
        elif kind == 1:
            node(s)["as_source"] = n
            node(s)["events"] += n - g  # g holds the self-loops, counted on the target side
        elif kind == 2:
            node(s)["as_target"] = n
            node(s)["events"] += n
        else:
            total = n
    edges.sort(key=lambda e: (-e["count"], e["source"], e["target"]))
    if nodes and level == "actor":
        marks = ",".join("?" * len(nodes))
        for column, name in ((src, src_name), (tgt, tgt_name)):
            for code, label in conn.execute(
                f"SELECT {column}, max({name}) FROM events e WHERE {column} IN ({marks}) "
                f"GROUP BY {column}",
                list(nodes),
            ):
                nodes[code]["name"] = nodes[code]["name"] or label
    return int(total), edges, list(nodes.values())


def map_points(
    conn: sqlite3.Connection, f: EventFilters, limit: int, merged: bool = False
) -> tuple[int, list[dict[str, Any]]]:
    source, params = _units(conn, f, merged, "e.lat IS NOT NULL AND e.lon IS NOT NULL")
    rows = _run(
        conn,
        "SELECT e.lat, e.lon, e.location_name, e.location_country, count(*) AS n, "
        "avg(e.goldstein), sum(e.quad_class IN (1, 2)) "
        f"{source} GROUP BY e.lat, e.lon, e.location_name, e.location_country "
        "ORDER BY n DESC, e.location_name",
        params,
        f.full_text,
    )
    points = [
        {
            "lat": lat,
            "lon": lon,
            "name": name,
            "country": country,
            "count": n,
            "goldstein_mean": round(g, 3) if g is not None else None,
            "cooperation_share": round(coop / n, 4),
        }
        for lat, lon, name, country, n, g, coop in rows[:limit]
    ]
    return len(rows), points


# ---------------------------------------------------------------------------- actors
def actors(
    conn: sqlite3.Connection,
    f: EventFilters,
    *,
    code: str | None,
    name: str | None,
    country: str | None,
    sector: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[dict[str, Any]]]:
    """Actors that appear as source or target of the filtered events, most events first."""
    where, params = event_where(usable(conn, f))
    sides = []
    side_params: list[Any] = []
    for side in ("source", "target"):
        side_where = _and(where, f"e.{side}_code IS NOT NULL")
        code_params: list[Any] = []
        if code:  # on each side, where the code index can serve it
            code_sql, code_params = code_match(f"e.{side}_code", code)
            side_where = _and(side_where, code_sql)
        sides.append(
            f"SELECT e.{side}_code AS code, max(e.{side}_name) AS name, "
            f"max(e.{side}_country) AS country, max(e.{side}_sector) AS sector, "
            f"count(*) AS n FROM events e {side_where} GROUP BY e.{side}_code"
        )
        side_params.extend([*params, *code_params])
    having: list[str] = []
    having_params: list[Any] = []
    if name:
        having.append("(instr(lower(max(name)), lower(?)) > 0 OR instr(code, upper(?)) > 0)")
        having_params.extend([name, name])
    if country:
        having.append("max(country) = ?")
        having_params.append(country)
    if sector:
        having.append("instr(coalesce(max(sector), ''), ?) > 0")
        having_params.append(sector)
    having_sql = f"HAVING {' AND '.join(having)}" if having else ""
    # each side grouped on its own (an index-ordered scan), then the two joined per code
    grouped = (
        f"WITH s AS ({sides[0]}), t AS ({sides[1]}) "
        "SELECT code, max(name) AS name, max(country) AS country, max(sector) AS sector, "
        "sum(ns) AS as_source, sum(nt) AS as_target, sum(ns + nt) AS events FROM ("
        "SELECT code, name, country, sector, n AS ns, 0 AS nt FROM s UNION ALL "
        f"SELECT code, name, country, sector, 0, n FROM t) GROUP BY code {having_sql}"
    )
    all_params = [*side_params, *having_params]
    fts = f.full_text
    rows = [
        dict(r)
        for r in _run(
            conn,
            f"SELECT *, count(*) OVER () AS total FROM ({grouped}) "
            "ORDER BY events DESC, code LIMIT ? OFFSET ?",
            [*all_params, limit, offset],
            fts,
        )
    ]
    if rows:
        total = rows[0]["total"]
    else:  # past the last page: count on its own
        total = _run(conn, f"SELECT count(*) FROM ({grouped})", all_params, fts)[0][0]
    for row in rows:
        del row["total"]
    return int(total), rows


def _filtered_count(
    conn: sqlite3.Connection, table: str, f: ArticleFilters | QuoteFilters
) -> tuple[str, list[Any], str | None, int]:
    """A listing's WHERE, its parameters, its full-text filter and how many rows it selects."""
    where, params = f.where()
    fts = f.full_text
    return (
        where,
        params,
        fts,
        int(_run(conn, f"SELECT count(*) FROM {table} {where}", params, fts)[0][0]),
    )


# ---------------------------------------------------------------------------- articles
def articles(
    conn: sqlite3.Connection, f: ArticleFilters, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Articles newest first, filtered by the registry's article filters."""
    where, params, fts, total = _filtered_count(conn, "articles a", f)
    rows = _run(
        conn,
        "SELECT a.id, a.title, a.published, a.source, a.url, a.origin, a.published_method, "
        "a.source_method, a.dateline_place, length(a.text) AS chars, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
        "(SELECT count(*) FROM quotes x WHERE x.article_id = a.id) AS quotes "
        f"FROM articles a {where}ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
        fts,
    )
    return int(total), [dict(r) for r in rows]


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT id, title, text, published, published_method, source, source_method, url, "
        "dateline, dateline_place, language, ingested_at FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    found = dict(row)
    found["events"] = events_for_article(conn, article_id)
    found["mentions"] = [
        dict(r)
        for r in conn.execute(
            "SELECT id, sentence, start_char, end_char, text, label, actor_code, actor_name, "
            "actor_country, actor_sector FROM mentions WHERE article_id = ? "
            "ORDER BY start_char, end_char DESC, id",
            [article_id],
        )
    ]
    found["quotes"] = quotes_of(conn, "q.article_id = ?", [article_id], "q.idx, q.id", -1, 0)
    found["sentences"] = [
        [r[0], r[1]]
        for r in conn.execute(
            "SELECT start_char, end_char FROM sentences WHERE article_id = ? ORDER BY idx",
            [article_id],
        )
    ]
    return found


# ---------------------------------------------------------------------------- quotes
QUOTE_SELECT = (
    "SELECT q.id, q.article_id, a.title AS article_title, a.published AS article_published, "
    "a.published, "
    "a.source AS article_source, q.idx, q.kind, q.speaker_text, q.speaker_code, q.speaker_name, "
    "q.speaker_country, q.speaker_sector, q.speaker_method, q.cue, q.text, q.sentence, "
    "q.start_char, q.end_char, q.content, q.cue_start, q.cue_end, q.speaker_start, "
    "q.speaker_end, q.parent, "
    "(SELECT group_concat(event_id) FROM quote_events x WHERE x.quote_id = q.id) AS events "
    "FROM quotes q LEFT JOIN articles a ON a.id = q.article_id"
)


def quotes_of(
    conn: sqlite3.Connection,
    where_sql: str,
    params: list[Any],
    order: str,
    limit: int,
    offset: int,
    fts: str | None = None,
) -> list[dict[str, Any]]:
    where = f"WHERE {where_sql}" if where_sql else ""
    rows = [
        dict(r)
        for r in _run(
            conn,
            f"{QUOTE_SELECT} {where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
            fts,
        )
    ]
    for row in rows:
        row["content"] = json.loads(row["content"]) if row["content"] else []
        linked = row["events"]
        row["events"] = sorted(int(e) for e in linked.split(",")) if linked else []
    return rows


def quotes(
    conn: sqlite3.Connection, f: QuoteFilters, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """Quotes by article date then reading order, filtered by the registry's quote filters."""
    where, params, fts, total = _filtered_count(conn, "quotes q", f)
    where_sql = where.removeprefix("WHERE ").strip()
    rows = quotes_of(
        conn, where_sql, params, "a.published, q.article_id, q.idx, q.id", limit, offset, fts
    )
    return int(total), rows


# ---------------------------------------------------------------------------- overview
def outlets(conn: sqlite3.Connection, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    total = conn.execute("SELECT count(DISTINCT source) FROM articles").fetchone()[0]
    rows = conn.execute(
        "SELECT a.source AS name, count(*) AS articles, "
        "sum((SELECT count(*) FROM events e WHERE e.article_id = a.id)) AS events "
        "FROM articles a WHERE a.source IS NOT NULL GROUP BY a.source "
        "ORDER BY articles DESC, name LIMIT ? OFFSET ?",
        [limit, offset],
    ).fetchall()
    return int(total), [dict(r) for r in rows]


def summary(conn: sqlite3.Connection) -> dict[str, Any]:
    one = conn.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM quotes), (SELECT min(date) FROM events), "
        "(SELECT max(date) FROM events), (SELECT min(published) FROM articles), "
        "(SELECT max(published) FROM articles)"
    ).fetchone()
    plover = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT plover_type FROM events WHERE plover_type IS NOT NULL ORDER BY 1"
        )
    ]
    return {
        "articles": one[0],
        "events": one[1],
        "quotes": one[2],
        "event_dates": [one[3], one[4]],
        "published": [one[5], one[6]],
        "plover_types": plover,
    }


# ---------------------------------------------------------------------------- watch
WATCH_TABLES = ("watch_polls", "watch_sources", "alerts")
POLL_FIELDS = (
    "started_at", "finished_at", "sources", "new_items", "coded", "failed", "events", "alerts",
    "errors",
)  # fmt: skip


def has_watch(conn: sqlite3.Connection) -> bool:
    """Whether the store has `eventwire watch`'s tables (schema 8): the explorer opens a
    store read-only, and a read-only store is not migrated."""
    marks = ", ".join("?" * len(WATCH_TABLES))
    found = conn.execute(
        f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ({marks})",
        WATCH_TABLES,
    )
    return int(found.fetchone()[0]) == len(WATCH_TABLES)


def _last_poll(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The poll that started last, its errors decoded from JSON."""
    row = conn.execute(
        f"SELECT {', '.join(POLL_FIELDS)} FROM watch_polls "
        "ORDER BY started_at DESC, id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    poll = dict(zip(POLL_FIELDS, row, strict=True))
    poll["errors"] = json.loads(poll["errors"]) if poll["errors"] else []
    return poll


def _watched(conn: sqlite3.Connection) -> dict[str, Any]:
    """The polls, the latest one, the sources as last polled and the alerts recorded."""
    polls, alerts = conn.execute(
        "SELECT (SELECT count(*) FROM watch_polls), (SELECT count(*) FROM alerts)"
    ).fetchone()
    columns = ("source", "kind", "last_polled_at", "last_status", "items")
    sources = conn.execute(f"SELECT {', '.join(columns)} FROM watch_sources ORDER BY source")
    return {
        "watching": polls > 0,
        "polls": int(polls),
        "last_poll": _last_poll(conn),
        "sources": [dict(zip(columns, r, strict=True)) for r in sources],
        "alerts": int(alerts),
    }


def _stored_since(conn: sqlite3.Connection, since: str) -> dict[str, Any]:
    """Articles stored at or after ``since`` and their events, both counted through the
    ``ingested_since`` filter, so that the counts are what /api/events lists with it. The
    articles are read as a table ``e`` of article ids, the shape the filter's SQL expects."""
    where, params = EventFilters.of(ingested_since=since).where()
    articles = conn.execute(
        f"SELECT count(*) FROM (SELECT id AS article_id FROM articles) e {where}", params
    ).fetchone()[0]
    events = conn.execute(f"SELECT count(*) FROM events e {where}", params).fetchone()[0]
    return {"time": since, "articles": int(articles), "events": int(events)}


def watch_status(conn: sqlite3.Connection, since: str | None) -> dict[str, Any]:
    """What `eventwire watch` has done (its polls, sources and alerts) and, when ``since``
    is given, what was stored since then: the explorer's header shows both. A store without
    the watch tables (before schema 8), or never polled, is not being watched."""
    status: dict[str, Any] = {
        "watching": False,
        "polls": 0,
        "last_poll": None,
        "sources": [],
        "alerts": 0,
    }
    if has_watch(conn):
        status.update(_watched(conn))
    status["since"] = None if since is None else _stored_since(conn, since)
    return status
