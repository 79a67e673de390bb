"""The explorer's web UI in a real browser: Debian's Chromium driven by Playwright, against the
real app (uvicorn on a free loopback port) over a store built from the seed stories and 200
FA-KES articles (converted to JSON Lines in a temporary folder at test time).

Screenshots of every view go to $EVENTWIRE_SCREENSHOTS (default build/screenshots/).
Skips with a reason when Chromium, Playwright or ../shared is missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import REPO, need_shared, write_jsonl

from eventwire.cli import main

CHROMIUM = Path(os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(os.environ.get("EVENTWIRE_SCREENSHOTS", REPO / "build" / "screenshots"))
FAKES_ARTICLES = 200

XSS_TITLE = "<script>alert('title')</script> Border <img src=x onerror=alert('title-img')>"
XSS_OUTLET = "<img src=x onerror=alert('outlet')>Wire"
XSS_ARTICLE = {
    "id": "xss-<b>1</b>",
    "title": XSS_TITLE,
    "text": "Turkey criticized Greece on Tuesday over the <script>alert('xss')</script> border "
    'dispute <img src=x onerror="alert(\'img\')">. The Turkish foreign minister said: "<b>We '
    'reject</b> these <script>alert(1)</script> claims."',
    "published": "2016-02-09",
    "source": XSS_OUTLET,
}


def _need_browser() -> Any:
    if not CHROMIUM.exists():
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium) or set EVENTWIRE_CHROMIUM"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install -e '.[test]')")
    return sync_playwright


# ---------------------------------------------------------------------------- fixtures
def fakes_records(path: Path, n: int) -> list[dict[str, Any]]:
    """The first n FA-KES rows as ingest records (id, title, text, published, source)."""
    csv.field_size_limit(10**9)
    records = []
    with path.open(encoding="cp1252", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            published = None
            if row.get("date"):
                published = dt.datetime.strptime(row["date"], "%m/%d/%y").date().isoformat()
            records.append(
                {
                    "id": f"fakes-{row['unit_id']}",
                    "title": row["article_title"],
                    "text": row["article_content"],
                    "published": published,
                    "source": row["source"],
                }
            )
            if len(records) == n:
                break
    return records


@pytest.fixture(scope="module")
def explorer_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_browser()
    seeds = need_shared("data", "seeds")
    fakes = need_shared("data", "corpora", "fakes", "fakes.csv")
    folder = tmp_path_factory.mktemp("explorer-web")
    db = folder / "explorer.db"
    records = write_jsonl(folder / "fakes.jsonl", fakes_records(fakes, FAKES_ARTICLES))
    xss = write_jsonl(folder / "xss.jsonl", [XSS_ARTICLE])
    runner = CliRunner()
    for args in (
        [str(seeds), "--meta", str(seeds / "meta.jsonl")],
        [str(records), str(xss)],
    ):
        # the explorer on the dictionary coder's events, which are stable (the learned coder
        # has its own tests in tests/test_learned_coder.py)
        result = runner.invoke(
            main, ["ingest", *args, "--db", str(db), "-q", "--coder", "dictionary"]
        )
        assert result.exit_code == 0, result.output
    return db


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The explorer over ``db`` under uvicorn on a free loopback port: its base URL."""
    import uvicorn

    from eventwire.server import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(explorer_db: Path) -> Iterator[str]:
    with serving(explorer_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _need_browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def checked_page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page; afterwards, no dialog may have opened, no script error may have been
    thrown and nothing may have been requested from anywhere but the server."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(server) or r.url.startswith("data:")
            else problems.append(f"external request: {r.url}")
        ),
    )
    page.problems = problems
    try:
        yield page
    finally:
        context.close()
    assert problems == []


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    with checked_page(browser, server) as checked:
        yield checked


