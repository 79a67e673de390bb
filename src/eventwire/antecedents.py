"""Where a clause borrows its time and place from elsewhere in the story.

Two constructions of wire copy leave an event's own clause without a date or place that the
story does give:

- a relative clause on a place or time, ``…in Doha two weeks ago, where the crisis was
  discussed by …``: the discussion happened in Doha, two weeks ago. Read in reading order
  (", where" / ", when" after the antecedent), since the small parser often hangs the clause
  elsewhere.
- an event noun mentioned again: ``Lavrov and Kerry discussed in a phone call …`` followed by
  ``the ministry said on Thursday that the phone call discussed …``, or ``talks between A and B,
  after the first round of talks was held on January 26-29``.

The time and place stages use these only when the event's own clause names nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from eventwire.events.nouns import noun_event

RELATIVE_WORDS = {"where", "when"}
FOLLOWING_SENTENCES = 2  # how far on an event noun may be mentioned again


def relative_antecedent(doc: Doc, trigger: int, words: set[str] = RELATIVE_WORDS) -> Span | None:
    """The tokens before ", where"/", when" that introduce the trigger's relative clause, back
    to the previous clause break (a comma, a verb or the sentence start)."""
    token = doc[trigger]
    sentence = token.sent
    marker = None
    for t in doc[sentence.start : trigger]:
        if t.lower_ in RELATIVE_WORDS and t.i > sentence.start and doc[t.i - 1].text == ",":
            marker = t if t.lower_ in words else None  # the nearest one governs the trigger
    if marker is None:
        return None
    comma = marker.i - 1
    start = comma
    while start > sentence.start and doc[start - 1].text not in {",", ";", ":"}:
        if doc[start - 1].pos_ in {"VERB", "AUX"}:
            break
        start -= 1
    return doc[start:comma] if start < comma else None


def event_nouns(token: Token) -> list[Token]:
    """The event nouns that name the trigger's event: the trigger itself ("talks"), or its
    object or prepositional object ("discussed in a phone call", "held talks")."""
    if token.pos_ == "NOUN":
        return [token] if noun_event(token) is not None else []
    found: list[Token] = []
    for child in token.children:
        nouns = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep":
            nouns = [c for c in child.children if c.dep_ == "pobj"]
        found.extend(n for n in nouns if n.pos_ == "NOUN" and noun_event(n))
    return found


def later_mentions(doc: Doc, trigger: int) -> Iterator[Token]:
    """Other mentions of the trigger's event nouns: elsewhere in its sentence, then in the
    next sentences, in reading order."""
    nouns = event_nouns(doc[trigger])
    lemmas = {n.lemma_.lower() for n in nouns}
    own = {n.i for n in nouns}
    if not nouns:
        return
    sentences = list(doc.sents)
    index = next(i for i, s in enumerate(sentences) if s.start <= trigger < s.end)
    for sentence in sentences[index : index + 1 + FOLLOWING_SENTENCES]:
        for t in sentence:
            if t.i not in own and t.pos_ == "NOUN" and t.lemma_.lower() in lemmas and _definite(t):
                yield t


def _definite(noun: Token) -> bool:
    """ "the phone call", "the first round of talks": a mention that refers back."""
    for t in (noun, noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun):
        if any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "another"}
               for c in t.children):  # fmt: skip
            return True
    return False


def reporting_verbs(token: Token) -> Iterator[Token]:
    """The verb governing a mention, then the verbs that report it ("said … that the call …")."""
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
        verb = verb.head
    yield verb
    while verb.dep_ == "ccomp" and verb.head is not verb:
        verb = verb.head
        yield verb
