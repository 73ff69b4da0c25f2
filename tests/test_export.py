"""Export of articles, statements and stories as JSONL, CSV and Parquet (library and CLI)."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from storytrace import export
from storytrace.cli import app
from storytrace.store import Store

try:  # tests/ on sys.path, or tests as a package
    from test_web_support import HandStories, corpus_db, hand_story, hostile_article_id
except ModuleNotFoundError:
    from tests.test_web_support import HandStories, corpus_db, hand_story, hostile_article_id

runner = CliRunner()


@pytest.fixture(scope="module")
def store():
    with HandStories(corpus_db()) as s:
        yield s


def dump(store: Store, what: str, fmt: str) -> bytes:
    out = io.BytesIO()
    export.write(store, what, fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("what", export.WHAT)
def test_the_three_formats_hold_the_same_rows(store, what):
    jsonl = [json.loads(line) for line in dump(store, what, "jsonl").decode().splitlines()]
    table = pq.read_table(io.BytesIO(dump(store, what, "parquet"))).to_pylist()
    rows = list(csv.DictReader(io.StringIO(dump(store, what, "csv").decode())))
    assert jsonl == table
    assert len(rows) == len(jsonl) > 0
    assert list(rows[0]) == list(export.COLUMNS[what]) == list(jsonl[0])
    assert [int(r["id"]) for r in rows] == [r["id"] for r in jsonl]


def test_articles_export_every_stored_article_with_its_body(store):
    records = [json.loads(x) for x in dump(store, "articles", "jsonl").decode().splitlines()]
    assert [r["id"] for r in records] == store.article_ids()
    by_id = {r["id"]: r for r in records}
    article, _ = store.article(hostile_article_id(store))
    record = by_id[hostile_article_id(store)]
    assert record["body"] == article.body and record["headline"] == article.headline
    assert isinstance(record["authors"], list)


def test_statements_export_matches_the_store(store):
    records = [json.loads(x) for x in dump(store, "statements", "jsonl").decode().splitlines()]
    assert len(records) == store.counts()["statements"]
    first = records[0]
    body = store.article(first["article_id"])[0].body
    assert first["content"] == body[first["content_start"] : first["content_end"]]
    assert isinstance(first["direct"], bool)


def test_stories_export_uses_the_store_stories(store):
    records = [json.loads(x) for x in dump(store, "stories", "jsonl").decode().splitlines()]
    story = hand_story(store)
    assert records[0] == {
        "id": story.id,
        "headline": story.headline,
        "articles": story.articles,
        "refs": [str(a) for a in story.articles],
        "outlets": story.outlets,
        "first_published": story.first_published.isoformat(),
        "last_published": story.last_published.isoformat(),
        "independent_sources": story.independent_sources,
    }
    built = {r["story"]: r for r in Store.story_rows(store)}
    assert {r["id"] for r in records[1:]} == set(built)
    for record in records[1:]:
        assert record["refs"] == built[record["id"]]["articles"]
        assert sorted(record["articles"]) == sorted(store.story(record["id"]).articles)


def test_an_empty_store_exports_headers_and_an_empty_parquet(tmp_path):
    with Store(tmp_path / "empty.db") as empty:
        assert dump(empty, "articles", "jsonl") == b""
        header = dump(empty, "statements", "csv").decode().strip()
        assert header.split(",") == list(export.COLUMNS["statements"])
        table = pq.read_table(io.BytesIO(dump(empty, "stories", "parquet")))
        assert table.num_rows == 0 and table.column_names == list(export.COLUMNS["stories"])


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("plain text", "plain text"),
        (["a", "b"], '["a", "b"]'),
        (3, 3),
        (None, None),
    ],
)
def test_csv_cells_defuse_formulas_and_keep_lists_as_json(value, cell):
    assert export.csv_cell(value) == cell


def test_unknown_kind_or_format_is_refused(store):
    with pytest.raises(export.ExportError, match="choose one of"):
        dump(store, "passwords", "csv")
    with pytest.raises(export.ExportError, match="choose one of"):
        dump(store, "articles", "xml")


def test_cli_export_to_a_file_and_to_standard_output(tmp_path):
    db = corpus_db()
    out = tmp_path / "statements.parquet"
    result = runner.invoke(
        app,
        [
            "export",
            "--db",
            str(db),
            "--what",
            "statements",
            "--format",
            "parquet",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert pq.read_table(out).num_rows == store.counts()["statements"]
        result = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl"])
        assert result.exit_code == 0
        lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
        assert [r["id"] for r in lines] == store.article_ids()
    bad = runner.invoke(app, ["export", "--db", str(db), "--format", "xml"])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and not (tmp_path / "none.db").exists()
