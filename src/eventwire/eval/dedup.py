"""Score deduplication on the FA-KES copy corpus (``eval/dedup_corpus.py``).

The corpus is built in a temporary directory, ingested into a fresh database (in its shuffled
order, so copies often arrive before their original), and scored:

- **stories**: pairwise precision and recall of "these two articles are one story" against
  "these two are copies of one original", over all pairs of articles.
- **events**: each event coded from a copy is paired with the original's corresponding event
  (same source and target codes and CAMEO root, in the sentence the copy's sentence came from:
  word overlap of the evidence at least 0.5). It should be in the same event group: otherwise
  it is a *split*. A copy event with no counterpart (an edit changed what was coded, e.g. a
  substituted verb) is counted apart, as *uncoded counterpart*. A group holding mentions from
  two originals' families is a *wrong merge* (the originals are days apart and unrelated).
"""

from __future__ import annotations

import itertools
import json
import re
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventwire.config import DEFAULT, CoderConfig
from eventwire.eval.dedup_corpus import build_corpus, write_corpus
from eventwire.jobs import ingest

_WORD = re.compile(r"\w+")


@dataclass
class DedupScore:
    articles: int = 0
    originals: int = 0
    copies: int = 0
    stories: int = 0
    story_pairs_true: int = 0  # pairs of articles from one original
    story_pairs_predicted: int = 0
    story_pairs_correct: int = 0
    events: int = 0
    groups: int = 0
    copy_events: int = 0
    copy_events_paired: int = 0  # with a counterpart in the original
    copy_events_merged: int = 0  # ... in the counterpart's group
    copy_events_split: int = 0  # ... in another group
    copy_events_unpaired: int = 0  # an edit changed the coding: no counterpart
    split_groups: int = 0  # original events with at least one copy event split off
    wrong_groups: int = 0  # groups holding mentions from two or more originals' families
    wrong_mentions: int = 0  # mentions in those groups outside the group's main family
    ingest_seconds: float = 0.0
    dedup_seconds: float = 0.0
    splits: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def story_precision(self) -> float:
        p = self.story_pairs_predicted
        return self.story_pairs_correct / p if p else 1.0

    @property
    def story_recall(self) -> float:
        t = self.story_pairs_true
        return self.story_pairs_correct / t if t else 1.0

    def as_dict(self, details: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if not details:
            d.pop("splits")
            d.pop("wrong")
        d["story_precision"] = round(self.story_precision, 4)
        d["story_recall"] = round(self.story_recall, 4)
        d["ingest_seconds"] = round(self.ingest_seconds, 2)
        d["dedup_seconds"] = round(self.dedup_seconds, 3)
        return d


def _words(text: str | None) -> set[str]:
    return set(_WORD.findall((text or "").lower()))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def score_stories(truth: dict[str, str], story_of: dict[str, int], result: DedupScore) -> None:
    """Pairwise precision/recall of story membership against copy families."""
    for a, b in itertools.combinations(sorted(truth), 2):
        same_truth = truth[a] == truth[b]
        same_pred = a in story_of and story_of.get(a) == story_of.get(b)
        result.story_pairs_true += same_truth
        result.story_pairs_predicted += same_pred
        result.story_pairs_correct += same_truth and same_pred


def score_events(
    truth: dict[str, str], originals: set[str], events: list[dict[str, Any]], result: DedupScore
) -> None:
    """Copy events back in their counterpart's group; groups across families."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        by_article[e["article_id"]].append(e)
    split_originals: set[int] = set()
    for e in events:
        family = truth.get(e["article_id"])
        if family is None or e["article_id"] in originals:
            continue
        result.copy_events += 1
        words = _words(e["evidence"])
        candidates = [
            (_overlap(words, _words(o["evidence"])), o["cameo"] == e["cameo"], -o["id"], o)
            for o in by_article.get(family, [])
            if o["source_code"] == e["source_code"]
            and o["target_code"] == e["target_code"]
            and o["cameo"][:2] == e["cameo"][:2]
        ]
        candidates = [c for c in candidates if c[0] >= 0.5]
        if not candidates:
            result.copy_events_unpaired += 1
            continue
        counterpart = max(candidates, key=lambda c: c[:3])[3]
        result.copy_events_paired += 1
        if counterpart["group_id"] == e["group_id"]:
            result.copy_events_merged += 1
        else:
            result.copy_events_split += 1
            split_originals.add(counterpart["id"])
            result.splits.append(
                f"event {e['id']} ({e['article_id']}, group {e['group_id']}) vs "
                f"{counterpart['id']} ({counterpart['article_id']}, group "
                f"{counterpart['group_id']}): {e['source_code']} {e['cameo']} "
                f"{e['target_code']} | {e['date']} {e['date_precision']} vs "
                f"{counterpart['date']} {counterpart['date_precision']} | "
                f"{e['location_name']} vs {counterpart['location_name']}"
            )
    result.split_groups = len(split_originals)
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        members[e["group_id"]].append(e)
    result.groups = len(members)
    for group_id, rows in sorted(members.items()):
        families: dict[str, int] = defaultdict(int)
        for e in rows:
            families[truth.get(e["article_id"], e["article_id"])] += 1
        if len(families) > 1:
            result.wrong_groups += 1
            result.wrong_mentions += len(rows) - max(families.values())
            result.wrong.append(
                f"group {group_id}: "
                + ", ".join(
                    f"{e['article_id']}:{e['source_code']} {e['cameo']} {e['target_code']} "
                    f"{e['date']} {e['date_precision']}"
                    for e in rows
                )
            )


def evaluate(
    shared: Path,
    originals: int = 100,
    seed: int = 6,
    workdir: Path | None = None,
    workers: int = 1,
    config: CoderConfig = DEFAULT,
) -> DedupScore:
    """Build the corpus, ingest it into a fresh database and score stories and event groups."""
    from eventwire.store import Store

    articles = build_corpus(shared, originals=originals, seed=seed)
    truth = {a.id: a.family for a in articles}
    original_ids = {a.id for a in articles if a.id == a.family}
    with tempfile.TemporaryDirectory(prefix="eventwire-dedup-") as tmp:
        root = workdir or Path(tmp)
        corpus, _ = write_corpus(articles, root)
        db = root / "dedup.db"
        for stale in root.glob("dedup.db*"):
            stale.unlink()
        result = DedupScore(
            articles=len(articles), originals=len(original_ids),
            copies=len(articles) - len(original_ids),
        )  # fmt: skip
        with Store(db) as store:
            t0 = time.perf_counter()
            ingest(store, [str(corpus)], workers=workers, config=config)
            result.ingest_seconds = time.perf_counter() - t0
            result.dedup_seconds = store.deduplicator.totals.seconds
            story_of = dict(
                store.conn.execute("SELECT article_id, story_id FROM story_articles").fetchall()
            )
            rows = store.conn.execute(
                "SELECT id, article_id, sentence, evidence, source_code, cameo, target_code, "
                "date, date_precision, location_name, group_id FROM events ORDER BY id"
            ).fetchall()
            events = [dict(r) for r in rows]
    result.stories = len(set(story_of.values()))
    result.events = len(events)
    score_stories(truth, story_of, result)
    score_events(truth, original_ids, events, result)
    return result


def main() -> None:  # pragma: no cover - convenience for `python -m`
    import sys

    print(json.dumps(evaluate(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")).as_dict()))
