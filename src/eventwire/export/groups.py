"""Which merged event each stored event belongs to, and how often it was reported.

GDELT counts an event's mentions, sources and articles (NumMentions, NumSources,
NumArticles) and gives every mention of it one GlobalEventID. Those come from story grouping
and event deduplication. ``event_groups`` is the one place exports look them up.
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


def event_groups(conn: sqlite3.Connection, event_ids: Sequence[int]) -> dict[int, EventGroup]:
    """Stored event id → its merged event, for the ids given (exports call this in batches).

    SWITCH POINT for deduplication: until the merged-event tables exist, every stored event is
    its own group (its id, counted 1 mention, 1 source, 1 article). When they land, answer
    from them here, e.g. ``SELECT member.event_id, merged.id, merged.num_mentions,
    merged.num_sources, merged.num_articles, merged.first_added FROM … WHERE member.event_id
    IN (…)``, keeping the identity group for events not (yet) merged. Nothing else changes:
    the GDELT export writes one row per group and the mentions export one row per stored event.
    """
    del conn  # read by the deduplicated version
    return {i: EventGroup(i, 1, 1, 1) for i in event_ids}


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
