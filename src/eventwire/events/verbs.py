"""Verb dictionary in the PETRARCH format: a verb gives a CAMEO code, its object refines it.

The shipped dictionary is CAMEO.2.0 from openeventdata/petrarch2 (MIT), parsed at build time by
`tools/build_ontology.py` into `data/verbs.json.gz` so that loading needs no text parsing. The
same parser reads user dictionaries at run time (`--verbs FILE`), so it reports every malformed
line as ``file:line: message`` instead of skipping it silently.

The file format (synsets, verb blocks, patterns, ``[CODE:REVERSE]`` codes) and its parser are
in ``events/verb_file.py``. Words are kept as lowercase lemmas, and the caller's lemmas are
normalised the same way before matching, so spaCy and the dictionary meet halfway.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire.config import DEFAULT, CoderConfig
from eventwire.events.verb_file import (
    COMPOUND,
    FORMAT,
    PACKAGE_DATA,
    SUPPLEMENT,
    VERB,
    VerbEntry,
    VerbFileError,
    VerbPattern,
    Word,
    _split,
    normalise_lemma,
    normalise_words,
    parse_verb_text,
    read_verb_file,
)

__all__ = [
    "COMPOUND",
    "VERB",
    "VerbDictionary",
    "VerbEntry",
    "VerbFileError",
    "VerbPattern",
    "dump_raw",
    "load_verbs",
    "normalise_words",
    "parse_verb_text",
    "read_verb_file",
    "verb_dictionary",
]


# ---------------------------------------------------------------------------- dictionary
class VerbDictionary:
    """Verb lemma → entry (default code, block); block → patterns that refine the code."""

    def __init__(self) -> None:
        self._entries: dict[str, VerbEntry] = {}
        self._forms: dict[str, str] = {}
        self._blocks: dict[str, tuple[VerbPattern, ...]] = {}
        self._synsets: dict[str, frozenset[str]] = {}
        self.sources: list[str] = []
        self._index: dict[str, tuple[tuple[VerbPattern, ...], list[Any]]] = {}

    def _indexed(self, block: str) -> list[tuple[int, VerbPattern, frozenset[str] | None]]:
        """The block's patterns with the words one of which must occur for them to match."""
        patterns = self._blocks.get(block, ())
        cached = self._index.get(block)
        if cached is None or cached[0] is not patterns:
            cached = (patterns, [(i, p, _anchors(p)) for i, p in enumerate(patterns)])
            self._index[block] = cached
        return cached[1]

    # -- building
    @classmethod
    def from_raw(cls, raw: dict[str, Any], source: str = "<raw>") -> VerbDictionary:
        dictionary = cls()
        dictionary._merge(raw, source)
        return dictionary

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> VerbDictionary:
        dictionary = cls()
        dictionary.add_file(path)
        return dictionary

    def copy(self) -> VerbDictionary:
        """An independent dictionary (patterns are immutable and shared)."""
        other = VerbDictionary()
        other._entries = dict(self._entries)
        other._forms = dict(self._forms)
        other._blocks = dict(self._blocks)
        other._synsets = dict(self._synsets)
        other.sources = list(self.sources)
        return other

    def add_file(self, path: str | os.PathLike[str]) -> None:
        """Merge a user dictionary; later files win: its verbs replace existing entries, its
        patterns go before those of a same-named block, its synsets replace same-named ones.
        Raises VerbFileError (every malformed line, as file:line) and merges nothing then."""
        raw, errors, _stats = read_verb_file(path, known_synsets=self._synsets.keys())
        if errors:
            raise VerbFileError(errors)
        self._merge(raw, str(path))

    def _merge(self, raw: dict[str, Any], source: str) -> None:
        if raw.get("format") != FORMAT:
            raise ValueError(f"{source}: unsupported verb data format {raw.get('format')!r}")
        synsets = dict(self._synsets)
        for name, members in raw["synsets"].items():
            synsets[name] = frozenset(members)

        def word(w: str | list[str]) -> Word:
            if isinstance(w, list):  # a run of adjacent words
                return tuple(synsets[x[1:]] if x.startswith("&") else x for x in w)
            return synsets[w[1:]] if w.startswith("&") else w

        for name, block in raw["blocks"].items():
            new = tuple(
                VerbPattern(
                    code=code,
                    before=tuple(word(w) for w in before),
                    after=tuple(word(w) for w in after),
                    preps=tuple((p, tuple(word(w) for w in ws)) for p, ws in preps),
                    verb=verb,
                    reverse=reverse,
                    swap=bool(rest and rest[0]),
                    anchors=tuple((a[0], a[1], int(a[2])) for a in rest[1])
                    if len(rest) > 1
                    else (),
                )
                for code, reverse, before, after, preps, verb, *rest in block["patterns"]
            )
            self._blocks[name] = new + self._blocks.get(name, ())
        for lemma, (code, reverse, block_name) in raw["verbs"].items():
            self._entries[lemma] = VerbEntry(lemma, code, block_name, reverse)
        self._forms.update(raw.get("forms", {}))
        self._synsets = synsets
        self.sources.append(source)

    # -- lookups
    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, lemma: object) -> bool:
        return isinstance(lemma, str) and normalise_lemma(lemma) in self._entries

    def lemmas(self) -> list[str]:
        return sorted(self._entries)

    def entry(self, lemma: str) -> VerbEntry | None:
        """By lemma or phrasal lemma ("meet with"), or by a form the dictionary lists for a
        verb ("cordoned off"), which follows that verb's current entry."""
        key = normalise_lemma(lemma)
        found = self._entries.get(key)
        if found is None and key in self._forms:
            found = self._entries.get(self._forms[key])
        return found

    def patterns(self, lemma: str) -> list[VerbPattern]:
        """The patterns of the lemma's block (PETRARCH applies a block's patterns to all its
        verbs), in dictionary order; empty for an unknown lemma."""
        entry = self.entry(lemma)
        return list(self._blocks.get(entry.block, ())) if entry else []

    def match(
        self,
        lemma: str,
        after_lemmas: Iterable[str],
        preps: Iterable[tuple[str, Iterable[str]]],
        before_lemmas: Iterable[str] | None = None,
        after_sequence: Sequence[set[str]] | None = None,
        before_sequence: Sequence[set[str]] | None = None,
    ) -> tuple[str | None, VerbPattern | None]:
        """Best code for a clause.

        The most specific pattern (most words matched) wins if all its `after` words occur among
        the object-side lemmas (or inside the clause's prepositional phrases: parsers disagree on
        attachment) and each of its prepositional phrases matches one of `preps` (preposition
        and all its words). Patterns with subject-side words are only tried when
        `before_lemmas` is given. With the words' order (``after_sequence``: the normalised
        forms of each word after the verb; ``before_sequence``: those before it, ending with
        {VERB}), multi-word items must be adjacent. Ties go to a pattern written for this
        very verb, then to the earlier one. Without a matching pattern: the entry's own code.
        Unknown lemma: (None, None). A matching pattern may carry code None: [---] means "no
        event" and [:020] means only the reverse event (see `VerbPattern.reverse`).
        """
        entry = self.entry(lemma)
        if entry is None:
            return None, None
        pool = _pool(after_lemmas)
        prep_pools: list[tuple[str, set[str]]] = []
        for prep, words in preps:
            words_pool = _pool(words)
            prep_pools.append((prep.lower().strip(), words_pool))
            pool |= words_pool
            pool.add(prep.lower().strip())
        before_pool = _pool(before_lemmas) if before_lemmas is not None else None
        head = entry.lemma.split(" ")[0]
        best: tuple[int, int, int] | None = None
        best_pattern: VerbPattern | None = None
        for index, pattern, anchors in self._indexed(entry.block):
            if anchors is not None and anchors.isdisjoint(pool):
                continue  # cheap pre-filter: the pattern's first required word is absent
            score = _score(pattern, pool, prep_pools, before_pool, after_sequence, before_sequence)
            if score is None:
                continue
            key = (score, int(pattern.verb in (entry.lemma, head)), -index)
            if best is None or key > best:
                best, best_pattern = key, pattern
        if best_pattern is not None:
            return best_pattern.code, best_pattern
        return entry.code, None


