"""Fetched bodies to Pages, and back again from the store for a run that resumes."""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from storytrace.ingest.decode import decode, normalise_newlines
from storytrace.ingest.pages import failed
from storytrace.model import InputError, Page
from storytrace.store import Store
from storytrace.store.fetchlog import stored_input

from .detect import HTML, TEXT


def make_page(
    source: str,
    data: bytes,
    media_type: str,
    fetched_at: datetime | None,
    meta: dict[str, Any],
) -> Page:
    """A Page for a fetched article; a Page with `error` set when its bytes are not text."""
    meta = {**meta, "media_type": media_type}
    try:
        text, encoding = decode_body(data, meta.get("charset"))
    except InputError as exc:
        return failed(source, str(exc), data, fetched_at=fetched_at, meta=meta)
    return Page.from_bytes(
        source,
        data,
        media_type,
        fetched_at=fetched_at,
        text=text,
        encoding=encoding,
        meta=meta,
    )


def decode_body(data: bytes, charset: str | None) -> tuple[str, str]:
    """Text from a body: valid UTF-8 first, then the header's charset, then ingest's decoding.

    Servers label UTF-8 pages ISO-8859-1 more often than the reverse, so UTF-8
    that decodes cleanly wins over the header.
    """
    label = _codec(charset)
    if label and label != "utf-8" and not data.startswith(codecs.BOM_UTF8):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode(label)
            except (UnicodeDecodeError, LookupError):
                pass
            else:
                if "\x00" not in text:
                    return normalise_newlines(text), label
    return decode(data)


# Browsers read pages labelled Latin-1 or ASCII as windows-1252 (WHATWG Encoding).
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def _codec(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    return _WEB_ALIASES.get(name, name)


def stored_pages(store: Store, input_ids: Iterable[int]) -> Iterator[Page]:
    """The Pages of fetched articles, rebuilt from the raw bytes the store kept, one at a time."""
    for input_id in input_ids:
        row = stored_input(store, input_id)
        if row is None or row["data"] is None:
            continue
        meta = row["meta"]
        media_type = meta.get("media_type")
        if media_type not in (HTML, TEXT):
            media_type = row["media_type"] if row["media_type"] in (HTML, TEXT) else HTML
        fetched_at = datetime.fromisoformat(row["fetched_at"]) if row["fetched_at"] else None
        yield make_page(row["source"], row["data"], media_type, fetched_at, meta)
