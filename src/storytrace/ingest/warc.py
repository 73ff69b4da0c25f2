"""WARC archives (`.warc`, `.warc.gz`): one Page per HTML response record.

A crawl (Common Crawl, CC-NEWS, a Heritrix or wget archive) is read as it is:
each `response` record whose HTTP payload is HTML and whose status is 2xx
becomes a text/html Page with source `path#record-N` (N counts every record of
the file from 0) and `meta["url"]` = WARC-Target-URI. Every other record
(warcinfo, request, metadata, redirects, images, ...) is skipped and counted;
the counts are logged once per file (logger `storytrace.ingest.warc`), and a
file with no HTML response at all is an input error that carries them.
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from storytrace.model import InputError, Options, Page

from .decode import decode
from .detect import HTML, WARC
from .pages import Blob, failed
from .readers import readers

log = logging.getLogger(__name__)


@readers.register(WARC)
def read_warc(blob: Blob, options: Options) -> Iterator[Page]:
    """One Page per HTML response record; other records are counted, not kept."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    skipped: Counter[str] = Counter()
    pages = 0
    records = ArchiveIterator(io.BytesIO(blob.data), arc2warc=False)
    try:
        for number, record in enumerate(records):
            page, why = _page(blob, number, record, records)
            if page is None:
                skipped[why] += 1
                continue
            pages += 1
            yield page
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        raise InputError(f"broken WARC after {pages} pages ({exc})") from None
    summary = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items())) or "none"
    log.info("%s: %d HTML pages, records skipped: %s", blob.source, pages, summary)
    if not pages:
        raise InputError(f"WARC has no HTML response records (records skipped: {summary})")


def _page(blob: Blob, number: int, record: Any, records: Any) -> tuple[Page | None, str]:
    """The record's Page, or None and why it was skipped."""
    kind = record.rec_type
    if kind != "response":
        return None, kind or "untyped"
    http = record.http_headers
    if http is None:
        return None, "response without HTTP headers"
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        return None, f"response status {status[:1] or '?'}xx"
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in ("text/html", "application/xhtml+xml"):
        return None, f"response {content_type or 'without content type'}"
    headers = record.rec_headers
    source = f"{blob.source}#record-{number}"
    url = headers.get_header("WARC-Target-URI")
    fetched_at = _warc_date(headers.get_header("WARC-Date")) or blob.fetched_at
    data = record.content_stream().read()
    # warcio hands back a short payload for a record cut off by the end of the file.
    missing = getattr(record.raw_stream, "limit", 0)
    meta: dict[str, Any] = {
        "url": url,
        "extra": {
            "warc_record_id": headers.get_header("WARC-Record-ID"),
            "warc_offset": records.get_record_offset(),
            "http_status": int(status),
        },
    }
    if missing:
        reason = f"truncated WARC record ({missing} bytes missing)"
        return failed(source, reason, data, fetched_at=fetched_at, meta=meta), ""
    try:
        text, encoding = decode(data)
    except InputError as exc:
        return failed(source, str(exc), data, fetched_at=fetched_at, meta=meta), ""
    page = Page.from_bytes(
        source, data, HTML, fetched_at=fetched_at, text=text, encoding=encoding, meta=meta
    )
    return page, ""


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
