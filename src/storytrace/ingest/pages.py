"""The bytes of one input on their way to Pages, and the Pages ingest builds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storytrace.model import Page, sha256_hex

UNKNOWN_TYPE = "application/octet-stream"
"""The media type of a Page whose input could not be read."""


@dataclass(frozen=True, slots=True)
class Blob:
    """One input's bytes (decompressed), where they came from, and when."""

    source: str
    data: bytes
    name: str = ""
    """The file name without `.gz`, a hint for format detection; empty for stdin."""
    fetched_at: datetime | None = None


def failed(
    source: str,
    reason: str,
    data: bytes = b"",
    *,
    sha256: str | None = None,
    fetched_at: datetime | None = None,
    meta: dict | None = None,
) -> Page:
    """A Page recording why an input could not be read; the message names the input."""
    return Page(
        source=source,
        data=data,
        media_type=UNKNOWN_TYPE,
        sha256=sha256 or sha256_hex(data),
        fetched_at=fetched_at,
        meta=meta or {},
        error=f"{reason}: {source}",
    )
