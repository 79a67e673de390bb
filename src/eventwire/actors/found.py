"""The actors stage's output, which later stages read: the actor behind each head token of the
parse (``ArticleActors``), kept on the Doc."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.model import Actor

ACTOR_KEY = "eventwire.actors"
RESOLVER_KEY = "eventwire.resolver"  # the article's resolver, so the headline shares its memory


@dataclass
class ActorRef:
    """An actor at one place in the parse; ``head`` is the token the events stage asks about."""

    head: int
    start: int  # token span [start, end) in the Doc
    end: int
    actor: Actor
    how: str  # kb | country+agent | country | capital | agent | alias | pronoun | unknown

    def holds_any(self, tokens: Collection[int]) -> bool:
        """Whether one of the tokens is the phrase's head or lies inside it."""
        return any(self.start <= i < self.end or i == self.head for i in tokens)


@dataclass
class ArticleActors:
    """What the events stage needs: the actor behind each nominal head token."""

    by_head: dict[int, ActorRef] = field(default_factory=dict)
    tokens: set[int] = field(default_factory=set)  # every token inside an actor phrase
    also: dict[int, list[ActorRef]] = field(default_factory=dict)  # "US and Russian diplomats"
    # the other words of a name the parse split ("al", "-" of "Jaysh al-Islam"): its actor
    within: dict[int, ActorRef] = field(default_factory=dict)

    def at(self, token: Token) -> ActorRef | None:
        return self.by_head.get(token.i) or self.within.get(token.i)

    coded: set[int] = field(default_factory=set)  # tokens inside phrases with an actor code

    def add(self, ref: ActorRef) -> None:
        self.by_head[ref.head] = ref
        self.tokens.update(range(ref.start, ref.end))
        if ref.actor.code:
            self.coded.update(range(ref.start, ref.end))

    def covers(self, index: int) -> bool:
        return index in self.tokens

    def names_actor(self, index: int) -> bool:
        """Inside a phrase that names a coded actor (not "Iftar", an unknown name)."""
        return index in self.coded


def actors_of(doc: Doc) -> ArticleActors:
    found = doc.user_data.get(ACTOR_KEY)
    return found if isinstance(found, ArticleActors) else ArticleActors()
