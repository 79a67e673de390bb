"""Sparse linear baseline (repo's tc.fit/tc.feature_matrix). Run from /work/main with the repo venv."""

import json
import sys
import time

sys.path.insert(0, "tools")
sys.path.insert(0, "/work/exp-ft")
import common as c
import numpy as np
import train_coder as tc

train = c.load("train_cands.jsonl")
dev = c.load("dev_cands.jsonl")
tr90, held = c.split(train)
res = {}


def probs_of(model, rows):
    p = model.predict_proba(tc.feature_matrix([r["features"] for r in rows]))
    cls = list(model.classes_)
    out = np.zeros((len(rows), len(c.CLASSES)))
    for j, k in enumerate(c.CLASSES):
        if k in cls:
            out[:, j] = p[:, cls.index(k)]
    return out


for name, rows in (("all", train), ("90", tr90)):
    t0 = time.time()
    m = tc.fit(tc.feature_matrix([r["features"] for r in rows]), [r["root"] for r in rows], 1.0)
    tt = time.time() - t0
    pd = probs_of(m, dev)
    t1 = time.time()
    ph = probs_of(m, held)
    ti = time.time() - t1
    np.save(f"/work/exp-ft/sparse_{name}_dev.npy", pd)
    np.save(f"/work/exp-ft/sparse_{name}_held.npy", ph)
    res[name] = {
        "train_s": round(tt, 1),
        "dev": c.dev_scores(dev, pd),
        "held": c.cand_accuracy(held, ph),
        "infer_cands_per_s": round(len(held) / ti),
    }
    print(name, json.dumps(res[name]), flush=True)
json.dump(res, open("/work/exp-ft/baseline_results.json", "w"), indent=1)
