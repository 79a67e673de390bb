"""Runs the stages over a stream of Articles and yields one ArticleResult per article.

Stages read the parsed Doc and what earlier stages produced, and add their own results:
nlp (sentences, entity mentions) → actors → events → time → place → quotes. Each stage is one
function ``stage(doc, result)``; a stage never rewrites an earlier stage's output, save that
the time stage sets aside the events it dates as background (``time.background``).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TypeVar

from spacy.tokens import Doc

from eventwire.actors.kb import knowledge_base
from eventwire.actors.resolve import resolve_actors
from eventwire.casing import body_case
from eventwire.config import DEFAULT, CoderConfig
from eventwire.events.classify import check_coder
from eventwire.events.extract import extract_events
from eventwire.events.headline import code_headline, headline_text
from eventwire.events.verbs import verb_dictionary
from eventwire.ingest.records import Failure
from eventwire.model import Article, ArticleResult, Mention, Sentence
from eventwire.nlp import BATCH_SIZE, load_nlp, parse
from eventwire.place.stage import place_events, place_headline_events
from eventwire.quotes.stage import find_quotes
from eventwire.time.stage import date_events, date_headline_events

T = TypeVar("T")
J = TypeVar("J")  # a submitted job (a pool result or a Dask future)
Stage = Callable[[Doc, ArticleResult, CoderConfig], None]
Item = Article | Failure
Outcome = ArticleResult | Failure


def sentences_and_mentions(doc: Doc, result: ArticleResult, config: CoderConfig) -> None:
    """The nlp stage's own output: sentence boundaries and named-entity mentions."""
    sentence_of_token = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        result.sentences.append(Sentence(i, sent.start_char, sent.end_char))
        sentence_of_token[sent.start : sent.end] = [i] * (sent.end - sent.start)
    for ent in doc.ents:
        result.mentions.append(
            Mention(
                sentence=sentence_of_token[ent.start],
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                label=ent.label_,
            )
        )


STAGES: list[Stage] = [
    sentences_and_mentions,
    resolve_actors,
    extract_events,
    date_events,
    place_events,
    find_quotes,
]


def annotate(
    doc: Doc, article: Article, title_doc: Doc | None = None, config: CoderConfig = DEFAULT
) -> ArticleResult:
    result = ArticleResult(article=article, input_id=article.id)
    for stage in STAGES:
        stage(doc, result, config)
    if title_doc is not None and len(title_doc):
        code_headline(title_doc, doc, result, config)
        date_headline_events(title_doc, result)
        place_headline_events(title_doc, doc, result)
    return result


def process_chunk(
    items: list[Item], batch_size: int = BATCH_SIZE, config: CoderConfig = DEFAULT
) -> list[Outcome]:
    """Parse the chunk's articles (and titles) with ``nlp.pipe``; Failures pass through."""
    articles = [item for item in items if isinstance(item, Article)]
    kb = knowledge_base(config)
    docs = iter(parse((body_case(a.text, kb) for a in articles), batch_size=batch_size))
    titles = iter(
        parse((headline_text(a.title or "", kb, a.text) for a in articles), batch_size=batch_size)
    )
    return [
        item if isinstance(item, Failure) else annotate(next(docs), item, next(titles), config)
        for item in items
    ]


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in lists of ``size``."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def load_once(config: CoderConfig) -> None:
    """Load spaCy, the dictionaries and the coder's models now (once per worker process)."""
    load_nlp()
    knowledge_base(config)
    verb_dictionary(config)
    check_coder(config)  # the model and encoder load once per worker


def map_chunks(
    task: Callable[[list[Item]], T],
    chunks: Iterable[list[Item]],
    workers: int = 1,
    config: CoderConfig = DEFAULT,
) -> Iterator[T]:
    """``task(chunk)`` for each chunk, in order: here, or in ``workers`` spawned processes
    (``task`` must then pickle: a module-level function or a ``partial`` of one)."""
    if workers <= 1:
        yield from map(task, chunks)
        return
    context = multiprocessing.get_context("spawn")  # fork is unsafe beside progress threads
    with context.Pool(workers, initializer=load_once, initargs=(config,)) as pool:
        submitted = (pool.apply_async(task, (chunk,)) for chunk in chunks)
        yield from in_order(submitted, 2 * workers, AsyncResult.get)


def in_order(submitted: Iterable[J], window: int, result: Callable[[J], T]) -> Iterator[T]:
    """The results of lazily submitted jobs, in submission order, with at most ``window`` in
    flight: workers stay busy while memory stays bounded, whatever the engine."""
    pending: deque[J] = deque()
    for job in submitted:
        pending.append(job)
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())
