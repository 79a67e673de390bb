"""The resolver's rules: one regular expression (over normalised text) and one function per
kind of expression, tried in order; the first whose pattern matches the whole text decides."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from eventwire.time import periods as P
from eventwire.time.lexicon import (
    DAY,
    MONTH,
    ORDINALS,
    SEASONS,
    WEEKDAYS,
    month_number,
    number_value,
)
from eventwire.time.normalise import NUM
from eventwire.time.periods import Period

Rule = Callable[[re.Match[str], dt.date, str | None], Period | None]

_M = MONTH.lower()
_D = DAY
_Y = r"(?:1[89]\d\d|20\d\d)"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_SEP = r"\s*(?:-|to|through|until|till|and)\s*"
_POD = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"


def by_rules(norm: str, anchor: dt.date, tense: str | None) -> tuple[bool, Period | None]:
    """(whether a rule claimed the text, its period: None when the rule says 'no date')."""
    for pattern, rule in _RULES:
        m = pattern.fullmatch(norm)
        if m:
            return True, rule(m, anchor, tense)
    return False, None


def _month(word: str) -> int:
    number = month_number(word)
    if number is None:
        raise ValueError(f"not a month: {word}")
    return number


def _day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _dated(
    m_word: str, d_word: str, y_word: str | None, anchor: dt.date, tense: str | None,
    weekday: str | None = None,
) -> Period | None:  # fmt: skip
    """Month and day, the year given or inferred: the weekday, when named, picks the year."""
    mon, dd = _month(m_word), _day_number(d_word)
    if y_word:
        d = P.safe_date(int(y_word), mon, dd)
        return P.day(d) if d else None
    options = [P.day(d) for y in (-1, 0, 1) if (d := P.safe_date(anchor.year + y, mon, dd))]
    if weekday:
        named = [p for p in options if p.start.weekday() == WEEKDAYS[weekday]]
        if len(named) == 1:
            return named[0]
    return P.pick(options, anchor, tense)


def _explicit_date(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    return _dated(m["m"], m["d"], m["y"], anchor, tense, m["wd"])


def _week_of(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    """'the week of March 6': the week holding that day."""
    named = _dated(m["m"], m["d"], m["y"], anchor, tense)
    return P.week(named.start) if named else None


def _iso_date(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    d = P.safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return P.day(d) if d else None


def _day_range(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    """'January 26-29', '6-9 April', 'Jan. 30 to Feb. 2, 2013', 'from 6 to 9 April'."""
    m1 = m["m1"] or m["m2"]
    m2 = m["m2"] or m["m1"]
    first = _dated(m1, m["d1"], m["y"], anchor, tense)
    if first is None:
        return None
    mon2, d2 = _month(m2), _day_number(m["d2"])
    y2 = first.start.year + (1 if mon2 < first.start.month else 0)
    last = P.safe_date(y2, mon2, d2)
    if last is None or last < first.start or (last - first.start).days > 62:
        return first
    return P.span(first, P.day(last))


def _year_range(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    first, last = int(m["y1"]), int(m["y2"])
    return P.span(P.year(first), P.year(last)) if first < last else None


def _month_year(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    mon = _month(m["m"])
    rel = m["rel"]
    if m["y"]:
        return P.month(_year_ref(m["y"], anchor) or anchor.year, mon)
    if rel in ("last", "past", "previous"):
        back = (anchor.month - mon) % 12 or 12
        return P.month(*P.add_months(anchor, -back))
    if rel in ("next", "coming"):
        ahead = (mon - anchor.month) % 12 or 12
        return P.month(*P.add_months(anchor, ahead))
    if rel == "this":
        return P.month(anchor.year, mon)
    return P.pick([P.month(anchor.year + y, mon) for y in (-1, 0, 1)], anchor, tense)


def _bare_year(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period:
    return P.year(int(m["y"]))


def _decade(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period:
    digits = m["dec"]
    if len(digits) == 4:
        start = int(digits)
    else:
        two = int(digits[-2:])
        century = anchor.year // 100 * 100
        start = century + two if century + two <= anchor.year else century - 100 + two
    return P.decade(start)


def _weekday(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period:
    """A weekday: 'last'/'next' are strict; bare names point the way the verb's tense does,
    and the publication day's own name is that day."""
    target = WEEKDAYS[m["wd"]]
    rel = m["rel"] or ""
    if rel in ("last", "past", "this past", "previous"):
        direction = "previous"
    elif rel in ("next", "coming", "this coming"):
        direction = "next"
    elif tense == "future":
        direction = "future"
    elif tense == "present":
        direction = "nearest"  # "meet Monday" (a schedule) as well as "says Monday"
    else:
        direction = "past"
    return P.day(P.weekday_near(target, anchor, direction))


