"""Dump candidate predicates (own training sentences + dev) to JSONL, using the repo's code.
Run from /work/main with /work/main/.venv/bin/python /work/exp-ft/build_dataset.py"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, "tools")
import train_coder as tc

from eventwire.actors.resolve import actors_of
from eventwire.events.candidates import candidate_tokens, features
from eventwire.events.extract import dictionary_hint

OUT = Path("/work/exp-ft")
t0 = time.time()
shared = Path("/work/shared")
sentences = tc.seeded_sentences(shared)
dev = tc.load_dev(shared)
docs = tc.parse_all(sentences + dev)
ours_docs, dev_docs = docs[: len(sentences)], docs[len(sentences) :]
nouns = tc.trigger_nouns(sentences, ours_docs)
print(len(sentences), len(dev), f"{time.time() - t0:.0f}s", file=sys.stderr)


def dump(sents, dcs, path):
    n = 0
    covered = missed = 0
    with open(path, "w") as f:
        for s, (doc, article) in zip(sents, dcs):
            found = actors_of(doc)
            gold = list(s.events)
            hit = set()
            for sent in doc.sents:
                for tok, noun in candidate_tokens(sent, nouns):
                    ra, rb = article.offsets.span_to_raw((tok.idx, tok.idx + len(tok)))
                    label = None
                    for k, e in enumerate(gold):
                        a, b = e["trigger"]
                        if ra < b and rb > a:
                            label = e
                            hit.add(k)
                            break
                    hint = dictionary_hint(tok, noun, found)
                    feats = features(tok, sent, found, hint, noun)
                    root = label["cameo"][:2] if label else tc.NONE
                    rec = {
                        "sid": s.id,
                        "text": doc.text,
                        "span": [tok.idx, tok.idx + len(tok)],
                        "sent_span": [sent.start_char, sent.end_char],
                        "root": root,
                        "code": label["cameo"][:3] if label else None,
                        "features": feats,
                        "group": s.group,
                        "dev_group": s.dev_group,
                    }
                    f.write(json.dumps(rec) + "\n")
                    n += 1
            covered += len(hit)
            missed += len(gold) - len(hit)
    print(path, n, "candidates", covered, missed, file=sys.stderr)


dump(sentences, ours_docs, OUT / "train_cands.jsonl")
dump(dev, dev_docs, OUT / "dev_cands.jsonl")
json.dump(sorted(nouns), open(OUT / "nouns.json", "w"))
print(f"done {time.time() - t0:.0f}s", file=sys.stderr)
