"""Score the time stage on TempEval-3's TimeML gold (TBAQ-cleaned: AQUAINT and TimeBank).

For every gold TIMEX3 of type DATE in a document's TEXT, the document (tags stripped) is parsed
with spaCy, our tagger runs, and the gold is *found* when one of our expressions overlaps it.
The overlapping expression (the largest overlap) is resolved with the document's DCT as the
anchor and the tense of its clause, then written as a TIMEX value (day → YYYY-MM-DD, week →
YYYY-Www, a Saturday-Sunday range → YYYY-Www-WE, month → YYYY-MM, a calendar quarter →
YYYY-Qn, a season → YYYY-SU, a half → YYYY-Hn, year → YYYY, decade → YYY) and compared
exactly with the gold value. Gold values with a time of day (1998-02-06TNI) are compared on
their date. PRESENT_REF / PAST_REF / FUTURE_REF gold are compared with
:func:`~eventwire.time.reference_value`; the headline accuracy covers calendar values only and
a second figure adds the REF gold. Gold values that no date string can equal are excluded from
both and counted: underspecified ones (1989-QX, XXXX-XX-XX) and durations typed as DATE (P3D).
A gold DATE that lies in the second half of one of our ranges ("1997" in "between 1994 and
1997") is compared with the range's end. ``testpipeline/`` repeats a TimeBank file; it is skipped.

Usage: ``eventwire eval tempeval [--shared ../shared] [--limit N]`` (JSON on stdout).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire.time import (
    ResolvedDate,
    TimeExpression,
    expression_tense,
    find_time_expressions,
    reference_value,
    resolve_expression,
)

CORPUS = Path("data/gold/tempeval3/Training/TBAQ-cleaned")  # under the shared folder
DUPLICATES = "testpipeline"  # holds one TimeBank file again (AP900815-0044)
_REF = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_MAX_ERRORS = 60


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class TimeMLDoc:
    doc_id: str
    dct: dt.date
    text: str
    timexes: list[GoldTimex]


def read_timeml(path: Path) -> TimeMLDoc:
    """The TEXT element without tags, its TIMEX3 offsets, and the creation time (DCT)."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is None:
        raise ValueError(f"{path}: no DCT")
    dct = dt.date.fromisoformat(dct_el.get("value", "")[:10])
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                value, kind = child.get("value", ""), child.get("type", "")
                timexes.append(GoldTimex(start, length, kind, value, "".join(parts)[start:]))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(text_el)
    return TimeMLDoc(path.stem, dct, "".join(parts), timexes)


def timex_value(resolved: ResolvedDate) -> str:
    """A ResolvedDate written the TimeML way, at its own granularity."""
    start = dt.date.fromisoformat(resolved.date)
    end = dt.date.fromisoformat(resolved.date_end) if resolved.date_end else None
    if resolved.precision == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if resolved.precision == "month":
        if end is not None:
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            if months == 3 and start.month in (1, 4, 7, 10):
                return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
            if months == 3 and start.month in _SEASON_CODES:
                return f"{start.year}-{_SEASON_CODES[start.month]}"
            if months == 6 and start.month in (1, 7):
                return f"{start.year}-H{1 if start.month == 1 else 2}"
        return f"{start:%Y-%m}"
    if resolved.precision == "year":
        if end is not None and start.year % 10 == 0 and end.year == start.year + 9:
            return str(start.year)[:3]
        return str(start.year)
    weekend = "weekend" in (resolved.expression or "").lower()
    if end is not None and weekend and start.weekday() == 5 and (end - start).days == 1:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}-WE"
    return start.isoformat()


def predict_value(
    doc: Doc, expr: TimeExpression, dct: dt.date, range_end: bool = False
) -> str | None:
    """Our TIMEX value for an expression: a REF for 'now', 'recently', 'soon' and the like,
    else the resolved date in the tense of the expression's clause (its end, for the gold
    that covers only the second half of a range such as 'from Aug. 26 to Oct. 20')."""
    ref = reference_value(expr.text)
    if ref is not None:
        return ref
    resolved = resolve_expression(expr.text, dct, expression_tense(doc, expr))
    if resolved is None:
        return None
    if range_end and resolved.date_end:
        resolved = ResolvedDate(resolved.date_end, resolved.precision, None, resolved.expression)
    return timex_value(resolved)


