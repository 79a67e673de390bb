"""Nominal events: "talks between A and B", "his meeting with X", "an invitation from Y".

The noun names the act; its prepositions name the parties. When a party is missing, the
clause that governs the noun supplies it ("Lavrov said during his meeting with X": Lavrov).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

RECEIVE_VERBS = {"receive", "get", "accept", "welcome"}


@dataclass
class NounEvent:
    code: str
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    governor: Token | None = None  # the verb whose clause holds the noun
    governor_is_target: bool = False  # "X received an invitation from Y": X is the target
    preps: dict[str, Token] = field(default_factory=dict)  # "between"/"with" → the preposition


@lru_cache(maxsize=1)
def noun_lexicon() -> dict[str, list[tuple[str, str | None]]]:
    """lemma → [(code, required modifier)]."""
    text = resources.files("eventwire").joinpath("data/event_nouns.tsv").read_text("utf-8")
    lexicon: dict[str, list[tuple[str, str | None]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        lexicon.setdefault(parts[0], []).append((parts[1], parts[2] if len(parts) > 2 else None))
    return lexicon


def _governor(noun: Token) -> Token | None:
    node = noun
    for _ in range(6):
        if node.head == node:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return None


def _pobjs(prep: Token) -> list[Token]:
    out = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        out.append(pobj)
        out.extend(c for c in pobj.children if c.dep_ == "conj")
    return out


def between_parties(noun: Token) -> list[Token]:
    """The parties an act noun joins with "between" ("clashes between X and Y"): X, Y."""
    return [
        p for c in noun.children if c.dep_ == "prep" and c.lower_ == "between" for p in _pobjs(c)
    ]


def noun_event(noun: Token) -> NounEvent | None:
    entries = noun_lexicon().get(noun.lower_) or noun_lexicon().get(noun.lemma_.lower())
    if not entries:
        return None
    modifiers = {c.lower_ for c in noun.children if c.dep_ in {"compound", "amod"}}
    code = next((c for c, needs in entries if needs is None or needs in modifiers), None)
    if code is None:
        return None
    event = NounEvent(code, governor=_governor(noun))
    for child in noun.children:
        if child.dep_ == "prep":
            event.preps.setdefault(child.lower_, child)
        if child.dep_ == "poss":
            event.sources.append(child)
        elif child.dep_ == "prep" and child.lower_ == "between":
            parties = _pobjs(child)
            event.sources.extend(parties[:1])
            event.targets.extend(parties[1:])
        elif child.dep_ == "prep" and child.lower_ in {"with", "to"}:
            event.targets.extend(_pobjs(child))
        elif child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            event.sources.extend(_pobjs(child))
        elif child.dep_ == "acl" and child.lemma_.lower() in {"involve", "include"}:
            event.targets.extend(c for c in child.children if c.dep_ == "dobj")
        elif child.dep_ == "acl":  # "a press conference held jointly with X"
            for prep in (c for c in child.children if c.dep_ == "prep"):
                event.preps.setdefault(prep.lower_, prep)
                if prep.lower_ == "with":
                    event.targets.extend(_pobjs(prep))
    gov = event.governor
    if gov is not None and gov.lemma_.lower() in RECEIVE_VERBS and event.sources:
        event.governor_is_target = True
    if not event.sources and not event.targets and gov is not None:
        # "held a series of communications with …": parties hang off the governing verb
        for child in gov.children:
            if child.dep_ == "prep" and child.lower_ in {"with", "between"} and child.i > noun.i:
                event.targets.extend(_pobjs(child))
    return event
