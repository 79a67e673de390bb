"""Reported speech: a reporting verb and what it reports, from the dependency parse.

What counts (content = the words reported, without a leading ``that``):
- a reporting verb's clausal complement: ``Lavrov noted that Russia is in contact …``,
  ``…, stressing that …``, ``Moscow is hoping …, Lavrov said``, ``quoted Putin as saying …``;
  verbs of belief and intention (``believes``, ``hopes``) count only with a clause;
- a parenthetical cue inside the clause it reports: ``Russia, Bogdanov said, is willing …``
  (content in two pieces, around the cue);
- ``according to X``: the clause it is attached to, without the phrase;
- the noun-phrase object of a verb that states (``underscored``, ``stressed``, ``expressed``,
  ``reiterated``, ``announced`` …) when it has three words or more: ``Bogdanov also underscored
  Russia's willingness to host any new meeting …``.
Not counted: ``said`` with a noun object (``said nothing``), and directives (``urged X to``),
which the event coder codes as events.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.quotes.cues import (
    EVALUATIVE_VERBS,
    INFINITIVE_VERBS,
    NAMING_VERBS,
    NP_REPORTING_VERBS,
    REPORTING_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    STANCE_ADJECTIVES,
    TOPIC_PREPS,
    TOPIC_VERBS,
    VOICING_VERBS,
)
from eventwire.saying import is_reporting_participle, subject_of

CUE_VERBS = REPORTING_VERBS | NP_REPORTING_VERBS | EVALUATIVE_VERBS | TOPIC_VERBS | INFINITIVE_VERBS
NP_OBJECT_WORDS = 3
ADDRESSING_VERBS = {"ask", "tell", "warn", "question", "press", "lecture", "remind", "brief"}
MARKERS = {"that", "whether", "if"}


@dataclass
class Reported:
    cue: Token  # the verb, or "according" of "according to"
    cue_end: int  # token just past the cue phrase
    parts: list[tuple[int, int]]  # token spans [start, end) of the content
    speaker: Token | None
    speaker_method: str


def reported(doc: Doc, skip: set[int]) -> Iterator[Reported]:
    """Indirect quotes in ``doc``; cues on tokens in ``skip`` (inside quotations) are ignored."""
    for token in doc:
        if token.i in skip:
            continue
        lemma = token.lemma_.lower()
        if token.lower_ == "according" and token.dep_ == "prep":
            item = _according_to(token)
            if item is not None:
                yield item
            continue
        if token.pos_ == "NOUN" and lemma in SPEECH_NOUNS:
            item = _nominal(token)
            if item is not None:
                yield item
            continue
        adjective = token.pos_ == "ADJ" and lemma in STANCE_ADJECTIVES
        if not adjective and (token.pos_ != "VERB" or lemma not in CUE_VERBS):
            continue
        if _hypothetical(token):
            continue  # "if it rejects terrorist tactics": nothing was said
        if adjective:
            item = _adjectival(token)
        else:
            item = (
                _clausal(token)
                or _parenthetical(token)
                or _infinitival(token)
                or _np_object(token)
                or _prepositional(token)
            )
        if item is None:
            continue
        if item.speaker is None and not _speech(item):
            continue  # "talks which focused on defending X": a topic, but nobody speaks
        yield item


def _hypothetical(token: Token) -> bool:
    """A cue in an "if"/"unless" clause."""
    clause = token if token.pos_ == "VERB" else token.head
    return any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children)


def _speech(item: Reported) -> bool:
    """A verb of saying with a clause: reported speech even when the speaker is unknown
    ("it was announced that …")."""
    return item.cue.lemma_.lower() in SPEECH_VERBS or item.cue.lower_ == "according"


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading complementizer and punctuation at both ends."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if start < end and doc[start].lower_ in MARKERS and doc[start].dep_ == "mark":
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _clausal(verb: Token) -> Reported | None:
    """The verb's complement clauses: before it ("…, Lavrov said") and/or after it."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    clauses = [c for c in verb.children if c.dep_ == "ccomp"] or _statement_clauses(verb)
    if not clauses:
        return None
    doc = verb.doc
    parts = []
    after = [c for c in clauses if c.i > verb.i]
    # a clause before the verb only when none follows it: "In a meeting Zannier held …, Lavrov
    # said that …" is a misparse, "Moscow is hoping …, Lavrov said" is not
    before = [c for c in clauses if c.i < verb.i and _finite(c)] if not after else []
    for side in (before, after):
        if not side:
            continue
        lo = min(c.left_edge.i for c in side)
        hi = max(c.right_edge.i for c in side) + 1
        lo, hi = (max(lo, verb.i + 1), hi) if side[0].i > verb.i else (lo, min(hi, verb.i))
        parts.extend(_without_participles(doc, lo, hi, verb))
    parts = [(s, e) for s, e in parts if e - s >= 2 or (e > s and doc[s].pos_ in {"VERB", "AUX"})]
    if not parts:
        return None
    has_verb = any(doc[i].pos_ in {"VERB", "AUX"} for s, e in parts for i in range(s, e))
    if verb.lemma_.lower() not in SPEECH_VERBS and not has_verb:
        return None  # "believes that …" needs a clause with a verb
    subject, how = subject_of(verb)
    return Reported(verb, verb.i + 1, sorted(parts), subject, how)


