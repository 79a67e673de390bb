"""Word lists and phrase helpers of actor resolution: which heads name people, groups,
instruments or places, where a phrase starts and ends, and how codes are composed."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

if TYPE_CHECKING:
    from eventwire.gazetteer import Place

NOMINAL = {"NOUN", "PROPN", "PRON"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
GROUP_PRONOUNS = {"it", "they"}  # "Russia said it would …": the state, not a person
EXPLETIVE_HEADS = {"be", "seem", "appear", "remain", "become", "take", "matter"}
CONTROL_ADJECTIVES = {  # "it is ready to host …": the adjective's subject acts
    "ready", "willing", "unwilling", "prepared", "determined", "keen", "able", "unable",
    "eager", "reluctant", "committed", "open", "happy", "set", "due", "poised",
}  # fmt: skip
# heads that name an actor when they carry a country, e.g. "the Russian side", "Syrian forces"
GROUP_HEADS = {
    "side", "sides", "delegation", "delegations", "authorities", "forces", "troops", "army",
    "diplomat", "diplomats", "official", "officials", "leadership", "regime", "people",
}  # fmt: skip
# nouns for people acting for whoever modifies them ("UN inspectors", "EU monitors")
PEOPLE_HEADS = {
    "inspector", "monitor", "observer", "peacekeeper", "envoy", "delegate", "staff",
    "personnel", "expert", "investigator", "worker", "representative", "member", "leader",
    "spokesman", "spokeswoman", "spokesperson", "negotiator", "mediator", "official", "team",
    "mission", "crew", "agent", "officer",
}  # fmt: skip
# people who act as the group named after them ("fighters of the Nusra Front", "militants
# belonging to the Islamic State"): the group is the actor
MEMBER_HEADS = {
    "member", "militant", "fighter", "terrorist", "gunman", "insurgent", "jihadist", "rebel",
    "operative", "loyalist", "supporter", "guerrilla", "commander", "extremist", "leader",
}  # fmt: skip
# a body of some people of one kind, who act as those people ("a small group of protesters",
# "a contingent of Turkish troops"); counts ("dozens of civilians") stay with their noun
COLLECTIVE_HEADS = {"group", "band", "handful", "crowd", "contingent", "gang"}
# writings that speak for whoever their modifier names ("a UN report accused …", "a Kremlin
# statement condemned …", "a U.S. congressional report called for …"): the author acts
DOCUMENT_HEADS = {
    "report", "statement", "resolution", "communique", "communiqué", "declaration", "letter",
    "memorandum", "decree",
}  # fmt: skip
# who speaks for a body: "a spokesman for the army" acts as the army
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen",
                "spokeswomen", "representative"}  # fmt: skip
# an office acts as its holder: "the prime minister's office said"
OFFICES = {"office"}
# unnamed armed people a story calls by a generic word: the armed group it last named
GENERIC_ARMED = {"terrorist", "militant", "jihadist", "extremist", "insurgent"}
# "militants belonging to X", "fighters affiliated with X"
MEMBERSHIP_VERBS = {"belong", "affiliate"}
# a state's own organs: a group tied to one is backed by that state, not one of its members
STATE_SECTORS = {"GOV", "MIL", "JUD", "LEG", "COP", "SPY"}
# groups that a story names without their country when it is the country the story is about
DOMESTIC_GROUPS = {
    "government", "opposition", "rebel", "regime", "army", "military", "authority",
    "insurgent", "militant", "police", "parliament", "coalition", "terrorist", "jihadist",
    "civilian", "resident", "villager", "protester", "demonstrator", "people", "population",
    "person", "citizen", "child", "woman", "man", "girl", "boy",
}  # fmt: skip
# the means or acts of force of whoever modifies them ("Syrian government airstrikes", "Russian
# jets", "a terrorist attack", "rebel fire")
INSTRUMENT_HEADS = {
    "airstrike", "strike", "raid", "jet", "aircraft", "plane", "helicopter", "drone",
    "shelling", "artillery", "missile", "rocket", "bombardment", "shell", "tank", "gunboat",
    "warship", "bomber", "gunfire", "sniper", "attack", "bombing", "assault", "ambush", "fire",
    "offensive", "siege", "blockade", "crackdown", "incursion",
}  # fmt: skip
# forces named by the state that leads them ("the US-led coalition")
LED_HEADS = {"coalition", "alliance", "force", "operation", "campaign", "mission"}
# organisations named by their modifier ("the Islamic State group", "the Hamas movement"), and
# the sources that speak for one ("opposition sources", "a military source")
ORGANISATION_HEADS = {
    "group", "movement", "organization", "organisation", "faction", "network", "source",
}  # fmt: skip
# places armed forces hold: whose they are, their owner is hit ("ISIS positions", "a
# Hezbollah depot"); alone they are where ("a checkpoint")
MILITARY_PLACES = {
    "stronghold", "camp", "base", "position", "post", "headquarters", "hideout", "checkpoint",
    "depot", "outpost", "barracks", "bunker", "tunnel", "trench", "fortification", "line",
    "emplacement", "dump", "arsenal", "stockpile", "launcher",
}  # fmt: skip
# what an attack is aimed at, owned by its modifier ("rebel positions", "Kurdish villages")
OWNED_HEADS = MILITARY_PLACES | {
    "target", "area", "village", "town", "neighbourhood", "neighborhood", "territory",
    "facility", "convoy", "vehicle",
}  # fmt: skip
# the modifiers that name whose a thing is ("ISIS positions", "the army's aircraft")
OWNER_DEPS = {"compound", "poss", "nmod", "amod"}
# modifiers that bind tighter than the head's own noun (country adjectives etc.)
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "det", "nummod", "appos", "case", "punct"}


def held_position(head: Token) -> bool:
    """A military place as a position ("ISIS strongholds", "a rebel depot"), not a region a
    name says it is ("the rebel stronghold of Eastern Ghouta" is Eastern Ghouta, a place)."""
    return head.lemma_.lower() in MILITARY_PLACES and not any(
        p.dep_ == "prep"
        and p.lower_ == "of"
        and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in p.children)
        for p in head.children
    )


def _person_after_place(head: Token, appos: Token) -> bool:
    """A person's name set off after a place's is not that place's other name."""
    return head.ent_type_ in {"GPE", "LOC"} and appos.ent_type_ == "PERSON"


