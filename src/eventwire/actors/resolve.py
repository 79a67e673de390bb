"""Actor resolution: noun phrases → CAMEO actor codes, at the article's date, within the article.

Each nominal head in the parse gets at most one actor. A phrase resolves, in order, to:
a known person or organisation ("Sergei Lavrov", "the United Nations"), a country and an agent
("Russia's Foreign Minister" → RUS + GOV, "the Syrian opposition" → SYR + OPP), a country or
capital alone ("Russia" → RUS, "Moscow said" → RUSGOV), or an agent alone whose country comes
from the article ("the opposition" after "the Syrian opposition"). Pronouns and short names
("he", "Lavrov", "the minister") resolve to the article's earlier actors. Phrases that look like
actors but match nothing are kept with a null code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from eventwire.actors.found import ACTOR_KEY, RESOLVER_KEY, ActorRef, ArticleActors
from eventwire.actors.kb import ActorRecord, KnowledgeBase
from eventwire.actors.phrases import (
    COLLECTIVE_HEADS,
    DOCUMENT_HEADS,
    DOMESTIC_GROUPS,
    GENERIC_ARMED,
    GROUP_HEADS,
    GROUP_PRONOUNS,
    INSTRUMENT_HEADS,
    LED_HEADS,
    MEMBER_HEADS,
    MEMBERSHIP_VERBS,
    NOMINAL,
    OFFICES,
    ORGANISATION_HEADS,
    OWNED_HEADS,
    OWNER_DEPS,
    PEOPLE_HEADS,
    PERSON_PRONOUNS,
    SPOKESPEOPLE,
    STATE_SECTORS,
    armed_agent,
    armed_group,
    city_country,
    clean_text,
    compose_code,
    country_part,
    cut_off,
    expletive,
    files_the_story,
    head_lemmatised,
    hyphen_modifier,
    is_capitalised,
    joined_text,
    named_as_backer,
    phrase_bounds,
    region_country,
    sector_of,
    sector_part,
    separates,
    supports_only,
)
from eventwire.conventions import EVENTWIRE, Conventions
from eventwire.lexicon import names_a_day
from eventwire.model import Actor, ArticleResult, Mention

if TYPE_CHECKING:
    from eventwire.config import CoderConfig


# prepositions before a name that may be an unlabelled place ("positions near Aleppo")
# labels the tagger gives a city it did not read as a place (never PERSON: "Jackson said")
MISTAKEN_FOR_A_CITY = frozenset({"NORP", "ORG", "LOC", "FAC"})
BEFORE_A_PLACE = {
    "in", "near", "at", "around", "outside", "inside", "from", "into", "across",
    "on",  # "rocket shells on Aleppo", "air strikes on Idlib"
}  # fmt: skip


NAME_PREPOSITIONS = {"in", "of", "for", "on"}  # "… in Europe", "… for Refugees"


def _speaks(head: Token) -> bool:
    """A writing that acts as its author: the subject of its verb ("a UN report accused …",
    "a Kremlin statement said …"). As an object or after a preposition it is a thing ("launches
    against UN resolutions", "rejected the UN report")."""
    return head.lemma_.lower() in DOCUMENT_HEADS and head.dep_ in {"nsubj", "nsubjpass"}


# last words of names that, bare, mean something else: "the state" after the Islamic State is a
# government, "the army" after the Free Syrian Army the state's, "the front" a front line
NOT_SHORT_NAMES = {
    "state", "republic", "kingdom", "nation", "government", "people", "army", "force", "front",
}  # fmt: skip


def _of_a_kind(ref: ActorRef, head: Token, start: int) -> bool:
    """ "Several student groups", "opposition sources": an organisation of people of one kind
    is of that kind, though no country is named (an agent with no code). Not when a name
    stands in the phrase ("Nusra-linked terrorist groups"): the name says whose it is."""
    return (
        head.lemma_.lower() in ORGANISATION_HEADS
        and ref.how == "unknown"
        and ref.actor.sector is not None
        and not any(t.pos_ == "PROPN" for t in head.doc[start : head.i])
    )


def _modifies(token: Token) -> bool:
    """ "US air strikes", "Turkey's army": a country named as whose, which says no more about
    where the story is than a nationality does."""
    return token.dep_ in {"compound", "amod", "nmod", "poss"} and token.head.pos_ == "NOUN"


def _unlabelled_places(doc: Doc) -> list[str]:
    """Proper names after a place preposition that the entity tagger did not label ("attacked
    positions near Aleppo"): the gazetteer may still know them as a big city."""
    names = []
    for token in doc:
        if token.pos_ != "PROPN" or token.ent_type_ or token.dep_ != "pobj":
            continue
        if token.head.lower_ not in BEFORE_A_PLACE:
            continue
        compounds = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        names.append(" ".join(t.text for t in [*compounds, token]))
    return names


ALIAS_TITLES = frozenset({"minister", "president", "diplomat", "envoy"})  # "the envoy" → whom


def _owners_named(head: Token, preps: set[str]) -> list[Token]:
    """Whom a noun is named as belonging to: its possessor ("Putin's spokesman") and the objects
    of the given prepositions ("the office of the president", "a spokesman for the army")."""
    owners = [c for c in head.children if c.dep_ == "poss"]
    return owners + [
        g
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _with_titles(doc: Doc, start: int, end: int) -> int:
    """Where a name starts with the capitalised words before it that modify it ("President"
    and "Syrian" of "Syrian President Bashar al-Assads control"), which the tagger leaves
    out of a person's name: left out, a title is a phrase of its own that names no one."""
    while (
        start > 0
        and doc[start - 1].dep_ in {"compound", "amod"}
        and start <= doc[start - 1].head.i < end
        and doc[start - 1].text[:1].isupper()
    ):
        start -= 1
    return start


def _lost_apostrophe(token: Token) -> bool:
    """A capitalised word ending in "s" that modifies a later word: in text that lost its
    apostrophes (all of FA-KES) the possessive of a name ("Assads forces", "ISs weapons")."""
    text = token.text
    return (
        len(text) >= 3
        and text[0].isupper()
        and text[-1] == "s"
        and text[-2] != "s"
        and token.head.i > token.i
        and token.dep_ in OWNER_DEPS
    )


# the armed agents a leader commands ("Assad forces" are Syria's military)
FORCE_AGENTS = {"MIL", "COP", "SPY"}


# ranks whose holder belongs to whichever armed group the modifier names
RANK_HEADS = {"commander", "leader", "chief", "officer", "member", "fighter"}
# a people without a state, whose armed forces the annotators code by the country the story
# is about: the YPG and SDF in Syria are rebels, the Peshmerga in Iraq the Kurdistan Regional
# Government's forces (IRQGOV in the actor dictionary, so IRQMIL), the PKK in Turkey and PJAK
# in Iran rebels; their police stay police ("Kurdish police" in Syria, SYRCOP)
STATELESS_FORCES = {"kurdish": {"SYR": "REB", "IRQ": "MIL", "TUR": "REB", "IRN": "REB"}}
STATELESS_FORCES["kurd"] = STATELESS_FORCES["kurdish"]
ARMED_SECTORS = {"MIL", "REB", "UAF", "INS"}
# groups a story names once as "X-led" and then bare ("the coalition")
REMEMBERED_LED = {"coalition", "alliance"}
# verbs of meeting: whom one meets "from" a state are that state's (``_from_hung_on_meeting``)
MEETING_VERBS = {"meet", "receive", "host", "welcome", "greet", "brief"}


def _armed_adjective(token: Token) -> bool:
    """An adjective on a noun that may name an armed group on its own ("terrorist hideouts",
    "a terrorist explosive device"): the modifier pass resolves it when it names one
    (``Resolver._names_armed_group``)."""
    return token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.pos_ in NOMINAL


def _led_compound(head: Token) -> str | None:
    """The group word of "US-led coalition strikes" hung on the strikes as a compound."""
    return next(
        (
            m.lemma_.lower()
            for m in head.lefts
            if m.dep_ == "compound" and m.lemma_.lower() in REMEMBERED_LED
        ),
        None,
    )


def _domestic(head: Token) -> bool:
    """A group of the story's own country: the head names one ("the opposition") or its
    modifier does ("government forces", "regime troops", "army units")."""
    return (
        head.lemma_.lower() in DOMESTIC_GROUPS
        or _modified_by(head, DOMESTIC_GROUPS)
        or _air_force(head)
    )


def _modified_by(head: Token, words: set[str]) -> bool:
    """A compound or adjective before the head is one of ``words`` ("regime forces")."""
    return any(m.dep_ in {"compound", "amod"} and m.lemma_.lower() in words for m in head.lefts)


def _bare_troops(head: Token) -> bool:
    """ "Troops had executed 48 people", "troops entered the town": troops no one is named as
    owning are the story's own (another state's are named: "Turkish troops … The troops"
    keep Turkey, remembered); not troops said to come from somewhere ("troops from
    neighbouring nations")."""
    if head.lemma_.lower() not in {"troop", "soldier"}:
        return False
    if head.dep_ == "dobj" and head.head.lemma_.lower() in TROOP_MOVES:
        return False  # "said it would send troops to Syria": the means, whoever's they are
    return not any(c.dep_ == "prep" and c.lower_ in {"from", "of"} for c in head.children)


# verbs whose object troops are the means of a state's act, not an actor
TROOP_MOVES = {
    "send", "deploy", "withdraw", "pull", "move", "mobilize", "mobilise", "station",
    "dispatch", "keep", "have", "reduce", "increase", "bring", "commit", "train", "arm",
}  # fmt: skip


# the wire style's abbreviated titles of members of the US Congress ("Sen. Patrick Leahy",
# "Rep. Norman Lent"); other countries' legislators are written "Senator", "MP"
US_LEGISLATOR_TITLES = {"Sen.", "Rep."}


def _us_legislator(own: list[Token], text: str) -> Actor | None:
    """ "Sen. Patrick Leahy", a name the dictionaries lack: a member of the US Congress."""
    words = [t for t in own if t.pos_ != "DET"]
    if len(words) >= 2 and words[0].text in US_LEGISLATOR_TITLES and words[1].pos_ == "PROPN":
        return Actor(text, "USALEG", "USA", "LEG")
    return None


def _the_governments(head: Token) -> bool:
    """ "regime forces", "government troops": the forces of the government the story is
    about, whoever's forces were named last ("20 violations by Russian forces, 13 by regime
    forces")."""
    return _modified_by(head, GOVERNMENT_WORDS)


GOVERNMENT_WORDS = {"regime", "government", "pro-regime", "pro-government"}


def _some_other_states(head: Token) -> bool:
    """ "Foreign troops", "Western forces", "allied troops", "international forces": another
    state's, or several states', whose the text does not say; never the story's own country
    nor the one whose forces were named last."""
    return _modified_by(head, OTHER_STATES_WORDS)


OTHER_STATES_WORDS = {
    "foreign", "western", "allied", "international", "multinational", "outside", "overseas",
}  # fmt: skip


def _air_force(head: Token) -> bool:
    """ "The air force dropped barrel bombs": a state's air arm, of the story's country when
    no country is named with it (a foreign one is named: "Russian", "the US Air Force")."""
    return head.lemma_.lower() == "force" and any(
        m.dep_ == "compound" and m.lower_ == "air" for m in head.lefts
    )


class Resolver:
    """Resolves one article; keeps the in-article memory (names seen, last person, countries)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        date: str | None,
        home: str | None = None,
        conventions: Conventions = EVENTWIRE,
    ) -> None:
        self.kb = kb
        self.conventions = conventions  # eventwire's, or PETRARCH's (``eventwire.conventions``)
        self.date = date
        self.home = home  # the dateline's country: where the story is filed, not its subject
        self.aliases: dict[str, Actor] = {}  # surname / full name → actor seen in this article
        self.last_person: Actor | None = None
        self.titled: dict[str, Actor] = {}  # "envoy" → the named actor last given that title
        self.last_subject: Actor | None = None  # the most salient antecedent for "he"
        self.last_group: Actor | None = None  # the armed group named last, for "the militants"
        self.agent_country: dict[str, str] = {}  # head noun → country last seen with it
        self.led: dict[str, Actor] = {}  # "coalition" → the X-led coalition named last
        self.country_counts: dict[str, int] = {}
        self.place_counts: dict[str, int] = {}  # the part of the count that names places
        self._found = ArticleActors()  # the doc being resolved, for coordinated phrases
        self._agent_words: dict[str, bool] = {}  # noun lemma → can it be an agent
        self._bodies: set[str] = set()  # the KB names seen that are organisations, never "he"
        # an organisation's last name word → the organisation named last with it ("Deutsche
        # Bank" … "the bank")
        self._by_last_word: dict[str, Actor] = {}

    # ------------------------------------------------------------------ entry
    def resolve_doc(self, doc: Doc) -> ArticleActors:
        self._count_countries(doc)
        found = self._found = ArticleActors()
        modifiers: list[Token] = []  # in reading order
        for token in doc:
            if _armed_adjective(token):
                modifiers.append(token)
                continue
            if token.pos_ not in NOMINAL and token.ent_type_ not in {"GPE", "NORP", "ORG"}:
                continue
            if (
                token.dep_ in {"compound", "amod", "nmod"}
                and token.head.pos_ in NOMINAL
                and not cut_off(token)
            ):
                modifiers.append(token)
                continue  # part of a bigger phrase; its head speaks for it
            self._add(token, doc, found)
        modifying = {t.i for t in modifiers}
        for token in modifiers:
            # a state's agency that modifies a noun naming no actor names its own: "15 Iraqi
            # Army cadets" (a name the KB knows whole: ``_whole_names``)
            if token.head.i in modifying or found.covers(token.head.i):
                continue
            if token.pos_ == "PROPN":
                self._add(token, doc, found, only_how="country+agent")
            elif self._names_armed_group(token):  # "terrorist hideouts": the group they name
                self._add(token, doc, found, only_how="agent")
        self._whole_names(doc, found)
        self._offices(doc, found)
        self._acting_for(doc, found)
        return found

    def _offices(self, doc: Doc, found: ArticleActors) -> None:
        """An office acts as whoever holds it: "Netanyahu's office said", "the governor's
        office declined to comment", "the office of the president". Only a holder named as
        the possessor or "of" phrase: "the UN office in Geneva" is no one's."""
        for token in doc:
            if token.lemma_.lower() not in OFFICES or found.at(token) is not None:
                continue
            holders = _owners_named(token, {"of"})
            holder = next((r for t in holders if (r := found.at(t)) is not None), None)
            if holder is None:
                continue
            start, end = min(token.left_edge.i, holder.start), max(token.i + 1, holder.end)
            actor = self._copy(holder.actor, doc[start:end].text)
            found.add(ActorRef(token.i, start, end, actor, "alias"))

    def _acting_for(self, doc: Doc, found: ArticleActors) -> None:
        """A phrase that names nobody's actor acts as the coded body it speaks for ("a
        spokesman for the Nigerian army", "Putin's spokesman") and then a person the KB does
        not know as the coded role beside it ("Stephane Dujarric, a spokesman for the UN"), in
        that order. The body spoken for also wins over a nationality's guess ("the Nigerian
        army's spokesman" is the army's, not the government's)."""
        for body_of, overridden in (
            (self._body_spoken_for, {"country+agent"}),
            (self._role_beside, set()),
        ):
            for ref in list(found.by_head.values()):
                if ref.actor.code and ref.how not in overridden:
                    continue
                body = body_of(doc[ref.head], found)
                if body is not None:
                    actor = self._copy(body.actor, ref.actor.text)
                    found.add(ActorRef(ref.head, ref.start, ref.end, actor, "alias"))

    @staticmethod
    def _body_spoken_for(head: Token, found: ArticleActors) -> ActorRef | None:
        """The coded body of "a spokesman for X", "a spokeswoman of X", "X's spokesman"."""
        if head.lemma_.lower() not in SPOKESPEOPLE:
            return None
        bodies = _owners_named(head, {"for", "of"})
        return next((b for t in bodies if (b := found.at(t)) is not None and b.actor.code), None)

    @staticmethod
    def _role_beside(head: Token, found: ArticleActors) -> ActorRef | None:
        """The coded role a person's apposition gives, either way round ("X, the Taliban
        spokesman"; "the Taliban spokesman, X")."""
        if head.ent_type_ != "PERSON":
            return None
        beside = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            beside.append(head.head)
        return next((r for t in beside if (r := found.at(t)) and r.actor.code), None)

    def _add(
        self, token: Token, doc: Doc, found: ArticleActors, only_how: str | None = None
    ) -> None:
        """Resolve the phrase ``token`` heads and record it (with ``only_how``, only a phrase
        resolved that way)."""
        ref = self.resolve_head(token)
        if only_how is not None and (ref is None or ref.how != only_how):
            return
        if ref is not None and ref.actor.code and "/" in ref.actor.code:
            ref = self._split_codes(ref, found)  # "THE_SHIRE [FRO/BIL/SAM]"
        if ref is not None:
            found.add(ref)
            lemma = token.lemma_.lower()
            if lemma in REMEMBERED_LED and ref.actor.code and ref.how != "alias":
                self.led[lemma] = ref.actor  # "the Syrian Coalition … The Coalition said"
            if ref.actor.name is not None and armed_group(ref.actor.code):  # a named group
                self.last_group = ref.actor
            if ref.actor.name is not None and ref.actor.code and ref.how != "alias":
                for word in doc[ref.start : ref.end]:
                    if word.lower_ in ALIAS_TITLES:
                        self.titled[word.lower_] = ref.actor
            if ref.how == "country+agent":
                self._coordinated_countries(ref, doc, found)
            salient = ref.how in {"kb", "alias", "pronoun"} or token.ent_type_ == "PERSON"
            # a group or an institution is never "he" ("ISIS has no more funds, he said")
            body = armed_group(ref.actor.code) or token.ent_type_ == "ORG"
            if salient and not body and ref.actor.sector and token.dep_ in {"nsubj", "nsubjpass"}:
                self.last_subject = ref.actor

    def _whole_names(self, doc: Doc, found: ArticleActors) -> None:
        """Names of two words or more that the KB knows whole, as the named-entity tagger
        bounds them, where the parse split them: a piece then names the wrong actor or none
        ("the Democratic People" of "… People's Republic of Korea"; "Jaysh al-Islam" as
        three subjects). The name replaces the pieces' phrases."""
        for ent in doc.ents:
            if ent.label_ not in {"ORG", "GPE", "PERSON"} or len(ent) < 2:
                continue
            start = ent.start + (ent[0].pos_ == "DET")
            end = ent.end - (ent[-1].dep_ == "case")  # "North Korea's"
            end = self._name_runs_on(doc, start, end) or end
            words = doc[start:end]
            if len(words) < 2 or hyphen_modifier(words[-1]):
                continue  # "Hong Kong-flagged": a modifier
            record = self._lookup(words.text, words[-1])  # "Bashar al-Assads control"
            country = self.kb.country(words.text)  # a state's name, never a city's
            if country is not None:
                actor = Actor(words.text, country, country, None, record.name if record else None)
            elif record is not None and record.kind in {"person", "organization"}:
                if "/" in record.code:
                    continue  # several actors in one entry: the parse's phrase splits them
                code = record.code
                actor = Actor(words.text, code, country_part(code), sector_part(code), record.name)
            else:
                continue
            covering = [r for r in found.by_head.values() if r.start <= start and r.end >= end]
            if any(r.actor.code == actor.code or not start <= r.head < end for r in covering):
                continue  # a phrase holds the whole name: as its name, or as a modifier
            start = _with_titles(doc, start, end)
            pieces = [r for h, r in found.by_head.items() if start <= h < end]
            for r in pieces:
                del found.by_head[r.head]
                found.also.pop(r.head, None)
            how = "country" if country is not None else "kb"
            whole = ActorRef(ent.root.i, start, end, actor, how)
            found.add(whole)
            found.within.update((i, whole) for i in range(start, end) if i != whole.head)

    def _name_runs_on(self, doc: Doc, start: int, end: int) -> int | None:
        """The end of a known organisation's name that the tagger cut before its last
        preposition ("the Organization for Security and Co-operation" + "in Europe")."""
        if end + 1 >= len(doc) or doc[end].lower_ not in NAME_PREPOSITIONS:
            return None
        stop = end + 1
        while stop < len(doc) and (doc[stop].pos_ == "PROPN" or doc[stop].ent_iob_ == "I"):
            stop += 1
        if stop == end + 1:
            return None
        record = self.kb.lookup(doc[start:stop].text, self.date)
        return stop if record is not None and record.kind == "organization" else None

    # ------------------------------------------------------------------ one phrase
    def resolve_head(self, head: Token) -> ActorRef | None:
        lower = head.lower_
        if head.pos_ == "PRON":
            antecedent = self.last_subject or self.last_person
            if lower in PERSON_PRONOUNS and antecedent:
                return ActorRef(head.i, head.i, head.i + 1, self._copy(antecedent, head.text),
                                "pronoun")  # fmt: skip
            if lower in GROUP_PRONOUNS:
                return self._governing_subject(head)
            return None
        if files_the_story(head):
            return None  # "MOSCOW (Sputnik) Six people were killed …": a dateline
        collective = self._collective_of(head)
        if collective is not None:
            return collective
        named = self._named_before(head)
        if named is not None:
            return named
        if head.pos_ == "NOUN" and not self._may_name_actor(head):
            return None  # "prices", "the week": most nouns are not actors; skip the look-ups
        if hyphen_modifier(head):
            return None  # "Russian-made missiles", "the US-led coalition": a modifier
        shared = self._shared_owner_ref(head)
        if shared is not None:
            return shared
        start, end = phrase_bounds(head)
        listed = self._listed_names(head, start) if head.pos_ == "PROPN" else []
        if listed:  # "Arnor, Calenardhon and the evil Gondor" parsed as one noun phrase
            start = next(t.i for t in reversed(head.doc[: head.i]) if separates(t)) + 1
            self._found.also.setdefault(head.i, []).extend(listed)
        tokens = head.doc[start:end]
        text = clean_text(tokens)
        possessor = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        own = [t for t in tokens if t.i not in possessor]

        group = self._group_of_members(head, start) if head.pos_ == "NOUN" else None
        if group is not None:
            return group
        if head.pos_ == "NOUN" and head.lemma_.lower() in PEOPLE_HEADS:
            # "Eriadori and Calenardhon leaders" where the agents know no "leader": the states
            ref = self._people_of_states(head, start, end, own)
            if ref is not None:
                return ref
        named_in_apposition = self._named_in_apposition(head, start, end, text)
        if named_in_apposition is not None:
            return named_in_apposition
        by_modifier = self._owned_by_modifier(head, start, end, text)
        if by_modifier is not None:
            return by_modifier
        listed_pair = self._headline_pair(head, own)
        if listed_pair is not None:
            return listed_pair
        person = self._known_name(own)
        if (
            person is not None
            and self.conventions.name_modifying_a_thing_is_no_actor
            and self._names_a_thing(head, person[0])
        ):
            return None  # "UN sanctions", "a draft UN resolution": the UN's, not the UN
        if person is not None:
            actor, how = person
            code = actor.code or ""
            if (
                how == "kb"
                and actor.sector is None
                and len(code) == 3
                and not self.kb.is_sector(code)
            ):
                # "the Calenardhon government", "Bree President X": a named state + an agent;
                # a named body that is no state speaks through its agent ("a Reuters spokesman")
                rest = [t for t in own if t.text not in actor.text.split()]
                agent = self._agent_of(rest, head) if rest else None
                state = code
                owner = self._country_in(head.doc[start:end], head) if possessor else None
                if agent and owner:
                    state = owner  # "Ithilen's minister X": the possessive names the state
                if agent:
                    combined = Actor(
                        text, compose_code(state, agent), state, sector_of(agent), actor.name
                    )
                    return ActorRef(head.i, start, end, combined, "country+agent")
                if (
                    head.pos_ == "NOUN"
                    and head.text not in actor.text.split()
                    and not _speaks(head)
                    and self.conventions.country_modifying_a_place_is_no_actor
                ):
                    return None  # "the Eriadorian border": a place word, not an actor
                return ActorRef(head.i, start, end, self._copy(actor, text), "country")
            forces = self._leaders_agent(actor, how, own, head)
            if forces is not None:  # "Assad forces": the leader's state's forces
                state = actor.country or ""
                combined = Actor(text, compose_code(state, forces), state, sector_of(forces))
                return ActorRef(head.i, start, end, combined, "country+agent")
            self._remember(actor, tokens)
            return ActorRef(head.i, start, end, self._copy(actor, text), how)

        legislator = _us_legislator(own, text)
        if legislator is not None:
            self._remember(legislator, tokens)
            return ActorRef(head.i, start, end, legislator, "country+agent")
        agent = self._agent_of(own, head)
        if head.pos_ == "NOUN" and agent is None and head.ent_type_ not in {"GPE", "NORP"}:
            naming = self.conventions.phrase_naming_a_country_is_that_country
            country = self._country_in(tokens, head) if naming else None
            if country:  # PETRARCH codes the state a phrase names: "the Ithilen villages"
                return ActorRef(head.i, start, end, Actor(text, country, country), "country")
            return None  # "Lavrov's remarks", "the Syrian crisis": not actors
        country = self._country_in(tokens, head)
        if country is None and agent:
            country = self._leaders_state(head)
        stateless = self._stateless_forces(tokens, agent) if country is None and agent else None
        if stateless is not None:  # inferred, so not remembered for the head word's next use
            state, sector = stateless
            actor = Actor(text, compose_code(state, sector), state, sector, None)
            return ActorRef(head.i, start, end, actor, "country+agent")
        if country and agent:
            self.agent_country[head.lemma_.lower()] = country
            actor = Actor(text, compose_code(country, agent), country, sector_of(agent), None)
            if agent == "GOV" and head.ent_type_ == "PERSON":
                self._remember(actor, tokens)
            return ActorRef(head.i, start, end, actor, "country+agent")
        if country and self._names_country(head):
            is_capital = head.ent_type_ == "GPE" and self.kb.capital(head.text) == country
            code = f"{country}GOV" if is_capital else country
            return ActorRef(head.i, start, end, Actor(text, code, country,
                                                      "GOV" if is_capital else None, None),
                            "capital" if is_capital else "country")  # fmt: skip
        if agent:
            body = self._bodys_own(head, text)
            if body is not None:  # "the UN's envoy", "NATO's chief"
                return ActorRef(head.i, start, end, body, "kb")
            lord = self._loyal_to(head, agent, text)
            if lord is not None:  # "forces loyal to President Assad"
                return ActorRef(head.i, start, end, lord, "country+agent")
            owner = self._owner_of(head)  # "soldiers from Gondor", "officials of Egypt"
            first = self._found.at(head.head) if head.dep_ == "conj" else None
            if owner is None and first is not None and first.how == "country+agent":
                owner = first.actor.country  # "Danish media and government": shared modifier
            if owner:
                for other in self._owners_of(head)[1:]:
                    actor = Actor(text, compose_code(other, agent), other, sector_of(agent))
                    self._found.also.setdefault(head.i, []).append(
                        ActorRef(head.i, start, end, actor, "country+agent")
                    )
                owned = Actor(text, compose_code(owner, agent), owner, sector_of(agent))
                return ActorRef(head.i, start, end, owned, "country+agent")
        # troops no one owns are the story's, when the story has a country
        own_troops = _bare_troops(head) and self.main_country() is not None
        if agent and head.lower_ in GROUP_HEADS and not (_domestic(head) or own_troops):
            return None  # "the delegation", "various regional sides": whose, the text must say
        if agent:
            if lower in ALIAS_TITLES:
                # "the UN Special Envoy for Syria … The envoy": whom the story gave that title,
                # else the person named last
                antecedent = self.titled.get(lower) or self.last_person
                if antecedent is not None:
                    actor = self._copy(antecedent, text)
                    return ActorRef(head.i, start, end, actor, "alias")
            if head.lemma_.lower() in GENERIC_ARMED and self.last_group is not None:
                # "… the Islamic State. The militants also …": the group the story named
                return ActorRef(head.i, start, end, self._copy(self.last_group, text), "alias")
            others = _some_other_states(head)
            inferred = (
                None
                if _the_governments(head) or others
                else self.agent_country.get(head.lemma_.lower())
            )
            if inferred is None and not others and (_domestic(head) or own_troops):
                # "the opposition", "regime forces", "army units", "three children" in a story
                # about Syria
                inferred = self.main_country()
            if inferred is None:  # "the embassy": whose, the text does not say
                unknown = self.conventions.unknown_owner_code
                null = compose_code(unknown, agent) if unknown else None
                return ActorRef(
                    head.i, start, end, Actor(text, null, None, sector_of(agent)), "unknown"
                )
            actor = Actor(text, compose_code(inferred, agent), inferred, sector_of(agent), None)
            return ActorRef(head.i, start, end, actor, "agent")
        if (head.ent_type_ in {"PERSON", "ORG"} and head.pos_ in NOMINAL) or _named_unit(head):
            if names_a_day([t.text for t in head.doc[start:end]]):
                return None  # "Fri Sep 27": a dateline the tagger read as a person
            return ActorRef(head.i, start, end, Actor(text), "unknown")
        return None

    def _headline_pair(self, head: Token, own: list[Token]) -> ActorRef | None:
        """ "Putin, Erdogan discuss Syria": a headline's list without "and", which the parse
        reads as an apposition. When the name and its apposition are two different known
        actors, each is one (the apposition kept as the head's companion, like "US and
        Russian diplomats"); "Lavrov, Russia's foreign minister" is one man."""
        if head.pos_ != "PROPN":
            return None
        before = self._listed_before(head)
        second = next(
            (c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i),
            None,
        )
        if before is not None:  # "Iran, Iraq agree …": the parse hangs "Iran" on the verb
            first_words, second_words = own, [before]
            companion_at = (before.i, before.i, before.i + 1)
        elif second is not None:
            cut = second.left_edge.i
            first_words = [t for t in own if t.i < cut and not t.is_punct]
            second_words = [t for t in own if cut <= t.i <= second.right_edge.i]
            companion_at = (second.i, cut, second.right_edge.i + 1)
        else:
            return None
        first = self._named_or_state(first_words)
        other = self._named_or_state(second_words)
        if first is None or other is None or first[0].code == other[0].code:
            return None
        companion = ActorRef(*companion_at, other[0], other[1])
        self._found.also.setdefault(head.i, []).append(companion)
        return ActorRef(head.i, first_words[0].i, first_words[-1].i + 1, first[0], first[1])

    @staticmethod
    def _listed_before(head: Token) -> Token | None:
        """The name before "X, " that the parse left hanging on the subject's verb."""
        if head.dep_ != "nsubj" or head.i < 2 or head.doc[head.i - 1].text != ",":
            return None
        first = head.doc[head.i - 2]
        if (
            first.pos_ != "PROPN"
            or first.head != head.head
            or first.dep_ not in {"dep", "npadvmod"}
        ):
            return None
        return first

    def _named_or_state(self, words: list[Token]) -> tuple[Actor, str] | None:
        """A known person or body the words name, or the state they name ("Kenya")."""
        if not words:
            return None
        known = self._known_name(words)
        if known is not None:
            return known if known[1] == "kb" else None
        text = joined_text(words)
        code = self.kb.country(text)
        return (Actor(text, code, code), "country") if code else None

    def _listed_names(self, head: Token, start: int) -> list[ActorRef]:
        """The names a list folded into the head's modifiers holds, before the head's own
        segment; empty unless there is a conjunction and every earlier segment is an actor."""
        doc = head.doc
        cuts = [t.i for t in doc[start : head.i] if separates(t)]
        if not any(doc[i].pos_ == "CCONJ" for i in cuts):
            return []
        refs: list[ActorRef] = []
        for lo, hi in zip([start - 1, *cuts], cuts, strict=False):
            seg = [t for t in doc[lo + 1 : hi] if t.pos_ not in {"DET", "ADJ", "PUNCT"}]
            if not seg:
                continue
            text = joined_text(seg)
            known = self._known_name(seg)
            code = known[0].code if known else self._state_code(text)
            if not code:
                return []
            actor = self._copy(known[0], text) if known else Actor(text, code, code[:3])
            refs.append(ActorRef(head.i, seg[0].i, seg[-1].i + 1, actor, "country"))
        return refs

    def _governing_subject(self, pronoun: Token) -> ActorRef | None:
        """ "Russia said it would veto …", "Iran and Iraq said they …": a subject pronoun in a
        reported or dependent clause is the governing clause's subject, if that is a group."""
        if pronoun.dep_ != "nsubj" or expletive(pronoun):
            return None  # "it would be wrong to …", "it seems that …": no one
        clause = pronoun.head
        while clause.dep_ in {"ccomp", "xcomp", "advcl", "conj"} and clause.head.i != clause.i:
            clause = clause.head
            subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None:
                continue
            ref = self._found.at(subject)
            plural = pronoun.lower_ == "they"
            if ref is None or ref.actor.code is None or subject.ent_type_ == "PERSON":
                return None
            members = [m for c in subject.children if c.dep_ == "conj" and (m := self._found.at(c))]
            if plural != (subject.tag_ in {"NNS", "NNPS"} or bool(members)):
                return None
            for other in [*self._found.also.get(subject.i, []), *members]:
                self._found.also.setdefault(pronoun.i, []).append(
                    ActorRef(pronoun.i, pronoun.i, pronoun.i + 1, other.actor, "pronoun")
                )
            actor = self._copy(ref.actor, pronoun.text)
            return ActorRef(pronoun.i, pronoun.i, pronoun.i + 1, actor, "pronoun")
        return None

    def _people_of_states(
        self, head: Token, start: int, end: int, own: list[Token]
    ) -> ActorRef | None:
        if self._agent_of(own, head) is not None:
            return None
        refs: list[ActorRef] = []
        doc = head.doc
        for t in doc[start : head.i]:
            names = t.pos_ in {"PROPN", "ADJ"} and t.dep_ != "poss"
            code = self._country_in(doc[t.i : t.i + 1], head) if names else None
            if code and all(code != r.actor.code for r in refs):
                refs.append(ActorRef(head.i, start, end, Actor(t.text, code, code), "country"))
        if not refs:
            return None
        self._found.also.setdefault(head.i, []).extend(refs[1:])
        first = refs[0]
        return ActorRef(head.i, start, end, Actor(clean_text(head.doc[start:end]),
                        first.actor.code, first.actor.country), "country")  # fmt: skip

    def _owned_by_modifier(self, head: Token, start: int, end: int, text: str) -> ActorRef | None:
        """Weapons, organisations and positions are their modifier's: "Syrian government
        airstrikes" (SYRGOV), "Russian jets" (RUSMIL), "the Islamic State group", "rebel
        positions" (the rebels the story is about)."""
        lemma = head.lemma_.lower()
        # "the US-led coalition", and "a US-led coalition air strike", where the parse hangs
        # "US-led" on the strike
        led = lemma if lemma in LED_HEADS else _led_compound(head)
        leader = self._leader(head) if led else None
        if leader:  # the leading state's forces
            actor = Actor(text, f"{leader}MIL", leader, "MIL")
            if led in REMEMBERED_LED:
                self.led[led] = actor
            return ActorRef(head.i, start, end, actor, "led" if led == lemma else "instrument")
        if lemma in REMEMBERED_LED and lemma in self.led and not self._names_whose(head):
            # "… the US-led coalition. The coalition said …": the one the story named
            return ActorRef(head.i, start, end, self._copy(self.led[lemma], text), "alias")
        kind = (
            "instrument" if lemma in INSTRUMENT_HEADS
            else "owned" if lemma in ORGANISATION_HEADS | OWNED_HEADS
            else None
        )  # fmt: skip
        if kind is None or head.pos_ != "NOUN" or self.kb.agent(lemma):
            return None
        # "the army's aircraft", "ISIS's positions": a possessor owns them as a modifier does
        modifiers = [c for c in head.lefts if c.dep_ in OWNER_DEPS]
        # "ISIS weapons depot", "PKK ammunition depots": the parse hangs the owner on the
        # thing's own modifier
        nested = [g for m in modifiers if m.dep_ == "compound" for g in m.lefts]
        modifiers = sorted(
            modifiers + [g for g in nested if g.dep_ in OWNER_DEPS], key=lambda t: t.i
        )
        if not modifiers or hyphen_modifier(modifiers[-1]):
            return None  # "US-led coalition strikes": whose, the hyphen does not say
        # the nearest modifier; past it, or past an agent whose owner was only guessed, a
        # group further left ("the Hezbollah militant group" is Hezbollah's, not the militants'
        # the story named last; "terrorist rocket attacks" are the terrorists'), or a state
        # past mere weapon words ("US air strikes"). A state before an agent word is left to
        # the phrase's own country and agent ("the Gondor main opposition group")
        nearest_first = list(reversed(modifiers))
        ref = self.resolve_head(nearest_first[0])
        if ref is None or ref.how in {"agent", "alias", "unknown"}:
            further = self._owners_further_left(head, nearest_first)
            named = [r for r in further if r.how == "kb"]
            ref = next(iter(named), ref) if ref is not None else next(iter(named or further), None)
        if ref is None or not (ref.actor.code or _of_a_kind(ref, head, start)):
            return None
        actor = self._copy(ref.actor, text)
        state = actor.country is not None and actor.code in {actor.country, f"{actor.country}GOV"}
        if kind == "instrument" and state:
            # "Russian jets", "regime planes", "Assad regime airstrikes": a state's weapons and
            # strikes are its military's (as our annotators code them)
            actor = Actor(text, f"{actor.country}MIL", actor.country, "MIL", actor.name)
        return ActorRef(head.i, start, end, actor, kind)

    def _named_in_apposition(self, head: Token, start: int, end: int, text: str) -> ActorRef | None:
        """ "the terrorist group Nusra Front", "the militant group Boko Haram": the descriptor
        is the group its apposition names, not a generic armed group of the story's country
        that its adjective would make it."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in ORGANISATION_HEADS:
            return None
        for name in (c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN"):
            known = self._known_phrase(name)
            if known is not None and known[1] == "kb" and known[0].code:
                return ActorRef(head.i, start, end, self._copy(known[0], text), "kb")
        return None

    def _names_whose(self, head: Token) -> bool:
        """A modifier that says whose the group is: a name, a nationality or an agent ("the
        Saudi coalition", "the opposition coalition"); "the international coalition" has none."""
        return any(
            m.dep_ in OWNER_DEPS
            and (m.pos_ == "PROPN" or m.ent_type_ in {"NORP", "GPE"} or self.kb.agent(m.lower_))
            for m in head.lefts
        )

    def _owners_further_left(self, head: Token, nearest_first: list[Token]) -> list[ActorRef]:
        """The modifiers past the nearest that may own the act: a group, or a state with no
        agent word between it and the head."""
        further: list[ActorRef] = []
        for k in range(1, len(nearest_first)):
            r = self.resolve_head(nearest_first[k])
            if r is None or not r.actor.code:
                continue
            between = nearest_first[:k]
            words = " ".join(t.text for t in [*reversed(between), head])  # "main opposition group"
            agents = self.kb.agent(words) or any(self.kb.agent(t.lemma_.lower()) for t in between)
            if len(r.actor.code) > 3 or not agents:
                further.append(r)
        return further

    def _leader(self, head: Token) -> str | None:
        """The state in "X-led" before the head ("the Saudi-led coalition")."""
        doc = head.doc
        for led in (t for t in head.lefts if t.lower_ == "led" and t.i >= 2):
            if doc[led.i - 1].text == "-":
                name = doc[led.i - 2]
                return self.kb.country(name.text) or self._state_code(name.text)
        return None

    def _shared_owner_ref(self, head: Token) -> ActorRef | None:
        """ "Lawmakers in Fornost and Gondor" parsed as "(lawmakers in Fornost) and Gondor":
        the second country owns the same kind of people."""
        if head.i < 2 or head.doc[head.i - 1].pos_ != "CCONJ":
            return None
        # the second name hangs as the group's conjunct, or as a second subject after its "and"
        group = head.head if head.dep_ == "conj" else head.doc[head.i - 1].head
        if group.i >= head.i or (head.dep_ != "conj" and head.dep_ != group.dep_):
            return None
        first = self._found.at(group)
        if first is None or first.how != "country+agent" or first.actor.sector is None:
            return None
        before = head.doc[head.i - 2]
        owned = any(
            c.dep_ == "prep" and c.lower_ in {"from", "of", "in"} and c.right_edge.i == before.i
            for c in group.children
        )
        state = (
            self._state_code(joined_text(head.doc[head.left_edge.i : head.i + 1]))
            if owned
            else None
        )
        if state is None:
            return None
        code = (first.actor.code or "").replace(first.actor.country or "", state, 1)
        actor = Actor(head.text, code, state, first.actor.sector)
        return ActorRef(head.i, head.left_edge.i, head.i + 1, actor, "country+agent")

    def _names_a_thing(self, head: Token, named: Actor) -> bool:
        """A common noun headed by something other than an actor word, the name a modifier."""
        if head.pos_ != "NOUN" or head.text in named.text.split() or head.lower_ in GROUP_HEADS:
            return False
        if head.lemma_.lower() in PEOPLE_HEADS or _speaks(head):
            # "United Nations inspectors": people act for the organisation, and "a UN report
            # accused …" speaks for it
            return False
        return self._agent_of([head], head) is None

    def _may_name_actor(self, head: Token) -> bool:
        """A common noun heads an actor only as an agent word or with a name inside its phrase."""
        if head.lower_ in GROUP_HEADS or head.ent_type_:
            return True
        lemma = head.lemma_.lower()
        known = self._agent_words.get(lemma)
        if known is None:
            known = self._agent_words[lemma] = bool(
                self.kb.agent(lemma) or self.kb.agent(head.lower_)
            )
        if known or lemma in self.led:  # "the coalition" the story named as X-led
            return True
        if lemma in INSTRUMENT_HEADS | ORGANISATION_HEADS | OWNED_HEADS | LED_HEADS and any(
            c.dep_ in {"compound", "amod", "nmod"} for c in head.lefts
        ):
            return True  # "rebel positions", "Russian airstrikes": their modifier's
        start, end = phrase_bounds(head)
        phrase = head.doc[start:end]
        if any(t.pos_ == "PROPN" or t.ent_type_ or is_capitalised(t) for t in phrase):
            return True
        # a multi-word agent: "human rights activists"
        return start < head.i and self._agent_of(list(phrase), head) is not None

    def _group_of_members(self, head: Token, start: int) -> ActorRef | None:
        """ "Fighters of the Nusra Front", "militants belonging to the Islamic State": people
        named by the group they belong to act as that group (not a state: "troops from X" is
        ``_owner_of``'s, and "groups affiliated to the Saudi regime" are not its government;
        not an international body, whose members are states)."""
        if head.lemma_.lower() not in MEMBER_HEADS:
            return None
        preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}]
        for verb in head.children:
            if verb.dep_ == "acl" and verb.lemma_.lower() in MEMBERSHIP_VERBS:
                preps += [
                    c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "with"}
                ]
        for prep in preps:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                lo, hi = phrase_bounds(pobj)
                known = self._known_name(list(head.doc[lo:hi]))
                if known is None or known[1] != "kb":
                    continue
                code = known[0].code or ""
                if len(code) <= 3 or code.startswith("IGO"):
                    continue
                if prep.head.lemma_.lower() == "affiliate" and code[3:6] in STATE_SECTORS:
                    continue  # "affiliated to the Saudi regime": backed by a state, not it
                tokens = head.doc[start:hi]
                return ActorRef(head.i, start, hi, self._copy(known[0], clean_text(tokens)), "kb")
        return None

    def _named_before(self, head: Token) -> ActorRef | None:
        """ "Deutsche Bank … the bank", "the Arab League … the league": a bare common noun
        after "the" that ends the name of an organisation the story named is that
        organisation."""
        if head.pos_ != "NOUN":
            return None
        lefts = list(head.lefts)
        if len(lefts) != 1 or lefts[0].lower_ != "the":
            return None
        lemma = head.lemma_.lower()
        actor = None if lemma in NOT_SHORT_NAMES else self._by_last_word.get(lemma)
        if actor is None:
            return None
        text = clean_text(head.doc[lefts[0].i : head.i + 1])
        return ActorRef(head.i, lefts[0].i, head.i + 1, self._copy(actor, text), "alias")

    def _collective_of(self, head: Token) -> ActorRef | None:
        """ "A small group of protesters", "a contingent of Turkish troops": a body of people
        of one kind (an agent) acts as they do; the phrase runs to the end of theirs."""
        if head.pos_ != "NOUN" or head.lemma_.lower() not in COLLECTIVE_HEADS:
            return None
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for member in (c for c in prep.children if c.dep_ == "pobj"):
                ref = self.resolve_head(member)
                if ref is None or ref.actor.sector is None:
                    continue
                start = phrase_bounds(head)[0]
                text = clean_text(head.doc[start : ref.end])
                return ActorRef(head.i, start, ref.end, self._copy(ref.actor, text), ref.how)
        return None

    def _bodys_own(self, head: Token, text: str) -> Actor | None:
        """ "The UN's envoy", "NATO's chief", "the Arab League's envoy": an organisation's
        officer acts for it, under its code (a state's are its country's and the agent's)."""
        for owner in (c for c in head.children if c.dep_ == "poss"):
            known = self._known_phrase(owner)
            if known is None or known[1] != "kb" or known[0].name not in self._bodies:
                continue
            return self._copy(known[0], text)
        return None

    def _loyal_to(self, head: Token, agent: str, text: str) -> Actor | None:
        """ "Forces loyal to President Assad" are his state's forces (SYRMIL), "troops loyal
        to the government" the story's, "fighters loyal to the Islamic State" that group."""
        loyal = [c for c in head.children if c.dep_ == "amod" and c.lower_ == "loyal"]
        if head.dep_ == "nsubj" and head.head.lower_ == "loyal":
            loyal.append(head.head)  # "… say forces loyal to X were …", parsed as a clause
        lords = [
            pobj
            for word in loyal
            for prep in word.children
            if prep.dep_ == "prep" and prep.lower_ == "to"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        for lord in lords:
            lo, hi = phrase_bounds(lord)
            known = self._known_name(list(head.doc[lo:hi]))
            if known is not None and armed_group(known[0].code):
                return self._copy(known[0], text)
            state = known[0].country if known is not None else None
            state = state or self._state_code(joined_text(head.doc[lo:hi]))
            if state is None and lord.lemma_.lower() in GOVERNMENT_WORDS:
                state = self.main_country()
            if state:
                return Actor(text, compose_code(state, agent), state, sector_of(agent))
        return None

    def _owner_of(self, head: Token) -> str | None:
        """The state in "troops from X", "officials of X", "activists in X"."""
        owners = self._owners_of(head)
        return owners[0] if owners else None

    def _owners_of(self, head: Token) -> list[str]:
        """All the states: "the ambassadors of Arnor, Osgiliath and Gondor"."""
        preps = {"from", "of", "in"}
        codes: list[str] = []
        owning = [c for c in head.children if c.dep_ == "prep" and c.lower_ in preps]
        for prep in owning or _from_hung_on_meeting(head):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for t in [pobj, *(c for c in pobj.subtree if c.dep_ == "conj")]:
                    code = self._state_code(joined_text(t.doc[t.left_edge.i : t.i + 1]))
                    if code and code not in codes:
                        codes.append(code)
            if codes:
                break
        return codes

    def _state_code(self, text: str) -> str | None:
        """A country, capital, or a state-level actor of a user's dictionary ("Gondor")."""
        code = self.kb.country(text) or self.kb.capital(text)
        if code:
            return code
        record = self.kb.lookup(text, self.date)
        # not a body coded by its sector alone ("Reuters" MED): no state
        if (
            record
            and record.kind == "organization"
            and len(record.code) == 3
            and not self.kb.is_sector(record.code)
        ):
            return record.code
        return None

    def _possessive_without_apostrophe(self, token: Token, head: Token) -> str | None:
        """ "Russias air force", "Irans foreign minister": text that lost its apostrophes (all
        of FA-KES) leaves a state's possessive as one word; before the phrase's head, a
        capitalised word that is a state's name but for a final "s" is that state's."""
        text = token.text
        if token.i >= head.i or len(text) < 4 or text[-1] != "s" or not text[0].isupper():
            return None
        return self.kb.country(text[:-1]) or self.kb.capital(text[:-1])

    def _leaders_state(self, head: Token) -> str | None:
        """ "Assad's forces", "Erdogan's troops", "Putin's spokesman": a state's leader or
        official who owns an agent places it in the leader's state (the agent's own sector)."""
        for owner in (c for c in head.lefts if c.dep_ in {"poss", "compound"}):
            name = [t for t in owner.subtree if t.dep_ != "case"]
            known = self._known_name(name)
            if known is None or known[1] != "kb":
                continue
            actor = known[0]
            if actor.country and actor.sector in STATE_SECTORS:
                return actor.country
        return None

    def _leaders_agent(self, actor: Actor, how: str, own: list[Token], head: Token) -> str | None:
        """The armed agent a state's leader, named as its modifier, commands ("Assad forces",
        "Assads troops"): its sector, for the leader's state; None otherwise ("Kremlin
        officials" stay the Kremlin's)."""
        if how != "kb" or actor.sector != "GOV" or not actor.country:
            return None
        name_words = actor.text.split()
        if head.pos_ != "NOUN" or head.text in name_words:
            return None
        rest = [t for t in own if t.text not in name_words]
        agent = self._agent_of(rest, head) if rest else None
        return agent if agent in FORCE_AGENTS else None

    def _region_modifier(self, token: Token, head: Token) -> str | None:
        """ "The Florida legislature", "the Queensland Government", "New South Wales police": a
        state or province the gazetteer lists in one country, the names right before the
        agent word, places it there (before a big city of the same name: Florida is not the
        Colombian city). Not when the story is about another country ("Punjab police" in an
        Indian story, where the gazetteer knows only Pakistan's Punjab)."""
        if token.pos_ != "PROPN" or token.i >= head.i:
            return None
        run = token.doc[token.i : head.i]
        if not all(t.pos_ == "PROPN" and t.dep_ == "compound" for t in run):
            return None
        country = region_country(run.text)
        if country is None:
            return None
        return country if self.main_country() in {None, country} else None

    @staticmethod
    def _city_modifier(token: Token, head: Token) -> str | None:
        """ "Cleveland officials", "Aleppo residents": a big city that modifies an agent word
        places it in the city's country (``city_country``: one country's city of 100,000+)."""
        if token.ent_type_ != "GPE" or token.dep_ != "compound" or token.head.i != head.i:
            return None
        return city_country(token.text)

    def _lookup(self, phrase: str, last: Token) -> ActorRecord | None:
        """The KB's actor for a name; one whose last word lost its possessive apostrophe
        (``_lost_apostrophe``) is looked up without the "s" when it is not known as it is."""
        record = self.kb.lookup(phrase, self.date)
        if record is None and _lost_apostrophe(last):
            record = self.kb.lookup(phrase[:-1], self.date)
        return record

    def _names_country(self, head: Token) -> bool:
        """ "Russia", "Moscow", "the Syrians" — not "the Syrian crisis" or "Syrian jails"."""
        if head.ent_type_ in {"GPE", "NORP"}:
            return True
        return bool(self.kb.country(head.text) or self.kb.capital(head.text))

    @staticmethod
    def _split_codes(ref: ActorRef, found: ArticleActors) -> ActorRef:
        """A dictionary entry with several codes names several actors: one ref per code."""
        refs = []
        for code in ref.actor.code.split("/") if ref.actor.code else ():
            actor = Actor(ref.actor.text, code, code[:3], code[3:6] or None, ref.actor.name)
            refs.append(ActorRef(ref.head, ref.start, ref.end, actor, ref.how))
        found.also.setdefault(ref.head, []).extend(refs[1:])
        return refs[0]

    def _coordinated_countries(self, ref: ActorRef, doc: Doc, found: ArticleActors) -> None:
        """ "US and Russian diplomats": one phrase, one actor per coordinated country."""
        tokens = doc[ref.start : ref.head]
        if not any(t.dep_ == "cc" for t in tokens) or ref.actor.sector is None:
            return
        for t in tokens:
            code = self.kb.country(t.text) if t.ent_type_ in {"GPE", "NORP"} else None
            if code and code != ref.actor.country:
                actor = Actor(ref.actor.text, f"{code}{ref.actor.sector}", code, ref.actor.sector)
                found.also.setdefault(ref.head, []).append(
                    ActorRef(ref.head, ref.start, ref.end, actor, "country+agent")
                )

    def main_country(self, exclude: set[str] | None = None) -> str | None:
        """The country the article is most about: the one its place names name most often."""
        exclude = set(exclude or ())
        abroad = sum(n for c, n in self.country_counts.items() if c != self.home)
        if self.home and abroad >= 2:
            exclude.add(self.home)  # "Moscow, SANA – … the opposition": Syria's, not Russia's
        counts = {c: n for c, n in self.country_counts.items() if c not in exclude}
        if not counts:
            return None
        # a tie goes to the country its places name ("Russian jets" in "Syrias Idlib")
        return max(counts, key=lambda c: (counts[c], self.place_counts.get(c, 0)))

    def _count_countries(self, doc: Doc) -> None:
        for ent in doc.ents:
            if ent.label_ in {"GPE", "NORP"} and self._count_named_countries(ent):
                continue
            if ent.label_ == "GPE":  # "protesters in Houston", "a zoo in Ohio": the US
                city = city_country(ent.text) or region_country(ent.text)
            elif ent.label_ in MISTAKEN_FOR_A_CITY:
                # "rocket shells on Aleppo" tagged NORP, "the countryside of Homs" tagged ORG
                city = city_country(ent.text)
            else:
                city = None
            if city:
                self._count(city, 2, place=True)
        for name in _unlabelled_places(doc):  # "near Aleppo", which the tagger left unnamed
            city = city_country(name)
            if city:
                self._count(city, 2, place=True)
        self._count_lost_possessive_countries(doc)

    def _count_named_countries(self, ent: Span) -> bool:
        """Count the countries a place or nationality names; whether it named any."""
        counted = False
        for token in ent:
            if hyphen_modifier(token) or named_as_backer(token):
                continue  # "Russian-made", "backed by Turkey": not whose story it is
            code = self.kb.country(token.text) or self.kb.capital(token.text)
            if code:  # a place names where the story is more than a nationality does
                place = ent.label_ == "GPE" and not _modifies(token)
                self._count(code, 2 if place else 1, place=place)
                counted = True
        return counted

    def _count_lost_possessive_countries(self, doc: Doc) -> None:
        """ "in Syrias Deir Ezzor", "Syrias Idlib province": in text that lost its apostrophes
        a country's possessive names where the story is, whatever entity the tagger made
        around it (none, a place, an organisation) and wherever the parse ends the phrase."""
        for token in doc[:-1]:
            before_a_name = token.text.endswith("s") and doc[token.i + 1].text[:1].isupper()
            if not (_lost_apostrophe(token) or before_a_name) or self.kb.country(token.text):
                continue  # "Syrians Flee …": a people, not a possessive
            code = self.kb.country(token.text[:-1])
            if code:
                self._count(code, 2, place=True)

    def _count(self, code: str, weight: int, place: bool) -> None:
        self.country_counts[code] = self.country_counts.get(code, 0) + weight
        if place:
            self.place_counts[code] = self.place_counts.get(code, 0) + weight

    # ------------------------------------------------------------------ pieces
    def _known_phrase(self, token: Token) -> tuple[Actor, str] | None:
        """What the KB or the story knows the phrase ``token`` heads as (``_known_name``)."""
        lo, hi = phrase_bounds(token)
        return self._known_name(list(token.doc[lo:hi]))

    def _known_name(self, tokens: list[Token]) -> tuple[Actor, str] | None:
        """The longest sub-phrase the KB knows as a person/organisation, else an alias."""
        words = [t for t in tokens if t.pos_ != "DET" and t.dep_ != "case"]
        n = len(words)
        named = [t.pos_ == "PROPN" or bool(t.ent_type_) or is_capitalised(t) for t in words]
        for length in range(min(n, self.kb.max_phrase_tokens), 0, -1):
            for i in range(n - length, -1, -1):
                last = words[i + length - 1]
                # names begin and end with a name word, or a name and "party" ("the Congress
                # party", "the Likud party")
                if not (
                    named[i] and (named[i + length - 1] or (length > 1 and last.lower_ == "party"))
                ):
                    continue
                piece = words[i : i + length]
                phrase = joined_text(piece)
                record = self._lookup(phrase, piece[-1])  # "Assads forces", "ISILs positions"
                if record and record.kind in {"person", "organization"}:
                    actor = Actor(phrase, record.code, country_part(record.code),
                                  sector_part(record.code), record.name)  # fmt: skip
                    if record.kind == "organization":
                        self._bodies.add(record.name)
                        self._by_last_word[piece[-1].lemma_.lower()] = actor
                    return actor, "kb"
                alias = self.aliases.get(phrase.lower())
                if alias is not None:
                    return alias, "alias"
        return None

    def _country_in(self, tokens: Span, head: Token) -> str | None:
        """The first country the phrase names, longest name first at each position
        ("North Korean" before "Korean", "Saudi Arabia" before "Saudi")."""
        for i, t in enumerate(tokens):
            if not (
                t.ent_type_ in {"GPE", "NORP"} or t.pos_ in {"PROPN", "ADJ"} or is_capitalised(t)
            ):
                continue
            if supports_only(t) or (named_as_backer(t) and not named_as_backer(head)):
                continue  # "Turkish-backed rebels", "rebels backed by Turkey": not Turkey's
            for n in (3, 2):
                if i + n <= len(tokens):
                    code = self.kb.country(joined_text(tokens[i : i + n]))
                    if code:
                        return code
            code = (
                self._state_code(t.text)
                or self._possessive_without_apostrophe(t, head)
                or self._region_modifier(t, head)
                or self._city_modifier(t, head)
            )
            if code:
                return code
        if head.lower_ == "country" and self.last_person and self.last_person.country:
            return self.last_person.country  # "his country"
        return None

    def _agent_of(self, tokens: list[Token], head: Token) -> str | None:
        armed = self._armed_rank(head)
        if armed:
            return armed
        words = [  # organisation names may hold agents ("the Russian Foreign Ministry")
            t
            for t in tokens
            if (t.pos_ in {"NOUN", "PROPN", "ADJ"} and t.ent_type_ in {"", "ORG", "FAC"})
            or (t.lower_ in {"of", "for"} and t.i > head.i)  # "Ministry of Silly Walks"
        ]
        while words and words[-1].lower_ in {"of", "for"}:
            words.pop()
        # a common noun is an agent itself ("the foreign minister"), or heads a group of one
        # ("opposition delegation"); "the refugee crisis" and "the military site" are neither
        must_end_at_head = head.pos_ == "NOUN" and head.lower_ not in GROUP_HEADS
        for length in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - length, -1, -1):
                if must_end_at_head and words[i + length - 1].i != head.i:
                    continue
                piece = words[i : i + length]
                if piece[0].lower_ in {"of", "for"}:
                    continue
                # "human rights activists": lemmas, or the words with only the head lemmatised
                lemmas = " ".join(t.lemma_.lower() for t in piece)
                surface = " ".join(t.lower_ for t in piece)  # "media", not "medium"
                for phrase in dict.fromkeys([surface, lemmas, head_lemmatised(piece)]):
                    agent = self.kb.agent(phrase)
                    if not agent:
                        continue
                    if self.kb.agent_is_prefix(phrase):  # "~": written before the country
                        return agent + "~"
                    prefix = self._prefix_agent(words[: i + length - 1])
                    return f"{prefix}{agent}" if prefix else agent
        if head.lower_ in GROUP_HEADS:
            return "GOV" if head.lower_ not in {"people"} else "CVL"
        return None

    def _stateless_forces(self, tokens: Span, agent: str) -> tuple[str, str] | None:
        """ "Kurdish fighters", "Kurdish militia": forces of a people without a state, coded by
        the one of its countries the story names (``STATELESS_FORCES``): (country, sector). A
        story that names two of them ("Kurdish fighters" near Kobane, on the border with
        Turkey) leaves the phrase uncoded, as does any other phrase (None)."""
        sector = sector_of(agent)
        if sector not in ARMED_SECTORS | {"COP"}:
            return None
        for t in tokens:
            table = STATELESS_FORCES.get(t.lower_) or STATELESS_FORCES.get(t.lemma_.lower(), {})
            # the places the story names first: "Turkish troops" fighting them near Aleppo
            # name Turkey only as the attackers' nationality
            named = [c for c in table if self.place_counts.get(c)]
            named = named or [c for c in table if self.country_counts.get(c)]
            if len(named) == 1:
                return named[0], "COP" if sector == "COP" else table[named[0]]
        return None

    def _armed_rank(self, head: Token) -> str | None:
        """ "a terrorist commander", "militant leaders": a rank in an armed group that is no
        state's is that group's (the dictionary's "commander" alone is a state's military)."""
        if head.lemma_.lower() not in RANK_HEADS:
            return None
        for modifier in head.lefts:
            if modifier.dep_ in {"compound", "amod"}:
                agent = self._modifier_agent(modifier)
                if armed_agent(agent):
                    return agent
        return None

    def _modifier_agent(self, modifier: Token) -> str | None:
        return self.kb.agent(modifier.lemma_.lower()) or self.kb.agent(modifier.lower_)

    def _names_armed_group(self, adjective: Token) -> bool:
        """ "terrorist", "jihadist": an adjective the agents dictionary gives a non-state armed
        sector; "military aid" or "diplomatic ties" name no one."""
        return adjective.pos_ == "ADJ" and armed_agent(self._modifier_agent(adjective))

    def _prefix_agent(self, words: list[Token]) -> str | None:
        """A prefix agent before the main one: the "MSF" of "an MSF Arnor diplomat"."""
        for t in words:
            for phrase in {t.lemma_.lower(), t.lower_}:
                if self.kb.agent(phrase) and self.kb.agent_is_prefix(phrase):
                    return f"{self.kb.agent(phrase)}~"
        return None

    def _remember(self, actor: Actor, tokens: Span) -> None:
        names = [t for t in tokens if t.ent_type_ == "PERSON" or t.pos_ == "PROPN"]
        if names:
            self.aliases[names[-1].text.lower()] = actor
            self.aliases[joined_text(names).lower()] = actor
        person = [t for t in tokens if t.ent_type_ == "PERSON" and t.is_alpha]
        if len(person) >= 2 and len(person[0]) >= 3:
            # "Kim Jong Un … Kim": a family name written first; never over another's alias
            self.aliases.setdefault(person[0].text.lower(), actor)
        if actor.name not in self._bodies:  # "told Reuters he would …": he is no news agency
            self.last_person = actor

    @staticmethod
    def _copy(actor: Actor, text: str) -> Actor:
        return Actor(text, actor.code, actor.country, actor.sector, actor.name)


