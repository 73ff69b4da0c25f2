"""The store: an embedded SQLite file by default, or a PostgreSQL database (schema,
migrations, queries). `open_store(db)` picks the backend from the `--db` string."""

from storytrace.store.core import Store, article_from_row, open_store
from storytrace.store.dialect import StoreError, store_kind

__all__ = ["Store", "StoreError", "article_from_row", "open_store", "store_kind"]
