"""Event extraction: CAMEO verb and noun patterns over spaCy dependency parses.

For each predicate (a verb the CAMEO dictionary codes, or an event noun such as "talks"), the
source is its subject (the ``by`` agent in the passive, the governing clause's subject for
infinitives and participles), and the target its object, the object of a relational
preposition ("with", "on", "against", "between"), or else the nearest actor in its own clause.
Speech verbs whose object is a clause carry quotes, not events: the clause is coded on its own.
Precision first: an event needs a resolved actor on at least one side, and a verb that only
reports speech codes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from eventwire.actors.resolve import ActorRef, ArticleActors, actors_of
from eventwire.events.nouns import NounEvent, noun_event
from eventwire.events.ontology import cameo
from eventwire.events.verbs import VerbDictionary
from eventwire.model import Actor, ArticleResult, Event, Plover

if TYPE_CHECKING:
    from eventwire.config import CoderConfig

DISCARD_KEY = "eventwire.discarded"  # the story matched a story-level discard phrase
LISTING = {"including", "like", "such"}  # "regional sides, including Iran and Turkey"
TARGET_PREPS = {"with", "on", "upon", "against", "between", "to", "toward", "towards", "from"}
NOT_TARGET_PREPS = {
    "in", "at", "near", "during", "after", "before", "under", "of", "about", "over", "since",
    "until", "within", "across", "through", "by", "as",
}  # fmt: skip
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj"}
SUBJECT_DEPS = {"nsubj", "csubj"}
INHERIT_DEPS = {"xcomp", "advcl", "conj", "pcomp", "acl", "acomp"}
FUTURE_AUX = {"will", "shall", "'ll"}
MODAL_AUX = {"would", "could", "may", "might", "can", "should"}
INTENT_HEADS = {
    "prepare", "plan", "intend", "want", "seek", "aim", "hope", "expect", "agree", "decide",
    "promise", "pledge", "vow", "offer", "propose", "try", "attempt", "wish", "ready",
    "willing", "prepared", "determined", "set", "schedule", "due", "able", "willingness",
    "readiness", "intention", "desire", "commitment", "determination",
}  # fmt: skip
AIMING_PREPS = {"of", "about", "over", "for", "against", "on", "to", "with", "from"}
MOVEMENT_VERBS = {"leave", "arrive", "travel", "fly", "head", "go", "come", "return", "visit"}
REFUSAL_HEADS = {"refuse", "decline", "reject", "rule"}
CONDITION_MARKS = {"if", "unless", "provided", "should"}
SPEECH_ROOTS = {"01"}  # "make public statement": carried by quotes, not coded as events
LIGHT_VERBS = {
    "take", "make", "give", "have", "hold", "get", "put", "set", "go", "come", "do", "keep",
    "bring", "reach", "turn", "see", "find", "show", "expand", "continue", "become", "lead",
}  # fmt: skip
# roots whose verbs take a clause and still act on someone: urge, pledge, demand, accuse …
CLAUSE_TAKING_ROOTS = {"02", "03", "10", "11", "12", "13"}
INTENT_CODE = {"04": "036", "05": "032", "06": "030", "07": "033", "08": "035"}


@dataclass
class Predicate:
    token: Token
    code: str
    noun: NounEvent | None = None
    reverse: str | None = None  # CAMEO's code for the other direction ("visit" → "host")
    aims: frozenset[str] = frozenset()  # prepositions the verb's patterns aim with ("warn of")


def extract_events(doc: Doc, result: ArticleResult, config: CoderConfig) -> None:
    """Events stage."""
    from eventwire.config import discards, verb_dictionary

    verbs = verb_dictionary(config)
    found = actors_of(doc)
    story, skipped = discards(config).find(doc)
    doc.user_data[DISCARD_KEY] = story
    if story:
        return  # a sports or entertainment story: nothing in it is political event data
    for index, sent in enumerate(doc.sents):
        if index not in skipped:
            result.events.extend(sentence_events(sent, index, found, verbs, config, result.events))


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
    seen: set[tuple[str | None, str | None, str]] = set()
    predicates = list(_predicates(sent, verbs, found))
    coded_verbs = {p.token.i for p in predicates if p.noun is None}
    for predicate in predicates:
        noun = predicate.noun
        governor = noun.governor if noun is not None else None
        if governor is not None and governor.i in coded_verbs and predicate.token.head == governor:
            continue  # "host a meeting": the verb's event already covers its object
        if noun is None and _announces(predicate.token, coded_verbs):
            continue  # "is preparing to attack": the attack is the event, marked intended
        events = _events_for(predicate, sent, index, found, config.allow_missing_target, earlier)
        for event in events:
            anchor = noun and predicate.token or _event_object(predicate.token)
            if anchor is not None and _refers_back(anchor, event, earlier):
                continue
            key = (
                event.source.code if event.source else None,
                event.target.code if event.target else None,
                event.cameo[:2],
            )
            if key in seen:
                continue
            seen.add(key)
            yield event


# ---------------------------------------------------------------------------- predicates
def _predicates(sent: Span, verbs: VerbDictionary, found: ArticleActors) -> Iterator[Predicate]:
    for token in sent:
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            code, reverse = _verb_code(token, verbs, found)
            if code:
                yield Predicate(token, code, reverse=reverse, aims=_aims(verbs, token.lemma_))
        elif token.pos_ == "NOUN":
            noun = noun_event(token)
            if noun is not None:
                yield Predicate(token, noun.code, noun)


def _aims(verbs: VerbDictionary, lemma: str) -> frozenset[str]:
    """Relational prepositions the dictionary's patterns for this verb use ("warn of X")."""
    used = {prep for pattern in verbs.patterns(lemma.lower()) for prep, _ in pattern.preps}
    names = {name.lower() for prep in used for name in prep.split("/")}
    return frozenset(names & AIMING_PREPS)


