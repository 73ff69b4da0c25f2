"""The ingest stage: the user's inputs to Pages, one per file or JSONL record.

    for page in read_inputs(["pages/", "*.jsonl", "-"], Options()):
        ...

Every input gives at least one Page; one that cannot be read gives a Page with
`error` set (naming the input) and `text=None`, and the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import datetime

from storytrace.model import InputError, Options, Page, sha256_hex

from . import (
    jsonl,  # noqa: F401  (registers the JSONL reader)
    warc,  # noqa: F401  (registers the WARC reader)
)
from .compressed import gunzip, is_gzip, strip_gz_suffix
from .detect import sniff
from .load import TooLarge, read_source
from .pages import Blob, failed
from .readers import Reader, readers
from .sources import Source, expand

__all__ = ["Reader", "read_bytes", "read_inputs", "read_source_pages", "readers"]


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], options: Options | None = None
) -> Iterator[Page]:
    """Pages for files, folders (recursive), glob patterns and `-` (stdin), in input order."""
    options = options or Options()
    for source in expand(paths):
        yield from read_source_pages(source, options)


def read_source_pages(source: Source, options: Options) -> Iterator[Page]:
    """The Pages of one source; never raises for bad input."""
    if source.error:
        yield failed(source.name, source.error)
        return
    try:
        raw, fetched_at = read_source(source, options.max_bytes)
    except TooLarge as exc:
        meta = {"size": exc.size}
        yield failed(source.name, str(exc), sha256=exc.sha256, fetched_at=exc.fetched_at, meta=meta)
        return
    except InputError as exc:
        yield failed(source.name, str(exc))
        return
    name = source.path.name if source.path else ""
    yield from read_bytes(source.name, raw, options, file_name=name, fetched_at=fetched_at)


def read_bytes(
    source: str,
    raw: bytes,
    options: Options | None = None,
    *,
    file_name: str = "",
    fetched_at: datetime | None = None,
) -> Iterator[Page]:
    """The Pages of bytes received some other way (an upload), labelled `source`.

    `file_name` is only a hint for format detection; nothing is read from disk.
    """
    options = options or Options()
    if len(raw) > options.max_bytes:
        reason = f"too large: {len(raw)} bytes > limit {options.max_bytes}"
        yield failed(source, reason, sha256=sha256_hex(raw), meta={"size": len(raw)})
        return
    try:
        blob = _blob(source, file_name, raw, fetched_at, options)
        # A reader may fail after yielding some records: keep those, record the failure.
        yield from readers.get(sniff(blob.data, blob.name))(blob, options)
    except InputError as exc:
        yield failed(source, str(exc), raw, fetched_at=fetched_at)


def _blob(
    source: str, name: str, raw: bytes, fetched_at: datetime | None, options: Options
) -> Blob:
    data = raw
    if is_gzip(raw):
        data = gunzip(raw, options.max_bytes)
        name = strip_gz_suffix(name)
    if not data.strip():
        raise InputError("empty input")
    return Blob(source, data, name, fetched_at)
