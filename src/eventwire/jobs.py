"""Long-running jobs over a Store: ingest = read → clean → pipeline → write, in batches.

Each batch is written in one transaction, so a crash loses at most the batch in flight, and a
re-run skips what is stored (same id, same content hash) and completes the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from eventwire.confidence import check_threshold, drop_unconfident
from eventwire.config import DEFAULT, CoderConfig
from eventwire.engines import Engine, map_chunks, run
from eventwire.ingest import ArticleOptions, Failure, ReadOptions, iter_articles, load_meta
from eventwire.model import Article, ArticleResult
from eventwire.nlp import BATCH_SIZE
from eventwire.pipeline import chunks
from eventwire.store.store import Store, _now

Progress = Callable[[int], None]


@dataclass
class IngestSummary:
    ingested: int = 0
    updated: int = 0
    duplicates: int = 0
    events: int = 0  # events stored (or written) for the articles coded
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    dedup_seconds: float = 0.0  # of ``seconds``: updating stories and event groups
    below_confidence: int = 0  # events dropped by ``min_confidence`` (not stored)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["failed"] = self.failed
        d["articles_per_second"] = round(self.ingested / self.seconds, 2) if self.seconds else None
        return d


def ingest(
    store: Store,
    inputs: Sequence[str],
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    config: CoderConfig = DEFAULT,
    min_confidence: float | None = None,
    engine: Engine | None = None,
    **reading: Any,
) -> IngestSummary:
    """Ingest ``inputs``; ``progress(n)`` is called as each input record is settled.

    ``reading``: how the inputs are read (``read_articles``: ``published``, ``source``,
    ``meta``, ``max_chars``, ``check_language``, ``read_options``).

    ``engine`` says where the pipeline runs (``engines.Engine``: local processes, or Dask);
    the store is written here, in input order, either way.

    ``min_confidence`` drops events whose confidence is below it before they are stored;
    events without a confidence are kept (``eventwire.confidence``)."""
    started = _now()
    items = read_articles(inputs, **reading)
    summary = ingest_items(
        store,
        items,
        engine=engine or Engine(workers=workers),
        batch_size=batch_size,
        progress=progress,
        config=config,
        min_confidence=min_confidence,
    )
    store.log_run(inputs, summary.as_dict(), started)
    return summary


def ingest_items(
    store: Store,
    items: Iterable[Article | Failure],
    *,
    engine: Engine | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    config: CoderConfig = DEFAULT,
    min_confidence: float | None = None,
) -> IngestSummary:
    """Code and store articles already read (``ingest`` reads them from inputs; ``watch``
    from feeds): stored ones are skipped, changed ones replaced, in batches."""
    if min_confidence is not None:
        check_threshold(min_confidence)
    job = _IngestJob(store, batch_size, progress or (lambda n: None), min_confidence)
    dedup_before = store.dedup_seconds
    job.run(run(job.skip_stored(items), engine or Engine(), batch_size, config))
    job.summary.dedup_seconds = round(store.dedup_seconds - dedup_before, 3)
    return job.summary


def read_articles(
    inputs: Sequence[str],
    *,
    published: str | None = None,
    source: str | None = None,
    meta: str | Path | None = None,
    max_chars: int | None = None,
    check_language: bool = True,
    read_options: ReadOptions | None = None,
) -> Iterator[Article | Failure]:
    """The inputs' articles (and a Failure for each bad one), with the options applied."""
    options = ArticleOptions(published=published, source=source, check_language=check_language)
    if max_chars:
        options.max_chars = max_chars
    if meta:
        options.meta = load_meta(meta)
    exclude = {Path(meta).resolve()} if meta else set()
    return iter_articles(list(inputs), read_options, options, exclude)


def ingest_parquet(
    inputs: Sequence[str],
    out: str,
    *,
    engine: Engine | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    config: CoderConfig = DEFAULT,
    min_confidence: float | None = None,
    **reading: Any,
) -> IngestSummary:
    """Code ``inputs`` into Parquet partitions under ``out``, each chunk written by the worker
    that coded it (``eventwire.partitions``). A re-run skips the articles already written
    and removes what a killed run left half done. ``reading``: ``read_articles``' options."""
    if min_confidence is not None:
        check_threshold(min_confidence)
    from eventwire.partitions import Output, code_chunk, recover

    output = Output.open(out)
    stored = recover(output)
    summary = IngestSummary()
    advance = progress or (lambda n: None)
    t0 = time.perf_counter()
    updating: set[str] = set()

    items = skip_known(read_articles(inputs, **reading), stored.get, summary, advance, updating)
    task = partial(
        code_chunk,
        location=out,
        batch_size=batch_size,
        config=config,
        min_confidence=min_confidence,
    )
    coded = 0
    for report in map_chunks(task, chunks(items, batch_size), engine or Engine(), config):
        coded += report.articles
        summary.failures.extend(report.failures)
        summary.warnings.extend(report.warnings)
        summary.below_confidence += report.below_confidence
        summary.events += report.events
        advance(report.items)
    summary.updated = len(updating)
    summary.ingested = coded - summary.updated
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


def skip_known(
    items: Iterable[Article | Failure],
    known_hash: Callable[[str], str | None],
    summary: IngestSummary,
    progress: Progress,
    updating: set[str],
) -> Iterator[Article | Failure]:
    """Drop articles already written with the same content (``known_hash(id)``; repeats
    within this run too), counting them as duplicates; a known id whose content changed goes
    into ``updating``."""
    seen: dict[str, str | None] = {}
    for item in items:
        if isinstance(item, Article):
            known = seen[item.id] if item.id in seen else known_hash(item.id)
            if known == item.content_hash:
                summary.duplicates += 1
                progress(1)
                continue
            if known is not None:
                updating.add(item.id)
            seen[item.id] = item.content_hash
        yield item


class _IngestJob:
    def __init__(
        self,
        store: Store,
        batch_size: int,
        progress: Progress,
        min_confidence: float | None = None,
    ) -> None:
        self.store = store
        self.min_confidence = min_confidence
        self.batch_size = batch_size
        self.progress = progress
        self.summary = IngestSummary()
        self.updating: set[str] = set()  # stored ids whose content changed: replaced, not added
        self.t0 = time.perf_counter()

    def skip_stored(self, items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        return skip_known(items, self.store.stored_hash, self.summary, self.progress, self.updating)

    def run(self, outcomes: Iterable[ArticleResult | Failure]) -> None:
        pending: list[ArticleResult] = []
        for outcome in outcomes:
            if isinstance(outcome, Failure):
                self.summary.failures.append(str(outcome))
                self.progress(1)
                continue
            self.summary.below_confidence += drop_unconfident(outcome, self.min_confidence)
            pending.append(outcome)
            if len(pending) >= self.batch_size:
                self.flush(pending)
        self.flush(pending)
        self.summary.seconds = round(time.perf_counter() - self.t0, 3)

    def flush(self, pending: list[ArticleResult]) -> None:
        if not pending:
            return
        self.store.write(pending)
        for result in pending:
            assert result.article is not None
            self.summary.warnings.extend(result.article.warnings)
            self.summary.events += len(result.events)
            if result.article.id in self.updating:
                self.summary.updated += 1
            else:
                self.summary.ingested += 1
        self.progress(len(pending))
        pending.clear()
