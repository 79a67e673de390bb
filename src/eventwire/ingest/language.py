"""Language identification, so non-English articles are skipped with a reason, not mis-coded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MIN_WORDS = 12  # below this, identifiers guess; we keep short texts rather than drop them
MIN_CONFIDENCE = 0.95
SAMPLE_CHARS = 3000


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confidence: float


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess | None:
    """Best guess on a sample of the text, or None when the text is too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return None
    lang, prob = _identifier().classify(sample)
    return LanguageGuess(str(lang), float(prob))


def is_confidently_not_english(guess: LanguageGuess | None) -> bool:
    return guess is not None and guess.language != "en" and guess.confidence >= MIN_CONFIDENCE
