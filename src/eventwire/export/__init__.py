"""Exports researchers load: GDELT 2.0 events and mentions, ICEWS, PLOVER JSON, and our own
full schema as CSV, JSON Lines or partitioned Parquet. Every export reads the store.

    with Store("eventwire.db", readonly=True) as store:
        export(store, "gdelt", sys.stdout, cameo="04")

Column meanings and the deviations from each standard: docs/exports.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from eventwire.export import gdelt, icews, plover, tables
from eventwire.export.groups import EventGroup, event_groups
from eventwire.export.tables import ExportError
from eventwire.export.tsv import ExportCount
from eventwire.store import Store

# format → whether it writes a directory (else a text stream)
FORMATS: dict[str, bool] = {
    "gdelt": False,
    "gdelt-mentions": False,
    "icews": False,
    "plover": False,
    "csv": False,
    "jsonl": False,
    "parquet": True,
}


def export(
    store: Store,
    fmt: str,
    out: TextIO | str | Path,
    *,
    overwrite: bool = False,
    **filters: Any,
) -> ExportCount:
    """Write the events ``filters`` select (``Store.iter_events``' arguments) as ``fmt`` to
    ``out``: a text stream, or a directory path for ``parquet``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; one of: {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise ExportError("parquet writes a directory: give a path")
        rows = store.iter_events(**filters)
        return tables.write_parquet(store.conn, rows, store.event_columns(), out, overwrite)
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return export(store, fmt, stream, **filters)
    rows = store.iter_events(**filters)
    conn = store.conn
    if fmt == "gdelt":
        return gdelt.write_events(conn, rows, out)
    if fmt == "gdelt-mentions":
        return gdelt.write_mentions(conn, rows, out)
    if fmt == "icews":
        return icews.write(rows, out)
    if fmt == "plover":
        return plover.write(conn, rows, out)
    if fmt == "csv":
        return tables.write_csv(conn, rows, store.event_columns(), out)
    return tables.write_jsonl(conn, rows, out)


__all__ = ["FORMATS", "EventGroup", "ExportCount", "ExportError", "event_groups", "export"]
