"""Score the quotes stage against PolNeAR (``shared/data/gold/polnear``, brat standoff).

PolNeAR marks every attribution in US political news with its Source, Cue and Content spans
(contents may be discontinuous: ``Content 315 448;463 553``). Matching:

- a predicted quote is a top-level quote (``parent`` null: a quotation inside reported speech
  is part of that speech's content, as in PolNeAR) and its content is the union of its pieces;
- a predicted content and a gold content *overlap* when the characters they share are at least
  half of the shorter one; pairs are matched one to one, greedily, best overlap ratio first;
- precision = matched / predicted, recall = matched / gold, F1 their harmonic mean;
- source accuracy: among matched pairs whose gold has a Source, the share whose predicted
  speaker span overlaps the gold Source span by at least one character;
- the direct subset: gold contents whose text begins with a double quotation mark
  (``“`` or ``"``), against predicted quotes of kind ``direct``.

Each article's text file goes to ``extract`` as its body (the headline line included, since
PolNeAR annotates headlines too); offsets come back in the file's own coordinates. Where an
article has several annotators' files, the first (by name) is the gold.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.api import extract_many
from eventwire.contract import result_to_json
from eventwire.model import Span

CORPUS = Path("data") / "gold" / "polnear"
OVERLAP = 0.5
DIRECT_MARKS = ("“", '"')


@dataclass
class Attribution:
    content: list[Span]
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    direct: bool = False


@dataclass
class Document:
    name: str
    text: str
    gold: list[Attribution]


def _spans(field_: str) -> list[Span]:
    spans = []
    for piece in field_.split(";"):
        start, end = piece.split()
        spans.append((int(start), int(end)))
    return spans


def read_ann(text: str, document: str) -> list[Attribution]:
    """The attributions (``E`` lines) of one ``.ann`` file; Discard/Discuss spans are not."""
    spans: dict[str, list[Span]] = {}
    found = []
    for line in text.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, where = cols[1].partition(" ")
            spans[cols[0]] = _spans(where) if label in {"Source", "Cue", "Content"} else []
        elif line.startswith("E") and len(cols) >= 2:
            roles = dict(part.split(":", 1) for part in cols[1].split() if ":" in part)
            content = spans.get(roles.get("Content", ""), [])
            if not content:
                continue
            head = document[content[0][0] : content[0][1]].lstrip()
            found.append(
                Attribution(
                    content=content,
                    source=spans.get(roles.get("Source", ""), []),
                    cue=spans.get(roles.get("Cue", ""), []),
                    direct=head.startswith(DIRECT_MARKS),
                )
            )
    return found


def documents(split: Path, limit: int | None = None) -> list[Document]:
    """The split's articles (``text/NAME.txt``) with their gold (``attributions/NAME_*.ann``)."""
    anns: dict[str, Path] = {}
    for path in sorted((split / "attributions").glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        anns.setdefault(name, path)
    docs = []
    for name in sorted(anns)[:limit]:
        text_path = split / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        docs.append(Document(name, text, read_ann(anns[name].read_text("utf-8"), text)))
    return docs


def _chars(spans: Iterable[Span]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0  # predictions matched to a gold content
    matched_gold: int = 0  # gold contents matched by a prediction
    sources_judged: int = 0
    sources_right: int = 0

    def as_dict(self) -> dict[str, Any]:
        p = self.matched_predicted / self.predicted if self.predicted else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.sources_right / self.sources_judged if self.sources_judged else 0.0
        return {
            "predicted": self.predicted,
            "gold": self.gold,
            "matched": self.matched_gold,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "source_judged": self.sources_judged,
            "source_accuracy": round(acc, 3),
        }


@dataclass
class Score:
    overall: Tally = field(default_factory=Tally)
    direct: Tally = field(default_factory=Tally)
    documents: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "content": self.overall.as_dict(),
            "direct": self.direct.as_dict(),
            "matching": f"overlap >= {OVERLAP} of the shorter content, one-to-one, greedy",
        }


def match(predicted: list[set[int]], gold: list[set[int]]) -> Iterator[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) overlapping by ≥ half the shorter."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = len(p & g)
            shorter = min(len(p), len(g))
            if shorter and shared >= OVERLAP * shorter:
                pairs.append((shared / shorter, shared, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            yield i, j


def score_document(doc: Document, quotes: list[dict[str, Any]], score: Score) -> None:
    """Add one article's predicted quotes (contract objects) to ``score``."""
    top = [q for q in quotes if q.get("parent") is None and q.get("content")]
    predicted = [_chars((s, e) for s, e in q["content"]) for q in top]
    gold = [_chars(a.content) for a in doc.gold]
    pairs = dict(match(predicted, gold))
    score.documents += 1
    for tally, direct_only in ((score.overall, False), (score.direct, True)):
        tally.predicted += sum(1 for q in top if not direct_only or q["kind"] == "direct")
        tally.gold += sum(1 for a in doc.gold if not direct_only or a.direct)
        for i, j in pairs.items():
            q, a = top[i], doc.gold[j]
            tally.matched_predicted += not direct_only or q["kind"] == "direct"
            if direct_only and not a.direct:
                continue
            tally.matched_gold += 1
            if a.source:
                tally.sources_judged += 1
                span = q.get("speaker_span")
                tally.sources_right += bool(
                    span and _chars([(span[0], span[1])]) & _chars(a.source)
                )
    matched_gold = set(pairs.values())
    for j, a in enumerate(doc.gold):
        if j not in matched_gold:
            score.misses.append(f"{doc.name}: {_excerpt(doc.text, a.content)}")
    for i, q in enumerate(top):
        if i not in pairs:
            score.extras.append(f"{doc.name}: {_excerpt(doc.text, q['content'])}")


def _excerpt(text: str, spans: Iterable[Any]) -> str:
    return " | ".join(text[s:e] for s, e in spans)[:160].replace("\n", " ")


def score_polnear(shared: Path, split: str = "dev", limit: int | None = None) -> Score:
    """Run ``extract`` over the split's articles and score their quotes."""
    docs = documents(shared / CORPUS / split, limit)
    score = Score()
    records = [{"id": d.name, "text": d.text} for d in docs]
    for doc, result in zip(docs, extract_many(records), strict=True):
        score_document(doc, result_to_json(result)["quotes"], score)
    return score
