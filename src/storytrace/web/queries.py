"""Read-only queries the web UI needs beyond `Store`'s own, in SQL against `store/schema.py`.

Every function takes an open `Store` and only reads. Stories come from the store's
stories methods (`story_rows`, `story`); until a store has them, there are no stories.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from storytrace.model import Story
from storytrace.store import Store

MAX_ID = 2**63 - 1
"""The largest SQLite integer; ids beyond it are refused before they reach a query."""

ARTICLE_BRIEF = (
    "SELECT id, headline, outlet, published, source, url, language, length(body) AS chars"
    " FROM articles"
)


class QueryError(ValueError):
    """The user's query cannot be run as given (a full-text search syntax error)."""


# -- articles --------------------------------------------------------------------------


def article_page(
    store: Store, *, outlet: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """One page of articles (newest first) with the total count."""
    where, params = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
    total = store.conn.execute(f"SELECT COUNT(*) FROM articles {where}", params).fetchone()[0]
    rows = store.conn.execute(
        f"{ARTICLE_BRIEF} {where} ORDER BY published IS NULL, published DESC, id DESC"
        " LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, [dict(r) for r in rows]


def article_briefs(store: Store, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Short rows (headline, outlet, date) for the given article ids."""
    wanted = sorted({int(i) for i in ids})
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(wanted, 500):
        marks = ",".join("?" * len(chunk))
        for row in store.conn.execute(f"{ARTICLE_BRIEF} WHERE id IN ({marks})", chunk):
            found[row["id"]] = dict(row)
    return found


def article_exists(store: Store, article_id: int) -> bool:
    row = store.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row is not None


# -- entities --------------------------------------------------------------------------


def entity(store: Store, entity_id: int) -> dict[str, Any] | None:
    """One canonical entity by its integer id."""
    row = store.conn.execute(
        "SELECT id, name, kind, aliases, mentions FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if row is None:
        return None
    return {**dict(row), "aliases": json.loads(row["aliases"])}


def entity_by_name(store: Store, name: str) -> dict[str, Any] | None:
    """An entity by canonical name, case-insensitively."""
    row = store.conn.execute(
        "SELECT id FROM entities WHERE name = ? COLLATE NOCASE ORDER BY mentions DESC LIMIT 1",
        (name,),
    ).fetchone()
    return entity(store, row[0]) if row else None


def entity_page(
    store: Store, *, kind: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """One page of entities, most mentioned first, with the total count."""
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    total = store.conn.execute(f"SELECT COUNT(*) FROM entities {where}", params).fetchone()[0]
    rows = store.conn.execute(
        f"SELECT id, name, kind, aliases, mentions FROM entities {where}"
        " ORDER BY mentions DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, [{**dict(r), "aliases": json.loads(r["aliases"])} for r in rows]


def entity_ids(store: Store, names: Iterable[str | None]) -> dict[str, int]:
    """Canonical name -> entity id, for the names that are stored entities."""
    wanted = sorted({n for n in names if n})
    found: dict[str, int] = {}
    for chunk in _chunks(wanted, 500):
        marks = ",".join("?" * len(chunk))
        for row in store.conn.execute(
            f"SELECT id, name FROM entities WHERE name IN ({marks})", chunk
        ):
            found[row["name"]] = row["id"]
    return found


def entity_statements(
    store: Store, name: str, limit: int = 200, offset: int = 0
) -> list[dict[str, Any]]:
    """The latest statements whose speaker is this entity (latest added first, `offset`
    skipped), shown by publication time, with their article's headline and outlet. The
    speaker index gives them in id order, so no sort over every statement of a much-quoted
    speaker."""
    rows = store.conn.execute(
        "SELECT s.article_id, s.idx, s.speaker, s.speaker_kind, s.cue, s.content, s.direct,"
        " s.via, a.headline, a.outlet, a.published FROM statements s"
        " JOIN articles a ON a.id = s.article_id"
        " WHERE s.id IN (SELECT id FROM statements WHERE speaker_entity = ?"
        " ORDER BY id DESC LIMIT ? OFFSET ?)",
        (name, limit, offset),
    )
    found = [dict(r) for r in rows]
    found.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["article_id"]))
    return found


def entity_statement_count(store: Store, name: str, cap: int | None = None) -> int:
    """How many statements this entity made, counting no further than `cap` (a speaker
    quoted 100,000 times costs tens of milliseconds to count in full)."""
    if cap is None:
        sql, params = "SELECT COUNT(*) FROM statements WHERE speaker_entity = ?", (name,)
    else:
        sql = "SELECT COUNT(*) FROM (SELECT 1 FROM statements WHERE speaker_entity = ? LIMIT ?)"
        params = (name, cap)
    return store.conn.execute(sql, params).fetchone()[0]


def entity_article_ids(
    store: Store, name: str, limit: int | None = None, offset: int = 0
) -> list[int]:
    """Ids of the articles that mention this entity, latest added first (at most `limit`,
    after skipping `offset`), read from the mentions(entity, article_id) index alone."""
    rows = store.conn.execute(
        "SELECT DISTINCT article_id FROM mentions WHERE entity = ?"
        " ORDER BY article_id DESC LIMIT ? OFFSET ?",
        (name, -1 if limit is None else limit, offset),
    )
    return [article_id for (article_id,) in rows]


def entity_article_count(store: Store, name: str, cap: int) -> int:
    """How many articles mention this entity, counting no further than `cap`."""
    return store.conn.execute(
        "SELECT COUNT(*) FROM (SELECT DISTINCT article_id FROM mentions WHERE entity = ? LIMIT ?)",
        (name, cap),
    ).fetchone()[0]


# -- statements ------------------------------------------------------------------------


def iter_statements(store: Store) -> Iterator[dict[str, Any]]:
    """Every statement with its article's source, outlet and headline (for export)."""
    rows = store.conn.execute(
        "SELECT s.id, s.article_id, s.idx, s.speaker, s.speaker_entity, s.speaker_kind,"
        " s.anonymous_count, s.cue, s.content, s.direct, s.via, s.content_start, s.content_end,"
        " a.source, a.outlet, a.headline, a.published FROM statements s"
        " JOIN articles a ON a.id = s.article_id ORDER BY s.article_id, s.idx"
    )
    for row in rows:
        yield dict(row)


def iter_articles(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored article row, in id order (for export)."""
    rows = store.conn.execute(
        "SELECT id, source, input_key, url, outlet, domain, headline, authors, published,"
        " language, body, captions FROM articles ORDER BY id"
    )
    for row in rows:
        record = dict(row)
        record["authors"] = json.loads(record["authors"])
        record["captions"] = json.loads(record["captions"])
        yield record


# -- search ----------------------------------------------------------------------------

MARK_START, MARK_END = "\x02", "\x03"
"""Sentinels `snippet()` puts around matches; the page splits on them and escapes the rest."""
SENTINELS = re.compile(f"([{MARK_START}{MARK_END}])")


RANK_LIMIT = 1_000
"""Matches ranked by bm25, which reads every match's positions and column sizes (about
5 µs a match); past this many, results come newest-added first (the index walked
backwards, no sort)."""

COUNT_LIMIT = RANK_LIMIT
"""Matches counted; past this many the page says "more than" (a full count of a word in
every article reads its whole posting list: 40-70 ms on the 100,000-article store)."""


@dataclass(slots=True)
class SearchResult:
    total: int
    """How many articles match, or COUNT_LIMIT when more do (then `exact` is False)."""
    items: list[dict[str, Any]]
    ranked: bool = True
    """False when there were too many matches to rank and the newest came first."""
    exact: bool = True
    """False when more than `total` articles match."""
    more: bool = False
    """Whether matches follow this page."""


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> SearchResult:
    """Full-text search of headlines and bodies (SQLite FTS5 syntax), best match first.

    Raises QueryError when FTS5 cannot parse the query. Matches are counted up to
    COUNT_LIMIT and ranked only up to RANK_LIMIT. The page of matching ids is found first
    and the snippets made for that page only: `snippet()` in the ranked query itself would
    be computed for every match before the sort.
    """
    conn = store.conn
    try:
        counted = conn.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
            (query, COUNT_LIMIT + 1),
        ).fetchone()[0]
        exact = counted <= COUNT_LIMIT
        ranked = counted <= RANK_LIMIT
        if ranked:
            # bm25() itself rather than the `rank` column: the same score, but FTS5's rank
            # sort takes about half as long again. rowid breaks ties so pages never overlap.
            sql = (
                "SELECT rowid, bm25(articles_fts) AS score FROM articles_fts"
                " WHERE articles_fts MATCH ? ORDER BY score, rowid DESC LIMIT ? OFFSET ?"
            )
        else:
            # No score at all: bm25's first call reads the whole posting list of each word.
            sql = (
                "SELECT rowid, NULL FROM articles_fts WHERE articles_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT ? OFFSET ?"
            )
        hits = conn.execute(sql, (query, limit + 1, offset)).fetchall()
        more, hits = len(hits) > limit, hits[:limit]
        rows = article_briefs(store, [rowid for rowid, _ in hits])
        items = []
        for rowid, score in hits:
            snippet = conn.execute(
                f"SELECT snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', ' … ', 16)"
                " FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
                (query, rowid),
            ).fetchone()
            if rowid in rows:
                text = snippet[0] if snippet else ""
                items.append({**rows[rowid], "snippet": text, "rank": score})
    except sqlite3.OperationalError as exc:
        if is_query_error(exc):
            raise QueryError(f"cannot search for {query!r}: {exc}") from None
        raise
    return SearchResult(min(counted, COUNT_LIMIT), items, ranked, exact, more)


def is_query_error(exc: sqlite3.OperationalError) -> bool:
    """Whether SQLite refused the query text itself, not a locked, missing or broken store.

    FTS5 words its refusals many ways ("fts5: syntax error", "no such column", "unknown
    special query", ...); the store's own failures are the few listed here.
    """
    text = str(exc).lower()
    store_failures = ("locked", "busy", "no such table", "disk", "database", "readonly", "memory")
    return not any(marker in text for marker in store_failures)


def phrase(query: str) -> str:
    """The query as one FTS5 phrase: what a user meant when their words broke the syntax."""
    return '"' + query.replace('"', '""') + '"'


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """A snippet as (text, is_match) pieces, so a template can escape each piece."""
    parts: list[tuple[str, bool]] = []
    inside = False
    for piece in SENTINELS.split(snippet or ""):
        if piece in (MARK_START, MARK_END):
            inside = piece == MARK_START
        elif piece:
            parts.append((piece, inside))
    return parts


def plain_snippet(snippet: str | None) -> str:
    return "".join(text for text, _ in snippet_parts(snippet))


# -- stories ---------------------------------------------------------------------------

STORY_SORTS = ("latest", "size", "outlets")


def story_rows(store: Store) -> list[dict[str, Any]]:
    """Every built story, with `id` and its articles as article ids (the store's rows name
    articles by their public ref, JSONL id or source, kept here as `refs`)."""
    members: dict[int, list[int]] = {}
    for story_id, article_id in store.conn.execute(
        "SELECT sa.story_id, sa.article_id FROM story_articles sa JOIN articles a"
        " ON a.id = sa.article_id ORDER BY sa.story_id, a.published IS NULL, a.published, a.id"
    ):
        members.setdefault(story_id, []).append(article_id)
    return [normalise_story_row(r, members.get(int(r["story"]))) for r in store.story_rows()]


def story(store: Store, story_id: int) -> Story | None:
    """One built story, or None when there is no such story."""
    try:
        return store.story(story_id)
    except KeyError:
        return None


def normalise_story_row(row: dict[str, Any], article_ids: list[int] | None) -> dict[str, Any]:
    """A story row with `id`, `articles` as article ids, `refs`, and ISO 8601 times."""
    refs = list(row.get("articles") or [])
    if article_ids is None:  # rows that already name their articles by id
        article_ids = [a for a in (_article_ref(r) for r in refs) if a is not None]
    return {
        "id": int(row["story"]),
        "headline": row.get("headline"),
        "articles": article_ids,
        "refs": [str(r) for r in refs],
        "outlets": list(row.get("outlets") or []),
        "first_published": _iso(row.get("first_published")),
        "last_published": _iso(row.get("last_published")),
        "independent_sources": row.get("independent_sources"),
    }


def filter_stories(
    rows: list[dict[str, Any]],
    *,
    outlet: str | None = None,
    story_ids: set[int] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    """The stories that match every given filter, in the order given."""
    if not (outlet or story_ids is not None or since or until):
        return rows
    kept = []
    for row in rows:
        if outlet and outlet not in row["outlets"]:
            continue
        if story_ids is not None and row["id"] not in story_ids:
            continue
        last = (row["last_published"] or row["first_published"] or "")[:10]
        first = (row["first_published"] or row["last_published"] or "")[:10]
        if since and (not last or last < since.isoformat()):
            continue
        if until and (not first or first > until.isoformat()):
            continue
        kept.append(row)
    return kept


def sort_stories(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """Stories by latest publication, most articles, or most outlets (newest first on ties)."""
    if sort == "size":
        return sorted(rows, key=lambda r: (-len(r["articles"]), -r["id"]))
    if sort == "outlets":
        return sorted(rows, key=lambda r: (-len(r["outlets"]), -len(r["articles"]), -r["id"]))
    return sorted(rows, key=lambda r: (r["last_published"] or "", r["id"]), reverse=True)


def _article_ref(ref: Any) -> int | None:
    if isinstance(ref, dict):
        ref = ref.get("id", ref.get("article"))
    try:
        return int(ref)
    except (TypeError, ValueError):
        return None


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
