#!/usr/bin/env python3
"""Train the learned event coder from the project's own data (fixed seed, reproducible).

Reads data/training/written/*.jsonl (our sentences, CC0) and data/training/annotated/a*.jsonl
(labels on real sentences, whose text is read from ../shared by id and offsets). Every sentence
goes through the same path as ``eventwire extract`` (cleaning, spaCy, actor resolution); the
candidates of ``eventwire.events.candidates`` become the examples: a candidate whose token lies
on a gold trigger takes that event's code, every other candidate is "no event".

    python tools/train_coder.py [--shared ../shared] [--encoder minilm-l6-int8|none]
                                [--cv 5] [--out src/eventwire/data/coder]

``--cv`` reports 5-fold cross-validated figures on the training data itself (folds by sentence)
before fitting the shipped model on everything. Writes model.npz and model.json. Round 4's
uncertain sentences join the training data only with ``--uncertain`` (measured, not shipped).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from annotate import annotated_records, pool, records
from annotation_pool import UNCERTAIN_BATCHES
from candidate_labels import gold_of_candidates, support_partners, trigger_words
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from eventwire.actors.found import actors_of
from eventwire.actors.kb import knowledge_base
from eventwire.actors.resolve import resolve_actors
from eventwire.api import record_from_mapping
from eventwire.casing import body_case
from eventwire.config import DEFAULT, CoderConfig
from eventwire.eval.corpora import documents
from eventwire.eval.realnews import (
    GOLD,
    extract_outputs,
    group,
    read_rows,
    read_spans,
    score_outputs,
)
from eventwire.events.candidates import (
    POSITION_STEPS,
    candidate_tokens,
    features,
    sentence_context,
)
from eventwire.events.classify import NONE, load_classifier
from eventwire.events.encoder import load_encoder
from eventwire.events.extract import dictionary_hint
from eventwire.events.gate import WEIGHTS
from eventwire.events.hashed import feature_indices
from eventwire.events.role_ranker import load_ranker
from eventwire.ingest import ArticleOptions, Failure, build_article
from eventwire.ingest.clean import clean_body
from eventwire.model import ArticleResult
from eventwire.nlp import load_nlp
from eventwire.pipeline import sentences_and_mentions

SEED = 13
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "training"
HASH_BITS = 18
MIN_TRIGGER_NOUN = 2  # a noun is a trigger candidate once it is a gold trigger this often
THRESHOLDS = (0.06, 0.12, 0.2, 0.3, 0.4, 0.45, 0.5, 0.6)  # scored by both cross-validations
LATE_THRESHOLDS = (0.7, 0.8, 0.9)  # also tried for the sentences further into a story
OPTIONS = ArticleOptions(check_language=False)  # a short sentence is no language sample


@dataclass
class Sentence:
    id: str
    text: str
    events: list[dict[str, Any]]  # offsets relative to text
    group: str  # CV fold key
    dev_group: int | None = None  # a dev sentence: the ConfliBERT group of its main event
    offset: int = 0  # where the text starts in its article (annotated real sentences)


@dataclass
class Example:
    sid: str
    features: list[str]
    root: str
    code: str | None
    dense: np.ndarray | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def load_sentences(shared: Path) -> list[Sentence]:
    out = [Sentence(r["id"], r["text"], r["events"], r["id"]) for r in records(DATA / "written")]
    for r in annotated_records():
        text = documents(shared, r["corpus"])[r["doc"]].text[r["start"] : r["end"]]
        if not clean_body(text).text:  # all site furniture ("Tags Syria Raqqa …")
            if r["events"]:
                sys.exit(f"{r['sid']}: events labelled on text the cleaner cuts whole")
            print(f"{r['sid']}: skipped, site furniture only", file=sys.stderr)
            continue
        events = []
        for e in r["events"]:
            e = dict(e)
            for key in ("trigger", "source", "target"):
                if e.get(key):
                    e[key] = [e[key][0] - r["start"], e[key][1] - r["start"]]
            events.append(e)
        out.append(Sentence(r["sid"], text, events, r["sid"], offset=r["start"]))
    return out


ROOTS = [f"{r:02d}" for r in range(1, 21)]
GROUP_ROOTS = {g: tuple(r for r in ROOTS if group(r + "0") == g) for g in range(5)}


def load_dev(shared: Path) -> list[Sentence]:
    """The dev half of the real wire sentences: each reports one main event of a known group."""
    rows = read_rows(shared / GOLD)
    return [
        Sentence(f"dev{i}", text, [], f"dev{i}", dev_group=label)
        for i, (text, label) in enumerate(rows)
    ]


def weak_labels(examples: list[Example], base: Fitted) -> list[Example]:
    """One example per dev sentence: its candidate most likely, by a model that never saw the
    dev half, to be an event of the sentence's group, labelled with that group's likeliest root.
    The sentence's other candidates stay unlabelled (left out): they may be events too."""
    by_sentence: dict[str, list[Example]] = {}
    for ex in examples:
        by_sentence.setdefault(ex.sid, []).append(ex)
    classes = list(base.classes_)
    chosen = []
    for rows in by_sentence.values():
        group_ = rows[0].meta["dev_group"]
        roots = [r for r in GROUP_ROOTS[group_] if r in classes]
        probs = base.predict_proba(matrix(rows))
        cols = [classes.index(r) for r in roots]
        in_group = probs[:, cols]
        best = int(in_group.sum(axis=1).argmax())
        root = roots[int(in_group[best].argmax())]
        ex = rows[best]
        chosen.append(Example(ex.sid, ex.features, root, root + "0", ex.dense, ex.meta))
    return chosen


