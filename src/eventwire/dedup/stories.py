"""Near-duplicate articles: MinHash signatures over word shingles, and an LSH index over them.

Syndicated copies and light rewrites share most of their word 5-shingles: a changed word breaks
at most five shingles, a prepended dateline or a swapped paragraph a handful. A different story
on the same topic shares almost none, since five words in a row rarely repeat by chance. So the
Jaccard similarity of the shingle sets separates the two well; MinHash estimates it from a small
fixed-size signature, and LSH finds the candidates without comparing every pair.

Parameters (measured on the dedup corpus, see ``eventwire eval dedup``):

- ``NUM_PERM = 128`` permutations: the Jaccard estimate has a standard error of about
  ``sqrt(J(1-J)/128)`` (0.04 at J = 0.5), and a signature takes 512 bytes.
- LSH with ``LSH_BANDS = 64`` bands of 2 rows: a pair is a candidate with probability
  ``1 - (1 - J**2)**64``: 0.93 at J = 0.2, 0.998 at J = 0.3, 0.15 at J = 0.05. Candidates are
  then checked against their signatures, so a low LSH threshold costs little and keeps recall.
- Two articles are one story when the estimated Jaccard similarity is at least
  ``MIN_JACCARD`` (0.35), or when the shorter is mostly contained in the longer (estimated
  containment at least ``MIN_CONTAINMENT``, 0.6, with Jaccard at least 0.2): a copy that drops
  a paragraph and trims its ending is still the same story. On the dedup corpus, copies of one
  original have Jaccard 0.2-1.0 (containment 0.4-1.0) and different articles at most 0.1
  (containment 0.24).
- A weaker match (Jaccard below ``STRONG_JACCARD``, 0.6) must also agree on its numbers: when
  both texts hold two or more distinct numbers, at least ``MIN_NUMBER_CONTAINMENT`` (0.75) of
  the smaller set must be in the other. Templated reports share their wording but not their
  figures (Reuters' daily "Bank of England forecast a shortage of around 800 mln stg …" against
  "… 350 mln stg …", or one company's dividend notice against another's), while a copy keeps
  the figures it does not cut.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
LSH_BANDS, LSH_ROWS = 64, 2
MIN_JACCARD = 0.35
MIN_CONTAINMENT = 0.6
MIN_JACCARD_CONTAINED = 0.2
STRONG_JACCARD = 0.6
MIN_NUMBER_CONTAINMENT = 0.75

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def words(text: str) -> list[str]:
    """Normalised words: NFKC, lower case, curly quotes folded, punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _WORD.findall(text.replace("'", ""))


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Word k-shingles of the text (a text shorter than k words is one shingle; a text with no
    words at all, its stripped self)."""
    tokens = words(text)
    if not tokens:
        return {text.strip().encode()}
    if len(tokens) < k:
        return {" ".join(tokens).encode()}
    return {" ".join(tokens[i : i + k]).encode() for i in range(len(tokens) - k + 1)}


def numbers(text: str) -> frozenset[str]:
    """The distinct numbers in a text, thousands separators dropped (``1,520`` → ``1520``)."""
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(text))


@dataclass(frozen=True)
class Signature:
    """A MinHash signature, the number of distinct shingles it summarises, and the text's
    numbers (to tell templated reports apart)."""

    minhash: LeanMinHash
    size: int
    numbers: frozenset[str] = frozenset()

    def to_bytes(self) -> bytes:
        return np.asarray(self.minhash.hashvalues, dtype="<u4").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes, size: int, numbers: str = "") -> Signature:
        values = np.frombuffer(blob, dtype="<u4")
        minhash = LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)
        return cls(minhash, size, frozenset(numbers.split()))

    def numbers_text(self) -> str:
        return " ".join(sorted(self.numbers))

    def similarity(self, other: Signature) -> tuple[float, float]:
        """Estimated (Jaccard, containment of the smaller set in the larger)."""
        jaccard = float(self.minhash.jaccard(other.minhash))
        smaller = min(self.size, other.size)
        if not smaller:
            return jaccard, 0.0
        intersection = jaccard / (1 + jaccard) * (self.size + other.size)
        return jaccard, min(1.0, intersection / smaller)


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> Signature:
    """The signature of an article body."""
    grams = shingles(text)
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_PERMUTATIONS)
    mh.update_batch(grams)
    return Signature(LeanMinHash(mh), len(grams), numbers(text))


def numbers_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Most numbers of the text with fewer are in the other (vacuous under two numbers)."""
    if min(len(a), len(b)) < 2:
        return True
    return len(a & b) / min(len(a), len(b)) >= MIN_NUMBER_CONTAINMENT


def same_story(
    jaccard: float,
    containment: float,
    numbers_a: frozenset[str] = frozenset(),
    numbers_b: frozenset[str] = frozenset(),
) -> bool:
    """The decision rule: near-identical, or the shorter text mostly inside the longer; a weak
    match must also agree on its numbers."""
    similar = jaccard >= MIN_JACCARD or (
        containment >= MIN_CONTAINMENT and jaccard >= MIN_JACCARD_CONTAINED
    )
    return similar and (jaccard >= STRONG_JACCARD or numbers_agree(numbers_a, numbers_b))


@dataclass(frozen=True)
class Match:
    article_id: str
    jaccard: float
    containment: float


class StoryIndex:
    """An in-memory LSH index of article signatures (and the signatures), keyed by article id.

    It is rebuilt from the stored signatures when a Store first deduplicates (fine at the
    store's scale: 100,000 signatures take about 60 MB and load in seconds) and kept up to
    date as it goes. Keys of articles deleted since are harmless: the caller checks matches
    against the database.
    """

    def __init__(self) -> None:
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
        self.signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self.signatures)

    def add(self, key: str, sig: Signature) -> None:
        self.discard(key)
        self.lsh.insert(key, sig.minhash, check_duplication=False)
        self.signatures[key] = sig

    def discard(self, key: str) -> None:
        if self.signatures.pop(key, None) is not None:
            self.lsh.remove(key)

    def add_many(self, items: Iterable[tuple[str, Signature]]) -> None:
        for key, sig in items:
            self.add(key, sig)

    def matches(self, sig: Signature, exclude: str | None = None) -> list[Match]:
        """Indexed articles that pass ``same_story`` with ``sig``, most similar first."""
        found = []
        for key in self.lsh.query(sig.minhash):
            if key == exclude:
                continue
            other = self.signatures[key]
            jaccard, containment = sig.similarity(other)
            if same_story(jaccard, containment, sig.numbers, other.numbers):
                found.append(Match(str(key), round(jaccard, 3), round(containment, 3)))
        return sorted(found, key=lambda m: (-m.jaccard, -m.containment, m.article_id))
