#!/usr/bin/env python3
"""Inter-annotator agreement on the overlap batch of the real-sentence pool, or (``--written``)
between the writers of our written sentences and a second annotator who labelled a sample of
them blind (``data/training/written-overlap/``), or (``--revised``) between two reviewers who
each reviewed the same earlier-round sentences (``data/training/revised-overlap/``: each
reviewer's final labels, kept or changed).

Annotators label the overlap batches on their own; this prints, for each pair, the
observed agreement and Cohen's kappa on: is there a codable event; the main event's CAMEO root;
its ConfliBERT group; and, where both coded the same main root, whether their source spans
overlap.

    python tools/annotation_agreement.py [--written | --revised]
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotate import records

from eventwire.eval.realnews import group

TRAINING = Path(__file__).resolve().parent.parent / "data" / "training"
DATA = TRAINING / "annotated"


def kappa(xs: list[Any], ys: list[Any]) -> tuple[float, float]:
    n = len(xs)
    observed = sum(a == b for a, b in zip(xs, ys, strict=False)) / n
    cx, cy = Counter(xs), Counter(ys)
    expected = sum(cx[k] * cy[k] for k in cx) / n**2
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _labels(written: bool, revised: bool) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """sentence id → annotator → events."""
    labels: dict[str, dict[str, list[dict[str, Any]]]] = {}
    if not written:
        for r in records(TRAINING / "revised-overlap" if revised else DATA):
            labels.setdefault(r["sid"], {})[r["annotator"]] = r["events"]
        return labels
    second = {r["id"]: r for r in records(TRAINING / "written-overlap")}
    for r in records(TRAINING / "written"):
        if r["id"] in second:
            labels[r["id"]] = {"writer": r["events"], "second": second[r["id"]]["events"]}
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--written", action="store_true", help="the written sentences' second-annotator sample"
    )
    parser.add_argument(
        "--revised", action="store_true", help="two reviewers' labels on the same earlier sentences"
    )
    args = parser.parse_args()
    labels = _labels(args.written, args.revised)
    annotators = sorted({a for v in labels.values() for a in v})
    shared = {s: v for s, v in labels.items() if len(v) > 1}
    print(f"{len(shared)} sentences labelled by more than one of {', '.join(annotators)}")
    views: dict[str, Callable[[list[dict[str, Any]]], Any]] = {
        "event": lambda ev: bool(ev),
        "root": lambda ev: ev[0]["cameo"][:2] if ev else "none",
        "group": lambda ev: group(ev[0]["cameo"]) if ev else "none",
    }
    report: dict[str, Any] = {"sentences": len(shared), "pairs": {}}
    for x, y in itertools.combinations(annotators, 2):
        overlap = sorted(s for s, v in shared.items() if x in v and y in v)
        if not overlap:
            continue
        pair: dict[str, Any] = {"sentences": len(overlap)}
        for name, view in views.items():
            o, k = kappa(
                [view(labels[s][x]) for s in overlap], [view(labels[s][y]) for s in overlap]
            )
            pair[name] = {"agreement": round(o, 3), "kappa": round(k, 3)}
        both = [s for s in overlap if labels[s][x] and labels[s][y]
                and labels[s][x][0]["cameo"][:2] == labels[s][y][0]["cameo"][:2]]  # fmt: skip
        same_source = 0
        for s in both:
            a, b = labels[s][x][0].get("source"), labels[s][y][0].get("source")
            same_source += (a is None and b is None) or bool(
                a and b and a[0] < b[1] and b[0] < a[1]
            )
        pair["source_overlap"] = round(same_source / len(both), 3) if both else None
        report["pairs"][f"{x}-{y}"] = pair
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