def trigger_nouns(sentences: list[Sentence], docs: list[Any]) -> frozenset[str]:
    counts: Counter[str] = Counter()
    for s, (doc, article) in zip(sentences, docs, strict=False):
        for e in s.events:
            for tok in trigger_words(doc, article, e["trigger"]):
                if tok.pos_ == "NOUN":
                    counts[tok.lemma_.lower()] += 1
    return frozenset(n for n, c in counts.items() if c >= MIN_TRIGGER_NOUN)


def parse_all(sentences: list[Sentence]) -> list[tuple[Any, Any]]:
    nlp = load_nlp()
    articles = []
    for s in sentences:
        item = record_from_mapping({"id": s.id, "text": s.text, "published": "2010-01-01"}, s.id)
        article = build_article(item, OPTIONS)  # type: ignore[arg-type]
        if isinstance(article, Failure):
            sys.exit(f"{s.id}: {article}")
        articles.append(article)
    out = []
    kb = knowledge_base(DEFAULT)
    texts = (body_case(a.text, kb) for a in articles)  # as the pipeline reads them
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=32), strict=False):
        result = ArticleResult(article=article, input_id=article.id)
        sentences_and_mentions(doc, result, DEFAULT)
        resolve_actors(doc, result, DEFAULT)
        out.append((doc, article))
    return out


def build_examples(
    sentences: list[Sentence], docs: list[Any], nouns: frozenset[str], encoder: Any
) -> tuple[list[Example], int, int]:
    examples: list[Example] = []
    covered = missed = 0
    for s, (doc, article) in zip(sentences, docs, strict=False):
        found = actors_of(doc)
        gold = list(s.events)
        cands = []
        for sent in doc.sents:
            for tok, noun in candidate_tokens(sent, nouns):
                cands.append((sent, tok, noun))
        batch_spans = []
        rows = []
        labels, hit = gold_of_candidates(doc, article, [tok for _, tok, _ in cands], gold)
        left_out = support_partners([tok for _, tok, _ in cands], labels) if gold else set()
        # what a sentence's candidates share, once per sentence, as ``learned.decide`` does
        contexts = {sent.start: sentence_context(sent, found, s.offset) for sent in doc.sents}
        for n, ((sent, tok, noun), label) in enumerate(zip(cands, labels, strict=True)):
            if n in left_out:
                continue
            hint = dictionary_hint(tok, noun, found)
            feats = features(tok, sent, found, hint, noun, contexts[sent.start])
            root = label["cameo"][:2] if label else NONE
            code = label["cameo"][:3] if label else None
            meta = {"group": s.group, "dev_group": s.dev_group, "offset": s.offset}
            rows.append(Example(s.id, feats, root, code, meta=meta))
            batch_spans.append((tok.idx, tok.idx + len(tok)))
        if encoder is not None and rows:
            enc = encoder.encode([doc.text], [batch_spans])[0]
            for ex, vec in zip(rows, enc.spans, strict=False):
                ex.dense = np.concatenate([enc.sentence, vec])
        examples.extend(rows)
        covered += len(hit)
        missed += len(gold) - len(hit)
    return examples, covered, missed


