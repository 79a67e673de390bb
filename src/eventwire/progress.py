"""A progress bar (articles/s, ETA) on a terminal; silence when output is piped."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from eventwire.ingest.sources import estimate_records


@contextmanager
def progress_bar(inputs: Sequence[str], enabled: bool = True) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``; draws only when stderr is a terminal."""
    if not (enabled and sys.stderr.isatty()):
        yield lambda n: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=False) as progress:
        task = progress.add_task("ingest", total=estimate_records(inputs) or None, rate="–")

        def advance(n: int) -> None:
            progress.advance(task, n)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:.1f}" if speed else "–")

        yield advance
