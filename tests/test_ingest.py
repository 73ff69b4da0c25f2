"""The ingest stage on real files built in tmp_path, and on the seed pages."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import random
import sys
from datetime import UTC
from pathlib import Path

import pytest
from conftest import SEED_KI, SEED_UP

from storytrace.ingest import read_inputs, readers
from storytrace.model import Options, Page

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def read(*paths: str | Path, options: Options | None = None) -> list[Page]:
    return list(read_inputs([str(p) for p in paths], options or Options()))


def read_one(path: str | Path, options: Options | None = None) -> Page:
    pages = read(path, options=options)
    assert len(pages) == 1, pages
    return pages[0]


def assert_error(page: Page, *phrases: str) -> None:
    assert page.error is not None, f"expected an error for {page.source}"
    assert page.source in page.error, "error messages name their input"
    for phrase in phrases:
        assert phrase in page.error
    assert page.text is None


# -- sources ---------------------------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "z.txt").write_text("zed page")
    (tmp_path / "a.txt").write_text("a page")
    (tmp_path / "b" / "deep" / "c.txt").write_text("c page")
    (tmp_path / "b" / ".secret.txt").write_text("hidden file")
    (tmp_path / ".hidden" / "d.txt").write_text("hidden folder")

    pages = read(tmp_path)

    names = [Path(p.source).relative_to(tmp_path).as_posix() for p in pages]
    assert names == ["a.txt", "b/deep/c.txt", "z.txt"]
    assert [p.text for p in pages] == ["a page", "c page", "zed page"]
    assert all(p.error is None and p.media_type == "text/plain" for p in pages)


def test_glob_pattern_matches_sorted_and_a_file_is_read_once(tmp_path: Path) -> None:
    for name in ("2.txt", "1.txt", "note.md"):
        (tmp_path / name).write_text(f"page {name}")

    pages = read(tmp_path / "*.txt", tmp_path / "1.txt")

    assert [Path(p.source).name for p in pages] == ["1.txt", "2.txt"]


def test_glob_without_match_is_an_error_page(tmp_path: Path) -> None:
    page = read_one(tmp_path / "*.nothing")
    assert_error(page, "no files match")


def test_missing_path_is_an_error_page_not_an_exception(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    (tmp_path / "here.txt").write_text("still read")

    pages = read(missing, tmp_path / "here.txt")

    assert pages[0].error == f"no such file: {missing}"
    assert pages[0].text is None
    assert pages[1].text == "still read"


def test_stdin_is_read_from_its_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")

    monkeypatch.setattr(sys, "stdin", FakeStdin())

    page = read_one("-")

    assert page.source == "<stdin>"
    assert page.media_type == "text/html"
    assert page.fetched_at is None
    assert page.sha256 == hashlib.sha256(FakeStdin.buffer.getvalue()).hexdigest()


def test_stdin_over_the_limit_is_refused_with_the_hash_of_all_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = b"a line of text\n" * 100

    class FakeStdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", FakeStdin())

    page = read_one("-", Options(max_bytes=100))

    assert_error(page, f"too large: {len(data)} bytes > limit 100")
    assert page.sha256 == hashlib.sha256(data).hexdigest()


# -- decoding --------------------------------------------------------------------------


def test_utf8_with_bom_loses_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Zelenskyy’s plan\r\nline two\r".encode())

    page = read_one(path)

    assert page.error is None
    assert page.text == "Zelenskyy’s plan\nline two\n"
    assert page.encoding == "utf-8-sig"


def test_cp1252_page_is_decoded_with_its_accents(tmp_path: Path) -> None:
    text = "Crème brûlée — “quoted” naïve façade, said the señor.\n" * 3
    path = tmp_path / "western.txt"
    path.write_bytes(text.encode("cp1252"))

    page = read_one(path)

    assert page.error is None
    assert page.text == text
    assert page.encoding == "cp1252"


def test_utf8_with_one_broken_sequence_keeps_its_good_characters(tmp_path: Path) -> None:
    good = "“Quoted” — Zelenskyy’s naïve “plan”. " * 5
    path = tmp_path / "cut.txt"
    path.write_bytes(good.encode() + "’".encode()[:2])  # cut inside the last character

    page = read_one(path)

    assert page.error is None
    assert page.encoding == "utf-8"
    assert page.text == good + "\ufffd"


def test_latin1_declared_in_html_meta_is_honoured(tmp_path: Path) -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Müller sagte</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("latin-1"))

    page = read_one(path)

    assert page.text == html
    assert page.media_type == "text/html"


def test_png_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(PNG_MAGIC + bytes(random.Random(1).randrange(256) for _ in range(2000)))

    page = read_one(path)

    assert_error(page, "binary data (looks like PNG)")
    assert page.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_nul_bytes_are_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"some text\x00\x00\x01 then more")

    assert_error(read_one(path), "binary data")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")

    assert_error(read_one(path), "empty")


def test_whitespace_only_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\r\n\t\n")

    assert_error(read_one(path), "empty")


def test_file_over_the_limit_is_refused_and_still_hashed(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    block = b"A line that repeats to make a large text file.\n" * 1000
    with path.open("wb") as out:
        out.write(block)
        out.truncate(50_000_000)  # sparse: fast to write, still 50 MB to read

    page = read_one(path)

    assert_error(page, "too large: 50000000 bytes > limit 20000000")
    assert page.data == b""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    assert page.sha256 == digest.hexdigest()
    assert page.fetched_at is not None


def test_invalid_utf8_garbage_never_raises(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))

    page = read_one(path)

    if page.error is not None:
        assert_error(page)
    else:
        assert page.text and page.encoding


def test_invalid_utf8_byte_sequence_inside_text_is_an_error_or_decoded(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"Kyiv says \xff\xfe\xc3( the plan \xe2\x82 is ready.\n" * 5)

    page = read_one(path)

    assert page.error is not None or ("Kyiv says" in (page.text or ""))


# -- compression and format detection --------------------------------------------------


def test_gzipped_html_is_decompressed_and_hashed_after_gunzip(tmp_path: Path) -> None:
    html = b"<!doctype html><html><body><p>Yermak said</p></body></html>"
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(html))

    page = read_one(path)

    assert page.error is None
    assert page.media_type == "text/html"
    assert page.text == html.decode()
    assert page.sha256 == hashlib.sha256(html).hexdigest()


def test_truncated_html_gz_is_an_error(tmp_path: Path) -> None:
    html = b"<html><body>" + b"<p>a paragraph of the article</p>" * 500 + b"</body></html>"
    packed = gzip.compress(html)
    path = tmp_path / "page.html.gz"
    path.write_bytes(packed[: len(packed) // 2])

    assert_error(read_one(path), "gzip")


def test_html_is_detected_from_content_despite_a_txt_name(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("<!DOCTYPE html>\n<html><head><title>T</title></head><body>x</body></html>")

    assert read_one(path).media_type == "text/html"


def test_dense_html_fragment_is_html(tmp_path: Path) -> None:
    path = tmp_path / "fragment.txt"
    path.write_text("<div><p>One <a href='/x'>link</a>.</p><p>Two.</p><br/></div>")

    assert read_one(path).media_type == "text/html"


def test_text_mentioning_a_tag_stays_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("Editors wrap paragraphs in a <p> tag, he said.\n" + "Plain words. " * 200)

    assert read_one(path).media_type == "text/plain"


# -- JSONL -----------------------------------------------------------------------------


def jsonl_lines(*records: dict | str) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_jsonl_bad_line_in_the_middle_errors_alone(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    first = {"id": "a1", "url": "https://ex.org/1", "outlet": "Ex", "text": "First.", "lang": "en"}
    last = {"id": "a3", "title": "Third", "published": "2024-09-26", "html": "<p>Third.</p>"}
    path.write_text(jsonl_lines(first, '{"id": "a2", "text": "cut off', "", last))

    pages = read(path)

    assert [p.source for p in pages] == [f"{path}:1", f"{path}:2", f"{path}:4"]
    ok1, bad, ok3 = pages
    assert ok1.error is None and ok1.media_type == "text/plain" and ok1.text == "First."
    expected_meta = {"id": "a1", "url": "https://ex.org/1", "outlet": "Ex", "extra": {"lang": "en"}}
    assert ok1.meta == expected_meta
    assert ok1.data == json.dumps(first).encode()
    assert ok1.sha256 == hashlib.sha256(ok1.data).hexdigest()
    assert ok1.fetched_at is not None and ok1.fetched_at.tzinfo is not None
    assert_error(bad, "invalid JSON")
    assert ok3.media_type == "text/html" and ok3.text == "<p>Third.</p>"
    assert ok3.meta["title"] == "Third" and ok3.meta["published"] == "2024-09-26"


def test_jsonl_record_without_text_or_html_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "corpus.ndjson"
    path.write_text(jsonl_lines({"id": "x", "body": "misnamed"}, {"id": "y", "text": "ok"}))

    bad, ok = read(path)

    assert_error(bad, "neither 'text' nor 'html'")
    assert bad.source == f"{path}:1"
    assert ok.text == "ok"


def test_jsonl_line_that_is_not_an_object_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_text(jsonl_lines({"text": "ok"}, "[1, 2]"))

    ok, bad = read(path)

    assert ok.error is None
    assert_error(bad, "not a JSON object")


def test_jsonl_is_detected_from_content_without_its_name(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(jsonl_lines({"text": "one"}, {"html": "<p>two</p>"}))

    assert [p.media_type for p in read(path)] == ["text/plain", "text/html"]


def test_readers_are_registered_by_format() -> None:
    assert {"text/plain", "text/html", "application/jsonl"} <= set(readers.names())


# -- the seed pages --------------------------------------------------------------------


@pytest.mark.parametrize("seed", [SEED_KI, SEED_UP], ids=["kyiv-independent", "other"])
def test_seed_pages_read_as_plain_text_with_their_hash(seed: Path) -> None:
    page = read_one(seed)

    assert page.error is None
    assert page.media_type == "text/plain"
    assert page.sha256 == hashlib.sha256(seed.read_bytes()).hexdigest()
    assert page.encoding == "utf-8"
    assert page.text == seed.read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert "Bloomberg" in page.text
    assert page.fetched_at is not None and page.fetched_at.tzinfo == UTC
