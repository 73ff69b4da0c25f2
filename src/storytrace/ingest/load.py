"""Read an input's bytes, refusing anything over the size limit without holding it."""

from __future__ import annotations

import hashlib
import sys
from datetime import UTC, datetime
from typing import BinaryIO

from storytrace.model import InputError

from .sources import Source

_CHUNK = 1 << 20


class TooLarge(InputError):
    """An input over `Options.max_bytes`; carries the hash of all its bytes for the store."""

    def __init__(self, size: int, limit: int, sha256: str) -> None:
        super().__init__(f"too large: {size} bytes > limit {limit}")
        self.size = size
        self.sha256 = sha256
        self.fetched_at: datetime | None = None


def read_source(source: Source, limit: int) -> tuple[bytes, datetime | None]:
    """The source's bytes and its modification time (None for stdin); at most `limit` bytes."""
    if source.is_stdin:
        return read_limited(sys.stdin.buffer, limit), None
    assert source.path is not None
    try:
        stat = source.path.stat()
        fetched_at = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
        with source.path.open("rb") as stream:
            try:
                if stat.st_size > limit:
                    # The size is known up front: hash by streaming, never hold the bytes.
                    raise _too_large(b"", stream, limit)
                return read_limited(stream, limit), fetched_at
            except TooLarge as exc:
                exc.fetched_at = fetched_at
                raise
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})") from None


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """All of `stream` if it holds at most `limit` bytes; else TooLarge, after hashing the rest."""
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data
    raise _too_large(data, stream, limit)


def _too_large(head: bytes, stream: BinaryIO, limit: int) -> TooLarge:
    digest = hashlib.sha256(head)
    size = len(head)
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return TooLarge(size, limit, digest.hexdigest())
