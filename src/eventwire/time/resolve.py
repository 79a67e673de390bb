"""Resolve an expression's text to calendar dates against the publication date (the anchor).

Our own rules come first: they cover what news text uses most and what dateparser gets wrong
(ranges, "mid-June", quarters, weekdays whose direction depends on tense, years inferred from
tense). dateparser is the fallback for other layouts ("26/01/2013", "the 3rd of Jan"); it is
imported on first use and every result is cached.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from eventwire.time import periods as P
from eventwire.time.lexicon import PRESENT_DAY, REFERENCES
from eventwire.time.model import ResolvedDate
from eventwire.time.normalise import LEADING, normalise
from eventwire.time.periods import Period
from eventwire.time.rules import by_rules

_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEEKDAY_WORD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"


def resolve_expression(text: str, anchor: dt.date, tense: str | None) -> ResolvedDate | None:
    """The date ``text`` names, read from ``anchor`` (the publication date) in a clause of
    ``tense`` ('past', 'present', 'future' or None), or None when it names no date."""
    return _resolve(text, anchor, tense)


def reference_value(text: str) -> str | None:
    """PRESENT_REF, PAST_REF or FUTURE_REF for words like 'now', 'recently', 'soon', and for
    vague stretches ('recent weeks', 'the past several quarters', 'coming months')."""
    norm, raw = normalise(text)
    found = REFERENCES.get(raw) or REFERENCES.get(norm)
    if found:
        return found
    if _VAGUE_PAST.fullmatch(norm):
        return "PAST_REF"
    if _VAGUE_FUTURE.fullmatch(norm):
        return "FUTURE_REF"
    return None


_PERIODS = r"(?:days|weeks|months|years|quarters|decades)(?: and (?:days|weeks|months|years))?"
_VAGUE_PAST = re.compile(
    rf"(?:recent|past|previous|prior|earlier|last)(?: several| few| many)? {_PERIODS}"
    rf"|(?:several|many) {_PERIODS} ago"
)
_VAGUE_FUTURE = re.compile(
    rf"(?:coming|future|upcoming|next few|next several)(?: several| few| many)? {_PERIODS}"
    r"|a later date|a future date"
)


@lru_cache(maxsize=8192)
def _resolve(text: str, anchor: dt.date, tense: str | None) -> ResolvedDate | None:
    norm, raw = normalise(text)
    if raw in REFERENCES or norm in REFERENCES:
        return _result(P.day(anchor), text) if raw in PRESENT_DAY else None
    if re.match(r"(?:until|till|up to) ", raw):
        tense = "future"  # "postponed until Tuesday", "extended until Nov. 20": the next one
    matched, period = by_rules(norm, anchor, tense)
    if not matched:
        period = _as_range(norm, anchor, tense) or _trimmed(norm, anchor, tense)
    if period is None and not matched and _looks_like_date(norm):
        period = _dateparser(norm, anchor, tense)
    return _result(period, text) if period else None


def _as_range(norm: str, anchor: dt.date, tense: str | None) -> Period | None:
    """'Sept. 14 to Thursday', 'today through Nov. 17': two expressions joined as a range."""
    m = re.fullmatch(r"(?:from |between )?(.+?) (?:to|through|until|till|and|-) (.+)", norm)
    if not m:
        return None
    first = by_rules(LEADING.sub("", m[1]), anchor, tense)[1]
    last = by_rules(LEADING.sub("", m[2]), anchor, tense)[1]
    if first is None or last is None or last.end < first.start:
        return None
    return Period(first.start, last.end, first.precision, ranged=True)


_BARE_UNIT = re.compile(r"(?:day|week|weekend|month|year|quarter|decade)s?")


def _trimmed(norm: str, anchor: dt.date, tense: str | None) -> Period | None:
    """Spans that run past the expression ('seven a year ago', 'both 1990', 'April month'):
    the longest inner run of words that a rule reads."""
    words = norm.split()
    for size in range(len(words) - 1, 0, -1):
        if len(words) - size > 3:
            break
        for first in range(len(words) - size + 1):
            part = LEADING.sub("", " ".join(words[first : first + size]))
            if _BARE_UNIT.fullmatch(part):
                continue  # "a year or two" is not "the year"
            matched, period = by_rules(part, anchor, tense)
            if matched:
                return period
    return None


def _result(period: Period, text: str) -> ResolvedDate:
    end = period.end.isoformat() if period.ranged else None
    return ResolvedDate(period.start.isoformat(), period.precision, end, text, None)


def _looks_like_date(norm: str) -> bool:
    """dateparser reads anything as a date ('the day' → today): call it only when the text
    has a number, a month or weekday name, and nothing that makes it a duration."""
    if re.search(r"\b(?:years?|months?|weeks?|days?|hours?|minutes?)\b", norm):
        return False
    return bool(re.search(rf"\d|\b{_MONTH_WORD}\b|\b{_WEEKDAY_WORD}\b", norm))


def _dateparser(norm: str, anchor: dt.date, tense: str | None) -> Period | None:
    from dateparser.date import DateDataParser  # slow first import; only for odd layouts

    prefer = {"past": "past", "future": "future"}.get(tense or "", "current_period")
    base = dt.datetime(anchor.year, anchor.month, anchor.day)
    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "STRICT_PARSING": False},
    )
    data = parser.get_date_data(norm)
    if data.date_obj is None or data.period not in ("day", "week", "month", "year"):
        return None
    value = data.date_obj
    if (value.hour, value.minute, value.second) != (0, 0, 0):
        return None  # dateparser filled in the current time: it read no date
    d = value.date()
    if data.period == "day":
        return P.day(d)
    if data.period == "week":
        return P.week(d)
    if data.period == "month":
        return P.month(d.year, d.month)
    return P.year(d.year)
