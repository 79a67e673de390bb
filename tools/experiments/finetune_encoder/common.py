"""Shared data loading, split and scoring (pure numpy; used by both venvs)."""

import json
import random

import numpy as np

DIR = "/work/exp-ft"
SEED = 13
ROOTS = [f"{r:02d}" for r in range(1, 21)]
CLASSES = ["none"] + ROOTS  # fixed column order for all models
THRESHOLDS = (0.2, 0.3, 0.4, 0.5)


def group(root):
    r = int(root)
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13 or r == 16:
        return 3
    return 4


def load(name):
    return [json.loads(l) for l in open(f"{DIR}/{name}")]


def split(train):
    """Fixed 90/10 split by sentence id (seed 13)."""
    sids = sorted({r["sid"] for r in train})
    random.Random(SEED).shuffle(sids)
    held = set(sids[: len(sids) // 10])
    return [r for r in train if r["sid"] not in held], [r for r in train if r["sid"] in held]


def dev_scores(dev_rows, probs, n_dev=666):
    """probs: (n, 21) in CLASSES order. Returns {t: (macro_f1, no_event_rate)}."""
    gold = json.load(open(f"{DIR}/dev_gold.json"))  # all 666 dev sentences, incl. candidate-less
    best = {}  # sid -> (p_event, group)
    for r, p in zip(dev_rows, probs):
        assert gold[r["sid"]] == r["dev_group"]
        pe = 1 - p[0]
        g = group(CLASSES[1 + int(np.argmax(p[1:]))])
        if r["sid"] not in best or pe > best[r["sid"]][0]:
            best[r["sid"]] = (pe, g)
    # dev gold labels for sentences with no candidates: read from the gold file order
    out = {}
    for t in THRESHOLDS:
        pred = {}
        for sid in gold:
            b = best.get(sid)
            pred[sid] = b[1] if b and b[0] >= t else None
        f1s = []
        for g in range(5):
            tp = sum(1 for s in gold if gold[s] == g and pred[s] == g)
            fp = sum(1 for s in gold if gold[s] != g and pred[s] == g)
            fn = sum(1 for s in gold if gold[s] == g and pred[s] != g)
            f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        out[t] = (
            round(float(np.mean(f1s)), 4),
            round(sum(p is None for p in pred.values()) / len(pred), 4),
        )
    return out


def cand_accuracy(rows, probs):
    pred = [CLASSES[int(np.argmax(p))] for p in probs]
    gold = [r["root"] for r in rows]
    acc = np.mean([a == b for a, b in zip(pred, gold)])
    pos = [(a, b) for a, b in zip(pred, gold) if b != "none"]
    # event-level: among gold events, correct root; among predicted events, correct root
    rec = np.mean([a == b for a, b in pos])
    pp = [(a, b) for a, b in zip(pred, gold) if a != "none"]
    prec = np.mean([a == b for a, b in pp]) if pp else 0.0
    return {
        "acc": round(float(acc), 4),
        "event_recall": round(float(rec), 4),
        "event_precision": round(float(prec), 4),
        "n": len(rows),
    }
