"""Ad-hoc SQL with DuckDB over the SQLite store or a Parquet export, read-only.

DuckDB's sqlite extension is not bundled in the duckdb wheel (``ATTACH … (TYPE sqlite)`` would
download it), so the store is read with Python's ``sqlite3`` (opened read-only) and the tables
a query names are handed to DuckDB as Arrow tables, one view per table (``events``,
``articles``, ``mentions``, …, and any table a later migration adds). A Parquet export is
scanned in place as the view ``events``.

Read-only three times over: only SELECT-like statements are run (anything else is refused
before DuckDB sees it); the DuckDB database is opened read-only, and file access is switched
off (no ``COPY``, ``read_csv``, ``ATTACH`` or extension installs) and locked; the SQLite file is
opened with ``mode=ro``.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.dataset as ds

from eventwire import columnar

# DuckDB must not fetch anything: no extension is installed or loaded behind our back.
DUCKDB_OFFLINE: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
READ_ONLY_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
ALLOWED = "SELECT, WITH … SELECT, FROM …, SHOW, DESCRIBE, SUMMARIZE or EXPLAIN"


class QueryError(Exception):
    pass


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse anything but one read-only statement, naming what was refused."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as err:
        raise QueryError(f"cannot parse the query: {err}") from err
    if not statements:
        raise QueryError("no query given")
    if len(statements) > 1:
        raise QueryError("one statement at a time, please")
    kind = statements[0].type
    if kind not in READ_ONLY_STATEMENTS:
        word = sql.strip().split(None, 1)[0].upper() if sql.strip() else str(kind)
        raise QueryError(
            f"refused: eventwire sql is read-only and runs only {ALLOWED}; "
            f"this is a {word} statement ({kind.name})"
        )


def store_tables(conn: sqlite3.Connection) -> list[str]:
    """The store's tables and views, less SQLite's own and the full-text index's."""
    rows = conn.execute(
        "SELECT name, type, coalesce(sql, '') FROM sqlite_master "
        "WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    virtual = [name for name, _, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _, _ in rows
        if name not in virtual and not any(name.startswith(f"{v}_") for v in virtual)
    ]


def _named(sql: str, names: list[str]) -> list[str]:
    """The names the query mentions (all of them when it mentions none: SHOW TABLES…)."""
    found = [n for n in names if re.search(rf"(?<![\w$]){re.escape(n)}(?![\w$])", sql, re.I)]
    return found or names


def _load(conn: sqlite3.Connection, name: str) -> Any:
    quoted = '"' + name.replace('"', '""') + '"'
    declared = [(r[1], r[2]) for r in conn.execute(f"PRAGMA table_info({quoted})")]
    return columnar.table(conn.execute(f"SELECT * FROM {quoted}"), columnar.schema(declared))


@contextmanager
def _duckdb() -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only DuckDB connection (to an empty database file made for it)."""
    with tempfile.TemporaryDirectory(prefix="eventwire-sql-") as tmp:
        path = str(Path(tmp) / "empty.duckdb")
        duckdb.connect(path, config=DUCKDB_OFFLINE).close()
        con = duckdb.connect(path, read_only=True, config=DUCKDB_OFFLINE)
        try:
            yield con
        finally:
            con.close()


def _lock(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _unique(names: list[str]) -> list[str]:
    """Column names made unique (``id``, ``id_2``) so rows can be dictionaries."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return unique


def _run(con: duckdb.DuckDBPyConnection, sql: str) -> QueryResult:
    try:
        result = con.execute(sql)
        columns = _unique([d[0] for d in result.description or []])
        return QueryResult(columns, result.fetchall())
    except duckdb.Error as err:
        raise QueryError(str(err).strip()) from err


def query_store(db: str | Path, sql: str) -> QueryResult:
    """Run one read-only query over the store's tables (each a DuckDB view)."""
    path = Path(db)
    if not path.exists():
        raise QueryError(f"{path}: no such database (run `eventwire ingest` first)")
    with _duckdb() as con:
        check_read_only(con, sql)
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            for name in _named(sql, store_tables(conn)):
                con.register(name, _load(conn, name))
        except sqlite3.DatabaseError as err:
            raise QueryError(f"{path}: not an eventwire database ({err})") from err
        finally:
            conn.close()
        _lock(con)
        return _run(con, sql)


def query_parquet(directory: str | Path, sql: str) -> QueryResult:
    """Run one read-only query over Parquet: an export (the view ``events``), or an
    ``ingest --parquet-out`` directory (the views ``events`` and ``articles``)."""
    path = Path(directory)
    if not path.is_dir() or not any(p for p in path.rglob("*.parquet") if _visible(p, path)):
        raise QueryError(
            f"{path}: no Parquet here (run `eventwire export --format parquet --out {path}` "
            f"or `eventwire ingest … --parquet-out {path}`)"
        )
    with _duckdb() as con:
        check_read_only(con, sql)
        if (path / "events").is_dir() or (path / "articles").is_dir():  # ingest --parquet-out
            for view in ("events", "articles"):
                if (path / view).is_dir():
                    con.register(view, _dataset(path / view))
        else:
            con.register("events", _dataset(path))
        _lock(con)
        return _run(con, sql)


def _visible(file: Path, root: Path) -> bool:
    """Not a half-written file or a marker (a part of its path starts with . or _)."""
    return not any(part.startswith((".", "_")) for part in file.relative_to(root).parts)


def _dataset(path: Path) -> ds.Dataset:
    return ds.dataset(path, format="parquet", partitioning="hive")
