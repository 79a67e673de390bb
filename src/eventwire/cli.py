"""The command line: a thin layer that parses options and calls the Python API."""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import click

from eventwire._version import __version__
from eventwire.store import DEFAULT_DB
from eventwire.store.filters import ARTICLE_FILTERS, EVENT_FILTERS, QUOTE_FILTERS, Filter

FORMATS = click.Choice(["table", "csv", "json", "jsonl"])


def _no_nan(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    if value is not None and value != value:  # FloatRange lets NaN through
        raise click.BadParameter(f"{value!r} is not in the range 0.0<=x<=1.0.", ctx, param)
    return value


def min_confidence_option(what: str) -> Callable[[Any], Any]:
    """``--min-confidence``: the same threshold and NULL rule everywhere
    (``eventwire.confidence``): events without a confidence are always kept."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        callback=_no_nan,
        default=None,
        metavar="FLOAT",
        help=f"{what} events whose confidence (0-1) is below this; events without a "
        "confidence (coders that give none) are kept.",
    )


def engine_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--engine`` and ``--scheduler``: where the pipeline runs (``eventwire.engines``)."""
    command = click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: a running Dask scheduler (tcp://host:8786); without it, a "
        "LocalCluster of --workers processes starts here.",
    )(command)
    return click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="local: this process, or --workers processes; dask: a Dask cluster "
        "(pip install 'eventwire[dask]'). Results, and their order, are the same.",
    )(command)


def _engine(engine: str, workers: int, scheduler: str | None) -> Any:
    from eventwire.engines import Engine

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    return Engine(engine, workers, scheduler)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def main() -> None:
    """eventwire: political event data from news."""


def _dictionary_option(kind: str, what: str) -> Callable[[Any], Any]:
    return click.option(
        f"--{kind}",
        f"{kind[:-1]}_files",
        multiple=True,
        type=click.Path(exists=True),
        help=f"PETRARCH-format {what} to add (repeatable).",
    )


def coder_options(command: Callable[..., None]) -> Callable[..., None]:
    """Options that change how events are coded (ingest and extract share them)."""
    for option in reversed(
        [
            _dictionary_option("actors", "actor dictionary"),
            _dictionary_option("agents", "agent dictionary"),
            _dictionary_option("verbs", "verb dictionary"),
            _dictionary_option("discards", "discard list ('+' discards the whole story)"),
            click.option(
                "--allow-missing-target",
                is_flag=True,
                help="Also code events whose target is not a known actor.",
            ),
            click.option(
                "--coder",
                type=click.Choice(["learned", "dictionary"]),
                default=None,
                help="learned (the default): a trained model decides each candidate event and "
                "its code; dictionary: CAMEO verb patterns alone (PETRARCH-style; the default "
                "with --verbs or --petrarch-compat, whose patterns the model never saw).",
            ),
            click.option(
                "--model",
                type=click.Path(exists=True, file_okay=False),
                help="A model folder written by tools/train_coder.py (default: the shipped one).",
            ),
            click.option(
                "--petrarch-compat",
                is_flag=True,
                help="PETRARCH's conventions: joint acts both ways, places as targets, ---GOV "
                "(implies --coder dictionary).",
            ),
            click.option(
                "--no-shipped-dictionaries",
                "no_shipped",
                is_flag=True,
                help="Code with the --actors/--agents/--verbs/--discards files only.",
            ),
        ]
    ):
        command = option(command)
    return command


def _coder_config(
    actor_files: tuple[str, ...],
    agent_files: tuple[str, ...],
    verb_files: tuple[str, ...],
    discard_files: tuple[str, ...],
    allow_missing_target: bool,
    no_shipped: bool,
    petrarch_compat: bool,
    coder: str | None = None,
    model: str | None = None,
) -> Any:
    """The CoderConfig for these options; dictionary and model errors become clear CLI
    errors. PETRARCH's conventions belong to the pattern coder, so compat selects it."""
    from eventwire.actors.kb import knowledge_base
    from eventwire.config import CoderConfig
    from eventwire.events.classify import check_coder
    from eventwire.events.discards import discards
    from eventwire.events.verbs import verb_dictionary

    config = CoderConfig(
        actor_files,
        agent_files,
        verb_files,
        discard_files,
        allow_missing_target=allow_missing_target,
        shipped_dictionaries=not no_shipped,
        petrarch_compat=petrarch_compat,
        coder="dictionary"
        if petrarch_compat
        else coder or ("dictionary" if verb_files else "learned"),
        model=model,
    )
    try:
        knowledge_base(config)
        verb_dictionary(config)
        discards(config)
        check_coder(config)
    except (ValueError, RuntimeError) as err:
        raise click.ClickException(str(err)) from err
    return config


