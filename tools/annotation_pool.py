#!/usr/bin/env python3
"""Choose the precision-audit articles and the pool of real sentences to annotate.

Run once, before any training (fixed seed): the audit articles are set aside first, so that no
sentence of theirs is ever annotated for training. Writes ids and offsets only, never text:

- data/training/audit/articles.tsv       corpus, doc (50 FA-KES + 50 giveme5w1h)
- data/training/annotated/pool.tsv       sid, corpus, doc, start, end, batch

Sentences are split by the project's own spaCy pipeline, so they are the sentences the coder
sees. Batch ``overlap`` goes to every annotator (agreement check); ``a1``..``a3`` to one each.

Usage: python tools/annotation_pool.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

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
    args = ap.parse_args()
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
        docs = [d for i, d in sorted(documents(args.shared, corpus).items()) if (corpus, i) not in held]
        rng.shuffle(docs)
        docs = docs[: want if corpus == "reuters" else len(docs)]
        picked: list[tuple[str, str, int, int, str]] = []
        for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=32)):
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


if __name__ == "__main__":
    main()
