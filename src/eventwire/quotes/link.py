"""Quotes ↔ events: an event coded inside a quote's content belongs to what was said.

The event keeps its own actors (``Lavrov said that Kerry will visit Moscow`` is Kerry's
visit); the quote lists it. Headline events are never inside a body quote.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.model import Event, Quote, Span


def _anchor(event: Event, doc: Doc) -> int:
    """The character the event hangs on: its predicate's, else its evidence span's start."""
    if event.trigger is not None and 0 <= event.trigger < len(doc):
        return int(doc[event.trigger].idx)
    return event.span[0]


def _inside(position: int, spans: list[Span]) -> bool:
    return any(start <= position < end for start, end in spans)


def link_events(quotes: list[Quote], events: list[Event], doc: Doc) -> None:
    """Fill each quote's ``events`` with the indices of the events coded inside its content."""
    anchors = [(i, _anchor(e, doc)) for i, e in enumerate(events) if e.sentence >= 0]
    for quote in quotes:
        quote.events = [i for i, at in anchors if _inside(at, quote.content)]