def phrase_bounds(head: Token) -> tuple[int, int]:
    """The head's noun phrase: itself plus left modifiers and appositive names."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS:
            start = min(start, child.left_edge.i)
    start = max([start, *(t.i + 1 for t in head.doc[start : head.i] if _spaced_dash(t))])
    start = _after_dateline(head.doc[start : head.i], start)
    end = head.i + 1
    for child in head.rights:
        name = child.dep_ in {"appos", "compound", "flat"} and child.pos_ == "PROPN"
        if name and child.dep_ == "appos" and any(c.dep_ == "cc" for c in child.subtree):
            name = False  # "Mordor, the Shire, Fornost and Bree": a list, not one name
        if name and child.dep_ == "appos" and _person_after_place(head, child):
            name = False  # "… from Syria, Defence Minister Sergei Shoigu said": who speaks
        title = child.dep_ == "prep" and child.lower_ in {"of", "for"} and is_title_of(head, child)
        if name or title:
            end = max(end, child.right_edge.i + 1)
    return start, end


DASHES = ("-", "–", "—")


def files_the_story(city: Token) -> bool:
    """A city in capitals before its agency in brackets ("MOSCOW (Sputnik) Six people were
    killed …") or opening a sentence run on without its dash ("AMMAN Nearly 50 air strikes
    hit …"): where the story was filed, a dateline the cleaner found no dash for."""
    text = city.text
    if not (city.is_alpha and text.isupper() and len(text) >= 3 and city_country(text)):
        return False
    after = city.doc[city.i + 1] if city.i + 1 < len(city.doc) else None
    if after is None:
        return False
    return after.text == "(" or (city.i == city.sent.start and after.is_title)


def _after_dateline(before_head: Span, start: int) -> int:
    """Where a phrase starts once a dateline run into it ("MOSCOW (Sputnik) Seven people") is
    cut off: after the agency's closing bracket."""
    if not len(before_head) or not files_the_story(before_head[0]):
        return start
    closing = next((t.i for t in before_head if t.text == ")"), None)
    return closing + 1 if closing is not None else start + 1


def _spaced_dash(token: Token) -> bool:
    """A dash with a space after it ends a dateline ("BEIRUT - Warplanes", "Beirut London-
    warplanes" where the text lost its punctuation): no modifier reaches across it. A
    hyphen inside a word ("US-led") has no space."""
    return token.text.endswith(DASHES) and bool(token.whitespace_)


def expletive(pronoun: Token) -> bool:
    """ "It is important to …" names no one; "it is ready to …" names its antecedent."""
    verb = pronoun.head
    if verb.lemma_ not in EXPLETIVE_HEADS:
        return False
    return not any(c.dep_ == "acomp" and c.lemma_ in CONTROL_ADJECTIVES for c in verb.children)


def head_lemmatised(tokens: list[Token]) -> str:
    return " ".join([*(t.lower_ for t in tokens[:-1]), tokens[-1].lemma_.lower()])


BIG_CITY = 100_000


@lru_cache(maxsize=8192)
def city_country(name: str) -> str | None:
    """The country of a city name that can only mean one country's big city ("Houston");
    None for a small or ambiguous name ("Alexandria", "Paris" with Paris, Texas, is fine:
    only cities of 100,000+ people count, and those must agree). Common spellings count as
    the gazetteer's own do ("Raqqa" for Ar Raqqah, "Hama", "Kiev", "Basra"). A name that is
    another country's state or province is that first: "Florida" is no Colombian city."""
    country = _one_country(
        name, lambda place, _: place.kind == "city" and place.population >= BIG_CITY
    )
    region = region_country(name)
    return None if region is not None and region != country else country


@lru_cache(maxsize=8192)
def region_country(name: str) -> str | None:
    """The country of a region the gazetteer lists in one country only ("Ohio", "Sindh")."""
    return _one_country(name, lambda place, _: place.kind == "region")


@lru_cache(maxsize=8192)
def place_of_country(name: str, country: str) -> bool:
    """Whether the gazetteer knows ``name`` as a town or region of ``country``: "Zabadani",
    "Eastern Ghouta" in a Syrian story, whatever the tagger made of the name."""
    from eventwire.gazetteer import load_gazetteer

    return any(
        place.country == country and place.kind in {"city", "region"}
        for place, _ in load_gazetteer().lookup(name)
    )


def _one_country(name: str, counts: Callable[[Place, bool], bool]) -> str | None:
    """The one country of the gazetteer's places of that name that ``counts`` keeps."""
    from eventwire.gazetteer import load_gazetteer  # the place stage loads it anyway

    countries = {place.country for place, primary in load_gazetteer().lookup(name)
                 if counts(place, primary)}  # fmt: skip
    return countries.pop() if len(countries) == 1 else None


def cut_off(modifier: Token) -> bool:
    """A name the parser hung on a later noun across an adverb ("ties with Libya almost
    crowds …"): no modifier is separated from its noun that way, so it stands alone."""
    if modifier.pos_ != "PROPN" or modifier.head.i <= modifier.i + 1:
        return False
    return any(t.pos_ == "ADV" for t in modifier.doc[modifier.i + 1 : modifier.head.i])


def separates(token: Token) -> bool:
    """A list separator: a comma or a coordinating conjunction."""
    return token.pos_ == "CCONJ" or token.text == ","


def is_title_of(head: Token, prep: Token) -> bool:
    """'Secretary of State', 'Minister for Foreign Affairs': a title, not a relation."""
    return head.pos_ == "PROPN" and all(t.pos_ in {"PROPN", "ADP", "CCONJ"} for t in prep.subtree)


def compose_code(country: str, agent: str) -> str:
    """Country and agent code: RUS + GOV → RUSGOV; a prefix agent goes first: NGO~ → NGOARN,
    and both kinds can meet ("an MSF Arnor diplomat": NGO~GOV → NGOARNGOV)."""
    prefix, _, suffix = agent.rpartition("~")
    return f"{prefix}{country}{suffix}"


def sector_of(agent: str) -> str:
    prefix, _, suffix = agent.rpartition("~")
    return suffix or prefix


def hyphen_modifier(token: Token) -> bool:
    """The first half of "Russian-made" or "US-led"."""
    doc = token.doc
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and doc[token.i + 2].text[:1].islower()
        and not doc[token.i + 1].whitespace_
        and not token.whitespace_
    )


