"""The explorer: ``eventwire serve`` — a read-only HTTP API and an offline web UI."""

from eventwire.server.app import Database, DatabaseUnavailable, create_app

__all__ = ["Database", "DatabaseUnavailable", "create_app"]