def _clause_words(verb: Token, found: ArticleActors) -> list[Token]:
    """The verb's own object-side words: not nested clauses, not the names of actors."""
    words: list[Token] = []
    stack = [c for c in verb.children if c.i > verb.i and c.dep_ not in CLAUSE_DEPS]
    while stack:
        t = stack.pop()
        if not found.covers(t.i):
            words.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return words


def _verb_code(
    verb: Token, verbs: VerbDictionary, found: ArticleActors
) -> tuple[str | None, str | None]:
    """The verb's CAMEO code and its reverse-direction code, from the dictionary's patterns."""
    lemma = verb.lemma_.lower()
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    preps = [c for c in verb.children if c.dep_ in {"prep", "agent", "dative"}]
    candidates = [f"{lemma} {p}" for p in particles] + [f"{lemma} {p.lower_}" for p in preps]
    words = _clause_words(verb, found)
    # lemmas and surface forms: dictionaries write both ("DID N'T", "SAID", "TALKS")
    after = [t.lemma_.lower() for t in words] + [t.lower_ for t in words]
    prep_phrases = [
        (p.lower_, [t.lemma_.lower() for t in p.subtree if t.i != p.i and not found.covers(t.i)])
        for p in preps
    ]
    preceding = [t for t in verb.subtree if t.i < verb.i]
    before = [t.lemma_.lower() for t in preceding] + [t.lower_ for t in preceding]
    surface = verb.lower_  # user dictionaries list inflected forms too ("LEFT", "MET")
    for name in [*candidates, lemma, *([surface] if surface != lemma else [])]:
        entry = verbs.entry(name)
        if entry is None:
            continue
        code, pattern = verbs.match(name, after, prep_phrases, before)
        reverse = pattern.reverse if pattern is not None else entry.reverse
        if not code or code[:2] in SPEECH_ROOTS:
            return None, None
        if pattern is None and lemma in LIGHT_VERBS:
            return None, None  # "take an approach", "hold a view": only a pattern codes them
        if code[:2] not in CLAUSE_TAKING_ROOTS and any(c.dep_ == "ccomp" for c in verb.children):
            return None, None  # "Lavrov affirmed that …": speech; the clause is coded itself
        return code, reverse if reverse != code else None
    return None, None


# ---------------------------------------------------------------------------- events
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


def _both_sides(subject: Token, earlier: list[Event]) -> list[ActorRef]:
    """ "Both sides agreed …": the two parties of the article's last two-sided event."""
    if subject.lemma_.lower() not in {"side", "party", "country", "leader", "minister"}:
        return []
    if not any(c.lower_ in {"both", "two"} for c in subject.children):
        return []
    last = next((e for e in reversed(earlier) if e.source and e.target), None)
    if last is None or last.source is None or last.target is None:
        return []
    return [
        ActorRef(subject.i, subject.left_edge.i, subject.i + 1, _copy(actor), "pair")
        for actor in (last.source, last.target)
    ]


