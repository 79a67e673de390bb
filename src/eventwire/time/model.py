"""The two records of the time stage: a tagged expression and a resolved date."""

from __future__ import annotations

from dataclasses import dataclass

PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression in a parsed Doc.

    Offsets are characters into ``doc.text`` (``start_char``/``end_char``) and token indices
    (``start``/``end``, end exclusive), so the event stage can walk the dependency tree from
    ``root`` and the contract can quote the evidence span. ``source`` says who found it:
    ``"spacy"`` (a DATE entity kept as is), ``"pattern"`` (our rules) or ``"merged"``.
    ``kind`` is "date" (a point or period on the calendar), "reference" ("now", "recently"),
    "duration" ("three years") or "set" ("every week"); only dates and present references
    resolve to a calendar date.
    """

    text: str
    start_char: int
    end_char: int
    start: int
    end: int
    root: int
    kind: str = "date"
    source: str = "pattern"

    @property
    def span(self) -> tuple[int, int]:
        return (self.start_char, self.end_char)


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar date for an expression, at the precision the text allows.

    ``date`` is always the first day of the period (the Monday of a week, the 1st of a month,
    1 January of a year); ``date_end`` is set only when the period is not implied by ``date``
    and ``precision`` alone: explicit ranges ("January 26-29"), quarters, seasons, decades.
    ``precision`` is one of day, week, month, year, or "inherited" when the date is the
    publication date because nothing in the event's clause says when it happened.
    """

    date: str
    precision: str
    date_end: str | None = None
    expression: str | None = None
    span: tuple[int, int] | None = None
