"""Average sparse (90%) and fine-tuned probabilities. Weight fixed at 0.5 a priori, and also the
weight chosen on the own held-out 10% (never on dev)."""

import json
import sys

import numpy as np

sys.path.insert(0, "/work/exp-ft")
import common as c

ck, which = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "torch")
train = c.load("train_cands.jsonl")
dev = c.load("dev_cands.jsonl")
_, held = c.split(train)
sd, sh = np.load("sparse_90_dev.npy"), np.load("sparse_90_held.npy")
fd, fh = np.load(f"{ck}/{which}_dev.npy"), np.load(f"{ck}/{which}_held.npy")
gold = np.array([c.CLASSES.index(r["root"]) for r in held])


def nll(p):
    return float(-np.log(np.clip(p[np.arange(len(gold)), gold], 1e-9, 1)).mean())


res = {}
grid = [round(w, 1) for w in np.arange(0, 1.01, 0.1)]
held_nll = {w: nll(w * fh + (1 - w) * sh) for w in grid}
w_best = min(held_nll, key=held_nll.get)
for w in sorted({0.5, w_best}):
    res[f"w_ft={w}"] = {
        "dev": c.dev_scores(dev, w * fd + (1 - w) * sd),
        "held": c.cand_accuracy(held, w * fh + (1 - w) * sh),
        "held_nll": round(held_nll[w], 4),
    }
res["held_nll_by_w"] = {str(k): round(v, 4) for k, v in held_nll.items()}
res["w_best_on_held"] = w_best
print(json.dumps(res, indent=1))
json.dump(res, open(f"{ck}/combine_{which}.json", "w"), indent=1)
