#!/usr/bin/env python3
"""Train the learned role ranker (source / target / neither) from the project's own data.

Reads the same sentences as ``train_coder.py`` (our written sentences and the annotated real
ones; never the dev half, whose spans stay for measurement). For each gold event whose trigger
is a candidate predicate, the actor phrases of the sentence (``role_ranker.phrases``) and
"nobody" form one list per role; the gold is the phrase whose span overlaps the annotated one
(or "nobody"). A conditional logit (softmax within each list, L2-penalised, fitted by L-BFGS)
learns one weight vector per role, so a phrase is chosen for beating the sentence's other
phrases. The rules' own choice (``extract.slot_roles``) is a feature. Deterministic (no
randomness in the fit; folds by a fixed seed); writes roles.npz and roles.json beside the event
model.

    python tools/train_roles.py [--shared ../shared] [--cv 5] [--c 1.0]

``--cv`` reports, by 5-fold cross-validation over sentences, how often the first source and the
first target are right (inside the gold span, or both absent), for the rules and the ranker.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from candidate_labels import gold_of_candidates, with_partners  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from train_coder import (  # noqa: E402
    HASH_BITS,
    SEED,
    Sentence,
    arguments,
    dev_folds,
    feature_matrix,
    load_dev,
    parse_all,
    sampled_at_random,
    seeded_folds,
    seeded_sentences,
    trigger_nouns,
)

from eventwire.actors.found import actors_of  # noqa: E402
from eventwire.actors.kb import knowledge_base
from eventwire.config import DEFAULT  # noqa: E402
from eventwire.eval.realnews import GOLD, group, read_role_offsets, read_rows, sentence_key
from eventwire.eval.whole_events import in_role, overlaps
from eventwire.events.candidates import candidate_tokens  # noqa: E402
from eventwire.events.extract import (  # noqa: E402
    FORCE_ROOTS,
    _act_nouns,
    _hint,
    _place,
    learned_predicate,
    slot_roles,
)
from eventwire.events.hashed import feature_indices  # noqa: E402
from eventwire.events.role_ranker import (  # noqa: E402
    ROLES,
    candidate_rows,
    null_features,
    phrase_key,
    phrases,
    pick,
)
from eventwire.events.verbs import verb_dictionary

# The guideline's target is the counterpart the sentence names, and a null target is right only
# when it names none; our annotators left a named counterpart out more often than that allows
# ("denied charges by the State Department"). One logit against "nobody" as the target costs
# 0.8 points of both-roles-right on our real sentences (5-fold) and gains 3.2 on the dev half's
# dyad (README).
NOBODY_AS_TARGET = -1.0
MIN_ROLE_WORD = 2
MIN_ROLE_SHARE = 0.1
# acts, documents, abstractions, things and places an annotator sometimes marked as a role
# ("rejected the bid", "planted a bomb under the platform"): never actors, like the event nouns
NOT_ACTORS = {
    "bid", "decision", "proposal", "plan", "announcement", "change", "constitution",
    "resolution", "reform", "record", "information", "handling", "mediation", "membership",
    "role", "debt", "programme", "program", "target", "x", "rejection", "refusal", "offer",
    "demand", "claim", "threat", "help", "aid", "test", "deployment", "detention", "policy",
    "effort", "attempt", "initiative", "step", "move", "measure", "ability", "platform",
    "airbase",
}  # fmt: skip


@dataclass
class Case:
    """One gold event: its phrases' features and labels, and what the rules chose."""

    sid: str
    null: list[str]  # the features of "nobody" as the role
    rows: list[list[str]]
    labels: list[str]
    rule_source: int | None  # index into rows of the rules' first source, if among them
    rule_target: int | None
    has_source: bool  # the gold event names a source phrase
    has_target: bool
    reachable_source: bool  # some phrase lies in the gold source span
    reachable_target: bool
    words: list[str | None]  # each row's phrase_key when the phrase is an uncoded noun phrase
    barred: set[int]  # rows that may not be the target: places, for an act of force
    codes: list[str | None]  # each row's actor code: the source's own is never the target


