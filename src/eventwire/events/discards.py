"""Discards: phrases that mark a sentence or a whole story as not political event news.

Sports results, entertainment and anniversaries are where dictionary coders make their
funniest mistakes ("Manchester United beat Arsenal" as a military clash). A PETRARCH discard
file lists such phrases; a leading ``+`` discards the whole story, otherwise the sentence.
eventwire ships a topical subset of the Phoenix discards (see ``tools/build_discards.py``) and
reads user files in the same format (``--discards FILE``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from eventwire.actors.dictionary import normalize

SHIPPED = "data/discards.tsv"


class DiscardFileError(ValueError):
    pass


@dataclass
class Discards:
    """Phrases as token tuples, indexed by their first token for a single pass over a doc."""

    story: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    sentence: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def add(self, phrase: str, story_level: bool) -> None:
        tokens = tuple(normalize(phrase.replace("_", " ")).split())
        if tokens:
            target = self.story if story_level else self.sentence
            target.setdefault(tokens[0], []).append(tokens)

    def add_file(self, path: str | Path) -> None:
        """A PETRARCH discard file: one phrase a line, ``+`` for story level, ``#`` comments."""
        errors = []
        for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            story_level = text.startswith("+")
            phrase = text.lstrip("+").strip()
            if not normalize(phrase):
                errors.append(f"{path}:{lineno}: no phrase in discard line {line!r}")
                continue
            self.add(phrase, story_level)
        if errors:
            raise DiscardFileError("; ".join(errors))

    def copy(self) -> Discards:
        return Discards(
            {k: list(v) for k, v in self.story.items()},
            {k: list(v) for k, v in self.sentence.items()},
        )

    def find(self, doc: Doc) -> tuple[bool, set[int]]:
        """(the story is discarded, indexes of discarded sentences)."""
        keys = [normalize(t.text) for t in doc]
        story = False
        sentences: set[int] = set()
        starts = {s.start: i for i, s in enumerate(doc.sents)}
        sentence_of = []
        current = 0
        for t in doc:
            current = starts.get(t.i, current)
            sentence_of.append(current)
        for i, key in enumerate(keys):
            for table, is_story in ((self.story, True), (self.sentence, False)):
                for phrase in table.get(key, ()):
                    if tuple(keys[i : i + len(phrase)]) == phrase:
                        if is_story:
                            story = True
                        else:
                            sentences.add(sentence_of[i])
        return story, sentences


@lru_cache(maxsize=1)
def load_discards() -> Discards:
    """The shipped discards (a topical subset of Phoenix.discards.txt)."""
    discards = Discards()
    text = resources.files("eventwire").joinpath(SHIPPED).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            scope, phrase = line.split("\t", 1)
            discards.add(phrase, scope == "story")
    return discards