def gold_granularity(value: str) -> str:
    """The kind of a gold value, for the error breakdown."""
    if value in _REF:
        return "ref"
    if "X" in value or value.startswith("P"):
        return "excluded"
    if re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d\d(-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    if re.fullmatch(r"\d{4}-Q\d", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI|H\d)", value):
        return "season/half"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{2,3}", value):
        return "decade"
    return "excluded"


def score_tempeval(corpus_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Recall of gold DATE expressions and the accuracy of the values we give them."""
    from eventwire.nlp import parse

    files = [f for f in sorted(Path(corpus_dir).rglob("*.tml")) if f.parent.name != DUPLICATES]
    files = files[:limit]
    docs = [read_timeml(f) for f in files]
    counts: Counter[str] = Counter()
    by_kind: dict[str, list[int]] = {}
    errors: list[dict[str, str]] = []
    missed: Counter[str] = Counter()
    error_kinds: Counter[str] = Counter()
    for gold_doc, doc in zip(docs, parse(d.text for d in docs), strict=True):
        found = find_time_expressions(doc)
        for gold in gold_doc.timexes:
            if gold.type != "DATE":
                continue
            counts["gold"] += 1
            kind = gold_granularity(gold.value)
            hits = [e for e in found if e.start_char < gold.end and e.end_char > gold.start]
            if not hits:
                missed[gold.text.lower()] += 1
                continue
            counts["found"] += 1
            expr = max(
                hits, key=lambda e: min(e.end_char, gold.end) - max(e.start_char, gold.start)
            )
            if kind == "excluded":
                counts["excluded"] += 1
                continue
            range_end = gold.start > (expr.start_char + expr.end_char) // 2
            predicted = predict_value(doc, expr, gold_doc.dct, range_end)
            expected = gold.value.split("T")[0] if kind == "day" else gold.value
            tally = by_kind.setdefault(kind, [0, 0])
            tally[1] += 1
            if predicted == expected:
                tally[0] += 1
                continue
            error_kinds[_error_kind(kind, predicted)] += 1
            if len(errors) < _MAX_ERRORS:
                errors.append(
                    {"doc": gold_doc.doc_id, "gold_text": gold.text, "found": expr.text,
                     "gold": gold.value, "predicted": predicted or "-", "dct": str(gold_doc.dct)}
                )  # fmt: skip
        for expr in found:
            if expr.kind == "date" and not any(
                g.start < expr.end_char and g.end > expr.start_char for g in gold_doc.timexes
            ):
                counts["found_outside_gold"] += 1
    calendar = [v for k, v in by_kind.items() if k != "ref"]
    right = sum(v[0] for v in calendar)
    judged = sum(v[1] for v in calendar)
    ref = by_kind.get("ref", [0, 0])
    return {
        "files": len(files),
        "gold_date": counts["gold"],
        "found": counts["found"],
        "recall": _ratio(counts["found"], counts["gold"]),
        "value_accuracy": _ratio(right, judged),
        "value_right": right,
        "value_judged": judged,
        "value_accuracy_with_ref": _ratio(right + ref[0], judged + ref[1]),
        "excluded_underspecified": counts["excluded"],
        "by_granularity": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
        "error_kinds": dict(error_kinds.most_common()),
        "missed": dict(missed.most_common(25)),
        "found_outside_gold": counts["found_outside_gold"],
        "errors": errors,
    }


def _error_kind(kind: str, predicted: str | None) -> str:
    if predicted is None:
        return "unresolved"
    if gold_granularity(predicted) != kind:
        return f"{kind} gold, {gold_granularity(predicted)} predicted"
    return f"{kind}: wrong value"


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0
