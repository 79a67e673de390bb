"""Event extraction: CAMEO verb and noun patterns over spaCy dependency parses.

For each predicate (a verb the CAMEO dictionary codes, or an event noun such as "talks"),
``roles`` finds who acts and whom it is aimed at, and ``modality`` whether it happened.
Speech verbs whose object is a clause carry quotes, not events: the clause is coded on its own.
Precision first: an event needs a resolved source and target (``allow_missing_target`` relaxes
the target), a verb that only reports speech codes nothing, and discarded stories code nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from eventwire.actors.found import RESOLVER_KEY, ActorRef, ArticleActors, actors_of
from eventwire.actors.phrases import (
    INSTRUMENT_HEADS,
    MILITARY_PLACES,
    OWNER_DEPS,
    armed_agent,
    armed_group,
    city_country,
    compose_code,
    held_position,
    named_as_backer,
    place_of_country,
    sector_part,
)
from eventwire.events.candidates import (
    POSITION_STEPS,
    YEAR,
    placed_last_year,
    told_as_background,
    years_placed,
)
from eventwire.events.classify import load_classifier
from eventwire.events.learned import confidences, decide
from eventwire.events.modality import (
    INTENT_HEADS,
    SPEECH_LEMMAS,
    is_denied,
    is_forgone,
    is_negated,
    modality_of,
)
from eventwire.events.nouns import (
    RECEIVE_VERBS,
    NounEvent,
    between_parties,
    noun_event,
    noun_lexicon,
)
from eventwire.events.ontology import cameo
from eventwire.events.role_ranker import RoleChoice, load_ranker, phrases
from eventwire.events.roles import (
    CLAUSE_DEPS,
    PERSONAL,
    SUBJECT_DEPS,
    anchored_actors,
    conjuncts,
    governing_subjects,
    linear_actors,
    listing_preps,
    loose_objects,
    loose_ref,
    loose_subjects,
    named_antecedents,
    objects,
    subjects,
    with_conjuncts,
)
from eventwire.events.verbs import COMPOUND, VERB, VerbDictionary, VerbPattern, normalise_words
from eventwire.lexicon import CALENDAR_WORDS, COMPASS_WORDS, SPEECH_VERBS
from eventwire.model import Actor, ArticleResult, Event, Plover
from eventwire.nlp import base_verbs
from eventwire.saying import SUBJECTS, subject_of

if TYPE_CHECKING:
    from eventwire.config import CoderConfig

DISCARD_KEY = "eventwire.discarded"  # the story matched a story-level discard phrase
PUBLISHED_KEY = "eventwire.published"  # the article's publication date, for background acts
AIMING_PREPS = {"of", "about", "over", "for", "against", "on", "to", "with", "from"}
REFUSAL_HEADS = {"refuse", "decline", "reject", "rule"}
DENIAL = "016"  # CAMEO: deny responsibility
COOPERATION_ROOTS = {"03", "04", "05", "06", "07", "08"}
SPEECH_ROOTS = {"01"}  # "make public statement": carried by quotes, not coded as events
LIGHT_VERBS = {
    "take", "make", "give", "have", "hold", "get", "put", "set", "go", "come", "do", "keep",
    "bring", "reach", "turn", "see", "find", "show", "expand", "continue", "become", "lead",
}  # fmt: skip
# roots whose verbs take a clause and still act on someone: urge, pledge, demand, accuse …
CLAUSE_TAKING_ROOTS = {"02", "03", "10", "11", "12", "13"}
INTENT_CODE = {"04": "036", "05": "032", "06": "030", "07": "033", "08": "035"}
# CAMEO's refusals to yield (124x) for each yielding act (08x) or intent to yield (035x) that
# is withheld
REFUSED_YIELD = {"081": "1241", "082": "1242", "083": "123", "084": "1243", "085": "1244",
                 "086": "1245", "087": "1246",
                 "0351": "1241", "0352": "1242", "0353": "1243", "0354": "1244", "0355": "1245",
                 "0356": "1246"}  # fmt: skip
# CAMEO's intent for each yielding act: "will release the hostages" is 0353
INTENT_TO_YIELD = {"080": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353",
                   "085": "0354", "086": "0355", "087": "0356"}  # fmt: skip


def refusal_to_yield(code: str) -> str:
    """A withheld easing of sanctions ("will not lift the ban", 085, or its intent 0354) is a
    refusal to ease them (1244); each yielding act has its refusal."""
    return REFUSED_YIELD.get(code[:4]) or REFUSED_YIELD.get(code[:3], "124")


# CAMEO's rejection for each withheld intent (035x, intents to yield, are refusals to yield)
REFUSED_INTENT = {"031": "121", "0311": "1211", "0312": "1212", "036": "125", "037": "127",
                  "038": "126"}  # fmt: skip


def refused_intent(code: str) -> str:
    """ "Will not accept refugees" (a withheld 03x) is a rejection: 121 for material
    cooperation, 125 for meeting or negotiating, 127 for settling, 126 for mediation, 124x for
    yielding, else 120."""
    if code[:3] == "035":
        return refusal_to_yield(code)
    return REFUSED_INTENT.get(code[:4]) or REFUSED_INTENT.get(code[:3], "120")


CHEMICAL_AGENTS = {"sarin", "chlorine", "vx", "novichok", "tabun", "soman"}
CHEMICAL_MODIFIERS = {"chemical", "nerve", "toxic", "poison", "poisonous", "mustard", "gas"}
CHEMICAL_HEADS = {"weapon", "attack", "agent", "munition", "bomb", "gas", "strike", "shell",
                  "rocket", "substance", "arm", "barrel"}  # fmt: skip


def names_chemical_weapon(predicate: Token) -> bool:
    """The act's own words name a chemical weapon: "a chemical attack", "attacked with
    chlorine", "used sarin", "a gas attack"; not "tear gas", nor a gas field."""
    words = [predicate, *predicate.children]
    words += [w for c in predicate.children if c.dep_ in {"prep", "dobj"} for w in c.subtree]
    for word in words:
        lemma = word.lemma_.lower()
        if lemma in CHEMICAL_AGENTS:
            return True
        head = word.head.lemma_.lower()
        if lemma in CHEMICAL_MODIFIERS and word.i != word.head.i and head in CHEMICAL_HEADS:
            return not any(c.lower_ == "tear" for c in word.head.children)
    return False


def yields(code: str) -> bool:
    """A yielding act (08x) or an intent to yield (035x)."""
    return code[:2] == "08" or code[:3] == "035"


@dataclass
class Predicate:
    token: Token
    code: str
    noun: NounEvent | None = None
    reverse: str | None = None  # CAMEO's code for the other direction ("visit" → "host")
    aims: frozenset[str] = frozenset()  # prepositions the verb's patterns aim with ("warn of")
    swap: bool = False  # the pattern's roles: target is the subject, source the object
    anchors: tuple[tuple[str, str, int], ...] = ()  # the pattern places roles by words
    confidence: float | None = None  # the model's probability that the code's root is right
    learned: bool = False  # the learned coder chose it (roles may be uncoded phrases)
    hint: str | None = None  # the dictionary pattern's code, for the learned coder


def extract_events(doc: Doc, result: ArticleResult, config: CoderConfig) -> None:
    """Events stage."""
    from eventwire.events.discards import discards
    from eventwire.events.verbs import verb_dictionary

    verbs = verb_dictionary(config)
    found = actors_of(doc)
    published = result.article.published if result.article else None
    doc.user_data[PUBLISHED_KEY] = published
    story, skipped = discards(config).find(doc)
    doc.user_data[DISCARD_KEY] = story
    if story:
        return  # a sports or entertainment story: nothing in it is political event data
    for index, sent in enumerate(doc.sents):
        if index not in skipped:
            earlier = list(result.events)  # previous sentences only, not this one's
            result.events.extend(sentence_events(sent, index, found, verbs, config, earlier))


def sentence_events(
    sent: Span,
    index: int,
    found: ArticleActors,
    verbs: VerbDictionary,
    config: CoderConfig,
    earlier: list[Event] | None = None,
) -> Iterator[Event]:
    """The sentence's events; ``earlier`` (the article's events so far) resolves "both sides"
    and drops a definite "the meeting" that refers back to a meeting already coded."""
    earlier = earlier if earlier is not None else []
    coded_events: list[Event] = []
    if config.coder == "learned" and config.conventions.learned_coder:
        if is_question(sent):
            return  # "Or is it a plan to drive them into Syria under Russian air strikes?"
        predicates = list(_learned_predicates(sent, verbs, found, config))
    else:
        copular = config.conventions.copular_clause_words_are_the_verbs
        predicates = list(_predicates(sent, verbs, found, copular))
        coded = [(p.token, p.noun, p.code) for p in predicates]
        for p, confidence in zip(
            predicates, confidences(sent, found, coded, config.model), strict=False
        ):
            p.confidence = round(confidence, 3)
    light = _light_verbs_of_event_nouns(predicates)
    predicates = [p for p in predicates if p.token.i not in light]
    coded_verbs = {p.token.i for p in predicates if p.noun is None}
    # "rebels backed by Turkey": Turkey, for the role ranker (once for the sentence)
    backers = (
        frozenset(t.i for t in sent if named_as_backer(t))
        if any(p.learned for p in predicates)
        else frozenset()
    )
    for predicate in predicates:
        noun = predicate.noun
        governor = noun.governor if noun is not None else None
        if governor is not None and governor.i in coded_verbs and predicate.token.head == governor:
            continue  # "host a meeting": the verb's event already covers its object
        if noun is None and _announces(predicate.token, coded_verbs):
            continue  # "is preparing to attack": the attack is the event, marked intended
        for event in _events_for(predicate, sent, index, found, config, earlier, backers):
            anchor = predicate.token if noun is not None else _event_object(predicate.token)
            if anchor is not None and _refers_back(anchor, event, earlier):
                continue
            if predicate.learned and _aimed_statement_past_the_lede(event, sent):
                continue
            event.confidence = predicate.confidence
            coded_events.append(event)
    yield from settled(
        coded_events, sent.doc, config.conventions.reported_act_replaces_bare_statement
    )


def _aimed_statement_past_the_lede(event: Event, sent: Span) -> bool:
    """ "The coalition said Russia had violated the truce", deep in a story: a statement the
    coder aims at someone, past the lede, is most often another act misread (the annotators
    code criticism or an accusation) or the reported content itself. In our cross-validated
    real sentences, 10 of 67 such events were right whole (root, source and target; 29 right
    in root), against 0.58 for the other events there. In the lede, where statements are
    the news, and with no one aimed at, a statement stands."""
    return (
        event.cameo.startswith("01")
        and event.target is not None
        and sent.start_char >= POSITION_STEPS[0]
    )


def _received_from(p: Predicate, sources: list[ActorRef], targets: list[ActorRef]) -> bool:
    """ "Damascus received an invitation from Moscow": the syntax names both sides, the
    sender after "from" and the receiver as the verb's subject, so the role model's guess
    among the sentence's other phrases is not needed."""
    return p.noun is not None and p.noun.governor_is_target and bool(sources and targets)


def _light_verbs_of_event_nouns(predicates: list[Predicate]) -> set[int]:
    """The light verbs ("held talks", "made a visit", "gave a warning") whose object is an
    event noun: the noun is the trigger (the guideline's light verbs), so the verb's own code,
    a guess from "held" alone (reduce relations, for "Germany held talks with France"), is
    never the event; the noun's, when the model codes it, is. Only the learned coder's."""
    coded_nouns = {p.token.i for p in predicates if p.learned and p.noun is not None}
    return {
        p.token.i
        for p in predicates
        if p.learned
        and p.noun is None
        and p.token.lemma_.lower() in LIGHT_VERBS
        and any(
            c.dep_ == "dobj" and (c.i in coded_nouns or noun_event(c) is not None)
            for c in p.token.children
        )
    }


def settled(events: list[Event], doc: Doc, reports_give_way: bool) -> list[Event]:
    """A sentence's events once the reports of its acts are gone (``reports_give_way``) and
    harm is merged into the act that did it, then one per dyad and root: "X stated that the
    forces were destroying …" keeps the act, never the stating, whichever the model coded
    first."""
    if reports_give_way:
        events = _without_bare_statements(events, doc)
    events = _harm_within_acts(events, doc)
    # "120 soldiers and several dozen Kurdish forces were also killed": one act with no one
    # named as doing it, however many kinds of victims it lists; the first named stands
    first_victim: dict[tuple[int | None, str], Event] = {}
    for event in events:
        if event.source is None and event.cameo[:2] in VIOLENT_ROOTS:
            act = (event.trigger, event.cameo[:2])
            known = first_victim.get(act)
            if known is None or _victim_start(event) < _victim_start(known):
                first_victim[act] = event
    seen: set[tuple[str | None, str | None, str]] = set()
    out = []
    for event in events:
        act = (event.trigger, event.cameo[:2])
        if act in first_victim and event.source is None and first_victim[act] is not event:
            continue
        key = (code_of(event.source), code_of(event.target), event.cameo[:2])
        if key not in seen:
            seen.add(key)
            out.append(event)
    return [e for e in out if not any(_said_more_exactly(e, other, doc) for other in out)]


