"""The place stage in the pipeline: each event's place from a locative phrase of its own clause,
else one the story gives it elsewhere (a ", where" antecedent, a later mention of its event
noun; see :mod:`eventwire.antecedents`), else the article's dateline (``method`` says which),
else none: never from the mere mention of a country."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from eventwire.antecedents import later_mentions, relative_antecedent, reporting_verbs
from eventwire.model import HEADLINE, ArticleResult
from eventwire.place.context import place_context
from eventwire.place.event import Located, event_place
from eventwire.place.resolve import PlaceContext, resolve_toponym

if TYPE_CHECKING:
    from eventwire.config import CoderConfig

CONTEXT_KEY = "eventwire.place_context"  # the body's context, which the headline shares


def place_events(doc: Doc, result: ArticleResult, config: CoderConfig | None = None) -> None:
    """Place the body's events (their triggers index ``doc``)."""
    context = doc.user_data[CONTEXT_KEY] = place_context(doc, result.article)
    _place_all(doc, result, context, headline=False)


def place_headline_events(title_doc: Doc, body_doc: Doc, result: ArticleResult) -> None:
    """Place the headline's events, with what the body says about the article's countries."""
    context = body_doc.user_data.get(CONTEXT_KEY) or place_context(body_doc, result.article)
    _place_all(title_doc, result, context, headline=True)


def _place_all(doc: Doc, result: ArticleResult, context: PlaceContext, headline: bool) -> None:
    article = result.article
    dateline = article.dateline.place if article is not None and article.dateline else None
    for event in result.events:
        if (event.sentence == HEADLINE) != headline or event.location is not None:
            continue
        if event.trigger is None or not 0 <= event.trigger < len(doc):
            continue
        located = event_place(doc, event.trigger, context, dateline)
        if located is None or located.method != "text":
            located = borrowed_place(doc, event.trigger, context) or located
        if located is not None:
            event.location = dataclasses.replace(
                located.location, method=located.method, span=located.span
            )


def borrowed_place(doc: Doc, trigger: int, context: PlaceContext) -> Located | None:
    """A place the story gives the event outside its own clause, or None."""
    antecedent = relative_antecedent(doc, trigger, {"where"})
    if antecedent is not None:
        places = [e for e in antecedent.ents if e.label_ in {"GPE", "LOC", "FAC"}]
        if places:
            location = resolve_toponym(places[-1].text, context)
            if location is not None:
                return Located(location, "text", (places[-1].start_char, places[-1].end_char))
    for mention in later_mentions(doc, trigger):
        for token in [mention, *reporting_verbs(mention)]:
            located = event_place(doc, token.i, context, None)
            if located is not None and located.method == "text":
                return located
    return None
