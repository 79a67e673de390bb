"""Find temporal expressions in a parsed Doc: spaCy's DATE entities, repaired, plus our patterns.

spaCy's small model finds most explicit dates but misses weekday phrases ("late on Monday",
"Wednesday night"), deictic adverbs ("now", "recently"), and mis-bounds others ("last month's",
"the quarter ended Sept. 30"). The patterns below run over ``doc.text``; their matches and the
cleaned entities are merged (overlaps become one expression) and snapped to token boundaries.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from eventwire.time.lexicon import (
    DAY,
    MONTH,
    NUMBER,
    PART_OF_DAY,
    REFERENCES,
    UNIT,
    WEEKDAY,
    WEEKDAY_ABBR,
    YEAR,
)
from eventwire.time.model import TimeExpression

_SEP = r"\s*(?:-|–|—|(?i:to|through|until|till))\s*"
_MOD = r"(?i:early|late|mid|(?:the\s+)?(?:middle|end|beginning|start)\s+of)"
_REL = r"(?i:last|next|this|this past|this coming|past|coming)"
_PERIOD = r"(?i:week|weekend|month|year|quarter|decade|spring|summer|fall|autumn|winter)"
_SEASON = r"(?i:spring|summer|fall|autumn|winter)"
_ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
_YEAR_REF = rf"(?:{YEAR}|(?i:last|this|next) year)"

_PATTERNS = [
    # ranges: "January 26-29", "Jan. 26 to Feb. 3, 2013", "6-9 April", "from 6 to 9 April"
    rf"(?:(?i:from|between)\s+)?{MONTH}\s+{DAY}{_SEP}(?:{MONTH}\s+)?{DAY}(?:,?\s+{YEAR})?\b",
    rf"(?i:between)\s+{MONTH}\s+{DAY}\s+(?i:and)\s+(?:{MONTH}\s+)?{DAY}(?:,?\s+{YEAR})?\b",
    rf"(?:(?i:from)\s+)?\b{DAY}(?:\s+{MONTH})?{_SEP}{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?",
    rf"(?i:between)\s+{DAY}(?:\s+{MONTH})?\s+(?i:and)\s+{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?",
    # explicit dates, optionally with the weekday: "Thursday, Jan. 6", "the 5th of May 2012"
    rf"(?:\b(?:{WEEKDAY}|{WEEKDAY_ABBR}),?\s+)?{MONTH}\s+{DAY}\b(?:,?\s+{YEAR})?",
    rf"(?:\b(?:{WEEKDAY}|{WEEKDAY_ABBR}),?\s+)?(?:(?i:the)\s+)?\b{DAY}\s+(?:(?i:of)\s+)?{MONTH}"
    rf"(?:,?\s+{YEAR})?",
    rf"\b{YEAR}-[01]\d-[0-3]\d\b",
    rf"{MONTH}(?:,|\s+(?i:of))?\s+{YEAR}\b",
    # "mid-June", "early 1997", "the end of March", "late next year"
    rf"\b{_MOD}[\s-]*(?:{MONTH}|{YEAR}\b)",
    # years after a preposition; decades; fiscal years
    rf"\b(?i:in|since|by|during|until|before|after|from|through|of)\s+(?P<x>{YEAR})\b",
    r"(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?:1[89]|20|')?\d0s\b",
    rf"(?i:fiscal)\s+{YEAR}\b",
    # weekdays: "late on Monday", "last Friday", "Wednesday night"
    rf"(?:(?i:early|late|earlier|later)\s+(?:(?i:on)\s+)?)?(?:{_REL}\s+)?{WEEKDAY}"
    rf"(?:\s+(?i:{PART_OF_DAY}))?",
    # deictic days: "late yesterday", "this morning", "last night", "the day before yesterday"
    rf"\b(?:(?i:early|late|earlier|later)\s+)?(?i:yesterday|today|tonight|tomorrow)"
    rf"(?:\s+(?i:{PART_OF_DAY}))?\b",
    rf"\b(?i:this|last)\s+(?i:{PART_OF_DAY})\b",
    r"\b(?i:the day (?:before yesterday|after tomorrow))\b",
    # relative to the publication date: "two weeks ago", "a year earlier", "three days later"
    rf"\b(?i:{NUMBER}[\s-]+{UNIT}\s+(?:ago|earlier|later|from now|hence|back))\b",
    # "last month", "earlier this week", "later in the year", "the past week"
    rf"\b(?:(?i:early|late|earlier|later|mid)[\s-]+)?(?:{_REL}|(?i:the (?:coming|past|previous|"
    rf"current)))\s+{_PERIOD}\b",
    r"\b(?i:(?:earlier|later) in the (?:week|month|year))\b",
    r"\b(?i:(?:the|this|last|next) weekend)\b",
    # quarters, halves, seasons
    rf"\b(?:(?i:the)\s+)?(?:(?i:fiscal|calendar)[\s-]+)?(?:{YEAR}\s+)?{_ORD}[\s-]+(?i:quarter)"
    rf"(?:\s+(?i:of)\s+{_YEAR_REF})?\b",
    rf"\b(?i:(?:this|last|next) year's)\s+{_ORD}[\s-]+(?i:quarter)\b",
    rf"\bQ[1-4](?:\s+{YEAR})?\b",
    rf"\b(?:(?i:the)\s+)?(?i:first|second)\s+(?i:half)(?:\s+(?i:of)\s+{_YEAR_REF})\b",
    rf"\b(?:(?i:early|late|mid)[\s-]+)?(?i:this|last|next|the|the coming|the past)\s+"
    rf"{_SEASON}(?:\s+(?i:of)\s+{YEAR}|(?!\s+(?i:of|in)\b))\b",
    rf"\b{_SEASON}\s+{YEAR}\b",
    # holidays
    r"\b(?:(?i:last|next|this)\s+)?(?:Thanksgiving(?: Day)?|Christmas(?: Eve| Day)?|"
    r"New Year's (?:Day|Eve)|Boxing Day|Valentine's Day|Halloween)\b",
    # references without a calendar value
    r"\b(?i:right now|now|currently|at present|presently|nowadays|these days|recently|"
    r"previously|formerly|lately|in the near future|the near future|recent years)\b",
    r"\b(?i:current|recent|future)\b",
    r"\b(?i:the future|the past)\b(?!\s+(?i:of\b|few\b|several\b|\d|one|two|three|four|five|six|"
    r"seven|eight|nine|ten))",
    r"(?<!\b(?i:as) )\b(?i:soon)\b(?!\s+(?i:as|after|before)\b)",
]
_MATCHERS = [re.compile(p) for p in _PATTERNS]

_DUR_UNIT = r"(?:hour|minute|day|night|week|fortnight|month|year|decade|quarter|centur(?:y|ie))s?"
_DURATION = re.compile(  # "three years", "the past two weeks", "the weeks", "a few days"
    rf"^(?:(?:for|over|during|in|within|about|nearly|almost|some|more than|less than|at least)\s+)*"
    rf"(?:the\s+)?(?:(?:past|last|next|first|coming|previous|following|recent)\s+)?"
    rf"(?:(?:{NUMBER}|\d+)[\s-]*(?:and a half\s+)?{_DUR_UNIT}|(?:day|week|month|year|decade|hour)s)"
    rf"(?:\s+and\s+(?:a\s+)?\w+\s+{_DUR_UNIT})?(?:\s+long)?$",
    re.IGNORECASE,
)
_SET = re.compile(
    r"^(?:every|each|daily|weekly|monthly|annual|annually|yearly|quarterly|nightly|per|a year|"
    r"a month)"
    r"\b",
    re.IGNORECASE,
)
_AGE_AFTER = {"old", "-old", "older", "younger"}
_AGE_BEFORE = {"aged", "age", "ages", "ager"}
_SPLIT_WORDS = {"ended", "ending", "ends", "end"}
_NUMERIC = re.compile(r"^\d+(?:[.,]\d+)?$")


def find_time_expressions(doc: Doc) -> list[TimeExpression]:
    """Temporal expressions of ``doc`` in text order, none overlapping another."""
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ == "DATE":
            spans.extend((s.start_char, s.end_char, "spacy") for s in _clean_entity(ent))
    text = doc.text
    for matcher in _MATCHERS:
        group = "x" if "x" in matcher.groupindex else 0
        spans.extend((m.start(group), m.end(group), "pattern") for m in matcher.finditer(text))
    found: list[TimeExpression] = []
    for start, end, source in _merge(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        span = _trim(span) if span is not None else None
        if span is None or not any(c.isalnum() for c in span.text):
            continue
        if _is_age(span):
            continue
        found.append(
            TimeExpression(
                text=span.text,
                start_char=span.start_char,
                end_char=span.end_char,
                start=span.start,
                end=span.end,
                root=span.root.i,
                kind=expression_kind(span.text),
                source=source,
            )
        )
    return found


def expression_kind(text: str) -> str:
    """date, reference, duration or set: how an expression's text relates to the calendar."""
    norm = " ".join(text.lower().split())
    if norm in REFERENCES:
        return "reference"
    if _SET.match(norm):
        return "set"
    if _DURATION.match(norm):
        return "duration"
    return "date"


