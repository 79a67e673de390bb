"""Toponym resolution: a place expression plus what the article says → one gazetteer place.

A name usually has several candidates (Paris FR / Paris TX, Georgia the country / the state).
Each gets a score, highest wins:

* prior: log10 of the population; a country name gets a bonus (news naming "Mexico" means the
  country, not Mexico City, which only has it as an alternate name), and so does a region
  name ("Ontario" the province, not the Californian city) unless a national capital or a city
  of millions has the same name ("Washington", "New York"); a match on an alternate name
  costs, since those are the noisy ones;
* the article: a share of the countries it mentions (so "Paris" in a story about Texas can be
  Paris, TX when the story names Texas or Texan places, and Paris, FR in a Syria story), a
  bonus for a first-level region it mentions, and a bonus for the dateline's country.

Descriptive wrappers are peeled off first and used as constraints: "the Qatari capital Doha"
(Qatar, prefer the capital), "the Syrian city of Aleppo", "Damascus countryside",
"Idlib province", "northern Syria", "Syria's Aleppo", "Paris, Texas".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from eventwire.actors.kb import load_kb
from eventwire.gazetteer import Place, load_gazetteer
from eventwire.lexicon import COMPASS_WORDS
from eventwire.model import Location

__all__ = [
    "PlaceContext",
    "Toponym",
    "candidates",
    "parse_toponym",
    "resolve_place",
    "resolve_toponym",
    "to_location",
]

COUNTRY_BONUS = 1.5
REGION_BONUS = 1.0
ALTERNATE_COST = 1.5
CAPITAL_BONUS = 1.5  # a national capital over a same-named region ("Washington")
BIG_CITY = 1_000_000
BIG_CITY_BONUS = 1.0  # a city of millions over a same-named region ("New York")
CONTEXT_WEIGHT = 1.5  # times the candidate country's share of the article's country mentions
REGION_CONTEXT_BONUS = 2.0
DATELINE_BONUS = 1.0

# Feature words: what kind of place the wrapper says the name is.
_FEATURES = {
    "capital": "capital", "city": "city", "town": "city", "village": "city", "port": "city",
    "hometown": "city", "suburb": "city", "suburbs": "city", "outskirts": "city",
    "neighbourhood": "city", "neighborhood": "city", "district": "any", "districts": "any",
    "area": "any", "enclave": "any", "stronghold": "any", "countryside": "any",
    "province": "region", "governorate": "region", "region": "region", "state": "region",
    "oblast": "region", "prefecture": "region", "territory": "region",
}  # fmt: skip
_FEATURE_ALT = "|".join(sorted(_FEATURES, key=len, reverse=True))
# A descriptor is lower-case ("the Syrian city of Aleppo"); capitalised, the word is part of a
# name ("Garden City", "City Hall", "Colorado State University"), except the administrative
# words that news capitalises after a province's name ("Idlib Province").
_PREFIX = re.compile(rf"^(?P<pre>.*?)\b(?P<feat>{_FEATURE_ALT})\s+(?:of\s+)?(?P<name>[A-Z].*)$")
_ADMIN_WORDS = "Province|Governorate|Region|Oblast|Prefecture|Countryside"
_SUFFIX = re.compile(rf"^(?P<name>.+?)\s+(?P<feat>{_FEATURE_ALT}|{_ADMIN_WORDS})$")
_STRIPPED_MIN_POPULATION = 100_000  # "eastern Aleppo" yes; "East Bank" is not "Bank"
_POSSESSOR = re.compile(r"^(?P<owner>[A-Z][\w .'-]*?)['’]s\s+(?P<name>[A-Z].*)$")
_HYPHENATED = {"north-eastern", "north-western", "south-eastern", "south-western"}
_DESCRIBING = {"the", "upper", "lower", "greater", "downtown", "rural", "occupied", "war-torn",
               "besieged"}  # fmt: skip
_DIRECTION = re.compile(
    r"^(?:(?:"
    + "|".join(sorted(COMPASS_WORDS | _HYPHENATED | _DESCRIBING, key=len, reverse=True))
    + r")\s+)+",
    re.IGNORECASE,
)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# "the outskirts of Damascus", "the north of Syria": a part of a place, located at the place
_PART_OF = re.compile(
    r"^(?:the\s+)?(?:[a-z-]+\s+)?(?:north|south|east|west|northeast|northwest|southeast|"
    r"southwest|centre|center|heart|outskirts|suburbs|edge|rest|part|parts|coast|border|"
    r"island|islands)\s+of\s+(?P<name>[A-Z].*)$"
)


@dataclass
class PlaceContext:
    """What an article says about where it is; every field is optional evidence.

    ``countries`` counts ISO3 codes mentioned (place names and demonyms), ``regions`` counts
    first-level regions mentioned as ``(ISO3, admin1 code)`` (US states: postal code).
    """

    countries: dict[str, int] = field(default_factory=dict)
    regions: dict[tuple[str, str], int] = field(default_factory=dict)
    dateline_country: str | None = None
    dateline_place: str | None = None

    def share(self, iso3: str) -> float:
        total = sum(self.countries.values())
        return self.countries.get(iso3, 0) / total if total else 0.0


@dataclass(frozen=True)
class Toponym:
    """A place expression taken apart: the name to look up and the constraints around it."""

    name: str
    country: str | None = None  # ISO3 the wrapper puts it in ("the Syrian city of ...")
    admin1: str | None = None  # a region qualifier ("Paris, Texas" → TX)
    feature: str | None = None  # capital | city | region | any


def _demonym_country(words: str) -> str | None:
    """ISO3 of the last word(s) that name a country or nationality: "the northern Syrian"."""
    tokens = [t for t in re.split(r"\s+", words.strip()) if t]
    kb = load_kb()
    for i in range(len(tokens)):
        iso3 = kb.country(" ".join(tokens[i:]))
        if iso3:
            return iso3
    return None


def _qualifier(text: str) -> tuple[str | None, str | None]:
    """Country and region of a qualifier such as "Texas", "Syria", "Syrian", "Tex."."""
    gaz = load_gazetteer()
    for place, primary in gaz.lookup(text):
        if primary and place.kind in {"country", "region"}:
            return place.country, place.admin1
    return load_kb().country(text), None


def parse_toponym(text: str) -> Toponym:
    """Peel descriptive wrappers off a place expression (see the module docstring)."""
    text = " ".join(text.replace("\u2019", "'").split()).strip(" ,.;:")
    if "," in text:  # "Paris, Texas" / "Aleppo, Syria"
        head, _, tail = text.partition(",")
        country, admin1 = _qualifier(tail.strip())
        if country:
            inner = parse_toponym(head)
            return Toponym(inner.name, inner.country or country, admin1, inner.feature)
    m = _POSSESSOR.match(text)
    if m:
        country, admin1 = _qualifier(m["owner"])
        if country:
            inner = parse_toponym(m["name"])
            return Toponym(inner.name, inner.country or country, admin1, inner.feature)
    m = _PART_OF.match(text)
    if m:
        return parse_toponym(m["name"])
    m = _PREFIX.match(text)
    if m and m["name"].strip():
        country = _demonym_country(m["pre"]) if m["pre"].strip() else None
        return Toponym(_LEADING_THE.sub("", m["name"]).strip(), country, None,
                       _FEATURES[m["feat"].lower()])  # fmt: skip
    return Toponym(_LEADING_THE.sub("", text))


def _variants(toponym: Toponym) -> list[tuple[str, str | None, str | None]]:
    """Names to try, most literal first: as given, without a trailing feature word
    ("Idlib province"), without direction words ("northern Syria"). The third item says what
    was stripped: "lower" for a descriptor ("eastern Aleppo"), "upper" for what may be part of
    a name ("South Charleston" is a town, "Northern Syria" is still Syria)."""
    out: list[tuple[str, str | None, str | None]] = [(toponym.name, toponym.feature, None)]
    m = _SUFFIX.match(toponym.name)
    if m:
        out.append((m["name"], toponym.feature or _FEATURES[m["feat"].lower()], None))
    for name, feature, _ in list(out):
        bare = _DIRECTION.sub("", name)
        if bare and bare != name:
            out.append((bare, feature, "lower" if name[:1].islower() else "upper"))
    return out


def _big_enough(place: Place, stripped: str) -> bool:
    """A stripped name must name something with a north: a country or region, or (after a
    lower-case descriptor) a sizeable city."""
    if place.kind != "city":
        return True
    return stripped == "lower" and place.population >= _STRIPPED_MIN_POPULATION


def _score(place: Place, primary: bool, context: PlaceContext | None) -> float:
    score = math.log10(max(place.population, 10))
    if place.kind == "country":
        score += COUNTRY_BONUS
    elif place.kind == "region":
        score += REGION_BONUS
    if not primary:
        score -= ALTERNATE_COST
    if context is not None and place.country:
        score += CONTEXT_WEIGHT * context.share(place.country)
        if place.admin1 and (place.country, place.admin1) in context.regions:
            score += REGION_CONTEXT_BONUS
        if context.dateline_country == place.country:
            score += DATELINE_BONUS
    return score


def _over_region(place: Place) -> float:
    """What a capital or a city of millions gains over a same-named region: news naming
    "Washington" or "New York" means the city, "Quebec" or "Georgia" the region."""
    bonus = CAPITAL_BONUS if place.capital else 0.0
    if place.kind == "city" and place.population >= BIG_CITY:
        bonus += BIG_CITY_BONUS
    return bonus


def _fits(place: Place, toponym: Toponym, feature: str | None) -> bool:
    if toponym.country and place.country != toponym.country:
        return False
    if toponym.admin1 and place.kind == "city" and place.admin1 != toponym.admin1:
        return False
    if feature in {"capital", "city"}:
        return place.kind == "city"
    if feature == "region":
        return place.kind in {"region", "city"}  # a province is often named after its city
    return True


def candidates(text: str, context: PlaceContext | None = None) -> list[tuple[float, Place, bool]]:
    """Scored candidates for a place expression, best first (empty if nothing matches)."""
    toponym = parse_toponym(text)
    gaz = load_gazetteer()
    for name, feature, stripped in _variants(toponym):
        found = [(p, prim) for p, prim in gaz.lookup(name) if _fits(p, toponym, feature)]
        if stripped:
            found = [(p, prim) for p, prim in found if _big_enough(p, stripped)]
        if not any(prim for _, prim in found):
            seat = load_kb().capital(name)  # "the Kremlin", "White House" → the capital
            if seat and seat in gaz.capitals and not toponym.country:
                return [(0.0, gaz.capitals[seat], True)]
        if any(prim and p.kind == "country" for p, prim in found):
            found = [(p, prim) for p, prim in found if prim]  # "Mexico" is the country
        if found:
            scored = [(_score(p, prim, context), p, prim) for p, prim in found]
            if any(p.kind == "region" for p, _ in found):
                scored = [(s + _over_region(p), p, prim) for s, p, prim in scored]
            if feature == "capital":
                scored = [(s + (2.0 if p.capital else 0.0), p, prim) for s, p, prim in scored]
            scored.sort(key=lambda t: -t[0])
            return scored
    iso3 = load_kb().country(toponym.name) or toponym.country  # a demonym, or the wrapper
    country = gaz.country(iso3) if iso3 else None
    return [(0.0, country, True)] if country else []


def resolve_place(text: str, context: PlaceContext | None = None) -> Place | None:
    """The best gazetteer entry for a place expression, or None."""
    found = candidates(text, context)
    return found[0][1] if found else None


def to_location(place: Place) -> Location:
    return Location(place.name, place.country, place.lat, place.lon, place.geonameid)


def resolve_toponym(name: str, context: PlaceContext | None = None) -> Location | None:
    """Resolve a place name ("Paris", "the Qatari capital Doha", "Damascus countryside") to a
    Location, using the article's countries, regions and dateline to choose among namesakes."""
    place = resolve_place(name, context)
    return to_location(place) if place else None