# ---------------------------------------------------------------------------- ingest
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for every input article.")
@click.option("--source", help="Source outlet for every input article.")
@click.option(
    "--meta",
    type=click.Path(exists=True, dir_okay=False),
    help="JSONL of per-file metadata: {file, source, published, title, id, url}.",
)
@click.option("--workers", default=1, show_default=True, help="Processes running spaCy.")
@engine_options
@click.option(
    "--batch-size",
    default=32,
    show_default=True,
    help="Articles per nlp.pipe batch and per database transaction.",
)
@click.option("--max-chars", type=int, help="Refuse longer articles (default 1,000,000).")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for a URL.")
@click.option("--csv-text", help="CSV column holding the article text.")
@click.option("--csv-title", help="CSV column holding the title.")
@click.option("--csv-id", help="CSV column holding the id.")
@click.option("--csv-published", help="CSV column holding the publication date.")
@click.option("--csv-source", help="CSV column holding the source outlet.")
@click.option("--csv-url", help="CSV column holding the URL.")
@click.option("--no-language-check", is_flag=True, help="Keep articles that look non-English.")
@click.option(
    "--no-dedup",
    is_flag=True,
    help="Do not update stories and event groups now (run `eventwire dedup` later).",
)
@click.option(
    "--summary-json",
    type=click.Path(dir_okay=False),
    help="Also write the run summary as JSON to this file.",
)
@click.option(
    "--busy-timeout",
    default=30.0,
    show_default=True,
    help="Seconds to wait while another process writes to the database.",
)
@click.option(
    "--parquet-out",
    metavar="DIR",
    help="Write no database: each worker writes the events and articles it codes as Parquet "
    "partitions under DIR (a path, or an object-store URI such as s3://bucket/run); query them "
    "with `eventwire sql --parquet DIR`. No stories or event groups are built.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@min_confidence_option("Do not store")
@coder_options
def ingest(
    inputs: tuple[str, ...],
    db: str,
    published: str | None,
    source: str | None,
    meta: str | None,
    workers: int,
    engine: str,
    scheduler: str | None,
    batch_size: int,
    max_chars: int | None,
    timeout: float,
    csv_text: str | None,
    csv_title: str | None,
    csv_id: str | None,
    csv_published: str | None,
    csv_source: str | None,
    csv_url: str | None,
    no_language_check: bool,
    no_dedup: bool,
    summary_json: str | None,
    busy_timeout: float,
    parquet_out: str | None,
    quiet: bool,
    min_confidence: float | None,
    **coder: Any,
) -> None:
    """Ingest files, directories (recursive), - (stdin) or http(s) URLs into the database.

    Formats: .txt .html .htm .json .jsonl .csv .tsv .sgm (Reuters-21578), each also .gz.
    Exits non-zero only when nothing could be ingested.
    """
    from eventwire.ingest import ReadOptions

    columns = {
        "text": csv_text,
        "title": csv_title,
        "id": csv_id,
        "published": csv_published,
        "source": csv_source,
        "url": csv_url,
    }
    read_options = ReadOptions(csv_columns={k: v for k, v in columns.items() if v}, timeout=timeout)
    config = _coder_config(**coder)
    options: dict[str, Any] = {
        "published": published,
        "source": source,
        "meta": meta,
        "max_chars": max_chars,
        "check_language": not no_language_check,
        "read_options": read_options,
        "engine": _engine(engine, workers, scheduler),
        "batch_size": batch_size,
        "config": config,
        "min_confidence": min_confidence,
    }
    if parquet_out:
        summary = _ingest_parquet(list(inputs), parquet_out, quiet, options)
        destination = f"Parquet partitions under {parquet_out}"
    else:
        summary = _ingest_store(list(inputs), db, no_dedup, busy_timeout, quiet, options)
        destination = db
    _print_summary(summary.as_dict(), destination)
    if summary_json:
        Path(summary_json).write_text(json.dumps(summary.as_dict(), indent=2))
    if summary.ingested + summary.updated + summary.duplicates == 0:
        sys.exit(1)


def _ingest_store(
    inputs: list[str],
    db: str,
    no_dedup: bool,
    busy_timeout: float,
    quiet: bool,
    options: dict[str, Any],
) -> Any:
    from eventwire.engines import EngineError
    from eventwire.jobs import ingest as run_ingest
    from eventwire.progress import progress_bar
    from eventwire.store import Store, StoreError

    try:
        store = Store(db, dedup=not no_dedup, busy_timeout=busy_timeout)
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    with store, progress_bar(inputs, enabled=not quiet) as advance:
        try:
            return run_ingest(store, inputs, progress=advance, **options)
        except (ValueError, EngineError) as err:  # a bad --meta file; no Dask
            raise click.ClickException(str(err)) from err
        except StoreError as err:  # busy: what was committed stays; a re-run resumes
            raise click.ClickException(
                f"{err}. The articles stored before this are kept: run the same command again "
                "to go on."
            ) from err


def _ingest_parquet(inputs: list[str], out: str, quiet: bool, options: dict[str, Any]) -> Any:
    from eventwire.engines import EngineError
    from eventwire.jobs import ingest_parquet
    from eventwire.partitions import PartitionError
    from eventwire.progress import progress_bar

    with progress_bar(inputs, enabled=not quiet) as advance:
        try:
            return ingest_parquet(inputs, out, progress=advance, **options)
        except (ValueError, EngineError, PartitionError) as err:
            raise click.ClickException(str(err)) from err


def _print_summary(s: dict[str, Any], destination: str) -> None:
    rate = f", {s['articles_per_second']} articles/s" if s["articles_per_second"] else ""
    click.echo(
        f"Ingested {s['ingested']} article(s) into {destination}: {s['events']} event(s), "
        f"{s['updated']} updated, "
        f"{s['duplicates']} skipped as duplicates, {s['failed']} failed, "
        f"in {s['seconds']:.1f} s{rate}.",
        err=True,
    )
    if s.get("below_confidence"):
        click.echo(
            f"  {s['below_confidence']} event(s) below --min-confidence not stored", err=True
        )
    for failure in s["failures"]:
        click.echo(f"  failed: {failure}", err=True)
    for warning in s["warnings"]:
        click.echo(f"  warning: {warning}", err=True)


# ---------------------------------------------------------------------------- watch
def _duration(ctx: click.Context, param: click.Parameter, value: str) -> float:
    """``30s``, ``15m``, ``1h`` or plain seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    text = value.strip().lower()
    try:
        seconds = float(text[:-1]) * units[text[-1]] if text[-1:] in units else float(text)
    except (ValueError, IndexError):
        raise click.BadParameter(f"{value!r}: give a duration such as 30s, 15m or 1h") from None
    if not seconds > 0 or seconds == float("inf"):
        raise click.BadParameter(f"{value!r}: must be a positive duration")
    return seconds


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
@click.option(
    "--every", default="15m", show_default=True, callback=_duration,
    help="Time between the starts of two polls: 30s, 15m, 1h.",
)  # fmt: skip
@click.option("--once", is_flag=True, help="Poll once and exit (for cron).")
@click.option("--polls", type=click.IntRange(1), help="Stop after this many polls.")
@click.option(
    "--alert", "alert_rules", multiple=True, metavar="RULE",
    help="An alert rule: event filters as key=value (actor, dyad, source, target, cameo, "
    "plover_type, country, location_country, min_confidence, …) plus min_mentions, again_at "
    "and name, e.g. 'dyad=RUS,TUR plover_type=ACCUSE min_mentions=2'. Repeatable.",
)  # fmt: skip
@click.option(
    "--alert-rules", "rules_file", type=click.Path(dir_okay=False),
    help="A TOML file of [[alert]] tables, one rule each (the same keys).",
)  # fmt: skip
@click.option(
    "--alert-to", "alert_targets", multiple=True, metavar="TARGET",
    help="Where alerts go: - (stdout, the default), a JSON Lines file, or an http(s) URL "
    "that gets a POST per alert. Repeatable.",
)  # fmt: skip
@click.option(
    "--delay", default=1.0, show_default=True, type=click.FloatRange(0),
    help="Seconds between two requests to one host.",
)  # fmt: skip
@click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for a URL.")
@click.option(
    "--max-new", default=200, show_default=True, type=click.IntRange(1),
    help="New items fetched per source and poll; the rest wait for the next poll.",
)  # fmt: skip
@click.option("--user-agent", help="User agent sent (default names eventwire and its version).")
@click.option("--no-language-check", is_flag=True, help="Keep articles that look non-English.")
@click.option(
    "--busy-timeout", default=30.0, show_default=True,
    help="Seconds to wait while another process writes to the database.",
)  # fmt: skip
@min_confidence_option("Do not store")
@coder_options
def watch(
    sources: tuple[str, ...],
    db: str,
    every: float,
    once: bool,
    polls: int | None,
    alert_rules: tuple[str, ...],
    rules_file: str | None,
    alert_targets: tuple[str, ...],
    delay: float,
    timeout: float,
    max_new: int,
    user_agent: str | None,
    no_language_check: bool,
    busy_timeout: float,
    min_confidence: float | None,
    **coder: Any,
) -> None:
    """Poll feeds, sitemaps, home pages (their feeds) and directories into the database,
    coding only what is new, and send alerts on matching events.

    Each SOURCE is an RSS or Atom feed URL, a sitemap URL, a home page URL (its feeds are
    found), or a directory (new and changed files are read). It fetches politely (robots.txt,
    one request per host per --delay, conditional GET) and keeps its state in the database,
    so a restart neither fetches nor alerts twice. One summary line per poll goes to stderr.
    """
    from eventwire.ingest import ReadOptions
    from eventwire.store import Store, StoreError
    from eventwire.watch import (
        Fetcher,
        RuleError,
        Target,
        Watcher,
        WatchOptions,
        load_rules,
        parse_rule,
    )
    from eventwire.watch.alerts import check_names

    try:
        rules = [parse_rule(text) for text in alert_rules]
        rules += load_rules(rules_file) if rules_file else []
        check_names(rules)
    except RuleError as err:
        raise click.UsageError(str(err)) from err
    if alert_targets and not rules:
        raise click.UsageError("--alert-to needs at least one --alert or --alert-rules")
    targets = [Target(t) for t in (alert_targets or (("-",) if rules else ()))]
    fetcher = Fetcher(delay=delay, timeout=timeout)
    if user_agent:
        fetcher.user_agent = user_agent
    options = WatchOptions(
        max_new=max_new,
        min_confidence=min_confidence,
        config=_coder_config(**coder),
        read_options=ReadOptions(timeout=timeout),
        check_language=not no_language_check,
    )
    try:
        with Store(db, busy_timeout=busy_timeout) as store:
            watcher = Watcher(store, list(sources), rules, targets, fetcher, options)
            _watch_loop(watcher, every, 1 if once else polls)
    except StoreError as err:
        raise click.ClickException(f"{err}. Run the same command again to go on.") from err
    except KeyboardInterrupt:
        click.echo("Stopped; the next run carries on from here.", err=True)


def _watch_loop(watcher: Any, every: float, polls: int | None) -> None:
    done = 0
    while True:
        started = time.monotonic()
        summary = watcher.poll()
        click.echo(summary.line(), err=True)
        for problem in summary.errors + summary.failures + summary.undelivered:
            click.echo(f"  {problem}", err=True)
        done += 1
        if polls is not None and done >= polls:
            return
        time.sleep(max(0.0, started + every - time.monotonic()))


# ---------------------------------------------------------------------------- extract
@main.command()
@click.argument("input_file", default="-", metavar="[FILE|-]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl"]),
    default="jsonl",
    show_default=True,
    help="Output format (the machine contract).",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write results here instead of stdout.",
)
@click.option("--workers", default=1, show_default=True, help="Processes running spaCy.")
@engine_options
@click.option("--batch-size", default=32, show_default=True, help="Articles per nlp.pipe batch.")
@min_confidence_option("Leave out")
@coder_options
def extract(
    input_file: str,
    fmt: str,
    output: IO[str],
    workers: int,
    engine: str,
    scheduler: str | None,
    batch_size: int,
    min_confidence: float | None,
    **coder: Any,
) -> None:
    """Read JSONL articles and write one JSONL result per input line, in order.

    Needs no database. Input objects have `id`, `text`, and optionally `title`, `published`
    (YYYY-MM-DD), `source` and `url`. A bad line gives a result whose `errors` say why.
    """
    from eventwire.api import extract_many
    from eventwire.contract import json_line, result_to_json
    from eventwire.engines import EngineError
    from eventwire.ingest.readers import json_objects

    config = _coder_config(**coder)
    origin = "<stdin>" if input_file == "-" else input_file
    try:
        stream = sys.stdin.buffer if input_file == "-" else open(input_file, "rb")  # noqa: SIM115
    except OSError as err:
        raise click.ClickException(f"{input_file}: cannot read ({err.strerror})") from err
    with stream:
        records = json_objects(_decoded_lines(stream, origin), origin)
        results = extract_many(
            records,
            workers=workers,
            engine=_engine(engine, workers, scheduler),
            batch_size=batch_size,
            config=config,
            min_confidence=min_confidence,
        )
        try:
            for result in results:
                output.write(json_line(result_to_json(result)))
                output.flush()
        except EngineError as err:
            raise click.ClickException(str(err)) from err


def _decoded_lines(stream: IO[bytes], origin: str) -> Iterator[str]:
    from eventwire.ingest.readers import decode

    for lineno, raw in enumerate(stream, 1):
        text, warning = decode(raw, f"{origin}:{lineno}")
        if warning:
            click.echo(f"warning: {warning}", err=True)
        yield text


# ---------------------------------------------------------------------------- queries
def _open_readonly(db: str) -> Any:
    from eventwire.store import Store, StoreError

    try:
        return Store(db, readonly=True)
    except StoreError as err:
        raise click.ClickException(str(err)) from err


def _stored(db: str, query: str, **filters: Any) -> list[dict[str, Any]]:
    """Rows of one of the store's read-only queries; a bad search query is a clear error."""
    from eventwire.store import StoreError

    with _open_readonly(db) as store:
        try:
            rows: list[dict[str, Any]] = getattr(store, query)(**filters)
        except StoreError as err:
            raise click.ClickException(str(err)) from err
    return rows


def query_options(
    date_help: str | None,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Options every listing command shares: database, output format, date range (unless the
    filter registry gives it), limit."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        options = [
            click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file."),
            click.option("--format", "fmt", type=FORMATS, default="table", show_default=True),
        ]
        if date_help:
            options += [
                click.option("--since", help=f"{date_help} on or after (YYYY-MM-DD)."),
                click.option("--until", help=f"{date_help} on or before (YYYY-MM-DD)."),
            ]
        options.append(
            click.option("--limit", type=int, default=None, help="At most this many rows.")
        )
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _filter_option(spec: Filter) -> Callable[[Any], Any]:
    """One CLI option from an entry of the event filter registry."""
    kwargs: dict[str, Any] = {"help": spec.help, "default": spec.default}
    if spec.choices:
        kwargs["type"] = click.Choice(spec.choices, case_sensitive=False)
    elif spec.kind is bool and spec.condition is None:
        kwargs["is_flag"] = True
    elif spec.kind is bool:
        kwargs.update(type=click.BOOL, metavar="true|false")
    elif spec.kind is float:
        kwargs.update(type=click.FloatRange(spec.low, spec.high), callback=_no_nan, metavar="FLOAT")
    elif spec.kind is int:
        low, high = (None if b is None else int(b) for b in (spec.low, spec.high))
        kwargs["type"] = click.IntRange(low, high)
    return click.option(spec.option, spec.key, **kwargs)


def filter_options(
    registry: tuple[Filter, ...],
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """One option per filter of a listing's registry (``eventwire.store.filters``): the same
    types and help as the API's query parameters."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        for spec in reversed(registry):
            command = _filter_option(spec)(command)
        return command

    return decorate


@main.command()
@query_options(None)
@filter_options(ARTICLE_FILTERS)
def articles(db: str, fmt: str, limit: int | None, **filters: Any) -> None:
    """List stored articles."""
    rows = _stored(db, "articles", limit=limit, **filters)
    _emit(rows, fmt, ["id", "published", "source", "title", "events"])


@main.command()
@query_options(None)
@filter_options(EVENT_FILTERS)
@click.option(
    "--merged",
    is_flag=True,
    help="List merged events (event groups) with num_mentions, num_sources, num_articles: "
    "one per real-world event any matching mention reports (dates select the merged event's).",
)
@click.option(
    "--explain",
    "explain_id",
    type=int,
    metavar="GROUP_ID",
    help="Show a merged event's mentions and why each was merged.",
)
def events(
    db: str,
    fmt: str,
    limit: int | None,
    merged: bool,
    explain_id: int | None,
    **filters: Any,
) -> None:
    """List stored events (each mention), or merged events with --merged."""
    from eventwire.store import StoreError

    with _open_readonly(db) as store:
        if explain_id is not None:
            explained = store.explain_group(explain_id)
            if explained is None:
                raise click.ClickException(f"no merged event with id {explain_id}")
            if fmt in ("json", "jsonl"):
                indent = 2 if fmt == "json" else None
                click.echo(json.dumps(explained, ensure_ascii=False, indent=indent))
            else:
                from eventwire.dedup.explain import render

                click.echo(render(explained))
            return
        try:
            rows = store.events(limit=limit, merged=merged, **filters)
        except StoreError as err:
            raise click.ClickException(str(err)) from err
    if merged:
        counts = ["num_mentions", "num_sources", "num_articles"]
        _emit(rows, fmt, ["group_id", "date", "source_code", "cameo", "target_code",
                          "location_name", *counts])  # fmt: skip
        return
    _emit(rows, fmt, ["id", "date", "source_code", "cameo", "target_code", "article_id",
                      "group_id", "confidence", "evidence"])  # fmt: skip


@main.command()
@query_options("First published")
@click.option("--story", "story_id", type=int, help="List the articles (copies) of this story.")
@click.option("--min-articles", type=int, help="Only stories with at least this many articles.")
def stories(
    db: str,
    fmt: str,
    since: str | None,
    until: str | None,
    limit: int | None,
    story_id: int | None,
    min_articles: int | None,
) -> None:
    """List stories (near-duplicate articles grouped together), biggest first."""
    with _open_readonly(db) as store:
        if story_id is not None:
            rows = store.story_articles(story_id)
            _emit(rows, fmt, ["article_id", "outlet", "published", "title", "matched_article",
                              "jaccard", "containment"])  # fmt: skip
            return
        rows = store.stories(since=since, until=until, min_articles=min_articles, limit=limit)
    _emit(rows, fmt, ["id", "num_articles", "num_sources", "first_published", "title"])


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database file.")
@click.option("--rebuild", is_flag=True, help="Forget all stories and groups; build them again.")
def dedup(db: str, rebuild: bool) -> None:
    """Bring stories and event groups up to date (ingest does this as it goes); idempotent."""
    from eventwire.store import Store, StoreError

    try:
        store = Store(db)
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    with store:
        summary = store.dedup(rebuild=rebuild)
        counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("stories", "event_groups")}  # fmt: skip
    click.echo(json.dumps({**summary.as_dict(), "total": counts}))


@main.command()
@query_options(None)
@filter_options(QUOTE_FILTERS)
def quotes(db: str, fmt: str, limit: int | None, **filters: Any) -> None:
    """List stored quotes: who said what, with the events coded inside them."""
    rows = _stored(db, "quotes", limit=limit, **filters)
    if fmt in {"table", "csv"}:  # flat cells: spans and event ids as JSON text
        rows = [
            {k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()} for row in rows
        ]
    _emit(rows, fmt, ["id", "published", "speaker_code", "speaker_text", "kind", "cue", "text"])


# eventwire.export.FORMATS, spelled out so that `--help` need not import pyarrow
EXPORT_FORMATS = ["gdelt", "gdelt-mentions", "icews", "plover", "csv", "jsonl", "parquet"]


@main.command(name="export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option(
    "--out",
    "-o",
    default="-",
    show_default=True,
    help="Output file (- for stdout); for parquet, a directory.",
)
@click.option("--overwrite", is_flag=True, help="Replace an earlier Parquet export in --out.")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file.")
@click.option("--limit", type=int, default=None, help="At most this many stored events.")
@filter_options(EVENT_FILTERS)
def export_command(
    fmt: str,
    out: str,
    overwrite: bool,
    db: str,
    limit: int | None,
    **filters: Any,
) -> None:
    """Export events as GDELT, ICEWS, PLOVER, CSV, JSON Lines or Parquet (docs/exports.md)."""
    from eventwire.export import ExportError, export

    if fmt == "parquet" and out == "-":
        raise click.UsageError("--format parquet writes a directory: give it with --out DIR")
    filters["limit"] = limit
    with _open_readonly(db) as store:
        try:
            if out == "-":
                count = export(store, fmt, sys.stdout, **filters)
                sys.stdout.flush()
            else:
                count = export(store, fmt, out, overwrite=overwrite, **filters)
        except ExportError as err:
            raise click.ClickException(str(err)) from err
    notes = []
    if count.negated:
        notes.append(f"{count.negated} negated event(s) left out (the format cannot say 'not')")
    if count.merged:
        notes.append(f"{count.merged} further mention(s) folded into their events")
    where = "stdout" if out == "-" else out
    extra = f"; {'; '.join(notes)}" if notes else ""
    click.echo(f"Exported {count.written} row(s) as {fmt} to {where}{extra}.", err=True)


@main.command()
@click.argument("query")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file.")
@click.option(
    "--parquet",
    type=click.Path(file_okay=False),
    help="Query Parquet instead of the store: an export (the view `events`) or an "
    "`ingest --parquet-out` directory (the views `events` and `articles`).",
)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def sql(query: str, db: str, parquet: str | None, fmt: str) -> None:
    """Run one read-only SQL query with DuckDB over the store's tables or a Parquet export."""
    from eventwire.analytics import QueryError, query_parquet, query_store

    try:
        result = query_parquet(parquet, query) if parquet else query_store(db, query)
    except QueryError as err:
        raise click.ClickException(str(err)) from err
    _emit(result.dicts(), fmt, result.columns)


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve(db: str, host: str, port: int) -> None:
    """Serve the explorer: a read-only JSON API (/api, docs at /docs) and the web UI (/)."""
    from eventwire.server.app import check_database, is_loopback, run

    if not Path(db).exists():
        raise click.ClickException(
            f"{db}: no such database (create it with `eventwire ingest FILE --db {db}`)"
        )
    problem = check_database(db)
    if problem and "is empty" not in problem:
        raise click.ClickException(problem)
    if problem:
        click.echo(f"warning: {problem}", err=True)
    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}: anyone who can reach it can read the database",
            err=True,
        )
    run(db, host, port, log=lambda line: click.echo(line, err=True))


