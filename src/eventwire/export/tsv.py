"""Writing tab-separated rows, and counting what an export wrote and left out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

_BREAKS = re.compile(r"[\t\r\n]+")


@dataclass
class ExportCount:
    written: int = 0  # rows written
    negated: int = 0  # negated events left out (formats with no way to say "did not")
    merged: int = 0  # further mentions of an event already written (one row per merged event)


def cell(value: Any) -> str:
    """A value as a TSV cell: empty for None, tabs and line breaks turned into spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    text = str(value)
    if "\t" in text or "\n" in text or "\r" in text:
        return _BREAKS.sub(" ", text)
    return text


def write_line(out: TextIO, values: Sequence[Any]) -> None:
    out.write("\t".join(cell(v) for v in values) + "\n")
