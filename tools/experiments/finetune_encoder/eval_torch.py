"""Score a fine-tuned checkpoint (torch) on dev and on the held-out 10%; saves probabilities."""

import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["HF_HUB_OFFLINE"] = "1"
import numpy as np
import torch

torch.set_num_threads(1)
sys.path.insert(0, "/work/exp-ft")
import common as c
from ft_data import MODEL_DIR, Encoder, batchify
from ft_model import CandidateClassifier

ck = sys.argv[1]
model = CandidateClassifier(MODEL_DIR, len(c.CLASSES))
model.load_state_dict(torch.load(f"{ck}/model.pt"))
model.eval()
enc = Encoder()
train = c.load("train_cands.jsonl")
dev = c.load("dev_cands.jsonl")
_, held = c.split(train)


def probs(rows, bs=64):
    X = enc.encode_rows(rows)
    order = sorted(range(len(X)), key=lambda i: len(X[i][0]))
    out = np.zeros((len(X), len(c.CLASSES)))
    with torch.no_grad():
        for k in range(0, len(order), bs):
            b = order[k : k + bs]
            ids, mask, pos = batchify([X[i] for i in b])
            lg = model(torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(pos))
            out[b] = torch.softmax(lg, -1).numpy()
    return out


res = {}
t0 = time.time()
pd = probs(dev)
res["dev_s"] = round(time.time() - t0, 1)
res["dev_cands_per_s"] = round(len(dev) / res["dev_s"], 1)
ph = probs(held)
np.save(f"{ck}/torch_dev.npy", pd)
np.save(f"{ck}/torch_held.npy", ph)
res["dev"] = c.dev_scores(dev, pd)
res["held"] = c.cand_accuracy(held, ph)
print(json.dumps(res))
json.dump(res, open(f"{ck}/torch_eval.json", "w"), indent=1)
