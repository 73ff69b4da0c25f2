"""The embedded SQLite store (schema, migrations, queries)."""

from storytrace.store.sqlite import Store, StoreError, article_from_row

__all__ = ["Store", "StoreError", "article_from_row"]
