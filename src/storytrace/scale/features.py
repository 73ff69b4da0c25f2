"""The Parquet tables of `--engine ray`: worker results, and the clustering features.

`articles/` holds what the workers send back, one row per input, partitioned by
publication date: readable columns (source, status, error, headline, outlet) and
the article, annotations and `known_kind` questions as pickles. The actors write
these rows and return the same table to the driver, which decodes it (`rows`);
nothing reads the files back: they are the run's archive.

`features/` holds, per saved article, what story clustering reads and nothing
more: headline, the lead of the body (up to the clusterer's last term), date,
outlet and canonical entities; a fraction of the article, so the clustering
stage moves little data.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from storytrace.model import Article, StoryItem
from storytrace.scale import worker
from storytrace.scale.driver import Saved
from storytrace.stories.cluster import DEFAULT
from storytrace.stories.items import story_item
from storytrace.stories.terms import content_terms

UNDATED = "unknown"

RESULTS = pa.schema(
    [
        ("seq", pa.int64()),
        ("input_id", pa.int64()),
        ("source", pa.string()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("published_date", pa.string()),
        ("headline", pa.string()),
        ("outlet", pa.string()),
        ("article", pa.binary()),
        ("annotations", pa.binary()),
        ("asked", pa.binary()),
    ]
)
READ_BACK = ["seq", "status", "error", "article", "annotations", "asked"]

ENTITY = pa.struct([("name", pa.string()), ("kind", pa.string())])
FEATURES = pa.schema(
    [
        ("article_id", pa.int64()),
        ("input_id", pa.string()),
        ("headline", pa.string()),
        ("lead", pa.string()),
        ("published", pa.string()),
        ("outlet", pa.string()),
        ("entities", pa.list_(ENTITY)),
    ]
)


def published_date(article: Article | None) -> str:
    """The partition an article's row goes to: its publication date, or `unknown`."""
    if article is None or article.published is None:
        return UNDATED
    return article.published.date().isoformat()


def result_table(seqs: list[int], input_ids: list[int], results: list[worker.Result]) -> pa.Table:
    """Worker results as rows of the `articles/` table."""
    columns: dict[str, list] = {name: [] for name in RESULTS.names}
    for seq, input_id, (article, status, error, found, asked) in zip(
        seqs, input_ids, results, strict=True
    ):
        columns["seq"].append(seq)
        columns["input_id"].append(input_id)
        columns["source"].append(article.source if article else None)
        columns["status"].append(status)
        columns["error"].append(error)
        columns["published_date"].append(published_date(article))
        columns["headline"].append(article.headline if article else None)
        columns["outlet"].append(article.outlet if article else None)
        columns["article"].append(pickle.dumps(article) if article else None)
        columns["annotations"].append(pickle.dumps(found) if found else None)
        columns["asked"].append(pickle.dumps(asked))
    return pa.table(columns, schema=RESULTS)


def rows(table: pa.Table) -> dict[int, worker.Result]:
    """The results in a table of `articles/` rows (as an actor returns it), by input order."""
    columns = {name: table.column(name).to_pylist() for name in READ_BACK}
    return {
        seq: (
            pickle.loads(article) if article else None,
            status,
            error,
            pickle.loads(found) if found else None,
            pickle.loads(asked),
        )
        for seq, status, error, article, found, asked in zip(
            *(columns[name] for name in READ_BACK), strict=True
        )
    }


def packed(table: pa.Table) -> bytes:
    """A result table as one value (Arrow IPC), so a batch's results travel as one row."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def unpacked(table: pa.Table) -> pa.Table:
    """The result rows of `packed` values (a table with a `results` column)."""
    tables = [pa.ipc.open_stream(blob).read_all() for blob in table.column("results").to_pylist()]
    return pa.concat_tables(tables) if tables else RESULTS.empty_table()


def write_results(folder: Path, table: pa.Table, name: str) -> None:
    """Append result rows to `folder`, partitioned by publication date, as `<name>-<i>.parquet`.

    The same name again overwrites: a batch retried after its actor died is written once.
    """
    pq.write_to_dataset(
        table,
        folder,
        partition_cols=["published_date"],
        basename_template=f"{name}-{{i}}.parquet",
        existing_data_behavior="overwrite_or_ignore",
    )


def lead(body: str, terms: int = DEFAULT.body_terms) -> str:
    """The shortest-found prefix of `body` whose first `terms` content terms are the body's.

    The clusterer reads only that many terms of a body, so the prefix clusters exactly
    like the whole body. Content terms are found token by token, so a prefix ending
    after the last one read has them all; a binary search finds such a prefix.
    """
    wanted = content_terms(body)[:terms]
    if len(wanted) < terms:
        return body
    low, high = 0, len(body)
    while low < high:
        middle = (low + high) // 2
        if content_terms(body[:middle])[:terms] == wanted:
            high = middle
        else:
            low = middle + 1
    return body[:high]


def feature_table(saved: Saved) -> pa.Table:
    """The clustering features of saved articles, in the order given."""
    columns: dict[str, list] = {name: [] for name in FEATURES.names}
    for article_id, article, found in saved:
        item = story_item(article_id, article, found)
        columns["article_id"].append(item.article)
        columns["input_id"].append(None if item.input_id is None else str(item.input_id))
        columns["headline"].append(item.headline)
        columns["lead"].append(lead(item.body or ""))
        columns["published"].append(item.published.isoformat() if item.published else None)
        columns["outlet"].append(item.outlet)
        columns["entities"].append([{"name": n, "kind": k} for n, k in item.entities])
    return pa.table(columns, schema=FEATURES)


def write(folder: Path, name: str, tables: list[pa.Table]) -> None:
    """Write feature tables to `folder/<name>.parquet`, as one file."""
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.concat_tables(tables), folder / f"{name}.parquet")


def items(table: pa.Table) -> Iterator[StoryItem]:
    """The table's rows as the clusterer's input, in row order."""
    for row in table.to_pylist():
        yield StoryItem(
            article=row["article_id"],
            headline=row["headline"],
            body=row["lead"],
            published=datetime.fromisoformat(row["published"]) if row["published"] else None,
            outlet=row["outlet"],
            entities=[(e["name"], e["kind"]) for e in row["entities"]],
            input_id=row["input_id"],
        )
