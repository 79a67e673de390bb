#!/usr/bin/env python3
"""Train the learned role ranker (source / target / neither) from the project's own data.

Reads the same sentences as ``train_coder.py`` (our written sentences and the annotated real
ones; never the dev half, whose spans stay for measurement). For each gold event whose trigger
is a candidate predicate, every actor phrase of the sentence (``role_ranker.phrases``) becomes an
example, labelled source or target when its head lies inside the gold span. The rules' own
choice (``extract.slot_roles``) is a feature. Fixed seed; writes roles.npz and roles.json beside
the event model.

    python tools/train_roles.py [--shared ../shared] [--cv 5] [--c 0.3]

``--cv`` reports, by 5-fold cross-validation over sentences, how often the first source and the
first target are right (inside the gold span, or both absent), for the rules and the ranker.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_coder import (  # noqa: E402
    HASH_BITS,
    SEED,
    Fitted,
    Sentence,
    arguments,
    feature_matrix,
    parse_all,
    sampled_at_random,
    seeded_sentences,
    trigger_nouns,
)

from eventwire.actors.found import actors_of  # noqa: E402
from eventwire.actors.kb import knowledge_base
from eventwire.config import DEFAULT  # noqa: E402
from eventwire.events.candidates import candidate_tokens  # noqa: E402
from eventwire.events.extract import (  # noqa: E402
    FORCE_ROOTS,
    _hint,
    _place,
    learned_predicate,
    slot_roles,
)
from eventwire.events.nouns import noun_lexicon  # noqa: E402
from eventwire.events.role_ranker import (  # noqa: E402
    CLASSES,
    features,
    phrase_key,
    phrases,
    pick,
)
from eventwire.events.verbs import verb_dictionary

MIN_SOURCE = 0.3  # a phrase is the source when P(source) clears this, else there is none
MIN_TARGET = 0.3
MIN_ROLE_WORD = 2
MIN_ROLE_SHARE = 0.1
# acts, documents and abstractions an annotator sometimes marked as a role ("rejected the bid"):
# never actors, like the event nouns
NOT_ACTORS = {
    "bid", "decision", "proposal", "plan", "announcement", "change", "constitution",
    "resolution", "reform", "record", "information", "handling", "mediation", "membership",
    "role", "debt", "programme", "program", "target", "x", "rejection", "refusal", "offer",
    "demand", "claim", "threat", "help", "aid", "test", "deployment", "detention", "policy",
}  # fmt: skip


@dataclass
class Case:
    """One gold event: its phrases' features and labels, and what the rules chose."""

    sid: str
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


def _overlaps(char_span: tuple[int, int], gold: list[int] | None) -> bool:
    return gold is not None and char_span[0] < gold[1] and char_span[1] > gold[0]


