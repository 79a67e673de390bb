"""Ingest stage: inputs (files, directories, stdin, URLs) → cleaned Articles, or Failures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from eventwire.ingest.article import ArticleOptions, build_article, load_meta
from eventwire.ingest.readers import ReadOptions
from eventwire.ingest.records import Failure, RawRecord, record_from_mapping
from eventwire.ingest.sources import read_inputs
from eventwire.model import Article

__all__ = [
    "ArticleOptions",
    "Failure",
    "RawRecord",
    "ReadOptions",
    "build_article",
    "iter_articles",
    "load_meta",
    "record_from_mapping",
]


def iter_articles(
    specs: list[str],
    read_options: ReadOptions | None = None,
    article_options: ArticleOptions | None = None,
    exclude: set[Path] | None = None,
) -> Iterator[Article | Failure]:
    """Every article the inputs hold, in input order, with a Failure for each bad one."""
    read_options = read_options or ReadOptions()
    for item in read_inputs(specs, read_options, exclude):
        yield item if isinstance(item, Failure) else build_article(item, article_options)
