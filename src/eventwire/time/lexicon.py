"""Words and regex pieces shared by the tagger and the resolver (one source of truth)."""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "a couple": 2, "couple of": 2,
    "half a": 0, "a half": 0,
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night", "overnight")

# Words with no calendar value that TimeML still tags (PRESENT_REF, PAST_REF, FUTURE_REF).
REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF",
    "currently": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "at this time": "PRESENT_REF", "this time": "PRESENT_REF", "the present": "PRESENT_REF",
    "present": "PRESENT_REF", "current": "PRESENT_REF", "so far": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "more recently": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "in the past": "PAST_REF", "once": "PAST_REF",
    "earlier": "PAST_REF", "recent years": "PAST_REF", "in recent years": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "in the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "in the near future": "FUTURE_REF", "shortly": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the long term": "FUTURE_REF", "the short term": "FUTURE_REF", "eventually": "FUTURE_REF",
}  # fmt: skip
# The present references that still name a day: the publication date.
PRESENT_DAY = {"now", "right now", "just now", "currently", "at present", "presently"}

MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Sept|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
    r"Dec(?:ember|\.)?)"
)
MONTH_SAFE = (  # month names that are not also common words ("may", "march")
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Apr(?:il|\.)?|June?|July?|Aug(?:ust|\.)?|"
    r"Sep(?:t(?:ember|\.)?|\.)|Sept|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# a weekday as datelines abbreviate it before the date ("Fri Sep 27 2013", "Thu, Dec. 15")
WEEKDAY_ABBR = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
WEEKDAY_ABBREVIATIONS = {
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday",
    "thu": "thursday", "thur": "thursday", "thurs": "thursday", "fri": "friday",
    "sat": "saturday", "sun": "sunday",
}  # fmt: skip
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
NUMBER = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"a couple of|a couple|a few|few|several|some|many)"
)
UNIT = r"(?:day|week|fortnight|month|year|decade|quarter)s?"
PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"
DASH = r"\s*(?:-|–|—|to|through|until|till|and)\s*"


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept.", "aug"), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def number_value(word: str) -> int | None:
    """An integer for a digit string or a number word; None for vague counts ("several")."""
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)
