"""Several writers on one store, on both backends: racing on the same inputs, creating the
store at once, waiting for each other's lock, and giving up clearly on a lock held forever.
(tests/test_concurrency_store.py has the SQLite-only cases: WAL readers, the web API.)"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLES

import storytrace.store.postgres as pg_module
import storytrace.store.sqlite as sqlite_module
from storytrace.ingest import read_inputs
from storytrace.model import Options, Page
from storytrace.store import StoreError, open_store
from storytrace.store.schema import SCHEMA_VERSION

LOCKED = (sqlite3.OperationalError, StoreError)
"""What a writer that gave up on the lock raises: SQLite's own error, or ours on PostgreSQL."""


def pages(n: int) -> list[Page]:
    return [
        Page.from_bytes(f"p{i}.txt", f"page {i}".encode(), "text/plain", text=f"page {i}")
        for i in range(n)
    ]


def test_threads_recording_the_same_inputs_store_each_once(store_db: str) -> None:
    open_store(store_db).close()
    given = pages(30)
    start = threading.Barrier(4)
    errors: list[BaseException] = []
    ids: list[list[int]] = []

    def record() -> None:
        try:
            with open_store(store_db) as store:
                start.wait()
                ids.append([store.record_input(page)[0] for page in given])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=record) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({tuple(found) for found in ids}) == 1, "writers disagree on an input's id"
    with open_store(store_db) as store:
        assert len(store.inputs()) == 30
        assert {r["times_seen"] for r in store.inputs()} == {1}


def test_processes_creating_one_store_at_once_all_succeed(store_db: str) -> None:
    code = "import sys; from storytrace.store import open_store; open_store(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, store_db], stderr=subprocess.PIPE)
        for _ in range(6)
    ]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in procs]
    assert results == [(0, "")] * 6
    with open_store(store_db) as store:
        assert store.version == SCHEMA_VERSION
        assert store.integrity_check() == "ok"


def hold_lock(store_db: str, held: threading.Event, release: threading.Event) -> None:
    """Hold the store's write lock (an open write transaction) until `release` is set."""
    with open_store(store_db) as holder, holder.transaction():
        held.set()
        release.wait(30)


def short_waits(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    monkeypatch.setattr(sqlite_module, "BUSY_TIMEOUT_MS", int(seconds * 1000))
    monkeypatch.setattr(sqlite_module, "LOCKED_BACKOFF", (seconds, seconds))
    monkeypatch.setattr(pg_module, "LOCK_TIMEOUT_MS", int(seconds * 3000))


def test_a_writer_waits_for_another_writers_transaction(
    store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    short_waits(monkeypatch, 1.0)
    open_store(store_db).close()
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_lock, args=(store_db, held, release))
    holder.start()
    held.wait(30)
    threading.Timer(0.3, release.set).start()
    try:
        with open_store(store_db) as store:
            input_id, _ = store.record_input(pages(1)[0])  # waits, then writes; no error
            assert [r["id"] for r in store.inputs()] == [input_id]
    finally:
        release.set()
        holder.join()


def test_a_lock_held_forever_is_a_clear_error_not_a_hang(
    store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    short_waits(monkeypatch, 0.05)
    open_store(store_db).close()
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_lock, args=(store_db, held, release))
    holder.start()
    held.wait(30)
    try:
        with open_store(store_db) as store:
            with pytest.raises(LOCKED, match="locked"):
                store.record_input(pages(1)[0])
            assert not store.conn.in_transaction
            release.set()
            holder.join()
            store.record_input(pages(1)[0])  # usable once the lock is free
            assert len(store.inputs()) == 1
    finally:
        release.set()
        holder.join()


@pytest.mark.slow
def test_two_ingests_into_one_new_postgres_store_at_once(postgres_db: str, tmp_path: Path) -> None:
    """Both create the store and record every input (racing on each); both finish, and
    every input is stored once, done, with its article."""
    ingest = [sys.executable, "-c", "from storytrace.cli import main; main()", "ingest"]
    folder = str(EXAMPLES / "newsroom")
    logs = [tmp_path / f"ingest{n}.log" for n in (1, 2)]
    runs = [
        subprocess.Popen(
            [*ingest, folder, "--db", postgres_db], stdout=log.open("wb"), stderr=subprocess.STDOUT
        )
        for log in logs
    ]
    codes = [run.wait(timeout=900) for run in runs]
    texts = [log.read_text(errors="replace") for log in logs]
    assert codes == [0, 0], texts
    assert not any("Traceback" in t or "locked" in t for t in texts), texts
    with open_store(postgres_db) as store:
        inputs = store.inputs()
        assert len(inputs) == len(list(read_inputs([folder], Options())))
        assert {r["status"] for r in inputs} == {"ok"}
        assert store.counts()["articles"] == len(inputs)
        dangling = store.conn.execute(
            "SELECT DISTINCT entity FROM mentions WHERE entity IS NOT NULL"
            " AND entity NOT IN (SELECT name FROM entities)"
        ).fetchall()
        assert dangling == []
        assert store.integrity_check() == "ok"
