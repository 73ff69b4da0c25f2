"""Concurrency: readers while an ingest writes, two ingests into one store at once.

No corruption, no input stored twice, and no "database is locked" or IntegrityError
reaching the user: the store is in WAL mode (readers never wait for the writer),
writers take the lock up front and wait for each other (busy timeout, then a few
tries with backoff), and two writers recording the same input meet on its UNIQUE key.
Racing writers, stores created by several processes at once and locks held forever are
tested on both backends in test_store_concurrency.py.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import storytrace.store.sqlite as store_module
from storytrace.store import Store
from storytrace.web.app import create_app
from storytrace.web.context import WebSettings

try:
    from test_reliability_corpus import (
        HEALTHY,
        consistent,
        dangling,
        snapshot,
        store_health,
        write_corpus,
    )
except ImportError:  # tests/ imported as a package
    from tests.test_reliability_corpus import (
        HEALTHY,
        consistent,
        dangling,
        snapshot,
        store_health,
        write_corpus,
    )

INGEST = [sys.executable, "-c", "from storytrace.cli import main; main()", "ingest"]


def start_ingest(paths: list[Path], db: Path, log: Path) -> subprocess.Popen:
    out = log.open("wb")
    return subprocess.Popen(
        [*INGEST, *map(str, paths), "--db", str(db)], stdout=out, stderr=subprocess.STDOUT
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("concurrency") / "pages"
    return folder, write_corpus(folder, 2)


def test_two_ingests_into_one_new_store_at_once(corpus: tuple[Path, int], tmp_path: Path) -> None:
    """Both create the store, both record every input (racing on each), both finish."""
    folder, total = corpus
    db = tmp_path / "shared.db"
    runs = [start_ingest([folder], db, tmp_path / f"ingest{n}.log") for n in (1, 2)]
    codes = [run.wait(timeout=900) for run in runs]
    logs = [(tmp_path / f"ingest{n}.log").read_text(errors="replace") for n in (1, 2)]
    assert codes == [0, 0], logs
    for log in logs:
        assert "locked" not in log and "IntegrityError" not in log and "Traceback" not in log
    assert store_health(db) == HEALTHY
    assert consistent(db) == [] and dangling(db) == []
    stored = snapshot(db)
    assert len(stored["inputs"]) == total
    assert {row[2] for row in stored["inputs"]} == {"ok"}
    assert len(stored["articles"]) == total


def test_two_ingests_of_different_inputs_at_once(corpus: tuple[Path, int], tmp_path: Path) -> None:
    folder, total = corpus
    db = tmp_path / "shared.db"
    halves = [[folder / "copy000"], [folder / "copy001"]]
    runs = [start_ingest(half, db, tmp_path / f"half{n}.log") for n, half in enumerate(halves)]
    assert [run.wait(timeout=900) for run in runs] == [0, 0]
    assert store_health(db) == HEALTHY
    assert consistent(db) == [] and dangling(db) == []
    stored = snapshot(db)
    assert len(stored["inputs"]) == len(stored["articles"]) == total


def test_readers_see_whole_articles_while_an_ingest_writes(
    corpus: tuple[Path, int], tmp_path: Path
) -> None:
    """A plain reader connection and the web API, reading all the while an ingest writes."""
    folder, total = corpus
    db = tmp_path / "read.db"
    Store(db).close()
    client = TestClient(create_app(WebSettings(db=db, allowed_hosts=("testserver",))))
    reader = sqlite3.connect(db, timeout=30)
    writer = start_ingest([folder], db, tmp_path / "ingest.log")
    reads, problems, statuses = 0, [], set()
    while writer.poll() is None or reads == 0:
        # One read transaction: a snapshot of the store as of one commit.
        reader.execute("BEGIN")
        articles = reader.execute(
            "SELECT a.id, i.status, length(a.body),"
            " (SELECT COUNT(*) FROM mentions m WHERE m.article_id = a.id)"
            " FROM articles a JOIN inputs i ON i.id = a.input_id"
        ).fetchall()
        reader.execute("COMMIT")
        problems += [row for row in articles if row[1] != "ok" or not row[2] or not row[3]]
        for path in ("/api/articles", "/api/search?q=strike", "/api/entities"):
            statuses.add(client.get(path).status_code)
        if articles:
            statuses.add(client.get(f"/api/articles/{articles[-1][0]}").status_code)
        reads += 1
    reader.close()
    assert writer.returncode == 0, (tmp_path / "ingest.log").read_text(errors="replace")
    assert problems == [], "a reader saw an article without its input done or its mentions"
    assert statuses == {200}
    assert reads > 1
    assert len(snapshot(db)["articles"]) == total


def test_a_writer_waits_out_a_lock_held_past_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store_module, "LOCKED_BACKOFF", (0.1, 0.2, 0.4, 0.8))
    db = tmp_path / "locked.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        with Store(db) as store:
            store.mark_input(1, "ok")  # waits: busy timeout, then backoff; no error
            assert store.inputs() == []
    finally:
        release.join()
        holder.close()


def test_nested_transactions_commit_together_or_not_at_all(tmp_path: Path) -> None:
    db = tmp_path / "nested.db"
    with Store(db) as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.save_entities([])
            store.conn.execute("INSERT INTO entities(name, kind) VALUES ('Anna Varga', 'person')")
            with store.transaction():
                store.conn.execute("INSERT INTO entities(name, kind) VALUES ('Ports', 'place')")
            raise RuntimeError("a crash before the outer commit")
        assert store.entities() == []
        assert not store.conn.in_transaction
