"""Text normalisation before the rules: lower case, no leading prepositions or articles, no
times of day, years spelled out in digits ("nineteen ninety-six" → "1996")."""

from __future__ import annotations

import re

from eventwire.time.lexicon import WEEKDAY_ABBREVIATIONS

NUM = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"a couple of|a couple|couple of|a few|few|several|some|many)"
)
LEADING = re.compile(
    r"^(?:(?:on|in|at|by|during|since|until|till|up to|before|after|around|about|as of|of|over|"
    r"for|through|throughout|as early as|as late as|just|only|nearly|almost|some|roughly|"
    r"approximately|more than|less than|the|its|their|sometime|both|day(?! before| after)|"
    r"an?(?= (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|first|second|third|fourth|"
    r"\d)))\s+)+"
)
_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_TENS_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SPELLED_YEAR = re.compile(
    r"\b(?:(?P<c>nineteen|twenty)[ -](?:hundred(?: and)?[ -])?(?P<t>ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)(?:[ -](?P<u>one|two|three|four|five|six|seven|eight|nine))?"
    r"|two thousand(?:(?: and)?[ -](?P<u2>one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)\b"
)
_SPELLED_DECADE = re.compile(r"\bthe (twenties|thirties|forties|fifties|sixties|seventies|"
                             r"eighties|nineties)\b")  # fmt: skip


def _spelled_years(t: str) -> str:
    """'nineteen ninety-six' → '1996', 'the year two thousand' → '2000', 'the nineties' →
    'the 90s' (broadcast transcripts spell years out)."""

    def year(m: re.Match[str]) -> str:
        if m["c"]:
            value = (1900 if m["c"] == "nineteen" else 2000) + _TENS_WORDS[m["t"]]
            return str(value + _UNITS_WORDS.get(m["u"] or "", 0))
        return str(2000 + (_UNITS_WORDS.get(m["u2"] or "", 0) or _TENS_WORDS.get(m["u2"] or "", 0)))

    t = _SPELLED_YEAR.sub(year, t)
    t = re.sub(r"\bthe year (\d{4})\b", r"\1", t)
    return _SPELLED_DECADE.sub(lambda m: f"the '{_TENS_WORDS[m[1][:-3] + 'y']}s", t)


_TIME_OF_DAY = re.compile(
    r"\b(?:\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+[a-z]{3})?|noon|midnight)\b"
)


_ABBREVIATED_WEEKDAY = re.compile(r"^(" + "|".join(WEEKDAY_ABBREVIATIONS) + r")\.?(?=,? [a-z])")


def normalise(text: str) -> tuple[str, str]:
    """(normalised text for the rules, lower-cased raw text)."""
    raw = " ".join(text.lower().replace("’", "'").split()).strip(" ,;:!?")
    t = raw.replace("–", "-").replace("—", "-")
    t = _ABBREVIATED_WEEKDAY.sub(lambda m: WEEKDAY_ABBREVIATIONS[m[1]], t)  # "fri sep 27"
    t = re.sub(r"'s$", "", t)
    t = _TIME_OF_DAY.sub(" ", t)
    t = re.sub(r"\b(?:or so|or two|or more)\b", " ", t)
    t = _spelled_years(t)
    t = re.sub(r"\s+", " ", t).strip(" ,;:.")
    if not re.match(rf"^(?:from|between)\s|^in\s+{NUM}\s", t):
        t = LEADING.sub("", t)
    return t.strip(" ,"), raw