def _said_more_exactly(event: Event, other: Event, doc: Doc) -> bool:
    """ "Russia and Saudi Arabia …, “we discussed …,” Lavrov said": the same act between the
    same states, once as RUS → SAU and once as RUSGOV → SAUGOV, is one event, the one whose
    codes say more: ``other``'s source code extends ``event``'s, its target code is the same
    or extends it (or both are missing), and the two are not members of one list ("the
    government and Russia accused …")."""
    if other is event or other.cameo[:2] != event.cameo[:2]:
        return False
    if _listed_together(doc, event.source_span, other.source_span) or _listed_together(
        doc, event.target_span, other.target_span
    ):
        return False
    mine, theirs = code_of(event.source), code_of(other.source)
    if mine is None or theirs is None or len(theirs) <= len(mine) or not theirs.startswith(mine):
        return False  # the same doer on two targets may be two acts ("two towns", "fighters")
    target, other_target = code_of(event.target), code_of(other.target)
    if target is None or other_target is None:
        return target is None and other_target is None
    return other_target.startswith(target)


def _listed_together(doc: Doc, one: tuple[int, int] | None, other: tuple[int, int] | None) -> bool:
    """Two phrases of one coordination ("the government and Russia", "Russia and Syrian
    regime war planes"): two actors, however alike their codes."""
    if one is None or other is None or one == other:
        return False
    first = doc.char_span(*one, alignment_mode="expand")
    second = doc.char_span(*other, alignment_mode="expand")
    if first is None or second is None:
        return False

    def joined(a: Span, b: Span) -> bool:
        return any(t.dep_ == "conj" and b.start <= t.head.i < b.end for t in a)

    same_list = _first_conjunct(first.root) == _first_conjunct(second.root)
    return same_list or joined(first, second) or joined(second, first)


def _victim_start(event: Event) -> int:
    return event.target_span[0] if event.target_span is not None else -1


HARM_IN = {"in", "by", "during", "under", "from", "amid"}
VIOLENT_ROOTS = {"18", "19", "20"}


def _harm_within_acts(events: list[Event], doc: Doc) -> list[Event]:
    """ "Terrorists were killed in the army's operations", "the army's operations killed …":
    the killing is what the coded operation did, one act, not a second one with nobody
    named as doing it. A violent event with no source whose predicate holds another violent
    event as its means ("in", "by", "during" …) or has it as its subject is that event: its
    target passes to the act when the act has none, and it is not coded apart."""
    violent = [e for e in events if e.cameo[:2] in VIOLENT_ROOTS and e.trigger is not None]
    by_trigger = {e.trigger: e for e in violent}
    merged: set[int] = set()
    for harm in violent:
        if harm.source is not None or harm.trigger is None:
            continue
        verb = doc[harm.trigger]
        means = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}] + [
            o
            for c in verb.children
            if c.dep_ in {"prep", "agent"} and c.lower_ in HARM_IN
            for o in c.children
            if o.dep_ == "pobj"
        ]
        act = next((by_trigger[m.i] for m in means if m.i in by_trigger), None)
        if act is None or act is harm or act.source is None:
            continue
        if act.target is None and harm.target is not None:
            act.target = harm.target
            act.span = (min(act.span[0], harm.span[0]), max(act.span[1], harm.span[1]))
        merged.add(id(harm))
    return [e for e in events if id(e) not in merged]


def is_question(sent: Span) -> bool:
    """A question reports no act, whoever asks it: of our annotated sentences that end in a
    question mark, 36 of 37 hold no codable event."""
    return sent.text.rstrip().rstrip("\"'”’)»").endswith("?")


def _without_bare_statements(events: list[Event], doc: Doc) -> list[Event]:
    """A statement in a sentence that also codes another act is how that act was reported
    ("X claimed it attacked Y"): the act is the event, the speaking is not
    (data/training/GUIDELINE.md, reporting verbs). That holds for a statement with nobody
    addressed (01x, no target) and for a reporting verb ("say", "claim") that governs the
    act, whatever its target; a statement beside the act, addressed to someone, is kept, and
    so is "considering sending aid" (014, an option weighed, not a report). A comment between
    the same two parties as the act is about the act. A verb of saying whose reported clause
    holds a coded act is that act's report whatever code the model gave it."""
    acts = [e.trigger for e in events if not e.cameo.startswith("01") and e.trigger is not None]
    if not acts:
        return events

    def reports_an_act(event: Event, in_its_clause: bool = False) -> bool:
        """A verb of saying that governs a coded act; ``in_its_clause``: in the clause it
        reports ("X told Y that Kenyan troops attacked …"), not one it orders ("X told Y to
        leave", a demand)."""
        verb = doc[event.trigger] if event.trigger is not None else None
        if verb is None or verb.lemma_.lower() not in SPEECH_LEMMAS:
            return False
        if not in_its_clause:
            return any(verb.is_ancestor(doc[i]) for i in acts)
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        return any(c.i == i or c.is_ancestor(doc[i]) for c in clauses for i in acts)

    def about_an_act(event: Event) -> bool:
        """ "Lavrov described his meeting with al-Jubeir as useful": a comment between the
        same two parties as an act the sentence codes is about that act."""
        dyad = (code_of(event.source), code_of(event.target))
        return None not in dyad and any(
            (code_of(e.source), code_of(e.target)) == dyad
            for e in events
            if not e.cameo.startswith("01")
        )

    return [
        e
        for e in events
        if not (
            e.cameo.startswith("01") and (e.target is None or reports_an_act(e) or about_an_act(e))
        )
        and not reports_an_act(e, in_its_clause=True)  # whatever code the model gave it
    ]


def code_of(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None


# ---------------------------------------------------------------------------- predicates
def _predicates(
    sent: Span, verbs: VerbDictionary, found: ArticleActors, copular_words: bool = False
) -> Iterator[Predicate]:
    for token in sent:
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            code, reverse, pattern = _verb_code(token, verbs, found, copular_words)
            if code:
                aims = _aims(verbs, token.lemma_)
                swap = pattern is not None and pattern.swap
                anchors = pattern.anchors if pattern is not None else ()
                yield Predicate(token, code, reverse=reverse, aims=aims, swap=swap, anchors=anchors)
        elif token.pos_ == "NOUN":
            noun = noun_event(token)
            if noun is not None:
                yield Predicate(token, noun.code, noun)


# the dictionary's code for a candidate, its reverse code and its pattern
Hinted = tuple[str | None, str | None, VerbPattern | None]


def _learned_predicates(
    sent: Span, verbs: VerbDictionary, found: ArticleActors, config: CoderConfig
) -> Iterator[Predicate]:
    """The candidates the model codes, with its code; the dictionary pattern's role markers
    and reverse code are kept when the pattern codes the same root."""
    patterns: dict[int, Hinted] = {}

    def hint(token: Token, noun: NounEvent | None) -> str | None:
        copular = config.conventions.copular_clause_words_are_the_verbs
        patterns[token.i] = _hint(token, noun, verbs, found, copular)
        return patterns[token.i][0]

    published = sent.doc.user_data.get(PUBLISHED_KEY)
    for d in decide(sent, found, hint, config.model):
        code = d.decision.code
        confidence = d.decision.confidence
        if code is None and d.hint is not None and _told_between(d.token, found):
            code, confidence = d.hint, 1.0 - confidence  # the model's own P(event)
        if code is None:
            continue
        if published and any(y < int(published[:4]) for y in years_placed(d.token, sent)):
            continue  # "in 2013 the army attacked …": history told as background, not news
        if sent.start_char > 0 and placed_last_year(d.token):
            continue  # "last year the army wrested back the town": history, past the lede
        if told_as_background(d.token):
            continue
        if code[:2] in {"01", "03"} and _promises_punishment(d.token):
            code = THREATEN  # "warned that the rebels would pay a heavy price"
        received = _received_act(d.token)
        if received is not None:  # "received an invitation from Egypt": Egypt invites
            noun_token, noun = received
            as_noun: Hinted = (noun.code, None, None)
            yield learned_predicate(
                noun_token, noun, noun.code, as_noun, verbs, round(confidence, 3)
            )
            continue
        hinted = patterns.get(d.token.i, (None, None, None))
        yield learned_predicate(d.token, d.noun, code, hinted, verbs, round(confidence, 3))


# the prepositions that tell an event noun as the setting of another act ("were killed in
# clashes between …"), not as a thing talked of ("the scene of clashes between …")
SETTING_PREPS = {"in", "after", "amid", "during", "following"}


def _told_between(token: Token, found: ArticleActors) -> bool:
    """ "Clashes between police and protesters broke out", "talks between Sudan's army and the
    RSF resumed", "were killed in clashes between X and Y": an act noun whose parties, named
    actors both, are joined by "between", told as its clause's subject or as the setting of
    another act, is a reported event even when the model doubts a noun that governs no one."""
    if token.pos_ != "NOUN":
        return False
    told = token.dep_ in {"nsubj", "nsubjpass"} or (
        token.dep_ == "pobj" and token.head.lower_ in SETTING_PREPS
    )
    parties = [found.at(t) for t in between_parties(token)] if told else []
    return len(parties) >= 2 and all(parties) and any(p.actor.code for p in parties if p)


# verbs of mere receipt: accepting or welcoming an invitation is an act of its own (03x, 04x)
RECEIPT_VERBS = RECEIVE_VERBS - {"accept", "welcome"}


def _received_act(verb: Token) -> tuple[Token, NounEvent] | None:
    """ "X received an invitation / a phone call / a request from Y": the act is the noun's,
    Y's towards X, whatever the model made of the verb of receiving ("received" alone reads
    as hosting a visit, or as aid). Only nouns the lexicon codes, with their "from"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in RECEIPT_VERBS:
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        noun = noun_event(obj)
        if noun is not None and noun.governor_is_target:
            return obj, noun
    return None


THREATEN = "130"
# what a speaker says another will suffer for an act: a threat, whatever the verb of saying
PUNISHMENT_WORDS = {"unpunished", "regret"}
WARNING_VERBS = {"warn", "vow", "pledge", "promise", "threaten", "swear"}


def _promises_punishment(verb: Token) -> bool:
    """ "warned that X would pay a heavy price", "pledged that the attack will not go
    unpunished", "vowed that Y would regret it": harm the speaker promises is a threat (the
    guideline's threats need no "if"). Only verbs that commit or warn: "said consumers would
    pay a higher price" is about prices."""
    if verb.lemma_.lower() not in WARNING_VERBS:
        return False
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        for t in clause.subtree:
            if t.lower_ in PUNISHMENT_WORDS:
                return True
            if t.lemma_.lower() == "pay" and any(
                o.dep_ == "dobj" and o.lemma_.lower() == "price" for o in t.children
            ):
                return True
    return False


def learned_predicate(
    token: Token,
    noun: NounEvent | None,
    code: str,
    hinted: Hinted,
    verbs: VerbDictionary,
    confidence: float | None = None,
) -> Predicate:
    """A predicate the model coded; the dictionary pattern's role markers and reverse code
    (``hinted``, from ``_hint``) are kept when the pattern codes the same root."""
    hint, reverse, pattern = hinted
    agrees = hint is not None and hint[:2] == code[:2]
    if reverse is not None and reverse == hint:
        reverse = code  # a symmetric pattern ("discuss with", [046:046]) stays symmetric
    return Predicate(
        token,
        code,
        noun,
        reverse=reverse if agrees else None,
        aims=_aims(verbs, token.lemma_) if noun is None else frozenset(),
        swap=bool(agrees and pattern is not None and pattern.swap),
        anchors=pattern.anchors if agrees and pattern is not None else (),
        confidence=confidence,
        learned=True,
        hint=hint,
    )


def _hint(
    token: Token,
    noun: NounEvent | None,
    verbs: VerbDictionary,
    found: ArticleActors,
    copular_words: bool,
) -> Hinted:
    """The dictionary's code for a candidate, with its reverse code and matching pattern."""
    if noun is not None:
        return noun.code, None, None
    return _verb_code(token, verbs, found, copular_words)


def dictionary_hint(token: Token, noun: NounEvent | None, found: ArticleActors) -> str | None:
    """The shipped dictionary's code for a candidate (training builds its examples with it)."""
    from eventwire.events.verbs import verb_dictionary

    return _hint(token, noun, verb_dictionary(), found, False)[0]


def _aims(verbs: VerbDictionary, lemma: str) -> frozenset[str]:
    """Relational prepositions the dictionary's patterns for this verb use ("warn of X")."""
    used = {prep for pattern in verbs.patterns(lemma.lower()) for prep, _ in pattern.preps}
    names = {name.lower() for prep in used for name in prep.split("/")}
    return frozenset(names & AIMING_PREPS)


def _temporal(token: Token) -> bool:
    """A time phrase: "on Monday", "in March", "last week"."""
    if token.ent_type_ in {"DATE", "TIME"}:
        return True
    return token.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in token.children
    )


