"""Calendar arithmetic: periods (day, week, month, quarter, season, year, decade) and the choice
among candidate periods that the clause's tense allows ("December 30" said on 3 January in the
past tense is the December just gone)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.time.lexicon import SEASON_MONTHS


@dataclass(frozen=True)
class Period:
    """A stretch of calendar days with the precision its expression named."""

    start: dt.date
    end: dt.date
    precision: str
    ranged: bool = False  # True when date_end must be reported (range, quarter, season, decade)


def iso_day(text: str | None) -> dt.date | None:
    """The calendar day an ISO date or timestamp starts with ("2017-10-20T08:00"), or None."""
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def day(d: dt.date) -> Period:
    return Period(d, d, "day")


def week(d: dt.date) -> Period:
    monday = d - dt.timedelta(days=d.weekday())
    return Period(monday, monday + dt.timedelta(days=6), "week")


def weekend(saturday: dt.date) -> Period:
    return Period(saturday, saturday + dt.timedelta(days=1), "day", ranged=True)


def month(year: int, number: int) -> Period:
    year, number = year + (number - 1) // 12, (number - 1) % 12 + 1
    last = calendar.monthrange(year, number)[1]
    return Period(dt.date(year, number, 1), dt.date(year, number, last), "month")


def year(number: int) -> Period:
    return Period(dt.date(number, 1, 1), dt.date(number, 12, 31), "year")


def months(year: int, first: int, count: int) -> Period:
    """``count`` months from month ``first`` (which may be ≤ 0 or > 12): quarters, seasons."""
    start, last = month(year, first), month(year, first + count - 1)
    return Period(start.start, last.end, "month", ranged=True)


def quarter(year: int, number: int) -> Period:
    return months(year, 3 * number - 2, 3)


def quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def season(year: int, code: str) -> Period:
    """Meteorological seasons; winter YYYY runs from December YYYY into the next year."""
    return months(year, SEASON_MONTHS[code], 3)


def decade(start_year: int) -> Period:
    return Period(dt.date(start_year, 1, 1), dt.date(start_year + 9, 12, 31), "year", ranged=True)


def span(first: Period, last: Period) -> Period:
    """From the start of ``first`` to the end of ``last`` ("January 26-29")."""
    return Period(first.start, last.end, first.precision, ranged=True)


def add_months(d: dt.date, count: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + count
    return total // 12, total % 12 + 1


def safe_date(year: int, month_number: int, day_number: int) -> dt.date | None:
    try:
        return dt.date(year, month_number, day_number)
    except ValueError:
        return None


# How much nearer a date on the "wrong" side of the anchor must be to win: a past-tense clause
# can still point ahead ("extended the offer to Nov. 20", "set for Washington in April"), while
# a future-tense clause almost never points back.
PAST_TENSE_AHEAD = 4.0
FUTURE_TENSE_BEHIND = 100.0


def pick(candidates: Iterable[Period], anchor: dt.date, tense: str | None) -> Period | None:
    """The candidate nearest the anchor, a candidate on the side the tense denies counting as
    that many times farther (past: ahead; future: behind)."""
    options = sorted(candidates, key=lambda p: p.start)
    if not options:
        return None

    def cost(period: Period) -> float:
        if period.start <= anchor <= period.end:
            return 0.0
        if period.end < anchor:
            days = (anchor - period.end).days
            return days * (FUTURE_TENSE_BEHIND if tense == "future" else 1.0)
        days = (period.start - anchor).days
        return days * (PAST_TENSE_AHEAD if tense == "past" else 1.0)

    return min(options, key=cost)


def latest_begun(candidates: Iterable[Period], anchor: dt.date) -> Period | None:
    """The latest candidate that has begun by the anchor (quarters said in the past tense)."""
    began = [p for p in sorted(candidates, key=lambda p: p.start) if p.start <= anchor]
    return began[-1] if began else None


def weekday_near(weekday: int, anchor: dt.date, direction: str) -> dt.date:
    """The day named ``weekday`` (0 = Monday) relative to ``anchor``: 'previous' / 'next' are
    strictly before / after; 'past' / 'future' accept the anchor itself; 'nearest' is within
    three days either way."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "previous":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if direction == "future":
        return anchor + dt.timedelta(days=ahead)
    if direction == "nearest":
        return anchor + dt.timedelta(days=ahead) if ahead < back else anchor - dt.timedelta(back)
    return anchor - dt.timedelta(days=back)