def _pool(lemmas: Iterable[str]) -> set[str]:
    pool: set[str] = set()
    for lemma in lemmas:
        pool.update(_split(normalise_words(lemma)) if lemma else ())
    pool.discard("")
    return pool


def _anchors(pattern: VerbPattern) -> frozenset[str] | None:
    """Words of which at least one must be in the clause's pool for ``pattern`` to match."""
    if pattern.after:
        word = pattern.after[0]
        first = word[0] if isinstance(word, tuple) else word
        alternatives = [first] if isinstance(first, str) else list(first)
        return frozenset(_split(a)[0] for a in alternatives)
    if pattern.preps:
        return frozenset(name for name in pattern.preps[0][0].split("/"))
    return None


def _alternatives(element: str | frozenset[str]) -> list[tuple[str, ...]]:
    return [_split(element)] if isinstance(element, str) else [_split(a) for a in element]


def _word_score(word: Word, pool: set[str], sequence: Sequence[set[str]] | None = None) -> int:
    """Number of words matched (0 = not matched). With the clause's word ``sequence``, the
    words of a multi-word item must be adjacent ("REALLY_PLEASANT"); without it, anywhere."""
    elements = word if isinstance(word, tuple) else (word,)
    multi = len(elements) > 1 or any(len(a) > 1 for a in _alternatives(elements[0]))
    if sequence is not None and multi:
        return max((_run_at(elements, sequence, i) or 0 for i in range(len(sequence))), default=0)
    total = 0
    for element in elements:
        if element == VERB:
            continue
        fits = [len(a) for a in _alternatives(element) if all(p in pool for p in a)]
        if not fits:
            return 0
        total += max(fits)
    return total


