"""The machine contract of ``eventwire extract``: one JSON object per input article.

Spans in the output are character offsets into the ``text`` given on input (the cleaner's
offset map translates them back), so callers can slice their own text with them. The JSON
Schema is shipped in ``eventwire/schemas/extract-result.schema.json``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from eventwire.model import Actor, Article, ArticleResult, Event, OffsetMap, Quote, Span

CONTRACT_VERSION = "1.0"


# Characters that JSON allows raw inside strings but that many line readers (Python's
# str.splitlines, JavaScript before ES2019) take for line breaks: escaped, so that a JSON Lines
# record is always one line to every reader.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def json_line(obj: Any) -> str:
    """One JSON Lines record, UTF-8 text kept readable, newline-terminated."""
    text = json.dumps(obj, ensure_ascii=False)
    for char, escaped in _LINE_BREAKS.items():
        text = text.replace(char, escaped)
    return text + "\n"


def load_schema() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath("schemas/extract-result.schema.json").read_text()
    return dict(json.loads(text))


def _actor(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {
        "text": actor.text,
        "code": actor.code,
        "country": actor.country,
        "sector": actor.sector,
        "name": actor.name,
    }


def _span(span: Span, offsets: OffsetMap) -> list[int]:
    return list(offsets.span_to_raw(span))


def _event(event: Event, offsets: OffsetMap) -> dict[str, Any]:
    loc = event.location

    def span(value: Span | None) -> list[int] | None:
        """Headline spans index the title as they are; body spans map back to the input."""
        if value is None:
            return None
        return list(value) if event.sentence < 0 else _span(value, offsets)

    return {
        "source": _actor(event.source),
        "target": _actor(event.target),
        "source_span": span(event.source_span),
        "target_span": span(event.target_span),
        "cameo": event.cameo,
        "plover": (
            {"type": event.plover.type, "mode": event.plover.mode, "context": event.plover.context}
            if event.plover
            else None
        ),
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "date": event.date,
        "date_precision": event.date_precision,
        "location": (
            {
                "name": loc.name,
                "country": loc.country,
                "lat": loc.lat,
                "lon": loc.lon,
                "geonameid": loc.geonameid,
                "method": loc.method,
                "span": span(loc.span),
            }
            if loc
            else None
        ),
        "date_end": event.date_end,
        "date_expression": (
            {"text": event.date_expression, "span": span(event.date_span)}
            if event.date_expression
            else None
        ),
        "negated": event.negated,
        "modality": event.modality,
        "confidence": event.confidence,
        "sentence": event.sentence,
        "span": span(event.span),
        "evidence": event.evidence,
    }


def _quote(quote: Quote, offsets: OffsetMap) -> dict[str, Any]:
    return {
        "speaker": _actor(quote.speaker),
        "text": quote.text,
        "kind": quote.kind,
        "cue": quote.cue,
        "span": _span(quote.span, offsets),
        "content": [_span(s, offsets) for s in quote.content],
        "cue_span": _span(quote.cue_span, offsets) if quote.cue_span else None,
        "speaker_span": _span(quote.speaker_span, offsets) if quote.speaker_span else None,
        "speaker_method": quote.speaker_method,
        "sentence": quote.sentence,
        "events": list(quote.events),
        "parent": quote.parent,
    }


def result_to_json(result: ArticleResult) -> dict[str, Any]:
    """The contract object for one input line (also for a line that failed)."""
    article: Article | None = result.article
    offsets = article.offsets if article else OffsetMap()
    return {
        "id": article.id if article else result.input_id,
        "published": article.published if article else None,
        "source": article.source if article else None,
        "events": [_event(e, offsets) for e in result.events],
        "quotes": [_quote(q, offsets) for q in result.quotes],
        "errors": list(result.errors),
        "warnings": list(article.warnings) if article else [],
    }
