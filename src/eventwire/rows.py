"""Flat rows of an ``ArticleResult``: the store's INSERTs and the workers' Parquet partitions
(``eventwire.partitions``) write the same columns from the same code."""

from __future__ import annotations

from typing import Any

from eventwire.model import Actor, Event

# undated events (no event or publication date): year 0, month 00. Hive's null partition
# (__HIVE_DEFAULT_PARTITION__) would read back as null, but pandas/pyarrow cannot unify it
UNDATED = (0, "00")


ACTOR_PARTS = ("text", "code", "country", "sector", "name")

# the events table's columns that ``event_row`` fills, in its order
EVENT_FIELDS: tuple[str, ...] = (
    "article_id",
    "sentence",
    "start_char",
    "end_char",
    "evidence",
    *(f"source_{part}" for part in ACTOR_PARTS),
    *(f"target_{part}" for part in ACTOR_PARTS),
    "cameo",
    "plover_type",
    "plover_mode",
    "plover_context",
    "quad_class",
    "goldstein",
    "date",
    "date_precision",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "geonameid",
    "negated",
    "modality",
    "date_end",
    "date_expression",
    "date_start_char",
    "date_end_char",
    "location_method",
    "location_start_char",
    "location_end_char",
    "confidence",
)


_INTEGER = {"sentence", "start_char", "end_char", "quad_class", "geonameid", "negated"}
_INTEGER |= {f"{kind}_{end}_char" for kind in ("date", "location") for end in ("start", "end")}
_REAL = {"goldstein", "lat", "lon", "confidence"}


def declared_type(field: str) -> str:
    """The SQLite type the events table declares for one of ``EVENT_FIELDS``."""
    return "INTEGER" if field in _INTEGER else "REAL" if field in _REAL else "TEXT"


def actor_values(actor: Actor | None) -> tuple[Any, ...]:
    """``ACTOR_PARTS`` of an actor (all None without one)."""
    if actor is None:
        return (None,) * len(ACTOR_PARTS)
    return (actor.text, actor.code, actor.country, actor.sector, actor.name)


def event_row(article_id: str, e: Event) -> tuple[Any, ...]:
    """One event as ``EVENT_FIELDS``."""
    place = e.location
    return (
        article_id,
        e.sentence,
        e.span[0],
        e.span[1],
        e.evidence,
        *actor_values(e.source),
        *actor_values(e.target),
        e.cameo,
        e.plover.type if e.plover else None,
        e.plover.mode if e.plover else None,
        e.plover.context if e.plover else None,
        e.quad_class,
        e.goldstein,
        e.date,
        e.date_precision,
        *(
            (place.name, place.country, place.lat, place.lon, place.geonameid)
            if place
            else (None,) * 5
        ),
        int(e.negated),
        e.modality,
        e.date_end,
        e.date_expression,
        *(e.date_span or (None, None)),
        place.method if place else None,
        *((place.span if place else None) or (None, None)),
        e.confidence,
    )


def insert_sql(table: str, fields: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(fields)}) VALUES ({','.join('?' * len(fields))})"


def partition(row: dict[str, Any]) -> tuple[int | None, str | None]:
    """Year and two-digit month of the event's date, else its article's publication date."""
    date = row.get("date") or row.get("article_published") or ""
    if len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit():
        return int(date[:4]), date[5:7]
    return None, None


def partition_dir(year: int | None, month: str | None) -> str:
    if year is None or month is None:
        year, month = UNDATED
    return f"year={year}/month={month}"
