"""SQL conditions that every query layer shares (the store, dedup's listings, the explorer):
a code prefix as an index range, and a conjunction of the conditions given. At the bottom of
the layers."""

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


def conjunction(conditions: list[tuple[str, Any, list[Any]]]) -> tuple[str, list[Any]]:
    """``a AND b …`` and its parameters from (sql, value, params) triples whose value is
    set; the one condition builder of the store and the explorer's queries."""
    used = [(sql, params) for sql, value, params in conditions if value]
    return " AND ".join(sql for sql, _ in used), [p for _, params in used for p in params]


def where_clause(conditions: list[tuple[str, Any, list[Any]]]) -> tuple[str, list[Any]]:
    """``WHERE …`` (or "") and its parameters from (sql, value, params) triples whose value
    is set."""
    sql, params = conjunction(conditions)
    return (f"WHERE {sql} " if sql else ""), params
