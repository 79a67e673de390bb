"""Negation and modality of a predicate: asserted, intended ("will", "is preparing to", "is
willing to") or hypothetical (conditionals and modals)."""

from __future__ import annotations

from spacy.tokens import Token

FUTURE_AUX = {"will", "shall", "'ll"}
MODAL_AUX = {"would", "could", "may", "might", "can", "should"}
INTENT_HEADS = {
    "prepare", "plan", "intend", "want", "seek", "aim", "hope", "expect", "agree",
    "promise", "pledge", "vow", "offer", "propose", "try", "attempt", "wish", "ready",
    "willing", "prepared", "determined", "set", "schedule", "due", "able", "willingness",
    "readiness", "intention", "desire", "commitment", "determination",
}  # fmt: skip
# "if it attacks", and "whether its strikes killed civilians": a question asked, not an act told
CONDITION_MARKS = {"if", "unless", "provided", "should", "whether"}


# ---------------------------------------------------------------------------- flags
def is_negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return any(c.dep_ in {"aux", "auxpass"} and any(g.dep_ == "neg" for g in c.children)
               for c in verb.children)  # fmt: skip


# "denied that its troops had entered", "denied attacking the convoy"
DENIAL_VERBS = {"deny", "refute", "rebut", "dispute"}
# verbs of saying: what they report is the act ("said they had attacked"), and a denial that
# governs one ("has denied involvement and the ministry said …") is a misparse
SPEECH_LEMMAS = {"say", "tell", "state", "add", "announce", "report", "claim", "note", "write"}
# "dismissed reports that rebels had captured the airport", "rejected accusations that …"
DISMISSAL_VERBS = DENIAL_VERBS | {"reject", "dismiss"}
CLAIM_NOUNS = {
    "report", "claim", "accusation", "allegation", "charge", "suggestion", "rumour", "rumor",
    "assertion", "speculation",
}  # fmt: skip
# "denied responsibility for the attack", "denied any involvement in the bombing"
PART_NOUNS = {"responsibility", "involvement", "role", "part", "complicity", "link"}


def is_denied(token: Token) -> bool:
    """An act the sentence's speaker denies: in a clause a denial governs, in a report or
    accusation the speaker dismisses, or as what the speaker denies a part in. The act is
    told only to be denied, so it is coded negated, as "did not attack" is (the guideline's
    "X denied attacking Y"); the denial itself stays whatever the coder makes of it."""
    node = token
    for _ in range(3):  # "denied that it had shelled the camp and killed civilians"
        if node.dep_ != "conj":
            break
        node = node.head
    head = node.head
    # Not a speech verb ("has denied involvement and the ministry said …", a misparse), and
    # not when the denial governs something else too ("Russia denies involvement" run into
    # the next sentence): then what is denied is that, not this clause.
    if (
        node.dep_ in {"ccomp", "xcomp"}
        and head.lemma_.lower() in DENIAL_VERBS
        and node.lemma_.lower() not in SPEECH_LEMMAS
        and not any(c.dep_ in {"dobj", "xcomp", "ccomp"} and c != node for c in head.children)
    ):
        return True
    if (
        node.dep_ in {"acl", "ccomp"}
        and head.lemma_.lower() in CLAIM_NOUNS
        and head.dep_ == "dobj"
        and head.head.lemma_.lower() in DISMISSAL_VERBS
    ):
        return True
    part = head.head if node.dep_ == "pobj" else None
    return (
        part is not None
        and part.lemma_.lower() in PART_NOUNS
        and part.dep_ == "dobj"
        and part.head.lemma_.lower() in DENIAL_VERBS
    )


# "avoided criticising Moscow", "failed to condemn the strikes": the act is not done
FORGOING_VERBS = {"avoid", "fail"}
# "refrained from condemning", "abstained from voting"
FORGOING_FROM = {"refrain", "abstain"}


def is_forgone(token: Token) -> bool:
    """An act the sentence says its actor did not do, without a "not": avoided or failed
    ("avoided criticising Moscow"), refrained from ("refrained from condemning"), or
    stopped short of ("stopped short of imposing sanctions"). Coded negated, as "did not
    condemn" is. Refusals ("refused to", "ruled out") are acts of their own, not these."""
    if _forgoes(token):  # the coder put the forgone act on the verb that forgoes it
        return True
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_.lower() in FORGOING_VERBS:
        return True
    if token.dep_ != "pcomp":
        return False
    prep, governor = head, head.head
    if prep.lower_ == "from" and governor.lemma_.lower() in FORGOING_FROM:
        return True
    return (
        prep.lower_ == "of"
        and governor.lower_ == "short"
        and governor.head.lemma_.lower() in {"stop", "fall"}
    )


def _forgoes(verb: Token) -> bool:
    """ "stopped short of …", "refrained from …", "avoided …" with what is forgone."""
    lemma = verb.lemma_.lower()
    if lemma in {"stop", "fall"}:
        return any(c.dep_ == "advmod" and c.lower_ == "short" for c in verb.children)
    if lemma in FORGOING_FROM:
        return any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children)
    return lemma in FORGOING_VERBS and any(c.dep_ == "xcomp" for c in verb.children)


def modality_of(verb: Token) -> str:
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            break
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in node.children):
            return "hypothetical"
        auxes = {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
        if auxes & FUTURE_AUX or (auxes & {"would"} and _reported_in_past(node)):
            return "intended"  # "will"; "Russia said it would send …": the future of the past
        if auxes & MODAL_AUX:
            return "hypothetical"
        if node != verb and node.lemma_.lower() in INTENT_HEADS:
            return "intended"
        if node.dep_ in {"xcomp", "acl", "advcl"} and node.head != node:
            node = node.head
            continue
        if node.dep_ == "pcomp" and node.head.head != node:
            node = node.head.head
            continue
        break
    if verb.head.lemma_.lower() in INTENT_HEADS and verb.dep_ in {"xcomp", "acomp"}:
        return "intended"
    return "asserted"


def _reported_in_past(clause: Token) -> bool:
    """A clause reported by a past-tense verb ("said", "announced"), its "would" a future."""
    return clause.dep_ == "ccomp" and clause.head.tag_ in {"VBD", "VBN"}
