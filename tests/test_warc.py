"""WARC input: HTML response records become Pages; everything else is skipped and counted."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storytrace.ingest import read_inputs
from storytrace.model import Options

ARTICLE = (
    "<html><head><title>Harbour {n} reopens</title></head><body><article>"
    "<h1>Harbour {n} reopens</h1><p>The harbour at Dunmore reopened on Monday, the port "
    "authority said, after a week of repairs to the northern quay.</p>"
    "<p>Ships waiting offshore began to unload within hours, a spokesperson said.</p>"
    "</article></body></html>"
)


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status="200 OK"):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)


def write_warc(path: Path, gzip: bool) -> None:
    """warcinfo, a request, two HTML responses, an image, a redirect: in that order."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record("https://news.example/a", "request", http_headers=request)
        )
        for n in (1, 2):
            body = ARTICLE.format(n=n).encode()
            _response(writer, f"https://news.example/{n}", body, "text/html; charset=utf-8")
        _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
        _response(writer, "https://news.example/old", b"", "text/html", "301 Moved Permanently")


@pytest.mark.parametrize("gzip", [False, True])
def test_html_responses_become_pages(tmp_path: Path, gzip: bool, caplog) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip)
    with caplog.at_level(logging.INFO, logger="storytrace.ingest.warc"):
        pages = list(read_inputs([str(path)], Options()))
    assert [p.error for p in pages] == [None, None]
    assert [p.media_type for p in pages] == ["text/html", "text/html"]
    assert [p.meta["url"] for p in pages] == ["https://news.example/1", "https://news.example/2"]
    # warcinfo is record 0, the request record 1: the responses are records 2 and 3.
    assert [p.source for p in pages] == [f"{path}#record-2", f"{path}#record-3"]
    assert all(p.fetched_at is not None and p.fetched_at.tzinfo for p in pages)
    assert "Harbour 1 reopens" in pages[0].text
    assert pages[0].sha256 != pages[1].sha256
    assert pages[0].meta["extra"]["http_status"] == 200
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "2 HTML pages" in logged
    for why in ("1 warcinfo", "1 request", "1 response image/png", "1 response status 3xx"):
        assert why in logged


def test_detected_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "crawl.bin"
    write_warc(path, gzip=True)
    pages = list(read_inputs([str(path)], Options()))
    assert len(pages) == 2 and all(p.media_type == "text/html" for p in pages)


def test_warc_without_html_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "info.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
    (page,) = list(read_inputs([str(path)], Options()))
    assert page.text is None
    assert str(path) in page.error and "1 warcinfo" in page.error


def test_truncated_warc_keeps_whole_records(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    second = data.index(b"Harbour 2")
    path.write_bytes(data[:second])
    pages = list(read_inputs([str(path)], Options()))
    assert pages[0].error is None and pages[0].meta["url"] == "https://news.example/1"
    assert pages[-1].error is not None and str(path) in pages[-1].error


@pytest.mark.slow
def test_warc_pages_are_cleaned_and_stored(tmp_path: Path) -> None:
    from storytrace.api import Storytrace

    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    with Storytrace(tmp_path / "x.db") as corpus:
        report = corpus.ingest([str(path)])
        assert report.count("ok") == 2
        urls = {corpus.article(o.article_id).article.url for o in report.outcomes}
    assert urls == {"https://news.example/1", "https://news.example/2"}
