"""Who acts and whom it is aimed at: subjects, objects and listed actors in a parse.

The subject is the clause's subject, the passive's ``by`` agent, or the governing clause's
subject for infinitives and participles; the target is the object, the object of a relational
preposition ("with", "on", "against", "between"), or else the nearest actor in the clause.
spaCy's small model misattaches prepositions often, so each rule has a reading-order fallback.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from eventwire.actors.found import ActorRef, ArticleActors
from eventwire.actors.phrases import OWNER_DEPS
from eventwire.events.verbs import normalise_words
from eventwire.lexicon import names_a_day
from eventwire.model import Actor
from eventwire.saying import subject_of

LISTING = {"including", "like", "such"}  # "regional sides, including Iran and Turkey"
TARGET_PREPS = {"with", "on", "upon", "against", "between", "to", "toward", "towards", "from"}
NOT_TARGET_PREPS = {
    "in", "at", "near", "during", "after", "before", "under", "of", "about", "over", "since",
    "until", "within", "across", "through", "by", "as",
}  # fmt: skip
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj"}
SUBJECT_DEPS = {"nsubj", "csubj"}
INHERIT_DEPS = {"xcomp", "advcl", "conj", "pcomp", "acl", "acomp"}
PARTICLES = {"off", "up", "down"}
MOVEMENT_VERBS = {"leave", "arrive", "travel", "fly", "head", "go", "come", "return", "visit"}


# ---------------------------------------------------------------------------- roles
def with_conjuncts(token: Token, found: ArticleActors) -> list[ActorRef]:
    """Every actor a phrase names: its conjuncts, and the members it lists ("including …")."""
    refs: list[ActorRef] = []
    for t in [token, *conjuncts(token)]:
        ref = ref_of(t, found)
        if ref is not None and ref.actor.code is not None:
            refs.append(ref)
            refs.extend(found.also.get(t.i, []))
            if ref.head != t.i:  # "the ambassadors of A, B and C": the owners are the actors
                owner = t.doc[ref.head]
                refs.extend(r for c in conjuncts(owner) if (r := ref_of(c, found)) and r.actor.code)
        else:  # the list may hang lower: "sides that have influence …, including Iran"
            for prep in listing_preps(t):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    refs.extend(with_conjuncts(pobj, found))
                break
    return refs


def listing_preps(token: Token) -> Iterator[Token]:
    """ "including"/"like" phrases of this noun phrase, through relative clauses only."""
    stack = list(token.children)
    while stack:
        t = stack.pop(0)
        if t.dep_ == "prep" and t.lower_ in LISTING:
            yield t
        elif t.dep_ not in {"acl", "advcl", "xcomp", "ccomp", "conj", "appos", "nsubj"}:
            stack.extend(t.children)


def ref_of(token: Token, found: ArticleActors) -> ActorRef | None:
    """The token's actor; for "the delegation of the Syrian government", the government's."""
    ref = found.at(token)
    if ref is None or ref.how in {"agent", "unknown"}:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                inner = found.at(pobj)
                if inner is not None and inner.actor.code:
                    return inner
    return ref


def conjuncts(token: Token) -> list[Token]:
    """The phrase's coordinated members, and appositives that are members of a list
    ("Mordor, the Shire, Fornost and Bree" hangs its list under an appositive)."""
    out = []
    stack = _members(token)
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack.extend(_members(t))
    return out


def _members(token: Token) -> list[Token]:
    listed = any(c.dep_ == "cc" for c in token.children)
    return [
        c
        for c in token.children
        if c.dep_ == "conj"
        or (
            c.dep_ == "appos"
            and (listed or any(d.dep_ == "cc" for d in c.subtree))
            and _contiguous(token, c)
            and not _description(c)
        )
    ]


def _description(appos: Token) -> bool:
    """ "Qatar, a longtime supporter of the opposition, and Iran": an appositive that says what
    the name is (a common noun after "a"), not one more name of a list."""
    return appos.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in appos.children
    )


def _contiguous(token: Token, appos: Token) -> bool:
    """The appositive follows the phrase directly, not across a clause the parser skipped."""
    inside = {t.i for t in token.subtree}
    return all(i in inside for i in range(token.i, appos.left_edge.i))


def subjects(
    verb: Token, found: ArticleActors, agentless_passive_acts: bool = False
) -> list[ActorRef]:
    """Who acts: the subject, the passive's ``by`` agent, or the governing clause's subject.

    ``agentless_passive_acts`` (PETRARCH's convention): a passive with no ``by`` agent is read
    as if it were active ("The
    Philippines was criticized over its dispute with X": the Philippines → X)."""
    node: Token | None = verb
    for _ in range(4):
        if node is None:
            break
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in node.children)
        if passive:
            for agent in (c for c in node.children if c.dep_ == "agent"):
                for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                    return with_conjuncts(pobj, found)
            if agentless_passive_acts:
                for child in (c for c in node.children if c.dep_ == "nsubjpass"):
                    return with_conjuncts(child, found)
        subject_refs: list[ActorRef] | None = None
        # the parser sometimes hangs the subject on the auxiliary ("X was … criticized")
        auxiliaries = [g for c in node.children if c.dep_ in {"aux", "auxpass"} for g in c.children]
        for child in [*node.children, *auxiliaries]:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ in {"WP", "WDT"} and node.dep_ == "relcl":
                    return with_conjuncts(node.head, found)
                refs = with_conjuncts(child, found)
                if not refs:  # "Eriador's death toll has risen …": the possessor acts
                    owners = [c for c in child.children if c.dep_ == "poss"]
                    refs = [r for o in owners for r in with_conjuncts(o, found)]
                # a list split into two subjects ("Lions, tigers, and Gondor welcomed …")
                subject_refs = (subject_refs or []) + refs
        if subject_refs is not None:
            return subject_refs
        if node.dep_ == "acl" and node.tag_ in {"VBD", "VBZ", "VBP"}:
            return with_conjuncts(node.head, found)  # "the minister called on …" misparsed
        if node.pos_ == "NOUN":  # "Russia's willingness to host …": the possessor acts
            for child in node.children:
                if child.dep_ == "poss":
                    return with_conjuncts(child, found)
        if (node.dep_ in INHERIT_DEPS or _infinitive_complement(node)) and node.head != node:
            node = node.head
            continue
        break
    return []


def _infinitive_complement(verb: Token) -> bool:
    """ "will be hosting X to celebrate …" parsed as a clausal complement: a subjectless
    infinitive shares its governor's subject, whatever the label."""
    return verb.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def governing_subjects(
    verb: Token, found: ArticleActors, partners: list[ActorRef]
) -> list[ActorRef]:
    """The acting subject for a nominal event: up the clause chain past any subject that is
    the event's own partner ("a conference with X held …, Lavrov said": Lavrov, not X)."""
    taken = {r.actor.code for r in partners}
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            break
        refs = [r for r in subjects(node, found) if r.actor.code not in taken]
        if refs:
            return refs
        node = node.head if node.head != node else None
        while node is not None and node.pos_ not in {"VERB", "AUX"} and node.head != node:
            node = node.head
    return []


def objects(
    verb: Token,
    found: ArticleActors,
    exclude: set[int],
    code_root: str = "00",
    aims: frozenset[str] = frozenset(),
    places: bool = False,
) -> list[ActorRef]:
    """Whom the act is aimed at: object, relational preposition, else nearest clause actor.

    ``places``: PETRARCH's convention that a place in the clause ("guest houses in Bree") is
    the target when nothing else is, and that both members of "between A and B" are."""
    open_preps = frozenset({"at"}) if code_root >= "14" else frozenset()
    if places:
        open_preps = open_preps | {"in", "at", "of", "about", "over"}
    passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if any(c.dep_ == "auxpass" for c in verb.children):  # "X was … criticized by Y", X on "was"
        passive_subject += [
            g
            for c in verb.children
            if c.dep_ == "auxpass"
            for g in c.children
            if g.dep_ in {"nsubj", "nsubjpass"}
        ]
    direct = [c for c in verb.children if c.dep_ in {"dobj", "dative", "obj", "iobj"}]
    direct += [  # "cordoned off the roads": a particle the parser read as a preposition
        o
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in PARTICLES and c.i == verb.i + 1
        for o in c.children
        if o.dep_ == "pobj"
    ]
    for child in passive_subject + direct:
        refs = with_conjuncts(child, found)
        refs = [r for r in refs if r.head not in exclude]
        if refs:
            return refs
        doers = [
            r
            for by in child.children
            if by.dep_ == "prep" and by.lower_ == "by"
            for o in by.children
            if o.dep_ == "pobj"
            for r in with_conjuncts(o, found)
        ]
        if doers and doers[0].head not in exclude:
            return doers[:1]  # "welcomed the release of prisoners by the government"
        # "measures between A and B"; "fired shells at X"
        inner_refs = first_actors(child, found, exclude, open_preps=open_preps, pairs=places)
        if inner_refs:
            return inner_refs
        for acl in (c for c in child.children if c.dep_ in {"acl", "relcl"}):
            # "slammed the assistance provided by X to Y": the provider, else the recipient
            doers = [
                r
                for a in acl.children
                if a.dep_ == "agent"
                for o in a.children
                if o.dep_ == "pobj"
                for r in with_conjuncts(o, found)
            ]
            inner = doers[0] if doers else first_actor(acl, found, exclude)
            if inner and inner.head not in exclude:
                return [inner]
    moving = verb.lemma_.lower() in MOVEMENT_VERBS  # "arrived in Cairo", "left for Paris"
    for child in verb.children:
        aimed = child.lower_ in TARGET_PREPS or (child.lower_ == "at" and code_root >= "14")
        aimed = aimed or (moving and child.lower_ in {"to", "for", "in", "at", "into"})
        aimed = aimed or child.lower_ in aims
        if moving and child.lower_ in {"from", "out"}:
            aimed = False  # "returned from Washington": where the trip began, not its host
        if child.dep_ in {"prep", "dative"} and aimed:  # "fired shells at X"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                refs = [r for r in with_conjuncts(pobj, found) if r.head not in exclude]
                if refs:
                    return refs
    # an xcomp's subject: "urged the opposition to support …" parsed as nsubj of the xcomp
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.i > verb.i:
            for sub in child.children:
                if sub.dep_ == "nsubj":
                    refs = [r for r in with_conjuncts(sub, found) if r.head not in exclude]
                    if refs:
                        return refs
    refs = first_actors(verb, found, exclude, right_only=True, open_preps=open_preps, pairs=places)
    if moving:  # "returned from Washington": the trip's origin is not its target
        refs = [r for r in refs if verb.doc[r.head].head.lower_ not in {"from", "out"}]
    if refs:
        return refs
    for xcomp in (c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i):
        inner_refs = objects(xcomp, found, exclude)  # "pledged to help the Philippines"
        if inner_refs:
            return inner_refs
    for token in verb.doc[verb.i + 1 : verb.sent.end]:  # "met … with X" when "with" is misparsed
        if token.pos_ in {"VERB", "AUX"} or token.text in {";", ":"}:
            break
        if token.lower_ in {"with", "between"}:
            first = [r for r in linear_actors(token, found) if r.head not in exclude][:1]
            if first:  # and its conjuncts: "ties with Mordor, Rohan and Bree"
                listed = with_conjuncts(token.doc[first[0].head], found)
                return [r for r in listed if r.head not in exclude] or first
            return []
    return []


def anchored_actors(verb: Token, word: str, skip: int, found: ArticleActors) -> list[ActorRef]:
    """The actor of the noun phrase after ``word`` (the first one after the verb), past
    ``skip`` phrases: PETRARCH's "* IFTAR IN ^ +" puts the target in the phrase after the
    one that follows IN ("celebrated Iftar in X with the leaders of Y": Y). Time phrases are
    not counted."""
    sent = verb.sent
    forms = [(t, {t.lower_, t.lemma_.lower(), normalise_words(t.lower_)}) for t in sent]
    if skip < 0:  # "+ HOSTING *": the actor right before the word, before the verb
        at = next((t.i for t, names in reversed(forms) if t.i < verb.i and word in names), None)
        before = [t for t in sent if at is not None and t.i < at]
        for t in reversed(before):
            ref = ref_of(t, found)
            if ref is not None and ref.actor.code:
                return with_conjuncts(t.doc[ref.head], found) or [ref]
        return []
    start = next((t.i for t, names in forms if t.i > verb.i and word in names), None)
    if start is None:
        return []
    chunks = [c for c in sent.noun_chunks if c.start > start and c.root.ent_type_ not in
              {"DATE", "TIME"}]  # fmt: skip
    if len(chunks) <= skip:
        return []
    chunk = chunks[skip]
    for token in [chunk.root, *chunk]:
        ref = ref_of(token, found)
        if ref is not None and ref.actor.code:
            return with_conjuncts(token.doc[ref.head], found) or [ref]
    return []


def linear_actors(prep: Token, found: ArticleActors, limit: int = 4) -> list[ActorRef]:
    """Actors after ``prep`` in reading order, up to the clause's next comma or verb."""
    refs: list[ActorRef] = []
    for token in prep.doc[prep.i + 1 : prep.sent.end]:
        if token.text in {",", ";", ":"} or (token.pos_ == "VERB" and not found.covers(token.i)):
            break
        ref = ref_of(token, found)
        if token.dep_ == "poss" and found.at(token.head) is not None:
            ref = found.at(token.head)  # "ties with Gondor's government": the government
        if ref is not None and ref.actor.code and ref not in refs:
            refs.append(ref)
            if len(refs) == limit:
                break
    return refs


def first_actor(
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
    taken = {found.by_head[i].actor.code for i in exclude if i in found.by_head}
    for t in sorted(queue, key=lambda t: t.i):
        ref = found.at(t)
        if t.pos_ == "PRON" and ref is not None and ref.actor.code in taken:
            continue  # "X renewed his license": X itself again, not a target
        if t.dep_ == "poss" and found.at(t.head) is not None:
            ref = found.at(t.head)  # "ties with Gondor's government": the government
        if ref is not None and ref.actor.code and ref.head not in exclude:
            return ref
    return None


def first_actors(
    root: Token,
    found: ArticleActors,
    exclude: set[int],
    right_only: bool = False,
    open_preps: frozenset[str] = frozenset(),
    pairs: bool = False,
) -> list[ActorRef]:
    """The first actor of the clause with its conjuncts ("ties with A, B and C")."""
    ref = first_actor(root, found, exclude, right_only, open_preps)
    if ref is None:
        return []
    head = root.doc[ref.head]
    if head.head.lower_ == "between" and not pairs:
        return [ref]  # "measures between the government and the opposition": one relation
    refs = with_conjuncts(head, found)
    return [r for r in refs if r.head not in exclude] or [ref]


# ---------------------------------------------------------------------------- loose roles
# The learned coder has already judged that an act happened; when no coded actor fills a role,
# it takes the phrase in that syntactic slot if it names someone (an actor phrase the resolver
# saw without a code, a person, group or place name, a personal pronoun), with a null code.
PERSONAL = {"he", "she", "they", "we", "him", "her", "them", "us"}


def is_personal(token: Token, also: frozenset[str] = frozenset()) -> bool:
    """A personal pronoun ("they", "us"), never the country its capitals spell ("US")."""
    return token.pos_ == "PRON" and token.lower_ in PERSONAL | also


# people an act can hit whom the actor dictionaries do not list as agents
PEOPLE = {
    "people", "person", "persons", "child", "children", "woman", "women", "man", "men",
    "villager", "villagers", "worshipper", "worshippers", "passenger", "passengers", "doctor",
    "doctors", "patient", "patients", "family", "families", "teenager", "teenagers", "boy",
    "boys", "girl", "girls", "victim", "victims", "casualty", "casualties", "fighter", "fighters",
}  # fmt: skip
ACTOR_ENTS = {"PERSON", "ORG", "NORP"}  # places are where, not who
LOOSE_TARGET_PREPS = TARGET_PREPS | {"of", "for"}  # never "in", "at", "near": places


def loose_ref(token: Token, found: ArticleActors) -> ActorRef | None:
    ref = found.at(token)
    if is_personal(token) and (ref is None or ref.actor.code is None):
        speaker = _reporting_subject(token)  # "X said they had attacked …": they are X
        if speaker is not None:
            return loose_ref(speaker, found)
    if ref is not None:
        return ref
    if (
        is_personal(token)
        or (token.ent_type_ in ACTOR_ENTS and token.pos_ == "PROPN")
        or token.lower_ in PEOPLE
    ):
        start = min(token.left_edge.i, token.i)
        while start < token.i and token.doc[start].is_punct:
            start += 1
        if names_a_day([t.text for t in token.doc[start : token.i + 1]]):
            return None  # "Fri Sep": a dateline, not a person
        text = token.doc[start : token.i + 1].text
        return ActorRef(token.i, start, token.i + 1, Actor(text), "unknown")
    return None


def named_antecedents(refs: list[ActorRef], doc: Doc, found: ArticleActors) -> list[ActorRef]:
    """ "Trump said he would call on …", "the Pentagon said it hit …": the pronoun's actor,
    named as its reporter is."""
    out = []
    for ref in refs:
        token = doc[ref.head]
        speaker = _reporting_subject(token) if is_personal(token, frozenset({"it"})) else None
        named = loose_ref(speaker, found) if speaker is not None else None
        compatible = named is not None and (
            ref.actor.code is None or named.actor.code in (None, ref.actor.code)
        )
        out.append(named if named is not None and compatible else ref)
    return out


def _owner(token: Token, found: ArticleActors) -> ActorRef | None:
    """ "Regime raids killed …", "Assad regime air strikes hit …", "Israeli strikes": the
    weapon's or act's modifiers, nearest first."""
    modifiers = [t for t in token.subtree if t.i < token.i and t.dep_ in OWNER_DEPS]
    for child in sorted(modifiers, key=lambda t: token.i - t.i):
        if (ref := found.at(child)) is not None:
            return ref
        if child.dep_ == "amod" and child.ent_type_ == "NORP":
            return loose_ref(child, found)
    return None


def _reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the verb that reports the pronoun's clause, if it is a noun phrase."""
    clause = pronoun.head
    if pronoun.dep_ not in SUBJECT_DEPS | {"nsubjpass"} or clause.dep_ != "ccomp":
        return None
    subject, _ = subject_of(clause.head)
    if subject is None or subject.pos_ == "PRON":
        return None
    return subject


def loose_subjects(predicate: Token, found: ArticleActors) -> list[ActorRef]:
    own = found.at(predicate) if predicate.pos_ == "NOUN" else None
    if own is not None and own.actor.code:  # "Israeli strikes": the weapon acts for its owner
        return [own]
    node = predicate
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "agent":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and (ref := loose_ref(pobj, found)):
                    return [ref]
            if child.dep_ in SUBJECT_DEPS or (node.pos_ == "NOUN" and child.dep_ == "poss"):
                ref = loose_ref(child, found) or _owner(child, found)
                return [ref] if ref is not None else []
        if node.pos_ == "NOUN":  # "Syrian army shelling", "regime airstrikes", "Israeli raids"
            for child in node.children:
                if child.dep_ == "amod" and child.ent_type_ == "NORP":
                    return [r] if (r := loose_ref(child, found)) else []
                if child.dep_ in {"compound", "nmod"} and (ref := found.at(child)) is not None:
                    return [ref]
        if node.dep_ in INHERIT_DEPS | {"ccomp", "pobj", "dobj", "nsubj"} and node.head != node:
            if node.dep_ == "ccomp" and node.pos_ == "VERB":
                break  # a reported clause has its own subject or none
            node = node.head
            continue
        break
    return []


OBJECT_DEPS = {"dobj", "nsubjpass", "dative"}
COMPLEMENT_DEPS = {"xcomp", "advcl", "ccomp", "pcomp"}


def _object_slots(predicate: Token) -> Iterator[Token]:
    """Where a target may stand, nearest first: objects and relational prepositions, then the
    object's own ("denied charges by X"), then those of its complements ("sending aid to help
    X")."""
    children = list(predicate.children)
    objects_ = [c for c in children if c.dep_ in OBJECT_DEPS]
    yield from objects_
    for c in children:
        if c.dep_ in {"prep", "dative"} and c.lower_ in LOOSE_TARGET_PREPS:
            yield from (g for g in c.children if g.dep_ == "pobj")
    for obj in objects_:
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ in LOOSE_TARGET_PREPS | {"by"}:
                yield from (g for g in c.children if g.dep_ == "pobj")
    for c in children:
        if c.dep_ in COMPLEMENT_DEPS and c.pos_ in {"VERB", "AUX"}:
            yield from _object_slots(c)
        elif c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pcomp":
                    yield from _object_slots(g)


def loose_objects(predicate: Token, found: ArticleActors, exclude: set[int]) -> list[ActorRef]:
    slots = list(_object_slots(predicate))
    if predicate.pos_ == "NOUN" and predicate.dep_ == "nsubj":  # "air strikes killed 13 people"
        slots += [t for t in _object_slots(predicate.head) if t.i != predicate.i]
    for token in slots:
        if token.i in exclude:
            continue
        ref = loose_ref(token, found)
        if ref is not None and ref.head not in exclude:
            return [ref]
    return []
