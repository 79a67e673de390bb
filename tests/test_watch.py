"""``eventwire watch`` against a news site on 127.0.0.1 whose feed grows between polls and
holds a broken item, a slow item and one robots.txt forbids: every new article is coded once,
an unchanged feed costs a 304, a restart (also after ``kill -9`` mid-poll) loses and repeats
nothing, and each matching event group alerts exactly once to a JSON Lines file and to a
webhook. The articles are sentences written for this test."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from eventwire.watch import parse_rule
from eventwire.watch.alerts import RuleError, load_rules
from eventwire.watch.fetch import Fetcher, FetchError

CLI = [sys.executable, "-m", "eventwire.cli"]

ARTICLES = {
    "/news/border.html": (
        "Russia accuses Turkey over border shelling",
        "Russia accused Turkey on Monday of shelling a border post in northern Syria. The "
        "Russian foreign ministry said the attack killed two soldiers.",
    ),
    "/news/aid.html": (
        "Germany pledges aid to Jordan",
        "Germany pledged new humanitarian aid to Jordan on Monday. The German development "
        "minister announced the package in Amman.",
    ),
    "/news/border-again.html": (
        "Moscow blames Ankara for shelling",
        "Russia accused Turkey on Monday of shelling a border post in northern Syria, "
        "Russian officials said. Turkey has not commented.",
    ),
    "/news/expel.html": (
        "Turkey expels Russian diplomats",
        "Turkey expelled four Russian diplomats on Tuesday. The Turkish foreign ministry gave "
        "them three days to leave the country.",
    ),
    "/news/slow.html": (
        "Egypt urges calm in Libya",
        "Egypt urged the rival Libyan factions on Monday to end the fighting around Tripoli.",
    ),
    "/news/slow-again.html": (
        "France condemns attack",
        "France condemned the attack on a United Nations convoy in Mali on Tuesday.",
    ),
    "/private/secret.html": ("Secret", "Iran threatened Israel on Monday."),
}
SLOW = {"/news/slow.html": 2.0, "/news/slow-again.html": 4.0}
PUBLISHED = "Mon, 07 Mar 2016 10:00:00 +0000"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class Site:
    """The site's state, changed by the test between polls, and what it was asked."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.requests: list[tuple[str, str, int]] = []  # method, path, status
        self.hooks: list[tuple[str, dict[str, Any]]] = []  # Idempotency-Key, body
        self.started: set[str] = set()
        self.hook_down = False
        self.lock = threading.Lock()

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>{ARTICLES.get(p, ('Broken', ''))[0]}</title>"
            f"<link>{self.base}{p}</link><pubDate>{PUBLISHED}</pubDate></item>"
            for p in self.items
        )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
            f"<link>{self.base}/</link><description>test</description>{items}</channel></rss>"
        ).encode()

    base = ""


def _page(title: str, text: str) -> bytes:
    body = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    body += f"<p>{text}</p></article></body></html>"
    return body.encode()


@pytest.fixture
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            path = self.path
            with state.lock:
                state.started.add(path)
            status = self._answer(path)
            with state.lock:
                state.requests.append(("GET", path, status))

        def _answer(self, path: str) -> int:
            if path == "/robots.txt":
                return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path == "/feed.xml":
                body = state.feed()
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", None)
                return self._send(200, body, "application/rss+xml", {"ETag": etag})
            if path == "/":
                link = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
                page = f"<html><head>{link}<title>Example Wire</title></head><body></body></html>"
                return self._send(200, page.encode(), "text/html")
            if path == "/atom.xml":
                entries = "".join(
                    f'<entry><title>{ARTICLES[p][0]}</title><link href="{state.base}{p}"/>'
                    f"<id>{state.base}{p}</id><updated>2016-03-07T10:00:00Z</updated></entry>"
                    for p in state.items
                )
                atom = (
                    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    f"<title>Example Atom</title>{entries}</feed>"
                )
                return self._send(200, atom.encode(), "application/atom+xml")
            if path == "/garbage":
                return self._send(200, b"<html><body>no feed here</body></html>", "text/html")
            if path == "/sitemap.xml":
                urls = "".join(f"<url><loc>{state.base}{p}</loc></url>" for p in state.items)
                xml = f'<?xml version="1.0"?><urlset xmlns="{SITEMAP_NS}">{urls}</urlset>'
                return self._send(200, xml.encode(), "application/xml")
            if path == "/news/broken.html":
                return self._send(500, b"internal error", "text/plain")
            if path in ARTICLES:
                time.sleep(SLOW.get(path, 0))
                return self._send(200, _page(*ARTICLES[path]), "text/html; charset=utf-8")
            return self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, kind: str | None, extra: dict | None = None):
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
            return status

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if state.hook_down:
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            with state.lock:
                state.hooks.append((self.headers.get("Idempotency-Key"), json.loads(body)))
                state.requests.append(("POST", self.path, 204))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()


