#!/usr/bin/env python3
"""Whole events, cross-validated, on our annotated real sentences: root, source and target.

``train_coder.py --cv`` scores the event model's root on our real sentences and
``train_roles.py --cv`` the role ranker's choice on gold events; neither scores what
``extract`` writes, an event whose root and both roles must be right together. Here every
annotated real sentence of the random rounds is coded through ``extract``, at its place in its
story, by an event model and a role ranker trained (by the shipped recipe) on the other four
fifths of our sentences and the dev half, and each event it writes is scored against the
annotators' events of that sentence:

- root right: the sentence has a gold event of the same root (the one whose trigger the
  event's span covers, if any);
- source (target) right: the gold event has none and the event names none, or the event's
  actor phrase overlaps the gold span (or one of its ``also_`` spans).

The report gives precision by the event's confidence, by its place in the story and by its kind
(root, with or without a target). When the shipped model has a sentence gate, each fold has
its own detector too, and ``without_gate`` gives the figures without it and the events the
gate adds and takes away. For each ``--lede-threshold`` it gives the events that threshold
adds to or takes from the first ``POSITION_STEPS[0]`` characters: the *marginal* events, which
a threshold rule that checks a band's whole precision does not see (a band can stay above a
floor while every event added at its edge is wrong).

    python tools/real_event_cv.py --folds DIR [--lede-threshold 0.3 0.55] [--dictionary]

Fold models are trained into ``--folds`` the first time (about 6 minutes on 2 cores) and
reused after; delete the folder when the data, features or recipe change. Coding the
sentences takes about 2 minutes per threshold.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import train_coder as tc  # noqa: E402
import train_detector as td  # noqa: E402
import train_roles as tr  # noqa: E402
from annotate import annotated_records  # noqa: E402

from eventwire.api import extract  # noqa: E402
from eventwire.config import CoderConfig  # noqa: E402
from eventwire.contract import result_to_json  # noqa: E402
from eventwire.eval.corpora import documents  # noqa: E402
from eventwire.eval.whole_events import (  # noqa: E402
    Judgment,
    code_agreement,
    coded_pairs,
    judged,
    precision,
    scored_event,
)
from eventwire.events import learned  # noqa: E402
from eventwire.events.candidates import POSITION_STEPS, sentence_context  # noqa: E402
from eventwire.events.classify import load_classifier  # noqa: E402
from eventwire.events.extract import _act_nouns  # noqa: E402
from eventwire.events.gate import WEIGHTS  # noqa: E402
from eventwire.events.role_ranker import load_ranker  # noqa: E402

FOLDS = 5
ROLE_DEV_WEIGHT = 8  # the recipe's (README, "The event model")
EVENT_DEV_WEIGHT = 12
CONFIDENCE_BANDS = (0.0, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9)
SHIPPED = Path(__file__).resolve().parent.parent / "src/eventwire/data/coder/model.json"


def fold_of(sentences: list[tc.Sentence]) -> dict[str, int]:
    """One split of our sentences for both models (their own CVs each split their own ids)."""
    return tc.seeded_folds({s.id for s in sentences}, FOLDS)


def train_folds(shared: Path, out: Path, sentences: list[tc.Sentence]) -> None:
    """Event model and role ranker per fold, each trained without that fold's sentences."""
    folds = fold_of(sentences)
    dev = tc.load_dev(shared)
    docs = tc.parse_all(sentences + dev)
    ours, dev_docs = docs[: len(sentences)], docs[len(sentences) :]
    nouns = tc.trigger_nouns(sentences, ours)
    examples, _, _ = tc.build_examples(sentences, ours, nouns, None)
    dev_examples, _, _ = tc.build_examples(dev, dev_docs, nouns, None)
    base = tc.fit(tc.matrix(examples), [e.root for e in examples], 0.3)
    weak = tc.weak_labels(dev_examples, base) * EVENT_DEV_WEIGHT
    words_cases = tr.build_cases(sentences, ours, nouns)
    words = tr.role_words(words_cases, _act_nouns(nouns) | tr.NOT_ACTORS)
    cases = tr.keep_words(words_cases, words)
    dev_cases = tr.dev_cases(shared, dev, dev_docs, nouns, tr.common_roots(sentences))
    extra = tr.keep_words(dev_cases, words) * ROLE_DEV_WEIGHT
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    bands = [[0, shipped["threshold"]], *shipped.get("thresholds_by_position", [])]
    for k in range(FOLDS):
        train = [e for e in examples if folds[e.meta["group"]] != k] + weak
        models = tc.train_models(train, 0.3)
        tc.save(out / f"fold{k}", models, None, nouns, shipped["threshold"], {"fold": k}, bands)
        weights = tr.fit([c for c in cases if folds[c.sid] != k] + extra, 1.0)
        tr.save(out / f"fold{k}", weights, words, {"fold": k})
        print(f"fold {k + 1}/{FOLDS} trained", file=sys.stderr)
    train_gates(shared, out, sentences)