def _emit(rows: Sequence[dict[str, Any]], fmt: str, table_columns: list[str]) -> None:
    from eventwire.contract import json_line

    out = sys.stdout
    if fmt == "json":
        out.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json_line(row))
    elif fmt == "csv":
        columns = list(rows[0]) if rows else table_columns
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for column in table_columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in table_columns))
        Console(file=out).print(table)
        click.echo(f"{len(rows)} row(s)", err=True)


# ---------------------------------------------------------------------------- ontology, eval
@main.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--root", help="Only codes under this CAMEO root, e.g. 04.")
def codes(fmt: str, root: str | None) -> None:
    """List CAMEO codes with quad class, Goldstein score and PLOVER type, mode and context."""
    from dataclasses import asdict

    from eventwire.events.ontology import all_codes

    rows = [asdict(c) for c in all_codes() if not root or c.code.startswith(root)]
    _emit(rows, fmt, ["code", "name", "quad_class", "goldstein", "plover_type", "plover_context"])


SHARED_OPTION = click.option(
    "--shared",
    type=click.Path(exists=True, file_okay=False),
    default="../shared",
    show_default=True,
    help="The shared data folder.",
)


@main.group(name="eval")
def eval_group() -> None:
    """Score eventwire against gold sets."""


@eval_group.command(name="seeds")
@SHARED_OPTION
@click.option("--misses", is_flag=True, help="List missed gold events and extra predictions.")
@click.option(
    "--coder", type=click.Choice(["learned", "dictionary"]), default="learned", show_default=True
)
def eval_seeds(shared: str, misses: bool, coder: str) -> None:
    """Precision, recall and F1 of extract on the seed stories' gold events."""
    from eventwire.config import CoderConfig
    from eventwire.eval.seeds import evaluate

    result = evaluate(Path(shared), CoderConfig(coder=coder))
    click.echo(json.dumps(result.as_dict()))
    if misses:
        for line in result.misses:
            click.echo(f"miss:  {line}")
        for line in result.extras:
            click.echo(f"extra: {line}")


