"""Export a checkpoint to ONNX (opset 17, dynamic batch/seq), quantize dynamic int8, score both
with onnxruntime on one thread, compare with torch figures."""

import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["HF_HUB_OFFLINE"] = "1"
import numpy as np

sys.path.insert(0, "/work/exp-ft")
import common as c
from ft_data import MODEL_DIR, Encoder, batchify

ck = sys.argv[1]
fp32 = f"{ck}/coder.onnx"
QV = sys.argv[2] if len(sys.argv) > 2 else "default"
int8 = f"{ck}/coder.int8.onnx" if QV == "default" else f"{ck}/coder.int8.{QV}.onnx"
if not os.path.exists(fp32):
    import torch

    torch.set_num_threads(1)
    from ft_model import CandidateClassifier

    model = CandidateClassifier(MODEL_DIR, len(c.CLASSES))
    model.load_state_dict(torch.load(f"{ck}/model.pt"))
    model.eval()
    ids, mask, pos = batchify(Encoder().encode_rows(c.load("dev_cands.jsonl")[:4]))
    torch.onnx.export(
        model,
        (torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(pos)),
        fp32,
        input_names=["input_ids", "attention_mask", "marker_pos"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "b", 1: "s"},
            "attention_mask": {0: "b", 1: "s"},
            "marker_pos": {0: "b"},
            "logits": {0: "b"},
        },
        opset_version=17,
        dynamo=False,
    )
if not os.path.exists(int8):
    from onnxruntime.quantization import QuantType, quantize_dynamic

    kw = {}
    if QV == "perchannel":
        kw = dict(per_channel=True)
    if QV == "matmul":
        kw = dict(per_channel=True, op_types_to_quantize=["MatMul"])
    if QV == "nohead":  # keep the classifier head (last Gemm/MatMul) in fp32
        import onnx

        g = onnx.load(fp32).graph
        mm = [n.name for n in g.node if n.op_type in ("MatMul", "Gemm")]
        kw = dict(per_channel=True, nodes_to_exclude=mm[-1:])
    if QV in (
        "wonly",
        "wonly_gather",
    ):  # weight matmuls only: skip attention's activation x activation MatMuls
        import onnx

        g = onnx.load(fp32).graph
        inits = {i.name for i in g.initializer}
        act = [
            n.name for n in g.node if n.op_type == "MatMul" and not any(i in inits for i in n.input)
        ]
        ops = ["MatMul", "Gemm"] + (["Gather"] if QV == "wonly_gather" else [])
        kw = dict(per_channel=True, nodes_to_exclude=act, op_types_to_quantize=ops)
    quantize_dynamic(fp32, int8, weight_type=QuantType.QInt8, **kw)

import onnxruntime as ort

enc = Encoder()
train = c.load("train_cands.jsonl")
dev = c.load("dev_cands.jsonl")
_, held = c.split(train)
torch_eval = json.load(open(f"{ck}/torch_eval.json"))


def run(path, rows, bs=64):
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    X = enc.encode_rows(rows)
    order = sorted(range(len(X)), key=lambda i: len(X[i][0]))
    out = np.zeros((len(X), len(c.CLASSES)))
    t0 = time.time()
    for k in range(0, len(order), bs):
        b = order[k : k + bs]
        ids, mask, pos = batchify([X[i] for i in b])
        lg = sess.run(None, {"input_ids": ids, "attention_mask": mask, "marker_pos": pos})[0]
        e = np.exp(lg - lg.max(-1, keepdims=True))
        out[b] = e / e.sum(-1, keepdims=True)
    return out, time.time() - t0


res = {}
td = np.load(f"{ck}/torch_dev.npy")
for name, path in ((("fp32", fp32),) if not os.path.exists(f"{ck}/fp32_dev.npy") else ()) + (
    (("int8" if QV == "default" else "int8_" + QV), int8),
):
    pd, sd = run(path, dev)
    ph, _ = run(path, held)
    np.save(f"{ck}/{name}_dev.npy", pd)
    np.save(f"{ck}/{name}_held.npy", ph)
    r = {
        "size_mb": round(os.path.getsize(path) / 2**20, 1),
        "dev_cands_per_s": round(len(dev) / sd, 1),
        "dev": c.dev_scores(dev, pd),
        "held": c.cand_accuracy(held, ph),
        "max_abs_prob_diff_vs_torch": round(float(np.abs(pd - td).max()), 4),
        "argmax_agree_vs_torch": round(float((pd.argmax(1) == td.argmax(1)).mean()), 4),
    }
    r["max_dev_f1_diff_vs_torch"] = round(
        max(abs(r["dev"][t][0] - torch_eval["dev"][str(t)][0]) for t in c.THRESHOLDS), 4
    )
    # single-candidate latency (batch of 1, as a per-sentence pipeline without batching might call it)
    res[name] = r
    print(name, json.dumps(r), flush=True)
json.dump(res, open(f"{ck}/onnx_eval_{QV}.json", "w"), indent=1)