def _events_for(
    p: Predicate,
    sent: Span,
    index: int,
    found: ArticleActors,
    allow_missing_target: bool,
    earlier: list[Event],
) -> Iterator[Event]:
    if p.noun is not None:
        sources_list = [r for t in p.noun.sources for r in _with_conjuncts(t, found)]
        targets_list = [r for t in p.noun.targets for r in _with_conjuncts(t, found)]
        between = p.noun.preps.get("between")
        if between is not None and len(sources_list) + len(targets_list) < 2:
            parties = _linear_actors(between, found)  # the parse split the pair; read in order
            if len(parties) >= 2:
                sources_list, targets_list = parties[:1], parties[1:]
        partner = p.noun.preps.get("with") or p.noun.preps.get("to")
        if partner is not None and not targets_list:
            targets_list = _linear_actors(partner, found)[:1]
        if p.noun.governor is not None:
            governing = _governing_subjects(p.noun.governor, found, targets_list)
            if p.noun.governor_is_target:
                targets_list = targets_list or governing
            elif not sources_list:
                sources_list = governing
    else:
        subject = next((c for c in p.token.children if c.dep_ in SUBJECT_DEPS), None)
        pair = _both_sides(subject, earlier) if subject is not None else []
        sources_list = pair or _subjects(p.token, found)
        excluded = {r.head for r in sources_list}
        targets_list = [] if pair else _objects(p.token, found, excluded, p.code[:2], p.aims)
    if not sources_list and not targets_list:
        return
    if not targets_list and len(sources_list) > 1 and p.code[:2] in {"03", "04", "05"}:
        # "Lavrov and Kerry discussed …": a joint act between the members
        targets_list = sources_list[1:]
        sources_list = sources_list[:1]
    governor = p.noun.governor if p.noun else None
    if governor is not None and governor.lemma_.lower() in INTENT_HEADS:
        modality = "intended"  # "preparing for a new meeting"
    else:
        modality = _modality(governor or p.token)
    negated = _negated(p.token) or bool(p.noun and p.noun.governor and _negated(p.noun.governor))
    code = p.code
    if p.token.dep_ == "xcomp" and p.token.head.lemma_.lower() in REFUSAL_HEADS:
        code = "120"  # "refused to allow inspectors": CAMEO codes the refusal, as a rejection
    elif modality != "asserted" and code[:2] in INTENT_CODE:
        code = INTENT_CODE[code[:2]]
    no_actor: list[ActorRef | None] = [None]
    for src in sources_list or no_actor:
        for tgt in targets_list or no_actor:
            if src is not None and tgt is not None and _same_party(src.actor, tgt.actor):
                continue
            if src is None or (tgt is None and not allow_missing_target):
                continue
            yield _event(p, code, src, tgt, sent, index, modality, negated)
            if p.reverse and src is not None and tgt is not None and modality == "asserted":
                yield _event(p, p.reverse, tgt, src, sent, index, modality, negated)


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
    return Event(
        source=_copy(src.actor) if src else None,
        target=_copy(tgt.actor) if tgt else None,
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
    )


def _same_party(a: Actor, b: Actor) -> bool:
    """Russia and the Russian government are one party; Syria's government and its
    opposition are two."""
    if a.code == b.code:
        return True
    return a.country == b.country and (a.sector is None or b.sector is None or a.sector == b.sector)


def _copy(actor: Actor) -> Actor:
    return Actor(actor.text, actor.code, actor.country, actor.sector, actor.name)


def _quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


# ---------------------------------------------------------------------------- roles
def _with_conjuncts(token: Token, found: ArticleActors) -> list[ActorRef]:
    """Every actor a phrase names: its conjuncts, and the members it lists ("including …")."""
    refs: list[ActorRef] = []
    for t in [token, *_conjuncts(token)]:
        ref = _ref(t, found)
        if ref is not None and ref.actor.code is not None:
            refs.append(ref)
            refs.extend(found.also.get(t.i, []))
            if ref.head != t.i:  # "the ambassadors of A, B and C": the owners are the actors
                owner = t.doc[ref.head]
                refs.extend(r for c in _conjuncts(owner) if (r := _ref(c, found)) and r.actor.code)
        else:  # the list may hang lower: "sides that have influence …, including Iran"
            for prep in _listing_preps(t):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    refs.extend(_with_conjuncts(pobj, found))
                break
    return refs