def _purpose(verb: Token) -> bool:
    """ "… hosting X to celebrate Y": an infinitive of purpose, its subject the host's."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _sequence(tokens: Span) -> list[set[str]]:
    """The words in order, each as the forms a dictionary word may take ("talks": talk,
    talks), articles and hyphens left out as the dictionary leaves them out."""
    return [
        {normalise_words(t.lemma_), normalise_words(t.lower_), t.lower_}
        for t in tokens
        if t.lower_ not in {"a", "an", "the", "-"}
    ]


def _copular(clause: Token) -> bool:
    """ "… that Mordor isn't a pleasant place": a clause that describes. PETRARCH reads its
    words as the governing verb's ("allowed that X isn't a REALLY PLEASANT place" → 024);
    eventwire does so only with PETRARCH's conventions (``copular_clause_words_are_the_verbs``):
    "warned that Iran is a threat" is no threat."""
    return (
        clause.dep_ == "ccomp"
        and clause.lemma_ == "be"
        and any(c.dep_ in {"attr", "acomp"} for c in clause.children)
    )


def _clause_words(verb: Token, found: ArticleActors, copular_words: bool = False) -> list[Token]:
    """The verb's own object-side words: not nested clauses, not the names of actors, not
    dates ("on Monday" must not match the pattern "call (ON)")."""
    words: list[Token] = []
    stack = [
        c
        for c in verb.children
        if c.i > verb.i
        and (c.dep_ not in CLAUSE_DEPS or (copular_words and _copular(c)))
        and (c.dep_ == "dobj" or not _temporal(c))  # "celebrated Eid": a holiday, an object
    ]
    while stack:
        t = stack.pop()
        if not found.names_actor(t.i):
            words.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return words


def _verb_code(
    verb: Token, verbs: VerbDictionary, found: ArticleActors, copular_words: bool = False
) -> Hinted:
    """The verb's CAMEO code, its reverse-direction code, and the pattern that matched (its
    role markers may move the target: "+ * FROM $", "* IFTAR IN ^ +")."""
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    preps = [c for c in verb.children if c.dep_ in {"prep", "agent", "dative"} and not _temporal(c)]
    candidates = [
        f"{form} {word}"  # the surface form too: the lemmatizer guesses "cordoned" → "cordone"
        for form in dict.fromkeys([lemma, verb.lower_])
        for word in [*particles, *(p.lower_ for p in preps)]
    ]
    # dictionaries list inflected forms too ("LEFT [032]" beside "LEAVE [012]"); such an
    # entry wins, unless the form is a verb of its own ("found" is "find" or "found")
    surface = verb.lower_
    if surface == lemma:
        names = [*candidates, lemma]
    elif surface in base_verbs():
        names = [*candidates, lemma, surface]
    else:
        names = [*candidates, surface, lemma]
    if not any(verbs.entry(name) is not None for name in names):
        return None, None, None  # most verbs: no need to gather the clause's words
    words = _clause_words(verb, found, copular_words)
    # lemmas and surface forms: dictionaries write both ("DID N'T", "SAID", "TALKS")
    after = [t.lemma_.lower() for t in words] + [t.lower_ for t in words]
    prep_phrases = [
        (
            p.lower_,
            [t.lemma_.lower() for t in p.subtree if t.i != p.i and not found.names_actor(t.i)],
        )
        for p in preps
    ]
    # the words before the verb, from the start of the clause that reports it ("Ethiopia
    # indicated it would act …" matches "- INDICATED WOULD * NOW")
    top = verb
    while (top.dep_ in {"ccomp", "xcomp"} or _purpose(top)) and top.head.i < top.i:
        top = top.head
    preceding = verb.doc[min(top.left_edge.i, verb.left_edge.i) : verb.i]
    before = [t.lemma_.lower() for t in preceding] + [t.lower_ for t in preceding]
    if any(c.dep_ in SUBJECT_DEPS and conjuncts(c) for c in verb.children):
        before.append(COMPOUND)  # "A and B agree …": patterns written "% * [030:030]"
    objects_ = [c for c in verb.children if c.dep_ == "dobj"]
    objects_ += [g for p in preps for g in p.children if g.dep_ == "pobj"]
    if any(conjuncts(c) for c in objects_):
        after.append(COMPOUND)
    for name in names:
        entry = verbs.entry(name)
        if entry is None:
            continue
        code, pattern = verbs.match(
            name,
            after,
            prep_phrases,
            before,
            _sequence(verb.doc[verb.i + 1 : verb.sent.end]),
            [*_sequence(preceding), {VERB}],
        )
        reverse = pattern.reverse if pattern is not None else entry.reverse
        if not code or code[:2] in SPEECH_ROOTS:
            return None, None, None
        if pattern is None and lemma in LIGHT_VERBS:
            return None, None, None  # "take an approach", "hold a view": only a pattern codes them
        if code[:2] not in CLAUSE_TAKING_ROOTS and any(
            c.dep_ == "ccomp" and not (copular_words and _copular(c)) for c in verb.children
        ):
            return None, None, None  # "Lavrov affirmed that …": speech; the clause is coded itself
        return code, reverse, pattern
    return None, None, None


# ---------------------------------------------------------------------------- events
def _reciprocal(verb: Token) -> bool:
    """ "A and B delayed their meeting", "… met each other": the act is between the members."""
    for child in verb.children:
        if child.dep_ in {"dobj", "pobj", "prep"}:
            words = {t.lower_ for t in child.subtree}
            if "their" in words or {"each", "other"} <= words or {"one", "another"} <= words:
                return True
    return False


def _pair(event: Event) -> tuple[frozenset[str | None], str]:
    countries = {a.country for a in (event.source, event.target) if a is not None}
    return frozenset(countries), event.cameo[:2]


def _announces(verb: Token, coded_verbs: set[int]) -> bool:
    return verb.lemma_.lower() in INTENT_HEADS and any(
        c.dep_ == "xcomp" and c.i in coded_verbs for c in verb.children
    )


def _event_object(verb: Token) -> Token | None:
    """ "described his meeting with X": a verb whose object is itself an event noun."""
    return next((c for c in verb.children if c.dep_ == "dobj" and noun_event(c) is not None), None)


def _refers_back(noun: Token, event: Event, earlier: list[Event]) -> bool:
    """ "… after the meeting with Lavrov": definite, undated, and the pair already met."""
    definite = any(
        c.lower_ in {"the", "this", "that", "his", "her", "their", "its"}
        for c in noun.children
        if c.dep_ in {"det", "poss"}
    )
    dated = any(
        t.ent_type_ in {"DATE", "TIME"} and t.lower_ not in {"today", "tonight"}
        for t in noun.subtree
    )
    return definite and not dated and any(_pair(e) == _pair(event) for e in earlier)


# what each of "both ministers", "the two countries" can stand for
PAIR_KINDS: dict[str, Callable[[Actor], bool]] = {
    "minister": lambda actor: actor.sector == "GOV",
    "leader": lambda actor: actor.sector == "GOV",
    "country": lambda actor: actor.sector is None and len(actor.code or "") == 3,
}


def _both_sides(subject: Token, earlier: list[Event]) -> list[ActorRef]:
    """ "Both sides agreed …": the two parties of the article's last two-sided event."""
    if subject.lemma_.lower() not in {"side", "party", "country", "leader", "minister"}:
        return []
    if not any(c.lower_ in {"both", "two"} for c in subject.children):
        return []
    lemma = subject.lemma_.lower()
    fits = PAIR_KINDS.get(lemma, lambda actor: True)
    last = next(
        (
            e
            for e in reversed(earlier)
            if e.source and e.target and fits(e.source) and fits(e.target)
        ),
        None,
    )  # "the two ministers": the last two ministers who met, not a minister and a militia
    if last is None or last.source is None or last.target is None:
        return []
    return [
        ActorRef(subject.i, subject.left_edge.i, subject.i + 1, _copy(actor), "pair")
        for actor in (last.source, last.target)
    ]


def slot_roles(
    p: Predicate, sent: Span, found: ArticleActors, config: CoderConfig, earlier: list[Event]
) -> tuple[list[ActorRef], list[ActorRef], list[ActorRef]]:
    """The rules' sources and targets for a predicate, from its slots and the pattern's
    markers, and ``pair``: "both sides" resolved to the two sides of an earlier event."""
    pair: list[ActorRef] = []
    if p.noun is not None:
        sources_list = [r for t in p.noun.sources for r in with_conjuncts(t, found)]
        targets_list = [r for t in p.noun.targets for r in with_conjuncts(t, found)]
        between = p.noun.preps.get("between")
        if between is not None and len(sources_list) + len(targets_list) < 2:
            parties = linear_actors(between, found)  # the parse split the pair; read in order
            if len(parties) >= 2:
                sources_list, targets_list = parties[:1], parties[1:]
        partner = p.noun.preps.get("with") or p.noun.preps.get("to")
        if partner is not None and not targets_list:
            targets_list = linear_actors(partner, found)[:1]
        if p.noun.governor is not None:
            governing = governing_subjects(p.noun.governor, found, targets_list)
            if p.noun.governor_is_target:
                targets_list = targets_list or governing
            elif not sources_list:
                sources_list = governing
    else:
        subject = next((c for c in p.token.children if c.dep_ in SUBJECT_DEPS), None)
        pair = _both_sides(subject, earlier) if subject is not None else []
        passive_acts = config.conventions.agentless_passive_subject_acts
        sources_list = pair or subjects(p.token, found, passive_acts)
        excluded = {r.head for r in sources_list}
        targets_list = (
            []
            if pair
            else objects(
                p.token,
                found,
                excluded,
                p.code[:2],
                p.aims,
                places=config.conventions.places_are_targets,
            )
        )
    if p.learned:  # the model judged the act: roles from the phrases in the slots
        if not sources_list:
            sources_list = loose_subjects(p.token, found)
        harmed = _harmed_by_participle(p.token) if p.code[:2] in FORCE_ROOTS else set()
        if harmed:  # "five people killed in army shelling": whom the shelling hit
            sources_list = [r for r in sources_list if r.head not in harmed]
            refs = (loose_ref(sent.doc[i], found) for i in sorted(harmed))
            targets_list = targets_list or [r for r in refs if r is not None]
        between_members = len(sources_list) > 1 and _mutual_code(p.code)
        if between_members:  # "A and B agreed to share information on C": between A and B
            targets_list = [r for r in targets_list if _governed_by(sent.doc[r.head], p.token)]
        if not targets_list and not between_members:
            taken = {r.head for r in sources_list}
            targets_list = loose_objects(p.token, found, taken)
        if p.code[:2] in FORCE_ROOTS:  # "shelled central Damascus": the city is where, not whom
            targets_list = [r for r in targets_list if not _place(r, sent.doc)]
        sources_list = named_antecedents(sources_list, sent.doc, found)
        targets_list = named_antecedents(targets_list, sent.doc, found)
    if not sources_list and not targets_list:
        return [], [], pair
    if p.swap and sources_list and targets_list:
        sources_list, targets_list = targets_list, sources_list  # "- + * FROM $"
    for role, word, skip in p.anchors:  # "* IFTAR IN ^ +": the phrase the pattern points at
        placed = anchored_actors(p.token, word, skip, found)
        if placed and role == "target":
            targets_list = placed
        elif placed:
            sources_list = placed
    return sources_list, targets_list, pair


