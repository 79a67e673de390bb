#!/usr/bin/env python3
"""Train the sentence gate (``eventwire.events.gate``) beside a trained event model.

The gate's detector is a logistic model over a sentence's hashed words and word pairs, trained
on whether each of our sentences holds an event, plus the dev half's sentences (each reports an
event) counted ``DEV_WEIGHT`` times, as the event model counts them. Its probability is joined
with the likeliest candidate's event probability by a two-input logistic model fitted on
out-of-fold predictions of both on our randomly drawn real sentences (the detector's folds
grouped by story, so that a sentence's neighbours never vouch for it). Two lines on the joined
score are chosen together: below the veto, the sentence codes nothing; from the rescue up, its
likeliest candidate is coded even under its own threshold. The rule: the gate may not cost
precision. Among the (veto, rescue) pairs tried whose cross-validated precision on our real
sentences (one event per sentence and root) is at least the ungated coder's (and
``--min-precision``), the best cross-validated dev macro-F1; further into a story the veto is
raised where the precision there falls below ``--min-precision``, as the event thresholds are.

    python tools/train_detector.py --real-folds DIR --dev-folds DIR --role-folds RF
                                   [--shared ../shared] [--out src/eventwire/data/coder]

``--real-folds``: ``real_event_cv.py``'s fold models (an event model per fifth of our
sentences); ``--dev-folds`` and ``--role-folds``: ``train_coder.py --keep-folds`` and
``train_roles.py --keep-folds``'s (the recipe in the README). The event model in ``--out`` is
kept; its model.json gains the gate and sentence.npz is written beside it. Each dev fold's
detector and the gate go into ``--dev-folds`` too, so ``tools/devcv.py`` scores with the gate.
Run it again whenever ``train_coder.py`` rewrites model.json.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_coder as tc  # noqa: E402
from annotate import annotated_records  # noqa: E402

from eventwire.eval.realnews import GOLD, read_rows  # noqa: E402
from eventwire.events.candidates import POSITION_STEPS  # noqa: E402
from eventwire.events.classify import NONE, EventClassifier  # noqa: E402
from eventwire.events.gate import WEIGHTS, join, logit, sentence_grams, verdict  # noqa: E402

BITS = 20
C = 0.5
DEV_WEIGHT = 12  # as the event model's recipe counts the dev half
FOLDS = 5
GATE_KEYS = ("joiner", "gate", "gates_by_position", "rescue", "sentence_hash_bits")
VETOES = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75)
RESCUES = (None, 0.7, 0.8, 0.9)
Gate = tuple[float, float | None]  # the veto line, and the rescue line (None: no rescue)
GRID: list[Gate] = [(v, r) for r in RESCUES for v in VETOES]


@dataclass
class Detector:
    rows: np.ndarray  # the hashed columns training saw
    weights: np.ndarray
    bias: float

    def probability(self, x: sparse.csr_matrix) -> np.ndarray:
        z = x[:, self.rows] @ self.weights + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-z)))


def gram_matrix(texts: list[str]) -> sparse.csr_matrix:
    """One row per sentence: 1 at each of its hashed words and word pairs."""
    return tc.hashed_rows([sentence_grams(t) for t in texts], BITS)


def train_detector(x: sparse.csr_matrix, y: np.ndarray) -> Detector:
    used = np.unique(x.indices)
    model = LogisticRegression(C=C, max_iter=3000, random_state=tc.SEED)
    model.fit(x[:, used], y)
    return Detector(
        used.astype(np.int32), model.coef_[0].astype(np.float32), float(model.intercept_[0])
    )


def with_dev(
    x: sparse.csr_matrix, y: np.ndarray, dev: sparse.csr_matrix
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Our sentences and the dev half's (every one an event), each dev sentence counted
    ``DEV_WEIGHT`` times."""
    xs = sparse.vstack([x] + [dev] * DEV_WEIGHT, format="csr")
    return xs, np.concatenate([y, np.ones(dev.shape[0] * DEV_WEIGHT, dtype=bool)])


def save_detector(folder: Path, det: Detector) -> None:
    np.savez_compressed(
        folder / WEIGHTS,
        rows=det.rows,
        w=det.weights.astype(np.float16),
        b=np.float32(det.bias),
    )


