"""Rows as Arrow record batches, typed by the columns' declared types.

DuckDB reads these directly (``eventwire sql``, the Parquet export), so nothing needs DuckDB's
sqlite extension, which the duckdb wheel does not bundle and which would be downloaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

import pyarrow as pa

BATCH_ROWS = 10_000


def arrow_type(declared: str | None) -> pa.DataType:
    """SQLite's type affinity rules, as Arrow types (text for anything else)."""
    kind = (declared or "").upper()
    if "INT" in kind:
        return pa.int64()
    if any(word in kind for word in ("REAL", "FLOA", "DOUB")):
        return pa.float64()
    if "BLOB" in kind:
        return pa.binary()  # MinHash signatures of story_articles
    return pa.string()


def schema(columns: Sequence[tuple[str, str | None]]) -> pa.Schema:
    return pa.schema([(name, arrow_type(declared)) for name, declared in columns])


def _array(values: list[Any], kind: pa.DataType) -> pa.Array:
    try:
        return pa.array(values, type=kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        # SQLite lets a column hold any type; a value that does not fit is kept as text
        if pa.types.is_string(kind):
            raise
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def batch(rows: Sequence[Sequence[Any]], target: pa.Schema) -> pa.RecordBatch:
    """One record batch from row tuples in ``target``'s column order."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(target)
    arrays = [_array(list(col), f.type) for col, f in zip(columns, target, strict=True)]
    fields = [pa.field(f.name, a.type) for f, a in zip(target, arrays, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))


def batches(rows: Iterable[Sequence[Any]], target: pa.Schema) -> Iterator[pa.RecordBatch]:
    """Record batches of at most ``BATCH_ROWS`` rows, cast to ``target`` where they can be."""
    for chunk in _chunks(rows):
        found = batch(chunk, target)
        yield found if found.schema == target else found.cast(target)


def table(rows: Iterable[Sequence[Any]], target: pa.Schema) -> pa.Table:
    """All rows as one table; a column that held a value of another type anywhere is text."""
    found = [batch(chunk, target) for chunk in _chunks(rows)] or [batch([], target)]
    text = {f.name for b in found for f in b.schema if f.type != target.field(f.name).type}
    unified = pa.schema([pa.field(f.name, pa.string()) if f.name in text else f for f in target])
    return pa.Table.from_batches([b.cast(unified) for b in found], schema=unified)


def _chunks(rows: Iterable[Sequence[Any]]) -> Iterator[list[Sequence[Any]]]:
    it = iter(rows)
    while chunk := list(islice(it, BATCH_ROWS)):
        yield chunk
