"""Watchlist alerts: rules over merged events, recorded once in an outbox, then delivered.

A rule is event filters (the registry of ``store/filters.py``: actor, dyad, cameo,
plover_type, country, location_country, min_confidence, …) plus ``min_mentions`` and
``again_at``. It fires once for each event group it matches that has at least
``min_mentions`` mentions, and again only when the group's mentions reach the next
``again_at`` threshold (5, 10, 25, 50, 100 unless given).

Exactly once: after each poll, the groups that the poll's new articles touched are checked,
and the alerts are inserted (``INSERT OR IGNORE`` on rule, group and threshold) in the same
transaction that moves the watermark past those articles; a crash before it commits checks
them again. Delivery reads the outbox: a JSON Lines file skips alerts it already holds, a
webhook gets an ``Idempotency-Key`` header (the alert's id) so a re-sent alert can be told
apart, and a target only gets alerts created after it was first given.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import sqlite3
import sys
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.contract import json_line
from eventwire.ingest.sources import USER_AGENT, fetch_failure
from eventwire.store import Store
from eventwire.store.filters import EventFilters, FilterError

AGAIN_AT = (5, 10, 25, 50, 100)
RULE_KEYS = ("name", "min_mentions", "again_at")
WEBHOOK_TIMEOUT = 10.0


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class AlertRule:
    name: str
    filters: EventFilters
    min_mentions: int = 1
    again_at: tuple[int, ...] = AGAIN_AT

    def thresholds(self) -> list[int]:
        """The mention counts at which the rule fires for one group, lowest first."""
        return sorted({self.min_mentions, *(t for t in self.again_at if t > self.min_mentions)})

    def level(self, mentions: int) -> int | None:
        """The highest threshold ``mentions`` has reached (None: not yet the first)."""
        reached = [t for t in self.thresholds() if mentions >= t]
        return reached[-1] if reached else None


def rule_from(values: dict[str, Any], where: str) -> AlertRule:
    """A rule from key → value pairs (a TOML table, or a parsed command-line rule)."""
    filters: dict[str, Any] = {}
    for key, given in values.items():
        name = key.replace("-", "_")
        if name in RULE_KEYS:
            continue
        spec = EventFilters.spec(name)
        if spec is None or spec.full_text:
            known = ", ".join([*RULE_KEYS[1:], *(f.name for f in EventFilters.REGISTRY)])
            raise RuleError(f"{where}: unknown rule key {key!r} (known: {known})")
        try:
            filters[spec.name] = spec.parse(given)
        except FilterError as err:
            raise RuleError(f"{where}: {err}") from err
    if not filters:
        raise RuleError(f"{where}: a rule needs at least one filter (actor, dyad, cameo, …)")
    options = {k.replace("-", "_"): v for k, v in values.items()}
    try:
        min_mentions = int(options.get("min_mentions", 1))
        again = options.get("again_at", AGAIN_AT)
        again_at = tuple(int(t) for t in (again.split(",") if isinstance(again, str) else again))
    except (TypeError, ValueError) as err:
        raise RuleError(f"{where}: min_mentions and again_at are whole numbers ({err})") from err
    if min_mentions < 1 or any(t < 1 for t in again_at):
        raise RuleError(f"{where}: min_mentions and again_at must be at least 1")
    canonical = " ".join(f"{k}={v}" for k, v in sorted(filters.items()))
    name = str(options.get("name") or canonical)
    return AlertRule(name, EventFilters.of(**filters), min_mentions, again_at)


def parse_rule(text: str) -> AlertRule:
    """``dyad=RUS,TUR plover_type=ACCUSE min_mentions=2 name=ru-tr`` (shell-style quoting)."""
    values: dict[str, str] = {}
    for word in shlex.split(text):
        key, sep, value = word.partition("=")
        if not sep or not key or not value:
            raise RuleError(f"--alert {text!r}: {word!r} is not key=value")
        values[key] = value
    return rule_from(values, f"--alert {text!r}")


def load_rules(path: str | Path) -> list[AlertRule]:
    """``[[alert]]`` tables of a TOML file, each a rule."""
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise RuleError(f"{path}: cannot read the alert rules ({err})") from err
    tables = document.get("alert")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise RuleError(f"{path}: expected [[alert]] tables, one per rule")
    return [rule_from(table, f"{path}: alert {i + 1}") for i, table in enumerate(tables)]


def check_names(rules: list[AlertRule]) -> None:
    names = [r.name for r in rules]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise RuleError(f"two alert rules are named {repeated[0]!r}: names must differ")


# ---------------------------------------------------------------------------- the outbox
def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def record_alerts(conn: sqlite3.Connection, rules: list[AlertRule], after: int, upto: int) -> int:
    """Insert the alerts the articles with rowid in (after, upto] set off; returns how many
    are new. Run inside the transaction that moves the watermark to ``upto``."""
    created = 0
    for rule in rules:
        condition, params = rule.filters.condition()
        matching = f"AND {condition}" if condition else ""
        rows = conn.execute(
            "SELECT g.id, g.num_mentions FROM event_groups g WHERE g.id IN ("
            " SELECT group_id FROM events WHERE group_id IS NOT NULL AND article_id IN"
            "  (SELECT id FROM articles WHERE rowid > ? AND rowid <= ?))"
            f" AND EXISTS (SELECT 1 FROM events e WHERE e.group_id = g.id {matching})"
            " ORDER BY g.id",
            [after, upto, *params],
        ).fetchall()
        for group_id, mentions in rows:
            level = rule.level(mentions)
            if level is None:
                continue
            alert_id = f"{rule.name}:{group_id}:{level}"
            payload = _payload(conn, alert_id, rule, group_id, level)
            cursor = conn.execute(
                "INSERT OR IGNORE INTO alerts (id, rule, group_id, threshold, num_mentions, "
                "created_at, payload) VALUES (?,?,?,?,?,?,?)",
                (alert_id, rule.name, group_id, level, mentions, _now(), json.dumps(payload)),
            )
            created += cursor.rowcount
    return created


def _payload(
    conn: sqlite3.Connection, alert_id: str, rule: AlertRule, group_id: int, level: int
) -> dict[str, Any]:
    """What the alert says: the merged event, its counts and one report of it."""
    g = conn.execute("SELECT * FROM event_groups WHERE id = ?", (group_id,)).fetchone()
    mention = conn.execute(
        "SELECT e.evidence, e.source_name, e.target_name, a.url, a.title, a.source "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.group_id = ? "
        "ORDER BY e.id = ? DESC, e.id LIMIT 1",
        (group_id, g["event_id"]),
    ).fetchone()
    return {
        "id": alert_id,
        "rule": rule.name,
        "group_id": group_id,
        "reason": "new event" if level == rule.min_mentions else f"reached {level} mentions",
        "source": {"code": g["source_code"], "country": g["source_country"],
                   "name": mention["source_name"] if mention else None},
        "target": {"code": g["target_code"], "country": g["target_country"],
                   "name": mention["target_name"] if mention else None},
        "cameo": g["cameo"],
        "plover_type": g["plover_type"],
        "quad_class": g["quad_class"],
        "date": g["date"],
        "location": {"name": g["location_name"], "country": g["location_country"],
                     "lat": g["lat"], "lon": g["lon"]},
        "num_mentions": g["num_mentions"],
        "num_sources": g["num_sources"],
        "num_articles": g["num_articles"],
        "first_reported": g["first_reported"],
        "evidence": mention["evidence"] if mention else None,
        "article": {"url": mention["url"], "title": mention["title"],
                    "outlet": mention["source"]} if mention else None,
    }  # fmt: skip


# ---------------------------------------------------------------------------- delivery
@dataclass
class Target:
    """Where alerts go: ``-`` (stdout), a JSON Lines file, or an http(s) URL (POST)."""

    spec: str
    delivered_ids: set[str] | None = field(default=None, repr=False)  # a file's alert ids

    @property
    def key(self) -> str:
        if self.spec == "-" or self.spec.startswith(("http://", "https://")):
            return self.spec
        return str(Path(self.spec).resolve())

    def send(self, alert_id: str, payload: str) -> None:
        """Deliver one alert; raises OSError when it could not be (it is tried again)."""
        if self.spec == "-":
            sys.stdout.write(payload)
            sys.stdout.flush()
        elif self.spec.startswith(("http://", "https://")):
            self._post(alert_id, payload)
        else:
            self._append(alert_id, payload)

    def _append(self, alert_id: str, payload: str) -> None:
        path = Path(self.spec)
        if self.delivered_ids is None:  # what an earlier, killed run already wrote
            self.delivered_ids = set()
            if path.exists():
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                    try:
                        self.delivered_ids.add(json.loads(line)["id"])
                    except (ValueError, KeyError, TypeError):
                        continue
        if alert_id in self.delivered_ids:
            return
        with path.open("a", encoding="utf-8") as out:
            out.write(payload)
            out.flush()
        self.delivered_ids.add(alert_id)

    def _post(self, alert_id: str, payload: str) -> None:
        request = urllib.request.Request(
            self.spec,
            data=payload.encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "Idempotency-Key": alert_id,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as reply:
                reply.read(65_536)
        except (OSError, ValueError) as err:
            raise OSError(fetch_failure(err, WEBHOOK_TIMEOUT)) from err


def deliver(store: Store, targets: list[Target]) -> tuple[int, list[str]]:
    """Send every recorded alert a target has not had (since it was first given); returns
    (alerts sent, errors). A failed delivery stays in the outbox for the next poll."""
    sent, errors = 0, []
    for target in targets:
        start = register_target(store, target)
        pending = store.conn.execute(
            "SELECT a.rowid, a.id, a.payload FROM alerts a WHERE a.rowid > ? AND NOT EXISTS "
            "(SELECT 1 FROM alert_deliveries d WHERE d.alert_id = a.id AND d.target = ?) "
            "ORDER BY a.rowid",
            (start, target.key),
        ).fetchall()
        for _, alert_id, payload in pending:
            try:
                target.send(alert_id, json_line(json.loads(payload)))
            except OSError as err:
                errors.append(f"alert {alert_id} not delivered to {target.spec}: {err}")
                break  # keep the order: the rest wait for the next poll
            with store.transaction() as conn:
                conn.execute(
                    "INSERT OR IGNORE INTO alert_deliveries (alert_id, target, delivered_at) "
                    "VALUES (?,?,?)",
                    (alert_id, target.key, _now()),
                )
            sent += 1
    return sent, errors


def register_target(store: Store, target: Target) -> int:
    """The outbox position when ``target`` was first given (recorded then): it gets only
    the alerts created after it. Call it for every target before the first poll."""
    key = f"target:{target.key}"
    row = store.conn.execute("SELECT value FROM watch_state WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return int(row[0])
    with store.transaction() as conn:
        last = conn.execute("SELECT coalesce(max(rowid), 0) FROM alerts").fetchone()[0]
        conn.execute("INSERT OR IGNORE INTO watch_state (key, value) VALUES (?, ?)", (key, last))
    return int(last)
