"""Write the dedup test corpus: FA-KES originals with syndicated copies, and the ground truth.

    python tools/make_dedup_corpus.py --out /tmp/dedup-corpus [--shared ../shared]
                                      [--originals 100] [--seed 6]

Writes ``articles.jsonl`` (ingest input: id, title, text, published, source, in a shuffled
order) and ``truth.json`` (for each id: the original it belongs to and the edits applied). The
corpus is third-party text, so the output directory must lie outside the repository. The
construction is in ``eventwire/eval/dedup_corpus.py``; ``eventwire eval dedup`` builds the same
corpus in a temporary directory and scores it.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from eventwire.eval.dedup_corpus import build_corpus, write_corpus

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="Directory outside the repo.")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--originals", type=int, default=100)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    out = args.out.resolve()
    if out == REPO or REPO in out.parents:
        parser.error(f"{out} is inside the repository; article text must not go there")
    articles = build_corpus(args.shared, originals=args.originals, seed=args.seed)
    corpus, truth = write_corpus(articles, out)
    copies = collections.Counter(a.family for a in articles if a.id != a.family)
    originals = sum(1 for a in articles if a.id == a.family)
    print(f"{corpus}: {originals} originals, {sum(copies.values())} copies; truth in {truth}")


if __name__ == "__main__":
    main()