def train_gates(shared: Path, out: Path, sentences: list[tc.Sentence]) -> None:
    """The sentence gate's detector per fold, trained as ``train_detector.py`` trains the
    shipped one but without the fold's sentences."""
    folds = fold_of(sentences)
    x, y, dev = td.detector_data(shared, sentences)
    fold = np.array([folds[s.id] for s in sentences])
    for k, detector in td.fold_detectors(x, y, dev, fold):
        td.save_detector(out / f"fold{k}", detector)


@contextmanager
def placed_at(offset: list[int]) -> Iterator[None]:
    """Code a sentence parsed alone as if it started ``offset[0]`` characters into its story
    (the position features and the thresholds by place both read it)."""
    context, decide = learned.sentence_context, learned.EventClassifier.decide

    def placed_context(sent: Any, found: Any, off: int = 0) -> Any:
        return sentence_context(sent, found, off + offset[0])

    def placed_decide(
        self: Any, features: Any, dense: Any = None, position: int = 0, sentence: Any = None
    ) -> Any:
        return decide(self, features, dense, position + offset[0], sentence)

    learned.sentence_context = placed_context  # type: ignore[assignment]
    learned.EventClassifier.decide = placed_decide  # type: ignore[method-assign]
    try:
        yield
    finally:
        learned.sentence_context = context  # type: ignore[assignment]
        learned.EventClassifier.decide = decide  # type: ignore[method-assign]


def published_dates(shared: Path) -> dict[str, str | None]:
    """Each annotated sentence's story's publication date, which ``extract`` reads (a year
    told before it is history, an event's date is resolved against it)."""
    records = annotated_records()
    docs = {corpus: documents(shared, corpus) for corpus in {r["corpus"] for r in records}}
    return {r["sid"]: docs[r["corpus"]][r["doc"]].published for r in records}


def code_sentences(
    folds_dir: Path,
    sentences: list[tc.Sentence],
    published: dict[str, str | None],
    lede_threshold: float | None = None,
    coder: str = "learned",
    gate: bool = True,
) -> list[dict[str, Any]]:
    """Each random-round real sentence with the events its fold's models write (or, with
    ``coder="dictionary"``, the dictionary coder, which trained on none of them), each coded
    with its story's date from ``published`` (``published_dates``, read once per run), with
    the shipped model's sentence gate unless ``gate`` is False."""
    folds, representative = fold_of(sentences), tc.sampled_at_random()
    offset = [0]
    rows = []
    shipped = shipped_settings() if gate else {}
    for k in range(FOLDS):
        folder = folds_dir / f"fold{k}"
        settings = dict(shipped)
        if lede_threshold is not None:
            settings["threshold"] = lede_threshold
        name = f"lede{lede_threshold}-{'gate' if gate else 'nogate'}"
        folder = _variant(folder, name, settings, () if gate else td.GATE_KEYS)
        load_classifier.cache_clear()
        load_ranker.cache_clear()
        config = CoderConfig(coder=coder, model=str(folder))
        with placed_at(offset):
            for s in sentences:
                if folds[s.id] != k or s.id not in representative:
                    continue
                offset[0] = s.offset
                coded = extract(s.text, published=published.get(s.id), config=config)
                events = [scored_event(e) for e in result_to_json(coded)["events"]]
                rows.append({"sid": s.id, "offset": s.offset, "text": s.text, "gold": s.events,
                             "events": events})  # fmt: skip
    return rows


def shipped_settings() -> dict[str, Any]:
    """The shipped model's sentence gate (if it has one), for the fold models to code with."""
    meta = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return {k: meta[k] for k in td.GATE_KEYS if k in meta}


