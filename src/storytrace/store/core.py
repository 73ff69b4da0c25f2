"""The store: one SQLite file that any SQLite tool can read, or a PostgreSQL database.

The SQL here is written once for both backends; what differs (connecting, locking,
the schema version, JSON aggregates, full-text search) is in the backend's
`Dialect` (store/sqlite.py, store/postgres.py). Writes happen in short transactions
that take the store's write lock up front, so a reader (the web UI, Datasette, a
second CLI) never sees half an article, and a crash loses at most the batch being
written, never an input: inputs are committed before they are processed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from storytrace.model import (
    Annotations,
    Article,
    DatedEvent,
    Entity,
    EntityKind,
    Mention,
    Page,
    Removed,
    SpeakerKind,
    Statement,
    Story,
    sha256_hex,
)
from storytrace.store import stories
from storytrace.store.dialect import Connection, Dialect, StoreError, dialect_for
from storytrace.store.schema import SCHEMA_VERSION

log = logging.getLogger(__name__)

# Columns named, not a.*: a PostgreSQL store has a search vector beside them, not worth reading.
ARTICLE_SELECT = (
    "SELECT a.id, a.input_id, a.source, a.input_key, a.url, a.outlet, a.domain, a.headline,"
    " a.authors, a.published, a.published_precision, a.language, a.body, a.paragraphs,"
    " a.captions, a.removed, a.meta, a.sentences, a.created_at, i.sha256 AS page_sha256"
    " FROM articles a JOIN inputs i ON i.id = a.input_id"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def open_store(db: str | Path = "storytrace.db") -> Store:
    """Open the store `db` names: a SQLite file path, or a `postgresql://` URL."""
    return Store(db, dialect_for(db))


class Store:
    """A storytrace store: a SQLite file (WAL mode) or a PostgreSQL database, with forward
    migrations. `open_store(db)` and `Store(db)` both pick the backend from `db`."""

    def __init__(self, path: str | Path = "storytrace.db", dialect: Dialect | None = None) -> None:
        self.path = str(path)
        self.dialect = dialect or dialect_for(path)
        self.name = self.dialect.display(self.path)
        """The store's name for messages (no password)."""
        self.conn: Connection = self.dialect.connect(self.path)
        try:
            self._migrate()
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------

    @property
    def version(self) -> int:
        return self.dialect.version(self.conn)

    def _migrate(self) -> None:
        current = self.version
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.name} has schema version {current}, newer than this "
                f"storytrace knows ({SCHEMA_VERSION}); upgrade storytrace"
            )
        for number in range(current, SCHEMA_VERSION):
            with self.transaction():
                if self.version > number:  # another process migrated while we waited
                    continue
                # One statement at a time: a script would commit our transaction.
                for statement in self.dialect.migration(number):
                    self.conn.execute(statement)
                self.dialect.set_version(self.conn, number + 1)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction that takes the write lock up front (no lock upgrades).

        Inside another transaction of this store it joins that one, so several writes
        (a batch of articles and its entities) commit together or not at all.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        self.dialect.begin(self.conn, self.name)
        try:
            yield self.conn
        except BaseException:
            self._rollback()
            raise
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except Exception as exc:  # a lost connection: keep the error that brought us here
            log.warning("store %s: rollback failed: %s", self.name, exc)

    # -- inputs ---------------------------------------------------------------

    def record_input(self, page: Page) -> tuple[int, bool]:
        """Store a raw input before anything else happens to it.

        Returns its id and whether it still needs processing: an input already
        processed (ok, error or no article) is not done again; one left pending
        by an interrupted run is.
        """
        key = dedup_key(page)
        with self.transaction() as conn:
            # Insert first: a second writer with the same input (another process, racing)
            # meets the UNIQUE key here and takes the stored row, never an IntegrityError.
            input_id = self.dialect.insert_id(
                conn,
                "INSERT INTO inputs(source, sha256, dedup_key, media_type, size, data, encoding,"
                " meta, fetched_at, received_at, status, error)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', NULL)"
                " ON CONFLICT(dedup_key) DO NOTHING",
                (
                    page.source,
                    page.sha256,
                    key,
                    page.media_type,
                    page.meta.get("size", len(page.data)),
                    page.data,
                    page.encoding,
                    _dumps(page.meta),
                    _iso(page.fetched_at),
                    _now(),
                ),
            )
            todo = True
            if input_id is None:
                row = conn.execute(
                    "SELECT id, status FROM inputs WHERE dedup_key = ?", (key,)
                ).fetchone()
                input_id, todo = row["id"], row["status"] == "pending"
            conn.execute(
                "INSERT INTO input_sources(input_id, source, seen_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (input_id, page.source, _now()),
            )
            return input_id, todo

    def mark_input(self, input_id: int, status: str, error: str | None = None) -> None:
        """Record the outcome of processing one input."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE inputs SET status = ?, error = ?, processed_at = ? WHERE id = ?",
                (status, error, _now(), input_id),
            )

    def inputs(self, status: str | None = None) -> list[dict[str, Any]]:
        """Every input ever given (without its bytes), oldest first."""
        sql = (
            "SELECT id, source, sha256, media_type, size, status, error, received_at,"
            " processed_at, (SELECT COUNT(*) FROM input_sources s WHERE s.input_id = inputs.id)"
            " AS times_seen FROM inputs"
        )
        params: tuple[Any, ...] = ()
        if status:
            sql += " WHERE status = ?"
            params = (status,)
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY id", params)]

    def input_data(self, input_id: int) -> bytes | None:
        row = self.conn.execute("SELECT data FROM inputs WHERE id = ?", (input_id,)).fetchone()
        return row["data"] if row else None

    def failed_inputs(
        self, statuses: Iterable[str] = ("error", "no_article"), ids: Iterable[int] | None = None
    ) -> list[dict[str, Any]]:
        """Inputs with these statuses (or these ids), oldest first, without their bytes;
        `stored` is how many bytes of each the store kept (0: it cannot be processed again)."""
        statuses = list(statuses)
        sql = (
            "SELECT id, source, sha256, media_type, size, status, error, received_at,"
            " processed_at, COALESCE(length(data), 0) AS stored FROM inputs"
            f" WHERE status IN ({', '.join('?' * len(statuses))})"
        )
        params: list[Any] = statuses
        if ids is not None:
            ids = list(ids)
            sql += f" AND id IN ({', '.join('?' * len(ids))})"
            params = [*statuses, *ids]
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY id", params)]

    def input_row(self, input_id: int) -> dict[str, Any] | None:
        """One input's whole row, bytes and metadata included, to process it again."""
        row = self.conn.execute("SELECT * FROM inputs WHERE id = ?", (input_id,)).fetchone()
        if row is None:
            return None
        found = dict(row)
        found["meta"] = json.loads(found["meta"] or "{}")
        return found

    def rekey_input(self, input_id: int, page: Page) -> int | None:
        """Give an input that could not be read before, and now can, the key of what it reads as.

        Returns the id of another input with the same key (then nothing changes: the
        bytes are stored there already, and this source is remembered with it).
        """
        key = dedup_key(page)
        with self.transaction() as conn:
            other = conn.execute(
                "SELECT id FROM inputs WHERE dedup_key = ? AND id != ?", (key, input_id)
            ).fetchone()
            if other:
                conn.execute(
                    "INSERT INTO input_sources(input_id, source, seen_at)"
                    " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (other["id"], page.source, _now()),
                )
                return other["id"]
            conn.execute(
                "UPDATE inputs SET dedup_key = ?, sha256 = ?, media_type = ?, encoding = ?,"
                " data = ?, meta = ? WHERE id = ?",
                (
                    key,
                    page.sha256,
                    page.media_type,
                    page.encoding,
                    page.data,
                    _dumps(page.meta),
                    input_id,
                ),
            )
            return None

    # -- articles -------------------------------------------------------------

    def save_article(self, input_id: int, article: Article, annotations: Annotations) -> int:
        """Write one article with its annotations and mark its input done, atomically."""
        with self.transaction() as conn, self.dialect.pipeline(conn):
            conn.execute("DELETE FROM articles WHERE input_id = ?", (input_id,))
            article_id = self.dialect.insert_id(
                conn,
                "INSERT INTO articles(input_id, source, input_key, url, outlet, domain, headline,"
                " authors, published, published_precision, language, body, paragraphs, captions,"
                " removed, meta, sentences, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    input_id,
                    article.source,
                    article.input_id,
                    article.url,
                    article.outlet,
                    article.domain,
                    article.headline,
                    _dumps(article.authors),
                    _iso(article.published),
                    article.published_precision,
                    article.language,
                    article.body,
                    _dumps(article.paragraphs),
                    _dumps(article.captions),
                    _dumps([[r.text, r.reason, r.line] for r in article.removed]),
                    _dumps(article.meta),
                    _dumps(annotations.sentences),
                    _now(),
                ),
            )
            conn.executemany(
                'INSERT INTO mentions(article_id, entity, kind, text, start, "end")'
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (article_id, m.entity, m.kind.value, m.text, m.span[0], m.span[1])
                    for m in annotations.mentions
                ],
            )
            conn.executemany(
                "INSERT INTO statements(article_id, idx, speaker, speaker_entity, speaker_kind,"
                " anonymous_count, cue, content, direct, speaker_start, speaker_end, cue_start,"
                " cue_end, content_start, content_end, via)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        article_id,
                        idx,
                        s.speaker,
                        s.speaker_entity,
                        s.speaker_kind.value,
                        s.anonymous_count,
                        s.cue,
                        s.content,
                        int(s.direct),
                        *(s.speaker_span or (None, None)),
                        *(s.cue_span or (None, None)),
                        *s.content_span,
                        s.via,
                    )
                    for idx, s in enumerate(annotations.statements)
                ],
            )
            conn.executemany(
                'INSERT INTO dates(article_id, text, start, "end", date_start, date_end,'
                " granularity, sentence, sentence_start, sentence_end, anchored)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        article_id,
                        d.text,
                        *d.span,
                        d.start.isoformat(),
                        d.end.isoformat(),
                        d.granularity,
                        d.sentence,
                        *d.sentence_span,
                        int(d.anchored),
                    )
                    for d in annotations.dates
                ],
            )
            conn.execute(
                "UPDATE inputs SET status = 'ok', error = NULL, processed_at = ? WHERE id = ?",
                (_now(), input_id),
            )
            return article_id

    def article_for_input(self, input_id: int | None) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE input_id = ?", (input_id,)
        ).fetchone()
        return row[0] if row else None

    def unplaced_articles(self) -> list[int]:
        """Articles in no story yet, in publication order."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT a.id FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id"
                " WHERE sa.article_id IS NULL ORDER BY a.published IS NULL, a.published, a.id"
            )
        ]

    def article_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def outlets(self) -> list[str]:
        """The outlets the stored articles come from, by name."""
        sql = "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"
        return [r[0] for r in self.conn.execute(sql)]

    def find_article(self, ref: str | int) -> int | None:
        """An article id from an id, an input JSONL id, or a source path."""
        if isinstance(ref, int) or str(ref).isdigit():
            row = self.conn.execute("SELECT id FROM articles WHERE id = ?", (int(ref),)).fetchone()
            if row:
                return row[0]
        row = self.conn.execute(
            "SELECT id FROM articles WHERE input_key = ? OR source = ? ORDER BY id LIMIT 1",
            (str(ref), str(ref)),
        ).fetchone()
        return row[0] if row else None

    def article_rows(
        self, *, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Articles as plain rows (no annotations), ordered by publication time then id."""
        sql = ARTICLE_SELECT
        params: list[Any] = []
        if outlet:
            sql += " WHERE a.outlet = ?"
            params.append(outlet)
        sql += " ORDER BY a.published IS NULL, a.published, a.id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [dict(r) for r in self.conn.execute(sql, params)]

    def latest_articles(self, limit: int) -> list[Article]:
        """The `limit` most recently stored articles, oldest first (no annotations)."""
        sql = f"SELECT * FROM ({ARTICLE_SELECT} ORDER BY a.id DESC LIMIT ?) latest ORDER BY id"
        return [article_from_row(dict(r)) for r in self.conn.execute(sql, (limit,))]

    def article(self, article_id: int) -> tuple[Article, Annotations]:
        """One article and its annotations, as the model types."""
        row = self.conn.execute(ARTICLE_SELECT + " WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(f"no article {article_id}")
        return article_from_row(dict(row)), self._annotations(article_id, row["sentences"])

    def _annotations(self, article_id: int, sentences: str) -> Annotations:
        q = self.conn.execute
        mentions = [
            Mention(r["text"], (r["start"], r["end"]), EntityKind(r["kind"]), r["entity"])
            for r in q(
                'SELECT text, start, "end", kind, entity FROM mentions WHERE article_id = ?'
                " ORDER BY start",
                (article_id,),
            )
        ]
        statements = [
            Statement(
                speaker=r["speaker"],
                speaker_kind=SpeakerKind(r["speaker_kind"]),
                cue=r["cue"],
                content=r["content"],
                direct=bool(r["direct"]),
                content_span=(r["content_start"], r["content_end"]),
                cue_span=_span(r["cue_start"], r["cue_end"]),
                speaker_span=_span(r["speaker_start"], r["speaker_end"]),
                speaker_entity=r["speaker_entity"],
                anonymous_count=r["anonymous_count"],
                via=r["via"],
            )
            for r in q("SELECT * FROM statements WHERE article_id = ? ORDER BY idx", (article_id,))
        ]
        dates = [
            DatedEvent(
                text=r["text"],
                span=(r["start"], r["end"]),
                start=date.fromisoformat(r["date_start"]),
                end=date.fromisoformat(r["date_end"]),
                granularity=r["granularity"],
                sentence=r["sentence"],
                sentence_span=(r["sentence_start"], r["sentence_end"]),
                anchored=bool(r["anchored"]),
            )
            for r in q("SELECT * FROM dates WHERE article_id = ? ORDER BY start", (article_id,))
        ]
        return Annotations(
            mentions=mentions,
            statements=statements,
            dates=dates,
            sentences=[tuple(s) for s in json.loads(sentences)],
        )

    def statement_rows(self, *, speaker: str | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT s.*, a.source, a.outlet, a.headline FROM statements s"
            " JOIN articles a ON a.id = s.article_id"
        )
        params: tuple[Any, ...] = ()
        if speaker:
            sql += " WHERE s.speaker_entity = ? OR s.speaker = ?"
            params = (speaker, speaker)
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY s.article_id, s.idx", params)]

    def speaker_rows(self) -> list[dict[str, Any]]:
        """Statements grouped by speaker (canonical name, else description), most quoted first."""
        rows = self.conn.execute(
            "SELECT COALESCE(s.speaker_entity, s.speaker) AS speaker, s.speaker_kind,"
            " COUNT(*) AS statements, COUNT(DISTINCT s.article_id) AS articles,"
            f" {self.dialect.json_list('DISTINCT a.outlet')} AS outlets"
            " FROM statements s JOIN articles a ON a.id = s.article_id"
            " GROUP BY 1, 2 ORDER BY statements DESC, speaker, s.speaker_kind"
        )
        # Sorted here: the backends give a DISTINCT aggregate's values in different orders.
        return [
            {**dict(r), "outlets": sorted(o for o in json.loads(r["outlets"]) if o)} for r in rows
        ]

    def story_rows(
        self, *, limit: int | None = None, offset: int = 0, order: str = "latest"
    ) -> list[dict[str, Any]]:
        """Stories in the public `stories` shape; `order` is latest, size or outlets."""
        return stories.rows(self, limit=limit, offset=offset, order=order)

    def stories_of(self, article_ids: Iterable[int]) -> set[int]:
        """The stories these articles are in."""
        ids = list(article_ids)
        found: set[int] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT DISTINCT story_id FROM story_articles WHERE article_id IN ({marks})",
                    chunk,
                )
            )
        return found

    def story(self, story_id: int) -> Story:
        """One built story (claims, provenance, timeline)."""
        return stories.load(self, story_id)

    def counts(self) -> dict[str, int]:
        """How many rows each main table holds; the report's first line."""
        tables = ("inputs", "articles", "entities", "mentions", "statements", "dates")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    # -- entities -------------------------------------------------------------

    def save_entities(self, entities: Iterable[Entity]) -> None:
        """Insert or update canonical entities (aliases and counts replace the stored ones)."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO entities(name, kind, aliases, mentions, votes) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET kind = excluded.kind,"
                " aliases = excluded.aliases, mentions = excluded.mentions,"
                " votes = excluded.votes",
                [
                    (e.name, e.kind.value, _dumps(sorted(e.aliases)), e.mentions, _dumps(e.votes))
                    for e in entities
                ],
            )

    def rename_entities(self, renamed: dict[str, str]) -> None:
        """Move what was saved under an old canonical name to the new one."""
        if not renamed:
            return
        with self.transaction() as conn:
            for old, new in renamed.items():
                conn.execute("UPDATE mentions SET entity = ? WHERE entity = ?", (new, old))
                conn.execute(
                    "UPDATE statements SET speaker_entity = ? WHERE speaker_entity = ?", (new, old)
                )
                conn.execute("DELETE FROM entities WHERE name = ?", (old,))

    def entities(self, kind: str | None = None) -> list[Entity]:
        sql = "SELECT name, kind, aliases, mentions, votes FROM entities"
        params: tuple[Any, ...] = ()
        if kind:
            sql += " WHERE kind = ?"
            params = (kind,)
        return [
            Entity(
                r["name"],
                EntityKind(r["kind"]),
                json.loads(r["aliases"]),
                r["mentions"],
                json.loads(r["votes"]),
            )
            for r in self.conn.execute(sql + " ORDER BY mentions DESC, name", params)
        ]

    def search(self, query: str, limit: int = 20) -> list[int]:
        """Ids of the articles whose headline or body has every word of `query`, best first."""
        words = [w for w in query.split() if w]
        if not words:
            return []
        rows = self.conn.execute(
            self.dialect.search_sql, (self.dialect.search_query(words), limit)
        ).fetchall()
        return [r[0] for r in rows]

    def integrity_check(self) -> str:
        return self.dialect.integrity_check(self.conn)

    def optimize(self) -> None:
        """Compact the search index and refresh statistics (after a large ingest)."""
        for sql in self.dialect.optimize_sql:
            self.conn.execute(sql)


def dedup_key(page: Page) -> str:
    """What makes two inputs the same: their bytes, or for an unreadable one, bytes and name."""
    if page.error:
        return sha256_hex(f"{page.sha256}\0{page.source}".encode())
    return page.sha256


def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return None if start is None or end is None else (start, end)


def article_from_row(row: dict[str, Any]) -> Article:
    """Rebuild an Article from its stored row."""
    return Article(
        source=row["source"],
        page_sha256=row["page_sha256"],
        headline=row["headline"],
        authors=json.loads(row["authors"]),
        published=datetime.fromisoformat(row["published"]) if row["published"] else None,
        published_precision=row["published_precision"],
        outlet=row["outlet"],
        domain=row["domain"],
        url=row["url"],
        language=row["language"],
        paragraphs=json.loads(row["paragraphs"]),
        captions=json.loads(row["captions"]),
        removed=[Removed(t, r, n) for t, r, n in json.loads(row["removed"])],
        input_id=row["input_key"],
        meta=json.loads(row["meta"]),
    )
