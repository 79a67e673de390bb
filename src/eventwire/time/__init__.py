"""The time stage: find temporal expressions, resolve them against the publication date, and
date each event by the expression its clause governs (issue 4, point 2)."""

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
