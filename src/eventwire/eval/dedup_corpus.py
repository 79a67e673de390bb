"""A near-duplicate test corpus built from FA-KES, with its ground truth.

FA-KES (``shared/data/corpora/fakes/fakes.csv``) holds 804 Syrian-war news articles. We take
100 of them as originals and write syndicated copies of each with the edits wire stories go
through: a changed headline, another outlet's dateline prepended, a dropped or reordered
paragraph, light word substitutions, a trimmed ending, an outlet's footer, and a publication
date up to a day later. The ground truth records which copies belong to which original.

The originals are chosen so that the ground truth is clean: no two are near-duplicates of each
other (exact shingle Jaccard below 0.1), and their publication dates are at least
``MIN_DAYS_APART`` days apart, so an event merged across two originals is an error rather than
two outlets' reports of one happening. Everything is seeded, so a corpus is reproducible; it is
written to a directory of the caller's choosing (never into the repository).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eventwire.dedup.stories import shingles

FAKES = Path("data") / "corpora" / "fakes" / "fakes.csv"
MIN_DAYS_APART = 5
MIN_CHARS, MAX_CHARS = 900, 5000

OUTLETS = [
    "Reuters", "AFP", "Al Arabiya", "Daily Sabah", "TRT World", "Jordan Times", "Asharq Al-Awsat",
    "Al Ahram", "Al Manar", "Sputnik", "TASS", "NNA", "Al Araby", "Anadolu", "Middle East Eye",
]  # fmt: skip
DATELINE_CITIES = ["BEIRUT", "AMMAN", "ISTANBUL", "DAMASCUS", "CAIRO", "MOSCOW", "GENEVA"]
SUBSTITUTIONS = {
    "said": "stated", "people": "persons", "city": "town", "attack": "assault",
    "attacks": "assaults", "several": "a number of", "many": "numerous", "area": "region",
    "near": "close to", "began": "started", "large": "big", "also": "additionally",
    "killed": "left dead", "wounded": "injured", "forces": "troops", "residents": "locals",
}  # fmt: skip
HEADLINE_PREFIXES = ["UPDATE 1-", "UPDATE 2-", "Syria: ", "BREAKING: ", "Report: "]
FOOTERS = [
    "Follow {outlet} on Twitter for the latest updates.",
    "Copyright {outlet}. All rights reserved.",
    "This story was distributed by {outlet}.",
]
EDITS = ["headline", "dateline", "drop_paragraph", "reorder", "substitute", "trim", "footer"]

_SENTENCE_END = re.compile(r'(?<=[.!?"])\s+(?=[A-Z"])')


@dataclass
class CorpusArticle:
    id: str
    family: str  # the id of the original this article is (a copy of)
    title: str
    text: str
    published: str
    source: str
    edits: list[str] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "source": self.source,
        }


def read_fakes(shared: Path) -> list[dict[str, str]]:
    """FA-KES rows; the file mixes encodings, so undecodable bytes become spaces."""
    raw = (shared / FAKES).read_bytes().decode("utf-8", errors="replace").replace("\ufffd", " ")
    csv.field_size_limit(10**8)
    return list(csv.DictReader(raw.splitlines()))


def _date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value.strip(), "%m/%d/%y").date()
    except ValueError:
        return None


def _paragraphs(content: str, rng: random.Random) -> list[str]:
    """FA-KES bodies are one line: split into sentences, regroup as 1-3 sentence paragraphs."""
    sentences = [s.strip() for s in _SENTENCE_END.split(" ".join(content.split())) if s.strip()]
    paragraphs, i = [], 0
    while i < len(sentences):
        n = rng.choice([1, 2, 2, 3])
        paragraphs.append(" ".join(sentences[i : i + n]))
        i += n
    return paragraphs


def _jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def pick_originals(rows: list[dict[str, str]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """``n`` distinct, dated, mid-length articles, pairwise far apart in text and date."""
    pool = [r for r in rows if _date(r["date"]) and len(r["article_content"]) >= MIN_CHARS]
    pool = [r for r in pool if len(r["article_content"]) <= MAX_CHARS]
    rng.shuffle(pool)
    chosen: list[dict[str, Any]] = []
    for row in pool:
        day = _date(row["date"])
        assert day is not None
        grams = shingles(row["article_content"])
        if any(abs((day - c["day"]).days) < MIN_DAYS_APART for c in chosen):
            continue
        if any(_jaccard(grams, c["grams"]) >= 0.1 for c in chosen):
            continue
        chosen.append({"row": row, "day": day, "grams": grams})
        if len(chosen) == n:
            break
    return chosen


def _substitute(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Replace three to six words from the substitution table, at random occurrences."""
    spots = [
        (p, m.start(), m.end())
        for p, para in enumerate(paragraphs)
        for m in re.finditer(r"\b(" + "|".join(SUBSTITUTIONS) + r")\b", para)
    ]
    chosen = sorted(rng.sample(spots, min(len(spots), rng.randint(3, 6))), reverse=True)
    out = list(paragraphs)
    for p, start, end in chosen:  # right to left, so earlier offsets stay valid
        out[p] = out[p][:start] + SUBSTITUTIONS[out[p][start:end]] + out[p][end:]
    return out