def build_cases(sentences: list[Sentence], docs: list[Any], nouns: frozenset[str]) -> list[Case]:
    """One case per sentence's first gold event; ``nouns``: the event model's trigger nouns,
    from the same data (``trigger_nouns``)."""
    verbs = verb_dictionary(DEFAULT)
    country = knowledge_base(DEFAULT).country
    cases = []
    for s, (doc, article) in zip(sentences, docs, strict=False):
        found = actors_of(doc)
        for sent in doc.sents:
            sentence_candidates = list(candidate_tokens(sent, nouns))
            tokens = [tok for tok, _ in sentence_candidates]
            labels_of, _ = gold_of_candidates(doc, article, tokens, s.events)
            first = next(
                (
                    (tok, noun, gold)
                    for (tok, noun), gold in zip(sentence_candidates, labels_of, strict=True)
                    if gold is not None
                ),
                None,
            )
            if first is None:
                continue
            tok, noun, gold = first  # the sentence's first event
            gold = with_partners(gold, s.events)
            cases.append(_case(s.id, doc, article, found, sent, tok, noun, gold, verbs, country))
    return cases


def _case(
    sid: str,
    doc: Any,
    article: Any,
    found: Any,
    sent: Any,
    tok: Any,
    noun: Any,
    gold: dict[str, Any],
    verbs: Any,
    country: Any,
    places_unknown: bool = False,
) -> Case:
    """One gold event's case. With ``places_unknown`` a gold target that is a place where the
    act is one of force teaches nothing about the target (the dev half's coders mark "the
    cities in Saudi Arabia" as a target; the guideline does not)."""
    hinted = _hint(tok, noun, verbs, found, False)
    p = learned_predicate(tok, noun, gold["cameo"][:3], hinted, verbs)
    rs, rt, _ = slot_roles(p, sent, found, DEFAULT, [])
    cands = phrases(sent, found, rs + rt, None, tok, country, knowledge_base(DEFAULT).agent)
    places = {r.head for r in cands if _place(r, doc)}
    barred = (
        {k for k, r in enumerate(cands) if r.head in places} if p.code[:2] in FORCE_ROOTS else set()
    )
    heads_s, heads_t = {r.head for r in rs}, {r.head for r in rt}
    labels, words = [], []
    for k, ref in enumerate(cands):
        words.append(phrase_key(doc[ref.head]) if ref.how == "phrase" else None)
        last = doc[ref.end - 1]
        raw = article.offsets.span_to_raw((doc[ref.start].idx, last.idx + len(last)))
        label = (
            "source"
            if in_role(raw, gold, "source")
            else "target"
            if in_role(raw, gold, "target")
            else "none"
        )
        if label == "target" and places_unknown and k in barred:
            label = "none"
        labels.append(label)
    rows = candidate_rows(tok, p.code[:2], cands, heads_s, heads_t, places)
    index = {r.head: k for k, r in enumerate(cands)}
    return Case(
        sid,
        null_features(tok, p.code[:2], cands, heads_s, heads_t),
        rows,
        labels,
        index.get(rs[0].head) if rs else None,
        index.get(rt[0].head) if rt else None,
        bool(gold.get("source")),
        bool(gold.get("target")),
        "source" in labels,
        "target" in labels,
        words,
        barred,
        [r.actor.code for r in cands],
    )


def common_roots(sentences: list[Sentence]) -> dict[int, str]:
    """Each ConfliBERT group's root most common among our sentences' events."""
    counts: dict[int, Counter[str]] = {g: Counter() for g in range(5)}
    for s in sentences:
        for e in s.events:
            counts[group(e["cameo"])][e["cameo"][:2]] += 1
    return {g: c.most_common(1)[0][0] for g, c in counts.items()}


