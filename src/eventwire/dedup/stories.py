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
  then checked against their signatures, so a low LSH threshold costs little and keeps recall
  (unrelated news shares almost no 5-shingles: on Reuters-21578 a new article has under one
  candidate on average).
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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash

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


def best_matches(sig: Signature, others: dict[str, Signature]) -> list[Match]:
    """The ``others`` that are one story with ``sig``, most similar first."""
    found = []
    for key, other in others.items():
        jaccard, containment = sig.similarity(other)
        if same_story(jaccard, containment, sig.numbers, other.numbers):
            found.append(Match(key, round(jaccard, 3), round(containment, 3)))
    return sorted(found, key=lambda m: (-m.jaccard, -m.containment, m.article_id))


# Band b's key is the uint64 of rows 2b and 2b+1, salted per band so that bands never collide.
_SALT = np.random.default_rng(6).integers(0, 2**63, LSH_BANDS, dtype=np.uint64)


def band_keys(hashvalues: np.ndarray) -> np.ndarray:
    """The LSH band keys of one signature (or of a stack of them, one row each)."""
    values = np.ascontiguousarray(hashvalues, dtype="<u4")[..., : LSH_BANDS * LSH_ROWS]
    return values.view("<u8") ^ _SALT


class StoryIndex:
    """LSH over article signatures: which stored articles share a band with a new one.

    The banding is datasketch's MinHashLSH with ``params=(64, 2)`` (the same candidates; a test
    checks it), stored compactly: datasketch keeps a Python set per bucket, 387 MB for the
    19,043 Reuters-21578 bodies, where this keeps every band key in one sorted numpy array with
    its row number beside it (under 1 KB per article: about 18 MB for those 19,043). Articles
    added since the last merge wait in a small buffer that is searched directly; a merge
    re-sorts (numpy's radix sort for integers). The signatures themselves stay in the database;
    the caller checks candidates against them, which also drops articles deleted since.
    """

    MERGE_EVERY = 2048

    def __init__(self) -> None:
        self.ids: list[str] = []  # row → article id
        self.rows: dict[str, int] = {}  # article id → its live row
        self._keys = np.empty(0, dtype=np.uint64)  # sorted band keys
        self._owners = np.empty(0, dtype=np.int32)  # row of each key
        self._pending = np.empty((self.MERGE_EVERY, LSH_BANDS), dtype=np.uint64)
        self._pending_rows: list[int] = []

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, key: str, sig: Signature) -> None:
        self.add_many([(key, np.asarray(sig.minhash.hashvalues))])

    def add_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Index ``(article id, hash values)`` pairs; an id indexed before is replaced."""
        for key, hashvalues in items:
            row = len(self.ids)
            self.ids.append(key)
            self.rows[key] = row
            self._pending[len(self._pending_rows)] = band_keys(hashvalues)
            self._pending_rows.append(row)
            if len(self._pending_rows) == self.MERGE_EVERY:
                self._merge()

    def discard(self, key: str) -> None:
        self.rows.pop(key, None)  # its keys stay until they are filtered out at query time

    def candidates(self, sig: Signature, limit: int | None = None) -> list[str]:
        """Ids of indexed articles that share at least one band with ``sig``. With ``limit``,
        at most that many: those sharing the most bands, read from the ``limit`` most recent
        articles of each band. A story reported thousands of times then costs the same per
        article as a small one; its newest copies stand for it."""
        query = band_keys(np.asarray(sig.minhash.hashvalues))
        shared: Counter[int] = Counter()
        if len(self._keys):
            left = np.searchsorted(self._keys, query, side="left")
            right = np.searchsorted(self._keys, query, side="right")
            for lo, hi in zip(left.tolist(), right.tolist(), strict=True):
                if hi > lo:  # a bucket's rows are in the order they were indexed
                    start = lo if limit is None else max(lo, hi - limit)
                    shared.update(self._owners[start:hi].tolist())
        n = len(self._pending_rows)
        if n:
            counts = (self._pending[:n] == query).sum(axis=1)
            shared.update({self._pending_rows[i]: int(counts[i]) for i in np.flatnonzero(counts)})
        live = [
            (-count, -row, self.ids[row])  # most bands shared, then most recent
            for row, count in shared.items()
            if self.rows.get(self.ids[row]) == row
        ]
        if limit is not None:
            live = sorted(live)[:limit]
        return sorted(key for _, _, key in live)

    def _merge(self) -> None:
        n = len(self._pending_rows)
        keys = np.concatenate([self._keys, self._pending[:n].ravel()])
        rows = np.repeat(np.asarray(self._pending_rows, dtype=np.int32), LSH_BANDS)
        owners = np.concatenate([self._owners, rows])
        order = np.argsort(keys, kind="stable")
        self._keys, self._owners = keys[order], owners[order]
        self._pending_rows = []
