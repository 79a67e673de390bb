"""``--min-confidence``: keep the events whose coder is sure enough, in one place.

An event's ``confidence`` is its coder's probability (0-1) that the event and its CAMEO code
are right; coders that give none leave it None (NULL in the store). The rule everywhere
(``extract``, ``ingest``, ``events``, ``export``, the explorer's ``min_confidence``): an event
is kept when its confidence is unknown or at least the threshold. A threshold filters out only
what a coder scored low; it never hides the events of a coder that gives no scores.
"""

from __future__ import annotations

from eventwire.model import ArticleResult, Event


def check_threshold(value: float) -> float:
    """The threshold itself, or ValueError when it is not a number in [0, 1]."""
    if not 0.0 <= value <= 1.0:  # NaN fails this too
        raise ValueError(f"min_confidence must be between 0 and 1, not {value!r}")
    return value


def confident(event: Event, min_confidence: float | None) -> bool:
    """Whether ``event`` passes: no threshold, no confidence, or confidence ≥ threshold."""
    return min_confidence is None or event.confidence is None or event.confidence >= min_confidence


def sql_condition(column: str = "confidence") -> str:
    """The same rule over a stored column, with one ``?`` for the threshold."""
    return f"({column} IS NULL OR {column} >= ?)"


def drop_unconfident(result: ArticleResult, min_confidence: float | None) -> int:
    """Remove ``result``'s events below ``min_confidence`` (those without a confidence stay);
    quotes' event indices are renumbered to the events kept. Returns how many were dropped."""
    if min_confidence is None or not result.events:
        return 0
    kept: dict[int, int] = {}  # old index → new index
    events: list[Event] = []
    for i, event in enumerate(result.events):
        if confident(event, min_confidence):
            kept[i] = len(events)
            events.append(event)
    dropped = len(result.events) - len(events)
    if dropped:
        result.events = events
        for quote in result.quotes:
            quote.events = [kept[i] for i in quote.events if i in kept]
    return dropped