def _headline(title: str, rng: random.Random) -> str:
    words = title.split()
    if rng.random() < 0.5 or len(words) < 4:
        return rng.choice(HEADLINE_PREFIXES) + title
    swapped = [SUBSTITUTIONS.get(w.lower(), w) for w in words]
    if swapped == words:
        cut = rng.randint(max(3, len(words) // 2), len(words) - 1)
        return " ".join(words[:cut])
    return " ".join(swapped)


def make_copy(
    original: CorpusArticle, number: int, outlet: str, day: dt.date, rng: random.Random
) -> CorpusArticle:
    """One syndicated copy: two to four edits drawn from ``EDITS``.

    Dropping and trimming together remove at most 40% of the paragraphs: a copy that keeps only
    a third of the story is a different judgement call, not a light edit.
    """
    paragraphs = original.text.split("\n\n")
    keep = -(-len(paragraphs) * 6 // 10)  # ceil(60%)
    edits = sorted(rng.sample(EDITS, rng.randint(2, 4)), key=EDITS.index)
    title = original.title
    for edit in edits:
        if edit == "headline":
            title = _headline(title, rng)
        elif edit == "drop_paragraph" and len(paragraphs) > max(keep, 3):
            del paragraphs[rng.randrange(1, len(paragraphs))]
        elif edit == "reorder" and len(paragraphs) >= 4:
            i = rng.randrange(1, len(paragraphs) - 1)
            paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
        elif edit == "substitute":
            paragraphs = _substitute(paragraphs, rng)
        elif edit == "trim" and len(paragraphs) > max(keep, 2):
            paragraphs = paragraphs[: max(keep, len(paragraphs) - rng.choice([1, 1, 2]))]
        elif edit == "footer":
            paragraphs.append(rng.choice(FOOTERS).format(outlet=outlet))
        elif edit == "dateline":
            city = rng.choice(DATELINE_CITIES)
            paragraphs[0] = f"{city}, {day:%B} {day.day} ({outlet}) - {paragraphs[0]}"
    return CorpusArticle(
        id=f"{original.id}-c{number}",
        family=original.id,
        title=title,
        text="\n\n".join(paragraphs),
        published=day.isoformat(),
        source=outlet,
        edits=edits,
    )


def build_corpus(shared: Path, originals: int = 100, seed: int = 6) -> list[CorpusArticle]:
    """Originals and their copies (0-3 each, about two on average), in a shuffled order."""
    rng = random.Random(seed)
    articles: list[CorpusArticle] = []
    for n, pick in enumerate(pick_originals(read_fakes(shared), originals, rng)):
        row, day = pick["row"], pick["day"]
        original = CorpusArticle(
            id=f"o{n:03d}",
            family=f"o{n:03d}",
            title=" ".join(row["article_title"].split()),
            text="\n\n".join(_paragraphs(row["article_content"], rng)),
            published=day.isoformat(),
            source=row["source"].strip() or "unknown",
        )
        articles.append(original)
        outlets = [o for o in OUTLETS if o.lower() != original.source.lower()]
        for c, outlet in enumerate(rng.sample(outlets, rng.choice([0, 1, 2, 2, 3, 3]))):
            copy_day = day + dt.timedelta(days=rng.choice([0, 0, 0, 1]))
            articles.append(make_copy(original, c + 1, outlet, copy_day, rng))
    rng.shuffle(articles)
    return articles


def write_corpus(articles: list[CorpusArticle], out: Path) -> tuple[Path, Path]:
    """``articles.jsonl`` (ingest input) and ``truth.json`` (family and edits of each id)."""
    out.mkdir(parents=True, exist_ok=True)
    corpus, truth = out / "articles.jsonl", out / "truth.json"
    corpus.write_text(
        "".join(json.dumps(a.record(), ensure_ascii=False) + "\n" for a in articles),
        encoding="utf-8",
    )
    meta = {a.id: {k: v for k, v in asdict(a).items() if k not in ("text",)} for a in articles}
    truth.write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return corpus, truth
