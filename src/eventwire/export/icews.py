"""ICEWS-style coded event data: 20 tab-separated columns with a header, one row per stored
(asserted) event, as ICEWS' story-level files have it (column meanings: docs/exports.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from eventwire.events.ontology import cameo as cameo_code
from eventwire.export.codes import country_name, generic_name, sector_names, split_actor_code
from eventwire.export.columns import ICEWS_COLUMNS
from eventwire.export.geo import describe
from eventwire.export.tsv import ExportCount, write_line
from eventwire.model import HEADLINE


def _actor(row: dict[str, Any], role: str) -> list[Any]:
    fields = split_actor_code(row[f"{role}_code"])
    name = row[f"{role}_name"] or generic_name(fields) or row[f"{role}_text"]
    return [name, ",".join(sector_names(fields)) or None, country_name(fields.country)]


def event_text(code: str | None) -> str | None:
    """The CAMEO code's name ("Make a visit")."""
    found = cameo_code(code) if code else None
    return found.name if found else None


def icews_row(row: dict[str, Any]) -> list[Any]:
    place = describe(
        row["location_name"], row["location_country"], row["lat"], row["lon"], row["geonameid"]
    )
    city = province = country = None
    if place is not None:
        city = place.name if place.kind == "city" else None
        province = place.admin1_name if place.kind in ("city", "region") else None
        country = country_name(place.iso3)
    values = [
        row["id"],
        row["date"],
        *_actor(row, "source"),
        event_text(row["cameo"]),
        row["cameo"],
        row["goldstein"],
        *_actor(row, "target"),
        row["article_id"],
        0 if row["sentence"] == HEADLINE else row["sentence"] + 1,
        row["article_source"],
        city,
        None,  # District: we resolve no second-level divisions
        province,
        country,
        row["lat"] if place else None,
        row["lon"] if place else None,
    ]
    assert len(values) == len(ICEWS_COLUMNS)
    return values


def write(rows: Iterable[dict[str, Any]], out: TextIO) -> ExportCount:
    count = ExportCount()
    write_line(out, ICEWS_COLUMNS)
    for row in rows:
        if row["negated"]:
            count.negated += 1
            continue
        write_line(out, icews_row(row))
        count.written += 1
    return count
