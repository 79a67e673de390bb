"""PLOVER JSON records (JSON Lines), one per stored event.

Field names follow the PLOVER manual's "JSON Data Fields" chapter (the interchange format
POLECAT is coded in): ``id, date, enddate, source, recipient, event, mode, context, quad_code,
event_scale, event_loc, event_text, link, text, text_info, cite_info, coder, coded_date``; the
actor and location objects use its actor-information and GeoNames names. Fields PLOVER has no
name for are added under our own names (``cameo, negated, modality, confidence, date_precision,
date_expression, num_mentions, num_sources, num_articles``), as the manual invites. Mapping and
POLECAT column equivalents: docs/exports.md.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any, TextIO

from eventwire._version import __version__
from eventwire.contract import json_line
from eventwire.export.codes import RELIGIONS, split_actor_code
from eventwire.export.geo import describe
from eventwire.export.groups import EventGroup, with_groups
from eventwire.export.tsv import ExportCount
from eventwire.model import HEADLINE

CODER = f"eventwire {__version__}"
CODEBOOK = "CAMEO 1.1b3; PLOVER via CAMEO2PLOVER-2021 (PLOVER manual draft 0.8)"


def actor_object(row: dict[str, Any], role: str) -> dict[str, Any] | None:
    """PLOVER's actor information object for the event's source or target (None: no actor)."""
    code, text = row[f"{role}_code"], row[f"{role}_text"]
    if not code and not text:
        return None
    fields = split_actor_code(code)
    actor: dict[str, Any] = {
        "code": code[:3] if code else None,  # top level: country, IGO, NGO, MNC, IMG...
        "sector": code[3:] or None if code else None,  # the rest: GOV, MIL, EUREEC...
        "actor_text": text,
        "identifier_text": row[f"{role}_name"],
        "religion": [RELIGIONS[r] for r in fields.religions] or None,
        "cameo": code,
        "country": fields.country,
    }
    return {k: v for k, v in actor.items() if v is not None}


def location_object(row: dict[str, Any]) -> dict[str, Any] | None:
    """PLOVER's location object (GeoNames field names, spaces as underscores) plus ``method``."""
    place = describe(
        row["location_name"], row["location_country"], row["lat"], row["lon"], row["geonameid"]
    )
    if place is None:
        return None
    loc: dict[str, Any] = {
        "geonameid": place.geonameid,
        "name": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "country_code": place.iso2,
        "cc3": place.iso3,
        "admin1_code": place.admin1_code,
        "method": row["location_method"],
    }
    return {k: v for k, v in loc.items() if v is not None}


def _phrase(conn: sqlite3.Connection, row: dict[str, Any]) -> str | None:
    """The event's own phrase (its span) from the article text, or its title for headlines."""
    start, end = row["start_char"], row["end_char"]
    if start is None or end is None or end <= start:
        return None
    column = "title" if row["sentence"] == HEADLINE else "text"
    found = conn.execute(
        f"SELECT substr({column}, ?, ?) FROM articles WHERE id = ?",
        (start + 1, end - start, row["article_id"]),
    ).fetchone()
    return found[0] if found and found[0] else None


def _list(value: str | None) -> list[str]:
    return [v for v in (value or "").split(";") if v]


def record(conn: sqlite3.Connection, row: dict[str, Any], group: EventGroup) -> dict[str, Any]:
    source, target = actor_object(row, "source"), actor_object(row, "target")
    phrase = _phrase(conn, row)
    ingested = row["article_ingested_at"]
    return {
        "id": str(row["id"]),
        "date": row["date"],
        "enddate": row["date_end"],
        "source": [source] if source else [],
        "recipient": [target] if target else [],
        "event": _list(row["plover_type"]),
        "mode": _list(row["plover_mode"]),
        "context": _list(row["plover_context"]),
        "quad_code": row["quad_class"],
        "event_scale": row["goldstein"],
        "event_loc": location_object(row),
        "event_text": [phrase] if phrase else [],
        "link": str(group.id),
        "text": row["evidence"],
        "text_info": {
            "sequence": row["sentence"],
            "start": row["start_char"],
            "end": row["end_char"],
        },
        "cite_info": {
            k: v
            for k, v in {
                "citation": row["article_id"],
                "url": row["article_url"],
                "title": row["article_title"],
                "publication": row["article_source"],
                "coder": CODER,
                "codebook": CODEBOOK,
            }.items()
            if v is not None
        },
        "coder": CODER,
        "coded_date": ingested[:10] if ingested else None,
        "cameo": row["cameo"],
        "negated": bool(row["negated"]),
        "modality": row["modality"],
        "confidence": row.get("confidence"),  # absent from stores read before schema 6
        "date_precision": row["date_precision"],
        "date_expression": row["date_expression"],
        "num_mentions": group.num_mentions,
        "num_sources": group.num_sources,
        "num_articles": group.num_articles,
    }


def write(conn: sqlite3.Connection, rows: Iterable[dict[str, Any]], out: TextIO) -> ExportCount:
    count = ExportCount()
    for row, group in with_groups(conn, rows):
        out.write(json_line(record(conn, row, group)))
        count.written += 1
    return count