@eval_group.command(name="petrarch")
@SHARED_OPTION
@click.option("--failures", is_flag=True, help="List every failing record.")
def eval_petrarch(shared: str, failures: bool) -> None:
    """PETRARCH2's unit-test suite: triples produced exactly, with its own dictionaries."""
    from eventwire.eval.petrarch import evaluate

    result = evaluate(Path(shared))
    click.echo(json.dumps(result.as_dict(failures=failures), indent=2, ensure_ascii=False))


@eval_group.command(name="tempeval")
@SHARED_OPTION
@click.option("--limit", type=int, help="Score only the first N TimeML files.")
def eval_tempeval(shared: str, limit: int | None) -> None:
    """TempEval-3 DATE expressions: recall of our tagger and accuracy of resolved values."""
    from eventwire.eval.tempeval import CORPUS, score_tempeval

    result = score_tempeval(Path(shared) / CORPUS, limit=limit)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@eval_group.command(name="dedup")
@SHARED_OPTION
@click.option("--originals", default=100, show_default=True, help="FA-KES articles to copy.")
@click.option("--seed", default=6, show_default=True, help="Random seed of the corpus.")
@click.option("--details", is_flag=True, help="Also list split and wrongly merged events.")
@click.option(
    "--keep",
    type=click.Path(file_okay=False),
    help="Write the corpus, truth and database here instead of a temporary directory.",
)
def eval_dedup(shared: str, originals: int, seed: int, details: bool, keep: str | None) -> None:
    """Near-duplicate stories and event merging on FA-KES articles with syndicated copies."""
    from eventwire.eval.dedup import evaluate

    result = evaluate(
        Path(shared), originals=originals, seed=seed, workdir=Path(keep) if keep else None
    )
    click.echo(json.dumps(result.as_dict(details=details), indent=2, ensure_ascii=False))


