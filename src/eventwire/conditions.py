"""SQL conditions that every query layer shares (the store, dedup's listings, the explorer):
a code prefix as an index range. At the bottom of the layers."""

from __future__ import annotations

from typing import Any


def _successor(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def code_match(column: str, value: str, exact: bool = False) -> tuple[str, list[Any]]:
    """A code column equal to ``value`` or, unless ``exact``, starting with it (an index
    range, not LIKE: ``_`` and ``%`` mean themselves)."""
    if exact:
        return f"{column} = ?", [value]
    return f"({column} >= ? AND {column} < ?)", [value, _successor(value)]
