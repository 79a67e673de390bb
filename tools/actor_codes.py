#!/usr/bin/env python3
"""Actor codes on our annotated real sentences, each coded where it stands in its whole story.

``real_event_cv.py`` judges whether an event's source and target are the right *words*; a user
who filters by actor code needs the right *code* too. Codes come from the actor resolver, which
reads the whole story (the country a story is about codes "the opposition" or "civilians"), so
each annotated story of the random rounds is coded whole through ``extract`` and every event
inside an annotated sentence is matched to that sentence's gold events
(``eventwire.eval.whole_events.coded_pairs``): where a role's words are right and the annotators
coded it, is the event's code theirs, is its country (first three letters) theirs, or is it
uncoded?

The event model and role ranker shipped were trained on these sentences, so which events and
phrases appear is in-sample (``real_event_cv.py`` gives the honest precision); the codes are the
resolver's rules and dictionaries, which no training touches.

    python tools/actor_codes.py [--shared ../shared] [--top 30] [--model DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_coder as tc  # noqa: E402
from annotate import annotated_records  # noqa: E402

from eventwire.api import extract  # noqa: E402
from eventwire.config import CoderConfig  # noqa: E402
from eventwire.contract import result_to_json  # noqa: E402
from eventwire.eval.corpora import documents  # noqa: E402
from eventwire.eval.whole_events import code_agreement, coded_pairs, scored_event  # noqa: E402


def pairs_by_story(shared: Path, config: CoderConfig) -> list[tuple[str, str | None]]:
    """(gold code, event code) for every rightly placed, annotator-coded role of the events
    that ``extract`` writes inside the random rounds' annotated sentences."""
    chosen = tc.sampled_at_random()
    by_story: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in annotated_records():
        if r["sid"] in chosen and r["events"]:
            by_story.setdefault((r["corpus"], r["doc"]), []).append(r)
    docs = {corpus: documents(shared, corpus) for corpus, _ in by_story}
    pairs: list[tuple[str, str | None]] = []
    for (corpus, doc_id), sentences in sorted(by_story.items()):
        doc = docs[corpus][doc_id]
        coded = result_to_json(extract(doc.text, published=doc.published, config=config))
        events = [scored_event(e) for e in coded["events"] if e["sentence"] >= 0]  # not the title
        for s in sentences:
            inside = [e for e in events if s["start"] <= e["span"][0] < s["end"]]
            pairs += [p for e in inside for p in coded_pairs(doc.text, e, s["events"])]
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--top", type=int, default=30, help="the commonest disagreements to list")
    ap.add_argument("--model", default=None, help="a model folder other than the shipped one")
    args = ap.parse_args()
    pairs = pairs_by_story(args.shared, CoderConfig(model=args.model))
    report = code_agreement(pairs)
    wrong = Counter((g, e or "(none)") for g, e in pairs if g != e)
    report["commonest_disagreements"] = [
        {"gold": g, "coded": e, "n": n} for (g, e), n in wrong.most_common(args.top)
    ]
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
