"""The tense of an event's clause, which says which way a bare "Tuesday" or "December 30" points.

Only three values matter for dating: "past" (the previous occurrence), "future" (the next one)
and "present" (the nearest). Modal and planning constructions ("could meet", "is to visit",
"is preparing to strike") point forward; perfects ("has met", "would have met") point back.
"""

from __future__ import annotations

from spacy.tokens import Token

FUTURE_AUX = {"will", "shall", "'ll", "wo", "’ll", "gon", "going"}
MODALS = {"could", "may", "might", "should", "must", "can", "ca", "ought"}
# Verbs whose infinitive complement happens later: "plans to visit", "is due to arrive".
PLANNING = {
    "plan", "intend", "prepare", "expect", "hope", "want", "aim", "seek", "schedule", "set",
    "due", "go", "promise", "pledge", "vow", "threaten", "propose", "agree", "decide", "try",
    "offer", "arrange", "wish", "mean", "likely", "poise", "slate", "about",
}  # fmt: skip
NOMINAL = {"NOUN", "PROPN", "ADJ"}
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "csubj", "csubjpass", "parataxis", "conj", "acl"}


def clause_tense(token: Token) -> str | None:
    """'past', 'present' or 'future' for the clause of ``token`` (a verb, or a noun whose
    governing verb is used), or None when no verb governs it (a headline fragment)."""
    verb = governing_verb(token)
    return _verb_tense(verb, 0) if verb is not None else None


def governing_verb(token: Token) -> Token | None:
    """The token itself when it is a verb, else the nearest verb up its head chain."""
    seen = 0
    while seen < 50:
        if is_verb(token):
            return token
        if token.head is token:
            return None
        token = token.head
        seen += 1
    return None


def is_verb(token: Token) -> bool:
    """A verb or copula heading a clause (not an auxiliary of another verb)."""
    if token.dep_ in ("aux", "auxpass"):
        return False
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "AUX" and (token.dep_ == "ROOT" or token.dep_ in CLAUSE_DEPS)


def _verb_tense(verb: Token, depth: int) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = [a.lower_ for a in auxes]
    if any(w in FUTURE_AUX for w in words):
        return "future"
    if "would" in words or "'d" in words:
        return "past" if "have" in words and verb.tag_ == "VBN" else "future"
    if any(w in MODALS or a.tag_ == "MD" for w, a in zip(words, auxes, strict=True)):
        # "could meet Friday" / "could not be located Friday": no direction
        return "past" if "have" in words and verb.tag_ == "VBN" else None
    finite = [a for a in auxes if a.lower_ != "to" and a.tag_ in ("VBD", "VBZ", "VBP")]
    if finite:
        first = finite[0]
        if first.tag_ == "VBD":
            return "past"
        if first.lemma_ == "have":
            return "past"  # present perfect: a completed event
        if first.lemma_ == "be" and verb.tag_ == "VBN":
            return "present"
        if first.lemma_ == "be" and verb.lower_ in ("going", "about", "due", "set"):
            return "future"
        return "present"
    if verb.tag_ == "VBD" or ("Past" in verb.morph.get("Tense", []) and verb.tag_ != "VBN"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return _copula_tense(verb) or "present"
    return _inherited_tense(verb, depth)


def _copula_tense(verb: Token) -> str | None:
    """'is to visit', 'is due to arrive': a present copula with an infinitive is a plan."""
    if verb.lemma_ != "be":
        return None
    for child in verb.children:
        if child.dep_ in ("xcomp", "acomp") and (
            any(c.lower_ == "to" for c in child.children) or child.lemma_ in PLANNING
        ):
            return "future"
    return None


def _inherited_tense(verb: Token, depth: int) -> str | None:
    """Non-finite verbs: an infinitive after a planning verb is future; participles that modify
    a noun ("a bomb planted Friday") are past; the rest take their head clause's tense."""
    head = verb.head
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
    if verb.dep_ == "xcomp" and (head.lemma_ in PLANNING or infinitive and head.lemma_ == "be"):
        return "future"
    if verb.tag_ == "VBN":  # "a bomb planted Friday", "the decision, announced Friday"
        return "future" if verb.lemma_ in PLANNING else "past"
    if head is verb or depth > 8:
        return None
    if infinitive and verb.dep_ in ("advcl", "acl", "xcomp", "ccomp") and head.pos_ in NOMINAL:
        return "future"  # "plans to visit", "ready to sign"
    governing = governing_verb(head)
    if governing is None or governing is verb:
        return None
    return _verb_tense(governing, depth + 1)