# "Turkish-backed rebels", "Iranian-funded militias": the state supports them, it does not own
# them (issue 11: a militia backed by a foreign state is not that state's own force)
SUPPORTING = {
    "backed", "supported", "sponsored", "funded", "financed", "trained", "armed", "allied",
    "aligned", "equipped",
}  # fmt: skip


def supports_only(token: Token) -> bool:
    """The state half of "Turkish-backed" and its kin, the hyphen lost or not ("Turkish
    backed groups"): a supporter, not the owner."""
    doc = token.doc
    if hyphen_modifier(token):
        return doc[token.i + 2].lower_ in SUPPORTING
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    # with a space, only words that cannot name the state's own ("Syrian armed forces",
    # "Syrian allied forces" are its forces or theirs)
    return after is not None and after.lower_ in BACKED_APART and after.i < after.head.i


BACKED_APART = {"backed", "sponsored", "funded", "financed", "supported"}

# words that, modifying a group, name whom it serves: "rebels backed by Turkey", "groups
# affiliated to the Saudi regime", "militias loyal to Iran"
ALLEGIANCE = {"affiliated", "loyal"}  # never a finite act: "X affiliated to Y" is a misparse
BACKING = SUPPORTING | ALLEGIANCE


def named_as_backer(token: Token) -> bool:
    """A word inside the modifier that names a group's backer ("Turkey" in "rebels backed by
    Turkey"): the backer supports the group; it is not the group, nor its owner."""
    below = token
    for ancestor in token.ancestors:
        if ancestor.lower_ in BACKING and ancestor.dep_ in {"acl", "amod"}:
            return ancestor.head.pos_ in {"NOUN", "PROPN"}
        if (
            ancestor.lower_ in ALLEGIANCE
            and below.dep_ == "prep"
            and below.lower_ in {"to", "with"}
        ):
            return True  # "groups affiliated to X targeted …" parsed with "affiliated" as verb
        below = ancestor
    return _after_backed_by(token)


