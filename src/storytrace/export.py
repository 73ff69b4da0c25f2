"""Export the store's articles, statements or stories as JSONL, CSV or Parquet.

    with Store("news.db") as store, open("articles.csv", "wb") as out:
        write(store, "articles", "csv", out)

Rows are streamed for JSONL and CSV; Parquet is written in row groups. Lists (authors,
outlets, article ids) stay lists in JSONL and Parquet and are JSON text in CSV.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from storytrace.store import Store
from storytrace.web import queries

WHAT = ("articles", "statements", "stories")
FORMATS = ("jsonl", "csv", "parquet")
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}
PARQUET_BATCH = 5000

# Column name -> Arrow type name, in output order. "list" columns hold strings or ints.
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "id": "int",
        "source": "str",
        "input_key": "str",
        "url": "str",
        "outlet": "str",
        "domain": "str",
        "headline": "str",
        "authors": "list_str",
        "published": "str",
        "language": "str",
        "body": "str",
        "captions": "list_str",
    },
    "statements": {
        "id": "int",
        "article_id": "int",
        "idx": "int",
        "speaker": "str",
        "speaker_entity": "str",
        "speaker_kind": "str",
        "anonymous_count": "int",
        "cue": "str",
        "content": "str",
        "direct": "bool",
        "via": "int",
        "content_start": "int",
        "content_end": "int",
        "source": "str",
        "outlet": "str",
        "headline": "str",
        "published": "str",
    },
    "stories": {
        "id": "int",
        "headline": "str",
        "articles": "list_int",
        "refs": "list_str",
        "outlets": "list_str",
        "first_published": "str",
        "last_published": "str",
        "independent_sources": "int",
    },
}
# A spreadsheet runs a cell that starts with one of these as a formula; such cells get a
# leading apostrophe in CSV (the text is untrusted). JSONL and Parquet keep text as is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(ValueError):
    """The export cannot be made as asked (unknown kind or format, missing pyarrow)."""


def rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The rows of one kind, each with exactly the columns of `COLUMNS[what]`."""
    if what == "articles":
        source: Iterable[dict[str, Any]] = queries.iter_articles(store)
    elif what == "statements":
        source = queries.iter_statements(store)
    elif what == "stories":
        source = queries.story_rows(store)
    else:
        raise ExportError(f"cannot export {what!r}: choose one of {', '.join(WHAT)}")
    columns = COLUMNS[what]
    for row in source:
        record = {name: row.get(name) for name in columns}
        if "direct" in record and record["direct"] is not None:
            record["direct"] = bool(record["direct"])
        yield record


def write(store: Store, what: str, fmt: str, out: IO[bytes]) -> int:
    """Write every row of `what` to a binary stream in `fmt`; returns the number of rows."""
    check(what, fmt)
    counted = _Counter(rows(store, what))
    if fmt == "parquet":
        write_parquet(counted, COLUMNS[what], out)
    else:
        for chunk in encode(counted, what, fmt):
            out.write(chunk)
    return counted.count


def check(what: str, fmt: str) -> None:
    """Raise ExportError unless `what` and `fmt` are ones we export."""
    if what not in WHAT:
        raise ExportError(f"cannot export {what!r}: choose one of {', '.join(WHAT)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def stream(store: Store, what: str, fmt: str) -> Iterator[bytes]:
    """JSONL or CSV as chunks of bytes, a few hundred rows at a time."""
    check(what, fmt)
    return encode(rows(store, what), what, fmt)


def encode(records: Iterable[dict[str, Any]], what: str, fmt: str) -> Iterator[bytes]:
    if fmt == "jsonl":
        return _batched((json.dumps(r, ensure_ascii=False) + "\n" for r in records), 200)
    if fmt == "csv":
        return _csv(records, list(COLUMNS[what]))
    raise ExportError(f"cannot stream {fmt!r}; stream jsonl or csv")


class _Counter:
    """Pass rows through, counting them."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self._records = records
        self.count = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for record in self._records:
            self.count += 1
            yield record


def _csv(records: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for n, record in enumerate(records, 1):
        writer.writerow({k: csv_cell(v) for k, v in record.items()})
        if n % 200 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def csv_cell(value: Any) -> Any:
    """A value as CSV text: lists as JSON, formula-like text defused."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_parquet(
    records: Iterable[dict[str, Any]], columns: dict[str, str], out: IO[bytes]
) -> int:
    """Write rows as one Parquet file with a fixed schema (so empty exports still have one)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError('Parquet export needs pyarrow: pip install "storytrace[web]"') from exc
    types = {
        "int": pa.int64(),
        "str": pa.string(),
        "bool": pa.bool_(),
        "list_str": pa.list_(pa.string()),
        "list_int": pa.list_(pa.int64()),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in columns.items()])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(record)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def _batched(lines: Iterable[str], size: int) -> Iterator[bytes]:
    buffer: list[str] = []
    for line in lines:
        buffer.append(line)
        if len(buffer) >= size:
            yield "".join(buffer).encode("utf-8")
            buffer = []
    if buffer:
        yield "".join(buffer).encode("utf-8")
