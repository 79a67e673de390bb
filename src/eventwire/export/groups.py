"""Which merged event each stored event belongs to, and how often it was reported.

GDELT counts an event's mentions, sources and articles (NumMentions, NumSources,
NumArticles) and gives every mention of it one GlobalEventID. Those come from event
deduplication (``eventwire/dedup/``); ``event_groups`` is the one place exports look them up.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any


@dataclass(frozen=True)
class EventGroup:
    """The merged event a stored event is a mention of."""

    id: int  # GDELT GlobalEventID: the same for every mention of one merged event
    num_mentions: int  # stored events (mentions) in the group, several per article possible
    num_sources: int  # distinct outlets (articles.source) reporting it
    num_articles: int  # distinct articles reporting it
    added: str | None = None  # when the group was first stored (ISO 8601); None: the event's own


UNGROUPED_BASE = 1_000_000_000  # ids for events no deduplication pass has placed yet


def event_groups(conn: sqlite3.Connection, event_ids: Sequence[int]) -> dict[int, EventGroup]:
    """Stored event id → its merged event (``event_groups``, kept by ``eventwire/dedup/``), for
    the ids given (exports call this in batches). An event not yet placed in a group (ingested
    with ``--no-dedup`` and no ``eventwire dedup`` since) is its own group, counted once, with
    an id of its own beyond ``UNGROUPED_BASE`` so that it never collides with a group's."""
    found: dict[int, EventGroup] = {}
    ids = list(event_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT e.id, g.id, g.num_mentions, g.num_sources, g.num_articles, g.first_reported "
            f"FROM events e JOIN event_groups g ON g.id = e.group_id WHERE e.id IN ({marks})",
            chunk,
        )
        for event_id, group_id, mentions, sources, articles, first in rows:
            found[event_id] = EventGroup(group_id, mentions, sources, articles, first)
    return {i: found.get(i) or EventGroup(UNGROUPED_BASE + i, 1, 1, 1) for i in ids}


GROUP_COLUMNS = ["global_event_id", "num_mentions", "num_sources", "num_articles"]


def with_groups(
    conn: sqlite3.Connection, rows: Iterable[dict[str, Any]], batch: int = 500
) -> Iterator[tuple[dict[str, Any], EventGroup]]:
    """Each stored event row with its group, looked up ``batch`` rows at a time."""
    it = iter(rows)
    while chunk := list(islice(it, batch)):
        groups = event_groups(conn, [row["id"] for row in chunk])
        for row in chunk:
            yield row, groups[row["id"]]


def group_values(group: EventGroup) -> dict[str, Any]:
    """The counts as our own schema's columns (``GROUP_COLUMNS``)."""
    return {
        "global_event_id": group.id,
        "num_mentions": group.num_mentions,
        "num_sources": group.num_sources,
        "num_articles": group.num_articles,
    }
