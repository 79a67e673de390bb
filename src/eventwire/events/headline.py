"""Headlines are coded too, as sentence -1 with spans into the title.

A headline usually restates the story's lead, so a headline event that the body already holds
(same actors, same CAMEO root) is dropped rather than counted twice.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.actors.kb import load_kb
from eventwire.actors.resolve import ACTOR_KEY, Resolver
from eventwire.events.extract import sentence_events
from eventwire.events.verbs import load_verbs
from eventwire.model import ArticleResult, Event

HEADLINE = -1


def _key(event: Event) -> tuple[str | None, str | None, str]:
    return (
        event.source.country if event.source else None,
        event.target.country if event.target else None,
        event.cameo[:2],
    )


def code_headline(title_doc: Doc, result: ArticleResult) -> None:
    article = result.article
    resolver = Resolver(load_kb(), article.published if article else None)
    title_doc.user_data[ACTOR_KEY] = found = resolver.resolve_doc(title_doc)
    body = {_key(e) for e in result.events}
    body |= {(t, s, r) for s, t, r in body}  # a joint act reads either way round
    verbs = load_verbs()
    for sent in title_doc.sents:
        for event in sentence_events(sent, HEADLINE, found, verbs):
            if _key(event) not in body:
                event.evidence = title_doc.text
                result.events.insert(0, event)
                body.add(_key(event))
