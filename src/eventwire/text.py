"""Lookup keys for names: the one normalisation that dictionary phrases, gazetteer names and
text mentions all go through, so that they meet. At the bottom of the layers: it imports
nothing of eventwire."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD = str.maketrans(
    {"ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
     "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
     "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "_": " "}
)  # fmt: skip
_POSSESSIVE = re.compile(r"(?<=\w)'S\b|(?<=S)'(?=\s|$)")
_DROP = re.compile(r"[.'\u00ad]")  # U.S. → US, Ja'afari → JAAFARI, soft hyphens
_SEPARATORS = re.compile(r"[\W_]+")


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """Surface text → lookup key: uppercase ASCII-folded tokens joined by single spaces.

    Dictionary phrases and text mentions go through the same function, so "Çavuşoğlu",
    "the U.S.", "Russia's", "al-Assad" and "BASHAR_AL-ASSAD_" meet their keys as
    CAVUSOGLU, US, RUSSIA and BASHAR AL ASSAD. A leading "the" is dropped.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).upper()
    folded = _DROP.sub("", _POSSESSIVE.sub("", folded)).replace("&", " AND ")
    tokens = _SEPARATORS.sub(" ", folded).split()
    if len(tokens) > 1 and tokens[0] == "THE":
        tokens = tokens[1:]
    return " ".join(tokens)
