"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from eventwire.cli import main

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "data" / "seeds"
SAMPLES = REPO / "samples"


def need_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path} (clone ../shared beside the repo)")
    return path


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the real CLI in-process (the spaCy model stays loaded between tests)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def old_store(path: Path, version: int) -> None:
    """A store as an older eventwire wrote it (migrations 1..``version``), with one article
    stored at 2026-01-01T10:00 and one event of it (Russia met Iran, in Moscow)."""
    import sqlite3

    from eventwire.store.schema import MIGRATIONS

    conn = sqlite3.connect(path)
    conn.executescript(
        "BEGIN;\n" + "\n".join(MIGRATIONS[:version])
        + f"\nPRAGMA user_version = {version};\nCOMMIT;"
    )  # fmt: skip
    conn.execute(
        "INSERT INTO articles (id, text, content_hash, ingested_at, published, source) "
        "VALUES ('old', 'Russia met Iran.', 'h', '2026-01-01T10:00:00+00:00', '2016-03-01', "
        "'Old Wire')"
    )
    conn.execute(
        "INSERT INTO events (article_id, sentence, start_char, end_char, evidence, source_code, "
        "target_code, cameo, quad_class, goldstein, date, lat, lon, source_country, "
        "target_country) VALUES ('old', 0, 0, 15, 'Russia met Iran.', 'RUS', 'IRN', '040', 1, "
        "1.0, '2016-03-01', 55.75, 37.62, 'RUS', 'IRN')"
    )
    conn.commit()
    conn.close()


def seed_records() -> list[dict]:
    """The seed stories as extract input, the way the shared scorer builds them."""
    from eventwire.eval.seeds import seed_records as build

    return build(SEEDS)


@pytest.fixture(scope="session")
def http_server():
    """A loopback HTTP server: /story.html, /slow (sleeps 3 s), /loop (redirects to itself),
    anything else 404."""
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/story.html":
                body = (SAMPLES / "story.html").read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif self.path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
            elif self.path == "/slow":
                time.sleep(3)
                self.send_response(200)
                self.end_headers()
            else:
                self.send_error(404, "Not Found")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
