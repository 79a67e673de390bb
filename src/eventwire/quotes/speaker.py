"""Who speaks through a cue: the cue's subject (``eventwire.saying.subject_of``), resolved by
the actors stage's resolution.

The actors stage already resolved pronouns and ``the minister``; a document or ``it``
(``the statement added``, ``it said``) stands for the organisation quoted just before.
A subject that resolves to no actor keeps its words with a null code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.actors.found import RESOLVER_KEY, ArticleActors
from eventwire.model import Actor, Span
from eventwire.quotes.cues import DASHES, SPEECH_VERBS, STATEMENT_NOUNS

NP_LEFT = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case", "punct"}
NP_RIGHT = {"compound", "flat", "appos"}
DOCUMENT_PRONOUNS = {"it", "this"}
# heads of "the Russian diplomacy chief"-style phrases: an official of the state named before
OFFICIAL_HEADS = {"chief", "head", "official", "spokesman", "spokeswoman", "spokesperson"}


@dataclass
class Speaker:
    actor: Actor | None
    span: Span | None  # characters of the words that name the speaker at this cue
    method: str | None  # subject | according-to | quoted-as | dash | label | previous | statement


NOBODY = Speaker(None, None, None)


def phrase_span(token: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase ``token`` heads (modifiers and names)."""
    start, end = token.i, token.i + 1
    for child in token.lefts:
        if child.dep_ in NP_LEFT:
            start = min(start, child.left_edge.i)
    for child in token.rights:
        if child.dep_ in NP_RIGHT or (child.dep_ == "prep" and child.lower_ == "of"):
            end = max(end, child.right_edge.i + 1)
    return _unpunctuated(token.doc, start, end)


def _unpunctuated(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token bounds without punctuation, dashes or spaces at either end."""

    def edge(t: Token) -> bool:
        return t.is_punct or t.is_space or t.text in DASHES

    while end > start + 1 and edge(doc[end - 1]):
        end -= 1
    while start < end - 1 and edge(doc[start]):
        start += 1
    return start, end


def _remembered(token: Token) -> Actor | None:
    """The actor the article's resolver remembers under this name ("Pence" for "PENCE")."""
    resolver = token.doc.user_data.get(RESOLVER_KEY)
    aliases = getattr(resolver, "aliases", None)
    if not isinstance(aliases, dict) or not token.text[:1].isupper():
        return None
    found = aliases.get(token.lower_)
    return found if isinstance(found, Actor) and found.code else None


def resolve(
    token: Token,
    found: ArticleActors,
    previous: Speaker | None,
    method: str,
    country: Callable[[str], str | None] | None = None,
) -> Speaker:
    """The speaker named by ``token``; ``previous`` is the last speaker quoted before it, and
    ``country`` names the state of a word ("Russian") for officials the actors stage left
    unresolved ("the Russian diplomacy chief")."""
    doc = token.doc
    ref = found.at(token)
    if ref is None:  # "the delegation of the Syrian government": the owner speaks
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                inner = found.at(pobj)
                if inner is not None and inner.actor.code:
                    ref = inner
    if ref is None or not ref.actor.code:  # "PENCE:" in a transcript: a name seen before
        remembered = _remembered(token)
        if remembered is not None:
            start, end = phrase_span(token)
            span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
            a = remembered
            return Speaker(
                Actor(doc[start:end].text, a.code, a.country, a.sector, a.name), span, method
            )
    start, end = (ref.start, ref.end) if ref is not None else phrase_span(token)
    start, end = _unpunctuated(doc, start, end)
    span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    text = doc[start:end].text
    if ref is not None and ref.actor.code:
        a = ref.actor
        return Speaker(Actor(text, a.code, a.country, a.sector, a.name), span, method)
    said = token.head.lemma_.lower() in SPEECH_VERBS  # "it said", not "if it rejects"
    standing_in = (said and token.lower_ in DOCUMENT_PRONOUNS) or token.lemma_.lower() in (
        STATEMENT_NOUNS
    )
    if standing_in and previous is not None and previous.actor and previous.actor.code:
        a = previous.actor
        return Speaker(Actor(text, a.code, a.country, a.sector, a.name), span, "statement")
    if country is not None and token.lemma_.lower() in OFFICIAL_HEADS:
        state = next((c for t in doc[start : token.i] if (c := country(t.text))), None)
        if state:
            return Speaker(Actor(text, f"{state}GOV", state, "GOV"), span, method)
    return Speaker(Actor(text, None, None, ref.actor.sector if ref else None), span, method)