def _finite(clause: Token) -> bool:
    """A clause with a tensed verb or a subject of its own."""
    if clause.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
        return True
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl", "aux"} for c in clause.children)


def _statement_clauses(verb: Token) -> list[Token]:
    """ "told reporters in a statement that Moscow has made …": the parser hangs the clause
    on the statement; it is still what was told."""
    found = []
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in pobj.children:
                if clause.dep_ in {"acl", "relcl", "ccomp"} and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children
                ):
                    found.append(clause)
    return found


def _without_participles(doc: Doc, lo: int, hi: int, verb: Token) -> list[tuple[int, int]]:
    """The clause's words without the ", adding that …" a participle of saying reports: that
    is a quote of its own, by the same speaker."""
    cuts = [
        t for t in doc[lo:hi] if t.i != verb.i and is_reporting_participle(t) and lo < t.left_edge.i
    ]
    parts = []
    start = lo
    for t in cuts:
        if t.left_edge.i < start:
            continue
        parts.append(_trim(doc, start, t.left_edge.i))
        start = t.right_edge.i + 1
    parts.append(_trim(doc, start, hi))
    return [(s, e) for s, e in parts if e > s]


def _parenthetical(verb: Token) -> Reported | None:
    """ "Russia, Bogdanov said, is willing …": the cue hangs inside the clause it reports."""
    if verb.dep_ != "parataxis" or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    if any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children):
        return None
    head = verb.head
    doc = verb.doc
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    parts = [
        _trim(doc, lo, verb.left_edge.i),
        _trim(doc, verb.right_edge.i + 1, hi),
    ]
    parts = [(s, e) for s, e in parts if e > s]
    if not parts:
        return None
    subject, how = subject_of(verb)
    return Reported(verb, verb.i + 1, parts, subject, how)


def _according_to(token: Token) -> Reported | None:
    """ "According to diplomatic sources, the conference may take place in mid-June." """
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if source is None:
        return None
    clause = token.head
    doc = token.doc
    lo, hi = clause.left_edge.i, clause.right_edge.i + 1
    parts = [_trim(doc, lo, token.left_edge.i), _trim(doc, token.right_edge.i + 1, hi)]
    parts = [(s, e) for s, e in parts if e - s >= 2]
    if not parts:
        return None
    return Reported(token, to.i + 1 if to else token.i + 1, parts, source, "according-to")


def _np_object(verb: Token) -> Reported | None:
    """ "underscored Russia's willingness to host …" (three words or more), and the object of
    a verb that judges it, however short: "criticized the decision", "described the talks as
    useful" (the "as"/"for"/"to" phrase after the object belongs to it)."""
    lemma = verb.lemma_.lower()
    evaluative = lemma in EVALUATIVE_VERBS
    if lemma not in NP_REPORTING_VERBS and not evaluative:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or (obj.pos_ == "PRON" and not evaluative) or obj.tag_ in {"WP", "WDT"}:
        return None  # "what he called the operation": a name for it, not what was said
    doc = verb.doc
    end = obj.right_edge.i + 1
    for prep in verb.children:
        if prep.dep_ in {"prep", "oprd"} and prep.i > obj.i and prep.lower_ in {"as", "for", "to"}:
            end = max(end, prep.right_edge.i + 1)
        elif prep.dep_ in {"oprd", "xcomp", "ccomp"} and prep.i > obj.i and evaluative:
            end = max(end, prep.right_edge.i + 1)  # "called the plan a disaster"
    if lemma in NAMING_VERBS and end == obj.right_edge.i + 1:
        return None  # "Lavrov called Kerry": no second complement, no speech
    start, end = _trim(doc, obj.left_edge.i, end)
    words = [t for t in doc[start:end] if not t.is_punct]
    if len(words) < (1 if evaluative else NP_OBJECT_WORDS):
        return None
    subject, how = subject_of(verb)
    return Reported(verb, verb.i + 1, [(start, end)], subject, how)


