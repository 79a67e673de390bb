"""Store stage: the SQLite database (schema, migrations, writes, queries)."""

from eventwire.store.schema import SCHEMA_VERSION, SchemaError
from eventwire.store.store import DEFAULT_DB, Store, StoreError

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "SchemaError", "Store", "StoreError"]
