"""Real wire sentences with human-coded CAMEO groups (``shared/data/gold/conflibert-cameo-dev``).

Scored exactly as the dataset's README says, and as ``shared/tools/score_realnews.py`` scores
the installed command from the outside: each sentence is one article published 2010-01-01; its
class is that of its first non-negated event by span start (CAMEO root grouped as ConfliBERT
does), no event being class 0; macro-F1 over the five classes, the share of sentences with no
event, and dyad accuracy (the first event's source and target text share a word with the
coders' spans) over the sentences with both spans.

The shipped model also trained on these sentences (weak labels: each sentence's group), so the
figures of the installed command are in-sample; ``tools/train_coder.py --dev-cv 5`` scores
every sentence with a model that never saw it and records those figures in the model's
metadata, which ``cross_validated`` reports beside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.api import extract_many
from eventwire.config import DEFAULT, CoderConfig
from eventwire.contract import result_to_json

GOLD = Path("data") / "gold" / "conflibert-cameo-dev"
WORD = re.compile(r"\w+")
STOP = {"the", "a", "an", "of", "'s", "its", "his", "her", "their", "and", "in", "on", "to"}
PUBLISHED = "2010-01-01"


def group(cameo: str) -> int:
    """0 = roots 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = 14-15 and 17-20."""
    try:
        r = int(cameo[:2])
    except ValueError:
        return 0
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r <= 13 or r == 16:
        return 3
    return 4


def sentence_key(text: str) -> str:
    """What a sentence of ``sentences.tsv`` and its tokens in ``actors.conll`` share."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def read_rows(gold: Path) -> list[tuple[str, int]]:
    rows = []
    for line in (gold / "sentences.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[1].isdigit():
            rows.append((parts[0], int(parts[1])))
    return rows


def _conll_blocks(gold: Path) -> Iterator[list[tuple[str, str]]]:
    """Each sentence of ``actors.conll`` as its (token, BIO tag) pairs."""
    block: list[tuple[str, str]] = []
    for line in (gold / "actors.conll").read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            tok, tag = line.rsplit(" ", 1)
            block.append((tok, tag))
        elif block:
            yield block
            block = []


def read_spans(gold: Path) -> dict[str, dict[str, set[str]]]:
    """Sentence key → the source (S or R) and target (T or R) words the coders marked."""
    spans: dict[str, dict[str, set[str]]] = {}
    for block in _conll_blocks(gold):
        sides: dict[str, set[str]] = {"S": set(), "T": set()}
        for tok, tag in block:
            if tag[2:] in ("S", "R"):
                sides["S"].add(tok.lower())
            if tag[2:] in ("T", "R"):
                sides["T"].add(tok.lower())
        key = sentence_key("".join(t for t, _ in block))
        spans[key] = {k: v - STOP for k, v in sides.items()}
    return spans


def read_role_offsets(gold: Path) -> dict[str, dict[str, list[int]]]:
    """Sentence key → the character spans of the first source (S) and the first target (T)
    the coders marked in the sentence's text, found by walking its tokens through the text
    (for training a role model on the marked spans; scoring uses ``read_spans``)."""
    text_of = {sentence_key(text): text for text, _ in read_rows(gold)}
    out: dict[str, dict[str, list[int]]] = {}
    for block in _conll_blocks(gold):
        key = sentence_key("".join(t for t, _ in block))
        text = text_of.get(key)
        if text is None:
            continue
        spans: dict[str, list[int]] = {}
        pos = 0
        for tok, tag in block:
            at = text.find(tok, pos)
            if at < 0:
                break
            pos = at + len(tok)
            role = {"S": "source", "T": "target"}.get(tag[2:])
            if role is None or (role in spans and tag.startswith("B")):
                continue
            if role not in spans:
                spans[role] = [at, pos]
            elif spans[role][1] >= at - 1:  # the span goes on ("Houthi rebels of Yemen")
                spans[role][1] = pos
        out[key] = spans
    return out


def _words(actor: dict[str, Any] | None) -> set[str]:
    return {w.lower() for w in WORD.findall((actor or {}).get("text") or "")} - STOP


@dataclass
class RealNewsScore:
    sentences: int
    macro_f1: float
    accuracy: float
    per_class_f1: list[float]
    no_event: float
    dyad_n: int
    dyad_acc: float
    confusion: list[list[int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "macro_f1": self.macro_f1,
            "accuracy": self.accuracy,
            "per_class_f1": self.per_class_f1,
            "no_event": self.no_event,
            "dyad_n": self.dyad_n,
            "dyad_acc": self.dyad_acc,
        }


def score_outputs(
    rows: list[tuple[str, int]],
    outputs: Iterable[dict[str, Any]],
    spans: dict[str, dict[str, set[str]]],
) -> RealNewsScore:
    gold, pred = [], []
    empty = dyad_n = dyad_ok = 0
    for (text, label), out in zip(rows, outputs, strict=True):
        events = [e for e in out.get("events") or [] if not e.get("negated")]
        events.sort(key=lambda e: (e.get("span") or [0])[0])
        empty += not events
        gold.append(label)
        pred.append(group(events[0].get("cameo") or "") if events else 0)
        g = spans.get(sentence_key(text))
        if g and g["S"] and g["T"]:
            dyad_n += 1
            first = events[0] if events else {}
            if _words(first.get("source")) & g["S"] and _words(first.get("target")) & g["T"]:
                dyad_ok += 1
    f1s = []
    for c in range(5):
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=False))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=False))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=False))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    n = len(gold)
    return RealNewsScore(
        sentences=n,
        macro_f1=round(sum(f1s) / 5, 3),
        accuracy=round(sum(g == p for g, p in zip(gold, pred, strict=False)) / n, 3) if n else 0.0,
        per_class_f1=[round(x, 3) for x in f1s],
        no_event=round(empty / n, 3) if n else 0.0,
        dyad_n=dyad_n,
        dyad_acc=round(dyad_ok / dyad_n, 3) if dyad_n else 0.0,
        confusion=[
            [
                sum(1 for x, y in zip(gold, pred, strict=False) if x == g and y == p)
                for p in range(5)
            ]
            for g in range(5)
        ],  # fmt: skip
    )


def extract_outputs(
    rows: list[tuple[str, int]], config: CoderConfig = DEFAULT, workers: int = 1
) -> list[dict[str, Any]]:
    """``extract``'s contract objects for the sentences, each one article as the README says."""
    records = [{"id": str(i), "text": t, "published": PUBLISHED} for i, (t, _) in enumerate(rows)]
    results = extract_many(records, workers=workers, config=config)
    return [result_to_json(r) for r in results]


def cross_validated(config: CoderConfig = DEFAULT) -> dict[str, Any]:
    """The out-of-sample figures recorded with the model, when it trained on the dev half."""
    if config.coder != "learned":
        return {"model_trained_on_these": False}
    from eventwire.events.classify import load_classifier

    model = load_classifier(config.model)
    training = model.meta.get("training", {})
    if not training.get("dev_sentences"):
        return {"model_trained_on_these": False}
    cv = training.get("dev_cv", {}).get(str(model.threshold))
    keys = ("macro_f1", "accuracy", "per_class_f1", "no_event", "dyad_acc")
    return {
        "model_trained_on_these": True,
        "cross_validated": {k: cv[k] for k in keys} if cv else None,
    }


def evaluate(shared: Path, config: CoderConfig = DEFAULT, workers: int = 1) -> RealNewsScore:
    gold = shared / GOLD
    rows = read_rows(gold)
    return score_outputs(rows, extract_outputs(rows, config, workers), read_spans(gold))
