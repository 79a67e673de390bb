"""Where an event happened: a locative phrase of the event's own clause, else the dateline.

The place must come from a prepositional phrase the parser attaches to the event ("met in
Geneva", "talks in Doha", "were held in Doha", "killed 12 people in Kabul"), never from a
country that is merely an actor ("Russia urged Syria to ...") and never from a phrase of
another clause ("Russia urged Syria to stop the shelling in Aleppo": Aleppo is where the
shelling is, not where the urging was). Failing that, a wire story happened where its dateline
says, since that is where the reporter filed from; failing that, we say nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.actors.kb import load_kb
from eventwire.model import Location
from eventwire.place.resolve import PlaceContext, resolve_toponym

__all__ = ["LOCATIVE_PREPOSITIONS", "Located", "event_place", "place_phrase"]

LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "within", "throughout", "across", "around"}
)
# Dependents of a noun trigger that are still its clause ("the meeting, held in Doha"), and
# the dependencies by which a verb governs a noun trigger ("held talks in Moscow").
_NOUN_CLAUSE = frozenset({"acl", "relcl"})
_GOVERNED = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
_OBJECTS = frozenset({"dobj", "pobj", "attr"})
_NOT_PLACES = frozenset(
    {"DATE", "TIME", "PERSON", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "ORG"}
)
# "on" is locative only with these ("on the outskirts of Damascus"); "talks on Syria" is a topic.
_ON_PLACES = frozenset({"outskirts", "border", "island", "coast", "edge", "shore", "bank"})
# Verbs whose object is an event they stage: its place is theirs.
_STAGING_VERBS = frozenset(
    {"hold", "host", "attend", "stage", "organise", "organize", "convene", "conduct", "open"}
)
# Children that end a place expression: "Doha [on Monday]", "Paris [and London]".
_CUT = frozenset({"prep", "relcl", "acl", "cc", "conj", "advcl"})


@dataclass
class Located:
    """An event's place: the location, how we know it ("text" | "dateline"), and the place
    expression's character span in the document (None for the dateline)."""

    location: Location
    method: str
    span: tuple[int, int] | None = None


def _located_object(verb: Token, obj: Token) -> bool:
    """Whether a place hung on the verb's object is where the verb happened. The parser often
    attaches "in Paris" to the object: right for participants ("arrested a man in Paris",
    "killed 12 people in Kabul") and for what a light verb stages ("held talks in Moscow"),
    wrong for a topic ("condemned the war in Syria": the war is there, not the condemning)."""
    if verb.lemma_.lower() in _STAGING_VERBS:
        return True
    if any(c.dep_ == "nummod" for c in obj.children) or obj.ent_type_ in {"PERSON", "NORP"}:
        return True
    return obj.pos_ == "NOUN" and load_kb().agent(obj.text) is not None


def _anchors(trigger: Token) -> list[Token]:
    """Tokens whose prepositional phrases belong to the event, nearest first."""
    out = [trigger]
    if trigger.pos_ in {"NOUN", "PROPN"}:
        out += [c for c in trigger.children if c.dep_ in _NOUN_CLAUSE]
        if trigger.dep_ in _GOVERNED and trigger.head.pos_ in {"VERB", "AUX"}:
            out.append(trigger.head)  # "held talks in Moscow", "talks were held in Doha"
    else:
        out += [c for c in trigger.children if c.dep_ == "dobj" and _located_object(trigger, c)]
    return out


def _locative_objects(token: Token) -> Iterator[Token]:
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if prep.lower_ in LOCATIVE_PREPOSITIONS or (
                prep.lower_ == "on" and {obj.lower_, obj.lemma_.lower()} & _ON_PLACES
            ):
                yield obj


def place_phrase(head: Token) -> Span:
    """The place expression headed by a preposition's object: its modifiers and appositions
    ("the Qatari capital Doha", "Paris, Texas", "the city of Aleppo"), without trailing
    phrases, clauses or coordinated places."""
    keep = [head]
    for child in head.children:
        if child.dep_ in _CUT and not (child.dep_ == "prep" and child.lower_ == "of"):
            continue
        keep.extend(child.subtree)
    start, end = min(t.i for t in keep), max(t.i for t in keep) + 1
    doc = head.doc
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _is_candidate(phrase: Span) -> bool:
    """A place expression names something: a proper noun or a place entity, not a date,
    a person or an organisation ("in March", "at Reuters")."""
    if phrase.root.ent_type_ in _NOT_PLACES:
        return False
    return any(t.pos_ == "PROPN" or t.ent_type_ in {"GPE", "LOC", "FAC"} for t in phrase)


def _from_text(anchor: Token, context: PlaceContext, depth: int = 0) -> Located | None:
    for obj in _locative_objects(anchor):
        phrase = place_phrase(obj)
        if _is_candidate(phrase):
            location = resolve_toponym(phrase.text, context)
            if location is not None:
                return Located(location, "text", (phrase.start_char, phrase.end_char))
        if depth == 0:  # "met at talks in Moscow", "clashed with police in Syria"
            found = _from_text(obj, context, depth + 1)
            if found is not None:
                return found
    if depth == 0:
        for obj in anchor.children:
            if obj.dep_ == "prep" and obj.lower_ not in LOCATIVE_PREPOSITIONS:
                for pobj in (c for c in obj.children if c.dep_ in _OBJECTS):
                    found = _from_text(pobj, context, depth + 1)
                    if found is not None:
                        return found
    return None


def event_place(
    doc: Doc, trigger: int, context: PlaceContext, dateline_place: str | None
) -> Located | None:
    """The place of the event whose predicate is token ``trigger`` (a verb, or an event noun
    such as "talks"): from a locative phrase of its clause, else the dateline, else None."""
    token = doc[trigger]
    for anchor in _anchors(token):
        found = _from_text(anchor, context)
        if found is not None:
            return found
    place = dateline_place if dateline_place is not None else context.dateline_place
    if place:
        location = resolve_toponym(place, context)
        if location is not None:
            return Located(location, "dateline", None)
    return None