def feature_matrix(rows: list[list[str]]) -> sparse.csr_matrix:
    """One row per example: 1 at each of its hashed features."""
    return hashed_rows(rows, HASH_BITS)


def hashed_rows(rows: list[list[str]], bits: int) -> sparse.csr_matrix:
    """One row per list of features: 1 at each of their columns hashed to ``bits`` bits."""
    indptr, indices = [0], []
    for features_ in rows:
        indices.extend(np.unique(feature_indices(features_, bits)).tolist())
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), 1 << bits))


def matrix(examples: list[Example]) -> sparse.csr_matrix:
    x = feature_matrix([ex.features for ex in examples])
    if examples and examples[0].dense is not None:
        dense = np.stack([ex.dense for ex in examples])  # type: ignore[misc]
        x = sparse.hstack([x, sparse.csr_matrix(dense)], format="csr")
    return x


class Fitted:
    """A logistic regression fitted on the columns the data uses, expanded back to all."""

    def __init__(self, x: sparse.csr_matrix, y: list[str], c: float) -> None:
        self.used = np.unique(x.indices)
        self.width = x.shape[1]
        self.model = LogisticRegression(C=c, max_iter=500, random_state=SEED)
        self.model.fit(x[:, self.used], y)
        self.classes_ = self.model.classes_
        self.intercept_ = self.model.intercept_
        coef = np.zeros((len(self.classes_), self.width), dtype=np.float32)
        coef[:, self.used] = self.model.coef_
        self.coef_ = coef

    def predict(self, x: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(self.model.predict(x[:, self.used]))

    def predict_proba(self, x: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(self.model.predict_proba(x[:, self.used]))


def fit(x: sparse.csr_matrix, y: list[str], c: float) -> Fitted:
    return Fitted(x, y, c)


def uncertain_sids() -> set[str]:
    """Round 4's sentences, chosen because a model was unsure of them."""
    return {r["sid"] for r in pool() if r["batch"] in UNCERTAIN_BATCHES}


@cache
def sampled_at_random() -> frozenset[str]:
    """The pool sentences drawn at random (rounds 1-3, 5, 6). The real-sentence precision that sets
    the threshold is measured on these alone: round 4's were chosen because the model was
    unsure of them, so they stand for hard cases, not for the news a user codes."""
    return frozenset(r["sid"] for r in pool() if r["batch"] not in UNCERTAIN_BATCHES)


def _precision_by_root(emitted: list[tuple[str, str]]) -> dict[str, list[float]]:
    """Per predicted root: how many events the model emits and the share whose root is right,
    so a root that is often wrong at the threshold shows."""
    out: dict[str, list[float]] = {}
    for root in sorted({r for _, r in emitted}):
        mine = [g for g, r in emitted if r == root]
        out[root] = [len(mine), round(sum(g == root for g in mine) / len(mine), 3)]
    return out


def cross_validate(
    examples: list[Example], folds: int, c: float, extra: list[Example]
) -> dict[str, Any]:
    """k-fold CV over our own sentences; ``extra`` (the dev half's weak examples, as the shipped
    model gets them) is in every fold's training and never scored."""
    representative = sampled_at_random()
    fold_of = seeded_folds({ex.meta["group"] for ex in examples}, folds)
    gold, pred = [], []
    # real: gold root, P(event), best root, sentence, where the sentence starts in its story
    real: list[tuple[str, float, str, str, int]] = []
    for k in range(folds):
        train = [ex for ex in examples if fold_of[ex.meta["group"]] != k] + extra
        test = [ex for ex in examples if fold_of[ex.meta["group"]] == k]
        model = fit(matrix(train), [ex.root for ex in train], c)
        gold += [ex.root for ex in test]
        pred += list(model.predict(matrix(test)))
        probs = model.predict_proba(matrix(test))
        classes = list(model.classes_)
        none = classes.index(NONE)
        for ex, row in zip(test, probs, strict=False):
            if ex.sid in representative:
                ranked = row.copy()
                ranked[none] = -1
                real.append(
                    (
                        ex.root,
                        1 - float(row[none]),
                        classes[int(ranked.argmax())],
                        ex.sid,
                        ex.meta["offset"],
                    )
                )
    by_threshold = {}
    for t in THRESHOLDS:
        emitted = [(g, r) for g, p, r, _, _ in real if p >= t]
        right = sum(g == r for g, r in emitted)
        n_gold = sum(g != NONE for g, _, _, _, _ in real)
        by_threshold[str(t)] = {
            "events": len(emitted),
            "root_precision": round(right / len(emitted), 3) if emitted else 0.0,
            "recall": round(right / n_gold, 3) if n_gold else 0.0,
            **_sentence_roots(real, t),
            "by_root": _precision_by_root(emitted),
        }
    bands = (0, *POSITION_STEPS)
    by_position = {
        str(start): {
            str(t): _sentence_roots([r for r in real if start <= r[4] < end], t)
            for t in THRESHOLDS + LATE_THRESHOLDS
        }
        for start, end in zip(bands, (*bands[1:], sys.maxsize), strict=True)
    }
    labels = sorted(set(gold) - {NONE})
    tp = sum(g == p != NONE for g, p in zip(gold, pred, strict=False))
    n_pred = sum(p != NONE for p in pred)
    n_gold = sum(g != NONE for g in gold)
    det_tp = sum(g != NONE and p != NONE for g, p in zip(gold, pred, strict=False))
    f1 = []
    for lab in labels:
        t = sum(g == p == lab for g, p in zip(gold, pred, strict=False))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred, strict=False))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=False))
        f1.append(2 * t / (2 * t + fp + fn) if t else 0.0)
    return {
        "candidates": len(gold),
        "event_precision": round(tp / n_pred, 3) if n_pred else 0.0,
        "event_recall": round(tp / n_gold, 3) if n_gold else 0.0,
        "detection_precision": round(det_tp / n_pred, 3) if n_pred else 0.0,
        "detection_recall": round(det_tp / n_gold, 3) if n_gold else 0.0,
        "root_macro_f1": round(sum(f1) / len(f1), 3) if f1 else 0.0,
        "real_sentences_by_threshold": by_threshold,
        "real_sentences_by_position": by_position,
    }


