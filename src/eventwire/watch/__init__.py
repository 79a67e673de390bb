"""``eventwire watch``: poll news feeds, sitemaps, home pages and directories into the store,
politely and restartably, and alert on watchlist rules (``poll``, ``alerts``)."""

from eventwire.watch.alerts import AlertRule, RuleError, Target, load_rules, parse_rule
from eventwire.watch.fetch import Fetcher
from eventwire.watch.poll import PollSummary, Watcher, WatchOptions

__all__ = [
    "AlertRule",
    "Fetcher",
    "PollSummary",
    "RuleError",
    "Target",
    "WatchOptions",
    "Watcher",
    "load_rules",
    "parse_rule",
]
