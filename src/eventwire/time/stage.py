"""The time stage in the pipeline: each event gets the date its own clause gives, else one the
story gives it elsewhere (a ", when/where" antecedent, a later mention of its event noun; see
:mod:`eventwire.antecedents`), else the publication date marked "inherited" (never silently
passed off as the event's own date)."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from eventwire.antecedents import later_mentions, relative_antecedent, reporting_verbs
from eventwire.config import DEFAULT, CoderConfig
from eventwire.model import HEADLINE, ArticleResult, Event
from eventwire.time.attach import event_date, expression_tense, expressions
from eventwire.time.background import set_aside_background
from eventwire.time.model import ResolvedDate
from eventwire.time.periods import iso_day
from eventwire.time.resolve import resolve_expression
from eventwire.time.tense import clause_tense
from eventwire.time.timeline import date_timeline_entries

INHERITED = "inherited"


def date_events(doc: Doc, result: ArticleResult, config: CoderConfig | None = None) -> None:
    """Date the body's events (their triggers index ``doc``), then set aside those the article
    dates well before its news (``time.background``): the one place a stage removes what an
    earlier one produced, since only a date says an act is history."""
    _date_all(doc, result, headline=False)
    anchor = iso_day(result.article.published if result.article else None)
    if anchor is not None:
        date_timeline_entries(doc, result, anchor)
    config = config or DEFAULT
    if config.coder == "learned" and config.conventions.dated_background_is_not_news:
        set_aside_background(result)  # as the learned coder's history-year rule is its own


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
        if resolved is not None and resolved.precision == INHERITED:
            resolved = borrowed_date(doc, event.trigger, published) or resolved
    if resolved is None:
        return
    event.date = resolved.date
    event.date_end = resolved.date_end
    event.date_precision = resolved.precision
    event.date_expression = resolved.expression
    event.date_span = resolved.span


def borrowed_date(doc: Doc, trigger: int, published: str | None) -> ResolvedDate | None:
    """A date the story gives the event outside its own clause, or None."""
    if not published:
        return None
    antecedent = relative_antecedent(doc, trigger)
    if antecedent is not None:
        anchor = iso_day(published)
        if anchor is None:
            return None
        for expr in expressions(doc):
            if antecedent.start <= expr.start and expr.end <= antecedent.end:
                resolved = resolve_expression(expr.text, anchor, expression_tense(doc, expr))
                if resolved is not None:
                    return dataclasses.replace(resolved, expression=expr.text, span=expr.span)
    tense = clause_tense(doc[trigger])
    for mention in later_mentions(doc, trigger):
        for token in [mention, *reporting_verbs(mention)]:
            resolved = event_date(doc, token.i, published)
            if resolved is None or resolved.precision == INHERITED:
                continue
            if (tense == "past" and resolved.date > published) or (
                tense == "future" and resolved.date < published
            ):
                break  # the mention is another occasion: "talks last year … the talks next week"
            return resolved
    return None