def _ranked_roles(
    p: Predicate,
    sent: Span,
    found: ArticleActors,
    config: CoderConfig,
    ruled_sources: list[ActorRef],
    ruled_targets: list[ActorRef],
    backers: frozenset[int],
) -> tuple[list[ActorRef], list[ActorRef]]:
    """The role model's source and target among the sentence's phrases, the rules' choice
    being one of its inputs; a chosen phrase brings the members the rules or the parse
    coordinate with it ("Kenya and Uganda"). ``backers``: the sentence's words that name a
    group's backer, never its source or target."""
    ranker = load_ranker(config.model)
    from eventwire.actors.kb import knowledge_base

    kb = knowledge_base(config)
    ruled = ruled_sources + ruled_targets
    candidates = phrases(sent, found, ruled, ranker.role_words, p.token, kb.country, kb.agent)
    places = {r.head for r in candidates if _place(r, sent.doc)}
    acts = _act_nouns(load_classifier(config.model).trigger_nouns)
    force = p.code[:2] in FORCE_ROOTS
    harm = p.code[:2] in HARM_ROOTS
    speakers, reported = _what_is_said(p)
    where_fought = _where_fighting_is(candidates, sent.doc)
    not_targets = (
        reporters_of(p.token)
        | where_fought
        | _channels(candidates, sent.doc)
        | _bylines(candidates, sent.doc)
        | _own_losses(candidates, sent.doc, p.token)
        | _topic_of(p.token)
        | (_question_of(p.token) if p.code[:2] == INVESTIGATE else set())
        | _locations(candidates, sent.doc, p.code)
        | _places_naming_acts(candidates, sent.doc, acts)
        | _inside_sources(p, ruled_sources, sent.doc)
        | (set() if force else _when(p.token))
        | backers
        | speakers
        | (_linked_clauses(p.token) if harm else set())
        | (_towns_of_the_story(candidates, sent.doc) if force else set())
        | _named_whereabouts(candidates, sent.doc)
    )
    reporting = reporters_of(p.token, True) if force else set()
    if any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in p.token.children):
        # "the Pentagon said it hit five bases": the pronoun the rules read as the speaker
        # makes the act the speaker's own
        reporting -= {r.head for r in ruled_sources}
        if not ruled_sources and p.token.dep_ == "ccomp":
            # "the Hamza Division announced it had killed …", a speaker no dictionary knows,
            # so no rule read the pronoun as it: the speaker may still be the act's source
            reporting -= _speakers(p.token.head)
    if p.code[:2] == "17" and _agentless_passive(p.token):
        # "a man was arrested, police said": police who tell of an arrest that names no one
        # who made it made it themselves
        reporting -= {r.head for r in candidates if r.head in reporting and _policing(r, sent.doc)}
    victims = victims_of(p.token) if force else set()
    not_sources = (
        backers
        | where_fought
        | reported
        | reporting
        | victims
        | under_other_names(victims, candidates)
        | (_media(candidates) if force else set())
    )

    def roles(barred: set[int]) -> tuple[list[ActorRef], list[ActorRef]]:
        choice = ranker.choose(
            p.token, p.code[:2], candidates, ruled_sources, ruled_targets, places, force,
            barred, not_sources,
        )  # fmt: skip
        obj = _coded_object(p.token, ruled_targets, barred)
        if obj is not None and all(r.head != obj.head for r in choice.sources + choice.targets):
            choice = RoleChoice(choice.sources, [obj])  # "blaming the Islamic State group"
        sources = named_antecedents(
            _with_members(choice.sources, ruled_sources, found, sent.doc), sent.doc, found
        )
        chosen_target = {r.head for r in choice.targets}
        fellows = {
            t
            for t in chosen_target
            for r in sources
            if _fellow_subjects(sent.doc[t], sent.doc[r.head])
        }
        if (
            fellows
            and p.code[:2] not in COOPERATION_ROOTS
            and not _mutual_code(p.code)
            and not _reciprocal(p.token)
            and not _seeks_accord(p.token)
        ):
            # "the regime and Russian jets struck western Aleppo": who acts with the source
            # acts, and is never its target; cooperation, an accord or a meeting may be
            # among them ("Russia and Saudi Arabia share a unified view")
            return roles(barred | fellows)
        targets = _with_members(choice.targets, ruled_targets, found, sent.doc)
        sources = [r for r in sources if r.head not in chosen_target]  # never on both sides
        source_heads = {r.head for r in sources}
        return sources, [r for r in targets if r.head not in source_heads]

    sources, targets = roles(not_targets)
    if force and not sources:
        # "six civilians were killed by rebel rocket fire", "… killed when rebels set off a
        # bomb": whose means the harm came by, or who acted in the clause that says when
        agent = _agent_of_harm(
            p.token, candidates, not_sources | {r.head for r in targets}, sent.doc, kb.agent, acts
        )
        if agent is not None:
            sources = named_antecedents(
                _with_members([agent], ruled_sources, found, sent.doc), sent.doc, found
            )
    source = _unguessed(sources[0]).actor if sources else None  # a guessed country: no side
    if source is not None and targets and all(_one_state(source, t.actor, harm) for t in targets):
        # "under government siege … as the army tries to break the rebel hold": a state's
        # organs fight on one side; its army is no counterpart of its government's siege
        again = roles(not_targets | {r.head for r in sources + targets})
        sources, targets = again if again[1] else (sources, [])
    if (
        source is not None
        and targets
        and all(_same_party(source, _unguessed(t).actor, people_apart=p.learned) for t in targets)
    ):
        # "Lavrov pledged that Russia will continue its efforts … for the Syrian people":
        # Russia is Lavrov's own side, so the act's counterpart is another phrase, if the
        # sentence names one; if not, an act on his own side's thing has no counterpart
        # ("Ruto defended Kenya's decision"), and one party on both sides codes nothing
        again = roles(not_targets | {r.head for r in sources + targets})
        if again[1]:
            return again
        if all(sent.doc[t.head].dep_ in OWNER_DEPS for t in targets):
            targets = []
    pool = TargetPool(candidates, places, not_targets, sources)
    if not targets or _side_clause_target(p.token, sent.doc[targets[0].head]):
        # "rejected the Iraqi government's demand", "lift the ban on Cypriot ships": an act on
        # a thing is aimed at the thing's owner (the guideline's "Brazil's request"), not at
        # an actor of a side clause ("…, arguing that the Kurds …")
        owner = _owner_of_object(p.token, pool)
        if owner is not None:
            return sources, _with_members([owner], ruled_targets, found, sent.doc)
    if force and not targets:
        # "troops shelled the town, killing 150 villagers": whom the act's own participle of
        # harm kills is whom the act hit, as a coded killing passes its target to the act
        # (``_harm_within_acts``) when the town, a place, is no counterpart
        hit = _killed_by_its_participle(p.token, pool) or _victim(victims, pool)
        if hit is not None:
            return sources, [hit]
    if targets and _in_side_clause(p.token, sent.doc[targets[0].head]):
        # "killed 15 Afghan Army trainees as they travelled home from the X academy": whom the
        # act names as its object, not a name in a clause of its own
        hit = _in_object(p.token, pool)
        if hit is not None:
            return sources, _with_members([hit], ruled_targets, found, sent.doc)
    if sources and not targets and reported:
        # a statement addressed to no one is about the actor its reported clause is about:
        # "Kirkuki said the Peshmerga are well-prepared" (the guideline's 010 about an actor)
        about = _about(p.token, candidates, sources[0])
        if about is not None:
            return sources, [about]
    return sources, targets


ACCORD_NOUNS = {"agreement", "deal", "accord", "compromise", "consensus", "understanding"}


def _seeks_accord(verb: Token) -> bool:
    """ "Turkey and Greece failed to reach an agreement": whatever the code, the act is
    between the members of its subject."""
    return any(
        t.lemma_.lower() in ACCORD_NOUNS
        for c in verb.children
        if c.dep_ in {"dobj", "xcomp", "prep"}
        for t in c.subtree
    )


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def _fellow_subjects(one: Token, other: Token) -> bool:
    """Two members of one coordinated subject ("the regime and Russian jets struck …") or
    agent ("an offensive by the army and Hezbollah"), not the two sides of "clashes between A
    and B"."""
    first = _first_conjunct(one)
    by_agent = first.dep_ == "pobj" and first.head.lower_ == "by"
    doer = first.dep_ in {"nsubj", "nsubjpass"} or by_agent
    return one != other and first == _first_conjunct(other) and doer


def _coded_object(verb: Token, ruled_targets: list[ActorRef], barred: set[int]) -> ActorRef | None:
    """The rules' target that is the verb's own coded direct object ("…, blaming the Islamic
    State group for the attack"): whom the act is done to, whatever else the sentence names."""
    for ref in ruled_targets:
        head = verb.doc[ref.head]
        if (
            ref.actor.code
            and head.dep_ == "dobj"
            and head.head.i == verb.i
            and not ref.holds_any(barred)
        ):
            return ref
    return None


OWNED_BY_PREPS = {"on", "against", "of", "by", "from"}


def _side_clause_target(verb: Token, head: Token) -> bool:
    """A target after the verb that is neither its object nor behind a preposition on it (or
    on its infinitive): "rejected the demands, arguing that the Kurds …"."""
    parent = head.head.head if head.dep_ == "pobj" else head.head
    own = parent.i == verb.i or (parent.dep_ == "xcomp" and parent.head.i == verb.i)
    return head.i > verb.i and not own


SIDE_CLAUSE_DEPS = {"advcl", "ccomp", "parataxis", "conj", "relcl", "acl"}


def _in_side_clause(verb: Token, head: Token) -> bool:
    """The word lies after the verb in a clause of its own (one with its own subject)."""
    if head.i < verb.i:
        return False
    node = head
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ in SIDE_CLAUSE_DEPS and node.pos_ in {"VERB", "AUX"}:
            return any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children)
        node = node.head
    return False


@dataclass
class TargetPool:
    """What a rule that replaces the ranker's target chooses among: the sentence's phrases, less
    places, barred tokens (reporters, locations …) and the source."""

    candidates: list[ActorRef]
    places: set[int]
    barred: set[int]
    sources: list[ActorRef]

    def free(self, ref: ActorRef) -> bool:
        return (
            ref.head not in self.places
            and not ref.holds_any(self.barred)
            and all(s.head != ref.head for s in self.sources)
        )


def _in_object(verb: Token, pool: TargetPool) -> ActorRef | None:
    """The first coded or named actor phrase inside the verb's direct object ("the country"
    or "the state of siege" name nobody), if the pool leaves it free."""
    objects_ = [c for c in verb.children if c.dep_ == "dobj"]
    for ref in pool.candidates:
        head = verb.doc[ref.head]
        if (
            any(o.i == head.i or o.is_ancestor(head) for o in objects_)
            and (ref.actor.code is not None or head.pos_ == "PROPN")
            and pool.free(ref)
        ):
            return ref
    return None


def _killed_by_its_participle(verb: Token, pool: TargetPool) -> ActorRef | None:
    """The phrase a participle of harm hanging on the act takes as object ("…, killing 150
    villagers", "…, wounding two soldiers"), if the pool leaves it free."""
    harmed = {
        o.i
        for c in verb.children
        if c.dep_ in {"advcl", "xcomp", "conj"}
        and c.tag_ == "VBG"
        and c.lemma_.lower() in HARM_LEMMAS
        for o in c.children
        if o.dep_ == "dobj"
    }
    return next((r for r in pool.candidates if r.head in harmed and pool.free(r)), None)


def _victim(victims: set[int], pool: TargetPool) -> ActorRef | None:
    """The phrase ``victims_of`` names as the one the act hurt ("43 killed in army shelling",
    "soldiers were wounded in the attack"): the guideline's target, a bare number too, when
    the ranker named none. Only the first in reading order."""
    return next((r for r in pool.candidates if r.head in victims and pool.free(r)), None)


WHEN_MARKS = {"when", "as"}