def _deictic(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period:
    word = m["w"] or "today"
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return P.day(anchor + dt.timedelta(days=offset))


def _two_days(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period:
    return P.day(anchor + dt.timedelta(days=-2 if m["w"] == "before yesterday" else 2))


def _relative(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    """'two weeks ago' (week), 'three days later' (day), 'a year earlier' (year)."""
    count = number_value(m["n"])
    sign = -1 if m["dir"] in ("ago", "earlier", "back", "before") else 1
    unit = m["unit"].rstrip("s")
    if count is None:  # "a few days ago": only the week or month is known
        if unit == "day":
            return P.week(anchor + dt.timedelta(days=3 * sign))
        if unit == "week":
            return P.month(*P.add_months(anchor + dt.timedelta(days=14 * sign), 0))
        return None
    if count == 0:
        return None
    if unit == "day":
        return P.day(anchor + dt.timedelta(days=sign * count))
    if unit in ("week", "fortnight"):
        return P.week(anchor + dt.timedelta(days=sign * count * (14 if unit == "fortnight" else 7)))
    if unit == "month":
        return P.month(*P.add_months(anchor, sign * count))
    if unit == "quarter":
        y, q = P.quarter_of(anchor)
        total = y * 4 + q - 1 + sign * count
        return P.quarter(total // 4, total % 4 + 1)
    if unit == "decade":
        return P.year(anchor.year + sign * 10 * count)
    return P.year(anchor.year + sign * count)


def _year_ago(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period:
    """'year-earlier', 'the year-ago period': the year before the publication year."""
    return P.year(anchor.year - 1)


def _in_units(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    """'in two weeks' (said of the future): the same as 'two weeks from now'."""
    if tense == "past":
        return None
    return _relative(m, anchor, tense)


_STEP = {"last": -1, "previous": -1, "past": -1, "this past": -1, "this": 0, "current": 0,
         "next": 1, "coming": 1}  # fmt: skip


def _named_period(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    """'last month', 'earlier this week', 'next year', 'the current quarter', 'last weekend'."""
    step = _STEP.get(m["rel"] or "")
    unit = m["unit"]
    if step is None:  # "the quarter", "the weekend", "later in the week": this one or the last
        if unit == "quarter":
            step = 0 if tense == "future" else -1  # "earned $5 in the quarter": the last one
        elif unit == "weekend":
            return _weekend(anchor, tense, 0)
        else:
            step = 0
    if unit == "week":
        return P.week(anchor + dt.timedelta(days=7 * step))
    if unit == "month":
        return P.month(*P.add_months(anchor, step))
    if unit == "year":
        return P.year(anchor.year + step)
    if unit == "decade":
        return P.decade(anchor.year // 10 * 10 + 10 * step)
    if unit == "weekend":
        return _weekend(anchor, tense, step)
    if unit == "quarter":
        y, q = P.quarter_of(anchor)
        total = y * 4 + q - 1 + step
        return P.quarter(total // 4, total % 4 + 1)
    return None


def _weekend(anchor: dt.date, tense: str | None, step: int) -> Period:
    saturday = anchor + dt.timedelta(days=5 - anchor.weekday())  # this week's Saturday
    if step < 0 or (step == 0 and tense != "future" and anchor.weekday() < 5):
        saturday -= dt.timedelta(days=7)
    elif step > 0:
        saturday += dt.timedelta(days=7 if anchor.weekday() >= 5 else 0)
    return P.weekend(saturday)


def _no_date(m: re.Match[str], anchor: dt.date, tense: str | None) -> None:
    """Anaphoric times ('the following year', 'that day') count from a time in the story,
    not from the publication date: no date rather than a wrong one."""
    return None


def _this_year_part(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period:
    """'the week', 'the fiscal year', 'the end of the month', 'year-end': the current one."""
    unit = m["unit"] or "year"
    if unit == "week":
        return P.week(anchor)
    if unit == "month":
        return P.month(anchor.year, anchor.month)
    return P.year(anchor.year)


def _year_ref(word: str | None, anchor: dt.date) -> int | None:
    if not word:
        return None
    if word.isdigit():
        return int(word)
    return anchor.year + {"last": -1, "this": 0, "next": 1}[word.split()[0]]


def _quarter(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    """'the third quarter', 'third-quarter', 'the fourth quarter of 1990', 'Q1 2012'."""
    number = ORDINALS.get(m["q"]) or int(m["q"][-1])
    year = _year_ref(m["y1"] or m["y2"], anchor)
    if year is not None:
        return P.quarter(year, number)
    options = [P.quarter(anchor.year + y, number) for y in (-1, 0, 1)]
    return _quarter_pick(options, anchor, tense)


def _quarter_pick(options: list[Period], anchor: dt.date, tense: str | None) -> Period | None:
    """Quarters and halves in the past tense: the latest begun ('third-quarter profit fell');
    otherwise the nearest ('expects fourth-quarter profit', 'first-quarter results')."""
    if tense == "past":
        return P.latest_begun(options, anchor)
    return P.pick(options, anchor, None)


def _half(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    year = _year_ref(m["y"], anchor)
    first = 1 if m["h"] == "first" else 7  # "the second half", "the last half"
    if year is not None:
        return P.months(year, first, 6)
    options = [P.months(anchor.year + y, first, 6) for y in (-1, 0, 1)]
    return _quarter_pick(options, anchor, tense)


def _season(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    code = SEASONS[m["s"]]
    if m["y"]:
        return P.season(int(m["y"]), code)
    options = [P.season(anchor.year + y, code) for y in (-2, -1, 0, 1)]
    rel = m["rel"]
    if rel in ("last", "past"):
        done = [p for p in options if p.end < anchor]
        return done[-1] if done else None
    if rel in ("next", "coming"):
        return next((p for p in options if p.start > anchor), None)
    if rel == "this":
        return next((p for p in options if p.start.year == anchor.year), None)
    return P.pick(options, anchor, tense)


def _part_of_year(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    """'mid-1996', 'early next year', 'the end of last year': the year itself."""
    return P.year(_year_ref(m["y"], anchor) or anchor.year)


def _holiday(m: re.Match[str], anchor: dt.date, tense: str | None) -> Period | None:
    name = m["h"]
    options = []
    for y in (-1, 0, 1):
        year = anchor.year + y
        if name.startswith("thanksgiving"):
            first = dt.date(year, 11, 1)
            thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
            options.append(P.day(thursday))
        else:
            mon, dd = _HOLIDAYS[name]
            options.append(P.day(dt.date(year, mon, dd)))
    rel = m["rel"]
    if rel == "last":
        return P.pick(options, anchor - dt.timedelta(days=1), "past")
    if rel == "next":
        return P.pick(options, anchor + dt.timedelta(days=1), "future")
    return P.pick(options, anchor, tense)


_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "boxing day": (12, 26),
    "valentine's day": (2, 14), "halloween": (10, 31),
}  # fmt: skip
_HOLIDAY = (
    r"(?:thanksgiving(?: day)?|christmas eve|christmas day|christmas|new year's day|"
    r"new year's eve|boxing day|valentine's day|halloween)"
)
_MOD = r"(?:(?:early|late|earlier|later|mid|(?:the )?(?:middle|end|beginning|start) of)[\s-]*)?"
_REL = r"(?:last|next|this|this past|this coming|past|coming|previous)"
_YREF = rf"(?:{_Y}|last year|this year|next year)"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_UNITS = r"(?:day|week|fortnight|month|year|decade|quarter)s?"

_EARLY = r"(?:(?:early|late|earlier|later) )?"
_YEAR_OPT = rf"(?:,? (?P<y>{_Y}))?"


def _rule(rule: Rule, *parts: str) -> tuple[re.Pattern[str], Rule]:
    return re.compile("".join(parts)), rule


_RULES: list[tuple[re.Pattern[str], Rule]] = [
    _rule(_bare_year, rf"(?:(?:fiscal|calendar)(?: year)? )?(?P<y>{_Y})",
          r"(?: period| (?:fiscal )?year)?"),
    _rule(_week_of, rf"week of (?P<m>{_M}) (?P<d>{_D})(?:,? (?P<y>{_Y}))?"),
    _rule(_iso_date, rf"(?P<y>{_Y})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)"),
    _rule(_explicit_date, rf"(?:(?P<wd>{_WD}),? )?(?:(?:last|this) )?(?P<m>{_M}) (?P<d>{_D})",
          _YEAR_OPT),
    _rule(_explicit_date, rf"(?:(?P<wd>{_WD}),? )?(?:the )?(?P<d>{_D}) (?:of )?(?P<m>{_M})",
          _YEAR_OPT),
    _rule(_day_range, rf"(?:from |between )?(?P<m1>{_M}) (?P<d1>{_D}){_SEP}",
          rf"(?:(?P<m2>{_M}) )?(?P<d2>{_D})", _YEAR_OPT),
    _rule(_day_range, rf"(?:from |between )?(?:the )?(?P<d1>{_D})(?: (?:of )?(?P<m1>{_M}))?",
          rf"{_SEP}(?:the )?(?P<d2>{_D}) (?:of )?(?P<m2>{_M})", _YEAR_OPT),
    _rule(_year_range, rf"(?:from |between )?(?P<y1>{_Y}){_SEP}(?P<y2>{_Y})"),
    _rule(_month_year, _MOD, r"(?:(?P<rel>last|next|this|past|coming|previous) )?",
          rf"(?P<m>{_M})(?:,? (?:of )?(?P<y>{_YREF}))?"),
    _rule(_decade, _MOD, r"(?:the )?(?:(?P<dec>(?:1[89]|20)\d0|'\d0)s)"),
    _rule(_part_of_year, _MOD, rf"(?P<y>{_YREF})"),
    _rule(_weekday, _EARLY, rf"(?:on )?(?:(?P<rel>{_REL}) )?(?P<wd>{_WD}){_POD}"),
    _rule(_deictic, _EARLY, rf"(?P<w>yesterday|today|tonight|tomorrow){_POD}"),
    _rule(_deictic, r"(?P<w>last night)|this (?:morning|afternoon|evening)"),
    _rule(_two_days, r"(?:the )?day (?P<w>before yesterday|after tomorrow)"),
    _rule(_relative, rf"(?P<n>{NUM})[\s-]+(?P<unit>{_UNITS}) ",
          r"(?P<dir>ago|earlier|later|back|from now|hence)"),
    _rule(_in_units, rf"in (?P<n>{NUM}) (?P<unit>{_UNITS})(?P<dir>)"),
    _rule(_year_ago, r"(?:the )?year-(?:earlier|ago)(?: period| quarter)?"),
    _rule(_named_period, r"(?:(?:early|late|earlier|later|mid)[\s-]+)?(?:in )?(?:the )?",
          r"(?P<rel>last|next|this|previous|current|coming|past|this past) ",
          r"(?P<unit>week|weekend|month|year|quarter|decade)"),
    _rule(_named_period, r"(?:earlier|later|early|late) in (?P<rel>the) (?P<unit>week|month|year)"),
    _rule(_named_period, r"(?:(?P<rel>latest|fiscal|most recent|same|comparable) )?",
          r"(?P<unit>quarter|weekend)"),
    _rule(_this_year_part, _MOD, r"(?:(?:this|the|current|full|fiscal|calendar) )*",
          r"(?P<unit>week|month|year)(?: end|-end|'s end)?"),
    _rule(_this_year_part, r"(?:year(?P<unit>)[- ]end|end of (?:the )?(?:fiscal )?year)"),
    _rule(_no_date, r"(?:the )?(?:following|previous|same|next|that|this) (?:day|week|month|year)",
          r"|(?:earlier|later) that (?:day|week|month|year)|that (?:day|week|month|year)"),
    _rule(_quarter, r"(?:(?:fiscal|calendar)[\s-]+)?",
          rf"(?:(?P<y1>{_Y}|last year|this year|next year)(?:'s)? )?",
          rf"(?:(?:fiscal|calendar)[\s-]+)?(?P<q>{_ORD})[\s-]+(?:fiscal[\s-]+)?quarter",
          rf"(?: of (?P<y2>{_YREF}))?"),
    _rule(_quarter, rf"q(?P<q>[1-4])(?: (?P<y1>{_Y}))?(?P<y2>)"),
    _rule(_half, rf"(?P<h>first|second|last) half(?: of (?P<y>{_YREF}))?"),
    _rule(_season, _MOD, r"(?:(?P<rel>last|next|this|past|coming) )?",
          rf"(?P<s>spring|summer|fall|autumn|winter)(?: (?:of )?(?P<y>{_Y}))?"),
    _rule(_holiday, rf"(?:(?P<rel>last|next|this) )?(?P<h>{_HOLIDAY})"),
]  # fmt: skip
