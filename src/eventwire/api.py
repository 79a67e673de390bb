"""The Python API: ``extract`` one text, ``extract_many`` a stream of records.

These are what ``eventwire extract`` serialises; the CLI adds nothing but I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from eventwire.confidence import check_threshold, drop_unconfident
from eventwire.config import DEFAULT, CoderConfig
from eventwire.engines import Engine, run
from eventwire.ingest import ArticleOptions, Failure, build_article, record_from_mapping
from eventwire.model import ArticleResult
from eventwire.nlp import BATCH_SIZE

Record = Mapping[str, Any]


def extract(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
    config: CoderConfig = DEFAULT,
) -> ArticleResult:
    """Events, quotes and mentions in one article's text."""
    record = {
        "id": id,
        "text": text,
        "title": title,
        "published": published,
        "source": source,
        "url": url,
    }
    return next(extract_many([record], config=config))


def extract_many(
    records: Iterable[Record | Failure],
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    options: ArticleOptions | None = None,
    config: CoderConfig = DEFAULT,
    min_confidence: float | None = None,
    engine: Engine | None = None,
) -> Iterator[ArticleResult]:
    """One result per record, in order. Bad records give a result whose ``errors`` say why.

    ``min_confidence`` drops events whose confidence is below it; events without a confidence
    are kept (``eventwire.confidence``)."""
    if min_confidence is not None:
        check_threshold(min_confidence)

    def articles() -> Iterator[Any]:
        for i, record in enumerate(records, 1):
            if isinstance(record, Failure):
                yield record
                continue
            item = record_from_mapping(record, str(record.get("_origin") or f"record {i}"))
            if isinstance(item, Failure):
                yield item
            else:
                yield build_article(item, options)

    engine = engine or Engine(workers=workers)
    for outcome in run(articles(), engine, batch_size, config):
        if isinstance(outcome, Failure):
            yield ArticleResult(article=None, errors=[str(outcome)], input_id=outcome.id)
        else:
            drop_unconfident(outcome, min_confidence)
            yield outcome