def resolve_actors(doc: Doc, result: ArticleResult, config: CoderConfig) -> None:
    """Actors stage: resolve every actor phrase and record it as a mention with its actor."""
    article = result.article
    from eventwire.actors.kb import knowledge_base

    kb = knowledge_base(config)
    place = article.dateline.place if article and article.dateline else None
    home = (kb.capital(place) or kb.country(place)) if place else None
    resolver = Resolver(kb, article.published if article else None, home, config.conventions)
    found = resolver.resolve_doc(doc)
    doc.user_data[ACTOR_KEY] = found
    doc.user_data[RESOLVER_KEY] = resolver
    sentence_of = {s.start: i for i, s in enumerate(doc.sents)}
    for ref in sorted(found.by_head.values(), key=lambda r: r.start):
        span = doc[ref.start : ref.end]
        result.actors.append(
            Mention(
                sentence=sentence_of.get(span.sent.start, 0),
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=f"ACTOR:{ref.how}",
                actor=ref.actor,
            )
        )


def _from_hung_on_meeting(head: Token) -> list[Token]:
    """ "met his counterparts from Saudi Arabia, Iran and Turkey": the parser hangs a long
    "from" list on the verb, but with a verb of meeting, whom one meets "from" a state are
    that state's (not so after "withdrew its troops from Syria", where it is the place)."""
    verb = head.head
    if head.dep_ != "dobj" or verb.lemma_.lower() not in MEETING_VERBS:
        return []
    after = head.right_edge.i + 1
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" and c.i == after]


# the words that end the names of armed units and movements ("the Sawaiq al-Rahman Brigade",
# "the Hamza Division"), which a tagger often leaves unlabelled
UNIT_NAMES = {"brigade", "brigades", "battalion", "battalions", "division", "legion",
              "regiment", "corps", "army", "front", "movement"}  # fmt: skip


def _named_unit(head: Token) -> bool:
    """A proper name ending in a unit's word: an organisation, even when no dictionary knows
    it and the tagger did not label it (its code stays unknown)."""
    return (
        head.pos_ == "PROPN"
        and head.lemma_.lower() in UNIT_NAMES
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.lefts)
    )