def dev_cases(
    shared: Path,
    dev: list[Sentence],
    docs: list[Any],
    nouns: frozenset[str],
    common_root: dict[int, str],
) -> list[Case]:
    """Cases from the dev half's marked sources and targets. Its coders mark no trigger, so
    the event is the candidate nearest above both spans (the smallest subtree holding a word
    of each), coded with the dictionary's root when it lies in the sentence's group, else with
    the group's root most common among our events."""
    spans = read_role_offsets(shared / GOLD)
    verbs = verb_dictionary(DEFAULT)
    country = knowledge_base(DEFAULT).country
    cases = []
    for s, (doc, article) in zip(dev, docs, strict=True):
        gold_spans = spans.get(sentence_key(s.text))
        if s.dev_group is None or set(gold_spans or ()) != {"source", "target"}:
            continue  # an unmarked role may be one its coders left out, not nobody
        found = actors_of(doc)
        marked = [
            {t.i for t in doc if overlaps(article.offsets.span_to_raw((t.idx, t.idx + len(t))), g)}
            for g in gold_spans.values()
        ]
        best = None
        for sent in doc.sents:
            for tok, noun in candidate_tokens(sent, nouns):
                below = {t.i for t in tok.subtree}
                if any(tok.i in m for m in marked) or not all(m & below for m in marked):
                    continue
                if best is None or len(below) < best[0]:
                    best = (len(below), sent, tok, noun)
        if best is None:
            continue
        _, sent, tok, noun = best
        hint = _hint(tok, noun, verbs, found, False)[0]
        if hint is not None and group(hint) == s.dev_group:
            root = hint[:2]
        else:
            root = common_root[s.dev_group]
        gold = {"cameo": root + "0", **gold_spans}
        cases.append(_case(s.id, doc, article, found, sent, tok, noun, gold, verbs, country, True))
    return cases


def role_words(cases: list[Case], acts: frozenset[str]) -> frozenset[str]:
    """Uncoded words that head a gold source or target at least MIN_ROLE_WORD times and in at
    least MIN_ROLE_SHARE of the events whose sentence has them. A word that names an act
    (``acts``: the event nouns of the lexicon and the model's trigger nouns, such as "request",
    "bid", "offensive") is never an actor, whatever an annotator marked."""
    seen: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for case in cases:
        for word, label in zip(case.words, case.labels, strict=True):
            if word is not None:
                seen[word] += 1
                roles[word] += label != "none"
    return frozenset(
        w
        for w, n in roles.items()
        if n >= MIN_ROLE_WORD and n / seen[w] >= MIN_ROLE_SHARE and w not in acts
    )


def keep_words(cases: list[Case], words: frozenset[str]) -> list[Case]:
    """The cases as ``phrases`` builds them at run time: phrases of other words left out."""
    out = []
    for case in cases:
        keep = [k for k, w in enumerate(case.words) if w is None or w in words]
        index = {k: n for n, k in enumerate(keep)}
        kept = [case.rows[k] for k in keep]
        out.append(
            Case(
                case.sid,
                case.null,
                kept,
                [case.labels[k] for k in keep],
                index.get(case.rule_source) if case.rule_source is not None else None,
                index.get(case.rule_target) if case.rule_target is not None else None,
                case.has_source,
                case.has_target,
                any(case.labels[k] == "source" for k in keep),
                any(case.labels[k] == "target" for k in keep),
                [case.words[k] for k in keep],
                {index[k] for k in case.barred if k in index},
                [case.codes[k] for k in keep],
            )
        )
    return out


def role_lists(cases: list[Case], role: str) -> tuple[Any, np.ndarray, np.ndarray]:
    """Each case as one list for ``role``: "nobody" first, then its phrases; the gold weight
    is 1 on the phrases labelled ``role`` (or on "nobody" when the event has no such role).
    A case whose gold phrase is not among the phrases teaches nothing and is left out."""
    rows: list[list[str]] = []
    starts: list[int] = []
    gold: list[float] = []
    for case in cases:
        marks = [1.0 if label == role else 0.0 for label in case.labels]
        present = case.has_source if role == "source" else case.has_target
        if present and not any(marks):
            continue
        starts.append(len(rows))
        rows += [case.null, *case.rows]
        gold += [0.0 if present else 1.0, *marks]
    return feature_matrix(rows), np.array(starts), np.array(gold)