# words that may stand between "backed by" and the backer's name: "backed by its Lebanese
# ally Hezbollah"
ALLY_WORDS = {"its", "their", "his", "the", "ally", "allies", "allied", "partner", "partners"}


def _after_backed_by(token: Token) -> bool:
    """The name right after "backed by (its … ally)", however the parse attached it: "the army
    backed by its Lebanese ally Hezbollah shelled …" parsed with Hezbollah as who shelled."""
    doc = token.doc
    i = token.left_edge.i - 1
    while i >= 0 and (doc[i].lower_ in ALLY_WORDS or doc[i].ent_type_ == "NORP"):
        i -= 1
    return i >= 1 and doc[i].lower_ == "by" and doc[i - 1].lower_ in BACKING


def is_capitalised(token: Token) -> bool:
    """A capitalised noun: a name even when the tagger calls it a common noun."""
    return token.text[:1].isupper() and token.pos_ in {"NOUN", "PROPN", "ADJ", "X"}


def joined_text(tokens: Span | list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def clean_text(tokens: Span) -> str:
    return tokens.text.strip(" ,.;:“”\"'")


def country_part(code: str) -> str | None:
    return code[:3] if code and len(code) >= 3 else None


NON_STATE_ARMED = frozenset({"REB", "INS", "UAF"})  # rebel, insurgent, unidentified armed


def armed_group(code: str | None) -> bool:
    """A non-state armed group's code: a transnational militant one (``IMG…``, the Islamic
    State) or any code with a rebel, insurgent or unidentified-armed sector (``SYRREBMUS``)."""
    if not code or len(code) <= 3:
        return False
    return code.startswith("IMG") or any(
        code[i : i + 3] in NON_STATE_ARMED for i in range(3, len(code), 3)
    )


def armed_agent(agent: str | None) -> bool:
    """An agent code of a non-state armed sector ("terrorist" → UAF, "jihadist" → UAFMUS)."""
    if not agent:
        return False
    return agent.rstrip("~")[:3] in NON_STATE_ARMED


def sector_part(code: str) -> str | None:
    if not code or len(code) <= 3:
        return None
    return code[3:6] if not code.startswith("IGO") else code[3:6]
