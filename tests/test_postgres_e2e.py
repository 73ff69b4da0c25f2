"""`storytrace analyze examples/newsroom` into SQLite and into PostgreSQL gives the same store:
the same articles, entities, statements and stories, the same exports and the same
output from every command that reads a store."""

from __future__ import annotations

import io
import json
import socket

import pyarrow.parquet as pq
import pytest
from conftest import EXAMPLES
from test_postgres_support import fresh_schema, snapshot
from typer.testing import CliRunner

from storytrace import export
from storytrace.api import Storytrace
from storytrace.cli import app
from storytrace.store import open_store
from storytrace.store.fetchlog import fetch_rows

pytestmark = pytest.mark.slow
runner = CliRunner()
BACKENDS = ("sqlite", "postgresql")
TIMES = ("received_at", "processed_at")
"""Clock readings, which differ between any two runs."""


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def jsonl(text: str) -> list[dict]:
    return [
        {k: v for k, v in json.loads(line).items() if k not in TIMES}
        for line in text.splitlines()
        if line.startswith("{")
    ]


@pytest.fixture(scope="module")
def stores(postgres_server, tmp_path_factory) -> dict[str, str]:
    """The newsroom examples analysed into a new store of each backend."""
    sqlite_db = str(tmp_path_factory.mktemp("e2e") / "newsroom.db")
    with fresh_schema(postgres_server) as pg_db:
        for db in (sqlite_db, pg_db):
            invoke("analyze", str(EXAMPLES / "newsroom"), "--db", db)
        yield {"sqlite": sqlite_db, "postgresql": pg_db}


def test_both_backends_hold_the_same_articles_entities_statements_and_stories(stores):
    found = {}
    for backend in BACKENDS:
        with open_store(stores[backend]) as store:
            found[backend] = snapshot(store)
            assert store.integrity_check() == "ok"
    sqlite, postgres = found["sqlite"], found["postgresql"]
    assert len(sqlite["articles"]) >= 15 and len(sqlite["stories"]) >= 3
    assert sqlite["statements"] and sqlite["entities"] and sqlite["dates"]
    for table in sqlite:
        assert postgres[table] == sqlite[table], f"{table} differ between the backends"


@pytest.mark.parametrize("what", export.WHAT)
def test_exports_are_identical(stores, what):
    out = {b: invoke("export", "--db", stores[b], "--what", what) for b in BACKENDS}
    assert out["sqlite"].strip() and out["postgresql"] == out["sqlite"]


def test_every_command_that_reads_a_store_prints_the_same(stores):
    story = jsonl(invoke("stories", "--db", stores["sqlite"], "--format", "jsonl"))[0]["story"]
    commands = [
        ("articles",),
        ("articles", "--outlet", "The Harbor Ledger"),
        ("show", "1"),
        ("show", "cpa-20250306-0412"),
        ("entities",),
        ("entities", "--kind", "person"),
        ("inputs",),
        ("errors",),
        ("speakers",),
        ("stories",),
        ("stories", "--order", "outlets"),
        ("story", str(story)),
        ("timeline", str(story)),
    ]
    for command in commands:
        out = {b: invoke(*command, "--db", stores[b], "--format", "jsonl") for b in BACKENDS}
        assert jsonl(out["postgresql"]) == jsonl(out["sqlite"]), command
    assert jsonl(invoke("articles", "--db", stores["postgresql"], "--format", "jsonl"))


def test_the_python_api_reads_the_same(stores):
    with Storytrace(stores["sqlite"]) as lite, Storytrace(db=stores["postgresql"]) as pg:
        assert pg.articles() == lite.articles()
        assert pg.entities() == lite.entities()
        assert pg.store.speaker_rows() == lite.store.speaker_rows()
        # The same matches; the ranking functions differ (FTS5's bm25, PostgreSQL's ts_rank).
        assert sorted(pg.store.search("strike")) == sorted(lite.store.search("strike")) != []


def test_recluster_and_retry_run_on_postgres(stores):
    """Last in the module: they rewrite both stores."""
    for backend in BACKENDS:
        invoke("recluster", "--db", stores[backend])
        invoke("retry", "--db", stores[backend])
    out = {b: invoke("stories", "--db", stores[b], "--format", "jsonl") for b in BACKENDS}
    assert jsonl(out["postgresql"]) == jsonl(out["sqlite"]) != []


def test_fetch_logs_into_a_postgres_store(postgres_db):
    # A port nothing listens on: robots.txt cannot be read, so the page is skipped and logged.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story.html"
    invoke("fetch", url, "--db", postgres_db, "--allow-private", "--timeout", "5")
    with open_store(postgres_db) as store:
        [row] = [r for r in fetch_rows(store) if r["url"] == url]
        assert row["outcome"] == "skipped" and "robots.txt" in row["error"]
        assert store.inputs() == []


def test_serve_refuses_a_postgres_store_clearly():
    result = runner.invoke(app, ["serve", "--db", "postgresql://team@db.example/news"])
    assert result.exit_code == 2
    assert "the web UI reads SQLite stores for now" in result.output


def test_an_empty_store_exports_headers_and_an_empty_parquet_on_both(store_db):
    with open_store(store_db) as empty:
        out = io.BytesIO()
        assert export.write(empty, "articles", "jsonl", out) == 0 and out.getvalue() == b""
        out = io.BytesIO()
        export.write(empty, "statements", "csv", out)
        assert out.getvalue().decode().strip().split(",") == list(export.COLUMNS["statements"])
        out = io.BytesIO()
        export.write(empty, "stories", "parquet", out)
        table = pq.read_table(io.BytesIO(out.getvalue()))
        assert table.num_rows == 0 and table.column_names == list(export.COLUMNS["stories"])