def fit_role(cases: list[Case], role: str, c: float) -> np.ndarray:
    """Weights of a conditional logit over each case's list (softmax within the list; the
    probability of the gold is that of all its phrases together), L2-penalised by 1/c."""
    x, starts, gold = role_lists(cases, role)
    used = np.unique(x.indices)
    xu = x[:, used].tocsr()
    sizes = np.diff(np.append(starts, xu.shape[0]))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = xu @ w
        s = s - np.repeat(np.maximum.reduceat(s, starts), sizes)
        e = np.exp(s)
        p = e / np.repeat(np.add.reduceat(e, starts), sizes)
        p_gold = np.maximum(np.add.reduceat(p * gold, starts), 1e-12)
        q = p * gold / np.repeat(p_gold, sizes)  # the gold's share of each phrase
        return (
            float(-np.log(p_gold).sum() + w @ w / (2 * c)),
            np.asarray(xu.T @ (p - q) + w / c),
        )

    fitted = minimize(loss, np.zeros(len(used)), jac=True, method="L-BFGS-B",
                      options={"maxiter": 500})  # fmt: skip
    w = np.zeros(x.shape[1])
    w[used] = fitted.x
    return w


def fit(cases: list[Case], c: float, nobody: float = NOBODY_AS_TARGET) -> np.ndarray:
    """One weight column per role (``ROLES``) over the hashed feature space, with "nobody"
    as the target lowered by ``NOBODY_AS_TARGET``."""
    weights = np.stack([fit_role(cases, role, c) for role in ROLES], axis=1)
    weights[feature_indices(["null"], HASH_BITS)[0], ROLES.index("target")] += nobody
    return weights


def choose(weights: np.ndarray, case: Case) -> tuple[int | None, int | None]:
    """``RoleRanker.choose`` over a case's rows."""
    if not case.rows:
        return None, None
    scored = feature_matrix([case.null, *case.rows]) @ weights
    return pick(scored[:, 0], scored[:, 1], case.barred, case.codes)


def right(case: Case, role: str, chosen: int | None) -> bool:
    present = case.has_source if role == "source" else case.has_target
    if chosen is None:
        return not present
    return case.labels[chosen] == role


