"""Paired bootstrap over dev sentences: macro-F1 difference of two models at a threshold."""

import json
import sys

import numpy as np

sys.path.insert(0, "/work/exp-ft")
import common as c

dev = c.load("dev_cands.jsonl")
gold = json.load(open(f"{c.DIR}/dev_gold.json"))
sids = list(gold)


def preds(p, t):
    best = {}
    for r, q in zip(dev, p):
        pe = 1 - q[0]
        g = c.group(c.CLASSES[1 + int(np.argmax(q[1:]))])
        if r["sid"] not in best or pe > best[r["sid"]][0]:
            best[r["sid"]] = (pe, g)
    return np.array([best[s][1] if s in best and best[s][0] >= t else -1 for s in sids])


def f1(y, p):
    out = []
    for g in range(5):
        tp = np.sum((y == g) & (p == g))
        fp = np.sum((y != g) & (p == g))
        fn = np.sum((y == g) & (p != g))
        out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return np.mean(out)


y = np.array([gold[s] for s in sids])


def load(n):
    return np.mean([np.load(x) for x in n.split("+")], 0)


if __name__ == "__main__":
    a, b = load(sys.argv[1]), load(sys.argv[2])
    pairs = [(float(x), float(y)) for x, y in (z.split(":") for z in sys.argv[3:])] or [
        (t, t) for t in c.THRESHOLDS
    ]
    rng = np.random.default_rng(13)
    for ta, tb in pairs:
        pa, pb = preds(a, ta), preds(b, tb)
        d = []
        for _ in range(2000):
            i = rng.integers(0, len(y), len(y))
            d.append(f1(y[i], pb[i]) - f1(y[i], pa[i]))
        d = np.array(d)
        print(
            ta,
            tb,
            "diff",
            round(f1(y, pb) - f1(y, pa), 4),
            "95% CI",
            np.round(np.percentile(d, [2.5, 97.5]), 4),
            "P(diff<=0)",
            round(float((d <= 0).mean()), 4),
        )
