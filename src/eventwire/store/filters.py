"""The event filters, defined once: name, type, help, validation and SQL condition.

Every listing of events reads this registry: the store's ``events`` and ``iter_events`` (and so
``eventwire events`` and every export), and the explorer's ``/api/events`` and aggregates. The
CLI's options and the API's query parameters (with the OpenAPI schema) are generated from it,
so a new filter is one entry here, and the CLI and the API cannot drift apart.

Conditions are over the ``events`` table as ``e``. Code filters are prefixes (``RUS`` matches
``RUSGOV``) unless ``exact``; dates are inclusive; ``min_confidence`` keeps the events without a
confidence (``eventwire.confidence``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from eventwire.conditions import code_match
from eventwire.confidence import sql_condition

Values = Mapping[str, Any]
Condition = Callable[[Any, Values], tuple[str, list[Any]]]

ACTOR_CODE = r"^[A-Za-z0-9-]{1,40}$"
CAMEO_CODE = r"^[0-9]{1,4}[A-Za-z]?$"
COUNTRY = r"^[A-Za-z]{3}$"
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
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

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


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
    Filter("exact", bool, "actor/source/target match whole codes, not prefixes.", None,
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
           max_length=500),
    Filter("negated", bool, "Only negated (true) or only affirmed (false) events.",
           lambda v, _: ("e.negated = ?", [int(v)])),
    Filter("modality", str, "Event modality.", _equal("e.modality"), choices=MODALITIES),
    Filter("min_confidence", float, "Events whose coder's confidence (0-1) is at least this; "
           "events without a confidence (coders that give none) are always kept.",
           lambda v, _: (sql_condition("e.confidence"), [v]), low=0, high=1),
)  # fmt: skip
BY_NAME = {f.name: f for f in EVENT_FILTERS}
FTS_FILTER = "q"  # the filter whose bad syntax is the user's error, not the database's


class FilterError(ValueError):
    """A filter value the registry refuses; ``name`` says which."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class EventFilters:
    """Values of the registry's filters; an unset filter is None (``exact``: False)."""

    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, **values: Any) -> EventFilters:
        unknown = sorted(set(values) - set(BY_NAME))
        if unknown:
            raise FilterError(unknown[0], f"unknown event filter {unknown[0]!r}")
        kept = {}
        for name, value in values.items():
            spec = BY_NAME[name]
            if value is None or (spec.kind is bool and spec.condition is None and not value):
                continue
            kept[name] = value.upper() if spec.upper and isinstance(value, str) else value
        return cls(tuple(sorted(kept.items())))

    def __getattr__(self, name: str) -> Any:
        if name in BY_NAME:
            return dict(self.values).get(name, BY_NAME[name].default)
        raise AttributeError(name)

    def replace(self, **changes: Any) -> EventFilters:
        return EventFilters.of(**{**dict(self.values), **changes})

    def without_dates(self) -> EventFilters:
        return self.replace(since=None, until=None)

    def where(self) -> tuple[str, list[Any]]:
        """``WHERE …`` (or "") over events ``e`` and its parameters. Needs no join."""
        values = dict(self.values)
        terms: list[str] = []
        params: list[Any] = []
        for spec in EVENT_FILTERS:
            if spec.name in values and spec.condition is not None:
                sql, more = spec.condition(values[spec.name], values)
                terms.append(sql)
                params.extend(more)
        return (f"WHERE {' AND '.join(terms)} " if terms else ""), params
