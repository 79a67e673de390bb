"""Score ``extract`` output against the seed gold (``shared/data/gold/seed_events.jsonl``).

A gold event matches a predicted event of the same story when the CAMEO root is in
``accept_roots`` and the actors' country parts agree (IGO codes: IGO plus organisation);
``symmetric`` gold may swap the actors; ``optional`` gold is never a miss. Every predicted
event counts toward precision, so events the gold does not list count against us.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.api import extract_many
from eventwire.config import DEFAULT, CoderConfig
from eventwire.contract import result_to_json


def seed_records(seeds: Path) -> list[dict[str, Any]]:
    """The seed stories as ``extract`` input: title line, body, and meta.jsonl's fields."""
    meta = {}
    for line in (seeds / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            m = json.loads(line)
            meta[m["file"].rsplit(".", 1)[0]] = m
    records = []
    for path in sorted(seeds.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        title = next(line for line in lines if line.strip())
        body = "\n".join(lines[lines.index(title) + 1 :])
        m = meta.get(path.stem, {})
        records.append({"id": path.stem, "title": title.strip(), "text": body,
                        "published": m.get("published"), "source": m.get("source")})  # fmt: skip
    return records


def _key(code: str | None) -> str:
    code = (code or "").upper()
    if code.startswith("IGO"):
        return code[:6] if len(code) >= 6 else "IGO"
    return code[:3]


def _actor_code(actor: dict[str, Any] | None) -> str:
    return (actor or {}).get("code") or (actor or {}).get("country") or ""


def _actor_ok(gold: str, predicted: dict[str, Any] | None) -> bool:
    g, p = _key(gold), _key(_actor_code(predicted))
    if not g:
        return True
    if g == "IGO":
        return p.startswith("IGO")
    return g == p


@dataclass
class SeedScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dates: list[int] = field(default_factory=lambda: [0, 0])  # right, judged
    places: list[int] = field(default_factory=lambda: [0, 0])
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "date_accuracy": f"{self.dates[0]}/{self.dates[1]}",
            "location_accuracy": f"{self.places[0]}/{self.places[1]}",
        }


def _date_ok(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    predicted = (event.get("date") or "")[:10]
    try:
        delta = abs((dt.date.fromisoformat(predicted) - dt.date.fromisoformat(gold["date"])).days)
    except ValueError:
        return False
    return delta <= int(gold.get("date_tolerance_days", 0))


def score(outputs: dict[str, dict[str, Any]], gold: Iterable[dict[str, Any]]) -> SeedScore:
    """Greedy one-to-one matching per story, in gold order, as the shared scorer does."""
    gold = list(gold)
    result = SeedScore()
    for doc in sorted({g["doc"] for g in gold} | set(outputs)):
        predicted = outputs.get(doc, {}).get("events", []) or []
        used: set[int] = set()
        for g in (g for g in gold if g["doc"] == doc):
            hit = next(
                (i for i, e in enumerate(predicted) if i not in used and _matches(g, e)), None
            )
            if hit is None:
                if not g.get("optional"):
                    result.fn += 1
                    result.misses.append(f"{doc}: {g['source']}->{g['target']} {g['cameo']} | "
                                         f"{g['evidence'][:80]}")  # fmt: skip
                continue
            used.add(hit)
            result.tp += 1
            event = predicted[hit]
            if g.get("date"):
                result.dates[1] += 1
                result.dates[0] += _date_ok(g, event)
            if g.get("location"):
                result.places[1] += 1
                name = ((event.get("location") or {}).get("name") or "").lower()
                result.places[0] += name == g["location"].lower()
        for i, e in enumerate(predicted):
            if i not in used:
                result.fp += 1
                result.extras.append(f"{doc}: {_actor_code(e.get('source'))}->"
                                     f"{_actor_code(e.get('target'))} {e.get('cameo')} | "
                                     f"{(e.get('evidence') or '')[:80]}")  # fmt: skip
    return result


def _matches(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    if (event.get("cameo") or "")[:2] not in gold["accept_roots"]:
        return False
    s, t = event.get("source"), event.get("target")
    if _actor_ok(gold["source"], s) and _actor_ok(gold["target"], t):
        return True
    return (
        bool(gold.get("symmetric"))
        and _actor_ok(gold["source"], t)
        and _actor_ok(gold["target"], s)
    )


def evaluate(shared: Path, config: CoderConfig = DEFAULT) -> SeedScore:
    """Run the pipeline on the seed stories and score it against the seed gold."""
    records = seed_records(shared / "data" / "seeds")
    results = extract_many(records, config=config)
    outputs = {r["id"]: result_to_json(res) for r, res in zip(records, results, strict=True)}
    gold_path = shared / "data" / "gold" / "seed_events.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    return score(outputs, gold)
