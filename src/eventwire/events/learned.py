"""The learned coder's decisions for one sentence: which candidates are events, and which.

``extract`` proposes (candidates, the dictionary's hint) and turns decisions into events with
its role rules; this module only runs the model: features, the encoder when the model uses
one, and the classifier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span, Token

from eventwire.actors.found import ArticleActors
from eventwire.events.candidates import candidate_tokens, features, sentence_context
from eventwire.events.classify import Decision, EventClassifier, load_classifier
from eventwire.events.encoder import load_encoder
from eventwire.events.nouns import NounEvent

Hint = Callable[[Token, NounEvent | None], str | None]


@dataclass
class Decided:
    token: Token
    noun: NounEvent | None
    hint: str | None
    decision: Decision


def _dense(clf: EventClassifier, sent: Span, tokens: list[Token]) -> np.ndarray | None:
    if not clf.encoder:
        return None
    enc = load_encoder(clf.encoder)
    spans = [(t.idx - sent.start_char, t.idx - sent.start_char + len(t)) for t in tokens]
    encoded = enc.encode([sent.text], [spans])[0]
    return np.stack([np.concatenate([encoded.sentence, v]) for v in encoded.spans])


def confidences(
    sent: Span,
    found: ArticleActors,
    coded: list[tuple[Token, NounEvent | None, str]],
    model: str | None = None,
) -> list[float]:
    """The model's probability that each (predicate, code) another coder chose has the right
    root: the dictionary coder's events get their confidence from it."""
    if not coded:
        return []
    clf = load_classifier(model)
    context = sentence_context(sent, found)
    feats = [features(tok, sent, found, code, noun, context) for tok, noun, code in coded]
    dense = _dense(clf, sent, [tok for tok, _, _ in coded])
    return clf.root_probability(feats, [code[:2] for _, _, code in coded], dense)


def decide(sent: Span, found: ArticleActors, hint: Hint, model: str | None = None) -> list[Decided]:
    """Every candidate of the sentence with the model's decision, in reading order."""
    clf = load_classifier(model)
    cands = [
        (tok, noun, hint(tok, noun)) for tok, noun in candidate_tokens(sent, clf.trigger_nouns)
    ]
    if not cands:
        return []
    if not any(found.by_head.get(i) for i in range(sent.start, sent.end)) and not any(
        c.dep_ in {"nsubj", "nsubjpass"} for tok, _, _ in cands for c in tok.children
    ):
        return []  # nobody in reach: no event to code
    context = sentence_context(sent, found)
    feats = [features(tok, sent, found, h, noun, context) for tok, noun, h in cands]
    dense = _dense(clf, sent, [tok for tok, _, _ in cands])
    decisions = clf.decide(feats, dense, sent.start_char, sent.text)
    return [Decided(tok, noun, h, d) for (tok, noun, h), d in zip(cands, decisions, strict=False)]
