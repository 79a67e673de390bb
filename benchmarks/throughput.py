"""Throughput of eventwire's ingest and extract against raw spaCy, on the same Reuters texts.

Why: parsing with spaCy is the floor any eventwire run pays, so the useful number is not
articles per second on its own but how close ingest (read → clean → pipeline → SQLite) and
extract (records → results) come to ``nlp.pipe`` over the very texts they parse. Each phase
runs in its own fresh subprocess, one after another, so its peak RSS is its own and the phases
do not compete for cores. The model is loaded before every timer starts.

Usage::

    python benchmarks/throughput.py [--n 1000] [--shared ../shared] [--workers 1] [--out FILE]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import spacy
from report import emit  # benchmarks/report.py

import eventwire
from eventwire.ingest import build_article
from eventwire.ingest.readers import ReadOptions, read_reuters_sgml
from eventwire.ingest.records import RawRecord
from eventwire.jobs import ingest
from eventwire.model import Article
from eventwire.nlp import MODEL, load_nlp

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_GLOB = "data/corpora/reuters21578/reut2-*.sgm"
PHASES = ("spacy", "ingest", "extract")
Stats = dict[str, Any]


# ------------------------------------------------------------------------------ corpus
def corpus_files(shared: Path) -> list[Path]:
    return sorted(Path(p) for p in glob.glob(str(shared / CORPUS_GLOB)))


def read_records(files: list[Path], n: int) -> list[RawRecord]:
    """The first ``n`` stories eventwire's own Reuters reader yields (Failures skipped)."""
    records: list[RawRecord] = []
    opts = ReadOptions()
    for path in files:
        for item in read_reuters_sgml(path.read_bytes(), str(path), opts):
            if isinstance(item, RawRecord):
                records.append(item)
                if len(records) >= n:
                    return records
    return records


def as_json_record(rec: RawRecord) -> dict[str, Any]:
    return {
        "id": rec.id,
        "title": rec.title,
        "text": rec.text,
        "published": rec.published,
        "source": rec.source,
    }


def cleaned_texts(records: list[RawRecord]) -> list[str]:
    """The texts ingest actually parses: each record as cleaned by ``build_article``."""
    articles = (build_article(rec) for rec in records)
    return [a.text for a in articles if isinstance(a, Article)]


def write_jsonl(path: Path, records: list[RawRecord]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(as_json_record(rec), ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# ------------------------------------------------------------------------------ phases
def peak_rss_mb() -> float:
    """This process's peak resident set size (``ru_maxrss`` is KB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def children_peak_rss_mb() -> float:
    """The largest peak RSS among this process's finished children (the ``--workers`` pool)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


@contextmanager
def profiled(path: str | None) -> Iterator[None]:
    """cProfile the block into ``path`` (pstats format) when a path is given."""
    if not path:
        yield
        return
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        profiler.dump_stats(path)


def timed(work: Callable[[], Stats], profile: str | None) -> Stats:
    with profiled(profile):
        t0 = time.perf_counter()
        stats = work()
        seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 3), **stats}


def phase_spacy(args: argparse.Namespace) -> Stats:
    texts: list[str] = json.loads(Path(args.texts).read_text(encoding="utf-8"))
    nlp = load_nlp()

    def work() -> Stats:
        return {"docs": sum(1 for _ in nlp.pipe(texts, batch_size=args.batch_size))}

    return timed(work, args.profile)


def phase_ingest(args: argparse.Namespace) -> Stats:
    load_nlp()
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-db-") as tmp:
        store = eventwire.Store(Path(tmp) / "bench.db")

        def work() -> Stats:
            summary = ingest(
                store, [str(args.records)], batch_size=args.batch_size, workers=args.workers
            )
            return {"docs": summary.ingested, "failed": summary.failed}

        try:
            return timed(work, args.profile)
        finally:
            store.close()


def phase_extract(args: argparse.Namespace) -> Stats:
    records = read_jsonl(Path(args.records))
    load_nlp()
    spent = _time_stages() if args.workers <= 1 else None

    def work() -> Stats:
        docs = failed = 0
        for result in eventwire.extract_many(
            records, batch_size=args.batch_size, workers=args.workers
        ):
            docs += result.article is not None
            failed += result.article is None
        stats: Stats = {"docs": docs, "failed": failed}
        if spent is not None:  # coding (actors, events, headlines) against spaCy's own time
            stats["spacy_seconds_in_extract"] = round(spent["spacy"], 3)
            stats["coding_seconds"] = round(spent["coding"], 3)
            stats["coding_share_of_spacy"] = round(spent["coding"] / spent["spacy"], 3)
            # the learned coder's model (features, encoder, classifier), inside coding
            stats["model_seconds"] = round(spent["model"], 3)
            stats["rest_of_coding_seconds"] = round(spent["coding"] - spent["model"], 3)
        return stats

    return timed(work, args.profile)


