"""Candidate predicates for the learned coder: verbs and event nouns with their context.

The parse and the dictionaries propose; the model (``classify``) decides. A candidate is a verb,
an event noun of the shipped lexicon, or a noun the model learned as a trigger ("strike",
"crackdown"), in a sentence that names at least one actor or has a nominal subject. The
dictionary's code for it, when there is one, travels with it as a hint. Training builds its
examples with this same module, so training and coding cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.actors.found import ArticleActors
from eventwire.events.modality import SPEECH_LEMMAS, is_negated, modality_of
from eventwire.events.nouns import NounEvent, noun_event
from eventwire.events.roles import SUBJECT_DEPS

CLAUSE_HEAD_DEPS = {"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "pcomp", "pobj", "dobj"}
WINDOW = 3


@dataclass
class Candidate:
    token: Token
    hint: str | None  # the dictionary's CAMEO code, if it codes this predicate
    noun: NounEvent | None = None
    features: list[str] | None = None


def candidate_tokens(
    sent: Span, trigger_nouns: frozenset[str]
) -> Iterator[tuple[Token, NounEvent | None]]:
    for token in sent:
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            yield token, None
        elif token.pos_ in {"NOUN", "PROPN"}:
            noun = noun_event(token) if token.pos_ == "NOUN" else None
            if noun is not None or token.lemma_.lower() in trigger_nouns:
                yield token, noun


def _role(token: Token | None, found: ArticleActors, name: str) -> list[str]:
    if token is None:
        return [f"{name}=none"]
    ref = found.at(token)
    feats = [f"{name}l={token.lemma_.lower()}"]
    if ref is not None and ref.actor.code:
        feats += [f"{name}=actor", f"{name}sec={ref.actor.sector or '-'}"]
        feats.append(f"{name}how={ref.how}")
    elif token.pos_ == "PRON":
        feats.append(f"{name}=pron")
    elif token.ent_type_:
        feats.append(f"{name}=ent:{token.ent_type_}")
    else:
        feats.append(f"{name}=noun")
    return feats


YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"}  # fmt: skip
PAST_WORDS = {"last", "earlier", "ago", "previously", "previous", "past", "since", "former"}
RECENT_WORDS = {"today", "tonight", "yesterday", "monday", "tuesday", "wednesday", "thursday",
                "friday", "saturday", "sunday", "overnight", "now"}  # fmt: skip
HABITUAL_WORDS = {"regularly", "repeatedly", "often", "frequently", "usually", "routinely",
                  "long", "decades", "years", "traditionally", "always"}  # fmt: skip


def _time_scope(token: Token) -> list[Token]:
    """The phrases that place the predicate in time: its own modifiers and prepositions, and
    its governing clause's when it is a complement."""
    scope = [c for c in token.children] + [
        g for c in token.children if c.dep_ == "prep" for g in c.subtree
    ]
    if token.dep_ in {"xcomp", "ccomp", "conj", "advcl"}:
        scope += [c for c in token.head.children if c.dep_ in {"npadvmod", "prep", "advmod"}]
    return scope


def years_placed(token: Token, sent: Span) -> list[int]:
    """The years that date the act: in its time phrases, or heading the sentence as a
    timeline entry does ("August 21 2013: …"). A year inside a clause that hangs on a noun
    of those phrases dates that clause, not the act ("established ties, in a statement
    setting up relations from May 2009"; "shelled the town, which they had lost in 2013")."""
    text = " ".join(t.text for t in _placing(token))
    head = sent[: min(len(sent), 8)]
    starts_dated = bool(YEAR.fullmatch(sent[0].text)) or sent[0].lower_ in MONTHS
    if starts_dated or any(t.text in {":", "-", "–", "—"} for t in head):  # a timeline entry
        text += " " + head.text
    return [int(m.group(0)) for m in YEAR.finditer(text)]


def _placing(token: Token) -> list[Token]:
    """The words that date the act itself (the background rule's scope)."""
    scope = _time_scope(token) + _complement_time(token)
    return [t for t in scope if not _in_own_clause(t, token)]


def placed_last_year(token: Token) -> bool:
    """ "last year the army wrested back the town", "severed ties two years ago": an act
    placed in a year before the story's is history, as a dated one is (``years_placed``);
    "since last year" runs up to now and is not. The caller leaves a story's first sentence
    alone: a lede that opens on last year ("Last year, Uganda sent 2,000 troops to Somalia")
    is a retrospective whose news that act is."""
    years = {t for word in _placing(token) for t in word.subtree if t.lemma_.lower() == "year"}
    return any(
        year.head.lower_ != "since"
        and (year.head.lower_ == "ago" or any(c.lower_ == "last" for c in year.children))
        for year in years
    )


