"""The readers by format, and the two that turn a whole input into one Page."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from storytrace.model import Options, Page
from storytrace.registry import Registry

from .decode import decode
from .detect import HTML, TEXT
from .pages import Blob

Reader = Callable[[Blob, Options], Iterator[Page]]
readers: Registry[Reader] = Registry("reader")
"""Format name (as `detect.sniff` returns it) -> reader. Readers raise InputError."""


@readers.register(TEXT)
def read_text(blob: Blob, options: Options) -> Iterator[Page]:
    """A plain-text copy of a web page: one Page."""
    yield _whole(blob, TEXT)


@readers.register(HTML)
def read_html(blob: Blob, options: Options) -> Iterator[Page]:
    """An HTML page or fragment: one Page."""
    yield _whole(blob, HTML)


def _whole(blob: Blob, media_type: str) -> Page:
    text, encoding = decode(blob.data)
    return Page.from_bytes(
        blob.source,
        blob.data,
        media_type,
        fetched_at=blob.fetched_at,
        text=text,
        encoding=encoding,
    )
