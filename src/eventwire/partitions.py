"""Workers write their own Parquet partitions (``ingest --parquet-out DIR``): for runs bigger
than one SQLite file, each worker codes a chunk of articles and writes it where it is, so
nothing funnels through one writer.

Layout, which ``eventwire sql --parquet DIR`` reads as the views ``events`` and ``articles``::

    DIR/events/year=2016/month=01/part-<chunk>.parquet   one row per coded event
    DIR/articles/part-<chunk>.parquet                    one row per coded article

``<chunk>`` is a digest of the chunk's article ids and content hashes. The articles file is
written last, and is the chunk's commit: a run that is killed leaves event files without it,
and the next run removes them (``recover``) before coding again, so every article lands exactly
once. Each file appears whole (written under a dot-name, then renamed). One run per directory
at a time. The directory may be a local path or an object-store URI that pyarrow opens
(``s3://bucket/prefix``): on a cluster every worker must reach it.

Event groups and stories are not built here (they need every article at once): a Parquet run
holds mentions; ingest into a store for deduplicated events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from eventwire import columnar
from eventwire._version import __version__
from eventwire.confidence import drop_unconfident
from eventwire.config import DEFAULT, CoderConfig
from eventwire.ingest.records import Failure
from eventwire.model import Article, ArticleResult
from eventwire.nlp import BATCH_SIZE
from eventwire.pipeline import Item, process_chunk
from eventwire.rows import EVENT_FIELDS, declared_type, event_row, partition, partition_dir

EVENTS, ARTICLES = "events", "articles"
PART = "part-{key}.parquet"

# what each event row carries from its article, as in the store's event listings
EVENT_COLUMNS: list[tuple[str, str]] = [(f, declared_type(f)) for f in EVENT_FIELDS] + [
    ("article_published", "TEXT"),
    ("article_source", "TEXT"),
    ("article_url", "TEXT"),
    ("article_title", "TEXT"),
    ("article_chars", "INTEGER"),
]
ARTICLE_COLUMNS: list[tuple[str, str]] = [
    ("id", "TEXT"),
    ("title", "TEXT"),
    ("published", "TEXT"),
    ("source", "TEXT"),
    ("url", "TEXT"),
    ("origin", "TEXT"),
    ("language", "TEXT"),
    ("content_hash", "TEXT"),
    ("chars", "INTEGER"),
    ("num_events", "INTEGER"),
    ("warnings", "TEXT"),  # JSON list
    ("coded_at", "TEXT"),
    ("pipeline_version", "TEXT"),
]


class PartitionError(Exception):
    pass


@dataclass
class ChunkReport:
    """What a worker did with one chunk (sent back to the client instead of the results)."""

    items: int = 0  # articles and failures handed to the worker
    articles: int = 0  # of them, coded and written
    events: int = 0
    below_confidence: int = 0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Output:
    """A Parquet output directory on a pyarrow filesystem (local, or an object store)."""

    fs: pafs.FileSystem
    root: str

    @classmethod
    def open(cls, location: str) -> Output:
        if "://" in location:
            try:
                fs, root = pafs.FileSystem.from_uri(location)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError) as err:
                raise PartitionError(f"{location}: cannot open ({err})") from err
            return cls(fs, root.rstrip("/"))
        path = Path(location).resolve()
        if path.exists() and not path.is_dir():
            raise PartitionError(f"{location}: not a directory")
        return cls(pafs.LocalFileSystem(), path.as_posix())

    def path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def files(self, folder: str) -> list[pafs.FileInfo]:
        selector = pafs.FileSelector(self.path(folder), allow_not_found=True, recursive=True)
        return [f for f in self.fs.get_file_info(selector) if f.type == pafs.FileType.File]

    def write(self, table: pa.Table, *parts: str) -> None:
        """``table`` as one Parquet file, which appears whole (written under a dot-name)."""
        final = self.path(*parts)
        folder, name = final.rsplit("/", 1)
        temporary = f"{folder}/.{name}.tmp"
        self.fs.create_dir(folder, recursive=True)
        pq.write_table(table, temporary, filesystem=self.fs)
        self.fs.move(temporary, final)


def chunk_key(items: list[Item]) -> str:
    """The same articles in the same order give the same key (and the same file names)."""
    digest = hashlib.sha256()
    for item in items:
        token = f"{item.id}\x1f{item.content_hash}" if isinstance(item, Article) else str(item)
        digest.update(token.encode("utf-8", "surrogatepass") + b"\x1e")
    return digest.hexdigest()[:24]


def _key_of(info: pafs.FileInfo) -> str | None:
    name = info.base_name
    if name.startswith("part-") and name.endswith(".parquet"):
        return name[len("part-") : -len(".parquet")]
    return None


def recover(out: Output) -> dict[str, str | None]:
    """Remove what killed runs left (event files of uncommitted chunks, half-written files)
    and return the stored articles: id → content hash."""
    committed = {k for f in out.files(ARTICLES) if (k := _key_of(f))}
    for info in out.files(EVENTS) + out.files(ARTICLES):
        key = _key_of(info)
        if info.base_name.startswith(".") or (key is not None and key not in committed):
            out.fs.delete_file(info.path)
    stored: dict[str, str | None] = {}
    for info in out.files(ARTICLES):
        if _key_of(info):
            table = pq.read_table(info.path, columns=["id", "content_hash"], filesystem=out.fs)
            ids, hashes = table.column(0).to_pylist(), table.column(1).to_pylist()
            stored.update(zip(ids, hashes, strict=True))
    return stored


def code_chunk(
    items: list[Item],
    location: str,
    batch_size: int = BATCH_SIZE,
    config: CoderConfig = DEFAULT,
    min_confidence: float | None = None,
) -> ChunkReport:
    """Code one chunk and write its partitions (run on a worker)."""
    out = Output.open(location)
    key = chunk_key(items)
    report = ChunkReport(items=len(items))
    results: list[ArticleResult] = []
    for outcome in process_chunk(items, batch_size, config):
        if isinstance(outcome, Failure):
            report.failures.append(str(outcome))
        else:
            report.below_confidence += drop_unconfident(outcome, min_confidence)
            results.append(outcome)
    by_month: dict[str, list[list[Any]]] = {}
    for row in _event_rows(results):
        folder = partition_dir(*partition(row))
        by_month.setdefault(folder, []).append([row[name] for name, _ in EVENT_COLUMNS])
        report.events += 1
    event_schema = columnar.schema(EVENT_COLUMNS)
    for folder, rows in sorted(by_month.items()):
        out.write(columnar.table(rows, event_schema), EVENTS, folder, PART.format(key=key))
    articles = [_article_row(r) for r in results]
    article_table = columnar.table(articles, columnar.schema(ARTICLE_COLUMNS))
    out.write(article_table, ARTICLES, PART.format(key=key))  # last: the chunk's commit
    report.articles = len(results)
    report.warnings = [w for r in results if r.article for w in r.article.warnings]
    return report


def _event_rows(results: list[ArticleResult]) -> Iterator[dict[str, Any]]:
    for result in results:
        a = result.article
        assert a is not None
        extra = {
            "article_published": a.published,
            "article_source": a.source,
            "article_url": a.url,
            "article_title": a.title,
            "article_chars": len(a.text),
        }
        for event in result.events:
            yield {**dict(zip(EVENT_FIELDS, event_row(a.id, event), strict=True)), **extra}


def _article_row(result: ArticleResult) -> list[Any]:
    a = result.article
    assert a is not None
    coded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return [
        a.id,
        a.title,
        a.published,
        a.source,
        a.url,
        a.origin,
        a.language,
        a.content_hash,
        len(a.text),
        len(result.events),
        json.dumps(a.warnings),
        coded_at,
        __version__,
    ]