def _watch(site: Site, db: Path, alerts: Path, *extra: str) -> list[str]:
    return [
        *CLI, "watch", f"{site.base}/feed.xml", "--db", str(db), "--delay", "0",
        "--timeout", "10", "--alert", "dyad=RUS,TUR name=ru-tr again_at=2",
        "--alert-to", str(alerts), "--alert-to", f"{site.base}/hook", *extra,
    ]  # fmt: skip


def _run(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def _fetched(site: Site, path: str) -> int:
    return sum(1 for method, p, _ in site.requests if method == "GET" and p == path)


def _stored(db: Path) -> Counter:
    with sqlite3.connect(db) as conn:
        return Counter(url for (url,) in conn.execute("SELECT url FROM articles"))


def test_watch_codes_each_new_article_once_and_alerts_each_group_once(site, tmp_path):
    db, alerts = tmp_path / "watch.db", tmp_path / "alerts.jsonl"
    site.items = ["/news/border.html", "/news/aid.html", "/news/broken.html",
                  "/private/secret.html", "/news/slow.html"]  # fmt: skip

    first = _run(_watch(site, db, alerts, "--once"))
    assert "5 new item(s), 0 retried, 3 coded, 2 failed" in first, first
    assert "HTTP 500" in first and "disallowed by robots.txt" in first
    assert _fetched(site, "/private/secret.html") == 0  # robots.txt is obeyed
    stored = _stored(db)
    assert set(stored) == {site.base + p for p in site.items[:2] + ["/news/slow.html"]}
    assert set(stored.values()) == {1}
    lines = [json.loads(line) for line in alerts.read_text().splitlines()]
    assert [(a["rule"], a["source"]["code"][:3], a["target"]["code"][:3]) for a in lines] == [
        ("ru-tr", "RUS", "TUR")
    ]
    assert lines[0]["reason"] == "new event" and lines[0]["num_mentions"] == 1
    assert "Russia accused Turkey" in lines[0]["evidence"]

    # the feed has not changed: a 304, no article is fetched, nothing is coded or alerted
    requests = len(site.requests)
    second = _run(_watch(site, db, alerts, "--once"))
    assert "0 new item(s), 1 retried, 0 coded, 1 failed" in second, second
    assert ("GET", "/feed.xml", 304) in site.requests[requests:]
    new_gets = [p for m, p, _ in site.requests[requests:] if m == "GET" and p.startswith("/news")]
    assert new_gets == ["/news/broken.html"]  # only the failed item is tried again
    assert len(alerts.read_text().splitlines()) == 1

    # the feed grows: another outlet's report of the same event (the group reaches 2
    # mentions: alerted again), a new event of the same dyad, and a slow item; the watcher
    # is killed while it waits for the slow item, then started again
    site.items += ["/news/border-again.html", "/news/expel.html", "/news/slow-again.html"]
    watcher = subprocess.Popen(
        _watch(site, db, alerts, "--every", "1s"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while "/news/slow-again.html" not in site.started:
            assert watcher.poll() is None, "the watcher stopped"
            assert time.monotonic() < deadline, "the watcher never reached the slow item"
            time.sleep(0.05)
        os.kill(watcher.pid, signal.SIGKILL)
    finally:
        if watcher.poll() is None:
            os.killpg(watcher.pid, signal.SIGKILL)
        watcher.wait()
    third = _run(_watch(site, db, alerts, "--once"))
    assert "coded" in third

    stored = _stored(db)
    expected = {site.base + p for p in site.items if p not in
                ("/news/broken.html", "/private/secret.html")}  # fmt: skip
    assert set(stored) == expected and set(stored.values()) == {1}
    with sqlite3.connect(db) as conn:
        coded = dict(conn.execute("SELECT item, status FROM watch_items"))
    assert all(coded[url] == "coded" for url in expected)

    lines = [json.loads(line) for line in alerts.read_text().splitlines()]
    ids = [a["id"] for a in lines]
    assert len(ids) == len(set(ids)) == 3, lines  # new event, its 2nd mention, the expulsion
    reasons = sorted(a["reason"] for a in lines)
    assert reasons == ["new event", "new event", "reached 2 mentions"], lines
    expel = next(a for a in lines if "expelled" in (a["evidence"] or ""))
    assert expel["source"]["code"].startswith("TUR") and expel["target"]["code"].startswith("RUS")
    hooks = Counter(key for key, _ in site.hooks)
    assert set(hooks) == set(ids) and set(hooks.values()) == {1}
    assert all(body["id"] == key for key, body in site.hooks)


def test_an_alert_the_webhook_refused_is_sent_at_the_next_poll_and_new_targets_get_no_backlog(
    site, tmp_path, cli
):
    db, later = tmp_path / "hook.db", tmp_path / "later.jsonl"
    site.items = ["/news/border.html"]
    site.hook_down = True
    command = ["watch", f"{site.base}/feed.xml", "--db", str(db), "--once", "--delay", "0",
               "--alert", "actor=RUS name=russia", "--alert-to", f"{site.base}/hook"]  # fmt: skip
    first = cli(*command)
    assert "1 target(s) not reached (retried next poll)" in first.output, first.output
    assert "HTTP 503" in first.output and site.hooks == []
    site.hook_down = False
    second = cli(*command, "--alert-to", str(later))
    assert second.exit_code == 0, second.output
    with sqlite3.connect(db) as conn:
        made = [i for (i,) in conn.execute("SELECT id FROM alerts ORDER BY rowid")]
    assert made and all(i.startswith("russia:") for i in made)
    assert [key for key, _ in site.hooks] == made  # in the order they were made, once each
    assert not later.exists()  # a target given later gets only the alerts made after


@pytest.mark.parametrize("start, kind", [("/", "page"), ("/sitemap.xml", "sitemap")])
def test_a_home_page_leads_to_its_feed_and_a_sitemap_lists_its_pages(
    site, tmp_path, cli, start, kind
):
    db = tmp_path / "site.db"
    site.items = ["/news/border.html", "/news/aid.html"]
    result = cli("watch", site.base + start, "--db", str(db), "--once", "--delay", "0")
    assert result.exit_code == 0, result.output
    assert "2 new item(s), 0 retried, 2 coded" in result.output, result.output
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT kind, feeds FROM watch_sources").fetchone()
        titles = {t for (t,) in conn.execute("SELECT title FROM articles")}
    assert row[0] == kind
    if kind == "page":
        assert json.loads(row[1])[0]["url"] == f"{site.base}/feed.xml"
        assert titles == {ARTICLES[p][0] for p in site.items}  # the feed's titles
    site.items.append("/news/expel.html")
    again = cli("watch", site.base + start, "--db", str(db), "--once", "--delay", "0")
    assert "1 new item(s), 0 retried, 1 coded" in again.output, again.output


def test_an_atom_feed_is_read_and_an_unreadable_source_does_not_stop_the_others(
    site, tmp_path, cli
):
    db = tmp_path / "atom.db"
    site.items = ["/news/border.html", "/news/aid.html"]
    result = cli("watch", f"{site.base}/garbage", f"{site.base}/atom.xml", f"{site.base}/gone.xml",
                 "--db", str(db), "--once", "--delay", "0")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "3 source(s), 2 new item(s), 0 retried, 2 coded" in result.output, result.output
    assert "2 source(s) unreadable" in result.output
    assert f"{site.base}/garbage: neither a feed nor a sitemap" in result.output
    assert f"{site.base}/gone.xml: fetch failed: HTTP 404" in result.output
    with sqlite3.connect(db) as conn:
        published = {p for (p,) in conn.execute("SELECT published FROM articles")}
        states = dict(conn.execute("SELECT source, kind FROM watch_sources"))
    assert published == {"2016-03-07"}  # the Atom entries' dates
    assert states[f"{site.base}/atom.xml"] == "feed"


def test_a_watched_directory_picks_up_new_and_changed_files(tmp_path, cli):
    folder, db = tmp_path / "drop", tmp_path / "dir.db"
    folder.mkdir()
    (folder / "one.txt").write_text("Egypt urges Libya\n\nEgypt urged Libya to end the war.")
    (folder / ".partial.txt").write_text("Iran threatened Israel.")  # hidden: being written
    first = cli("watch", str(folder), "--db", str(db), "--once")
    assert first.exit_code == 0, first.output
    assert "1 new item(s), 0 retried, 1 coded" in first.output
    (folder / "two.txt").write_text("France condemns\n\nFrance condemned the attack on Tuesday.")
    second = cli("watch", str(folder), "--db", str(db), "--once")
    assert "1 new item(s), 0 retried, 1 coded" in second.output
    assert "0 new item(s)" in cli("watch", str(folder), "--db", str(db), "--once").output
    (folder / "one.txt").write_text("Egypt urges Libya\n\nEgypt urged Libya to stop fighting.")
    changed = cli("watch", str(folder), "--db", str(db), "--once")
    assert "1 new item(s), 0 retried, 1 coded" in changed.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_alert_rules_are_checked_like_the_filters(tmp_path):
    rule = parse_rule("dyad=rus,tur plover_type=accuse min_mentions=2 name=ru-tr")
    assert rule.name == "ru-tr" and rule.filters.dyad == "RUS,TUR"
    assert rule.thresholds() == [2, 5, 10, 25, 50, 100]
    assert rule.level(1) is None and rule.level(2) == 2 and rule.level(7) == 5
    for bad, message in [
        ("dyad=RUS", "dyad"),
        ("cameo=abc", "cameo"),
        ("plover_type=HUG", "one of"),
        ("min_confidence=2", "above 1"),
        ("colour=red", "unknown rule key 'colour'"),
        ("min_mentions=2", "at least one filter"),
        ("actor", "not key=value"),
    ]:
        with pytest.raises(RuleError, match=message):
            parse_rule(bad)
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[alert]]\nname = "syria-attacks"\nlocation_country = "SYR"\ncameo = "19"\n'
        'min_mentions = 3\n\n[[alert]]\nactor = "RUS"\nmin_confidence = 0.8\n'
    )
    loaded = load_rules(rules)
    assert [r.name for r in loaded] == ["syria-attacks", "actor=RUS min_confidence=0.8"]
    assert loaded[0].min_mentions == 3 and loaded[1].filters.min_confidence == 0.8
    rules.write_text('[[alert]]\ncameo = "x"\n')
    with pytest.raises(RuleError, match=f"{rules}: alert 1: cameo"):
        load_rules(rules)


def test_watch_usage_errors_are_named(cli, tmp_path):
    result = cli("watch", "http://127.0.0.1:9/feed.xml", "--alert", "dyad=RUS")
    assert result.exit_code == 2 and "dyad" in result.output
    result = cli("watch", str(tmp_path), "--alert-to", "out.jsonl")
    assert result.exit_code == 2 and "--alert-to needs" in result.output
    result = cli("watch", str(tmp_path), "--every", "soon")
    assert result.exit_code == 2 and "30s, 15m or 1h" in result.output


def test_the_fetcher_waits_between_requests_to_one_host_and_names_itself(site):
    site.items = ["/news/aid.html"]
    fetcher = Fetcher(delay=0.5, timeout=5)
    started = time.monotonic()
    for _ in range(3):
        fetcher.get(f"{site.base}/news/aid.html")
    assert time.monotonic() - started >= 1.0  # three requests, two waits (robots.txt first)
    with pytest.raises(FetchError, match="robots.txt") as err:
        fetcher.get(f"{site.base}/private/secret.html")
    assert err.value.permanent
    assert "eventwire/" in fetcher.user_agent
