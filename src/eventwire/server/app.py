"""The explorer: a read-only JSON API over an eventwire store, and the web UI that uses it.

``create_app(db_path)`` builds the FastAPI app; ``eventwire serve`` runs it with uvicorn on
127.0.0.1. The database is opened with SQLite's ``mode=ro`` and ``PRAGMA query_only``, the API
has only GET routes, every SQL value is a bound parameter (``queries.py``), and no CORS
headers are sent, so other origins' pages cannot read the API. The UI is static files built
from ``web/`` (no CDN, no network at run time) and renders all data as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import inspect
import io
import os
import queue
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire._version import __version__
from eventwire.server import models
from eventwire.store import queries
from eventwire.store.filters import TIMESTAMP, ArticleFilters, EventFilters, Filter, QuoteFilters
from eventwire.store.filters import Filters as FilterValues
from eventwire.store.queries import QueryError

MIN_SCHEMA = 3  # the first schema with every column the explorer reads (quotes, spans)
MAX_EVENTS_PAGE = 500
MAX_CSV_ROWS = 1_000_000

STATIC = Path(str(resources.files("eventwire").joinpath("server", "static")))

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

ACTOR_CODE = r"^[A-Za-z0-9-]{1,40}$"
CAMEO_CODE = r"^[0-9]{1,4}[A-Za-z]?$"
COUNTRY = r"^[A-Za-z]{3}$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


F = TypeVar("F", bound=FilterValues)


class DatabaseUnavailable(Exception):
    """The database is missing, not an eventwire store, or holds no articles."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class Database:
    """A small pool of read-only connections to one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self.schema_version = 0

    def _connect(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise DatabaseUnavailable(
                f"{self.path}: no such database (create it with `eventwire ingest FILE "
                f"--db {self.path}`)",
                "database_missing",
            )
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            conn.execute("PRAGMA query_only = ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        except sqlite3.DatabaseError as err:
            conn.close()
            raise DatabaseUnavailable(
                f"{self.path}: not an eventwire database ({err})", "not_eventwire"
            ) from err
        if not tables:
            conn.close()
            raise DatabaseUnavailable(
                f"{self.path} is empty: it has no tables (create it with `eventwire ingest FILE "
                f"--db {self.path}`)",
                "database_empty",
            )
        if not {"articles", "events", "quotes"} <= tables or version < MIN_SCHEMA:
            conn.close()
            raise DatabaseUnavailable(
                f"{self.path}: not an eventwire database of schema {MIN_SCHEMA} or later "
                f"(found version {version}; ingest into it with this eventwire to migrate it)",
                "not_eventwire",
            )
        self.schema_version = version
        conn.row_factory = sqlite3.Row
        return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        if not self.path.is_file():
            self._connect()  # raises the clear error
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._connect()
        try:
            yield conn
        finally:
            self._idle.put(conn)

    def check(self, conn: sqlite3.Connection) -> None:
        """Refuse a store with no articles: there is nothing to explore yet."""
        if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None:
            raise DatabaseUnavailable(
                f"{self.path} holds no articles yet: add some with `eventwire ingest FILE "
                f"--db {self.path}`",
                "database_empty",
            )

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class SecurityHeaders:
    """Pure ASGI middleware: CSP, nosniff, no referrer, no framing, on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _unprocessable(param: str, message: str) -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors."""
    return HTTPException(
        status_code=422,
        detail=[{"loc": ["query", param], "msg": message, "type": "value_error"}],
    )


def _date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as err:
        raise _unprocessable(name, f"{name}: {value!r} is not a real date ({err})") from err


def _date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = _date("since", since), _date("until", until)
    if since and until and since > until:
        raise _unprocessable("until", f"until ({until}) is before since ({since})")
    return since, until


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


# ---------------------------------------------------------------------------- query params
Since = Annotated[
    str | None, Query(pattern=DATE, description="Event date on or after (YYYY-MM-DD).")
]
Until = Annotated[
    str | None, Query(pattern=DATE, description="Event date on or before (YYYY-MM-DD).")
]


def _query_parameter(spec: Filter) -> inspect.Parameter:
    """One query parameter of the event listings, from the filter registry."""
    annotation: Any = spec.kind
    if spec.choices:
        annotation = Literal[spec.choices]
    if spec.default is None:
        annotation = annotation | None
    query = Query(
        description=spec.help,
        pattern=spec.pattern,
        ge=spec.low,
        le=spec.high,
        min_length=1 if spec.max_length else None,
        max_length=spec.max_length,
        allow_inf_nan=False if spec.kind is float else None,
    )
    return inspect.Parameter(
        spec.name,
        inspect.Parameter.KEYWORD_ONLY,
        default=spec.default,
        annotation=Annotated[annotation, query],
    )


def filters_of(kind: type[F]) -> Any:
    """A dependency that reads one listing's filters, one query parameter per registry entry
    (``eventwire.store.filters``): the OpenAPI schema is generated from the registry too."""

    def dependency(**values: Any) -> F:
        since, until = _date_range(values.get("since"), values.get("until"))
        dates = {"since": since, "until": until} if "since" in values else {}
        result: F = kind.of(**{**values, **dates})
        return result

    dependency.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [_query_parameter(spec) for spec in kind.REGISTRY], return_annotation=kind
    )
    return dependency


Filters = Annotated[EventFilters, Depends(filters_of(EventFilters))]
Merged = Annotated[
    bool,
    Query(
        description="Count merged events (one per real-world event, however many reports "
        "of it) instead of every report (mention); a merged event is in when its date is "
        "within since/until and any of its reports matches the other filters."
    ),
]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]


def _limit(default: int, maximum: int) -> Any:
    return Query(ge=1, le=maximum, description=f"Rows per page (at most {maximum}).")


def _page(request: Request, total: int, limit: int, offset: int, items: list[Any]) -> Any:
    following = None
    if offset + limit < total:
        url = request.url.include_query_params(offset=offset + limit, limit=limit)
        following = f"{url.path}?{url.query}"
    return {"total": total, "limit": limit, "offset": offset, "next": following, "items": items}


@lru_cache(maxsize=1)
def _cameo_names() -> dict[str, str]:
    from eventwire.events.ontology import all_codes

    return {c.code: c.name for c in all_codes()}


def _cameo_name(code: str) -> str | None:
    names = _cameo_names()
    return names.get(code) or names.get(code[:3]) or names.get(code[:2])


def _with_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        row["cameo_name"] = _cameo_name(row["cameo"])
    return rows


# ---------------------------------------------------------------------------- the app
def _connection(request: Request) -> Iterator[sqlite3.Connection]:
    database: Database = request.app.state.database
    with database.connection() as connection:
        database.check(connection)
        yield connection


Conn = Annotated[sqlite3.Connection, Depends(_connection)]


def _error_page(message: str, status: int) -> HTMLResponse:
    body = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>eventwire explorer: database unavailable</title>"
        "<link rel='stylesheet' href='/static/app.css'></head><body class='error-page'>"
        "<main><h1>eventwire explorer</h1><p class='error-message'>"
        f"{html.escape(message)}</p>"
        "<p>Start it with <code>eventwire serve --db FILE</code> on a database made by "
        "<code>eventwire ingest</code>, then reload this page.</p></main></body></html>"
    )
    return HTMLResponse(body, status_code=status)


def create_app(db_path: str | Path) -> FastAPI:
    """The explorer app over the SQLite file ``db_path``, opened read-only per request."""
    database = Database(db_path)
    app = FastAPI(
        title="eventwire explorer API",
        version=__version__,
        description=(
            "Read-only access to an eventwire store: events (who did what to whom, when and "
            "where, with evidence spans), actors, articles, quotes, and aggregates for charts. "
            "Every list is paginated (`limit`, `offset`; `total` and a `next` link). Dates are "
            "YYYY-MM-DD; code filters are prefixes (`RUS` matches `RUSGOV`)."
        ),
        docs_url=None,
        redoc_url=None,
    )
    app.state.database = database
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(DatabaseUnavailable)
    async def unavailable(request: Request, err: DatabaseUnavailable) -> Any:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": str(err), "error": err.code}, status_code=503)
        return _error_page(str(err), 503)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, err: QueryError) -> JSONResponse:
        detail = [{"loc": ["query", err.param], "msg": str(err), "type": "value_error"}]
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        detail = [
            {
                "loc": list(e.get("loc", [])),
                "msg": f"{'.'.join(str(x) for x in e.get('loc', [])[1:])}: {e.get('msg')}",
                "type": e.get("type"),
                "input": e.get("input"),
            }
            for e in err.errors()
        ]
        return JSONResponse({"detail": detail}, status_code=422)

    # ------------------------------------------------------------------ UI and docs
    @app.get("/", include_in_schema=False)
    def index() -> Any:
        with database.connection() as connection:
            database.check(connection)
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> Any:
        return FileResponse(STATIC / "docs.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # ------------------------------------------------------------------ API
    @app.get("/api/summary", response_model=models.Summary, tags=["overview"])
    def summary(connection: Conn) -> Any:
        """Counts, date ranges and the PLOVER types present: what the UI's filters offer."""
        return {
            "database": database.path.name,
            "schema_version": database.schema_version,
            "quad_classes": models.QUAD_CLASSES,
            **queries.summary(connection),
        }

    @app.get("/api/watch", response_model=models.WatchStatus, tags=["overview"])
    def watch(
        connection: Conn,
        since: Annotated[
            str | None,
            Query(
                pattern=TIMESTAMP,
                description="Also count the articles stored at or after this time, and their "
                "events (ISO 8601, UTC: 2026-12-05T03:00:00Z).",
            ),
        ] = None,
    ) -> Any:
        """The last poll of `eventwire watch`, its sources and alerts (``watching`` is false
        on a store never polled, or made before the watch tables), and what was stored since
        ``since``: the UI's header line and its "new since your last look"."""
        return queries.watch_status(connection, since)

    @app.get("/api/events", response_model=models.Page[models.Event], tags=["events"])
    def events(
        request: Request,
        connection: Conn,
        filters: Filters,
        limit: Annotated[int, _limit(50, MAX_EVENTS_PAGE)] = 50,
        offset: Offset = 0,
        sort: Annotated[
            Literal["date", "-date"], Query(description="date (oldest first) or -date.")
        ] = "date",
        merged: Annotated[
            bool,
            Query(
                description="One row per merged event (the group's values and counts, the "
                "article and evidence of its representative report) instead of every report; "
                "a merged event is listed when its date is within since/until and any of its "
                "reports matches the other filters."
            ),
        ] = False,
    ) -> Any:
        """Events matching every filter given, in date order (then id). Each row carries its
        merged event (``group_id``, null when not deduplicated) and that event's GDELT-style
        counts: reports (``num_mentions``), outlets (``num_sources``), articles."""
        total, rows = queries.events(connection, filters, limit, offset, sort, merged)
        return _page(request, total, limit, offset, _with_names(rows))

    @app.get(
        "/api/events.csv",
        tags=["events"],
        response_class=StreamingResponse,
        responses={200: {"content": {"text/csv": {}}, "description": "The events as CSV."}},
    )
    def events_csv(
        connection: Conn,
        filters: Filters,
        limit: Annotated[int, _limit(MAX_CSV_ROWS, MAX_CSV_ROWS)] = MAX_CSV_ROWS,
        offset: Offset = 0,
        sort: Annotated[Literal["date", "-date"], Query()] = "date",
        merged: Merged = False,
    ) -> Any:
        """The filtered events as CSV (one row per event, or per merged event with
        ``merged``; the columns of /api/events)."""
        total, _ = queries.events(connection, filters, 1, 0, sort, merged)  # validates it
        name_at = queries.EVENT_FIELDS.index("cameo") + 1

        def rows() -> Iterator[str]:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            header = list(queries.EVENT_FIELDS)
            header.insert(name_at, "cameo_name")
            writer.writerow(header)
            with database.connection() as stream_conn:
                for n, row in enumerate(
                    queries.iter_events(stream_conn, filters, limit, offset, sort, merged), 1
                ):
                    values = list(row)
                    values.insert(name_at, _cameo_name(values[name_at - 1]))
                    writer.writerow(values)
                    if n % 500 == 0:
                        yield buffer.getvalue()
                        buffer.seek(0)
                        buffer.truncate()
            yield buffer.getvalue()

        return StreamingResponse(
            rows(),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": 'attachment; filename="events.csv"',
                "X-Total-Count": str(total),
            },
        )

    @app.get(
        "/api/events/groups/{group_id}",
        response_model=models.GroupDetail,
        responses={404: {"model": models.Problem}},
        tags=["events"],
    )
    def event_group(
        connection: Conn,
        group_id: Annotated[int, PathParam(ge=1, le=2**62, description="A merged event's id.")],
    ) -> Any:
        """One merged event (``group_id`` of /api/events) with every report of it (article,
        outlet, date published, sentence, span and evidence) and why each was merged
        (``merge_note``: the checks it passed when it joined, or that it founded the group)."""
        found = queries.group(connection, group_id)
        if found is None:
            raise HTTPException(404, f"no merged event with id {group_id}")
        found["group"]["cameo_name"] = _cameo_name(found["group"]["cameo"])
        return found

    @app.get("/api/actors", response_model=models.Page[models.Actor], tags=["actors"])
    def actors(
        request: Request,
        connection: Conn,
        filters: Filters,
        code: Annotated[
            str | None, Query(pattern=ACTOR_CODE, description="Actor code prefix.")
        ] = None,
        name: Annotated[
            str | None,
            Query(min_length=1, max_length=200, description="Words in the name or code."),
        ] = None,
        actor_country: Annotated[
            str | None, Query(pattern=COUNTRY, description="The actor's own country (ISO3).")
        ] = None,
        sector: Annotated[
            str | None,
            Query(pattern=r"^[A-Za-z]{3}$", description="Sector code, e.g. GOV, MIL, REB."),
        ] = None,
        limit: Annotated[int, _limit(50, 500)] = 50,
        offset: Offset = 0,
    ) -> Any:
        """Actors seen as source or target of the events the filters select, with counts."""
        total, rows = queries.actors(
            connection,
            filters,
            code=_upper(code),
            name=name,
            country=_upper(actor_country),
            sector=_upper(sector),
            limit=limit,
            offset=offset,
        )
        return _page(request, total, limit, offset, rows)

    @app.get("/api/articles", response_model=models.Page[models.ArticleSummary], tags=["articles"])
    def articles(
        request: Request,
        connection: Conn,
        filters: Annotated[ArticleFilters, Depends(filters_of(ArticleFilters))],
        limit: Annotated[int, _limit(50, 200)] = 50,
        offset: Offset = 0,
    ) -> Any:
        """Articles, newest first."""
        total, rows = queries.articles(connection, filters, limit, offset)
        return _page(request, total, limit, offset, rows)

    @app.get(
        "/api/articles/{article_id:path}",
        response_model=models.ArticleDetail,
        responses={404: {"model": models.Problem}},
        tags=["articles"],
    )
    def article(
        connection: Conn,
        article_id: Annotated[str, PathParam(max_length=300)],
    ) -> Any:
        """One article: its text, with its events, actor mentions and quotes and their spans
        (character offsets into ``text``; a headline event's span indexes ``title``)."""
        found = queries.article(connection, article_id)
        if found is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        _with_names(found["events"])
        return found

    @app.get("/api/quotes", response_model=models.Page[models.Quote], tags=["quotes"])
    def quotes(
        request: Request,
        connection: Conn,
        filters: Annotated[QuoteFilters, Depends(filters_of(QuoteFilters))],
        limit: Annotated[int, _limit(50, 500)] = 50,
        offset: Offset = 0,
    ) -> Any:
        """Quotes with their speakers, by article date and reading order."""
        total, rows = queries.quotes(connection, filters, limit, offset)
        return _page(request, total, limit, offset, rows)

    @app.get("/api/outlets", response_model=models.Page[models.Outlet], tags=["overview"])
    def outlets(
        request: Request,
        connection: Conn,
        limit: Annotated[int, _limit(100, 1000)] = 100,
        offset: Offset = 0,
    ) -> Any:
        """Source outlets with their article and event counts, most articles first."""
        total, rows = queries.outlets(connection, limit, offset)
        return _page(request, total, limit, offset, rows)

    @app.get("/api/aggregates/timeline", response_model=models.Timeline, tags=["aggregates"])
    def timeline(
        connection: Conn,
        filters: Filters,
        interval: Annotated[Literal["day", "week", "month"], Query()] = "day",
        group_by: Annotated[Literal["quad_class", "plover_type"], Query()] = "quad_class",
        merged: Merged = False,
    ) -> Any:
        """Event counts per day, ISO week or month, one series per quad class or PLOVER type
        (events without a date are left out)."""
        buckets = queries.timeline(connection, filters, interval, group_by, merged)
        for bucket in buckets:
            bucket["group"] = None if bucket["group"] is None else str(bucket["group"])
        return {"interval": interval, "group_by": group_by, "buckets": buckets}

    @app.get("/api/aggregates/network", response_model=models.Network, tags=["aggregates"])
    def network(
        connection: Conn,
        filters: Filters,
        level: Annotated[
            Literal["actor", "country"],
            Query(description="Nodes are actor codes, or the actors' countries."),
        ] = "actor",
        limit: Annotated[
            int, Query(ge=1, le=2000, description="The heaviest edges to return.")
        ] = 150,
        merged: Merged = False,
    ) -> Any:
        """Directed source→target edges weighted by event count, with mean Goldstein and the
        share of cooperation (quad classes 1-2); nodes are the edges' ends."""
        total, edges, nodes = queries.network(connection, filters, level, limit, merged)
        return {"level": level, "total_edges": total, "nodes": nodes, "edges": edges}

    @app.get("/api/aggregates/map", response_model=models.MapPoints, tags=["aggregates"])
    def map_points(
        connection: Conn,
        filters: Filters,
        limit: Annotated[
            int, Query(ge=1, le=10000, description="The places with most events to return.")
        ] = 1000,
        merged: Merged = False,
    ) -> Any:
        """Event places (lat/lon, name, country) with event counts, most events first."""
        total, points = queries.map_points(connection, filters, limit, merged)
        return {"total_points": total, "points": points}

    return app


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_database(path: str | Path) -> str | None:
    """Why ``path`` cannot be served (missing, or not an eventwire store), or None."""
    database = Database(path)
    try:
        with database.connection():
            pass
    except DatabaseUnavailable as err:
        return str(err)
    finally:
        database.close()
    return None


def run(db: str | Path, host: str, port: int, log: Callable[[str], None] = print) -> None:
    import uvicorn

    app = create_app(db)
    log(f"eventwire explorer on http://{host}:{port}/ (API docs at /docs), database {db}")
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("EVENTWIRE_LOG", "warning"))