def _listing_preps(token: Token) -> Iterator[Token]:
    """ "including"/"like" phrases of this noun phrase, through relative clauses only."""
    stack = list(token.children)
    while stack:
        t = stack.pop(0)
        if t.dep_ == "prep" and t.lower_ in LISTING:
            yield t
        elif t.dep_ not in {"acl", "advcl", "xcomp", "ccomp", "conj", "appos", "nsubj"}:
            stack.extend(t.children)


def _ref(token: Token, found: ArticleActors) -> ActorRef | None:
    """The token's actor; for "the delegation of the Syrian government", the government's."""
    ref = found.at(token)
    if ref is None or ref.how in {"agent", "unknown"}:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                inner = found.at(pobj)
                if inner is not None and inner.actor.code:
                    return inner
    return ref


def _conjuncts(token: Token) -> list[Token]:
    out = []
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _subjects(verb: Token, found: ArticleActors) -> list[ActorRef]:
    """Who acts: the subject, the passive's ``by`` agent, or the governing clause's subject."""
    node: Token | None = verb
    for _ in range(4):
        if node is None:
            break
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in node.children)
        if passive:
            for agent in (c for c in node.children if c.dep_ == "agent"):
                for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                    return _with_conjuncts(pobj, found)
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ in {"WP", "WDT"} and node.dep_ == "relcl":
                    return _with_conjuncts(node.head, found)
                return _with_conjuncts(child, found)
        if node.dep_ == "acl" and node.tag_ in {"VBD", "VBZ", "VBP"}:
            return _with_conjuncts(node.head, found)  # "the minister called on …" misparsed
        if node.pos_ == "NOUN":  # "Russia's willingness to host …": the possessor acts
            for child in node.children:
                if child.dep_ == "poss":
                    return _with_conjuncts(child, found)
        if node.dep_ in INHERIT_DEPS and node.head != node:
            node = node.head
            continue
        break
    return []


def _governing_subjects(
    verb: Token, found: ArticleActors, partners: list[ActorRef]
) -> list[ActorRef]:
    """The acting subject for a nominal event: up the clause chain past any subject that is
    the event's own partner ("a conference with X held …, Lavrov said": Lavrov, not X)."""
    taken = {r.actor.code for r in partners}
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            break
        refs = [r for r in _subjects(node, found) if r.actor.code not in taken]
        if refs:
            return refs
        node = node.head if node.head != node else None
        while node is not None and node.pos_ not in {"VERB", "AUX"} and node.head != node:
            node = node.head
    return []


def _objects(
    verb: Token,
    found: ArticleActors,
    exclude: set[int],
    code_root: str = "00",
    aims: frozenset[str] = frozenset(),
) -> list[ActorRef]:
    """Whom the act is aimed at: object, relational preposition, else nearest clause actor."""
    open_preps = frozenset({"at"}) if code_root >= "14" else frozenset()
    passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
    direct = [c for c in verb.children if c.dep_ in {"dobj", "dative", "obj", "iobj"}]
    for child in passive_subject + direct:
        refs = _with_conjuncts(child, found)
        refs = [r for r in refs if r.head not in exclude]
        if refs:
            return refs
        # "measures between A and B"; "fired shells at X"
        inner_refs = _first_actors(child, found, exclude, open_preps=open_preps)
        if inner_refs:
            return inner_refs
        doers = [
            r
            for by in child.children
            if by.dep_ == "prep" and by.lower_ == "by"
            for o in by.children
            if o.dep_ == "pobj"
            for r in _with_conjuncts(o, found)
        ]
        if doers and doers[0].head not in exclude:
            return doers[:1]  # "welcomed the release of prisoners by the government"
        for acl in (c for c in child.children if c.dep_ in {"acl", "relcl"}):
            # "slammed the assistance provided by X to Y": the provider, else the recipient
            doers = [
                r
                for a in acl.children
                if a.dep_ == "agent"
                for o in a.children
                if o.dep_ == "pobj"
                for r in _with_conjuncts(o, found)
            ]
            inner = doers[0] if doers else _first_actor(acl, found, exclude)
            if inner and inner.head not in exclude:
                return [inner]
    moving = verb.lemma_.lower() in MOVEMENT_VERBS  # "arrived in Cairo", "left for Paris"
    for child in verb.children:
        aimed = child.lower_ in TARGET_PREPS or (child.lower_ == "at" and code_root >= "14")
        aimed = aimed or (moving and child.lower_ in {"to", "for", "in", "at", "into"})
        aimed = aimed or child.lower_ in aims
        if child.dep_ in {"prep", "dative"} and aimed:  # "fired shells at X"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                refs = [r for r in _with_conjuncts(pobj, found) if r.head not in exclude]
                if refs:
                    return refs
    # an xcomp's subject: "urged the opposition to support …" parsed as nsubj of the xcomp
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.i > verb.i:
            for sub in child.children:
                if sub.dep_ == "nsubj":
                    refs = [r for r in _with_conjuncts(sub, found) if r.head not in exclude]
                    if refs:
                        return refs
    refs = _first_actors(verb, found, exclude, right_only=True, open_preps=open_preps)
    if refs:
        return refs
    for xcomp in (c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i):
        inner_refs = _objects(xcomp, found, exclude)  # "pledged to help the Philippines"
        if inner_refs:
            return inner_refs
    for token in verb.doc[verb.i + 1 : verb.sent.end]:  # "met … with X" when "with" is misparsed
        if token.pos_ in {"VERB", "AUX"} or token.text in {";", ":"}:
            break
        if token.lower_ in {"with", "between"}:
            first = [r for r in _linear_actors(token, found) if r.head not in exclude][:1]
            if first:  # and its conjuncts: "ties with Mordor, Rohan and Bree"
                listed = _with_conjuncts(token.doc[first[0].head], found)
                return [r for r in listed if r.head not in exclude] or first
            return []
    return []


