"""JSONL: one Page per record, so a corpus exported by a crawler is read as is.

A record's `text` gives a text/plain Page, its `html` a text/html Page (`html` wins
when a record has both: the page as published is what the cleaners are built for).
A Page's `data` is its record line as UTF-8, so the hash names the record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storytrace.model import Options, Page

from .decode import decode, normalise_newlines
from .detect import HTML, JSONL, TEXT
from .pages import Blob, failed
from .readers import readers

META_KEYS = ("id", "url", "outlet", "title", "published")
_BODY_KEYS = (("html", HTML), ("text", TEXT))


@readers.register(JSONL)
def read_jsonl(blob: Blob, options: Options) -> Iterator[Page]:
    """One Page per non-empty line; a bad line is an error Page and the rest goes on."""
    text, encoding = decode(blob.data)
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _record(f"{blob.source}:{number}", line, blob, encoding)


def _record(source: str, line: str, blob: Blob, encoding: str) -> Page:
    data = line.encode("utf-8")
    try:
        record = json.loads(line)
    except ValueError as exc:
        return failed(source, f"invalid JSON ({exc})", data, fetched_at=blob.fetched_at)
    if not isinstance(record, dict):
        kind = type(record).__name__
        return failed(source, f"not a JSON object ({kind})", data, fetched_at=blob.fetched_at)
    meta = record_meta(record)
    for key, media_type in _BODY_KEYS:
        body = record.get(key)
        if body is None:
            continue
        if not isinstance(body, str) or not body.strip():
            reason = f"record field {key!r} is not a non-empty string"
            return failed(source, reason, data, fetched_at=blob.fetched_at, meta=meta)
        return Page.from_bytes(
            source,
            data,
            media_type,
            fetched_at=blob.fetched_at,
            text=normalise_newlines(body),
            encoding=encoding,
            meta=meta,
        )
    reason = "record has neither 'text' nor 'html'"
    return failed(source, reason, data, fetched_at=blob.fetched_at, meta=meta)


def record_meta(record: dict[str, Any]) -> dict[str, Any]:
    """The record's metadata keys, and every key but the body under `extra`."""
    body_keys = {key for key, _ in _BODY_KEYS}
    meta: dict[str, Any] = {key: record[key] for key in META_KEYS if key in record}
    meta["extra"] = {
        key: value for key, value in record.items() if key not in META_KEYS and key not in body_keys
    }
    return meta
