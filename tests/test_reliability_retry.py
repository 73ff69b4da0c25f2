"""Resume and retry: an interrupted run is picked up where it stopped, failed inputs are
listed with their reasons (`storytrace errors`) and processed again from the stored bytes
(`storytrace retry`), and an input whose bytes were never kept is said to be so."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storytrace.api import Storytrace
from storytrace.cli import app
from storytrace.ingest.pages import failed
from storytrace.model import Options

NEWSROOM = Path(__file__).resolve().parents[1] / "examples" / "newsroom"
PAGES = ("ebc-port-strike.txt", "cpa-port-strike.html", "wire.jsonl")
runner = CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three example pages (text, HTML, a JSONL of three records) and some bad inputs."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in PAGES:
        shutil.copy(NEWSROOM / name, pages / name)
    (pages / "empty.txt").write_bytes(b"")
    (pages / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (pages / "huge.txt").write_text("The harbour reopened on Monday. " * 2000)
    return pages


def statuses(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return {Path(s).name: st for s, st in conn.execute("SELECT source, status FROM inputs")}
    finally:
        conn.close()


def article_ids(db: Path) -> dict[int, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT input_id, id FROM articles"))
    finally:
        conn.close()


def test_errors_lists_failures_with_reasons_and_whether_bytes_were_kept(
    folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "st.db"
    with Storytrace(db, Options(max_bytes=20_000, max_paragraphs=3)) as corpus:
        corpus.ingest([str(folder)])
        rows = {Path(r["source"]).name: r for r in corpus.errors()}
    assert rows["empty.txt"]["error"] == f"empty input: {folder / 'empty.txt'}"
    assert rows["picture.png"]["error"].startswith("binary data (looks like PNG)")
    assert rows["huge.txt"]["error"].startswith("too large: 64000 bytes > limit 20000")
    assert "too many paragraphs" in rows["ebc-port-strike.txt"]["error"]
    retryable = {name: row["retryable"] for name, row in rows.items()}
    assert retryable["empty.txt"] is retryable["huge.txt"] is False
    assert retryable["picture.png"] is retryable["ebc-port-strike.txt"] is True
    assert all(row["status"] in ("error", "no_article") for row in rows.values())


def test_retry_processes_failed_inputs_again_from_the_stored_bytes(
    folder: Path, tmp_path: Path
) -> None:
    db = tmp_path / "st.db"
    with Storytrace(db, Options(max_bytes=20_000, max_paragraphs=3)) as corpus:
        corpus.ingest([str(folder)])
    before = statuses(db)
    limited = [name for name, status in before.items() if status == "error" and "." in name]
    assert "ebc-port-strike.txt" in limited and "wire.jsonl:1" in limited
    done_before = article_ids(db)
    # The original files are gone: a retry needs only the store.
    shutil.rmtree(folder)
    with Storytrace(db) as corpus:
        report = corpus.retry()
    after = statuses(db)
    assert set(after) == set(before), "a retry adds or loses no input"
    for name in ("ebc-port-strike.txt", "cpa-port-strike.html", "wire.jsonl:1", "wire.jsonl:3"):
        assert after[name] == "ok", name
    assert after["picture.png"] == after["empty.txt"] == after["huge.txt"] == "error"
    skipped = {Path(o.source).name: o.error for o in report.skipped}
    assert set(skipped) == {"empty.txt", "huge.txt"}
    assert "no stored bytes" in skipped["huge.txt"] and "too large" in skipped["huge.txt"]
    # What was done before is not done again.
    assert all(article_ids(db)[i] == a for i, a in done_before.items())


def test_retry_of_given_ids_only(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "st.db"
    with Storytrace(db, Options(max_paragraphs=3)) as corpus:
        corpus.ingest([str(folder)])
        target = next(r for r in corpus.errors() if r["source"].endswith("ebc-port-strike.txt"))
    with Storytrace(db) as corpus:
        report = corpus.retry([target["id"]])
    assert [(Path(o.source).name, o.status) for o in report.ingest.outcomes] == [
        ("ebc-port-strike.txt", "ok")
    ]
    assert statuses(db)["cpa-port-strike.html"] == "error"


def test_an_input_unreadable_before_and_readable_now_is_rekeyed_not_duplicated(
    tmp_path: Path,
) -> None:
    """A decoder fixed in a newer version: the stored bytes now read as a page."""
    text = (NEWSROOM / "ebc-port-strike.txt").read_bytes()
    db = tmp_path / "st.db"
    with Storytrace(db) as corpus:
        corpus.store.record_input(failed("old.txt", "undecodable text", text))
        corpus.store.mark_input(1, "error", "undecodable text: old.txt")
        report = corpus.retry()
        assert [(o.source, o.status) for o in report.ingest.outcomes] == [("old.txt", "ok")]
        assert len(corpus.inputs()) == 1
        # The same bytes, unreadable under another name: now a duplicate of the first.
        corpus.store.record_input(failed("copy.txt", "undecodable text", text))
        corpus.store.mark_input(2, "error", "undecodable text: copy.txt")
        report = corpus.retry()
        assert report.ingest.outcomes == []
        assert [o.error for o in report.skipped] == ["copy.txt: now reads the same as input 1"]
        assert [r["status"] for r in corpus.inputs()] == ["ok", "error"]


def test_resume_redoes_pending_inputs_and_not_finished_ones(folder: Path, tmp_path: Path) -> None:
    """A run killed after recording inputs leaves them `pending`: the next run does those."""
    db = tmp_path / "st.db"
    with Storytrace(db) as corpus:
        corpus.ingest([str(folder)])
    done = article_ids(db)
    conn = sqlite3.connect(db)
    crashed = [i for (i,) in conn.execute("SELECT id FROM inputs WHERE status = 'ok' LIMIT 2")]
    with conn:  # as a crash between recording and saving leaves them
        conn.executemany("DELETE FROM articles WHERE input_id = ?", [(i,) for i in crashed])
        conn.executemany(
            "UPDATE inputs SET status = 'pending' WHERE id = ?", [(i,) for i in crashed]
        )
    conn.close()
    with Storytrace(db) as corpus:
        report = corpus.ingest([str(folder)])
    by_status: dict[str, list[int]] = {}
    for outcome in report.outcomes:
        by_status.setdefault(outcome.status, []).append(outcome.input_id)
    assert sorted(by_status["ok"]) == sorted(crashed)
    assert set(by_status) == {"ok", "unchanged"}
    after = article_ids(db)
    assert all(after[i] == a for i, a in done.items() if i not in crashed)
    assert set(after) == set(done)


def test_retry_pending_redoes_inputs_whose_files_are_gone(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "st.db"
    with Storytrace(db) as corpus:
        corpus.ingest([str(folder)])
        corpus.store.conn.execute("UPDATE inputs SET status = 'pending' WHERE id = 1")
        corpus.store.conn.execute("DELETE FROM articles WHERE input_id = 1")
        assert [r["id"] for r in corpus.errors(pending=True) if r["status"] == "pending"] == [1]
        # Without `pending`, left alone: a running ingest may be working on it right now.
        assert 1 not in [o.input_id for o in corpus.retry().ingest.outcomes]
        report = corpus.retry(pending=True)
    assert (1, "ok") in [(o.input_id, o.status) for o in report.ingest.outcomes]
    assert statuses(db)["ebc-port-strike.txt"] == "ok"


def test_cli_errors_and_retry(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "st.db")
    with (folder / "huge.txt").open("wb") as out:
        out.truncate(Options().max_bytes + 1)  # over the limit: refused, its bytes not kept
    runner.invoke(app, ["ingest", str(folder), "--db", db])
    table = runner.invoke(app, ["errors", "--db", db])
    assert table.exit_code == 0
    assert "3 failed inputs" in table.stdout
    lines = runner.invoke(app, ["errors", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert {Path(r["source"]).name for r in rows} == {"empty.txt", "picture.png", "huge.txt"}
    assert {"id", "source", "status", "error", "retryable"} <= set(rows[0])
    assert {Path(r["source"]).name for r in rows if not r["retryable"]} == {
        "empty.txt",
        "huge.txt",
    }
    result = runner.invoke(app, ["retry", "--db", db, "--max-paragraphs", "50"])
    assert result.exit_code == 1
    assert "3 inputs retried: 0 ok, 0 unchanged, 0 no_article, 1 error, 2 not retryable" in (
        result.stdout
    )
    said = " ".join(result.stderr.split())  # the console wraps long lines
    assert "huge.txt: no stored bytes to process again (it was refused as too large" in said
