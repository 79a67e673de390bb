"""GDELT 2.0 Event and Mentions tables from stored events (column meanings: docs/exports.md).

One Event row per merged event (``groups.event_groups``; until deduplication, one per stored
event) and one Mentions row per stored event, both tab-separated without a header, as GDELT
ships them. Negated events are left out: GDELT has no field that says an event did not happen.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, TextIO
from urllib.parse import urlsplit

from eventwire.export.codes import ActorFields, country_name, split_actor_code
from eventwire.export.columns import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS
from eventwire.export.geo import describe
from eventwire.export.groups import EventGroup, with_groups
from eventwire.export.tsv import ExportCount, write_line
from eventwire.model import HEADLINE


def date_fields(date: str | None) -> list[Any]:
    """Day (YYYYMMDD), MonthYear, Year and FractionDate of a YYYY-MM-DD date.

    FractionDate is YYYY + ((month - 1) * 30 + day) / 365, to 4 places, as GDELT 2.0's files
    have it (2015-02-18 → 2015.1315; the codebook's formula omits the ``- 1``)."""
    if not date or len(date) < 10:
        return [None] * 4
    year, month, day = int(date[:4]), int(date[5:7]), int(date[8:10])
    fraction = round(year + ((month - 1) * 30 + day) / 365, 4)
    return [f"{year:04d}{month:02d}{day:02d}", f"{year:04d}{month:02d}", year, f"{fraction:.4f}"]


@lru_cache(maxsize=4096)
def timestamp(iso: str | None) -> str | None:
    """An ISO 8601 time as GDELT's YYYYMMDDHHMMSS in UTC."""
    if not iso:
        return None
    moment = dt.datetime.fromisoformat(iso)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y%m%d%H%M%S")


def actor_name(name: str | None, text: str | None, fields: ActorFields) -> str | None:
    """GDELT's upper-case actor name: the canonical name, a bare country's name, the text."""
    if name:
        return name.upper()
    if fields.code and fields.code == fields.country:
        return (country_name(fields.country) or fields.code).upper()
    return text.upper() if text else None


def _actor(row: dict[str, Any], role: str) -> list[Any]:
    fields = split_actor_code(row[f"{role}_code"])
    return [
        fields.code,
        actor_name(row[f"{role}_name"], row[f"{role}_text"], fields),
        fields.country,
        fields.known_group,
        fields.ethnic,
        fields.religion1,
        fields.religion2,
        fields.type1,
        fields.type2,
        fields.type3,
    ]


def _geo(row: dict[str, Any]) -> list[Any]:
    place = describe(
        row["location_name"], row["location_country"], row["lat"], row["lon"], row["geonameid"]
    )
    if place is None:
        return [0, *[None] * 7]
    return [
        place.gdelt_type,
        place.full_name,
        place.fips,
        place.adm1,
        None,  # ADM2: GAUL codes, which we do not have
        place.lat,
        place.lon,
        place.feature_id,
    ]


NO_GEO = [0, *[None] * 7]  # Actor1Geo/Actor2Geo: we do not place actors, only actions


def source_id(row: dict[str, Any]) -> str:
    """SOURCEURL / MentionIdentifier: the article's URL, else its id in the store."""
    return row["article_url"] or row["article_id"]


def event_row(row: dict[str, Any], group: EventGroup) -> list[Any]:
    cameo = row["cameo"] or ""
    values = [
        group.id,
        *date_fields(row["date"]),
        *_actor(row, "source"),
        *_actor(row, "target"),
        1 if row["sentence"] in (HEADLINE, 0) else 0,
        cameo,
        cameo[:3],
        cameo[:2],
        row["quad_class"],
        row["goldstein"],
        group.num_mentions,
        group.num_sources,
        group.num_articles,
        None,  # AvgTone: we measure no tone
        *NO_GEO,
        *NO_GEO,
        *_geo(row),
        timestamp(group.added or row["article_ingested_at"]),
        source_id(row),
    ]
    assert len(values) == len(GDELT_EVENT_COLUMNS)
    return values


def actor_offset(conn: sqlite3.Connection, row: dict[str, Any], role: str) -> tuple[int, bool]:
    """Where the event's source or target phrase starts in the article text (-1: nowhere),
    and whether that is in the event's own sentence. An actor resolved from an earlier
    mention ("the two ministers") points at that mention, as GDELT's offsets do."""
    text = row[f"{role}_text"]
    if not text or row["sentence"] == HEADLINE:
        return -1, True
    found = conn.execute(
        "SELECT start_char, sentence FROM mentions WHERE article_id = ? AND text = ? "
        "AND label LIKE 'ACTOR:%' ORDER BY sentence = ? DESC, sentence <= ? DESC, "
        "abs(start_char - ?), actor_code IS ? DESC LIMIT 1",
        (
            row["article_id"],
            text,
            row["sentence"],
            row["sentence"],
            row["start_char"],
            row[f"{role}_code"],
        ),
    ).fetchone()
    if found is None:
        return -1, False
    return int(found[0]), found[1] == row["sentence"]


def source_name(row: dict[str, Any]) -> str | None:
    """MentionSourceName: the URL's domain (as GDELT), else the outlet's name."""
    if row["article_url"]:
        host = urlsplit(row["article_url"]).hostname or ""
        if host:
            return host.removeprefix("www.")
    return row["article_source"]


def mention_row(conn: sqlite3.Connection, row: dict[str, Any], group: EventGroup) -> list[Any]:
    headline = row["sentence"] == HEADLINE
    actor1, in_sentence1 = actor_offset(conn, row, "source")
    actor2, in_sentence2 = actor_offset(conn, row, "target")
    values = [
        group.id,
        timestamp(group.added or row["article_ingested_at"]),
        timestamp(row["article_ingested_at"]),
        1 if row["article_url"] else 2,  # 1 WEB (a URL), 2 CITATIONONLY (our article id)
        source_name(row),
        source_id(row),
        0 if headline else row["sentence"] + 1,
        actor1,
        actor2,
        -1 if headline else row["start_char"],
        int(in_sentence1 and in_sentence2),  # InRawText: 0 when an actor came from elsewhere
        None,  # Confidence: we give none
        row["article_chars"],
        None,  # MentionDocTone: we measure no tone
        None,  # MentionDocTranslationInfo: English originals only
        f"event:{row['id']};article:{row['article_id']}",
    ]
    assert len(values) == len(GDELT_MENTION_COLUMNS)
    return values


def write_events(
    conn: sqlite3.Connection, rows: Iterable[dict[str, Any]], out: TextIO
) -> ExportCount:
    count = ExportCount()
    seen: set[int] = set()
    for row, group in with_groups(conn, _asserted(rows, count)):
        if group.id in seen:
            count.merged += 1
            continue
        seen.add(group.id)
        write_line(out, event_row(row, group))
        count.written += 1
    return count


def write_mentions(
    conn: sqlite3.Connection, rows: Iterable[dict[str, Any]], out: TextIO
) -> ExportCount:
    count = ExportCount()
    for row, group in with_groups(conn, _asserted(rows, count)):
        write_line(out, mention_row(conn, row, group))
        count.written += 1
    return count


def _asserted(rows: Iterable[dict[str, Any]], count: ExportCount) -> Iterable[dict[str, Any]]:
    for row in rows:
        if row["negated"]:
            count.negated += 1
        else:
            yield row
