"""Precision audit: events drawn at random from ``extract`` over 100 fixed real articles.

The articles (50 FA-KES, 50 giveme5w1h) were chosen by a fixed seed before any training
(``tools/annotation_pool.py``) and are never annotated for training. ``draw`` codes them,
draws events at random and writes (article id, offsets, codes) to the repo, and a judging sheet
with the text outside it. A person judges each event against ``data/training/GUIDELINE.md``:
is the CAMEO root right, and are the source and the target right? ``score`` reads the verdicts.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.api import extract_many
from eventwire.config import CoderConfig
from eventwire.contract import result_to_json
from eventwire.eval.corpora import documents
from eventwire.events.ontology import cameo
from eventwire.model import ArticleResult

AUDIT_DIR = Path(__file__).resolve().parents[3] / "data" / "training" / "audit"
DRAW_SEED = 2026


def audit_articles(shared: Path, folder: Path = AUDIT_DIR) -> list[dict[str, Any]]:
    """The audit articles as ``extract`` input records."""
    with open(folder / "articles.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    records = []
    for row in rows:
        doc = documents(shared, row["corpus"])[row["doc"]]
        records.append(
            {
                "id": f"{doc.corpus}:{doc.id}",
                "title": doc.title,
                "text": doc.text,
                "published": doc.published,
            }
        )
    return records


@dataclass
class Drawn:
    record: dict[str, Any]  # what goes in the repo: ids, offsets, codes
    sheet: str  # what the judge reads: the sentence and the event, with text


def _sentence_spans(result: ArticleResult) -> list[list[int]]:
    """Each sentence's span in the caller's own text."""
    if result.article is None:
        return []
    offsets = result.article.offsets
    return [list(offsets.span_to_raw((s.start, s.end))) for s in result.sentences]


def draw(
    shared: Path, config: CoderConfig, n: int = 200, seed: int = DRAW_SEED, workers: int = 1
) -> list[Drawn]:
    """Code the audit articles and draw ``n`` events at random (fixed seed)."""
    records = audit_articles(shared)
    pool: list[Drawn] = []
    for record, result in zip(
        records, extract_many(records, workers=workers, config=config), strict=False
    ):
        out = result_to_json(result)
        sentences = _sentence_spans(result)
        for k, event in enumerate(out["events"]):
            pool.append(_drawn(record, k, event, sentences))
    picked = stable_sample(pool, n, seed)
    picked.sort(key=lambda d: (d.record["id"], d.record["event"]))
    return picked


def draw_rank(record: dict[str, Any], seed: int = DRAW_SEED) -> str:
    """An event's place in the draw: a hash of its article, sentence, CAMEO root and span, so
    that an event the coder still codes keeps its place when other events come or go, and two
    versions of the coder are compared on the same events wherever they agree."""
    key = [seed, record["id"], record["sentence_span"][0], record["cameo"][:2], *record["span"]]
    return hashlib.sha256(json.dumps(key).encode("utf-8")).hexdigest()


def stable_sample(pool: list[Drawn], n: int, seed: int = DRAW_SEED) -> list[Drawn]:
    """The ``n`` events of lowest ``draw_rank``: a random sample that a change of the coder
    perturbs only where the coded events change (a seeded ``random.sample`` would redraw
    most of it whenever the pool's size changes)."""
    return sorted(pool, key=lambda d: draw_rank(d.record, seed))[:n]


def _drawn(
    record: dict[str, Any], k: int, event: dict[str, Any], sentences: list[list[int]]
) -> Drawn:
    in_title = event["sentence"] < 0
    text = record["title"] if in_title else record["text"]
    sentence = [0, len(text)] if in_title else sentences[event["sentence"]]
    info = cameo(event["cameo"])

    def code(actor: dict[str, Any] | None) -> str | None:
        return actor.get("code") if actor else None

    def shown(actor: dict[str, Any] | None) -> str:
        return f"{actor['text']!r} [{actor.get('code')}]" if actor else "(none)"

    rec = {
        "id": record["id"],
        "event": k,
        "in_title": in_title,
        "sentence_span": sentence,
        "span": event["span"],
        "cameo": event["cameo"],
        "source_code": code(event["source"]),
        "target_code": code(event["target"]),
        "source_span": event["source_span"],
        "target_span": event["target_span"],
        "negated": event["negated"],
        "modality": event["modality"],
        "confidence": event.get("confidence"),
    }
    a, b = sentence
    sheet = "\n".join(
        [
            f"## {record['id']}#{k}" + (" (headline)" if in_title else ""),
            "sentence: " + " ".join(text[a:b].split()),
            f"event: {event['cameo']} {info.name if info else ''}"
            + (" NEGATED" if event["negated"] else "")
            + (f" ({event['modality']})" if event["modality"] != "asserted" else ""),
            f"source: {shown(event['source'])}",
            f"target: {shown(event['target'])}",
            "evidence span: " + " ".join(text[event["span"][0] : event["span"][1]].split()),
        ]
    )
    return Drawn(rec, sheet)


Verdicts = dict[tuple[Any, ...], Any]


def _base_identity(record: dict[str, Any]) -> tuple[Any, ...]:
    return (record["id"], tuple(record["span"]), record["cameo"], record["source_code"],
            record["target_code"], record["negated"])  # fmt: skip


def _both_coded(record: dict[str, Any]) -> bool:
    return record["source_code"] is not None and record["target_code"] is not None


def _older_identity(record: dict[str, Any]) -> tuple[Any, ...]:
    """The identity of an event of a draw written before the actors' spans were recorded."""
    return (*_base_identity(record), "no spans")


def identity(record: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two drawn events one for a judge: the article, the evidence span, the code,
    the negation, each actor's code and the words each side was given. A code alone is not
    enough: ``SYRMIL -> null`` with no target and with "the rebel town" as an uncoded target
    are different events. Draws written before the words' spans were recorded have none."""
    if "source_span" not in record:
        return _older_identity(record)
    spans = (tuple(record[k]) if record[k] else () for k in ("source_span", "target_span"))
    return (*_base_identity(record), *spans)


def remember(known: Verdicts, record: dict[str, Any], value: Any) -> None:
    """Keep ``value`` (a verdict) for the event, unless one is kept already. An event of an
    older draw (no spans) is kept only when both its actors are coded: with an uncoded or
    missing actor, nothing says which words, if any, the judge saw on that side."""
    if "source_span" in record or _both_coded(record):
        known.setdefault(identity(record), value)


def recall(known: Verdicts, record: dict[str, Any]) -> Any | None:
    """The verdict kept for this event, or for the same event in an older draw when both its
    actors are coded (their codes then stand for them)."""
    found = known.get(identity(record))
    if found is None and _both_coded(record):
        found = known.get(_older_identity(record))
    return found


def write_draw(drawn: list[Drawn], out: Path, sheet: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(d.record) + "\n" for d in drawn)
    sheet.write_text("\n\n".join(d.sheet for d in drawn) + "\n", encoding="utf-8")


def _verdicts(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def score(draw_file: Path, verdict_file: Path) -> dict[str, Any]:
    """Precision: the share of drawn events whose root, source and target are all right."""
    keys = [f"{r['id']}#{r['event']}" for r in _verdicts(draw_file)]
    verdicts = {v["key"]: v for v in _verdicts(verdict_file)}
    missing = [k for k in keys if k not in verdicts]
    judged = [verdicts[k] for k in keys if k in verdicts]
    n = len(judged)

    def share(field: str) -> float:
        return round(sum(bool(v[field]) for v in judged) / n, 3) if n else 0.0

    correct = sum(bool(v["root_ok"] and v["source_ok"] and v["target_ok"]) for v in judged)
    return {
        "drawn": len(keys),
        "judged": n,
        "unjudged": missing[:10],
        "precision": round(correct / n, 3) if n else 0.0,
        "root_right": share("root_ok"),
        "source_right": share("source_ok"),
        "target_right": share("target_ok"),
    }
