"""The article's geographic context: which countries and regions it talks about.

Only mentions that point one way count: a demonym, or a place name whose every namesake is in
one country ("Tbilisi", "Ohio", "Aleppo"; a region only if they share it too). An ambiguous name
("Georgia", "Paris", "Alexandria") adds nothing, not even for its likeliest reading: the
context is what must decide it, and counting it would let it vote for itself. The dateline's
country comes from resolving the dateline place with the mentions as context.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.actors.kb import load_kb
from eventwire.model import Article
from eventwire.place.resolve import PlaceContext, candidates, resolve_place

__all__ = ["PLACE_LABELS", "context_from_names", "place_context"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _count(ctx: PlaceContext, text: str, label: str) -> None:
    if label == "NORP":
        iso3 = load_kb().country(text)
        if iso3:
            ctx.countries[iso3] = ctx.countries.get(iso3, 0) + 1
            return
    places = [p for _, p, primary in candidates(text) if primary]
    iso3 = places[0].country if places else None
    if iso3 is None or any(p.country != iso3 for p in places[1:]):
        return  # "Paris", "Georgia", "Alexandria": the context has to decide, not count
    ctx.countries[iso3] = ctx.countries.get(iso3, 0) + 1
    admin1 = places[0].admin1
    if admin1 and all(p.admin1 == admin1 and p.kind != "country" for p in places):
        ctx.regions[(iso3, admin1)] = ctx.regions.get((iso3, admin1), 0) + 1


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