def _prepositional(verb: Token) -> Reported | None:
    """ "talked about X", "called for X", "warned of X", "argued against X", "asked him about
    X"; not "called Kerry on Monday" (a time) nor other verbs with an object."""
    if verb.lemma_.lower() not in TOPIC_VERBS:
        return None
    if verb.lemma_.lower() not in ADDRESSING_VERBS and any(c.dep_ == "dobj" for c in verb.children):
        return None
    doc = verb.doc
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in TOPIC_PREPS or prep.i < verb.i:
            continue
        pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
        if pobj is None or pobj.ent_type_ in {"DATE", "TIME"}:
            continue
        start, end = _trim(doc, prep.i + 1, prep.right_edge.i + 1)
        if end > start:
            subject, how = subject_of(verb)
            cue_end = prep.i + 1 if prep.i == verb.i + 1 else verb.i + 1  # "called for"
            return Reported(verb, cue_end, [(start, end)], subject, how)
    return None


def _infinitival(verb: Token) -> Reported | None:
    """ "urged Trump to stop attacking Machado", "vowed to repeal Obamacare"."""
    if verb.lemma_.lower() not in INFINITIVE_VERBS:
        return None
    doc = verb.doc
    for clause in verb.children:
        if clause.dep_ not in {"xcomp", "ccomp"} or clause.i < verb.i:
            continue
        if not any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children):
            continue
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubj"} and c.i > verb.i), None)
        lo = obj.left_edge.i if obj is not None and obj.i < clause.i else clause.left_edge.i
        start, end = _trim(doc, lo, clause.right_edge.i + 1)
        if end - start >= 2:
            subject, how = subject_of(verb)
            return Reported(verb, verb.i + 1, [(start, end)], subject, how)
    return None


def _adjectival(adjective: Token) -> Reported | None:
    """ "Graham has been critical of Trump", "Democrats are worried about turnout",
    "made it clear that …": the adjective's subject holds a view of its complement."""
    doc = adjective.doc
    for child in adjective.children:
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS | {"with", "that"}:
            lo, hi = child.i + 1, child.right_edge.i + 1
        elif child.dep_ in {"ccomp", "xcomp"} and child.i > adjective.i:
            lo, hi = child.left_edge.i, child.right_edge.i + 1
        else:
            continue
        start, end = _trim(doc, lo, hi)
        if end <= start:
            continue
        governor = adjective.head if adjective.dep_ in {"acomp", "oprd", "ccomp"} else adjective
        subject, how = subject_of(governor)
        if subject is not None and subject.lower_ == "it":
            subject, how = subject_of(governor.head) if governor.dep_ != "ROOT" else (None, how)
        return Reported(adjective, adjective.i + 1, [(start, end)], subject, how)
    return None


def _nominal(noun: Token) -> Reported | None:
    """ "his claim that …", "Trump's comments about Machado", "raised concerns over X": a noun
    of saying with what it says, when the text names whose it is (a possessor, or the subject
    of a verb that voices it); "the call for a ceasefire" alone names nobody and is skipped."""
    doc = noun.doc
    governor = noun.head.lemma_.lower() if noun.dep_ == "dobj" else ""
    if governor in NP_REPORTING_VERBS or governor in EVALUATIVE_VERBS:
        return None  # "expressed Russia's hope that …": the verb reports it already
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    how = "subject"
    if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in VOICING_VERBS:
        owner, how = subject_of(noun.head)
    if owner is None:
        return None
    for child in noun.children:
        if child.i < noun.i:
            continue
        that = any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children)
        if child.dep_ in {"acl", "ccomp", "relcl"} and that:
            lo = child.left_edge.i
        elif child.dep_ == "prep" and child.lower_ in TOPIC_PREPS:
            lo = child.i + 1
        else:
            continue
        start, end = _trim(doc, lo, child.right_edge.i + 1)
        if end > start:
            return Reported(noun, noun.i + 1, [(start, end)], owner, how)
    return None
