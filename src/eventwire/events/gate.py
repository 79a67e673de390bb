"""The sentence gate: does this sentence report an event at all?

The event model judges each candidate predicate from its parse and its neighbourhood; it does
not see the sentence as a whole, and a sentence that reads like news of an act ("… told
reporters on Tuesday after talks with …") can hold an event whose predicate scores low, while
background told in the same words as an event scores high. A second, sentence-level model
over the sentence's words (hashed word unigrams and bigrams, logistic, trained by
``tools/train_detector.py`` on our sentences and the dev half) gives the probability that the
sentence holds a codable event; joined with the likeliest candidate's event probability
(``sigmoid(a*logit(p_candidate) + b*logit(p_sentence) + c)``, fitted on out-of-fold
predictions), it decides whether the sentence is coded at all (below the gate, nothing is)
and, above a higher line, that its likeliest candidate is an event even when that candidate
alone falls short of its threshold. Thresholds by place in the story, as for the event model.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.events.hashed import feature_indices

WEIGHTS = "sentence.npz"
WORD = re.compile(r"[a-z0-9]+")
CLIP = 1e-4


def sentence_grams(text: str) -> list[str]:
    """The sentence's lower-cased words and word pairs, once each."""
    words = WORD.findall(text.lower())
    return sorted(set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)})


def logit(p: float) -> float:
    p = min(max(p, CLIP), 1 - CLIP)
    return math.log(p / (1 - p))


def join(joiner: tuple[float, float, float], p_candidate: float, p_sentence: float) -> float:
    """``sigmoid(a*logit(p_candidate) + b*logit(p_sentence) + c)``."""
    a, b, c = joiner
    return 1.0 / (1.0 + math.exp(-(a * logit(p_candidate) + b * logit(p_sentence) + c)))


@dataclass
class SentenceGate:
    bits: int
    slot: np.ndarray  # a hashed column's row in ``weights``, -1 for one training never saw
    weights: np.ndarray
    bias: float
    joiner: tuple[float, float, float]  # a, b, c
    gates: list[tuple[int, float]]  # (characters into the body, threshold)
    rescue: float | None = None  # from here, the likeliest candidate is coded whatever its own

    def sentence_probability(self, text: str) -> float:
        slots = self.slot[np.unique(feature_indices(sentence_grams(text), self.bits))]
        z = float(self.weights[slots[slots >= 0]].sum()) + self.bias
        return 1.0 / (1.0 + math.exp(-z))

    def joined(self, p_candidate: float, text: str) -> float:
        return join(self.joiner, p_candidate, self.sentence_probability(text))

    def gate_at(self, position: int) -> float:
        return next(t for start, t in reversed(self.gates) if position >= start)

    def verdict(self, p_candidate: float, text: str, position: int = 0) -> str:
        """For a sentence ``position`` characters into its story, given its likeliest
        candidate's event probability: "veto" (code nothing), "rescue" (code the likeliest
        candidate even below its threshold) or "pass" (the candidates' thresholds decide)."""
        return verdict(self.joined(p_candidate, text), self.gate_at(position), self.rescue)


def verdict(joined: float, veto: float, rescue: float | None) -> str:
    """What a joined score says of its sentence, given the veto and rescue lines (the rescue
    line is never below the veto's)."""
    if joined < veto:
        return "veto"
    if rescue is not None and joined >= max(veto, rescue):
        return "rescue"
    return "pass"


def load_gate(folder: Path, meta: dict[str, Any]) -> SentenceGate | None:
    """The gate of the event model in ``folder`` (``meta``: its model.json), or None when the
    model has none. Raises KeyError or ValueError (the caller's ModelError) when it is
    half there."""
    if "gate" not in meta:
        return None
    try:
        arrays = np.load(folder / WEIGHTS)
    except OSError as err:
        raise ValueError(f"the model has a sentence gate but no {WEIGHTS}: {err}") from err
    bits = int(meta["sentence_hash_bits"])
    slot = np.full(1 << bits, -1, dtype=np.int32)
    slot[arrays["rows"]] = np.arange(len(arrays["rows"]), dtype=np.int32)
    a, b, c = (float(x) for x in meta["joiner"])
    return SentenceGate(
        bits=bits,
        slot=slot,
        weights=arrays["w"].astype(np.float32),
        bias=float(arrays["b"]),
        joiner=(a, b, c),
        gates=[(0, float(meta["gate"]))]
        + sorted((int(s), float(t)) for s, t in meta.get("gates_by_position", []) if s > 0),
        rescue=float(meta["rescue"]) if meta.get("rescue") is not None else None,
    )
