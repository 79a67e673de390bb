"""Whole coded events against annotators' events of the same sentence: root, source, target.

Our annotated sentences (``data/training``) mark each event's trigger, source and target as
character spans, with ``also_source`` / ``also_target`` for every other phrase naming the same
party. An event ``extract`` writes is right when all three are: a gold event of its root (the
one whose trigger its span covers, if any), and each role's phrase overlapping the gold span,
or absent where the gold has none. ``tools/train_roles.py`` labels the ranker's phrases with
the same overlap rule; ``tools/real_event_cv.py`` scores cross-validated events with it.
"""

from __future__ import annotations

import re
from typing import Any

Judgment = tuple[bool, bool, bool]  # root, source, target right


def scored_event(e: dict[str, Any]) -> dict[str, Any]:
    """What the scoring reads of one event of the contract (``eventwire extract``'s JSON)."""
    return {
        "cameo": e["cameo"],
        "span": e["span"],
        **{
            key: (e[role] or {}).get(part)
            for role in ("source", "target")
            for key, part in ((role, "text"), (f"{role}_code", "code"))
        },
        "source_span": e["source_span"],
        "target_span": e["target_span"],
        "confidence": e["confidence"],
    }


def overlaps(char_span: tuple[int, int] | list[int], gold: list[int] | None) -> bool:
    return gold is not None and char_span[0] < gold[1] and char_span[1] > gold[0]


def in_role(char_span: tuple[int, int] | list[int], gold: dict[str, Any], role: str) -> bool:
    """Whether ``char_span`` overlaps the gold event's ``role`` span or one of its also-spans."""
    spans = [gold.get(role), *gold.get(f"also_{role}", [])]
    return any(overlaps(char_span, span) for span in spans)


def role_right(
    text: str,
    phrase: str | None,
    gold: dict[str, Any],
    role: str,
    span: tuple[int, int] | list[int] | None = None,
) -> bool:
    """An event's actor phrase (its text, as the contract gives it) for ``role``: right when it
    overlaps the gold span, or when both name nobody. Where the event says where its phrase
    stands (``span``, the contract's ``source_span``/``target_span``), that place is judged;
    else any occurrence of the phrase in the sentence, case ignored (a Title Case headline is
    coded sentence-cased: "28 ISIL terrorists")."""
    if not gold.get(role):
        return phrase is None
    if phrase is not None and span is not None:
        return in_role(span, gold, role)
    return phrase is not None and any(
        in_role((m.start(), m.end()), gold, role)
        for m in re.finditer(re.escape(phrase), text, re.IGNORECASE)
    )


def best_gold(
    text: str, event: dict[str, Any], golds: list[dict[str, Any]]
) -> tuple[dict[str, Any] | None, tuple[bool, bool]]:
    """The gold event of the event's root that fits it best (the one whose trigger its span
    covers, if any, and of those the one with most roles right), with (source, target)
    right; None when no gold event has its root."""
    same = [g for g in golds if g["cameo"][:2] == event["cameo"][:2]]
    if not same:
        return None, (False, False)
    covered = [g for g in same if overlaps(event["span"], g.get("trigger"))]
    best: tuple[dict[str, Any] | None, tuple[bool, bool]] = (None, (False, False))
    for g in covered or same:
        roles = (
            role_right(text, event["source"], g, "source", event.get("source_span")),
            role_right(text, event["target"], g, "target", event.get("target_span")),
        )
        if best[0] is None or sum(roles) > sum(best[1]):
            best = (g, roles)
    return best


def judged(text: str, event: dict[str, Any], golds: list[dict[str, Any]]) -> Judgment:
    """(root, source, target) for one coded event (``cameo``, ``span``, ``source`` and
    ``target`` phrases) among the sentence's gold events; a role counts only with its root,
    against the gold event of that root that fits the event best."""
    gold, (source, target) = best_gold(text, event, golds)
    return gold is not None, source, target


def coded_pairs(
    text: str, event: dict[str, Any], golds: list[dict[str, Any]]
) -> list[tuple[str, str | None]]:
    """(gold code, event's code) for each role whose phrase is right and that the annotators
    coded: what a user filtering by actor code gets where the words are right."""
    gold, rights = best_gold(text, event, golds)
    if gold is None:
        return []
    return [
        (gold[f"{role}_code"], event.get(f"{role}_code"))
        for role, right in zip(("source", "target"), rights, strict=True)
        if right and gold.get(role) and gold.get(f"{role}_code")
    ]


def code_agreement(pairs: list[tuple[str, str | None]]) -> dict[str, Any]:
    """How often the event's code is the annotators' (whole code, and its first three letters:
    the country, or IGO/IMG), and how often it gives none."""
    n = len(pairs)

    def share(hits: int) -> float | None:
        return round(hits / n, 3) if n else None

    return {
        "coded_roles": n,
        "same_code": share(sum(g == e for g, e in pairs)),
        "same_country": share(sum(e is not None and g[:3] == e[:3] for g, e in pairs)),
        "uncoded": share(sum(e is None for _, e in pairs)),
    }


def precision(judgments: list[Judgment]) -> dict[str, Any]:
    """How many events, and the share right on the root, on each role given the root, and on
    all three together."""
    n = len(judgments)
    roots = sum(j[0] for j in judgments)
    return {
        "events": n,
        "root": round(roots / n, 3) if n else None,
        "source_given_root": round(sum(j[1] for j in judgments) / roots, 3) if roots else None,
        "target_given_root": round(sum(j[2] for j in judgments) / roots, 3) if roots else None,
        "whole_event": round(sum(all(j) for j in judgments) / n, 3) if n else None,
    }
