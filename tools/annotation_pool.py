#!/usr/bin/env python3
"""Choose the precision-audit articles and the pool of real sentences to annotate.

Run once, before any training (fixed seed): the audit articles are set aside first, so that no
sentence of theirs is ever annotated for training. Writes ids and offsets only, never text:

- data/training/audit/articles.tsv       corpus, doc (50 FA-KES + 50 giveme5w1h)
- data/training/annotated/pool.tsv       sid, corpus, doc, start, end, batch

Sentences are split by the project's own spaCy pipeline, so they are the sentences the coder
sees. Batch ``overlap`` goes to every annotator (agreement check); ``a1``..``a3`` to one each.

Later rounds (``--round 2``, ``--round 3``, ``--round 5`` … ``--round 7``) append more random
sentences to the pool, never an audit article's and never a sentence already in the pool (nor
the same text twice), in batches ``overlapN`` (every annotator of the round) and one batch per
annotator (``b1``..``b4`` in round 2, ``c1``..``c4`` in round 3, ``e1``..``e6`` in round 5,
``f1``..``f6`` in round 6, ``g1``..``g6`` in round 7).

Round 4 (``--round 4 --model DIR``) is chosen by uncertainty instead: fresh sentences are coded
by ``extract`` with the model in DIR (trained without the dev half, threshold lowered), and the
pool takes the sentences whose likeliest event has a probability between 0.15 and 0.65, where the
model is least sure and a label teaches it most (batches ``overlap4``, ``d1``..``d6``).

Usage: python tools/annotation_pool.py [--shared ../shared] [--round 2|3|4|5|6|7] [--model DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path
from typing import Any

from eventwire.eval.corpora import documents
from eventwire.nlp import load_nlp

SEED = 20261204
ROOT = Path(__file__).resolve().parent.parent / "data" / "training"
AUDIT_PER_CORPUS = 50
PER_CORPUS = {"fakes": 1000, "giveme5w1h": 900, "reuters": 500}
OVERLAP_PER_CORPUS = 30
PER_DOC = 4
MIN_LEN, MAX_LEN = 40, 400


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--round", type=int, default=1)
    ap.add_argument("--model", type=Path, help="round 4: the model that rates uncertainty")
    args = ap.parse_args()
    if args.round == UNCERTAIN_ROUND:
        uncertain_round(args.shared, args.model)
        return
    if args.round in LATER_ROUNDS:
        later_round(args.shared, args.round)
        return
    rng = random.Random(SEED)
    audit: list[tuple[str, str]] = []
    for corpus in ("fakes", "giveme5w1h"):
        ids = sorted(i for i, d in documents(args.shared, corpus).items() if len(d.text) >= 400)
        audit += [(corpus, i) for i in rng.sample(ids, AUDIT_PER_CORPUS)]
    (ROOT / "audit").mkdir(parents=True, exist_ok=True)
    with open(ROOT / "audit" / "articles.tsv", "w", encoding="utf-8") as out:
        out.write("corpus\tdoc\n")
        out.writelines(f"{c}\t{d}\n" for c, d in audit)
    held = set(audit)
    nlp = load_nlp()
    rows: list[tuple[str, str, int, int, str]] = []
    for corpus, want in PER_CORPUS.items():
        docs = [
            d for i, d in sorted(documents(args.shared, corpus).items()) if (corpus, i) not in held
        ]
        rng.shuffle(docs)
        docs = docs[: want if corpus == "reuters" else len(docs)]
        picked: list[tuple[str, str, int, int, str]] = []
        for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=32), strict=False):
            sents = [
                s
                for s in parsed.sents
                if MIN_LEN <= len(s.text.strip()) <= MAX_LEN
                and re.search(r"[a-z]", s.text)
                and "|" not in s.text
            ]
            for s in rng.sample(sents, min(PER_DOC, len(sents))):
                picked.append((corpus, doc.id, s.start_char, s.end_char, ""))
        rng.shuffle(picked)
        picked = picked[:want]
        for n, (c, d, a, b, _) in enumerate(picked):
            batch = "overlap" if n < OVERLAP_PER_CORPUS else f"a{1 + n % 3}"
            rows.append((c, d, a, b, batch))
    rng.shuffle(rows)
    rows.sort(key=lambda r: r[4] != "overlap")
    with open(ROOT / "annotated" / "pool.tsv", "w", encoding="utf-8") as out:
        out.write("sid\tcorpus\tdoc\tstart\tend\tbatch\n")
        for n, (c, d, a, b, batch) in enumerate(rows):
            out.write(f"s{n:04d}\t{c}\t{d}\t{a}\t{b}\t{batch}\n")
    print(f"{len(audit)} audit articles, {len(rows)} pool sentences")


# round: (sentences per corpus, overlap sentences, overlap batch, annotator batch prefix,
# annotators)
LATER_ROUNDS = {
    2: ({"giveme5w1h": 1200, "fakes": 1000, "reuters": 400}, 20, "overlap2", "b", 4),
    3: ({"giveme5w1h": 1000, "fakes": 1000, "reuters": 400}, 20, "overlap3", "c", 4),
    5: ({"giveme5w1h": 800, "fakes": 800, "reuters": 500}, 7, "overlap5", "e", 6),
    6: ({"giveme5w1h": 800, "fakes": 800, "reuters": 500}, 7, "overlap6", "f", 6),
    7: ({"giveme5w1h": 1000, "fakes": 600, "reuters": 500}, 7, "overlap7", "g", 6),
}


def _sentences(parsed: object) -> list[object]:
    return [
        s
        for s in parsed.sents  # type: ignore[attr-defined]
        if MIN_LEN <= len(s.text.strip()) <= MAX_LEN
        and re.search(r"[a-z]", s.text)
        and "|" not in s.text
    ]


def _held_and_taken(
    shared: Path,
) -> tuple[set[tuple[str, ...]], list[list[str]], set[Any], set[str]]:
    """The audit articles, the pool so far, its (corpus, doc, start) keys and its texts."""
    with open(ROOT / "audit" / "articles.tsv", encoding="utf-8") as f:
        held = {tuple(line.rstrip("\n").split("\t")) for line in list(f)[1:]}
    with open(ROOT / "annotated" / "pool.tsv", encoding="utf-8") as f:
        old = [line.rstrip("\n").split("\t") for line in list(f)[1:]]
    taken = {(c, d, int(a)) for _, c, d, a, _, _ in old}
    seen_text = {" ".join(documents(shared, c)[d].text[int(a) : int(b)].split())
                 for _, c, d, a, b, _ in old}  # fmt: skip
    return held, old, taken, seen_text


def _append(rows: list[tuple[str, str, int, int, str]], start: int) -> None:
    with open(ROOT / "annotated" / "pool.tsv", "a", encoding="utf-8") as out:
        for n, (c, d, a, b, batch) in enumerate(rows, start=start):
            out.write(f"s{n:04d}\t{c}\t{d}\t{a}\t{b}\t{batch}\n")


def later_round(shared: Path, number: int) -> None:
    wanted, overlap_size, overlap_batch, prefix, annotators = LATER_ROUNDS[number]
    rng = random.Random(SEED + number)
    held, old, taken, seen_text = _held_and_taken(shared)
    nlp = load_nlp()
    rows: list[tuple[str, str, int, int, str]] = []
    for corpus, want in wanted.items():
        docs = [d for i, d in sorted(documents(shared, corpus).items()) if (corpus, i) not in held]
        rng.shuffle(docs)
        docs = docs[: want * 2 if corpus == "reuters" else len(docs)]
        picked = []
        for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=32), strict=True):
            fresh = [s for s in _sentences(parsed) if (corpus, doc.id, s.start_char) not in taken]  # type: ignore[attr-defined]
            for s in rng.sample(fresh, min(PER_DOC, len(fresh))):
                text = " ".join(s.text.split())  # type: ignore[attr-defined]
                if text not in seen_text:
                    seen_text.add(text)
                    picked.append((corpus, doc.id, s.start_char, s.end_char))  # type: ignore[attr-defined]
        rng.shuffle(picked)
        for n, (c, d, a, b) in enumerate(picked[:want]):
            overlap = n < overlap_size * annotators // len(wanted)
            batch = overlap_batch if overlap else f"{prefix}{1 + n % annotators}"
            rows.append((c, d, a, b, batch))
    rng.shuffle(rows)
    rows.sort(key=lambda r: r[4] != overlap_batch)
    _append(rows, len(old))
    print(f"{len(rows)} round-{number} pool sentences")


UNCERTAIN_ROUND = 4
# sentences per corpus, the documents read per corpus (None: all), the uncertain band
UNCERTAIN_WANTED = {"giveme5w1h": 900, "fakes": 900, "reuters": 500}
UNCERTAIN_DOCS = {"giveme5w1h": None, "fakes": None, "reuters": 4000}
UNCERTAIN_BAND = (0.15, 0.65)
UNCERTAIN_ANNOTATORS = 6
UNCERTAIN_OVERLAP = 36
UNCERTAIN_BATCHES = {"overlap4", *(f"d{n}" for n in range(1, UNCERTAIN_ANNOTATORS + 1))}


def uncertain_round(shared: Path, model: Path | None) -> None:
    """Round 4: fresh sentences the model is least sure of (see the module docstring)."""
    from eventwire.config import CoderConfig
    from eventwire.eval.realnews import extract_outputs

    if model is None:
        raise SystemExit("--round 4 needs --model DIR (a model trained without the dev half)")
    rng = random.Random(SEED + UNCERTAIN_ROUND)
    held, old, taken, seen_text = _held_and_taken(shared)
    nlp = load_nlp()
    config = CoderConfig(model=str(model))
    rows: list[tuple[str, str, int, int, str]] = []
    for corpus, want in UNCERTAIN_WANTED.items():
        docs = [d for i, d in sorted(documents(shared, corpus).items()) if (corpus, i) not in held]
        rng.shuffle(docs)
        docs = docs[: UNCERTAIN_DOCS[corpus] or len(docs)]
        fresh: list[tuple[str, int, int, str]] = []
        for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=32), strict=True):
            for s in _sentences(parsed):
                text = " ".join(s.text.split())  # type: ignore[attr-defined]
                if (corpus, doc.id, s.start_char) not in taken and text not in seen_text:  # type: ignore[attr-defined]
                    seen_text.add(text)
                    fresh.append((doc.id, s.start_char, s.end_char, text))  # type: ignore[attr-defined]
        outputs = extract_outputs([(text, 0) for *_, text in fresh], config, workers=2)
        low, high = UNCERTAIN_BAND
        unsure = [
            (doc_id, a, b)
            for (doc_id, a, b, _), out in zip(fresh, outputs, strict=True)
            if low <= max((e["confidence"] for e in out["events"]), default=0.0) < high
        ]
        rng.shuffle(unsure)
        print(f"{corpus}: {len(fresh)} fresh sentences, {len(unsure)} in the band", file=sys.stderr)
        for n, (d, a, b) in enumerate(unsure[:want]):
            overlap = n < UNCERTAIN_OVERLAP // len(UNCERTAIN_WANTED)
            batch = "overlap4" if overlap else f"d{1 + n % UNCERTAIN_ANNOTATORS}"
            rows.append((corpus, d, a, b, batch))
    rng.shuffle(rows)
    rows.sort(key=lambda r: r[4] != "overlap4")
    _append(rows, len(old))
    print(f"{len(rows)} round-{UNCERTAIN_ROUND} pool sentences")


if __name__ == "__main__":
    main()