def _linear_actors(prep: Token, found: ArticleActors, limit: int = 4) -> list[ActorRef]:
    """Actors after ``prep`` in reading order, up to the clause's next comma or verb."""
    refs: list[ActorRef] = []
    for token in prep.doc[prep.i + 1 : prep.sent.end]:
        if token.text in {",", ";", ":"} or (token.pos_ == "VERB" and not found.covers(token.i)):
            break
        ref = _ref(token, found)
        if token.dep_ == "poss" and found.at(token.head) is not None:
            ref = found.at(token.head)  # "ties with Gondor's government": the government
        if ref is not None and ref.actor.code and ref not in refs:
            refs.append(ref)
            if len(refs) == limit:
                break
    return refs


def _first_actor(
    root: Token,
    found: ArticleActors,
    exclude: set[int],
    right_only: bool = False,
    open_preps: frozenset[str] = frozenset(),
) -> ActorRef | None:
    """The first actor in ``root``'s own clause, skipping nested clauses and place phrases
    (``open_preps`` lets some through: "fired shells at X")."""
    closed = NOT_TARGET_PREPS - open_preps
    stack = sorted(root.children, key=lambda t: t.i)
    queue: list[Token] = []
    while stack:
        t = stack.pop(0)
        if t.dep_ in CLAUSE_DEPS or (t.dep_ == "prep" and t.lower_ in closed):
            continue
        if right_only and t.i < root.i:
            continue
        queue.append(t)
        stack.extend(sorted(t.children, key=lambda c: c.i))
    for t in sorted(queue, key=lambda t: t.i):
        ref = found.at(t)
        if ref is not None and ref.actor.code and t.i not in exclude:
            return ref
    return None


def _first_actors(
    root: Token,
    found: ArticleActors,
    exclude: set[int],
    right_only: bool = False,
    open_preps: frozenset[str] = frozenset(),
) -> list[ActorRef]:
    """The first actor of the clause with its conjuncts ("ties with A, B and C")."""
    ref = _first_actor(root, found, exclude, right_only, open_preps)
    if ref is None:
        return []
    head = root.doc[ref.head]
    if head.head.lower_ == "between":
        return [ref]  # "measures between the government and the opposition": one relation
    refs = _with_conjuncts(head, found)
    return [r for r in refs if r.head not in exclude] or [ref]


# ---------------------------------------------------------------------------- flags
def _negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return any(c.dep_ in {"aux", "auxpass"} and any(g.dep_ == "neg" for g in c.children)
               for c in verb.children)  # fmt: skip


def _modality(verb: Token) -> str:
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            break
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in node.children):
            return "hypothetical"
        auxes = {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
        if auxes & FUTURE_AUX:
            return "intended"
        if auxes & MODAL_AUX:
            return "hypothetical"
        if node != verb and node.lemma_.lower() in INTENT_HEADS:
            return "intended"
        if node.dep_ in {"xcomp", "acl", "advcl"} and node.head != node:
            node = node.head
            continue
        if node.dep_ == "pcomp" and node.head.head != node:
            node = node.head.head
            continue
        break
    if verb.head.lemma_.lower() in INTENT_HEADS and verb.dep_ in {"xcomp", "acomp"}:
        return "intended"
    return "asserted"
