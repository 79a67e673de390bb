"""ONNX inference speed, one thread: per-sentence batches (all candidates of one dev sentence in
one call, as extract would code a sentence) incl. tokenization."""

import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import onnxruntime as ort

sys.path.insert(0, "/work/exp-ft")
import common as c
from ft_data import Encoder, batchify

path = sys.argv[1]
so = ort.SessionOptions()
so.intra_op_num_threads = 1
so.inter_op_num_threads = 1
sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
enc = Encoder()
dev = c.load("dev_cands.jsonl")
by = {}
for r in dev:
    by.setdefault(r["sid"], []).append(r)
t0 = time.time()
n = 0
for rows in by.values():
    ids, mask, pos = batchify(enc.encode_rows(rows))
    sess.run(None, {"input_ids": ids, "attention_mask": mask, "marker_pos": pos})
    n += len(rows)
el = time.time() - t0
print(
    json.dumps(
        {
            "model": path,
            "size_mb": round(os.path.getsize(path) / 2**20, 1),
            "sentences": len(by),
            "cands": n,
            "cands_per_s": round(n / el, 1),
            "ms_per_sentence": round(1000 * el / len(by), 2),
        }
    )
)
