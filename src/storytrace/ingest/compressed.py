"""Gunzip an input when its bytes say it is gzip, whatever its name says."""

from __future__ import annotations

import gzip
import io
import zlib

from storytrace.model import InputError

GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


def gunzip(data: bytes, limit: int) -> bytes:
    """The decompressed bytes, all of them or an InputError: never a half-read page."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (EOFError, OSError, zlib.error) as exc:
        raise InputError(f"corrupt or truncated gzip ({exc})") from None
    if len(out) > limit:
        raise InputError(f"too large: more than {limit} bytes after gunzip > limit {limit}")
    return out


def strip_gz_suffix(name: str) -> str:
    """The name without `.gz`, so `page.html.gz` still hints at HTML."""
    return name[:-3] if name.lower().endswith(".gz") else name