def story_folds(sentences: list[tc.Sentence]) -> dict[str, int]:
    """Each sentence's fold, a story's sentences all in one (a written sentence is its own)."""
    story = {r["sid"]: f"{r['corpus']}:{r['doc']}" for r in annotated_records()}
    folds = tc.seeded_folds({story.get(s.id, s.id) for s in sentences}, FOLDS)
    return {s.id: folds[story.get(s.id, s.id)] for s in sentences}


def detector_data(
    shared: Path, sentences: list[tc.Sentence]
) -> tuple[sparse.csr_matrix, np.ndarray, sparse.csr_matrix]:
    """Our sentences' rows and whether each holds an event, and the dev half's rows."""
    x = gram_matrix([s.text for s in sentences])
    y = np.array([bool(s.events) for s in sentences])
    return x, y, gram_matrix([text for text, _ in read_rows(shared / GOLD)])


def fold_detectors(
    x: sparse.csr_matrix, y: np.ndarray, dev: sparse.csr_matrix, fold: np.ndarray
) -> Iterator[tuple[int, Detector]]:
    """Each fold's detector, trained without that fold's sentences (the dev half in all)."""
    for k in range(FOLDS):
        yield k, train_detector(*with_dev(x[fold != k], y[fold != k], dev))
        print(f"detector fold {k + 1}/{FOLDS}", file=sys.stderr)


def out_of_fold(
    x: sparse.csr_matrix, y: np.ndarray, dev: sparse.csr_matrix, fold: np.ndarray
) -> np.ndarray:
    """Each of our sentences' detector probability from a detector trained without its fold."""
    p = np.zeros(x.shape[0])
    for k, det in fold_detectors(x, y, dev, fold):
        p[fold == k] = det.probability(x[fold == k])
    return p


@dataclass
class Candidates:
    """One real sentence's candidates under an event model that never saw it."""

    sid: str
    offset: int
    gold: set[str]  # the roots of its gold events that a candidate lies on
    p_event: list[float]
    roots: list[str]  # each candidate's likeliest root


def real_candidates(
    shared: Path, sentences: list[tc.Sentence], real_folds: Path
) -> list[Candidates]:
    """Our randomly drawn real sentences' candidates, each scored by the fold model of
    ``real_event_cv.py`` that did not train on it."""
    representative = tc.sampled_at_random()
    real = [s for s in sentences if s.id in representative]
    fold_of = tc.seeded_folds({s.id for s in sentences}, FOLDS)  # real_event_cv's split
    models = [EventClassifier(real_folds / f"fold{k}") for k in range(FOLDS)]
    docs = tc.parse_all(real)
    examples, _, _ = tc.build_examples(real, docs, models[0].trigger_nouns, None)
    by_sid: dict[str, Candidates] = {s.id: Candidates(s.id, s.offset, set(), [], []) for s in real}
    for k, model in enumerate(models):
        mine = [ex for ex in examples if fold_of[ex.sid] == k]
        if not mine:
            continue
        p_root, _ = model.event_probabilities([ex.features for ex in mine])
        none = model.roots.index(NONE)
        for ex, row in zip(mine, p_root, strict=True):
            c = by_sid[ex.sid]
            ranked = row.copy()
            ranked[none] = -1
            c.p_event.append(1 - float(row[none]))
            c.roots.append(model.roots[int(ranked.argmax())])
            if ex.root != NONE:
                c.gold.add(ex.root)
    return [c for c in by_sid.values() if c.p_event]


def fit_joiner(cands: list[Candidates], p_sentence: dict[str, float]) -> list[float]:
    """a, b, c of ``sigmoid(a*logit(p_best) + b*logit(p_sentence) + c)``: does the sentence
    hold an event its candidates reach."""
    x = np.array([[logit(max(c.p_event)), logit(p_sentence[c.sid])] for c in cands])
    y = np.array([bool(c.gold) for c in cands])
    model = LogisticRegression().fit(x, y)
    return [float(model.coef_[0][0]), float(model.coef_[0][1]), float(model.intercept_[0])]


def coded_roots(c: Candidates, g: float, gate: Gate | None, model: EventClassifier) -> set[str]:
    """The roots ``extract`` would code in the sentence, before its rules, as
    ``SentenceGate.verdict`` decides: vetoed, none; rescued, the likeliest candidate's too."""
    t = model.threshold_at(c.offset)
    out = {r for p, r in zip(c.p_event, c.roots, strict=True) if p >= t}
    if gate is None:
        return out
    said = verdict(g, *gate)
    if said == "veto":
        return set()
    if said == "rescue":
        out.add(c.roots[int(np.argmax(c.p_event))])
    return out