@eval_group.command(name="geoparsing")
@SHARED_OPTION
@click.option(
    "--corpus", type=click.Choice(["lgl", "gwn", "all"]), default="all", show_default=True
)
@click.option("--limit", type=int, help="Only the first N articles of each corpus.")
def eval_geoparsing(shared: str, corpus: str, limit: int | None) -> None:
    """Toponym resolution on LGL / GeoWebNews: coverage, country-correct, within 161 km."""
    from eventwire.eval.geoparsing import score_geoparsing

    gold = Path(shared) / "data" / "gold" / "geoparsing"
    click.echo(json.dumps(score_geoparsing(gold, corpus, limit), indent=2))


@eval_group.command(name="polnear")
@SHARED_OPTION
@click.option("--limit", type=int, help="Score only the first N dev articles.")
@click.option("--misses", is_flag=True, help="List missed gold contents and extra quotes.")
def eval_polnear(shared: str, limit: int | None, misses: bool) -> None:
    """PolNeAR dev attributions: content overlap P/R/F1, source accuracy, direct subset."""
    from eventwire.eval.polnear import score_polnear

    score = score_polnear(Path(shared), limit=limit)
    click.echo(json.dumps(score.as_dict(), indent=2))
    if misses:
        for line in score.misses:
            click.echo(f"miss:  {line}")
        for line in score.extras:
            click.echo(f"extra: {line}")