def _run_at(elements: Sequence[Any], sequence: Sequence[set[str]], i: int) -> int | None:
    """Words matched by ``elements`` laid end to end from position ``i``, or None."""
    if not elements:
        return 0
    head, rest = elements[0], elements[1:]
    if head == VERB:
        return _run_at(rest, sequence, i + 1) if i < len(sequence) and VERB in sequence[i] else None
    best: int | None = None
    for words in _alternatives(head):
        n = len(words)
        if i + n <= len(sequence) and all(words[k] in sequence[i + k] for k in range(n)):
            tail = _run_at(rest, sequence, i + n)
            if tail is not None and (best is None or n + tail > best):
                best = n + tail
    return best


def _score(
    pattern: VerbPattern,
    pool: set[str],
    prep_pools: list[tuple[str, set[str]]],
    before_pool: set[str] | None,
    after_sequence: Sequence[set[str]] | None = None,
    before_sequence: Sequence[set[str]] | None = None,
) -> int | None:
    score = 0
    if pattern.before:
        if before_pool is None:
            return None
        for word in pattern.before:
            n = _word_score(word, before_pool, before_sequence)
            if not n:
                return None
            score += n
    for word in pattern.after:
        n = _word_score(word, pool, after_sequence)
        if not n:
            return None
        score += n
    for prep, words in pattern.preps:
        names = prep.split("/")
        best = 0
        for name, words_pool in prep_pools:
            if name not in names:
                continue
            total = 1
            for word in words:
                n = _word_score(word, words_pool, after_sequence)
                if not n:
                    break
                total += n
            else:
                best = max(best, total)
        if not best:
            return None
        score += best
    return score


@lru_cache(maxsize=1)
def load_verbs() -> VerbDictionary:
    """The shipped CAMEO.2.0 dictionary, built once per process from package data.

    The instance is shared: `add_file` on it (what `--verbs FILE` does) changes it for every
    caller in this process; use `.copy()` for a private one."""
    data = resources.files("eventwire").joinpath(PACKAGE_DATA).read_bytes()
    raw = json.loads(gzip.decompress(data))
    verbs = VerbDictionary.from_raw(raw, source="eventwire:" + PACKAGE_DATA)
    with resources.as_file(resources.files("eventwire").joinpath(SUPPLEMENT)) as path:
        verbs.add_file(path)
    return verbs


def dump_raw(raw: dict[str, Any]) -> bytes:
    """Deterministic gzip'd JSON for package data (no timestamp, sorted keys)."""
    text = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


@lru_cache(maxsize=8)
def verb_dictionary(config: CoderConfig = DEFAULT) -> VerbDictionary:
    if config.shipped_dictionaries and not config.verb_files:
        return load_verbs()
    verbs = load_verbs().copy() if config.shipped_dictionaries else VerbDictionary()
    for path in config.verb_files:
        verbs.add_file(path)
    return verbs
