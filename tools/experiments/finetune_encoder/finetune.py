"""Fine-tune MiniLM-L6 on marker-wrapped candidates. One torch thread.
python finetune.py --train-set 90 --none-keep 0.5 --epochs 1 --max-steps N --budget-min 45 --out ckpt"""

import argparse
import json
import math
import os
import random
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["HF_HUB_OFFLINE"] = "1"
import numpy as np
import torch

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
sys.path.insert(0, "/work/exp-ft")
import common as c
from ft_data import MODEL_DIR, Encoder, batchify
from ft_model import CandidateClassifier

ap = argparse.ArgumentParser()
ap.add_argument("--train-set", default="90")
ap.add_argument("--none-keep", type=float, default=0.5)
ap.add_argument("--epochs", type=float, default=1.0)
ap.add_argument("--max-steps", type=int, default=0)
ap.add_argument("--budget-min", type=float, default=45)
ap.add_argument("--lr", type=float, default=5e-5)
ap.add_argument("--bs", type=int, default=32)
ap.add_argument("--out", default="/work/exp-ft/ckpt")
args = ap.parse_args()

random.seed(c.SEED)
np.random.seed(c.SEED)
torch.manual_seed(c.SEED)
train = c.load("train_cands.jsonl")
tr90, held = c.split(train)
rows = tr90 if args.train_set == "90" else train
rng = random.Random(c.SEED)
rows = [r for r in rows if r["root"] != "none" or rng.random() < args.none_keep]
print("train rows", len(rows), "none", sum(r["root"] == "none" for r in rows), flush=True)
enc = Encoder()
X = enc.encode_rows(rows)
Y = np.array([c.CLASSES.index(r["root"]) for r in rows])
print("max len", max(len(i) for i, _ in X), "mean", np.mean([len(i) for i, _ in X]), flush=True)

model = CandidateClassifier(MODEL_DIR, len(c.CLASSES))
opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
steps_per_epoch = math.ceil(len(rows) / args.bs)
total = int(steps_per_epoch * args.epochs)
if args.max_steps:
    total = min(total, args.max_steps)
warm = max(1, int(0.06 * total))
sched = torch.optim.lr_scheduler.LambdaLR(
    opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
)
print("planned steps", total, flush=True)
model.train()
t0 = time.time()
step = 0
losses = []
order = []
while step < total:
    if not order:
        # length-bucketed shuffling: shuffle, then sort within chunks of 50 batches
        perm = np.random.permutation(len(rows)).tolist()
        chunk = args.bs * 50
        order = []
        for k in range(0, len(perm), chunk):
            part = sorted(perm[k : k + chunk], key=lambda i: len(X[i][0]))
            bs = [part[j : j + args.bs] for j in range(0, len(part), args.bs)]
            random.shuffle(bs)
            order += bs
    b = order.pop(0)
    ids, mask, pos = batchify([X[i] for i in b])
    logits = model(torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(pos))
    loss = torch.nn.functional.cross_entropy(logits, torch.from_numpy(Y[b]))
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    step += 1
    losses.append(loss.item())
    if step % 50 == 0:
        el = time.time() - t0
        print(
            f"step {step}/{total} loss {np.mean(losses[-50:]):.4f} {el:.0f}s {el / step:.3f}s/step",
            flush=True,
        )
    if time.time() - t0 > args.budget_min * 60:
        print("budget reached at step", step, flush=True)
        break
train_s = time.time() - t0
# prior correction for the downsampled "none" class: p(none) odds x 1/keep
with torch.no_grad():
    model.head.bias[0] += math.log(1.0 / args.none_keep)
os.makedirs(args.out, exist_ok=True)
torch.save(model.state_dict(), f"{args.out}/model.pt")
json.dump(
    {
        **vars(args),
        "steps": step,
        "train_s": round(train_s),
        "rows": len(rows),
        "final_loss": float(np.mean(losses[-100:])),
    },
    open(f"{args.out}/train.json", "w"),
    indent=1,
)
print("saved", args.out, f"{train_s:.0f}s", flush=True)
