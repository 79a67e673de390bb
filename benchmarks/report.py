"""The benchmarks' one way out: the JSON report on stdout, and in ``--out`` when given."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def emit(report: Any, out: str | Path | None, indent: int = 2) -> None:
    text = json.dumps(report, indent=indent)
    print(text)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