def sentence_scores(coded: dict[str, set[str]], cands: list[Candidates]) -> dict[str, Any]:
    gold = {(c.sid, r) for c in cands for r in c.gold}
    emitted = {(sid, r) for sid, roots in coded.items() for r in roots}
    right = len(emitted & gold)
    return {
        "sentence_roots": len(emitted),
        "sentence_root_precision": round(right / len(emitted), 3) if emitted else 0.0,
        "sentence_root_recall": round(right / len(gold), 3) if gold else 0.0,
    }


def name(gate: Gate) -> str:
    return f"veto {gate[0]}, rescue {gate[1]}"


def real_report(
    cands: list[Candidates], g: dict[str, float], model: EventClassifier
) -> dict[str, Any]:
    """Cross-validated precision and recall on our real sentences without a gate and with each
    (veto, rescue), overall and, per rescue, by place in the story (the shape
    ``train_coder.position_thresholds`` reads), and the events each adds to and takes from
    today's decisions."""
    base = {c.sid: coded_roots(c, g[c.sid], None, model) for c in cands}
    before = {(s, r) for s, roots in base.items() for r in roots}
    gold = {(c.sid, r) for c in cands for r in c.gold}
    report: dict[str, Any] = {"none": sentence_scores(base, cands), "by_gate": {}}
    bands = (0, *POSITION_STEPS)
    report["by_position"] = {str(r): {str(b): {} for b in bands} for r in RESCUES}
    for gate in GRID:
        coded = {c.sid: coded_roots(c, g[c.sid], gate, model) for c in cands}
        after = {(s, r) for s, roots in coded.items() for r in roots}
        added, removed = after - before, before - after
        report["by_gate"][name(gate)] = {
            **sentence_scores(coded, cands),
            "added": [len(added), round(len(added & gold) / max(len(added), 1), 3)],
            "removed": [len(removed), round(len(removed & gold) / max(len(removed), 1), 3)],
        }
        for start, end in zip(bands, (*bands[1:], sys.maxsize), strict=True):
            part = [c for c in cands if start <= c.offset < end]
            report["by_position"][str(gate[1])][str(start)][str(gate[0])] = sentence_scores(
                {c.sid: coded[c.sid] for c in part}, part
            )
    return report


def dev_report(
    shared: Path,
    x: sparse.csr_matrix,
    y: np.ndarray,
    dev: sparse.csr_matrix,
    dev_folds: Path,
    role_folds: Path,
    settings: dict[str, Any],
) -> dict[str, Any]:
    """The dev half through ``extract`` with each (veto, rescue), each sentence coded by the
    event model, role model and detector of its dev fold (none of which saw it). Each fold's
    detector is also written into its folder of ``dev_folds`` (see ``keep_gate``)."""
    fold_of = {
        int(i): k
        for i, k in json.loads((dev_folds / "fold_of.json").read_text(encoding="utf-8")).items()
    }
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for k in range(FOLDS):
            folder = Path(tmp) / f"fold{k}"
            folder.mkdir()
            for file in ("model.npz", "model.json"):
                shutil.copy(dev_folds / f"fold{k}" / file, folder)
            keep = np.array([fold_of[i] != k for i in range(dev.shape[0])])
            save_detector(dev_folds / f"fold{k}", train_detector(*with_dev(x, y, dev[keep])))
            shutil.copy(dev_folds / f"fold{k}" / WEIGHTS, folder)
            folders.append(folder)
            print(f"dev fold {k + 1}/{FOLDS}: detector trained", file=sys.stderr)
        for rescue in RESCUES:
            scores = tc.score_folds(
                shared,
                folders,
                fold_of,
                list(VETOES),
                role_folds,
                key="gate",
                fixed={**settings, "rescue": rescue},
            )
            for veto, score in scores.items():
                report[name((float(veto), rescue))] = score
    return report


def choose(real: dict[str, Any], dev_cv: dict[str, Any], min_precision: float) -> Gate:
    """The gate may not cost precision: among the (veto, rescue) whose cross-validated
    precision on our real sentences is at least the ungated coder's (and ``min_precision``),
    the best cross-validated dev macro-F1."""
    floor = max(real["none"]["sentence_root_precision"], min_precision)
    precise = [g for g in GRID if real["by_gate"][name(g)]["sentence_root_precision"] >= floor]
    if not precise:
        sys.exit(f"no gate keeps precision {floor} on our real sentences")
    return max(precise, key=lambda g: dev_cv[name(g)]["macro_f1"])


