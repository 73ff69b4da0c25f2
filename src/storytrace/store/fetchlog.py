"""The fetch log: one row per attempt to fetch a URL, and the queries `storytrace fetch` needs.

The log decides what is fetched again: a URL with a `fetched` row (as asked for or
as reached after redirects) is not requested again unless the user asks for a
refresh, so an interrupted run restarted fetches nothing twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storytrace.store.core import Store

OUTCOMES = ("fetched", "skipped", "failed")


@dataclass(slots=True)
class FetchRecord:
    """One fetch attempt as the log keeps it."""

    url: str
    outcome: str
    """`fetched`, `skipped` (robots.txt said no) or `failed`."""
    fetched_at: datetime
    final_url: str | None = None
    kind: str | None = None
    """`article`, `feed`, `sitemap` or `robots`."""
    status: int | None = None
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    sha256: str | None = None
    size: int | None = None
    tries: int = 0
    input_id: int | None = None
    listed_in: str | None = None
    data: bytes | None = None
    """Kept for feeds, sitemaps and robots.txt; an article's bytes are in `inputs`."""


def log_fetch(store: Store, record: FetchRecord) -> int:
    """Append one attempt to the log; returns its id."""
    if record.outcome not in OUTCOMES:
        raise ValueError(f"unknown fetch outcome {record.outcome!r}")
    with store.transaction() as conn:
        fetch_id = store.dialect.insert_id(
            conn,
            "INSERT INTO fetches(url, final_url, outcome, kind, status, error, headers,"
            " fetched_at, sha256, size, tries, input_id, listed_in, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.url,
                record.final_url,
                record.outcome,
                record.kind,
                record.status,
                record.error,
                json.dumps(record.headers, ensure_ascii=False),
                record.fetched_at.isoformat(),
                record.sha256,
                record.size,
                record.tries,
                record.input_id,
                record.listed_in,
                record.data,
            ),
        )
        assert fetch_id is not None  # a plain INSERT always makes a row
        return fetch_id


def last_fetched(store: Store, url: str) -> dict[str, Any] | None:
    """The latest successful fetch of `url` (asked for, or reached by redirect), if any."""
    row = store.conn.execute(
        "SELECT * FROM fetches WHERE outcome = 'fetched' AND (kind IS NULL OR kind != 'robots')"
        " AND (url = ? OR final_url = ?) ORDER BY id DESC LIMIT 1",
        (url, url),
    ).fetchone()
    return dict(row) if row else None


def fetch_rows(store: Store, outcome: str | None = None) -> list[dict[str, Any]]:
    """Every logged attempt, oldest first, without stored bodies."""
    sql = (
        "SELECT id, url, final_url, outcome, kind, status, error, headers, fetched_at, sha256,"
        " size, tries, input_id, listed_in FROM fetches"
    )
    params: tuple[Any, ...] = ()
    if outcome:
        sql += " WHERE outcome = ?"
        params = (outcome,)
    rows = [dict(r) for r in store.conn.execute(sql + " ORDER BY id", params)]
    for row in rows:
        row["headers"] = json.loads(row["headers"])
    return rows


def stored_input(store: Store, input_id: int) -> dict[str, Any] | None:
    """An input's row with its bytes, to rebuild the Page a fetch stored."""
    row = store.conn.execute(
        "SELECT id, source, data, media_type, meta, fetched_at, status FROM inputs WHERE id = ?",
        (input_id,),
    ).fetchone()
    if row is None:
        return None
    found = dict(row)
    found["meta"] = json.loads(found["meta"])
    return found