def _agent_of_harm(
    verb: Token,
    candidates: list[ActorRef],
    not_sources: Collection[int],
    doc: Doc,
    agent: Callable[[str], str | None],
    acts: frozenset[str],
) -> ActorRef | None:
    """Who did the harm an act of force with no source names elsewhere: the owner of the act
    it came by ("killed by rebel rocket fire", "in Syrian air force raids", "in a mortar attack
    carried out by an Islamist brigade") or the subject of the clause that says when it
    happened ("were killed when rebels set off a bomb", "as the army stepped up its
    operations"). Only a phrase that is none of its victims, and no pronoun (in "killed as
    they tried to enter", they are the victims); the first in reading order. A noun that names
    an agent hung on the act's own noun ("rebel fire", which the parse reads as an adjective)
    is no phrase of the ranker's, but it is who fired. ``acts``: the nouns that name acts."""
    means = [
        o
        for c in verb.children
        if c.dep_ in {"prep", "agent"} and c.lower_ in HARM_IN
        for o in c.children
        if o.dep_ == "pobj" and o.lemma_.lower() in acts
    ]
    owners: set[int] = set()
    for noun in means:
        mods = [m for m in noun.children if m.dep_ in OWNER_DEPS]
        owners |= {i for m in mods for i in (m.i, *(c.i for c in m.conjuncts))}
    for noun in [*means, verb] if verb.pos_ == "NOUN" else means:
        owners |= {  # "an attack carried out by X"
            o.i
            for m in noun.children
            if m.dep_ in {"acl", "relcl"}
            for a in m.children
            if a.dep_ == "agent"
            for o in a.children
            if o.dep_ == "pobj"
        }
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in WHEN_MARKS for m in clause.children
        ):
            owners |= {c.i for c in clause.children if c.dep_ == "nsubj"}
    named = next(
        (
            r
            for r in candidates
            if (r.head in owners or any(r.start <= i < r.end for i in owners))
            and r.head not in not_sources
            and doc[r.head].pos_ != "PRON"
            and not _place(r, doc)
        ),
        None,
    )
    if named is not None:
        return named
    if verb.pos_ == "NOUN":
        owners |= {m.i for m in verb.children if m.dep_ in OWNER_DEPS}
    return next(
        (
            ActorRef(t.i, t.i, t.i + 1, Actor(t.text), "phrase")
            for t in sorted(doc[i] for i in owners)
            if t.pos_ == "NOUN"
            and t.lemma_.lower() not in INSTRUMENT_HEADS  # "artillery fire": a weapon
            and t.i not in not_sources
            and _armed(agent(t.text))
            and all(not r.holds_any({t.i}) for r in candidates)
        ),
        None,
    )


def _armed(sector: str | None) -> bool:
    """An agent that bears arms: a state's forces or a non-state armed group."""
    return armed_agent(sector) or (sector or "")[:3] in {"MIL", "COP", "SPY"}


def _nearest_modifiers(token: Token) -> list[Token]:
    """The word's owner-like modifiers before it, nearest first."""
    before = (c for c in token.children if c.dep_ in OWNER_DEPS and c.i < token.i)
    return sorted(before, key=lambda c: token.i - c.i)


def _owner_of_object(verb: Token, pool: TargetPool) -> ActorRef | None:
    """The actor who owns the thing a verb acts on: its possessor or named modifier ("the Iraqi
    government's demand", "a U.S. Supreme Court decision", "Turkish demands"), else the actor
    it is on, against, of or by ("the ban on Cypriot ships"), nearest first. The thing is no
    actor itself, nor a place; the owner is a coded actor, not the source's own side."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    by_head = {r.head: r for r in pool.candidates}
    allowed = {
        r.head
        for r in pool.candidates
        if r.actor.code is not None
        and pool.free(r)
        and not any(_same_party(s.actor, r.actor, True) for s in pool.sources)
    }
    things = [c for c in verb.children if c.dep_ == "dobj"]
    things += [  # "refused to lift the ban on …", "moved to suspend the deal with …"
        g for c in verb.children if c.dep_ == "xcomp" for g in c.children if g.dep_ == "dobj"
    ]
    for thing in things:
        bare = ActorRef(thing.i, thing.i, thing.i + 1, Actor(thing.text), "phrase")
        if thing.i in by_head or _place(bare, verb.doc):
            continue
        owners = _nearest_modifiers(thing)
        owners += [
            g
            for c in thing.children
            if c.dep_ == "prep" and c.lower_ in OWNED_BY_PREPS
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for owner in (m for o in owners for m in [o, *conjuncts(o)]):  # "Iraqi and Turkish"
            if owner.i in allowed:
                return by_head[owner.i]
            coded = owner.i in by_head and by_head[owner.i].actor.code is not None
            inner = _nearest_modifiers(owner)
            if not coded and (hit := next((c for c in inner if c.i in allowed), None)):
                return by_head[hit.i]  # "the ban on Cypriot ships": the ships' state
    return None


def _about(verb: Token, candidates: list[ActorRef], source: ActorRef) -> ActorRef | None:
    """The named actor a statement's reported clause is about: that clause's subject, when it
    names an actor other than the speaker's own side."""
    for clause in (c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}):
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        ref = next((r for r in candidates if r.head == subject.i), None)
        if ref is not None and _named(ref) and not _same_party(source.actor, ref.actor, True):
            return ref
    return None


TEMPORAL_PREPS = {"after", "before", "following", "during", "since", "until", "ahead", "prior"}


def _when(predicate: Token) -> set[int]:
    """Words of the predicate's own time phrase: "told reporters after the meeting with
    Lavrov" is not told to Lavrov (the meeting is an event of its own). Not for acts of
    force: "captured the town after clashes with IS" took it from IS."""
    return {
        t.i
        for c in predicate.children
        if c.dep_ == "prep" and c.lower_ in TEMPORAL_PREPS
        for t in c.subtree
    }


def _inside_sources(p: Predicate, ruled_sources: list[ActorRef], doc: Doc) -> set[int]:
    """Words inside the source's own phrase, never the target: "Houthi rebels of Yemen", the
    other members of "X and Y launched an appeal", "the minister, who met X, urged Y". Not
    for acts done among the members ("Kenya and Uganda agreed"), nor the predicate's own
    words ("rebels who attacked Y")."""
    if _mutual_code(p.code):
        return set()
    own = {t.i for t in p.token.subtree}
    return {
        t.i for r in ruled_sources for t in doc[r.head].subtree if t.i not in own and t.i != r.head
    }


def _media(candidates: list[ActorRef]) -> set[int]:
    """News media ("Reuters reported …", "Monitor AFP"): they report force, never use it."""
    return {r.head for r in candidates if "MED" in {r.actor.code, r.actor.sector}}


def reporters_of(predicate: Token, told_only: bool = False) -> set[int]:
    """Who reports the predicate's clause, or hears the report: the subject of a verb of saying
    above it ("X said that Y attacked Z", "X urged Y to …") or beside it ("Y seized the town,
    the Pentagon said"), whoever is told ("sources told SANA that …"), and "according to X".
    The act is theirs to tell, not done to them. ``told_only``: a verb above counts only when
    the act is in the clause it reports ("X said the attack killed …"), not in one it
    commits to ("X threatened to strike", "X admitted using …") or shares a subject with
    ("X declared a siege and sent in troops"): those acts are the speaker's own."""
    chain = [predicate, *predicate.ancestors]
    verbs = [
        t
        for below, t in zip(chain, chain[1:], strict=False)
        if t.pos_ in {"VERB", "AUX"} and (not told_only or below.dep_ in {"ccomp", "parataxis"})
    ]
    for clause in chain:
        verbs += [
            c
            for c in clause.children
            if c.dep_ in {"ccomp", "parataxis", "advcl"}
            and c.i != predicate.i
            and not any(g.dep_ in {"ccomp", "xcomp", "dobj"} for g in c.children)
        ]
    closing = _closing_report(predicate)
    if closing is not None:
        verbs.append(closing)
    out = set()
    for verb in verbs:
        if verb.lemma_.lower() in SPEECH_VERBS:
            out |= _speakers(verb)
            if verb.lemma_.lower() in {"tell", "inform", "brief"}:  # "told SANA that …"
                out |= {c.i for c in verb.children if c.dep_ in {"dative", "dobj"}}
    for clause in chain:
        for prep in clause.children:
            if prep.lower_ == "according" and prep.dep_ == "prep":
                to = next((c for c in prep.children if c.lower_ == "to"), None)
                sources = (c for c in (to.children if to else ()) if c.dep_ == "pobj")
                out |= {t.i for c in sources for t in c.subtree}  # "a report by X": X too
    return out


# verbs whose object (or passive subject) suffers the act of force: a victim, never its author
SUFFER_LEMMAS = {"suffer", "sustain", "incur"}
HARM_LEMMAS = {
    "kill", "injure", "wound", "hurt", "maim", "destroy", "damage", "execute", "behead",
    "massacre", "slaughter", "eliminate", "neutralize", "neutralise",
}  # fmt: skip


def under_other_names(heads: set[int], candidates: list[ActorRef]) -> set[int]:
    """The phrases that name the same coded actor as one of ``heads``: whoever is hit is not
    who hits under any of its names ("The ISIL (Islamic State ISIS) equipment was destroyed in
    the attacks": the parenthesis is the same group)."""
    codes = {r.actor.code for r in candidates if r.head in heads and r.actor.code}
    return {r.head for r in candidates if r.actor.code in codes}


# the nouns of a fight whose two sides are each other's, whatever the order they are named in
CLASH_WORDS = {"clash", "battle", "fighting", "fight", "confrontation", "skirmish"}


def _sides_among_the_dead(
    p: Predicate, found: ArticleActors
) -> tuple[list[ActorRef], list[ActorRef]] | None:
    """ "30 regime soldiers and 39 rebel fighters were killed in battles around al-Maleh": a
    fight that names no side of its own, whose dead are two coordinated armed parties of
    different codes, was fought between those two (a victim is otherwise never a source)."""
    if p.code[:2] != "19" or p.token.lemma_.lower() not in CLASH_WORDS:
        return None
    if any(
        c.dep_ == "prep" and c.lower_ in {"with", "between", "against"} for c in p.token.children
    ):
        return None  # "killed in clashes with the army": the fight names its other side
    doc = p.token.doc
    for head in sorted(victims_of(p.token)):
        members = [doc[head], *(c for c in doc[head].children if c.dep_ == "conj")]
        refs = [found.at(m) for m in members]
        codes = [r.actor.code for r in refs if r is not None]
        two_sides = len(members) == 2 == len(codes) and codes[0] != codes[1]
        if two_sides and all(map(_fighting_party, codes)):
            first, second = refs
            assert first is not None and second is not None
            return [first], [second]
    return None


def _fighting_party(code: str | None) -> bool:
    """A code of a party that fights: a state's military or police, or an armed group."""
    return armed_group(code) or sector_part(code or "") in {"MIL", "COP"}


def victims_of(predicate: Token) -> set[int]:
    """Who suffers the act: the passive subject or object of a verb of harm that is the
    predicate, or that the predicate hangs on by a preposition ("40 fighters were killed in
    the offensive", "were injured due to the clashes") or as its subject ("clashes killed 40
    rebels"), and the subject of "suffered" losses in it. Never the act's source."""
    verb: Token | None = predicate
    for _ in range(3):
        if verb is None or verb.pos_ in {"VERB", "AUX"}:
            break
        # "in the offensive", "by air strikes", and an act that is the subject: "clashes kill
        # 40 rebels"
        verb = (
            verb.head
            if verb.dep_ in {"pobj", "pcomp", "prep", "agent", "amod", "dobj", "nsubj"}
            else None
        )
    out = _harmed_by_participle(predicate)
    if verb is not None and verb.lemma_.lower() in SUFFER_LEMMAS:
        # "ISIL suffered a heavy death toll in the air raids": its subject is who was hit
        return out | {c.i for c in verb.children if c.dep_ == "nsubj"}
    if verb is None or verb.lemma_.lower() not in HARM_LEMMAS:
        return out
    active_object = {"dobj"} if verb.i != predicate.i else set()
    return out | {c.i for c in verb.children if c.dep_ in {"nsubjpass", *active_object}}


def _harmed_by_participle(predicate: Token) -> set[int]:
    """Nouns a past participle of harm describes ("five people killed in army shelling",
    "soldiers wounded in the attack"), the headline's passive: the people the act hit, when
    the act is in the participle's clause or the parse made the noun its subject."""
    out = set()
    for verb in [predicate, *predicate.ancestors][:3]:
        out |= _headline_passive_subjects(verb)
    for noun in [*predicate.children, *predicate.ancestors]:
        for acl in noun.children:
            if (
                acl.dep_ == "acl"
                and acl.tag_ == "VBN"
                and acl.lemma_.lower() in HARM_LEMMAS
                and (noun.head == predicate or predicate in acl.subtree)
            ):
                out.add(noun.i)
    return out


