"""The time stage in the pipeline: each event gets the date its own clause gives, else the
publication date marked "inherited" (never silently passed off as the event's own date)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from eventwire.model import ArticleResult, Event
from eventwire.time.attach import event_date

if TYPE_CHECKING:
    from eventwire.config import CoderConfig

HEADLINE = -1


def date_events(doc: Doc, result: ArticleResult, config: CoderConfig | None = None) -> None:
    """Date the body's events (their triggers index ``doc``)."""
    _date_all(doc, result, headline=False)


def date_headline_events(title_doc: Doc, result: ArticleResult) -> None:
    """Date the headline's events (their triggers index the title's Doc)."""
    _date_all(title_doc, result, headline=True)


def _date_all(doc: Doc, result: ArticleResult, headline: bool) -> None:
    published = result.article.published if result.article else None
    for event in result.events:
        if (event.sentence == HEADLINE) == headline and event.date is None:
            _date(event, doc, published)


def _date(event: Event, doc: Doc, published: str | None) -> None:
    if event.trigger is None or not 0 <= event.trigger < len(doc):
        resolved = None
    else:
        resolved = event_date(doc, event.trigger, published)
    if resolved is None:
        return
    event.date = resolved.date
    event.date_end = resolved.date_end
    event.date_precision = resolved.precision
    event.date_expression = resolved.expression
    event.date_span = resolved.span
