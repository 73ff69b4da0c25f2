"""The store, on both backends (SQLite and PostgreSQL): what is kept, what is never lost,
what re-ingesting does."""

from __future__ import annotations

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
from storytrace.store import Store, StoreError, open_store
from storytrace.store.dialect import dialect_for
from storytrace.store.schema import SCHEMA_VERSION


@pytest.fixture
def store(store_db):
    with open_store(store_db) as s:
        yield s


def page(text: str, source: str = "a.txt") -> Page:
    return Page.from_bytes(source, text.encode(), "text/plain", text=text)


def test_new_store_is_at_the_current_schema_version(store):
    assert store.version == SCHEMA_VERSION
    assert store.integrity_check() == "ok"


def test_a_sqlite_store_is_in_wal_mode(tmp_path):
    with open_store(tmp_path / "wal.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_store_from_a_newer_storytrace_is_refused(store_db):
    with open_store(store_db) as store:
        store.dialect.set_version(store.conn, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="newer"):
        open_store(store_db)


def test_an_older_store_is_migrated_forward(store_db):
    dialect = dialect_for(store_db)
    conn = dialect.connect(store_db)
    for statement in dialect.migration(0):
        conn.execute(statement)
    dialect.set_version(conn, 1)
    conn.close()
    with open_store(store_db) as s:
        assert s.version == SCHEMA_VERSION
        assert s.integrity_check() == "ok"
        article, annotations = make_article()
        input_id, _ = s.record_input(page("raw"))
        article_id = s.save_article(input_id, article, annotations)
        assert s.search("strike") == [article_id]  # migration 2 made the search index


def test_store_path_opens_sqlite_and_open_store_picks_from_the_string(tmp_path):
    with Store(tmp_path / "a.db") as a, open_store(str(tmp_path / "b.db")) as b:
        assert a.dialect.name == b.dialect.name == "sqlite"


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
    other = Article(source="b.txt", page_sha256="def", paragraphs=["Talks on the strike stall."])
    other_id = store.save_article(
        store.record_input(page("raw b", "b.txt"))[0], other, Annotations()
    )
    assert sorted(store.search("strike")) == [article_id, other_id]
    assert store.search("Port STRIKE") == [article_id]  # every word, any case, headline too
    assert store.search("resume") == [article_id]
    assert store.search("strike (stall") == [other_id]  # punctuation is no query syntax
    assert store.search("harbour") == [] and store.search("  ") == []
    store.save_article(input_id, other, Annotations())  # replaced: the index follows
    assert store.search("port") == []


def test_optimize_keeps_search_answers_and_merges_the_index(store):
    ids = [
        store.save_article(
            store.record_input(page(f"raw {i}", f"{i}.txt"))[0],
            Article(source=f"{i}.txt", page_sha256=f"sha{i}", paragraphs=[f"Quay {i} reopens."]),
            Annotations(),
        )
        for i in range(40)
    ]
    before = {q: sorted(store.search(q, 100)) for q in ("quay", "reopens", "quay 7", "harbour")}
    sqlite = store.dialect.name == "sqlite"
    pieces = "SELECT count(*) FROM articles_fts_data"
    if sqlite:
        written = store.conn.execute(pieces).fetchone()[0]
    store.optimize()
    assert {q: sorted(store.search(q, 100)) for q in before} == before
    assert before["quay"] == sorted(ids) and before["harbour"] == []
    if sqlite:  # forty one-article segments became one
        assert store.conn.execute(pieces).fetchone()[0] < written / 2
    assert store.integrity_check() == "ok"


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


def test_names_sort_by_code_point_as_sqlite_does(store):
    """PostgreSQL's default collation would put "apple" before "Zed"; the store's text
    columns compare as SQLite's do, so listings come in the same order on both."""
    names = ["Zed", "apple", "Ärger", "Anna", "zoo", "Émile"]
    store.save_entities([Entity(n, EntityKind.PERSON, [], 1) for n in names])
    assert [e.name for e in store.entities()] == sorted(names)


def test_a_transaction_that_fails_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.record_input(page("half done"))
        store.save_entities([Entity("Anna Varga", EntityKind.PERSON, [], 1)])
        raise RuntimeError("crash before commit")
    assert store.inputs() == [] and store.entities() == []
    assert not store.conn.in_transaction
    input_id, todo = store.record_input(page("half done"))  # the store is usable after
    assert todo and [r["id"] for r in store.inputs()] == [input_id]


def test_failed_inputs_and_stored_bytes(store):
    ok, _ = store.record_input(page("fine"))
    bad, _ = store.record_input(page("broken", "b.txt"))
    store.mark_input(ok, "ok")
    store.mark_input(bad, "error", "b.txt: boom")
    [row] = store.failed_inputs()
    assert (row["id"], row["error"], row["stored"]) == (bad, "b.txt: boom", len(b"broken"))
    assert [r["id"] for r in store.failed_inputs(("ok", "error"), ids=[ok])] == [ok]
    assert store.input_row(bad)["data"] == b"broken"


def test_text_with_a_nul_character_is_stored(store):
    """PostgreSQL text cannot hold NUL: it becomes U+FFFD there (same length, spans hold)."""
    input_id, _ = store.record_input(page("bytes", "odd\x00name.txt"))
    [row] = store.inputs()
    expected = "odd\x00name.txt" if store.dialect.name == "sqlite" else "odd\ufffdname.txt"
    assert row["id"] == input_id and row["source"] == expected


def test_the_postgres_integrity_check_names_a_missing_table(postgres_db):
    with open_store(postgres_db) as store:
        store.conn.execute("DROP TABLE dates")
        assert store.integrity_check() == "table dates is missing"


def test_a_very_long_article_is_stored_and_its_start_searchable(store):
    """A tsvector holds at most 1 MB: PostgreSQL indexes the first 100,000 characters
    rather than fail the insert of a long body of distinct words."""
    words = [f"w{n:07d}x" for n in range(120_000)]  # 1.2 M characters, all distinct
    article = Article(source="long.txt", page_sha256="l", paragraphs=[" ".join(words)])
    input_id, _ = store.record_input(page("long", "long.txt"))
    article_id = store.save_article(input_id, article, Annotations())
    assert store.article(article_id)[0].body == article.body
    assert store.search(words[10]) == [article_id]