def _time_stages() -> dict[str, float]:
    """Time spent inside nlp.pipe (bodies and titles), inside the coding stages, and inside
    the learned coder's model (a part of coding)."""
    import eventwire.events.extract as extract
    import eventwire.pipeline as pipeline

    spent = {"spacy": 0.0, "coding": 0.0, "model": 0.0}
    parse, annotate, decide = pipeline.parse, pipeline.annotate, extract.decide

    def timed_decide(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return decide(*args, **kwargs)
        finally:
            spent["model"] += time.perf_counter() - t0

    def timed_parse(texts: Any, batch_size: int = 32) -> Iterator[Any]:
        docs = parse(texts, batch_size=batch_size)
        while True:
            t0 = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                spent["spacy"] += time.perf_counter() - t0
                return
            spent["spacy"] += time.perf_counter() - t0
            yield doc

    def timed_annotate(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return annotate(*args, **kwargs)
        finally:
            spent["coding"] += time.perf_counter() - t0

    pipeline.parse = timed_parse  # type: ignore[assignment]
    pipeline.annotate = timed_annotate  # type: ignore[assignment]
    extract.decide = timed_decide  # type: ignore[assignment]
    return spent


PHASE_RUNNERS: dict[str, Callable[[argparse.Namespace], Stats]] = {
    "spacy": phase_spacy,
    "ingest": phase_ingest,
    "extract": phase_extract,
}


def run_phase(args: argparse.Namespace) -> None:
    stats = PHASE_RUNNERS[args.phase](args)
    stats["peak_rss_mb"] = peak_rss_mb()
    if args.workers > 1 and args.phase != "spacy":
        stats["workers_peak_rss_mb"] = children_peak_rss_mb()
    print(json.dumps(stats))


# ------------------------------------------------------------------------------ driver
def spawn_phase(phase: str, args: argparse.Namespace, workdir: Path) -> Stats:
    """Run one phase in a fresh interpreter and return the JSON it prints last."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--phase",
        phase,
        "--batch-size",
        str(args.batch_size),
        "--workers",
        str(args.workers),
    ]
    if phase == "spacy":
        cmd += ["--texts", str(workdir / "texts.json")]
    else:
        cmd += ["--records", str(workdir / "records.jsonl")]
    if args.profile_dir:
        cmd += ["--profile", str(Path(args.profile_dir) / f"{phase}.prof")]
    proc = subprocess.run(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True, check=True)
    last = [line for line in proc.stdout.splitlines() if line.strip()][-1]
    return json.loads(last)


def rates(stats: Stats, n_articles: int, n_words: int) -> Stats:
    seconds = stats["seconds"]
    return {
        "seconds": seconds,
        "articles_per_s": round(n_articles / seconds, 2),
        "words_per_s": round(n_words / seconds, 1),
        **{k: v for k, v in stats.items() if k != "seconds"},
    }


def machine() -> Stats:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpus": os.cpu_count(),
        "cpus_usable": affinity,
        "platform": platform.platform(),
        "processor": platform.machine(),
    }


def summary_line(report: Stats) -> str:
    parts = [f"{report['n_articles']} articles, {report['n_words']:,} words"]
    for phase in PHASES:
        p = report[phase]
        ratio = f" ×{p['ratio_to_spacy']:.2f}" if "ratio_to_spacy" in p else ""
        parts.append(
            f"{phase} {p['seconds']:.1f}s {p['articles_per_s']:.1f} art/s "
            f"{p['words_per_s']:,.0f} w/s{ratio} peak {p['peak_rss_mb']:.0f} MB"
        )
    return " | ".join(parts)


def run_all(args: argparse.Namespace) -> int:
    shared = Path(args.shared) if args.shared else REPO_ROOT.parent / "shared"
    files = corpus_files(shared)
    if not files:
        emit({"skipped": f"Reuters-21578 corpus not found at {shared / CORPUS_GLOB}"}, args.out)
        return 0

    if args.profile_dir:
        Path(args.profile_dir).mkdir(parents=True, exist_ok=True)
    records = read_records(files, args.n)
    texts = cleaned_texts(records)
    n_articles, n_words = len(texts), sum(len(t.split()) for t in texts)
    results: dict[str, Stats] = {}
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        workdir = Path(tmp)
        write_jsonl(workdir / "records.jsonl", records)
        (workdir / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        for phase in PHASES:  # sequential: the phases must not share the cores
            print(f"[throughput] {phase} …", file=sys.stderr, flush=True)
            results[phase] = rates(spawn_phase(phase, args, workdir), n_articles, n_words)

    base = results["spacy"]["words_per_s"]
    for phase in ("ingest", "extract"):
        results[phase]["ratio_to_spacy"] = round(results[phase]["words_per_s"] / base, 3)
    report: Stats = {
        "n_records": len(records),
        "n_articles": n_articles,
        "n_words": n_words,
        **results,
        "model": MODEL,
        "batch_size": args.batch_size,
        "workers": args.workers,
        "python": platform.python_version(),
        "spacy_version": spacy.__version__,
        "eventwire_version": eventwire.__version__,
        "machine": machine(),
    }
    emit(report, args.out)
    print(summary_line(report), file=sys.stderr)
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles to use (default 1000)")
    parser.add_argument("--shared", help="shared data root (default: ../shared from the repo)")
    parser.add_argument("--workers", type=int, default=1, help="ingest/extract workers")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch (default 32)")
    parser.add_argument("--out", help="also write the JSON report here")
    parser.add_argument(
        "--profile-dir", help="cProfile each timed phase into DIR/<phase>.prof (slows it down)"
    )
    # internal: one phase in this (fresh) process, JSON on stdout
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--texts", help=argparse.SUPPRESS)
    parser.add_argument("--records", help=argparse.SUPPRESS)
    parser.add_argument("--profile", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.phase:
        run_phase(args)
        return 0
    return run_all(args)


if __name__ == "__main__":
    sys.exit(main())