def shot(target: Any, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    if full_page:
        target.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    else:
        target.screenshot(path=str(SHOTS / f"{name}.png"))


def api(page: Any, server: str, path: str) -> Any:
    response = page.request.get(server + path)
    assert response.ok, path
    return response.json()


def open_dashboard(page: Any, server: str, hash_: str = "") -> None:
    page.goto(f"{server}/{hash_}")
    for view in ("#timeline", "#network", "#map", "#events-table"):
        page.wait_for_selector(f"{view}[data-state=ready]")


def table_total(page: Any) -> int:
    text = page.inner_text("#table-count")
    return int(re.sub(r"\D", "", text.split(" ")[0]))


def wait_reloaded(page: Any, previous_total: int) -> None:
    page.wait_for_function(
        "prev => { const t = document.querySelector('#events-table');"
        " const c = document.querySelector('#table-count').textContent;"
        " return t.dataset.state === 'ready' && !c.startsWith(String(prev) + ' ')"
        " && !c.startsWith(prev.toLocaleString('en-US') + ' '); }",
        arg=previous_total,
    )
    for view in ("#network", "#map"):
        page.wait_for_selector(f"{view}[data-state=ready]")


# ---------------------------------------------------------------------------- views
def test_dashboard_loads_every_view(page, server):
    summary = api(page, server, "/api/summary")
    open_dashboard(page, server)
    assert f"{summary['articles']} articles" in page.inner_text("#summary")
    assert page.locator("#watch-status").is_hidden()  # a store never polled: no watch line
    assert page.locator("#timeline rect.bar").count() > 0
    assert page.locator("#timeline-legend span").count() >= 2
    graph = page.evaluate(
        "() => { const cy = window.eventwireExplorer.graph();"
        " return {nodes: cy.nodes().length, edges: cy.edges().length}; }"
    )
    network = api(page, server, "/api/aggregates/network?limit=120&merged=true")
    assert graph == {"nodes": len(network["nodes"]), "edges": len(network["edges"])}
    assert graph["edges"] > 0
    assert page.locator("#network canvas").count() > 0
    assert page.locator("#map path.country").count() > 150
    points = api(page, server, "/api/aggregates/map?limit=1500&merged=true")["points"]
    assert page.locator("#map circle.point").count() == len(points) > 0
    merged = api(page, server, "/api/events?merged=true&limit=1")["total"]
    assert table_total(page) == merged < summary["events"]  # merged events by default
    assert page.locator("#events-table tbody tr").count() == min(50, merged)
    assert page.inner_text("#page-info").startswith("1–")
    shot(page, "dashboard", full_page=True)
    shot(page.locator("#timeline-view"), "timeline")
    shot(page.locator("#network-view"), "network")
    shot(page.locator("#map-view"), "map")
    shot(page.locator("#table-view"), "table")
    # the other pages of the table, and the CSV of the filtered events
    page.click("#next-page")
    page.wait_for_function("() => document.querySelector('#page-info').textContent"
                           ".startsWith('51–')")  # fmt: skip
    with page.expect_download() as download:
        page.click("#csv-link")
    with open(download.value.path(), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == merged


def test_merged_and_all_reports_toggle_and_a_merged_events_reports(page, server):
    open_dashboard(page, server, "#/?quad_class=1")
    merged = table_total(page)
    page.check("#count-mode input[value=all]")
    wait_reloaded(page, merged)
    reports = api(page, server, "/api/events?quad_class=1&limit=1")["total"]
    assert table_total(page) == reports > merged
    assert "report(s)" in page.inner_text("#table-count")
    assert "reports=all" in page.url  # the choice is in the address, and survives a reload
    page.reload()
    page.wait_for_function(
        "() => /report\\(s\\)/.test(document.querySelector('#table-count').textContent)"
    )
    assert page.is_checked("#count-mode input[value=all]") and table_total(page) == reports
    page.check("#count-mode input[value=merged]")
    wait_reloaded(page, reports)
    assert table_total(page) == merged
    # the most reported merged event on this page: its reports, each linking to its evidence
    counts = page.locator("#events-table tbody .group-link").all_inner_texts()
    assert counts
    best = max(range(len(counts)), key=lambda i: int(counts[i].replace(",", "")))
    button = page.locator("#events-table tbody .group-link").nth(best)
    group_id = button.get_attribute("data-group-id")
    button.click()
    page.wait_for_selector("#group-mentions[data-state=ready]")
    found = api(page, server, f"/api/events/groups/{group_id}")
    links = page.locator("#group-mentions li a.evidence-link")
    # every coded event is listed; two codings of one sentence are one report (num_mentions)
    assert links.count() == len(found["mentions"]) >= int(counts[best].replace(",", "")) > 1
    first = found["mentions"][0]
    assert links.first.get_attribute("href") == (
        f"#/article/{first['article_id']}?event={first['event_id']}"
    )
    shot(page.locator("#table-view"), "table-merged-event-reports")


def test_brushing_the_timeline_filters_the_table_and_network(page, server):
    open_dashboard(page, server)
    total = table_total(page)
    edges_before = page.evaluate("() => window.eventwireExplorer.graph().edges().length")
    # drag across the tallest bar
    box = page.evaluate(
        "() => { let best = null; for (const r of document.querySelectorAll('#timeline rect.bar'))"
        " { const b = r.getBoundingClientRect(); if (!best || b.height > best.height) best = b; }"
        " return {x: best.x, width: best.width, y: best.y, height: best.height}; }"
    )
    svg = page.locator("#timeline svg").bounding_box()
    y = svg["y"] + svg["height"] / 2
    page.mouse.move(box["x"] - 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=4)
    page.mouse.move(box["x"] + box["width"] + 2, y, steps=4)
    page.mouse.up()
    page.wait_for_function("() => document.querySelector('#filters [name=since]').value !== ''")
    wait_reloaded(page, total)
    since = page.input_value("#filters [name=since]")
    until = page.input_value("#filters [name=until]")
    assert since <= until
    assert f"since={since}" in page.url and f"until={until}" in page.url
    brushed = table_total(page)
    expected = api(page, server, f"/api/events?since={since}&until={until}&limit=1&merged=true")[
        "total"
    ]
    assert 0 < brushed == expected < total
    dates = page.locator("#events-table tbody td.date").all_inner_texts()
    assert dates and all(since <= d <= until for d in dates)
    network = api(
        page, server, f"/api/aggregates/network?since={since}&until={until}&limit=120&merged=1"
    )
    edges_after = page.evaluate("() => window.eventwireExplorer.graph().edges().length")
    assert edges_after == len(network["edges"]) <= edges_before
    assert page.locator("#timeline .brush .selection").get_attribute("width") not in (None, "0")
    shot(page, "timeline-brushed")

    # typed dates and a typed actor filter work the same way
    page.click("#clear-dates")
    wait_reloaded(page, brushed)
    assert table_total(page) == total
    page.fill("#filters [name=actor]", "RUS")
    page.press("#filters [name=actor]", "Enter")
    wait_reloaded(page, total)
    sources = page.locator("#events-table tbody tr td:nth-child(2) .code").all_inner_texts()
    targets = page.locator("#events-table tbody tr td:nth-child(4) .code").all_inner_texts()
    assert sources and all(
        s.startswith("RUS") or t.startswith("RUS") for s, t in zip(sources, targets, strict=True)
    )
    assert table_total(page) == api(page, server, "/api/events?actor=RUS&merged=1&limit=1")["total"]


def test_clicking_a_network_edge_lists_its_events(page, server):
    open_dashboard(page, server)
    canvas = page.locator("#network").bounding_box()
    edges = page.evaluate(
        "() => window.eventwireExplorer.graph().edges().sort((a, b) => b.data('count') -"
        " a.data('count')).map(e => ({source: e.data('source'), target: e.data('target'),"
        " x: e.renderedMidpoint().x, y: e.renderedMidpoint().y}))"
    )
    for edge in edges[:8]:  # a node may sit on an edge's midpoint: try the next edge
        page.mouse.click(canvas["x"] + edge["x"], canvas["y"] + edge["y"])
        try:
            page.wait_for_selector("#edge-events[data-state=ready]", timeout=3000)
            break
        except Exception:  # noqa: BLE001 - playwright's timeout
            continue
    else:
        pytest.fail("no edge could be clicked on the canvas")
    heading = page.inner_text("#edge-events h3")
    source, target = heading.split(" → ")
    listed = page.locator("#edge-events li").count()
    expected = api(
        page, server, f"/api/events?source={source}&target={target}&exact=true&merged=true"
    )
    assert listed == min(100, expected["total"]) > 0
    first = page.locator("#edge-events li a.evidence-link").first
    assert first.get_attribute("href").startswith("#/article/")
    shot(page.locator("#network-view"), "network-edge-events")

    total = table_total(page)
    page.click("#edge-events button:has-text('filter all views')")
    page.wait_for_selector("#edge-filter:not([hidden])")
    if expected["total"] != total:
        wait_reloaded(page, total)
    assert table_total(page) == expected["total"]
    assert page.evaluate("() => window.eventwireExplorer.graph().edges().length") >= 1


def test_opening_an_article_shows_its_highlighted_evidence(page, server):
    open_dashboard(page, server, "#/?quad_class=4")
    link = page.locator("#events-table tbody a.evidence-link").first
    href = link.get_attribute("href")
    event_id = int(href.rsplit("=", 1)[1])
    link.click()
    page.wait_for_selector("#article-view[data-state=ready]")
    assert page.locator("#dashboard").is_hidden()
    focus = page.locator("#article-text .hl-focus, #article-title .hl-focus")
    assert focus.count() >= 1
    assert focus.first.is_visible()
    assert page.evaluate(
        "() => { const r = document.querySelector('.hl-focus').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    ), "the evidence is scrolled into view"
    article_id = href.split("/article/")[1].split("?")[0]
    article = api(page, server, f"/api/articles/{article_id}")
    event = next(e for e in article["events"] if e["id"] == event_id)
    highlighted = "".join(focus.all_inner_texts())
    source_text = article["title"] if event["sentence"] < 0 else article["text"]
    assert highlighted == source_text[event["start_char"] : event["end_char"]]
    assert page.locator("#article-events li.focused").count() == 1
    assert page.locator("#article-text .hl-actor").count() > 0
    assert page.locator("#article-text .hl-event").count() > 0
    assert page.inner_text("#article-text").strip() == article["text"].strip()
    shot(page, "article")
    # the other events of the article are one click away
    page.locator("#article-events li button").last.click()
    last = article["events"][-1]
    page.wait_for_function(
        "id => document.querySelector(`#article-events li[data-event-id='${id}']`)"
        ".classList.contains('focused')",
        arg=last["id"],
    )
    page.click("#back-link")
    page.wait_for_selector("#dashboard:not([hidden])")
    assert page.input_value("#filters [name=quad_class]") == "4"


def test_markup_in_articles_is_shown_as_text_and_never_runs(page, server):
    article = api(page, server, "/api/articles/xss-%3Cb%3E1%3C%2Fb%3E")
    event = next(e for e in article["events"] if e["cameo"] == "111")
    page.goto(f"{server}/#/article/{'xss-%3Cb%3E1%3C%2Fb%3E'}?event={event['id']}")
    page.wait_for_selector("#article-view[data-state=ready]")
    assert page.inner_text("#article-title") == XSS_TITLE
    text = page.inner_text("#article-text")
    assert "<script>alert('xss')</script>" in text
    assert "<img src=x onerror=\"alert('img')\">" in text
    assert XSS_OUTLET in page.inner_text("#article-meta")
    assert "<script>alert(1)</script>" in page.inner_text("#article-quotes")
    for where in ("#article-view", "#dashboard", "#summary"):
        assert page.locator(f"{where} img, {where} script, {where} b").count() == 0, where
    shot(page, "article-markup-as-text")
    # the same article in the dashboard's table, filtered by its outlet
    page.goto(f"{server}/")
    page.wait_for_selector("#events-table[data-state=ready]")
    page.select_option("#filters [name=outlet]", XSS_OUTLET)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#events-table td')].some("
        "td => td.textContent.includes('<img src=x'))"
    )
    page.wait_for_selector("#events-table[data-state=ready]")
    assert page.locator("img").count() == 0
    assert "<script>alert('xss')</script>" in page.inner_text("#events-table")
    time.sleep(0.3)  # give any injected handler a moment to fire before the fixture checks
    assert page.problems == []


def test_the_ui_reports_a_bad_filter_clearly(page, server):
    open_dashboard(page, server)
    page.fill("#filters [name=q]", '"unbalanced')
    page.press("#filters [name=q]", "Enter")
    page.wait_for_selector("#error-banner:not([hidden])")
    assert "bad full-text query" in page.inner_text("#error-banner")


def test_article_view_is_reachable_by_link(page, server):
    seed = api(page, server, "/api/articles?outlet=SANA&limit=1")["items"][0]
    page.goto(f"{server}/#/article/{seed['id']}")
    page.wait_for_selector("#article-view[data-state=ready]")
    assert page.inner_text("#article-title")
    assert json.loads(json.dumps(seed))["id"] in page.inner_text("#article-meta")
    shot(page, "article-seed", full_page=True)
    assert (SHOTS / "article-seed.png").stat().st_size > 5000


# ---------------------------------------------------------------------------- watch
@pytest.fixture(scope="module")
def watched_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The explorer over a small store with `eventwire watch`'s polls recorded: the first
    article stored in 2020, the others in 2022 (not now: a last look taken in the same second
    as an article was stored counts it as new)."""
    from test_explorer_watch import ARTICLES, record_polls

    _need_browser()
    folder = tmp_path_factory.mktemp("explorer-watch")
    db = folder / "watched.db"
    path = write_jsonl(folder / "articles.jsonl", ARTICLES)
    args = ["ingest", str(path), "--db", str(db), "-q", "--coder", "dictionary"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET ingested_at = '2022-06-01T12:00:00+00:00'")
        conn.execute(
            "UPDATE articles SET ingested_at = '2020-01-01T00:00:00+00:00' WHERE id = ?",
            [ARTICLES[0]["id"]],
        )
    record_polls(db)
    with serving(db) as url:
        yield url


def test_the_header_shows_the_last_poll_and_what_is_new_until_marked_seen(browser, watched_server):
    server = watched_server
    with checked_page(browser, server) as page:
        page.goto(f"{server}/")
        page.wait_for_selector("#watch-status:not([hidden])")
        poll = page.locator("#watch-poll")
        assert "03:15 UTC · 3 new articles · 2 sources · 1 error" in poll.inner_text()
        assert "https://example.org/feed.xml: HTTP 503" in poll.get_attribute("title")
        assert page.locator("#watch-new").is_hidden()  # a first visit: nothing is new yet

        since = "2021-01-01T00:00:00Z"  # a last look after the first article was stored
        page.evaluate("s => localStorage.setItem('eventwire:last-look:watched.db', s)", since)
        page.reload()
        page.wait_for_selector("#watch-new:not([hidden])")
        new = api(page, server, f"/api/watch?since={since}")["since"]
        assert new["articles"] == 2 and new["events"] > 1
        assert page.inner_text("#watch-new-count") == (
            f"New since your last look: {new['events']} events in 2 articles"
        )
        shot(page.locator(".topbar"), "watch-header")

        # "show them": the table lists the events of those articles (merged by default)
        listed = api(page, server, f"/api/events?ingested_since={since}&merged=true&limit=1")
        everything = api(page, server, "/api/events?merged=true&limit=1")
        assert 0 < listed["total"] < everything["total"]
        page.click("#watch-show")
        page.wait_for_function(
            "n => document.querySelector('#events-table').dataset.state === 'ready'"
            " && document.querySelector('#table-count').textContent.startsWith(n + ' ')",
            arg=listed["total"],
        )
        assert "ingested_since=" in page.url
        assert "2021-01-01 00:00 UTC" in page.inner_text("#stored-filter")
        shot(page, "watch-new-events")

        # "mark as seen": nothing is new any more, after a reload too
        page.click("#watch-seen")
        page.wait_for_selector("#watch-new", state="hidden")
        seen = page.evaluate("() => localStorage.getItem('eventwire:last-look:watched.db')")
        assert seen > since
        page.reload()
        page.wait_for_selector("#watch-status:not([hidden])")
        page.wait_for_load_state("networkidle")
        assert page.locator("#watch-new").is_hidden()