def build_cases(sentences: list[Sentence], docs: list[Any]) -> list[Case]:
    verbs = verb_dictionary(DEFAULT)
    nouns = trigger_nouns(sentences, docs)  # the event model's, from the same data
    country = knowledge_base(DEFAULT).country
    cases = []
    for s, (doc, article) in zip(sentences, docs, strict=False):
        found = actors_of(doc)
        for sent in doc.sents:
            for tok, noun in candidate_tokens(sent, nouns):
                ra, rb = article.offsets.span_to_raw((tok.idx, tok.idx + len(tok)))
                gold = next(
                    (e for e in s.events if ra < e["trigger"][1] and rb > e["trigger"][0]), None
                )
                if gold is None:
                    continue
                hinted = _hint(tok, noun, verbs, found, False)
                p = learned_predicate(tok, noun, gold["cameo"][:3], hinted, verbs)
                rs, rt, _ = slot_roles(p, sent, found, DEFAULT, [])
                cands = phrases(sent, found, rs + rt, None, tok, country)
                places = {r.head for r in cands if _place(r, doc)}
                heads_s, heads_t = {r.head for r in rs}, {r.head for r in rt}
                rows, labels, words = [], [], []
                for ref in cands:
                    words.append(phrase_key(doc[ref.head]) if ref.how == "phrase" else None)
                    last = doc[ref.end - 1]
                    raw = article.offsets.span_to_raw((doc[ref.start].idx, last.idx + len(last)))
                    label = (
                        "source"
                        if _overlaps(raw, gold.get("source"))
                        else "target"
                        if _overlaps(raw, gold.get("target"))
                        else "none"
                    )
                    rows.append(
                        features(tok, p.code[:2], ref, heads_s, heads_t, ref.head in places)
                    )
                    labels.append(label)
                index = {r.head: k for k, r in enumerate(cands)}
                cases.append(
                    Case(
                        s.id,
                        rows,
                        labels,
                        index.get(rs[0].head) if rs else None,
                        index.get(rt[0].head) if rt else None,
                        bool(gold.get("source")),
                        bool(gold.get("target")),
                        "source" in labels,
                        "target" in labels,
                        words,
                        {k for k, r in enumerate(cands) if r.head in places}
                        if p.code[:2] in FORCE_ROOTS
                        else set(),
                        [r.actor.code for r in cands],
                    )
                )
                break
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
        out.append(
            Case(
                case.sid,
                [case.rows[k] for k in keep],
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


def fit(cases: list[Case], c: float) -> Fitted:
    rows = [r for case in cases for r in case.rows]
    labels = [lab for case in cases for lab in case.labels]
    return Fitted(feature_matrix(rows), labels, c)


def choose(
    model: Fitted, case: Case, min_source: float, min_target: float
) -> tuple[int | None, int | None]:
    """``RoleRanker.choose`` over a case's rows."""
    if not case.rows:
        return None, None
    p = model.predict_proba(feature_matrix(case.rows))
    classes = [str(c) for c in model.classes_]
    return pick(p, classes, min_source, min_target, case.barred, case.codes)


def right(case: Case, role: str, chosen: int | None) -> bool:
    present = case.has_source if role == "source" else case.has_target
    if chosen is None:
        return not present
    return case.labels[chosen] == role


def score(cases: list[Case], picks: list[tuple[int | None, int | None]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    representative = sampled_at_random()  # rounds 1-3; round 4 was chosen for being hard
    for name, keep in (
        ("real", lambda c: c.sid.startswith("s")),
        ("real, rounds 1-3", lambda c: c.sid in representative),
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
    cases: list[Case], folds: int, c: float, bars: list[tuple[float, float]]
) -> dict[str, Any]:
    groups = sorted({case.sid for case in cases})
    rng = random.Random(SEED)
    rng.shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    picks: dict[tuple[float, float], list[Any]] = {b: [None] * len(cases) for b in bars}
    for k in range(folds):
        train = [case for case in cases if fold_of[case.sid] != k]
        model = fit(train, c)
        for i, case in enumerate(cases):
            if fold_of[case.sid] == k:
                for b in bars:
                    picks[b][i] = choose(model, case, *b)
    rules = [(case.rule_source, case.rule_target) for case in cases]
    report = {"rules": score(cases, rules)}
    for b in bars:
        report[f"ranker {b[0]}/{b[1]}"] = score(cases, picks[b])
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


def save(out: Path, model: Fitted, words: frozenset[str], info: dict[str, Any]) -> None:
    rows = model.used[model.used < (1 << HASH_BITS)].astype(np.int32)
    np.savez_compressed(
        out / "roles.npz",
        rows=rows,
        w=model.coef_[:, rows].T.astype(np.float16),
        b=model.intercept_.astype(np.float32),
    )
    meta = {
        "hash_bits": HASH_BITS,
        "classes": [str(x) for x in model.classes_],
        "min_source": MIN_SOURCE,
        "min_target": MIN_TARGET,
        "role_words": sorted(words),
        "training": info,
    }
    (out / "roles.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    ap = arguments(__doc__)
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--c", type=float, default=0.3)
    args = ap.parse_args()
    t0 = time.time()
    sentences = seeded_sentences(args.shared, args.uncertain)
    docs = parse_all(sentences)
    cases = build_cases(sentences, docs)
    acts = frozenset(noun_lexicon()) | trigger_nouns(sentences, docs) | NOT_ACTORS
    words = role_words(cases, acts)
    cases = keep_words(cases, words)
    print(
        f"{len(cases)} events with a candidate trigger, {time.time() - t0:.0f} s", file=sys.stderr
    )
    info: dict[str, Any] = {
        "events": len(cases),
        "role_words": len(words),
        "seed": SEED,
        "c": args.c,
    }
    assert set(CLASSES) >= {lab for c in cases for lab in c.labels}
    if args.cv:
        bars = [(MIN_SOURCE, MIN_TARGET), (0.2, 0.2), (0.4, 0.4), (0.5, 0.5)]
        info["cv"] = cross_validate(cases, args.cv, args.c, bars)
        print(json.dumps(info["cv"], indent=1), file=sys.stderr)
    save(args.out, fit(cases, args.c), words, info)
    print(f"wrote {args.out} ({time.time() - t0:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