def _complement_time(token: Token) -> list[Token]:
    """ "agreed to destroy its weapons in 2013": what was agreed to is dated no earlier than
    the agreement, so its year places the act too (the background rule's only: the model's
    time features keep the scope they were trained on)."""
    return [
        g
        for x in token.children
        if x.dep_ == "xcomp"
        for c in x.children
        if c.dep_ == "prep"
        for g in c.subtree
    ]


# the clauses that hang on a noun and carry their own time (a verb's own complements are
# left in: the parse often hangs the act's date on them)
OWN_CLAUSE_DEPS = {"acl", "relcl"}


def _in_own_clause(word: Token, predicate: Token) -> bool:
    """Whether a word of the predicate's time phrases stands in a clause hung on a noun below
    the predicate."""
    node = word
    while node.i != predicate.i and node.head.i != node.i:
        if node.dep_ in OWN_CLAUSE_DEPS and node.head.i != predicate.i:
            return True
        node = node.head
    return False


BACKGROUND_ADVERBS = {"previously", "formerly", "regularly", "routinely", "habitually",
                      "usually", "always", "often", "frequently"}  # fmt: skip


def told_as_background(token: Token) -> bool:
    """An act the sentence places before the news or makes a habit of: "had previously
    accused", "have carried out similar attacks in the past", "has said before", "whenever
    the group attacked", "always call for". The guideline codes none of these. "In the
    past two days" is recent, and "repeatedly" may be one day's strikes: neither counts. An
    event noun is placed by the verb it is the object of ("carried out attacks")."""
    if token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.pos_ == "VERB":
        return told_as_background(token.head)
    for child in token.children:
        word = child.lower_
        if child.dep_ == "advmod" and (
            word in BACKGROUND_ADVERBS
            or word == "whenever"
            or (word == "before" and not list(child.children))
        ):
            return True
        if child.dep_ == "prep" and word == "in":
            past = [g for g in child.children if g.dep_ == "pobj" and g.lower_ == "past"]
            if past and not any(g.dep_ in {"nummod", "amod", "compound"} for g in past[0].children):
                return True
    return False


def _reported(token: Token) -> bool:
    """The predicate of a clause a speech verb reports ("said they had attacked")."""
    return token.dep_ == "ccomp" and token.head.lemma_.lower() in SPEECH_LEMMAS


def time_features(token: Token, sent: Span) -> list[str]:
    """When the act is placed: a year, a relative past ("last month", "earlier"), a recent day,
    habitual words, and the perfect tenses. Background and history ("in 2013 X attacked",
    "had accused", "has hosted for decades") read as such to the model."""
    f = []
    scope = _time_scope(token)
    words = {t.lower_ for t in scope for t in [t, *t.subtree]} if scope else set()
    text = " ".join(t.text for t in scope)
    if YEAR.search(text):
        f.append("time=year")
    if words & PAST_WORDS:
        f.append("time=past")
    if words & RECENT_WORDS:
        f.append("time=recent")
    if words & HABITUAL_WORDS:
        f.append("time=habitual")
    auxes = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    if "had" in auxes and _reported(token):
        f.append("tense=reported-past")  # "claimed they had attacked": backshift, not history
    elif "had" in auxes:
        f.append("tense=pluperfect")
    elif auxes & {"has", "have"}:
        f.append("tense=perfect")
    if YEAR.search(sent[: min(len(sent), 6)].text):
        f.append("sent=starts-with-year")
    return f