def score(cases: list[Case], picks: list[tuple[int | None, int | None]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    representative = sampled_at_random()  # rounds 1-3, 5, 6; round 4 was chosen for being hard
    for name, keep in (
        ("real", lambda c: c.sid.startswith("s")),
        ("real, random rounds", lambda c: c.sid in representative),
        ("written", lambda c: not c.sid.startswith("s")),
    ):
        idx = [i for i, c in enumerate(cases) if keep(c)]
        if not idx:
            continue
        src = sum(right(cases[i], "source", picks[i][0]) for i in idx)
        tgt = sum(right(cases[i], "target", picks[i][1]) for i in idx)
        both = sum(
            right(cases[i], "source", picks[i][0]) and right(cases[i], "target", picks[i][1])
            for i in idx
        )
        n = len(idx)
        out[name] = {
            "events": n,
            "source": round(src / n, 3),
            "target": round(tgt / n, 3),
            "both": round(both / n, 3),
        }
    return out


def cross_validate(
    cases: list[Case],
    folds: int,
    c: float,
    extra: list[Case] | None = None,
    nobody: float = NOBODY_AS_TARGET,
) -> dict[str, Any]:
    """k-fold CV over our sentences; ``extra`` (the dev half's cases, as the shipped model
    has them) joins every fold's training."""
    fold_of = seeded_folds({case.sid for case in cases}, folds)
    picks: list[Any] = [None] * len(cases)
    for k in range(folds):
        weights = fit([case for case in cases if fold_of[case.sid] != k] + (extra or []), c, nobody)
        for i, case in enumerate(cases):
            if fold_of[case.sid] == k:
                picks[i] = choose(weights, case)
    rules = [(case.rule_source, case.rule_target) for case in cases]
    report = {"rules": score(cases, rules), "ranker": score(cases, picks)}
    reach = [c for c in cases if c.sid.startswith("s")]
    report["real reachable"] = {
        "source": round(
            sum(c.reachable_source for c in reach if c.has_source)
            / max(1, sum(c.has_source for c in reach)),
            3,
        ),
        "target": round(
            sum(c.reachable_target for c in reach if c.has_target)
            / max(1, sum(c.has_target for c in reach)),
            3,
        ),
    }
    return report


def save_dev_folds(
    folder: Path,
    shared: Path,
    ours: list[Case],
    dev: list[Case],
    weight: int,
    folds: int,
    c: float,
    words: frozenset[str],
    info: dict[str, Any],
    nobody: float = NOBODY_AS_TARGET,
) -> None:
    """One role model per fold of the dev half (``train_coder.dev_folds``' split), each
    trained without that fold's dev sentences, in ``folder``/fold{k}: ``train_coder.py
    --role-folds`` codes each dev sentence with the role model that never saw it."""
    fold_of = dev_folds(len(read_rows(shared / GOLD)), folds)
    for k in range(folds):
        train = ours + [case for case in dev if fold_of[int(case.sid[3:])] != k] * weight
        save(folder / f"fold{k}", fit(train, c, nobody), words, {**info, "dev_fold": k})
        print(f"role fold {k + 1}/{folds} trained", file=sys.stderr)


def save(out: Path, weights: np.ndarray, words: frozenset[str], info: dict[str, Any]) -> None:
    rows = np.flatnonzero(np.any(weights != 0, axis=1)).astype(np.int32)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "roles.npz", rows=rows, w=weights[rows].astype(np.float16))
    meta = {
        "hash_bits": HASH_BITS,
        "roles": list(ROLES),
        "role_words": sorted(words),
        "training": info,
    }
    (out / "roles.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    ap = arguments(__doc__)
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument(
        "--dev-weight",
        type=int,
        default=0,
        help="also train on the dev half's marked sources and targets, each case counted this "
        "many times (0: not at all)",
    )
    ap.add_argument(
        "--keep-folds",
        type=Path,
        default=None,
        help="with --dev-weight: also write one role model per dev fold here, for "
        "train_coder.py --role-folds (the dev dyad is then cross-validated)",
    )
    ap.add_argument(
        "--nobody-target",
        type=float,
        default=NOBODY_AS_TARGET,
        help="added to the logit of nobody as the target",
    )
    args = ap.parse_args()
    t0 = time.time()
    sentences = seeded_sentences(args.shared, args.uncertain)
    dev = load_dev(args.shared) if args.dev_weight else []
    docs = parse_all(sentences + dev)
    ours_docs, dev_docs = docs[: len(sentences)], docs[len(sentences) :]
    nouns = trigger_nouns(sentences, ours_docs)
    cases = build_cases(sentences, ours_docs, nouns)
    acts = _act_nouns(nouns) | NOT_ACTORS
    words = role_words(cases, acts)
    cases = keep_words(cases, words)
    extra = keep_words(dev_cases(args.shared, dev, dev_docs, nouns, common_roots(sentences)), words)
    print(
        f"{len(cases)} events with a candidate trigger, {len(extra)} dev cases, "
        f"{time.time() - t0:.0f} s",
        file=sys.stderr,
    )
    info: dict[str, Any] = {
        "events": len(cases),
        "dev_cases": len(extra),
        "dev_weight": args.dev_weight,
        "role_words": len(words),
        "seed": SEED,
        "c": args.c,
        "nobody_target": args.nobody_target,
    }
    assert {"none", *ROLES} >= {lab for c in cases + extra for lab in c.labels}
    weighted = extra * args.dev_weight
    if args.cv:
        info["cv"] = cross_validate(cases, args.cv, args.c, weighted, args.nobody_target)
        print(json.dumps(info["cv"], indent=1), file=sys.stderr)
    if args.keep_folds is not None and extra:
        save_dev_folds(
            args.keep_folds,
            args.shared,
            cases,
            extra,
            args.dev_weight,
            5,
            args.c,
            words,
            info,
            args.nobody_target,
        )
    save(args.out, fit(cases + weighted, args.c, args.nobody_target), words, info)
    print(f"wrote {args.out} ({time.time() - t0:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
