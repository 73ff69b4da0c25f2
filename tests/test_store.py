"""The SQLite store: what is kept, what is never lost, what re-ingesting does."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

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
)
from storytrace.store import Store, StoreError
from storytrace.store.schema import SCHEMA_VERSION


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.db") as s:
        yield s


def page(text: str, source: str = "a.txt") -> Page:
    return Page.from_bytes(source, text.encode(), "text/plain", text=text)


def test_new_store_is_at_the_current_schema_version_in_wal_mode(store):
    assert store.version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_store_from_a_newer_storytrace_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_an_older_store_is_migrated_forward(tmp_path):
    from storytrace.store.schema import MIGRATIONS
    from storytrace.store.sqlite import _split_sql

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for statement in _split_sql(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
        assert "articles_fts" in tables


def test_raw_input_is_recorded_before_processing(store):
    input_id, todo = store.record_input(page("hello"))
    assert todo
    [row] = store.inputs()
    assert row["id"] == input_id and row["status"] == "pending"
    assert store.input_data(input_id) == b"hello"


def test_identical_input_again_is_a_no_op_but_its_new_name_is_remembered(store):
    first, _ = store.record_input(page("same bytes", "a.txt"))
    store.mark_input(first, "ok")
    again, todo = store.record_input(page("same bytes", "copy/b.txt"))
    assert again == first and not todo
    [row] = store.inputs()
    assert row["times_seen"] == 2


def test_an_input_left_pending_by_a_crash_is_processed_again(store):
    first, _ = store.record_input(page("interrupted"))
    again, todo = store.record_input(page("interrupted"))
    assert again == first and todo


def test_failed_inputs_keep_their_error(store):
    input_id, _ = store.record_input(page("x"))
    store.mark_input(input_id, "no_article", "no article found in a.txt")
    [row] = store.inputs(status="no_article")
    assert row["error"] == "no article found in a.txt"


def make_article() -> tuple[Article, Annotations]:
    article = Article(
        source="a.txt",
        page_sha256="abc",
        headline="Port strike ends",
        authors=["Mara Lind"],
        published=datetime(2025, 3, 4, 9, 30, tzinfo=UTC),
        published_precision="minute",
        outlet="The Harbor Ledger",
        paragraphs=["Mara Lind said the strike was over.", "Talks resume on Friday."],
        captions=["Dockers at the gate."],
        removed=[Removed("Subscribe", "call to action", 3)],
        input_id="rec-1",
    )
    body = article.body
    annotations = Annotations(
        mentions=[Mention("Mara Lind", (0, 9), EntityKind.PERSON, "Mara Lind")],
        statements=[
            Statement(
                speaker="Mara Lind",
                speaker_kind=SpeakerKind.PERSON,
                cue="said",
                content="the strike was over",
                direct=False,
                content_span=(15, 34),
                cue_span=(10, 14),
                speaker_span=(0, 9),
                speaker_entity="Mara Lind",
            )
        ],
        dates=[
            DatedEvent(
                text="on Friday",
                span=(body.index("on Friday"), body.index("on Friday") + 9),
                start=date(2025, 2, 28),
                end=date(2025, 2, 28),
                granularity="day",
                sentence="Talks resume on Friday.",
                sentence_span=(body.index("Talks"), len(body)),
            )
        ],
        sentences=[(0, 35), (37, len(body))],
    )
    return article, annotations


def test_article_and_annotations_round_trip(store):
    article, annotations = make_article()
    input_id, _ = store.record_input(page("raw"))
    article_id = store.save_article(input_id, article, annotations)
    loaded, loaded_annotations = store.article(article_id)
    assert loaded.headline == article.headline
    assert loaded.published == article.published
    assert loaded.body == article.body
    assert loaded.removed == article.removed
    assert loaded.page_sha256 == store.inputs()[0]["sha256"]
    assert loaded_annotations == annotations
    assert store.inputs()[0]["status"] == "ok"
    assert store.find_article("rec-1") == article_id
    assert store.find_article("a.txt") == article_id


def test_saving_an_article_again_replaces_it(store):
    article, annotations = make_article()
    input_id, _ = store.record_input(page("raw"))
    store.save_article(input_id, article, annotations)
    store.save_article(input_id, article, annotations)
    assert store.counts()["articles"] == 1
    assert store.counts()["statements"] == 1


def test_full_text_search_finds_article_words(store):
    article, annotations = make_article()
    input_id, _ = store.record_input(page("raw"))
    article_id = store.save_article(input_id, article, annotations)
    hits = store.conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'strike'"
    ).fetchall()
    assert [h[0] for h in hits] == [article_id]


def test_entities_are_upserted(store):
    store.save_entities([Entity("Mara Lind", EntityKind.PERSON, ["Lind"], 2)])
    store.save_entities([Entity("Mara Lind", EntityKind.PERSON, ["Lind", "Ms Lind"], 3)])
    [entity] = store.entities()
    assert entity.aliases == ["Lind", "Ms Lind"] and entity.mentions == 3


def test_integrity_check_passes(store):
    assert store.integrity_check() == "ok"


def test_two_unreadable_inputs_with_the_same_empty_bytes_stay_two_inputs(store):
    for source in ("missing.txt", "empty.txt"):
        failed = Page.from_bytes(source, b"", "application/octet-stream", error=f"bad: {source}")
        input_id, todo = store.record_input(failed)
        assert todo
        store.mark_input(input_id, "error", failed.error)
    assert [r["source"] for r in store.inputs(status="error")] == ["missing.txt", "empty.txt"]


def test_renaming_an_entity_moves_its_saved_mentions_and_statements(store):
    article, annotations = make_article()
    input_id, _ = store.record_input(page("raw"))
    article_id = store.save_article(input_id, article, annotations)
    store.save_entities([Entity("Mara Lind", EntityKind.PERSON, [], 1)])
    store.rename_entities({"Mara Lind": "Mara K. Lind"})
    store.save_entities([Entity("Mara K. Lind", EntityKind.PERSON, ["Mara Lind"], 1)])
    _, loaded = store.article(article_id)
    assert [m.entity for m in loaded.mentions] == ["Mara K. Lind"]
    assert [s.speaker_entity for s in loaded.statements] == ["Mara K. Lind"]
    assert [e.name for e in store.entities()] == ["Mara K. Lind"]
