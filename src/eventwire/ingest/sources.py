"""Where inputs come from: files, directories (recursive), stdin and http(s) URLs."""

from __future__ import annotations

import errno
import os
import socket
import stat
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from eventwire._version import __version__
from eventwire.ingest.readers import (
    MAX_FILE_BYTES,
    READERS,
    InputError,
    Item,
    ReadOptions,
    gunzip,
    read_html,
    read_json,
    read_txt,
    sniff_reader,
)
from eventwire.ingest.records import Failure, RawRecord

USER_AGENT = f"eventwire/{__version__} (political event coder)"


def _suffix(name: str) -> tuple[str, bool]:
    """Format suffix of a file name, looking through a .gz wrapper."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return os.path.splitext(lower)[1], gz


def is_supported(path: Path) -> bool:
    return _suffix(path.name)[0] in READERS


def read_bytes(data: bytes, origin: str, name: str, opts: ReadOptions) -> Iterator[Item]:
    """Dispatch bytes to the reader for ``name``'s extension; reader errors become Failures."""
    ext, gz = _suffix(name)
    reader = READERS.get(ext)
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield Failure(origin, f"unknown extension {ext or '(none)'!r}; supported: {known} (+ .gz)")
        return
    if ext == ".tsv":
        opts = replace(opts, csv_delimiter="\t")
    try:
        if gz:
            data = gunzip(data)
        yield from reader(data, origin, opts)
    except InputError as err:
        yield Failure(origin, str(err))


def unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file, or None: a broken or looping symbolic link, a
    named pipe or device (reading one would block or never end), a file that has vanished."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"broken symbolic link (to {os.readlink(path)!r})"
        return "vanished before it could be read (deleted while the batch ran?)"
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself)"
        return f"cannot read ({err.strerror or err})"
    if stat.S_ISDIR(mode):
        return None
    if not stat.S_ISREG(mode):
        return "not a regular file (a named pipe, socket or device); skipped"
    return None


def read_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    origin = str(path)
    problem = unreadable(path)
    if problem:
        yield Failure(origin, problem)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Failure(origin, f"file too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")
            return
        if _suffix(path.name)[0] not in READERS:
            yield from read_bytes(b"", origin, path.name, opts)
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield Failure(origin, "vanished before it could be read (deleted while the batch ran?)")
        return
    except OSError as err:
        yield Failure(origin, f"cannot read ({err.strerror or err})")
        return
    for item in read_bytes(data, origin, path.name, opts):
        if isinstance(item, RawRecord):
            item.file = origin
        yield item


def read_directory(path: Path, opts: ReadOptions, exclude: set[Path]) -> Iterator[Item]:
    entries = sorted(
        p
        for p in path.rglob("*")
        if not p.name.startswith(".")
        and not p.is_dir()
        and Path(os.path.realpath(p)) not in exclude
    )
    files = [p for p in entries if p.is_file()]
    odd = [p for p in entries if not p.is_file() and is_supported(p)]  # links, pipes
    supported = [p for p in files if is_supported(p)] + odd
    if not supported:
        yield Failure(
            str(path),
            f"no articles found: {len(files)} file(s), none with a supported extension",
        )
        return
    for p in sorted(supported):
        yield from read_file(p, opts)


def read_stdin(opts: ReadOptions) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    if not data.strip():
        yield Failure("<stdin>", "empty input")
        return
    try:
        yield from sniff_reader(data)(data, "<stdin>", opts)
    except InputError as err:
        yield Failure("<stdin>", str(err))


def fetch_failure(err: OSError | ValueError, timeout: float) -> str:
    """Why a fetch failed, in words (a timeout, an HTTP status, or the network's reason)."""
    if isinstance(err, urllib.error.HTTPError):
        return f"fetch failed: HTTP {err.code} {err.reason}"
    reason = getattr(err, "reason", err)
    if isinstance(err, TimeoutError) or isinstance(reason, TimeoutError | socket.timeout):
        return f"timed out after {timeout:g} s"
    return f"fetch failed: {reason}"


def read_url(url: str, opts: ReadOptions) -> Iterator[Item]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=opts.timeout) as response:
            content_type = response.headers.get_content_type()
            data = response.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as err:  # URLError and HTTPError are OSErrors
        yield Failure(url, fetch_failure(err, opts.timeout))
        return
    if len(data) > MAX_FILE_BYTES:
        yield Failure(url, f"response too large (over {MAX_FILE_BYTES:,} bytes)")
        return
    yield from read_response(data, content_type, url, opts)


def read_response(data: bytes, content_type: str, url: str, opts: ReadOptions) -> Iterator[Item]:
    """The records of a fetched document, read by its content type (sniffed when unclear)."""
    try:
        if "html" in content_type or "xml" in content_type:
            items = read_html(data, url, opts, url=url)
        elif "json" in content_type:
            items = read_json(data, url, opts)
        elif content_type == "text/plain":
            items = read_txt(data, url, opts)
        else:
            items = sniff_reader(data)(data, url, opts)
        for item in items:
            if isinstance(item, RawRecord):
                item.url = item.url or url
            yield item
    except InputError as err:
        yield Failure(url, str(err))


def read_inputs(
    specs: list[str], opts: ReadOptions, exclude: set[Path] | None = None
) -> Iterator[Item]:
    """Every record from every input spec, in order: a path, a directory, ``-`` or a URL."""
    exclude = exclude or set()
    for spec in specs:
        if spec == "-":
            yield from read_stdin(opts)
        elif spec.startswith(("http://", "https://")):
            yield from read_url(spec, opts)
        else:
            path = Path(spec)
            if path.is_dir():
                yield from read_directory(path, opts, exclude)
            elif path.exists() or path.is_symlink():
                yield from read_file(path, opts)
            else:
                yield Failure(spec, "no such file or directory")


def estimate_records(specs: Sequence[str]) -> int:
    """A cheap count of the records the inputs hold, for the progress bar's ETA."""
    total = 0
    for spec in specs:
        path = Path(spec)
        files = (
            [p for p in path.rglob("*") if p.is_file() and is_supported(p)]
            if path.is_dir()
            else [path]
        )
        for f in files:
            ext, gz = _suffix(f.name)
            try:
                if gz or ext not in {".jsonl", ".ndjson", ".csv", ".tsv", ".sgm", ".sgml"}:
                    total += 1
                    continue
                data = f.read_bytes()
            except OSError:
                total += 1
                continue
            if ext in {".sgm", ".sgml"}:
                total += data.count(b"<REUTERS ")
            else:
                total += sum(1 for line in data.splitlines() if line.strip())
                total -= ext in {".csv", ".tsv"}
    return total