def _headline_passive_subjects(verb: Token) -> set[int]:
    """The subject of a verb of harm with no object and no "have" ("70 ISIS terrorists killed
    in joint air strikes", "30 terrorists killed"): a headline's passive with its "were"
    dropped, which the parse reads as an active verb; an active one names whom it harms."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in HARM_LEMMAS:
        return set()
    deps = {c.dep_ for c in verb.children}
    if deps & {"dobj", "dative", "ccomp", "xcomp", "attr", "auxpass", "nsubjpass", "agent"}:
        return set()
    if any(
        c.dep_ == "aux" and c.lemma_.lower() in {"have", "will", "would"} for c in verb.children
    ):
        return set()
    return {c.i for c in verb.children if c.dep_ == "nsubj"}


def _what_is_said(p: Predicate) -> tuple[set[int], set[int]]:
    """For a statement coded on a verb of saying: who speaks (never its target) and the words
    of the clause they report, whose actors are never its source ("the Peshmerga are
    well-prepared, said Kirkuki": Kirkuki speaks, not the Peshmerga)."""
    verb = p.token
    if p.noun is not None or verb.lemma_.lower() not in SPEECH_LEMMAS or p.code[:2] != "01":
        return set(), set()
    speakers = _speakers(verb)
    if not speakers:
        return set(), set()
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
    return speakers, {t.i for c in clauses for t in c.subtree} - speakers


def _closing_report(predicate: Token) -> Token | None:
    """The verb of saying that closes the sentence after the act, however the parse hung it
    ("… on Wednesday Al-Alam News Network reports."; text that lost its commas)."""
    words = [t for t in predicate.sent if not t.is_punct]
    last = words[-1] if words else None
    if (
        last is None
        or last.i <= predicate.i
        or last.pos_ != "VERB"
        or last.lemma_.lower() not in SPEECH_VERBS
        or any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in last.children)
    ):
        return None
    return last


def _speakers(verb: Token) -> set[int]:
    """Who speaks through a verb of saying (``saying.subject_of``: its subject, the agent of
    a passive, the noun a relative clause hangs on, "…,” said X")."""
    speaker, _ = subject_of(verb)
    if speaker is None:
        return set()
    if speaker.dep_ not in SUBJECTS:
        return _with_appositions({speaker})
    # "The opposition National Coalition said": the parser may split one subject in two
    return _with_appositions(
        {c for c in speaker.head.children if c.dep_ in SUBJECTS and c.tag_ not in {"WP", "WDT"}}
    )


def _with_appositions(speakers: set[Token]) -> set[int]:
    """The speakers and what they are called beside their names ("Abu Obeida, the Hamas
    spokesman, claimed …"): one person, so never the target of the act they tell."""
    named = {c for t in speakers for c in t.children if c.dep_ == "appos"}
    return {t.i for t in speakers | named}


def _with_members(
    chosen: list[ActorRef], ruled: list[ActorRef], found: ArticleActors, doc: Doc
) -> list[ActorRef]:
    if not chosen:
        return []
    first = chosen[0]
    if any(r.head == first.head for r in ruled):  # "US and Russian diplomats": both
        return sorted(ruled, key=lambda r: r.head != first.head)
    members = with_conjuncts(doc[first.head], found)
    listed = first.actor.code is None and next(listing_preps(doc[first.head]), None) is not None
    if listed and members:  # "regional sides, including Iran and Turkey": Iran and Turkey
        return members
    return [
        first,
        *(
            _same_means(r, first)
            for r in members
            if (r.head, r.actor.code) != (first.head, first.actor.code)
        ),
    ]


def _same_means(member: ActorRef, first: ActorRef) -> ActorRef:
    """ "Russian and Syrian air strikes": the first state owns the strikes (RUSMIL), so the
    second state named on them owns them too, as its forces (SYRMIL, not the bare state)."""
    a = member.actor
    if first.how != "instrument" or not first.actor.sector or a.code is None or a.code != a.country:
        return member
    actor = Actor(
        a.text, compose_code(a.country, first.actor.sector), a.country, first.actor.sector, a.name
    )
    return ActorRef(member.head, member.start, member.end, actor, "instrument")


def _events_for(
    p: Predicate,
    sent: Span,
    index: int,
    found: ArticleActors,
    config: CoderConfig,
    earlier: list[Event],
    backers: frozenset[int],
) -> Iterator[Event]:
    sources_list, targets_list, pair = slot_roles(p, sent, found, config, earlier)
    sides = _sides_among_the_dead(p, found) if p.learned else None
    if sides is not None:
        sources_list, targets_list = sides
    elif p.learned and not pair and not _received_from(p, sources_list, targets_list):
        sources_list, targets_list = _ranked_roles(
            p, sent, found, config, sources_list, targets_list, backers
        )
    if not sources_list and not targets_list:
        return
    # acts between the members of a coordinated subject: consultations ("Lavrov and Kerry
    # discussed"), codes the dictionary makes symmetric, "their meeting", "both sides agreed";
    # not "Italy, Greece and Denmark backed the plan", which is three acts toward a plan
    symmetric = p.reverse is not None and p.reverse == p.code
    agreeing = bool(pair) and p.code[:2] in {"03", "04", "05"}
    # the model judged an act; "A and B agreed / signed an agreement" is between them
    agreeing = agreeing or (p.learned and _mutual_code(p.code))
    mutual = _consulting(p.code) or symmetric or agreeing or _reciprocal(p.token)
    joint = not targets_list and len(sources_list) > 1 and mutual
    if joint:  # "Lavrov and Kerry discussed …": a joint act between the members
        targets_list = sources_list[1:]
        sources_list = sources_list[:1]
    governor = p.noun.governor if p.noun else None
    if governor is not None and governor.lemma_.lower() in INTENT_HEADS:
        modality = "intended"  # "preparing for a new meeting"
    else:
        modality = modality_of(governor or p.token)
    # "did not attack", "denied attacking", "refrained from attacking": the act's own words or
    # those of the verb an event noun hangs on ("stopped short of imposing sanctions")
    # A denial the model codes as such (016) is the act itself, not what it denies, and a
    # forgone act coded as a rejection (12: "failed to reach agreement") is the rejection.
    told_not_done: tuple[Callable[[Token], bool], ...] = (is_negated, is_denied, is_forgone)
    if p.code[:3] == DENIAL:
        told_not_done = (is_negated,)
    elif p.code[:2] == "12":
        told_not_done = (is_negated, is_denied)
    negated = any(
        said_not_done(t)
        for t in (p.token, governor)
        if t is not None
        for said_not_done in told_not_done
    )
    code = p.code
    # the dictionary's yielding act, when the model coded this predicate
    yielding = p.hint if p.learned and p.hint is not None and yields(p.hint) else None
    if yielding is not None and code[:2] == "03" and yielding[:3] in INTENT_TO_YIELD:
        # the model read an intent; the dictionary says the act is a yielding one
        code = INTENT_TO_YIELD[yielding[:3]]
    elif yielding is not None and code[:2] == "12" and negated:
        # the model read "will not lift the ban" as the refusal it is; the negation is the
        # refusal's, and the dictionary's yielding act says which (1244)
        code = yielding
    elif p.learned and code[:2] == "12" and negated and (p.hint or "")[:2] != "12":
        # "says it will not accept refugees" read as the rejection it is: the negation is the
        # refusal's ("did not reject the plan", a rejection verb, stays a negated rejection),
        # and the refusal is made now, not intended
        negated = False
        modality = "asserted" if modality == "intended" else modality
    if p.learned and code[:2] in {"18", "19", "20"} and names_chemical_weapon(p.token):
        code = "2041"  # CAMEO: an attack with chemical weapons is their use, mass violence
    withheld_yield = yields(code) and config.conventions.withheld_yield_is_a_refusal
    if p.token.dep_ == "xcomp" and p.token.head.lemma_.lower() in REFUSAL_HEADS:
        # "refused to allow inspectors": CAMEO codes the refusal, as a rejection, and a refused
        # yielding act ("refused to release the hostages") as that act's refusal (1243)
        code = refusal_to_yield(code) if withheld_yield else "120"
    elif negated and modality != "hypothetical" and withheld_yield:
        code, negated, modality = refusal_to_yield(code), False, "asserted"
    elif (
        modality != "asserted"
        and code[:2] in INTENT_CODE
        and config.conventions.intent_has_its_own_code
    ):
        code = INTENT_CODE[code[:2]]
    if (
        negated
        and modality != "hypothetical"
        and code[:2] == "03"
        and config.conventions.withheld_yield_is_a_refusal
    ):
        # "says it will not accept refugees": an intent withheld is CAMEO's rejection (12x),
        # an act of its own, as a withheld yield is the refusal to yield
        code, negated, modality = refused_intent(code), False, "asserted"
    no_actor: list[ActorRef | None] = [None]
    conventions = config.conventions
    claimer = _contesting_claimer(p, found) if p.learned and code[:2] in HARM_ROOTS else None
    for src in sources_list or no_actor:
        if (
            claimer is not None
            and src is not None
            and src.actor.code
            and not _same_party(claimer.actor, src.actor, people_apart=True)
        ):
            # "opposition sources claimed Russian jets hit an outpost": a party's contested
            # claim of the other side's act is its accusation (the guideline), not the act
            yield _event(p, CONTESTED_CLAIM, claimer, src, sent, index, "asserted", False)
            continue
        for tgt in targets_list or no_actor:
            # one party on both sides codes nothing; PETRARCH keeps a state's own parts apart
            # ("MORMIL->MOR")
            if (
                src is not None
                and tgt is not None
                and _same_party(src.actor, tgt.actor, people_apart=p.learned)
                and (conventions.same_state_parts_are_one_party or src.actor.code == tgt.actor.code)
            ):
                if not p.learned:
                    continue
                src, tgt = _unguessed(src), _unguessed(tgt)
                if GUESS_DROPPED not in (src.how, tgt.how):
                    continue
            if not _roles_complete(
                src, tgt, code, p.learned, config.allow_missing_target, sent.doc, p.token
            ):
                continue
            yield _event(p, code, src, tgt, sent, index, modality, negated)
            if src is None or tgt is None:
                continue
            # the other direction: CAMEO's [A:B] codes ("visit" → "host"); PETRARCH also
            # writes symmetric codes and joint acts twice, which eventwire's default does not
            both = conventions.both_directions_for_symmetric_and_joint
            reverse = p.reverse if p.reverse != code or both else None
            if reverse is None and joint and both:
                reverse = code
            if reverse and (modality == "asserted" or both):
                yield _event(p, reverse, tgt, src, sent, index, modality, negated)


# a party's claim that the other side used force is its accusation: CAMEO's 112
CONTESTED_CLAIM = "112"
CLAIM_VERBS = {"claim", "allege"}
# how a claimed clause hangs on "claim": its complement, object, or what modifies them
CLAIMED_DEPS = {"ccomp", "xcomp", "dobj", "conj", "acl", "npadvmod"}
HARM_ROOTS = {"18", "19", "20"}


def _contesting_claimer(p: Predicate, found: ArticleActors) -> ActorRef | None:
    """Who claims the act, when the act is the clause of "claim" or "allege" and the claimer
    is a coded party (not a news outlet or a monitor, whose report codes the act itself)."""
    verb = p.noun.governor if p.noun is not None and p.noun.governor is not None else p.token
    if verb.dep_ == "pobj":  # "injured by Russian airstrikes": the clause the act's noun is in
        verb = verb.head.head
    for _ in range(3):  # "claim fighter killed, others injured by …" (a headline): both claimed
        if verb.dep_ not in CLAIMED_DEPS or verb.head == verb:
            return None
        verb = verb.head
        if verb.lemma_.lower() in CLAIM_VERBS:
            break
    else:
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        ref = found.at(subject)
        if ref is not None and ref.actor.code and ref.actor.sector not in {"MED", "NGO"}:
            return ref
    return None


# Acts with no named agent ("air strikes killed 12 civilians", "the journalist was arrested"):
# the learned coder codes them with a null source. Every other event needs someone who acts
# (but see NAMED_OUTRIGHT);
# the learned coder codes acts with no named counterpart ("protesters blocked roads") with a
# null target.
OPEN_SOURCE_ROOTS = {"17", "18", "19", "20"}
# Any other act told in an agentless passive keeps its null source when whom it befell is named
# outright ("Three Russians and one Ukrainian have been released from captivity in Libya").
NAMED_OUTRIGHT = {"kb", "country", "country+agent", "capital", "owned", "instrument", "led"}
# acts of force, whose object may be a place: a capital there is the city, not its government
FORCE_ROOTS = {"14", "15", "17", "18", "19", "20"}


# prepositions that say where an act of force happens, not at whom ("fired at Saudi Arabia"
# names the target)
WHERE_NOT_WHOM = {"in", "near", "around", "outside", "inside", "across", "along", "throughout"}
BORDER_WORDS = {"border", "frontier", "boundary"}
PLACE_NOUNS = {
    "town", "village", "city", "neighbourhood", "neighborhood", "district", "area", "region",
    "province", "countryside", "camp", "suburb", "outskirts", "border", "street", "market",
    "bastion",
    "hospital", "school", "building", "road", "territory", "enclave", "stronghold", "airport",
    "centre", "center",
}  # fmt: skip
# words for a part of a place: the name they take "of" is a place ("the southern side of X")
PART_OF_PLACE = {"side", "part", "edge", "heart", "vicinity", "entrance", "centre", "center"}


