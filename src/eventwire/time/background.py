"""Acts an article dates well before its own news are background, not news (the learned coder).

"In May a suspected air raid on the camp left dozens dead", in an October story about this
week's fighting, recalls history; the guideline codes it as no event, and a user counting
October's air raids must not find May's among them. The test is the article's own: an act
whose dated period ended more than ``BACKGROUND_DAYS`` before publication is set aside when
the article also reports something newer (an act it leaves undated, or dates within that
time). An article that reports only older acts (a retrospective, or a wrong publication date)
keeps them all, dated as its text dates them. A month keeps what wire copy reports as the
news of the last weeks ("after their talks in Moscow on May 7", three weeks on), when the
text dates it to its day or week; an act it dates only to a past month ("earlier this
month", "last month", "in May") is a recap, set aside the same way.
"""

from __future__ import annotations

import datetime as dt

from eventwire.model import HEADLINE, ArticleResult, Event
from eventwire.time.periods import iso_day, month, week, year

BACKGROUND_DAYS = 30


def set_aside_background(result: ArticleResult) -> None:
    """Drop the body's events dated more than ``BACKGROUND_DAYS`` before the article's news,
    and its recaps of the month's acts (``_recap``)."""
    published = iso_day(result.article.published if result.article else None)
    if published is None:
        return
    body = [e for e in result.events if e.sentence != HEADLINE]
    old = {id(e) for e in body if _age(e, published) > BACKGROUND_DAYS or _recap(e, published)}
    if old and len(old) < len(body):
        result.events = [e for e in result.events if id(e) not in old]


def _recap(event: Event, published: dt.date) -> bool:
    """An act told as done within a month the article names and no nearer ("earlier this
    month the Security Council imposed new sanctions", "last month it seized large areas"):
    wire copy dates its news to the day or week, or leaves it undated; a month is the
    recap of an act reported when it happened, and coding it again counts one act twice. An
    intended act ("will visit Moscow this month") is a plan, not a recap."""
    start = iso_day(event.date)
    return (
        event.date_precision == "month"
        and event.modality == "asserted"
        and start is not None
        and start < published
    )


def _age(event: Event, published: dt.date) -> int:
    """Days from the end of the event's own dated period to publication; 0 when the event has
    no date of its own (it inherits the article's)."""
    end = period_end(event)
    return (published - end).days if end is not None else 0


def period_end(event: Event) -> dt.date | None:
    """The last day the event's own date can mean ("in May": 31 May), or None when it has
    none of its own."""
    start = iso_day(event.date)
    if start is None or event.date_precision not in {"day", "week", "month", "year"}:
        return None
    if event.date_end:
        return iso_day(event.date_end)
    if event.date_precision == "week":
        return week(start).end
    if event.date_precision == "month":
        return month(start.year, start.month).end
    if event.date_precision == "year":
        return year(start.year).end
    return start
