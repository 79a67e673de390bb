"""Date an event: the time expression its clause governs, resolved in the clause's tense.

An expression belongs to an event when its head chain reaches the trigger (or the verb that
governs a noun trigger, or a verb joined to the trigger by ``xcomp``) before it reaches the
head of another clause. So in "Lavrov, who met Kerry on Monday, will visit Paris next week",
"on Monday" stops at "met" (a relative clause) and never reaches "visit".
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from spacy.tokens import Doc, Token

from eventwire.time.model import ResolvedDate, TimeExpression
from eventwire.time.periods import iso_day
from eventwire.time.resolve import resolve_expression
from eventwire.time.tagger import find_time_expressions
from eventwire.time.tense import clause_tense, governing_verb, is_verb

_DOC_CACHE_KEY = "eventwire_time_expressions"
_MAX_STEPS = 40


def event_date(doc: Doc, trigger: int, published: str | None) -> ResolvedDate | None:
    """The date of the event whose predicate is token ``trigger``; the publication date
    (precision "inherited") when its clause has no time expression; None without either."""
    anchor = iso_day(published)
    token = doc[trigger]
    if anchor is not None:
        tense = clause_tense(token)
        for expr in attached_expressions(doc, trigger):
            resolved = resolve_expression(expr.text, anchor, tense)
            if resolved is not None:
                if tense == "past" and _month_ahead_in_past(doc, expr, resolved, anchor):
                    resolved = _a_year_earlier(resolved)
                return dataclasses.replace(resolved, expression=expr.text, span=expr.span)
    if published is None or anchor is None:
        return None
    return ResolvedDate(anchor.isoformat(), "inherited", None, None, None)


def _month_ahead_in_past(
    doc: Doc, expr: TimeExpression, resolved: ResolvedDate, anchor: dt.date
) -> bool:
    """ "In February, the administration asked …" in a January story: a done act in a month
    named with "in" and no year is the last February, not the next one the nearest-date rule
    picks. "set for April" and "postponed to May" point ahead and keep it."""
    start = iso_day(resolved.date)
    return (
        resolved.precision == "month"
        and start is not None
        and start > anchor
        and expr.start > 0
        and doc[expr.start - 1].lower_ == "in"
        and not any(t.like_num for t in doc[expr.start : expr.end])
    )


def _a_year_earlier(resolved: ResolvedDate) -> ResolvedDate:
    year, rest = resolved.date.split("-", 1)
    return dataclasses.replace(resolved, date=f"{int(year) - 1}-{rest}")


def attached_expressions(doc: Doc, trigger: int) -> list[TimeExpression]:
    """Expressions of the trigger's sentence that its clause governs, best first: those
    directly under the trigger, then under its clause's verb, each nearer first."""
    token = doc[trigger]
    sentence = token.sent
    own = _clause_members(token)
    ranked: list[tuple[int, int, int, TimeExpression]] = []
    for expr in expressions(doc):
        if expr.start < sentence.start or expr.end > sentence.end:
            continue
        if expr.kind not in ("date", "reference") or expr.start <= trigger < expr.end:
            continue
        rank = _reach(doc, expr, token, own)
        if rank is not None:
            ranked.append((rank[0], rank[1], abs(expr.root - trigger), expr))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked]


def expressions(doc: Doc) -> list[TimeExpression]:
    """The Doc's expressions, tagged once and kept in ``doc.user_data``."""
    cached = doc.user_data.get(_DOC_CACHE_KEY)
    if cached is None:
        cached = find_time_expressions(doc)
        doc.user_data[_DOC_CACHE_KEY] = cached
    return list(cached)


def expression_tense(doc: Doc, expr: TimeExpression) -> str | None:
    """The tense that orients an expression read on its own (the TempEval scorer): that of
    the clause governing it."""
    return clause_tense(doc[expr.root])


def _clause_members(token: Token) -> dict[int, int]:
    """Token index → preference for the trigger's clause: 0 the trigger, 1 the verb governing
    a noun trigger and the verbs above it by xcomp, 2 its xcomp verbs, 3 the first conjunct of
    a coordinated verb in the same tense ("attacked ... on Monday and killed 12")."""
    members = {token.i: 0}
    verb = governing_verb(token)
    if verb is None:
        return members
    members.setdefault(verb.i, 1)
    up = verb
    while up.dep_ == "xcomp" and up.head is not up:  # "plans to visit": plans
        up = up.head
        members.setdefault(up.i, 1)
    for child in verb.children:  # "visit" in "plans to visit"
        if child.dep_ == "xcomp" and is_verb(child):
            members.setdefault(child.i, 2)
    first = verb
    while first.dep_ == "conj" and is_verb(first.head) and first.head is not first:
        first = first.head  # "attacked the town on Monday and killed 12": the shared time
    if first is not verb and clause_tense(first) == clause_tense(verb):
        members.setdefault(first.i, 3)
    return members


def _reach(
    doc: Doc, expr: TimeExpression, trigger: Token, own: dict[int, int]
) -> tuple[int, int] | None:
    """(preference, steps) when the expression's head chain meets the trigger's clause before
    any other clause head; None when it belongs to another clause."""
    tok = doc[expr.root]
    steps = 0
    while steps < _MAX_STEPS:
        if tok.head is tok:
            return None
        tok = tok.head
        steps += 1
        if tok.i in own:
            return own[tok.i], steps
        if is_verb(tok) or tok.dep_ in ("relcl", "advcl", "ccomp", "acl"):
            return None
    return None