# things an act of force hits; whose they are makes them a target ("Russian jets"), alone
# they are not one ("an air strike destroyed two vehicles")
OBJECT_NOUNS = {
    "vehicle", "car", "truck", "bus", "convoy", "ship", "boat", "vessel", "tanker", "plane",
    "aircraft", "helicopter", "jet", "drone", "tank", "house", "home", "mosque", "church",
    "bridge", "factory", "plant", "facility", "site", "station", "depot", "port", "terminal",
    "infrastructure", "compound", "complex", "office", "shop", "warehouse", "weapon", "ied",
}  # fmt: skip


def _place(ref: ActorRef, doc: Doc) -> bool:
    """A capital as the city, a named place with no actor code, a place noun ("the rebel
    town"), or a thing nobody is named as owning ("two vehicles"): where an act of force
    happens or what it hits, never whom it hits."""
    head = doc[ref.head]
    lemma = head.lemma_.lower()
    if ref.how == "capital" or lemma in PLACE_NOUNS or _held(head):
        return True
    if ref.actor.code is None and lemma in OBJECT_NOUNS:
        return True
    if lemma in MILITARY_PLACES and not held_position(head):
        return True  # "the rebel stronghold of Eastern Ghouta": the region
    if ref.actor.code is None and lemma in MILITARY_PLACES:
        # "a checkpoint", "the base": whose, the text does not say ("an army checkpoint" does)
        return not any(c.dep_ in {"compound", "amod", "poss", "nmod"} for c in head.children)
    if ref.actor.code is None and (_named_by_place_noun(head) or _shelled_name(head)):
        return True
    if _region_of(head) or _part_of_place(head):
        return True
    return ref.actor.code is None and head.ent_type_ in {"GPE", "LOC", "FAC"}


def _towns_of_the_story(candidates: list[ActorRef], doc: Doc) -> set[int]:
    """Uncoded names the gazetteer knows as towns or regions of the story's country
    ("shelled Zabadani", "air strikes on western Aleppo" in a Syrian story): where an act
    of force happens, never whom it hits. Scraped copy often leaves such names untagged, or
    tagged as a person, so ``_place`` misses them. Only the story's own country's, so a
    person no dictionary knows is not taken for a namesake town abroad."""
    resolver = doc.user_data.get(RESOLVER_KEY)
    country = resolver.main_country() if resolver is not None else None
    if country is None:
        return set()
    out = set()
    for ref in candidates:
        if ref.actor.code is not None or doc[ref.head].pos_ != "PROPN":
            continue
        words = [
            t.text
            for t in doc[ref.start : ref.end]
            if t.pos_ not in {"DET", "PART", "PUNCT"} and t.lower_ not in COMPASS_WORDS
        ]
        if words and place_of_country(" ".join(words), country):
            out.add(ref.head)
    return out


def _part_of_place(head: Token) -> bool:
    """ "the southern side", "its northern edge": a part of a place by its bearing, where (a
    side with no bearing may be a party: "the Syrian side")."""
    return head.lemma_.lower() in PART_OF_PLACE and any(
        c.dep_ in {"amod", "compound"} and c.lower_ in COMPASS_WORDS for c in head.children
    )


# verbs of force whose object is ground, never a person: "shelled Flita", "stormed Harasta"
AREA_VERBS = {
    "shell", "bomb", "bombard", "pound", "storm", "besiege", "capture", "seize", "overrun",
    "recapture", "retake", "encircle", "raid", "strafe", "blockade", "liberate",
}  # fmt: skip


def _shelled_name(head: Token) -> bool:
    """A name no dictionary knows as the object of a verb of area attack ("the army shelled
    Flita and Douma"): a town the tagger may take for a person, where the act happens."""
    head = _first_conjunct(head)
    return head.pos_ == "PROPN" and head.dep_ == "dobj" and head.head.lemma_.lower() in AREA_VERBS


def _region_of(head: Token) -> bool:
    """ "western Syria", "north-eastern Nigeria": a region of the country, a place, not its
    state (never "North Korea" or "South Sudan", whose compass word is the name's)."""
    return head.ent_type_ in {"GPE", "LOC"} and any(
        c.dep_ in {"amod", "compound", "advmod"} and c.text.islower() and c.lower_ in COMPASS_WORDS
        for c in head.lefts
    )


HOLDING_LEMMAS = {"hold", "control", "besiege", "occupy", "dominate"}


HOLDER_DEPS = {"npadvmod", "compound", "nmod", "amod"}  # "rebel" of "rebel-held"


def _holding_word(token: Token) -> bool:
    """ "held" of "rebel-held eastern Aleppo", "controlled" of "ISIS-controlled territory"."""
    return token.dep_ == "amod" and token.tag_ == "VBN" and token.lemma_.lower() in HOLDING_LEMMAS


def _held(head: Token) -> bool:
    """ "rebel-held eastern Aleppo", "ISIS-controlled territory": a place by who holds it."""
    return any(
        _holding_word(c) and any(g.dep_ in HOLDER_DEPS for g in c.children) for c in head.children
    )


def _named_by_place_noun(head: Token) -> bool:
    """The name in "the village of Shalaf", "the town of Douma": a place whatever the
    tagger made of it."""
    of = head.head
    place_words = PLACE_NOUNS | PART_OF_PLACE
    return (
        head.dep_ == "pobj"
        and of.lower_ == "of"
        # the word as written too: spaCy lemmatises "outskirts" to "outskirt"
        and (of.head.lemma_.lower() in place_words or of.head.lower_ in place_words)
        and head.pos_ == "PROPN"
    )


def _named_whereabouts(candidates: list[ActorRef], doc: Doc) -> set[int]:
    """An uncoded name after a preposition of place ("negotiations in Geneva", "lay down their
    arms in Mazar-i-Sharif", "strikes at two crossings near Sheikh Ali"): where the act is,
    whatever its root, never whom it is aimed at. A coded state or capital there may still
    be the party ("interference in Syria")."""
    return {
        ref.head
        for ref in candidates
        if ref.actor.code is None
        and doc[ref.head].dep_ == "pobj"
        and doc[ref.head].head.lower_ in WHERE_NOT_WHOM | {"at"}
        and (doc[ref.head].pos_ == "PROPN" or doc[ref.head].ent_type_ in {"GPE", "LOC", "FAC"})
    }


def _locations(candidates: list[ActorRef], doc: Doc, code: str) -> set[int]:
    """Where an act of force happens, named by its state: a country after a preposition of
    place ("clashes in western Syria", "near Turkey") or a nationality on a place noun ("the
    Turkish border"). Never the act's target."""
    if code[:2] not in FORCE_ROOTS:
        return set()
    out = set()
    for ref in candidates:
        head = doc[ref.head]
        named_place = _names_place(ref, head)
        after_place_word = (
            named_place
            and head.dep_ == "pobj"
            and (head.head.lower_ in WHERE_NOT_WHOM or head.head.head.lemma_.lower() in PLACE_NOUNS)
        )  # "clashes in western Syria", "on the border with Turkey"
        # an uncoded name a place noun names: "the outskirts of Kafr Nabudah", "the town of X"
        after_place_word = after_place_word or (not ref.actor.code and _named_by_place_noun(head))
        on_place_noun = (
            head.dep_ in {"amod", "compound"} and head.head.lemma_.lower() in PLACE_NOUNS
        )
        # "on the border with Turkey", however the parse attaches "with"
        across_border = (
            named_place
            and head.dep_ == "pobj"
            and head.head.lower_ == "with"
            and head.head.i > 0
            and doc[head.head.i - 1].lower_ in BORDER_WORDS
        )
        if after_place_word or on_place_noun or across_border or _holder_of_place(head):
            out.add(ref.head)
    return out


@lru_cache(maxsize=4)
def _act_nouns(trigger_nouns: frozenset[str]) -> frozenset[str]:
    """The nouns that name acts: the model's trigger nouns and the nominal-event lexicon's."""
    return trigger_nouns | frozenset(noun_lexicon())


def _places_naming_acts(candidates: list[ActorRef], doc: Doc, acts: frozenset[str]) -> set[int]:
    """A named place that names an act (a noun of ``acts``: "the Garissa attack", "both the
    Jenin and the Nablus attacks"): where it happened, never whom an act about it is aimed at."""
    out = set()
    for ref in candidates:
        head = doc[ref.head]
        if not _names_place(ref, head):
            continue
        names_act = head.dep_ == "compound" and head.head.lemma_.lower() in acts
        # the parser may hang the act on the first place: "the Jenin [and the Nablus attacks]"
        names_act = names_act or any(
            c.dep_ == "conj" and c.lemma_.lower() in acts for c in head.children
        )
        if names_act:
            out.add(ref.head)
    return out


# acts of two sides fighting each other: a state or place that names one says where it is
# ("Syria fighting kills 132 IS fighters", "Yemen clashes"), not who fights ("US strikes" do)
MUTUAL_FIGHTING = {
    "fighting", "fight", "clash", "war", "conflict", "violence", "unrest", "battle", "combat",
    "hostility", "skirmish",
}  # fmt: skip


def _names_place(ref: ActorRef, head: Token) -> bool:
    """A phrase that names a state or a place: coded as a country or capital, or tagged so."""
    return ref.how in {"country", "capital"} or head.ent_type_ in {"GPE", "LOC"}


ADVERBIAL_LINKS = {"after", "before", "as", "when", "while", "since", "until"}
SUFFERED_AFTER = {"die", "flee"}  # what the hit do after an act of harm


def _linked_clauses(predicate: Token) -> set[int]:
    """The words of a clause linked to the act's by "after", "as", "when" …: "rescue workers
    dug out the dead after a regime strike", "came under assault after rebels fired rockets",
    "fighting raged between rebels and loyalists as helicopters dropped a barrel bomb". Whom
    an act of harm hits is named in its own clause, not in the one that says when it came."""
    own = predicate
    while own.dep_ not in {"ROOT", "advcl"} and own.head is not own:
        if own.dep_ == "pobj" and own.head.lower_ in ADVERBIAL_LINKS:
            break  # "after a regime strike": the act's own phrase of time
        own = own.head
    mine = {t.i for t in own.subtree}
    out: set[int] = set()
    if (own.dep_ == "advcl" and _marked(own)) or own.dep_ == "pobj":
        governing = own.head.head if own.dep_ == "pobj" else own.head
        if governing.lemma_.lower() not in HARM_LEMMAS | SUFFERED_AFTER:
            # "five women were killed after war planes targeted a camp", "150 villagers fled
            # after troops shelled the town": whom the act hit, told in the clause it explains
            out |= {t.i for t in governing.subtree} - mine
    for child in own.children:
        if child.dep_ == "advcl" and _marked(child):
            out |= {t.i for t in child.subtree}
    return out


def _marked(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ADVERBIAL_LINKS for c in clause.children)


def _where_fighting_is(candidates: list[ActorRef], doc: Doc) -> set[int]:
    """A named state or place modifying a noun of fighting between sides: where, not who."""
    out = set()
    for ref in candidates:
        head = doc[ref.head]
        named_place = _names_place(ref, head) or head.ent_type_ == "NORP"
        on_fighting = head.dep_ in {"compound", "amod", "nmod"} and (
            head.head.lemma_.lower() in MUTUAL_FIGHTING or head.head.lower_ in MUTUAL_FIGHTING
        )
        # the parse of a headline may hang the fighting on the place: "Syria [fighting] kills"
        fighting_on = any(
            c.dep_ == "acl" and c.lemma_.lower() in MUTUAL_FIGHTING for c in head.children
        )
        # "an end to the war in Syria": the country the war is in
        fighting_in = (
            head.dep_ == "pobj"
            and head.head.lower_ in {"in", "across", "throughout"}
            and head.head.head.lemma_.lower() in MUTUAL_FIGHTING
        )
        if named_place and (on_fighting or fighting_on or fighting_in):
            out.add(ref.head)
    return out


# verbs whose object is what is talked of, not with whom: "discuss Syria", "discussed the
# possibility of a dialogue between Damascus and the opposition" (the counterpart comes with
# "with")
TOPIC_VERBS = {"discuss", "debate"}


def _topic_of(predicate: Token) -> set[int]:
    """The words of a discussion's object: the topic, never the act's target (also of the
    act the discussion is held in: "discuss Syria in a phone call")."""
    verb = predicate
    if predicate.pos_ == "NOUN" and predicate.dep_ == "pobj" and predicate.head.dep_ == "prep":
        verb = predicate.head.head
    if verb.lemma_.lower() not in TOPIC_VERBS:
        return set()
    return {t.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree}


INVESTIGATE = "09"
QUESTION_MARKS = {"whether", "if"}


