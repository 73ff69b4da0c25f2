"""Pages rebuilt from the raw bytes a store kept, so a failed input can be tried again.

Every input's bytes are stored before it is processed (`inputs.data`). A page that
was read is rebuilt with the codec it was read with; a JSONL record from its record
line; an input that could not be read at all is read again from its bytes, as if
it were given anew. An input refused before its bytes were kept (larger than
`Options.max_bytes`) cannot be rebuilt: `NoStoredBytes` says so.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import PurePath
from typing import Any

from storytrace.model import InputError, Options, Page

from .compressed import gunzip, is_gzip, strip_gz_suffix
from .decode import normalise_newlines
from .detect import HTML, TEXT, sniff
from .pages import Blob, failed
from .readers import readers


class NoStoredBytes(InputError):
    """The store holds no bytes for this input, so it cannot be processed again."""


def stored_page(row: dict[str, Any], options: Options | None = None) -> Page:
    """The Page of a stored input row (`id`, `source`, `data`, `media_type`, `encoding`,
    `meta`, `fetched_at`, `size`, `error`); raises NoStoredBytes when no bytes were kept."""
    options = options or Options()
    source, data = row["source"], row["data"] or b""
    meta = row["meta"] if isinstance(row["meta"], dict) else json.loads(row["meta"] or "{}")
    fetched_at = datetime.fromisoformat(row["fetched_at"]) if row.get("fetched_at") else None
    if not data:
        raise NoStoredBytes(f"{source}: no stored bytes to process again ({_why_none(row)})")
    media_type = row["media_type"]
    if media_type in (HTML, TEXT):
        record = _record(data)
        if record is not None:
            text = next(record[key] for key in ("html", "text") if isinstance(record.get(key), str))
            return Page.from_bytes(
                source,
                data,
                media_type,
                fetched_at=fetched_at,
                text=normalise_newlines(text),
                encoding=row.get("encoding") or "utf-8",
                meta=meta,
            )
        encoding = row.get("encoding") or "utf-8"
        text = data.decode(encoding, errors="replace").lstrip("\ufeff")
        return Page.from_bytes(
            source,
            data,
            media_type,
            fetched_at=fetched_at,
            text=normalise_newlines(text),
            encoding=encoding,
            meta=meta,
        )
    return _read_again(source, data, fetched_at, meta, options)


def _why_none(row: dict[str, Any]) -> str:
    error = row.get("error") or ""
    if "too large" in error:
        return f"it was refused as too large, {row.get('size')} bytes; give the file again"
    if "empty" in error:
        return "the input was empty"
    return "nothing was read"


def _record(data: bytes) -> dict[str, Any] | None:
    """The JSONL record a page came from, when its bytes are one (a record line)."""
    if not data.lstrip().startswith(b"{"):
        return None
    try:
        record = json.loads(data)
    except ValueError:
        return None
    if isinstance(record, dict) and any(isinstance(record.get(k), str) for k in ("html", "text")):
        return record
    return None


def _read_again(
    source: str, data: bytes, fetched_at: datetime | None, meta: dict[str, Any], options: Options
) -> Page:
    """An input that could not be read before, read again from its bytes as ingest would."""
    name = PurePath(source.split("://", 1)[-1]).name
    try:
        if is_gzip(data):
            data, name = gunzip(data, options.max_bytes), strip_gz_suffix(name)
        if not data.strip():
            raise InputError("empty input")
        pages = list(readers.get(sniff(data, name))(Blob(source, data, name, fetched_at), options))
    except InputError as exc:
        return failed(source, str(exc), data, fetched_at=fetched_at, meta=meta)
    if len(pages) != 1:
        reason = f"now reads as {len(pages)} records; give the file to ingest again"
        return failed(source, reason, data, fetched_at=fetched_at, meta=meta)
    page = pages[0]
    page.source, page.meta = source, {**meta, **page.meta}
    return page
