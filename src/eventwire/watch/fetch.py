"""Polite HTTP for ``watch``: robots.txt obeyed, one request per host per ``delay`` seconds,
conditional GET (ETag, Last-Modified) so an unchanged feed costs a 304, bounded reads, and a
user agent that names eventwire."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from eventwire.ingest.readers import MAX_FILE_BYTES
from eventwire.ingest.sources import USER_AGENT, fetch_failure

ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is trusted before it is read again


class FetchError(Exception):
    """A fetch that failed; the message says why (timeout, HTTP status, network)."""

    def __init__(self, url: str, reason: str, permanent: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.reason = reason
        self.permanent = permanent  # retrying will not help (404, 410, robots.txt)


@dataclass
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified: ``body`` is empty)
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Fetcher:
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0
    user_agent: str = USER_AGENT
    obey_robots: bool = True
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = field(
        default_factory=dict
    )

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (conditionally, given the validators of the last response)."""
        if self.obey_robots and not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt", permanent=True)
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait(url)
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                body = reply.read(MAX_FILE_BYTES + 1)
                final, info = reply.geturl(), reply.headers
        except urllib.error.HTTPError as err:
            if err.code == 304:
                return Response(url, 304, etag=etag, last_modified=last_modified)
            raise FetchError(url, fetch_failure(err, self.timeout), err.code in (404, 410)) from err
        except (OSError, ValueError) as err:
            raise FetchError(url, fetch_failure(err, self.timeout)) from err
        if len(body) > MAX_FILE_BYTES:
            raise FetchError(url, f"response too large (over {MAX_FILE_BYTES:,} bytes)", True)
        return Response(
            final,
            200,
            body,
            info.get_content_type(),
            info.get("ETag"),
            info.get("Last-Modified"),
        )

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our user agent fetch ``url`` (yes when the host
        has none, or it cannot be read: the usual crawler convention)."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(host)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
            cached = self._robots[host] = (time.monotonic(), self._read_robots(host))
        parser = cached[1]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def _read_robots(self, host: str) -> urllib.robotparser.RobotFileParser | None:
        self._wait(host + "/")
        request = urllib.request.Request(
            host + "/robots.txt", headers={"User-Agent": self.user_agent}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                lines = reply.read(512_000).decode("utf-8", "replace").splitlines()
        except urllib.error.HTTPError as err:
            if err.code in (401, 403):  # the robots.txt convention: everything disallowed
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(["User-agent: *", "Disallow: /"])
                return parser
            return None
        except (OSError, ValueError):
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(lines)
        return parser

    def _wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        due = self._last.get(host, float("-inf")) + self.delay
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        self._last[host] = time.monotonic()
