"""Timelines: a date that heads an entry dates the entry's acts.

Agency copy often closes with a chronology ("March 15 2011 Unprecedented protests demand …
July 2011 Bashar al-Assad sacks the governor of Hama … August 21 2013 Washington accuses the
regime of …"). Each entry's acts are told in the present tense with no date in their own
clause, so without this they would take the publication date: six years of history passed off
as the day's news. A stamp is a calendar date (or a bare year) that stands alone at the head of
a sentence, before a capitalised word; an article with at least ``MIN_STAMPS`` of them is a
timeline, and each act between two stamps that has no date of its own takes the first stamp's.
One dateline or one "March 2011 protests …" makes no timeline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from spacy.tokens import Doc, Token

from eventwire.model import HEADLINE, ArticleResult
from eventwire.time.attach import expressions
from eventwire.time.lexicon import YEAR
from eventwire.time.model import ResolvedDate
from eventwire.time.resolve import resolve_expression

MIN_STAMPS = 3
_YEAR = re.compile(YEAR)
_SENTENCE_END = {".", "!", "?", "”", '"', "’"}
_AFTER_STAMP = {":", "-", "–", "—"}
_CALENDAR_PRECISIONS = {"day", "month", "year"}


@dataclasses.dataclass(frozen=True)
class Stamp:
    char: int  # where the stamp starts in the text
    date: ResolvedDate


def timeline_stamps(doc: Doc, anchor: dt.date) -> list[Stamp]:
    """The entry dates of the article, in reading order; none unless it is a timeline."""
    found: dict[int, Stamp] = {}
    for expr in expressions(doc):
        if expr.kind != "date" or not _YEAR.search(expr.text):
            continue
        if _heads_an_entry(doc, expr.start, expr.end):
            resolved = resolve_expression(expr.text, anchor, "past")
            if resolved is not None and resolved.precision in _CALENDAR_PRECISIONS:
                found[expr.start_char] = Stamp(
                    expr.start_char,
                    dataclasses.replace(resolved, expression=expr.text, span=expr.span),
                )
    for token in doc:  # a bare year the tagger leaves alone ("2014 Islamic State seizes …")
        bare = _YEAR.fullmatch(token.text) and token.idx not in found
        if bare and _heads_an_entry(doc, token.i, token.i + 1):
            year = ResolvedDate(f"{token.text}-01-01", "year", None, token.text, _span(token))
            found[token.idx] = Stamp(token.idx, year)
    stamps = [found[k] for k in sorted(found)]
    return stamps if len(stamps) >= MIN_STAMPS else []


def date_timeline_entries(doc: Doc, result: ArticleResult, anchor: dt.date) -> None:
    """Give each body act without a date of its own the date of the entry it is told in."""
    undated = [
        (e, doc[e.trigger].idx)
        for e in result.events
        if e.sentence != HEADLINE
        and e.date_precision == "inherited"
        and e.trigger is not None
        and 0 <= e.trigger < len(doc)
    ]
    stamps = timeline_stamps(doc, anchor) if undated else []  # no act to date: no search
    for event, at in undated if stamps else []:
        entry = [s for s in stamps if s.char < at]
        if entry:
            date = entry[-1].date
            event.date, event.date_end, event.date_precision = (
                date.date,
                date.date_end,
                date.precision,
            )
            event.date_expression, event.date_span = date.expression, date.span


def _heads_an_entry(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) stand alone at a sentence's head, a capitalised word
    after them: "… sect. August 21 2013 Rebel-backer Washington accuses …"."""
    if start > 0 and not doc[start].is_sent_start:
        before = doc[start - 1]
        if before.text not in _SENTENCE_END and before.text.strip():
            return False
    after = end
    while after < len(doc) and doc[after].text in _AFTER_STAMP:
        after += 1
    if after >= len(doc):
        return False
    first = doc[after]
    return first.is_alpha and first.text[0].isupper() and not _is_date_word(first)


def _is_date_word(token: Token) -> bool:
    return token.ent_type_ == "DATE" or bool(_YEAR.fullmatch(token.text))


def _span(token: Token) -> tuple[int, int]:
    return (token.idx, token.idx + len(token.text))
