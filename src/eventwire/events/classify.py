"""The learned event classifier: candidate → (CAMEO root or no event, confidence, code).

Two linear models over the same inputs: hashed sparse features of the candidate's parse,
words and dictionary hint (``candidates.features``), and optionally the sentence and predicate
vectors of an encoder (``encoder``). The first decides between "no event" and the twenty CAMEO
roots; the second picks the three-digit code within the chosen root, falling back to the
root's general code ("190") when it is not confident. A sentence gate (``gate``), when the
model has one, may veto a sentence's candidates or rescue its likeliest. Weights come from
``tools/train_coder.py`` (the gate's from ``tools/train_detector.py``; fixed seeds) and ship as
package data; inference is NumPy only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from eventwire.config import DEFAULT, CoderConfig
from eventwire.events.gate import load_gate
from eventwire.events.hashed import feature_indices

NONE = "none"
SUBCODE_MIN = 0.4  # below this, the root's general code ("040") rather than a guess
MODEL_DIR = "data/coder"


class ModelError(RuntimeError):
    """The shipped model is missing or unreadable."""


@dataclass
class Decision:
    root: str | None  # None: no codable event
    code: str | None
    confidence: float  # probability of the decision's root (or of "no event")


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=-1, keepdims=True))


class EventClassifier:
    def __init__(self, folder: Path) -> None:
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            arrays = np.load(folder / "model.npz")
        except (OSError, ValueError) as err:
            raise ModelError(f"cannot load the event model from {folder}: {err}") from err
        try:
            self.meta = meta
            self.meta["__folder__"] = str(folder)
            self.bits: int = meta["hash_bits"]
            self.encoder: str | None = meta.get("encoder") or None
            self.threshold: float = meta["threshold"]
            # (characters into the body, threshold) past the lede: later sentences tell
            # background more often, so they need a surer model for the same precision
            self.thresholds: list[tuple[int, float]] = [(0, self.threshold)] + sorted(
                (int(start), float(t))
                for start, t in meta.get("thresholds_by_position", [])
                if start > 0
            )
            self.trigger_nouns = frozenset(meta["trigger_nouns"])
            self.roots: list[str] = meta["roots"]
            self.codes: list[str] = meta["codes"]
            # weights only for the hashed features training saw; ``slot`` maps a hash to its row
            rows = arrays["rows"]
            self.slot = np.full(1 << self.bits, -1, dtype=np.int32)
            self.slot[rows] = np.arange(len(rows), dtype=np.int32)
            self.w_root = arrays["w_root"].astype(np.float32)
            self.b_root = arrays["b_root"].astype(np.float32)
            self.w_code = arrays["w_code"].astype(np.float32)
            self.b_code = arrays["b_code"].astype(np.float32)
            self.d_root = arrays["d_root"].astype(np.float32) if "d_root" in arrays else None
            self.d_code = arrays["d_code"].astype(np.float32) if "d_code" in arrays else None
            self.gate = load_gate(folder, meta)
        except KeyError as err:
            raise ModelError(f"the event model in {folder} lacks {err}: retrain it") from err
        except (TypeError, ValueError) as err:  # e.g. a hand-edited thresholds_by_position
            raise ModelError(f"the event model in {folder} has a malformed value: {err}") from err
        self.code_root = np.array([c[:2] for c in self.codes])

    def rows(self, features: list[list[str]]) -> list[np.ndarray]:
        """Each candidate's weight rows: its hashed features that training saw."""
        slots = (self.slot[feature_indices(f, self.bits)] for f in features)
        return [s[s >= 0] for s in slots]

    def logits(
        self,
        idx: list[np.ndarray],
        dense: np.ndarray | None,
        w: np.ndarray,
        b: np.ndarray,
        d: np.ndarray | None,
    ) -> np.ndarray:
        out = np.stack([w[i].sum(axis=0) for i in idx]) + b
        if d is not None and dense is not None:
            out = out + dense @ d
        return np.asarray(out)

    def root_probability(
        self, features: list[list[str]], roots: list[str], dense: np.ndarray | None = None
    ) -> list[float]:
        """The model's probability of each given root (another coder's verdict) for each
        candidate: the confidence of an event the dictionary coded."""
        if not features:
            return []
        p_root = softmax(
            self.logits(self.rows(features), dense, self.w_root, self.b_root, self.d_root)
        )
        index = {r: k for k, r in enumerate(self.roots)}
        return [
            float(p_root[row][index[root]]) if root in index else 0.0
            for row, root in enumerate(roots)
        ]

    def threshold_at(self, position: int) -> float:
        """The event threshold for a sentence starting ``position`` characters into the body."""
        return next(t for start, t in reversed(self.thresholds) if position >= start)

    def event_probabilities(
        self, features: list[list[str]], dense: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The probabilities of the roots (with "no event") and of the codes, one row per
        candidate."""
        idx = self.rows(features)
        p_root = softmax(self.logits(idx, dense, self.w_root, self.b_root, self.d_root))
        p_code = softmax(self.logits(idx, dense, self.w_code, self.b_code, self.d_code))
        return p_root, p_code

    def decide(
        self,
        features: list[list[str]],
        dense: np.ndarray | None = None,
        position: int = 0,
        sentence: str | None = None,
    ) -> list[Decision]:
        """One decision per candidate (``dense``: one encoder row per candidate, if any) of a
        sentence ``position`` characters into its story's body. With a sentence gate (and the
        sentence's text), the sentence is judged as a whole first: vetoed, no candidate is an
        event; rescued, its likeliest candidate is one whatever its threshold says."""
        if not features:
            return []
        p_root, p_code = self.event_probabilities(features, dense)
        none = self.roots.index(NONE)
        p_event = 1.0 - p_root[:, none]
        events = p_event >= self.threshold_at(position)
        if self.gate is not None and sentence is not None:
            best = int(p_event.argmax())
            verdict = self.gate.verdict(float(p_event[best]), sentence, position)
            if verdict == "veto":
                events[:] = False
            elif verdict == "rescue":
                events[best] = True
        out = []
        for row in range(len(features)):
            if not events[row]:
                out.append(Decision(None, None, float(p_root[row][none])))
                continue
            ranked = p_root[row].copy()
            ranked[none] = -1.0
            best_root = int(ranked.argmax())
            root = self.roots[best_root]
            within = np.where(self.code_root == root, p_code[row], 0.0)
            share = float(within.max() / within.sum()) if within.sum() > 0 else 0.0
            code = self.codes[int(within.argmax())] if share >= SUBCODE_MIN else root + "0"
            out.append(Decision(root, code, float(p_root[row][best_root])))
        return out


@cache
def load_classifier(folder: str | None = None) -> EventClassifier:
    """The shipped model (or one in ``folder``), loaded once per process."""
    path = Path(folder) if folder else Path(str(resources.files("eventwire") / MODEL_DIR))
    return EventClassifier(path)


def check_coder(config: CoderConfig = DEFAULT) -> None:
    """Load the learned coder's model (and encoder) now, so a bad install fails up front with
    a clear message rather than in the middle of a batch."""
    if config.coder == "dictionary":
        return
    if config.coder != "learned":
        raise ValueError(f"unknown coder {config.coder!r}; expected learned or dictionary")
    from eventwire.events.encoder import load_encoder

    model = load_classifier(config.model)
    if model.encoder:
        load_encoder(model.encoder)
