"""The time stage: find temporal expressions, resolve them against the publication date, and
date each event by the expression its clause governs (issue 4, point 2).

Conventions (the choices the text leaves open):

- ``date`` is the first day of the period named; ``precision`` is day, week, month or year;
  ``date_end`` is set for explicit ranges ("January 26-29") and for periods the precision cannot
  name: quarters and seasons (month precision), decades (year precision), weekends (day).
- "mid-June", "early March", "late 1997" keep the precision of the month or year: the text does
  not say which day.
- A weekday goes back in a past clause and forward in a future one; in the present tense (and
  "meet Monday" is present) it is the nearest; with no verb, back. The publication day's own
  weekday is the publication day, whatever the tense. "last"/"next" are strict.
- A date without a year takes the year that puts it nearest the publication date; a past clause
  may still point ahead when that is four times nearer ("extended the offer to Nov. 20"), a
  future clause never points more than a few days back.
- "two weeks ago" has week precision; "now", "currently" name the publication day;
  "recently", "soon", "the following year", "that day" name no date.
- Pipelines: tag once per Doc (:func:`event_date` caches the expressions in ``doc.user_data``)
  and call :func:`event_date` per trigger; dateparser is imported only for layouts the rules do
  not read.
"""

from eventwire.time.attach import attached_expressions, event_date, expression_tense
from eventwire.time.model import ResolvedDate, TimeExpression
from eventwire.time.resolve import reference_value, resolve_expression
from eventwire.time.tagger import find_time_expressions
from eventwire.time.tense import clause_tense

__all__ = [
    "ResolvedDate",
    "TimeExpression",
    "attached_expressions",
    "clause_tense",
    "event_date",
    "expression_tense",
    "find_time_expressions",
    "reference_value",
    "resolve_expression",
]