def _sentence_roots(real: list[tuple[str, float, str, str, int]], t: float) -> dict[str, Any]:
    """Precision and recall as ``extract`` reports events: one per sentence and root."""
    gold_roots = {(sid, g) for g, _, _, sid, _ in real if g != NONE}
    coded = {(sid, r) for _, p, r, sid, _ in real if p >= t}
    right = len(coded & gold_roots)
    return {
        "sentence_roots": len(coded),
        "sentence_root_precision": round(right / len(coded), 3) if coded else 0.0,
        "sentence_root_recall": round(right / len(gold_roots), 3) if gold_roots else 0.0,
    }


def position_thresholds(
    by_position: dict[str, dict[str, dict[str, Any]]], threshold: float, floor: float
) -> list[list[float]]:
    """The threshold for each part of a story: ``threshold`` (chosen over all our real
    sentences), raised in a part where the cross-validated precision of our real sentences
    there falls below ``floor`` to the lowest that reaches it, and never below the part before;
    a part that never reaches it gets the highest threshold tried. Later sentences tell
    background more often, so the same precision needs a surer model there."""
    out: list[list[float]] = []
    for start, scores in by_position.items():
        tried = sorted(float(t) for t in scores if float(t) >= threshold)
        precise = [t for t in tried if scores[str(t)]["sentence_root_precision"] >= floor]
        threshold = precise[0] if precise else tried[-1]
        out.append([int(start), threshold])
    return out


