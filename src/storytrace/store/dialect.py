"""What differs between the store's backends, held in one small object per backend.

The Store's SQL is written once, with `?` placeholders, in the SQL that SQLite and
PostgreSQL both run. A `Dialect` holds the rest: connecting, starting a write
transaction, where the schema version is kept, the migrations' type names, JSON
aggregates, full-text search and the integrity check. `dialect_for` picks one from
the `--db` string: a `postgresql://` URL, or else a SQLite file path.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar, Protocol

from storytrace.store.schema import MIGRATIONS


class StoreError(Exception):
    """The store cannot be opened, or is of an unknown version."""


class Connection(Protocol):
    """What the Store needs of a connection (sqlite3's, or the PostgreSQL adapter)."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> Any: ...

    def close(self) -> None: ...


class Dialect(ABC):
    """One backend's share of the store: everything the portable SQL cannot say."""

    name: ClassVar[str]
    """The key of this backend's text in a per-backend migration (`schema.MIGRATIONS`)."""

    @abstractmethod
    def connect(self, db: str) -> Connection:
        """Open a connection in autocommit mode (the Store says BEGIN and COMMIT itself)."""

    def display(self, db: str) -> str:
        """The store's name for messages (a URL's password left out)."""
        return db

    @abstractmethod
    def begin(self, conn: Connection, name: str) -> None:
        """Start a write transaction that holds the store's write lock until it ends."""

    @abstractmethod
    def version(self, conn: Connection) -> int:
        """How many migrations the store has run."""

    @abstractmethod
    def set_version(self, conn: Connection, number: int) -> None:
        """Record that the store has run `number` migrations."""

    def ddl(self, script: str) -> str:
        """A portable migration in this backend's type names."""
        return script

    def migration(self, number: int) -> list[str]:
        """The statements of migration `number` (0-based) for this backend."""
        entry = MIGRATIONS[number]
        script = entry[self.name] if isinstance(entry, dict) else self.ddl(entry)
        return split_sql(script)

    def pipeline(self, conn: Connection) -> AbstractContextManager[Any]:
        """Send the statements inside without waiting for each one's answer, where the
        backend can (a server's round trips, not a file's)."""
        return nullcontext()

    @abstractmethod
    def insert_id(self, conn: Connection, sql: str, params: Sequence[Any]) -> int | None:
        """Run an INSERT; the new row's id, or None when ON CONFLICT DO NOTHING skipped it."""

    @abstractmethod
    def json_list(self, expr: str) -> str:
        """An aggregate giving the values of `expr` as JSON array text."""

    @abstractmethod
    def json_length(self, expr: str) -> str:
        """The length of the JSON array text in `expr`."""

    search_sql: ClassVar[str]
    """Article ids matching every word of the query (parameters: query, limit), best first."""

    @abstractmethod
    def search_query(self, words: list[str]) -> str:
        """The search parameter for these words."""

    @abstractmethod
    def integrity_check(self, conn: Connection) -> str:
        """`ok`, or what is wrong with the store."""

    optimize_sql: ClassVar[tuple[str, ...]] = ()
    """Statements that compact the search index and refresh the planner's statistics."""


def _load(module: str, name: str) -> Callable[[], Dialect]:
    # Imported on use: psycopg is an optional dependency.
    return lambda: getattr(import_module(module), name)()


BACKENDS: dict[str, Callable[[], Dialect]] = {
    "sqlite": _load("storytrace.store.sqlite", "SQLiteDialect"),
    "postgresql": _load("storytrace.store.postgres", "PostgresDialect"),
}
"""Backend name -> its dialect."""
SCHEMES = {"postgresql": "postgresql", "postgres": "postgresql"}
"""URL scheme -> backend; a `--db` without `scheme://` is a SQLite file path."""


def store_kind(db: str | Path) -> str:
    """The backend a `--db` string names: `sqlite` (a file path) or `postgresql` (a URL)."""
    text = str(db)
    if isinstance(db, Path) or "://" not in text:
        return "sqlite"
    scheme = text.split("://", 1)[0].lower()
    if scheme not in SCHEMES:
        known = " or ".join(f"{s}://..." for s in SCHEMES)
        raise StoreError(f"unknown store URL {scheme}://...: give a file path or {known}")
    return SCHEMES[scheme]


def dialect_for(db: str | Path) -> Dialect:
    """The dialect of the store `db` names."""
    return BACKENDS[store_kind(db)]()


def split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, buffer = [], []
    for line in script.splitlines():
        buffer.append(line)
        chunk = "\n".join(buffer).strip()
        if chunk and sqlite3.complete_statement(chunk):
            statements.append(chunk)
            buffer = []
    if "\n".join(buffer).strip():
        statements.append("\n".join(buffer).strip())
    return statements