def features(
    token: Token,
    sent: Span,
    found: ArticleActors,
    hint: str | None,
    noun: NounEvent | None,
    context: SentenceContext | None = None,
) -> list[str]:
    """Sparse string features of one candidate."""
    lemma = token.lemma_.lower()
    anchor = through_quantity(token)  # "held a series of talks": where "talks" stands
    hinted = hint[:2] if hint else "none"
    f = [
        "bias",
        f"l={lemma}",
        f"w={token.lower_}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={anchor.dep_}",
        f"l+dep={lemma}|{anchor.dep_}",
        f"h={hinted}",
        f"hc={hint or 'none'}",
        f"l+h={lemma}|{hinted}",
    ]
    if noun is not None:
        f.append(f"noun={noun.code[:2]}")
    if anchor.dep_ in CLAUSE_HEAD_DEPS and anchor.head is not anchor:
        head = anchor.head.lemma_.lower()
        f += [f"head={head}", f"headdep={anchor.dep_}|{head}", f"head+h={head}|{hinted}"]
        if head in SPEECH_LEMMAS:
            f.append("reported")
    f += _stance(token, hinted)
    children = list(token.children)
    if anchor is not token:  # "a series of talks with X": the quantity's words are the act's
        children += [c for c in anchor.children if c.i != token.head.i]
    subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
    passive_subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
    obj = next((c for c in children if c.dep_ in {"dobj", "attr", "oprd"}), None)
    f += _role(subject, found, "subj")
    if passive_subject is not None:
        f += _role(passive_subject, found, "psubj")
    elif subject is None:
        f += _governing_subject(anchor, found)
    f += _role(obj, found, "obj")
    for c in children:
        if c.dep_ == "prt":
            f.append(f"lp={lemma}|{c.lower_}")
        elif c.dep_ in {"prep", "agent", "dative"}:
            f.append(f"lprep={lemma}|{c.lower_}")
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                ref = found.at(pobj)
                kind = "actor" if ref is not None and ref.actor.code else pobj.lemma_.lower()
                f.append(f"pp={c.lower_}|{kind}")
        elif c.dep_ in {"xcomp", "ccomp"}:
            f.append(f"comp={c.dep_}|{c.lemma_.lower()}")
            f.append(f"l+comp={lemma}|{c.lemma_.lower()}")
    f += time_features(token, sent)
    doc = token.doc
    for t in doc[max(sent.start, token.i - WINDOW) : min(sent.end, token.i + WINDOW + 1)]:
        if t.i != token.i and not t.is_punct:
            f.append(f"c={t.lemma_.lower()}")
    context = context or sentence_context(sent, found)
    f.append(context.actors)
    f += context.position
    f += [word for i, word in context.words if i != token.i]
    return f


def _stance(token: Token, hinted: str) -> list[str]:
    """Negation and modality, alone and with the act's kind: a linear model cannot join them
    itself, and their joins mean different things: "will not release" refuses (12), "did not
    release" denies a release, "will release" intends one (03)."""
    modality = modality_of(token)
    f = [f"mod={modality}", f"mod+h={modality}|{hinted}"]
    if is_negated(token):
        f += ["neg", f"neg+mod={modality}", f"neg+h={modality}|{hinted}"]
    return f


GOVERNOR_STEPS = 4
# nouns that count or group acts: "a series of talks", "a wave of arrests", "a new round of
# strikes" hold the act where the counting noun stands
QUANTITY_NOUNS = {
    "series", "round", "wave", "spate", "string", "flurry", "number", "couple", "host", "bout",
    "raft", "set",
}  # fmt: skip


def through_quantity(token: Token) -> Token:
    """The counting noun an act is "of" ("a series of communications"), else the token."""
    of = token.head
    if token.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in QUANTITY_NOUNS:
        return of.head
    return token


def _governing_subject(token: Token, found: ArticleActors) -> list[str]:
    """For a predicate with no subject of its own, the subject of the clause that governs it:
    "Pakistan is prepared to cooperate", "Beijing held consultations with ...", "the army
    launched an offensive" act through their governing verb's subject."""
    head = token
    for _ in range(GOVERNOR_STEPS):
        if head.head is head:
            return []
        head = head.head
        subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return [f"gov={head.lemma_.lower()}", *_role(subject, found, "gsubj")]
    return []


@dataclass
class SentenceContext:
    """What every candidate of a sentence shares: computed once per sentence."""

    actors: str  # "nact=N": coded actors in the sentence, 3 meaning three or more
    words: list[tuple[int, str]]  # (token index, "s=lemma") of its content words
    position: list[str]  # "at>=N": how far into the story's body the sentence starts


# Characters into the body at which a sentence counts as further from the lede. Later sentences
# tell background and history more often (Phoenix codes only a story's first four sentences for
# this reason); the model learns by how much from our annotated real sentences, which keep
# their place in the article. A lone sentence (the dev half, our written ones) is a lede.
POSITION_STEPS = (250, 500, 1000, 2000, 4000)


def sentence_context(sent: Span, found: ArticleActors, offset: int = 0) -> SentenceContext:
    """``offset``: where the sentence's text starts in its story when it was parsed alone."""
    actors = sum(
        1 for i in range(sent.start, sent.end) if (r := found.by_head.get(i)) and r.actor.code
    )
    words = [(t.i, f"s={t.lemma_.lower()}") for t in sent if t.is_alpha and not t.is_stop]
    start = sent.start_char + offset
    position = [f"at>={n}" for n in POSITION_STEPS if start >= n]
    return SentenceContext(f"nact={min(actors, 3)}", words, position)