def _variant(folder: Path, name: str, settings: dict[str, Any], drop: tuple[str, ...]) -> Path:
    """A copy of a fold's models whose model.json has ``settings`` and lacks ``drop``."""
    variant = folder.parent / f"{folder.name}-{name}"
    variant.mkdir(exist_ok=True)
    for name_ in ("model.npz", "roles.npz", "roles.json", WEIGHTS):
        if (folder / name_).exists():
            shutil.copy(folder / name_, variant)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta = {k: v for k, v in {**meta, **settings}.items() if k not in drop}
    (variant / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    return variant


Judged = tuple[dict[str, Any], dict[str, Any], Judgment]  # sentence, event, its judgment


def _banded(
    items: list[Judged], value: Callable[[dict[str, Any], dict[str, Any]], float],
    bands: tuple[float, ...],
) -> dict[str, Any]:  # fmt: skip
    out = {}
    for low, high in zip(bands, (*bands[1:], float("inf")), strict=True):
        out[f">={low}"] = precision([j for r, e, j in items if low <= value(r, e) < high])
    return out


def report(rows: list[dict[str, Any]]) -> dict[str, Any]:
    items = [(r, e, judged(r["text"], e, r["gold"])) for r in rows for e in r["events"]]
    gold = sum(len(r["gold"]) for r in rows)
    found = sum(
        any(all(judged(r["text"], e, [g])) for e in r["events"]) for r in rows for g in r["gold"]
    )
    return {
        "sentences": len(rows),
        "gold_events": gold,
        "whole_event_recall": round(found / gold, 3) if gold else None,
        "all": precision([j for _, _, j in items]),
        "actor_codes": code_agreement(
            [
                pair
                for r in rows
                for e in r["events"]
                for pair in coded_pairs(r["text"], e, r["gold"])
            ]
        ),
        "by_confidence": _banded(items, lambda r, e: e["confidence"] or 0.0, CONFIDENCE_BANDS),
        "by_position": _banded(items, lambda r, e: r["offset"], (0, *POSITION_STEPS)),
        "by_kind": _by_kind(items),
    }


def _by_kind(items: list[Judged]) -> dict[str, Any]:
    """By CAMEO root, and by whether the event names a target: where the errors gather."""
    kinds: dict[str, list[Judgment]] = {}
    for _, e, judgment in items:
        target = "with target" if e["target"] is not None else "no target"
        for kind in (f"root {e['cameo'][:2]}", f"root {e['cameo'][:2]}, {target}"):
            kinds.setdefault(kind, []).append(judgment)
    return {kind: precision(kinds[kind]) for kind in sorted(kinds)}


def marginal(base: list[dict[str, Any]], variant: list[dict[str, Any]]) -> dict[str, Any]:
    """The events one coding writes and the other does not, each side judged."""
    added, removed = [], []
    for old, new in zip(base, variant, strict=True):
        was, now = {_key(e) for e in old["events"]}, {_key(e) for e in new["events"]}
        added += [judged(new["text"], e, new["gold"]) for e in new["events"] if _key(e) not in was]
        removed += [
            judged(old["text"], e, old["gold"]) for e in old["events"] if _key(e) not in now
        ]
    return {"added": precision(added), "removed": precision(removed)}


def _key(e: dict[str, Any]) -> str:
    return json.dumps([e["cameo"], e["span"], e["source"], e["target"]])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--folds", type=Path, required=True, help="fold models: written or reused")
    ap.add_argument("--lede-threshold", type=float, nargs="*", default=[])
    ap.add_argument("--dictionary", action="store_true", help="also score the dictionary coder")
    args = ap.parse_args()
    sentences = tc.seeded_sentences(args.shared)
    if not all((args.folds / f"fold{k}" / "roles.json").exists() for k in range(FOLDS)):
        train_folds(args.shared, args.folds, sentences)
    elif not all((args.folds / f"fold{k}" / WEIGHTS).exists() for k in range(FOLDS)):
        train_gates(args.shared, args.folds, sentences)  # folds from before the gate
    published = published_dates(args.shared)
    base = code_sentences(args.folds, sentences, published)
    out: dict[str, Any] = {"shipped_thresholds": report(base)}
    if shipped_settings():
        ungated = code_sentences(args.folds, sentences, published, gate=False)
        out["without_gate"] = {**report(ungated), "marginal": marginal(ungated, base)}
    if args.dictionary:
        out["dictionary_coder"] = report(
            code_sentences(args.folds, sentences, published, coder="dictionary")
        )
    for t in args.lede_threshold:
        variant = code_sentences(args.folds, sentences, published, t)
        out[f"lede_threshold_{t}"] = {**report(variant), "marginal": marginal(base, variant)}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