def _clean_entity(ent: Span) -> list[Span]:
    """An entity without the parts that are not the date ('the quarter ended Sept. 30')."""
    if _NUMERIC.match(ent.text) and not re.fullmatch(YEAR, ent.text):
        return []
    parts: list[Span] = []
    start = ent.start
    for tok in ent:
        if tok.lower_ in _SPLIT_WORDS and tok.i > ent.start and tok.pos_ == "VERB":
            if tok.i > start:
                parts.append(ent.doc[start : tok.i])
            start = tok.i + 1
    if start < ent.end:
        parts.append(ent.doc[start : ent.end])
    return parts


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Union of overlapping spans; the source is 'merged' when spaCy and a pattern met."""
    merged: list[tuple[int, int, str]] = []
    for start, end, source in sorted(spans):
        if merged and start < merged[-1][1]:
            s, e, src = merged[-1]
            merged[-1] = (s, max(e, end), src if src == source else "merged")
        else:
            merged.append((start, end, source))
    return merged


def _trim(span: Span) -> Span | None:
    """Drop edge tokens that are not part of the expression: punctuation, "'s", spaces."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].tag_ == "POS"
    ):
        end -= 1
    return doc[start:end] if end > start else None


def _is_age(span: Span) -> bool:
    """'55 years old', 'a 12-year-old', 'aged 30': OntoNotes DATEs that are ages."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and after.lower_ in _AGE_AFTER:
        return True
    if before is not None and before.lower_ in _AGE_BEFORE:
        return True
    return any(t.lower_ in _AGE_AFTER for t in span)
