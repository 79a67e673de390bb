"""Discards: phrases that mark a sentence or a whole story as not political event news.

Sports results, entertainment and anniversaries are where dictionary coders make their
funniest mistakes ("Manchester United beat Arsenal" as a military clash). A PETRARCH discard
file lists such phrases; a leading ``+`` discards the whole story, otherwise the sentence.
eventwire ships a topical subset of the Phoenix discards (see ``tools/build_discards.py``) and
reads user files in the same format (``--discards FILE``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire.actors.dictionary import normalize
from eventwire.config import DEFAULT, CoderConfig

SHIPPED = "data/discards.tsv"


class DiscardFileError(ValueError):
    pass


@dataclass
class Discards:
    """Phrases, matched as whole words, case-insensitively, by one regex per level."""

    story: list[str] = field(default_factory=list)
    sentence: list[str] = field(default_factory=list)
    _compiled: dict[str, Any] = field(default_factory=dict, repr=False)

    def add(self, phrase: str, story_level: bool) -> None:
        words = normalize(phrase.replace("_", " ")).split()
        if words:
            (self.story if story_level else self.sentence).append(" ".join(words))
            self._compiled.clear()

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
        return Discards(list(self.story), list(self.sentence))

    def _index(self) -> dict[str, list[tuple[tuple[str, ...], bool]]]:
        """First word → (phrase words, story level), built once per change."""
        if "index" not in self._compiled:
            index: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
            for phrases, story_level in ((self.story, True), (self.sentence, False)):
                for phrase in phrases:
                    words = tuple(_WORD.findall(phrase))
                    if words:
                        index.setdefault(words[0], []).append((words, story_level))
            self._compiled["index"] = index
        return self._compiled["index"]

    def find(self, doc: Doc) -> tuple[bool, set[int]]:
        """(the story is discarded, indexes of discarded sentences)."""
        index = self._index()
        if not index:
            return False, set()
        matches = list(_WORD.finditer(doc.text.upper()))
        words = [m.group() for m in matches]
        hits: list[int] = []
        for i, word in enumerate(words):
            for phrase, story_level in index.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    if story_level:
                        return True, set()
                    hits.append(matches[i].start())
        if not hits:
            return False, set()
        starts = [s.start_char for s in doc.sents]
        return False, {bisect.bisect_right(starts, h) - 1 for h in hits}


_WORD = re.compile(r"\w+")


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


@lru_cache(maxsize=8)
def discards(config: CoderConfig = DEFAULT) -> Discards:
    if config.shipped_dictionaries and not config.discard_files:
        return load_discards()
    found = load_discards().copy() if config.shipped_dictionaries else Discards()
    for path in config.discard_files:
        found.add_file(path)
    return found
