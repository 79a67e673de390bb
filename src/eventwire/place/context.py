"""The article's geographic context: which countries and regions it talks about.

Only mentions that point one way count: a country name or demonym, or a place name whose best
candidate clearly beats every namesake elsewhere ("Tbilisi", "Ohio", "Aleppo"). An ambiguous name
("Georgia", "Paris") adds nothing; it is what the context is for. The dateline's country comes
from resolving the dateline place with the mentions as context.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.actors.kb import load_kb
from eventwire.model import Article
from eventwire.place.resolve import PlaceContext, candidates, resolve_place

__all__ = ["CLEAR_MARGIN", "PLACE_LABELS", "context_from_names", "place_context"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
CLEAR_MARGIN = 1.0  # score gap to the best namesake elsewhere for a mention to count


def _count(ctx: PlaceContext, text: str, label: str) -> None:
    if label == "NORP":
        iso3 = load_kb().country(text)
        if iso3:
            ctx.countries[iso3] = ctx.countries.get(iso3, 0) + 1
        return
    found = candidates(text)
    if not found:
        return
    score, best, _ = found[0]
    rivals = [s for s, p, _ in found[1:] if (p.country, p.admin1) != (best.country, best.admin1)]
    if best.country is None or (rivals and score - max(rivals) < CLEAR_MARGIN):
        return
    ctx.countries[best.country] = ctx.countries.get(best.country, 0) + 1
    if best.admin1 and best.kind in {"city", "region"}:
        key = (best.country, best.admin1)
        ctx.regions[key] = ctx.regions.get(key, 0) + 1


def context_from_names(
    names: list[tuple[str, str]], dateline_place: str | None = None
) -> PlaceContext:
    """A context from ``(text, label)`` mentions (spaCy labels: GPE, LOC, FAC, NORP)."""
    ctx = PlaceContext(dateline_place=dateline_place)
    for text, label in names:
        if label in PLACE_LABELS or label == "NORP":
            _count(ctx, text, label)
    if dateline_place:
        place = resolve_place(dateline_place, ctx)
        if place is not None and place.country:
            ctx.dateline_country = place.country
            if place.admin1 and place.kind in {"city", "region"}:
                ctx.regions.setdefault((place.country, place.admin1), 1)
    return ctx


def place_context(doc: Doc, article: Article | None = None) -> PlaceContext:
    """Countries and regions the document mentions (GPE/LOC/FAC entities and demonyms), and the
    dateline's place and country when the article has a dateline."""
    dateline = article.dateline.place if article is not None and article.dateline else None
    return context_from_names([(e.text, e.label_) for e in doc.ents], dateline)