def _question_of(predicate: Token) -> set[int]:
    """What an investigation asks ("to determine whether its air strikes killed 100
    civilians"): the question is its topic, and only the clause's subject (whose act is
    examined) may be whom it investigates, never the people the question names."""
    # the act's noun may hang on a light verb that carries the purpose ("opened an
    # investigation to determine whether …")
    acts = [predicate, *([predicate.head] if predicate.dep_ == "dobj" else [])]
    heads = [*acts, *(c for a in acts for c in a.children if c.dep_ in {"acl", "xcomp", "advcl"})]
    out: set[int] = set()
    for head in heads:
        for clause in head.children:
            if clause.dep_ in {"ccomp", "advcl"} and any(
                m.dep_ == "mark" and m.lower_ in QUESTION_MARKS for m in clause.children
            ):
                asked = {t.i for t in clause.subtree}
                subject = {
                    t.i for c in clause.children if c.dep_ in SUBJECT_DEPS for t in c.subtree
                }
                out |= asked - subject
    return out


# where a message is posted or broadcast, never whom it addresses ("appealed for help on
# Facebook", "criticized the decision on Twitter")
CHANNELS = {
    "facebook", "twitter", "x", "youtube", "telegram", "instagram", "whatsapp", "tiktok",
    "weibo", "wechat", "vk", "television", "tv", "radio", "website", "internet", "media",
    "account", "channel", "page", "post", "broadcast", "video", "blog",
}  # fmt: skip
CHANNEL_PREPS = {"on", "via", "through", "over", "in"}


def _channels(candidates: list[ActorRef], doc: Doc) -> set[int]:
    """A phrase after "on", "via" or "through" that names a medium: where it was said."""
    out = set()
    for ref in candidates:
        head = doc[ref.head]
        if (
            head.lower_ in CHANNELS
            and head.dep_ == "pobj"
            and head.head.lower_ in CHANNEL_PREPS
            and not ref.actor.code
        ):
            out.add(ref.head)
    return out


OWN_PRONOUNS = {"its", "their", "his", "her", "our"}


def _own_losses(candidates: list[ActorRef], doc: Doc, predicate: Token) -> set[int]:
    """ "Russia condemned the attack on its embassy", "Turkey vowed revenge for the killing of
    its soldiers": what an act the speaker talks of did to the speaker's own is not whom the
    speaker acts on (the attack itself, coded, still hits the embassy)."""
    out = set()
    for ref in candidates:
        head = doc[ref.head]
        act = head.head.head if head.dep_ == "pobj" else None
        if (
            act is not None
            and act.i != predicate.i
            and act.pos_ == "NOUN"
            and head.head.lower_ in {"on", "of", "against"}
            and any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in head.children)
        ):
            out.add(ref.head)
    return out


# the attributions wire headlines end on before the agency ("… kills 20: monitor", "New toll",
# "NGO", "state media", "civil defence"), which scraped copy glues to its byline
HEADLINE_ATTRIBUTIONS = {"monitor", "ngo", "toll", "media", "activists", "defence", "defense"}


def _bylines(candidates: list[ActorRef], doc: Doc) -> set[int]:
    """A news agency glued to a city or to a headline's attribution ("… strike on Aleppo AFP
    Tuesday", "… kills 18 New toll AFP", "… clashes with Kurds Monitor AFP": a byline the
    scraped text ran into the headline): who reports, never whom an act is aimed at."""
    out = set()
    for r in candidates:
        head = doc[r.head]
        if not (r.actor.code or "").endswith("MED") or head.pos_ != "PROPN":
            continue
        by_city = head.text.isupper() and any(  # an acronym, not "The New York Times"
            c.dep_ == "compound" and city_country(c.text) for c in head.lefts
        )
        attributed = any(t.lower_ in HEADLINE_ATTRIBUTIONS for t in doc[r.start : r.head])
        if by_city or attributed:
            out.add(r.head)
    return out


def _holder_of_place(token: Token) -> bool:
    """ "rebel" in "shelled the rebel-held district": who holds a town or area says which
    one, not whom the act hits (a military place its holder is named with is theirs)."""
    return (
        token.dep_ in HOLDER_DEPS
        and _holding_word(token.head)
        and token.head.head.lemma_.lower() not in MILITARY_PLACES
    )


def _governed_by(token: Token, predicate: Token) -> bool:
    """The predicate's own object or the object of its own preposition ("agreed with C")."""
    head = token.head
    return head == predicate or (
        head.dep_ in {"prep", "agent", "dative"} and head.head == predicate
    )


MEDIATE = "045"


def _consulting(code: str) -> bool:
    """Consulting is done among those who do it; mediating is done together between others
    ("brokered by Qatar and Iran")."""
    return code[:2] == "04" and code[:3] != MEDIATE


ACCORD = "019"


def _mutual_code(code: str) -> bool:
    """Codes whose act, done by several, is done among them: agreeing, consulting, signing,
    sharing a view ("Russia and Saudi Arabia share a unified view")."""
    return code[:2] == "03" or _consulting(code) or code[:3] in {"057", ACCORD}


def _roles_complete(
    src: ActorRef | None,
    tgt: ActorRef | None,
    code: str,
    learned: bool,
    missing_target: bool,
    doc: Doc,
    predicate: Token | None = None,
) -> bool:
    if src is None and tgt is None:
        return False
    if not any(r is not None and (r.actor.code or _named(r)) for r in (src, tgt)) and not (
        src is not None and _proper_phrase(src, doc)
    ):
        return False  # "officials warned …": nobody coded or named, nothing a user can place
    if src is None:
        if not learned:
            return False
        return code[:2] in OPEN_SOURCE_ROOTS or (
            predicate is not None and _named_outright(tgt) and _agentless_passive(predicate)
        )
    if tgt is None:
        return missing_target or learned
    return True


def _policing(ref: ActorRef, doc: Doc) -> bool:
    """Police: coded so, or named so where the story gives no country."""
    return sector_part(ref.actor.code or "") == "COP" or doc[ref.head].lemma_.lower() == "police"


def _agentless_passive(verb: Token) -> bool:
    """ "Three Russians were released", "inspectors have been expelled": a passive verb with
    no "by" phrase. The guideline codes it with a null source, whatever the act."""
    return (
        verb.pos_ == "VERB"
        and any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _named_outright(ref: ActorRef | None) -> bool:
    """A coded actor the phrase names itself (a state, a known body, a nationality), not one
    guessed from the story ("four people" released from hospital are the story's country's)."""
    return ref is not None and bool(ref.actor.code) and ref.how in NAMED_OUTRIGHT


PRONOUNS = PERSONAL | {"i", "me", "you", "it"}


def _proper_phrase(ref: ActorRef, doc: Doc) -> bool:
    """A phrase the ranker found that a proper noun heads: a name the dictionaries lack
    ("Hezb-e-Islami threatened to shell Bagram", "Pittsburgh is considering …"). As the one
    who acts it places the event; as the only party, a bare target, it is most often a place."""
    return ref.how == "phrase" and doc[ref.head].pos_ == "PROPN"


def _named(ref: ActorRef) -> bool:
    """A phrase that names someone: not a common noun the ranker found ("officials"), nor a
    pronoun nobody resolved ("“We discussed …,” said X" with no antecedent for "we")."""
    return ref.how != "phrase" and not (ref.how == "unknown" and ref.actor.text.lower() in PRONOUNS)


def _event(
    p: Predicate,
    code: str,
    src: ActorRef | None,
    tgt: ActorRef | None,
    sent: Span,
    index: int,
    modality: str,
    negated: bool,
) -> Event:
    info = cameo(code)
    doc = sent.doc
    tokens = [p.token.i] + [r.head for r in (src, tgt) if r is not None]
    span_start = doc[min(tokens)].idx if tokens else sent.start_char
    ends = [r.end for r in (src, tgt) if r is not None] + [p.token.i + 1]
    span_end = doc[max(ends) - 1].idx + len(doc[max(ends) - 1])
    source, source_span = _side(src, doc)
    target, target_span = _side(tgt, doc)
    return Event(
        source=source,
        target=target,
        cameo=code,
        plover=Plover(info.plover_type, info.plover_mode, info.plover_context)
        if info and info.plover_type
        else None,
        quad_class=info.quad_class if info else _quad(code),
        goldstein=info.goldstein if info else None,
        sentence=index,
        span=(span_start, span_end),
        evidence=sent.text,
        negated=negated,
        modality=modality,
        trigger=p.token.i,
        source_span=source_span,
        target_span=target_span,
    )


# sectors that are never the state itself: a bare country ("Syrian" strikes) acting on them is
# the state acting on its people, rebels or opposition, not one party
# sectors of a country that are not its state: acts between the bare country and them have
# two parties ("Venezuela banned opposition leader Juan Guaido", an elite)
NOT_THE_STATE = {
    "CVL", "PPL", "REB", "OPP", "UAF", "INS", "SEP", "REF", "HRI", "NGO", "MED", "ELI", "BUS",
    "LAB", "EDU", "HLH", "REL", "CRM",
}  # fmt: skip


GUESS_DROPPED = "agent, country unknown"


def _unguessed(ref: ActorRef) -> ActorRef:
    """An agent whose country was only guessed from the story ("the government" in a story
    about Israel) loses that guess when it would make the act one party's with itself: "the
    government established relations with Israel" is some other state's act."""
    if ref.how != "agent":
        return ref
    actor = Actor(ref.actor.text, None, None, ref.actor.sector, ref.actor.name)
    return ActorRef(ref.head, ref.start, ref.end, actor, GUESS_DROPPED)


STATE_FORCES = {"GOV", "MIL", "COP", "SPY"}


def _one_state(a: Actor, b: Actor, harm: bool) -> bool:
    """Two organs of one state (its government, army, police, intelligence) in an act of force
    (assault, fighting, mass violence) are one side, though other acts may pass between them
    ("the government ordered the army …")."""
    return (
        harm
        and a.country is not None
        and a.country == b.country
        and (a.sector or "")[:3] in STATE_FORCES
        and (b.sector or "")[:3] in STATE_FORCES
        and a.sector != b.sector
    )


def _same_party(a: Actor, b: Actor, people_apart: bool = False) -> bool:
    """Russia and the Russian government are one party; Syria's government and its
    opposition are two. An uncoded phrase is only itself. With ``people_apart`` (the learned
    coder), a bare country and its civilians, rebels or opposition are two."""
    if a.code is None or b.code is None:
        return a.code == b.code and a.text.lower() == b.text.lower()
    if a.code == b.code:
        return True
    if a.country != b.country:
        return False
    if a.sector is None or b.sector is None:
        other = a.sector or b.sector or ""
        return not (people_apart and other[:3] in NOT_THE_STATE)
    return a.sector == b.sector


def _copy(actor: Actor, text: str | None = None) -> Actor:
    return Actor(text or actor.text, actor.code, actor.country, actor.sector, actor.name)


def _side(ref: ActorRef | None, doc: Doc) -> tuple[Actor | None, tuple[int, int] | None]:
    """The event's actor for one side, its text the phrase's words without a dateline or the
    spaces at their edges, and where those words stand (characters); a phrase of nothing but
    spaces keeps the actor's own text and no place."""
    if ref is None:
        return None, None
    words = _undated_words(ref, doc)
    text = words.text.strip()
    if not text:
        return _copy(ref.actor), None
    start = words.start_char + words.text.index(text)
    return _copy(ref.actor, text), (start, start + len(text))


def _undated_words(ref: ActorRef, doc: Doc) -> Span:
    """The actor's words without a dateline the parse hung on its phrase: "Sep 2014 Syrian air
    strikes" is "Syrian air strikes", "Donald J. Trump (@realDonaldTrump) 28 December 2017"
    is "Donald J. Trump (@realDonaldTrump)". Only a run holding a month, a weekday or a year
    goes: "150 villagers" keeps its number."""
    start, end = ref.start, ref.end
    dated = [i for i in range(start, min(ref.head, end)) if _dating(doc[i])]
    if dated:
        start = dated[-1] + 1
        while start < ref.head and (_day_number(doc[start]) or doc[start].is_punct):
            start += 1
    tail = [i for i in range(max(ref.head + 1, start), end) if _dating(doc[i])]
    if tail:
        end = tail[0]
        while end - 1 > ref.head and (_day_number(doc[end - 1]) or doc[end - 1].is_punct):
            end -= 1
    return doc[start:end]


def _dating(token: Token) -> bool:
    """A month, a weekday or a year."""
    return token.lower_.rstrip(".") in CALENDAR_WORDS or bool(YEAR.fullmatch(token.text))


def _day_number(token: Token) -> bool:
    return bool(re.fullmatch(r"[0-3]?\d", token.text))


def _quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
