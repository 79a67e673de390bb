"""Our own full schema: every stored event column, its article's metadata and the counts,
as CSV, JSON Lines or Parquet partitioned by year and month (``year=YYYY/month=MM/``)."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire import columnar
from eventwire.contract import json_line
from eventwire.export.groups import GROUP_COLUMNS, group_values, with_groups
from eventwire.export.tsv import ExportCount
from eventwire.rows import partition, partition_dir


class ExportError(Exception):
    pass


def full_columns(event_columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(name, declared type)`` of our schema: stored and article columns, then the counts."""
    return event_columns + [(name, "INTEGER") for name in GROUP_COLUMNS]


def full_rows(conn: sqlite3.Connection, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row, group in with_groups(conn, rows):
        yield {**row, **group_values(group)}


def write_csv(
    conn: sqlite3.Connection,
    rows: Iterable[dict[str, Any]],
    columns: list[tuple[str, str]],
    out: TextIO,
) -> ExportCount:
    count = ExportCount()
    names = [name for name, _ in full_columns(columns)]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in full_rows(conn, rows):
        writer.writerow([row.get(name) for name in names])
        count.written += 1
    return count


def write_jsonl(
    conn: sqlite3.Connection, rows: Iterable[dict[str, Any]], out: TextIO
) -> ExportCount:
    count = ExportCount()
    for row in full_rows(conn, rows):
        out.write(json_line(row))
        count.written += 1
    return count


def _check_directory(path: Path, overwrite: bool) -> None:
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path}: not a directory (Parquet exports write a directory)")
    if not path.exists() or not any(path.iterdir()):
        return
    if not overwrite:
        raise ExportError(f"{path}: directory is not empty (pass --overwrite to replace an export)")
    foreign = [p.name for p in path.iterdir() if not p.name.startswith("year=")]
    if foreign:
        raise ExportError(
            f"{path}: holds more than an export ({', '.join(sorted(foreign)[:3])}); not replaced"
        )
    for old in path.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()


def write_parquet(
    conn: sqlite3.Connection,
    rows: Iterable[dict[str, Any]],
    columns: list[tuple[str, str]],
    out_dir: str | Path,
    overwrite: bool = False,
) -> ExportCount:
    """Hive-partitioned Parquet, one file per month (``year=2016/month=01/data_0.parquet``);
    ``year`` and ``month`` live in the directory names, as DuckDB's partitioned COPY writes
    them. Written batch by batch in this thread (the SQLite connection cannot be handed to
    DuckDB's reader threads), so memory stays flat however many events there are."""
    path = Path(out_dir)
    _check_directory(path, overwrite)
    full = full_columns(columns)
    names = [name for name, _ in full]
    target = columnar.schema([*full, ("year", "INTEGER"), ("month", "TEXT")])
    file_schema = columnar.schema(full)
    count = ExportCount()

    def tuples() -> Iterator[list[Any]]:
        for row in full_rows(conn, rows):
            count.written += 1
            yield [row.get(name) for name in names] + list(partition(row))

    path.mkdir(parents=True, exist_ok=True)
    writers: dict[tuple[int | None, str | None], pq.ParquetWriter] = {}
    try:
        for batch in columnar.batches(tuples(), target):
            years, months = batch.column("year").to_pylist(), batch.column("month").to_pylist()
            groups: dict[tuple[int | None, str | None], list[int]] = {}
            for i, key in enumerate(zip(years, months, strict=True)):
                groups.setdefault(key, []).append(i)
            for key, indices in groups.items():
                writer = writers.get(key)
                if writer is None:
                    folder = path / partition_dir(*key)
                    folder.mkdir(parents=True, exist_ok=True)
                    writer = writers[key] = pq.ParquetWriter(folder / "data_0.parquet", file_schema)
                writer.write_batch(batch.take(pa.array(indices)).select(names))
    finally:
        for writer in writers.values():
            writer.close()
    return count