if __name__ == "__main__":
    main()


def _eval_config(coder: str, model: str | None) -> Any:
    from eventwire.config import CoderConfig
    from eventwire.events.classify import check_coder

    config = CoderConfig(coder=coder, model=model)
    try:
        check_coder(config)
    except (ValueError, RuntimeError) as err:
        raise click.ClickException(str(err)) from err
    return config


CODER_CHOICE = click.option(
    "--coder", type=click.Choice(["learned", "dictionary"]), default="learned", show_default=True
)
MODEL_OPTION = click.option(
    "--model", type=click.Path(exists=True, file_okay=False), help="Another model folder."
)


@eval_group.command(name="realnews")
@SHARED_OPTION
@CODER_CHOICE
@MODEL_OPTION
@click.option("--workers", default=1, show_default=True, help="Processes running spaCy.")
@click.option("--confusion", is_flag=True, help="Also print the 5x5 confusion matrix.")
def eval_realnews(
    shared: str, coder: str, model: str | None, workers: int, confusion: bool
) -> None:
    """Human-coded real wire sentences (ConfliBERT's CAMEO groups, dev half): macro-F1, the
    no-event rate and dyad accuracy, scored as ../shared/tools/score_realnews.py scores the
    installed command. When the model trained on these sentences, "cross_validated" holds
    the 5-fold figures recorded by tools/train_coder.py: those are the out-of-sample ones."""
    from eventwire.eval.realnews import cross_validated, evaluate

    config = _eval_config(coder, model)
    score = evaluate(Path(shared), config, workers=workers)
    click.echo(json.dumps({**score.as_dict(), **cross_validated(config)}))
    if confusion:
        click.echo("gold \\ predicted  0    1    2    3    4")
        for g, row in enumerate(score.confusion):
            click.echo(f"{g:>16}" + "".join(f"{n:5d}" for n in row))