def keep_gate(dev_folds: Path, gate: dict[str, Any]) -> None:
    """The chosen gate into each dev fold's model.json, beside its detector, so that
    ``tools/devcv.py`` scores later changes with the gate as shipped."""
    for folder in sorted(dev_folds.glob("fold[0-9]*")):
        meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        (folder / "model.json").write_text(json.dumps({**meta, **gate}), encoding="utf-8")


def main() -> None:
    ap = tc.arguments(__doc__)
    ap.add_argument("--real-folds", type=Path, required=True)
    ap.add_argument("--dev-folds", type=Path, required=True)
    ap.add_argument("--role-folds", type=Path, required=True)
    ap.add_argument("--min-precision", type=float, default=0.75)
    args = ap.parse_args()
    sentences = tc.seeded_sentences(args.shared)
    x, y, dev = detector_data(args.shared, sentences)
    stories = story_folds(sentences)
    p = out_of_fold(x, y, dev, np.array([stories[s.id] for s in sentences]))
    p_sentence = {s.id: float(v) for s, v in zip(sentences, p, strict=True)}
    cands = real_candidates(args.shared, sentences, args.real_folds)
    truth = [bool(c.gold) for c in cands]
    joiner = fit_joiner(cands, p_sentence)
    a, b, c_ = joiner
    g = {c.sid: join((a, b, c_), max(c.p_event), p_sentence[c.sid]) for c in cands}
    auc = {
        "candidate": round(roc_auc_score(truth, [max(c.p_event) for c in cands]), 4),
        "sentence": round(roc_auc_score(truth, [p_sentence[c.sid] for c in cands]), 4),
        "joined": round(roc_auc_score(truth, [g[c.sid] for c in cands]), 4),
    }
    print(f"joiner {joiner}, AUC {auc}", file=sys.stderr)
    meta_path = args.out / "model.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    model = EventClassifier(args.out)  # its thresholds: today's decisions
    real = real_report(cands, g, model)
    print(json.dumps({k: v for k, v in real.items() if k != "by_position"}), file=sys.stderr)
    settings = {"threshold": meta["threshold"], "joiner": joiner, "sentence_hash_bits": BITS}
    dev_cv = dev_report(args.shared, x, y, dev, args.dev_folds, args.role_folds, settings)
    for gate, score in dev_cv.items():
        print(gate, {k: v for k, v in score.items() if k != "confusion"}, file=sys.stderr)
    gate = choose(real, dev_cv, args.min_precision)
    by_position = tc.position_thresholds(
        real["by_position"][str(gate[1])], gate[0], args.min_precision
    )
    print(f"{name(gate)}, by position {by_position}", file=sys.stderr)
    final = train_detector(*with_dev(x, y, dev))
    save_detector(args.out, final)
    digest = hashlib.sha256()
    for s in sentences:
        digest.update(json.dumps([s.id, s.text, bool(s.events)]).encode())
    meta.update(
        sentence_hash_bits=BITS,
        joiner=joiner,
        gate=by_position[0][1],
        gates_by_position=by_position[1:],
        rescue=gate[1],
    )
    keep_gate(args.dev_folds, {k: meta[k] for k in GATE_KEYS})
    meta["training"]["gate"] = {
        "rule": f"best cross-validated dev macro-F1 among (veto, rescue) whose real-sentence "
        f"precision is at least the ungated coder's and {args.min_precision}; past a story's "
        f"first {POSITION_STEPS[0]} characters, the veto raised where the precision there "
        f"falls below {args.min_precision}",
        "chosen": name(gate),
        "sentences": len(sentences),
        "dev_weight": DEV_WEIGHT,
        "c": C,
        "data_sha256": digest.hexdigest(),
        "auc_real_sentences": auc,
        "real_sentences": {k: v for k, v in real.items() if k != "by_position"},
        "dev_cv": {t: {k: v for k, v in s.items() if k != "confusion"} for t, s in dev_cv.items()},
    }
    # what ``eventwire eval realnews`` reports as the shipped coder's cross-validated figures
    meta["training"]["dev_cv"][str(meta["threshold"])] = dev_cv[name(gate)]
    roles = hashlib.sha256((args.out / "roles.npz").read_bytes()).hexdigest()
    meta["training"]["dev_cv_roles_sha256"] = roles
    meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out / WEIGHTS} and the gate into {meta_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
