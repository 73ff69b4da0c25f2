"""The store's schema as an ordered list of forward migrations, one list for every backend.

Each migration is applied once, in order, inside a transaction; the store records how
many have run (SQLite: `PRAGMA user_version`). A store made by an older storytrace is
brought forward on open; a store from a newer one is refused rather than guessed at.

A migration is SQLite's SQL, which the PostgreSQL dialect maps to its own type names
(store/postgres.py); where the backends differ beyond that (full-text search), the
migration is a dict of one script per backend. A new migration is appended here, once.
"""

from __future__ import annotations

SEARCH_CHARS = 100_000
"""PostgreSQL's search indexes this many characters of headline and body: a tsvector holds
at most 1 MB, and an insert over that would fail rather than go unindexed."""
PG_SEARCH_VECTOR = (
    f"to_tsvector('simple', left(COALESCE(headline, '') || ' ' || body, {SEARCH_CHARS}))"
)
"""What PostgreSQL's `articles.search_vector` holds (SQLite has no such column)."""

MIGRATIONS: list[str | dict[str, str]] = [
    # 1: inputs, articles, entities, mentions, statements, dates.
    """
    CREATE TABLE inputs (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        -- The bytes' hash; for an input that could not be read, hash and source together,
        -- so two unreadable inputs (both hashing to the empty string) stay two rows.
        dedup_key TEXT NOT NULL UNIQUE,
        media_type TEXT,
        size INTEGER NOT NULL,
        data BLOB,
        encoding TEXT,
        meta TEXT NOT NULL DEFAULT '{}',
        fetched_at TEXT,
        received_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'ok', 'error', 'no_article')),
        error TEXT,
        processed_at TEXT
    );
    CREATE INDEX inputs_status ON inputs(status);
    CREATE INDEX inputs_sha256 ON inputs(sha256);
    -- The same bytes given again under another name: remembered, not reprocessed.
    CREATE TABLE input_sources (
        input_id INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (input_id, source)
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        input_id INTEGER NOT NULL UNIQUE REFERENCES inputs(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        input_key TEXT,
        url TEXT,
        outlet TEXT,
        domain TEXT,
        headline TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        published_precision TEXT,
        language TEXT,
        body TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        captions TEXT NOT NULL DEFAULT '[]',
        removed TEXT NOT NULL DEFAULT '[]',
        meta TEXT NOT NULL DEFAULT '{}',
        sentences TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
    );
    CREATE INDEX articles_outlet ON articles(outlet);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        mentions INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity TEXT,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_entity ON mentions(entity);
    CREATE TABLE statements (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        speaker_entity TEXT,
        speaker_kind TEXT NOT NULL,
        anonymous_count INTEGER,
        cue TEXT NOT NULL,
        content TEXT NOT NULL,
        direct INTEGER NOT NULL,
        speaker_start INTEGER, speaker_end INTEGER,
        cue_start INTEGER, cue_end INTEGER,
        content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
        via INTEGER,
        UNIQUE (article_id, idx)
    );
    CREATE INDEX statements_speaker ON statements(speaker_entity);
    CREATE TABLE dates (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        date_start TEXT NOT NULL,
        date_end TEXT NOT NULL,
        granularity TEXT NOT NULL,
        sentence TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        anchored INTEGER NOT NULL
    );
    CREATE INDEX dates_article ON dates(article_id);
    """,
    # 2: full-text search over headlines and bodies. SQLite: an FTS5 table (external content,
    # kept in step by triggers); PostgreSQL: a generated tsvector column with a GIN index.
    {
        "sqlite": """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        headline, body, content='articles', content_rowid='id'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, headline, body)
            VALUES ('delete', old.id, old.headline, old.body);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, headline, body)
            VALUES ('delete', old.id, old.headline, old.body);
        INSERT INTO articles_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body);
    END;
    """,
        # A stored column, so ranking reads the vector instead of computing it again.
        "postgresql": f"""
    ALTER TABLE articles ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS ({PG_SEARCH_VECTOR}) STORED;
    CREATE INDEX articles_search ON articles USING GIN (search_vector);
    """,
    },
    # 3: the fetch log: every attempt to fetch a URL (storytrace fetch), and what came of it.
    """
    CREATE TABLE fetches (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,
        final_url TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('fetched', 'skipped', 'failed')),
        -- article, feed, sitemap or robots; NULL when nothing usable came back.
        kind TEXT,
        status INTEGER,
        error TEXT,
        headers TEXT NOT NULL DEFAULT '{}',
        fetched_at TEXT NOT NULL,
        sha256 TEXT,
        size INTEGER,
        tries INTEGER NOT NULL DEFAULT 0,
        -- The stored page of an article; its raw bytes live in inputs.data.
        input_id INTEGER REFERENCES inputs(id) ON DELETE SET NULL,
        -- The feed or sitemap that listed this URL, if any.
        listed_in TEXT,
        -- The body of a feed, sitemap or robots.txt, so a later run can expand it offline.
        data BLOB
    );
    CREATE INDEX fetches_url ON fetches(url, outcome);
    CREATE INDEX fetches_final_url ON fetches(final_url, outcome);
    """,
    # 4: stories: which article is in which story, each story's derived view, and the
    # streaming clusterer's state (saved with the assignments, so a crash cannot split them).
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        headline TEXT,
        first_published TEXT,
        last_published TEXT,
        outlets TEXT NOT NULL DEFAULT '[]',
        size INTEGER NOT NULL DEFAULT 0,
        independent_sources INTEGER NOT NULL DEFAULT 0,
        -- The whole Story (claims, provenance, timeline) as JSON; NULL until built.
        view TEXT,
        -- 1 when articles joined or left since the view was built.
        stale INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX stories_last ON stories(last_published);
    CREATE TABLE story_articles (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id INTEGER NOT NULL,
        score REAL,
        -- The earliest original this article republishes, if it is a syndicated copy.
        syndicated_of INTEGER
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE story_index (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL
    );
    """,
    # 5: an entity's articles read from the index alone (web entity page, stories filtered by
    # entity): on mentions(entity) each mention's row was read to find its article, 14,000
    # reads for a name in 1,000 articles. It covers every use of the old index, dropped.
    """
    CREATE INDEX mentions_entity_article ON mentions(entity, article_id);
    DROP INDEX mentions_entity;
    """,
    # 6: an entity's mentions per kind, the votes its kind is the majority of: without
    # them a later run (or one resumed after a crash) would weigh all past mentions as
    # the current kind and could settle a close vote differently from one long run.
    """
    ALTER TABLE entities ADD COLUMN votes TEXT NOT NULL DEFAULT '{}';
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