def train_models(examples: list[Example], c: float) -> tuple[Fitted, Fitted, int]:
    """The root model (no event or one of the roots) and the code model (on events only)."""
    x = matrix(examples)
    root_model = fit(x, [ex.root for ex in examples], c)
    positives = [i for i, ex in enumerate(examples) if ex.code]
    code_model = fit(x[positives], [examples[i].code for i in positives], c)  # type: ignore[misc]
    return root_model, code_model, len(positives)


def save(
    out: Path,
    models: tuple[Fitted, Fitted, int],
    encoder: Any,
    nouns: frozenset[str],
    threshold: float,
    info: dict[str, Any],
    by_position: list[list[float]] | None = None,
) -> None:
    """Write model.npz and model.json (``by_position``: the thresholds further into a story,
    as ``position_thresholds`` gives them)."""
    root_model, code_model, positives = models
    n_sparse = 1 << HASH_BITS
    # only the hashed features training saw have weights: keep those rows and their indices
    rows = np.union1d(root_model.used, code_model.used)
    rows = rows[rows < n_sparse].astype(np.int32)
    arrays = {
        "rows": rows,
        "w_root": root_model.coef_[:, rows].T.astype(np.float16),
        "b_root": root_model.intercept_.astype(np.float32),
        "w_code": code_model.coef_[:, rows].T.astype(np.float16),
        "b_code": code_model.intercept_.astype(np.float32),
    }
    if encoder is not None:
        arrays["d_root"] = root_model.coef_[:, n_sparse:].T.astype(np.float32)
        arrays["d_code"] = code_model.coef_[:, n_sparse:].T.astype(np.float32)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "model.npz", **arrays)
    meta = {
        "hash_bits": HASH_BITS,
        "encoder": encoder.name if encoder is not None else None,
        "threshold": threshold,
        **({"thresholds_by_position": by_position[1:]} if by_position else {}),
        "roots": [str(r) for r in root_model.classes_],
        "codes": [str(r) for r in code_model.classes_],
        "trigger_nouns": sorted(nouns),
        "training": {"events": positives, **info},
    }
    (out / "model.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


K = TypeVar("K", str, int)  # a fold key: a sentence id or a dev row


def seeded_folds(keys: Iterable[K], folds: int) -> dict[K, int]:
    """Each key's fold: the keys sorted, shuffled by the fixed seed and dealt in turn, so every
    run and every script that splits the same keys gets the same split."""
    order = sorted(set(keys))
    random.Random(SEED).shuffle(order)
    return {key: i % folds for i, key in enumerate(order)}


def dev_folds(n: int, folds: int) -> dict[int, int]:
    """Each dev sentence's fold (seeded): the same split for every run and every script."""
    return seeded_folds(range(n), folds)


def dev_cross_validation(
    shared: Path,
    examples: list[Example],
    weak: list[Example],
    folds: int,
    c: float,
    encoder: Any,
    nouns: frozenset[str],
    thresholds: list[float],
    keep: Path | None = None,
    role_folds: Path | None = None,
) -> dict[str, Any]:
    """The dev half scored through ``extract`` by models that never saw the scored sentence:
    fold k's sentences are coded by a model trained on our data and the other folds. Each
    threshold is scored (the first is the shipped one). With ``keep``, the fold models stay
    there, so that ``tools/devcv.py`` can score a later change of the rules without
    retraining."""
    fold_of = dev_folds(len(read_rows(shared / GOLD)), folds)
    with tempfile.TemporaryDirectory() as tmp:
        base = keep or Path(tmp)
        folders = [base / f"fold{k}" for k in range(folds)]
        for k, folder in enumerate(folders):
            train = examples + [ex for ex in weak if fold_of[int(ex.sid[3:])] != k]
            save(folder, train_models(train, c), encoder, nouns, thresholds[0], {})
            print(f"fold {k + 1}/{folds} trained", file=sys.stderr)
        (base / "fold_of.json").write_text(json.dumps(fold_of), encoding="utf-8")
        return score_folds(shared, folders, fold_of, thresholds, role_folds)


def role_models(role_folds: Path | None, folds: int) -> list[Path]:
    """The role model each dev fold is coded with: the fold's own from ``train_roles.py
    --keep-folds`` when the shipped one trained on the dev half (it saw every sentence),
    else the shipped one (which never saw the dev half)."""
    shipped = ROOT / "src" / "eventwire" / "data" / "coder"
    if role_folds is not None:
        return [role_folds / f"fold{k}" for k in range(folds)]
    meta = json.loads((shipped / "roles.json").read_text(encoding="utf-8"))
    if meta["training"].get("dev_weight"):
        sys.exit(
            "the shipped role model trained on the dev half: give its fold models "
            "(train_roles.py --keep-folds DIR, then --role-folds DIR) to score the dev dyad"
        )
    return [shipped] * folds


def score_folds(
    shared: Path,
    folders: list[Path],
    fold_of: dict[int, int],
    thresholds: list[float],
    role_folds: Path | None = None,
    key: str = "threshold",
    fixed: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The dev half through ``extract``, each sentence coded by the event model of its fold
    and a role model that never saw it (``role_models``), at each threshold (the value of
    model.json's ``key``, e.g. the sentence gate's; ``fixed``: other settings for every run)."""
    rows = read_rows(shared / GOLD)
    roles = role_models(role_folds, len(folders))
    outputs: dict[float, dict[int, dict[str, Any]]] = {t: {} for t in thresholds}
    for k, folder in enumerate(folders):
        test = [i for i in range(len(rows)) if fold_of[i] == k]
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("model.npz", "model.json", WEIGHTS):
                if (folder / name).exists():  # a sentence gate's weights, if any
                    shutil.copy(folder / name, tmp)
            for name in ("roles.npz", "roles.json"):
                shutil.copy(roles[k] / name, tmp)
            meta_path = Path(tmp) / "model.json"
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            for t in thresholds:
                setting = {**meta, **(fixed or {}), key: t}
                meta_path.write_text(json.dumps(setting), encoding="utf-8")
                load_classifier.cache_clear()
                load_ranker.cache_clear()
                config = CoderConfig(model=tmp)
                for i, out in zip(
                    test, extract_outputs([rows[i] for i in test], config), strict=False
                ):
                    outputs[t][i] = out
    spans = read_spans(shared / GOLD)
    report: dict[str, Any] = {}
    for t in thresholds:
        score = score_outputs(rows, [outputs[t][i] for i in range(len(rows))], spans)
        report[str(t)] = {**score.as_dict(), "confusion": score.confusion}
    return report


def seeded_sentences(shared: Path, uncertain: bool = False) -> list[Sentence]:
    """Fix the random seeds, then read the training sentences (both training scripts);
    round 4's uncertain sentences only with ``uncertain``."""
    random.seed(SEED)
    np.random.seed(SEED)
    sentences = load_sentences(shared)
    if uncertain:
        return sentences
    chosen_for_doubt = uncertain_sids()
    return [s for s in sentences if s.id not in chosen_for_doubt]


def arguments(doc: str | None) -> argparse.ArgumentParser:
    """The options both training scripts share."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "eventwire" / "data" / "coder")
    ap.add_argument(
        "--uncertain",
        action="store_true",
        help="also train on round 4's uncertain sentences (measured, not shipped: README)",
    )
    return ap


def main() -> None:
    ap = arguments(__doc__)
    ap.add_argument("--encoder", default="none")
    ap.add_argument("--cv", type=int, default=0, help="k-fold CV on our own data")
    ap.add_argument("--dev", action="store_true", help="also train on the dev half (weak labels)")
    ap.add_argument(
        "--dev-cv", type=int, default=0, help="k-fold CV of the dev half through extract"
    )
    ap.add_argument(
        "--dev-weight",
        type=int,
        default=1,
        help="each dev sentence's weak example counts this many times (the dev half is the "
        "only wire copy of the kind the held-out sets hold, and 666 of 18,000 sentences)",
    )
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument(
        "--min-precision",
        type=float,
        default=None,
        help="with --cv and --dev-cv: ship the threshold with the best cross-validated dev "
        "macro-F1 among those whose cross-validated precision on our real annotated "
        "sentences (one event per sentence and root) is at least this",
    )
    ap.add_argument(
        "--also-thresholds", type=float, nargs="*", default=[], help="also score these in dev CV"
    )
    ap.add_argument(
        "--keep-folds",
        type=Path,
        default=None,
        help="with --dev-cv: keep the fold models in this folder, for tools/devcv.py",
    )
    ap.add_argument(
        "--role-folds",
        type=Path,
        default=None,
        help="with --dev-cv: the role models per dev fold (train_roles.py --keep-folds)",
    )
    args = ap.parse_args()
    t0 = time.time()
    sentences = seeded_sentences(args.shared, args.uncertain)
    dev = load_dev(args.shared) if args.dev or args.dev_cv else []
    docs = parse_all(sentences + dev)
    ours_docs, dev_docs = docs[: len(sentences)], docs[len(sentences) :]
    nouns = trigger_nouns(sentences, ours_docs)
    encoder = load_encoder(args.encoder) if args.encoder != "none" else None
    examples, covered, missed = build_examples(sentences, ours_docs, nouns, encoder)
    print(
        f"{len(sentences)} sentences, {len(examples)} candidates, gold triggers covered "
        f"{covered}/{covered + missed}, {time.time() - t0:.0f} s",
        file=sys.stderr,
    )
    digest = hashlib.sha256()
    for s in sentences:
        digest.update(json.dumps([s.id, s.text, s.events], sort_keys=True).encode())
    info: dict[str, Any] = {
        "sentences": len(sentences),
        "dev_sentences": len(dev) if args.dev else 0,
        "data_sha256": digest.hexdigest(),
        "uncertain_round": args.uncertain,
        "seed": SEED,
    }
    weak: list[Example] = []
    if dev:
        dev_examples, _, _ = build_examples(dev, dev_docs, nouns, encoder)
        base = fit(matrix(examples), [ex.root for ex in examples], args.c)
        weak = weak_labels(dev_examples, base) * args.dev_weight
    if args.cv:
        info["cv"] = cross_validate(examples, args.cv, args.c, weak if args.dev else [])
        print(json.dumps(info["cv"]), file=sys.stderr)
    if args.dev_cv:
        thresholds = [args.threshold, *args.also_thresholds]
        if args.min_precision is not None:
            thresholds = [args.threshold, *(t for t in THRESHOLDS if t != args.threshold)]
        info["dev_cv"] = dev_cross_validation(
            args.shared,
            examples,
            weak,
            args.dev_cv,
            args.c,
            encoder,
            nouns,
            thresholds,
            args.keep_folds,
            args.role_folds,
        )
        print(json.dumps(info["dev_cv"]), file=sys.stderr)
    threshold = args.threshold
    by_position = None
    if args.min_precision is not None and "cv" in info and "dev_cv" in info:
        precise = [
            float(t)
            for t, v in info["cv"]["real_sentences_by_threshold"].items()
            if v["sentence_root_precision"] >= args.min_precision and t in info["dev_cv"]
        ]
        if precise:
            threshold = max(precise, key=lambda t: info["dev_cv"][str(t)]["macro_f1"])
        by_position = position_thresholds(
            info["cv"]["real_sentences_by_position"], threshold, args.min_precision
        )
        threshold = by_position[0][1]  # the lede's, and a one-sentence story's
        info["threshold_rule"] = (
            f"best cross-validated dev macro-F1 with real-sentence precision >= "
            f"{args.min_precision}; past a story's first {POSITION_STEPS[0]} characters, "
            f"raised where the precision there falls below it"
        )
        print(f"threshold {threshold}, by position {by_position}", file=sys.stderr)
    final = examples + (weak if args.dev else [])
    info.update(candidates=len(final), c=args.c, dev_weight=args.dev_weight)
    save(args.out, train_models(final, args.c), encoder, nouns, threshold, info, by_position)
    print(f"wrote {args.out} ({time.time() - t0:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