@eval_group.group(name="audit")
def eval_audit() -> None:
    """Precision audit: events drawn from 100 fixed real articles and judged by hand."""


@eval_audit.command(name="draw")
@SHARED_OPTION
@CODER_CHOICE
@MODEL_OPTION
@click.option("--n", "count", default=200, show_default=True, help="Events to draw.")
@click.option(
    "--sheet",
    type=click.Path(dir_okay=False),
    required=True,
    help="Where to write the judging sheet (it holds article text: keep it out of the repo).",
)
def eval_audit_draw(shared: str, coder: str, model: str | None, count: int, sheet: str) -> None:
    """Code the audit articles, draw events at random (fixed seed), and write the draw
    (ids, offsets, codes) to data/training/audit/draw-CODER.jsonl."""
    from eventwire.eval.audit import AUDIT_DIR, draw, write_draw

    drawn = draw(Path(shared), _eval_config(coder, model), n=count)
    write_draw(drawn, AUDIT_DIR / f"draw-{coder}.jsonl", Path(sheet))
    click.echo(f"drew {len(drawn)} events; judging sheet: {sheet}")


@eval_audit.command(name="score")
@CODER_CHOICE
def eval_audit_score(coder: str) -> None:
    """Precision of the judged draw: root, source and target all right."""
    from eventwire.eval.audit import AUDIT_DIR, score

    draw_file = AUDIT_DIR / f"draw-{coder}.jsonl"
    verdicts = AUDIT_DIR / f"verdicts-{coder}.jsonl"
    for path in (draw_file, verdicts):
        if not path.is_file():
            raise click.ClickException(f"{path}: not found")
    click.echo(json.dumps(score(draw_file, verdicts)))
