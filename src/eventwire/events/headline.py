"""Headlines are coded too, as sentence -1 with spans into the title.

A headline usually restates the story's lead, so a headline event that the body already holds
(same actors, same CAMEO root) is dropped rather than counted twice.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from eventwire.actors.found import ACTOR_KEY, RESOLVER_KEY
from eventwire.actors.kb import KnowledgeBase, knowledge_base
from eventwire.actors.resolve import Resolver
from eventwire.casing import sentence_case
from eventwire.config import CoderConfig
from eventwire.events.discards import discards
from eventwire.events.extract import DISCARD_KEY, sentence_events
from eventwire.events.verbs import verb_dictionary
from eventwire.model import HEADLINE, ArticleResult, Event

# "… kills 12 - Region - World - Ahram Online", "… | Jordan Times", "… - Reports"
_TAIL_SEGMENT = re.compile(r"\s+[-|–—_]\s+((?:\S+\s+){0,4}\S+)\s*$")
MIN_HEADLINE_WORDS = 4  # what stays of a title when its tail segments go
# "…: monitors say", "…, state media" and, where scraping lost the colon, "… Monitor AFP"
_ATTRIBUTION = re.compile(
    r"(?:\s*[:,]\s*(?:monitors?|monitoring group|activists|NGO|watchdog|state \w+(?: \w+)?)"
    r"|\s+(?<!UN )(?<!OSCE )"
    r"(?:monitor|monitoring group|NGO|watchdog|state (?:media|TV|television)))"
    r"(?:\s+(?:says?|reports?))?(?:\s+(?:AFP|Reuters|AP|SANA|TASS|Xinhua))?\s*$",
    re.IGNORECASE,
)


def headline_text(title: str, kb: KnowledgeBase, body: str = "") -> str:
    """The title as the parser should read it: its attribution blanked, sentence-cased."""
    return sentence_case(without_attribution(title), kb, body)


def without_attribution(title: str) -> str:
    """The title with its site name and its attribution ("… kill 12: monitor") blanked out
    (same length, so spans are unchanged): a monitor or a site that reports an act is neither
    its source nor its target."""
    end = len(title.rstrip())
    while (m := _TAIL_SEGMENT.search(title, 0, end)) and len(
        title[: m.start()].split()
    ) >= MIN_HEADLINE_WORDS:
        end = m.start()
    if (m := _ATTRIBUTION.search(title, 0, end)) and len(title[: m.start()].split()) >= 3:
        end = m.start()
    return title[:end] + " " * (len(title) - end)


def _key(event: Event) -> tuple[str | None, str | None, str]:
    return (
        event.source.country if event.source else None,
        event.target.country if event.target else None,
        event.cameo[:2],
    )


def code_headline(
    title_doc: Doc, body_doc: Doc, result: ArticleResult, config: CoderConfig
) -> None:
    """Code the title with the body's actor memory ("Bogdanov" after "Mikhail Bogdanov")."""
    article = result.article
    story, skipped = discards(config).find(title_doc)
    if story or skipped or body_doc.user_data.get(DISCARD_KEY):
        return
    resolver = body_doc.user_data.get(RESOLVER_KEY) or Resolver(
        knowledge_base(config),
        article.published if article else None,
        conventions=config.conventions,
    )
    title_doc.user_data[ACTOR_KEY] = found = resolver.resolve_doc(title_doc)
    body = {_key(e) for e in result.events}
    body |= {(t, s, r) for s, t, r in body}  # a joint act reads either way round
    verbs = verb_dictionary(config)
    for sent in title_doc.sents:
        for event in sentence_events(sent, HEADLINE, found, verbs, config):
            if _key(event) not in body:
                event.evidence = article.title if article and article.title else title_doc.text
                result.events.insert(0, event)
                body.add(_key(event))
