"""Hashed sparse features: a feature string's column, as training and inference both count it."""

from __future__ import annotations

import zlib

import numpy as np


def hash_index(feature: str, bits: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


def feature_indices(features: list[str], bits: int) -> np.ndarray:
    return np.fromiter((hash_index(f, bits) for f in features), dtype=np.int64, count=len(features))
