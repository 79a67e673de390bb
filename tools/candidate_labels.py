"""Which training candidate takes which gold event: the labels both training scripts build
their examples from. Only spaCy tokens are needed here (no training extras), so the tests
can check it."""

from __future__ import annotations

from typing import Any

EMBEDDING_DEPS = {"xcomp", "ccomp", "acomp"}
PREDICATIVE_DEPS = {"ccomp", "oprd", "acomp", "xcomp", "advmod"}


def trigger_words(doc: Any, article: Any, trigger: list[int]) -> list[Any]:
    """The tokens of ``doc`` that overlap a gold trigger's characters in the raw text."""
    return [
        t for t in doc
        if (r := article.offsets.span_to_raw((t.idx, t.idx + len(t))))[0] < trigger[1]
        and r[1] > trigger[0]
    ]  # fmt: skip


def governing_candidate(words: list[Any], at: dict[int, int]) -> int | None:
    """The candidate verb a predicative adjective trigger completes: "found" in "a court found
    him guilty", "called" in "called the launch deplorable". The adjective is no candidate, and
    the verb is the word the model sees for the act (None when there is none)."""
    for t in words:
        if t.pos_ in {"ADJ", "ADV"} and t.dep_ in PREDICATIVE_DEPS and t.head.i in at:
            return at[t.head.i]
    return None


def embedded_candidate(words: list[Any], at: dict[int, int]) -> int | None:
    """The candidate a gold trigger that is no candidate itself governs: "ready" or "willing"
    in "X is ready to contribute", "said" in "X said it will release": the act the model sees
    is the embedded verb ("contribute", "release"), which takes the event rather than "no
    event". Up to two steps down through complements; None when there is none."""
    frontier = words
    for _ in range(2):
        frontier = [c for t in frontier for c in t.children if c.dep_ in EMBEDDING_DEPS]
        found = next((at[t.i] for t in frontier if t.i in at), None)
        if found is not None:
            return found
    return None


def gold_of_candidates(
    doc: Any, article: Any, tokens: list[Any], gold: list[dict[str, Any]]
) -> tuple[list[dict[str, Any] | None], set[int]]:
    """Each candidate token's gold event (None: no event), and the indices of the gold events
    placed: a candidate on a gold trigger takes it, and a trigger that is no candidate passes
    its event to the candidate it governs (``embedded_candidate``) or, a predicative adjective,
    to the verb that governs it (``governing_candidate``)."""
    labels: list[dict[str, Any] | None] = []
    hit: set[int] = set()
    for tok in tokens:
        ra, rb = article.offsets.span_to_raw((tok.idx, tok.idx + len(tok)))
        k = next(
            (k for k, e in enumerate(gold) if ra < e["trigger"][1] and rb > e["trigger"][0]), None
        )
        labels.append(gold[k] if k is not None else None)
        if k is not None:
            hit.add(k)
    at = {tok.i: n for n, tok in enumerate(tokens)}
    for k, e in enumerate(gold):
        if k not in hit:
            words = trigger_words(doc, article, e["trigger"])  # the trigger's tokens, once
            n = embedded_candidate(words, at)
            if n is None:
                n = governing_candidate(words, at)
            if n is not None and labels[n] is None:
                labels[n] = e
                hit.add(k)
    return labels, hit


# verbs that lend their clause to an event noun ("carried out strikes", "imposed sanctions",
# "voiced concern"): writers and annotators take either word as the trigger
SUPPORT_VERBS = frozenset({
    "carry", "launch", "hold", "open", "conduct", "begin", "start", "stage", "make", "impose",
    "take", "issue", "grant", "lodge", "file", "set", "give", "extend", "declare", "resume",
    "intensify", "step", "mount", "wage", "unleash", "continue", "perform", "undertake", "pay",
    "express", "voice",
})  # fmt: skip


def support_partners(tokens: list[Any], labels: list[dict[str, Any] | None]) -> set[int]:
    """Candidates with no gold event whose support-verb partner holds one: the verb of a
    labelled object noun, or the object noun of a labelled support verb. Either word names the
    act, so the unlabelled one is no example of "no event" (training leaves it out)."""
    at = {tok.i: n for n, tok in enumerate(tokens)}
    partners = set()
    for n, tok in enumerate(tokens):
        if tok.dep_ != "dobj" or tok.head.i not in at:
            continue
        verb = at[tok.head.i]
        if tok.head.lemma_.lower() not in SUPPORT_VERBS:
            continue
        if labels[n] is not None and labels[verb] is None:
            partners.add(verb)
        elif labels[verb] is not None and labels[n] is None:
            partners.add(n)
    return partners


def with_partners(gold: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
    """``gold`` with the other sources and targets of its act: events on the same trigger with
    the same target ("Kenya and Uganda condemned the attack": two sources) or the same source
    (two targets). Each is as right a choice as the first, not an example of "none"."""
    same = [e for e in events if e is not gold and e["trigger"] == gold["trigger"]]
    also = {
        "also_source": [e["source"] for e in same
                        if e.get("source") and e.get("target") == gold.get("target")],
        "also_target": [e["target"] for e in same
                        if e.get("target") and e.get("source") == gold.get("source")],
    }  # fmt: skip
    return {**gold, **also}
