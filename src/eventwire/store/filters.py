"""The listings' filters, defined once: name, type, help, validation and SQL condition.

Every listing reads these registries (events, articles, quotes): the Store's methods (and so
the CLI and every export) and the explorer's API, through ``store/queries.py``. The CLI's
options and the API's query parameters (with the OpenAPI schema) are generated from them, so
a new filter is one entry here, and the CLI and the API cannot drift apart.

Conditions are over the ``events`` table as ``e``. Code filters are prefixes (``RUS`` matches
``RUSGOV``) unless ``exact``; dates are inclusive; ``min_confidence`` keeps the events without a
confidence (``eventwire.confidence``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from eventwire.conditions import code_match
from eventwire.confidence import sql_condition

Values = Mapping[str, Any]
Condition = Callable[[Any, Values], tuple[str, list[Any]]]

ACTOR_CODE = r"^[A-Za-z0-9-]{1,40}$"
CAMEO_CODE = r"^[0-9]{1,4}[A-Za-z]?$"
COUNTRY = r"^[A-Za-z]{3}$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DYAD = r"^[A-Za-z0-9-]{1,40},[A-Za-z0-9-]{1,40}$"
TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?([+]00:00|Z)?)?$"
PLOVER_TYPES = (
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
)  # fmt: skip
MODALITIES = ("asserted", "intended", "hypothetical")


@dataclass(frozen=True)
class Filter:
    """One filter. ``kind`` is str, int, float or bool; ``condition`` turns its value (and
    the others', for ``exact``) into SQL over ``e``; the rest is validation and help text."""

    name: str
    kind: type
    help: str
    condition: Condition | None  # None: a modifier of other filters (``exact``)
    pattern: str | None = None
    choices: tuple[str, ...] | None = None
    low: float | None = None
    high: float | None = None
    max_length: int | None = None
    upper: bool = False  # a code: compared in upper case
    default: Any = None
    cli: str | None = None  # the CLI's (and the Store's) name, where it differs from the API's
    full_text: bool = False  # an FTS5 query: bad syntax is the user's error

    @property
    def key(self) -> str:
        """The name on the command line and in the Store's methods."""
        return self.cli or self.name

    @property
    def option(self) -> str:
        return "--" + self.key.replace("_", "-")

    def parse(self, given: Any) -> Any:
        """A value given as text (or a TOML scalar), checked as the CLI and the API check it:
        alert rules and other configuration use the same filters."""
        text = str(given).lower() if isinstance(given, bool) else str(given)
        converters: dict[type, Callable[[str], Any]] = {bool: _boolean, int: int, float: float}
        convert = converters.get(self.kind, str)
        try:
            value = convert(text)
        except ValueError:
            raise FilterError(
                self.name, f"{self.name}: {given!r} is not {self.kind.__name__}"
            ) from None
        if isinstance(value, str):
            value = value.upper() if self.upper else value
            if self.pattern and not re.fullmatch(self.pattern, value):
                raise FilterError(self.name, f"{self.name}: {given!r} is not valid ({self.help})")
            if self.choices and value not in self.choices:
                raise FilterError(
                    self.name, f"{self.name}: {given!r} is not one of {', '.join(self.choices)}"
                )
            if self.max_length and len(value) > self.max_length:
                raise FilterError(self.name, f"{self.name}: longer than {self.max_length}")
        if self.low is not None and not (value >= self.low):
            raise FilterError(self.name, f"{self.name}: {given!r} is below {self.low:g}")
        if self.high is not None and not (value <= self.high):
            raise FilterError(self.name, f"{self.name}: {given!r} is above {self.high:g}")
        return value


def _boolean(text: str) -> bool:
    if text.lower() in ("true", "yes", "1"):
        return True
    if text.lower() in ("false", "no", "0"):
        return False
    raise ValueError(text)


def _code(column: str) -> Condition:
    return lambda value, values: code_match(column, value, bool(values.get("exact")))


def _either(side: str) -> Condition:
    def condition(value: Any, values: Values) -> tuple[str, list[Any]]:
        exact = bool(values.get("exact"))
        (source, p1), (target, p2) = (
            code_match(f"e.source_{side}", value, exact),
            code_match(f"e.target_{side}", value, exact),
        )
        return f"({source} OR {target})", p1 + p2

    return condition


def _dyad(value: Any, values: Values) -> tuple[str, list[Any]]:
    """Between two actors, either way round (``RUS,TUR``: Russia to Turkey or back)."""
    first, second = value.split(",")
    exact = bool(values.get("exact"))
    ways = []
    params: list[Any] = []
    for source, target in ((first, second), (second, first)):
        (s_sql, s_params), (t_sql, t_params) = (
            code_match("e.source_code", source, exact),
            code_match("e.target_code", target, exact),
        )
        ways.append(f"({s_sql} AND {t_sql})")
        params += s_params + t_params
    return f"({' OR '.join(ways)})", params


def _equal(column: str) -> Condition:
    return lambda value, values: (f"{column} = ?", [value])


EVENT_FILTERS: tuple[Filter, ...] = (
    Filter("article", str, "Only this article's events.", _equal("e.article_id"),
           max_length=300),
    Filter("actor", str, "Source or target actor code prefix (RUS, RUSGOV).", _either("code"),
           pattern=ACTOR_CODE, upper=True),
    Filter("source", str, "Source actor code prefix.", _code("e.source_code"),
           pattern=ACTOR_CODE, upper=True),
    Filter("target", str, "Target actor code prefix.", _code("e.target_code"),
           pattern=ACTOR_CODE, upper=True),
    Filter("dyad", str, "Two actor code prefixes, comma-separated (RUS,TUR): events from "
           "either to the other.", _dyad, pattern=DYAD, upper=True),
    Filter("exact", bool, "actor/source/target/dyad match whole codes, not prefixes.", None,
           default=False),
    Filter("country", str, "Source or target actor's country (ISO3).",
           lambda v, _: ("(e.source_country = ? OR e.target_country = ?)", [v, v]),
           pattern=COUNTRY, upper=True),
    Filter("source_country", str, "Source actor's country (ISO3).",
           _equal("e.source_country"), pattern=COUNTRY, upper=True),
    Filter("target_country", str, "Target actor's country (ISO3).",
           _equal("e.target_country"), pattern=COUNTRY, upper=True),
    Filter("cameo", str, "CAMEO code prefix (04, 042).",
           lambda v, _: code_match("e.cameo", v), pattern=CAMEO_CODE, upper=True),
    Filter("plover_type", str, "PLOVER type.", _equal("e.plover_type"), choices=PLOVER_TYPES,
           upper=True),
    Filter("quad_class", int, "1 verbal coop, 2 material coop, 3 verbal/4 material conflict.",
           _equal("e.quad_class"), low=1, high=4),
    Filter("since", str, "Event date on or after (YYYY-MM-DD).",
           lambda v, _: ("e.date >= ?", [v]), pattern=DATE),
    Filter("until", str, "Event date on or before (YYYY-MM-DD).",
           lambda v, _: ("e.date <= ?", [v]), pattern=DATE),
    Filter("outlet", str, "The article's source outlet.",
           lambda v, _: ("e.article_id IN (SELECT id FROM articles WHERE source = ?)", [v]),
           max_length=300),
    Filter("location_country", str, "Country of the event's place (ISO3).",
           _equal("e.location_country"), pattern=COUNTRY, upper=True),
    Filter("q", str, "Full-text query (SQLite FTS5 syntax) over the article's title and "
           "text: events of the matching articles.",
           lambda v, _: ("e.article_id IN (SELECT id FROM articles WHERE rowid IN "
                         "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))", [v]),
           max_length=500, full_text=True),
    Filter("negated", bool, "Only negated (true) or only affirmed (false) events.",
           lambda v, _: ("e.negated = ?", [int(v)])),
    Filter("modality", str, "Event modality.", _equal("e.modality"), choices=MODALITIES),
    Filter("min_confidence", float, "Events whose coder's confidence (0-1) is at least this; "
           "events without a confidence (coders that give none) are always kept.",
           lambda v, _: (sql_condition("e.confidence"), [v]), low=0, high=1),
    Filter("min_mentions", int, "Events whose merged event has at least this many mentions "
           "(reports of it, in all articles).",
           lambda v, _: ("e.group_id IN (SELECT id FROM event_groups WHERE num_mentions >= ?)",
                         [v]), low=1, high=1_000_000_000),
    Filter("ingested_since", str, "Events of articles stored at or after this time "
           "(ISO 8601, UTC: 2026-12-05 or 2026-12-05T03:00:00).",
           lambda v, _: ("e.article_id IN (SELECT id FROM articles WHERE ingested_at >= ?)",
                         [v.removesuffix("Z").removesuffix("+00:00")]), pattern=TIMESTAMP),
)  # fmt: skip


def _published(bound: str) -> Condition:
    sql = f"q.article_id IN (SELECT id FROM articles WHERE published {bound} ?)"
    return lambda v, _: (sql, [v])


ARTICLE_FILTERS: tuple[Filter, ...] = (
    Filter("q", str, "Full-text query (SQLite FTS5 syntax) over title and text.",
           lambda v, _: ("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts "
                         "MATCH ?)", [v]), max_length=500, cli="search", full_text=True),
    Filter("outlet", str, "Only this source outlet.", _equal("a.source"), max_length=300,
           cli="source"),
    Filter("since", str, "Published on or after (YYYY-MM-DD).",
           lambda v, _: ("a.published >= ?", [v]), pattern=DATE),
    Filter("until", str, "Published on or before (YYYY-MM-DD).",
           lambda v, _: ("a.published <= ?", [v]), pattern=DATE),
)  # fmt: skip
QUOTE_FILTERS: tuple[Filter, ...] = (
    Filter("speaker", str, "Speaker actor code prefix (RUS, RUSGOV).", _code("q.speaker_code"),
           pattern=ACTOR_CODE, upper=True),
    Filter("contains", str, "Full-text query (SQLite FTS5 syntax) over the quote text.",
           lambda v, _: ("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
                         [v]), max_length=500, full_text=True),
    Filter("article", str, "Only this article's quotes.", _equal("q.article_id"),
           max_length=300),
    Filter("kind", str, "direct (quotation marks) or indirect (reported speech).",
           _equal("q.kind"), choices=("direct", "indirect")),
    Filter("since", str, "Article published on or after (YYYY-MM-DD).", _published(">="),
           pattern=DATE),
    Filter("until", str, "Article published on or before (YYYY-MM-DD).", _published("<="),
           pattern=DATE),
)  # fmt: skip


class FilterError(ValueError):
    """A filter value the registry refuses; ``name`` says which."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class Filters:
    """Values of one listing's filters (``REGISTRY``); an unset filter is None (a modifier
    such as ``exact``: False). Given by API name or CLI name."""

    REGISTRY: ClassVar[tuple[Filter, ...]] = ()
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def spec(cls, name: str) -> Filter | None:
        return next((f for f in cls.REGISTRY if name in (f.name, f.key)), None)

    @classmethod
    def of(cls, **values: Any) -> Any:
        kept = {}
        for name, value in values.items():
            spec = cls.spec(name)
            if spec is None:
                raise FilterError(name, f"unknown filter {name!r}")
            if value is None or (spec.kind is bool and spec.condition is None and not value):
                continue
            kept[spec.name] = value.upper() if spec.upper and isinstance(value, str) else value
        return cls(tuple(sorted(kept.items())))

    def __getattr__(self, name: str) -> Any:
        spec = self.spec(name)
        if spec is not None:
            return dict(self.values).get(spec.name, spec.default)
        raise AttributeError(name)

    def replace(self, **changes: Any) -> Any:
        return self.of(**{**dict(self.values), **changes})

    def without_dates(self) -> Any:
        return self.replace(since=None, until=None)

    @property
    def full_text(self) -> str | None:
        """The name of the full-text filter given, if one is (for its error message)."""
        given = dict(self.values)
        return next((f.name for f in self.REGISTRY if f.full_text and f.name in given), None)

    def where(self) -> tuple[str, list[Any]]:
        """``WHERE …`` (or "") over the listing's table and its parameters."""
        sql, params = self.condition()
        return (f"WHERE {sql} " if sql else ""), params

    def condition(self) -> tuple[str, list[Any]]:
        """The filters' conditions joined by AND (or "" when none is set), and parameters."""
        values = dict(self.values)
        terms: list[str] = []
        params: list[Any] = []
        for spec in self.REGISTRY:
            if spec.name in values and spec.condition is not None:
                sql, more = spec.condition(values[spec.name], values)
                terms.append(sql)
                params.extend(more)
        return " AND ".join(terms), params


class EventFilters(Filters):
    """Filters over events ``e``."""

    REGISTRY = EVENT_FILTERS


class ArticleFilters(Filters):
    """Filters over articles ``a``."""

    REGISTRY = ARTICLE_FILTERS


class QuoteFilters(Filters):
    """Filters over quotes ``q``."""

    REGISTRY = QUOTE_FILTERS


LISTINGS: dict[str, type[Filters]] = {
    "events": EventFilters,
    "articles": ArticleFilters,
    "quotes": QuoteFilters,
}
