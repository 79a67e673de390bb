"""Publication dates from metadata strings, text headers and URLs, normalised to YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|\b)")
_MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), 1)}
_MON = rf"({_MONTH_NAMES.replace(' ', '|')})[a-z]*\.?"
_TEXT_DATES = [
    re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b"),
    re.compile(rf"\b(\d{{1,2}})\s+{_MON},?\s+((?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MON}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b"),
]


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: object) -> str | None:
    """A metadata date in any common layout → YYYY-MM-DD, or None if it is not a full date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    found = date_in_text(text)
    if found:
        return found
    import dateparser  # slow to import; only for the odd layouts

    try:
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
        )
    except (ValueError, OverflowError, OSError):  # a timestamp far outside any calendar
        return None
    return parsed.strftime("%Y-%m-%d") if parsed else None


EARLIEST_YEAR = 1800  # older "publication dates" are typing errors or placeholders (0001-01-01)


def out_of_range(iso: str, today: dt.date | None = None) -> bool:
    """A publication date before 1800 or after next year is a placeholder or a typo."""
    year = int(iso[:4])
    return year < EARLIEST_YEAR or year > (today or dt.date.today()).year + 1


def date_in_text(text: str) -> str | None:
    """The first explicit full date (with year) in a short header string."""
    for i, pattern in enumerate(_TEXT_DATES):
        m = pattern.search(text)
        if not m:
            continue
        if i == 0:
            return _iso(int(m[1]), int(m[2]), int(m[3]))
        if i == 1:
            return _iso(int(m[3]), _MONTHS[m[2][:3]], int(m[1]))
        return _iso(int(m[3]), _MONTHS[m[1][:3]], int(m[2]))
    return None


def date_in_url(url: str | None) -> str | None:
    if not url:
        return None
    m = _URL_DATE.search(url)
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None
