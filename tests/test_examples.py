"""The bundled example corpus: clean output against its golden files, and the corpus itself.

The golden files in `tests/golden/newsroom/` are written by `examples/make_newsroom.py`
from the articles as they were written, not from the cleaner's output: they are the
target the clean stage must reach. The other tests check that the corpus, its truth
and its golden files agree with each other and that the generator reproduces them.
"""

from __future__ import annotations

import contextlib
import difflib
import gzip
import json
import re
import subprocess
import sys
from datetime import date, datetime
from functools import cache
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CORPUS = EXAMPLES / "newsroom"
BAD = EXAMPLES / "bad"
GOLDEN = REPO / "tests" / "golden" / "newsroom"
GENERATOR = EXAMPLES / "make_newsroom.py"
GOLDEN_FILES = sorted(GOLDEN.glob("*.json"))
CLEAN_KEYS = [
    "source",
    "status",
    "error",
    "headline",
    "authors",
    "published",
    "outlet",
    "language",
    "body",
    "captions",
]
METADATA_KEYS = ["status", "error", "headline", "authors", "published", "outlet", "language"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


TRUTH = load_json(CORPUS.parent / "newsroom.truth.json")
GOLDENS = {path.name: load_json(path) for path in GOLDEN_FILES}


def input_path(source: str) -> str:
    """The file a source names: `.../wire.jsonl:2` -> `.../wire.jsonl`."""
    return re.sub(r":\d+$", "", source)


def cli_clean(paths: list[str]) -> dict[str, dict]:
    """`storytrace clean --format jsonl PATHS` run from the repository root, by source."""
    from storytrace.cli import app

    with contextlib.chdir(REPO):
        result = CliRunner().invoke(app, ["clean", "--format", "jsonl", *paths])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {record["source"]: record for record in records}


@pytest.fixture(scope="module")
def cleaned() -> dict[str, dict]:
    """The clean records of every input that has a golden file, from one CLI run."""
    inputs = sorted({input_path(golden["source"]) for golden in GOLDENS.values()})
    return cli_clean(inputs)


def test_every_article_has_a_golden_file():
    assert len(GOLDENS) == len(TRUTH["articles"]) >= 14
    assert {g["source"] for g in GOLDENS.values()} == set(TRUTH["articles"])
    for name, golden in GOLDENS.items():
        assert list(golden) == CLEAN_KEYS, name
        assert (REPO / input_path(golden["source"])).is_file(), name


# ---------------------------------------------------------------- the target for clean


@pytest.mark.parametrize("name", list(GOLDENS))
def test_clean_metadata_matches_golden(name: str, cleaned: dict[str, dict]):
    golden = GOLDENS[name]
    record = cleaned.get(golden["source"])
    assert record is not None, f"no clean record for {golden['source']}"
    assert list(record) == CLEAN_KEYS, "the public clean record has exactly these keys"
    wrong = [
        f"  {key}: got  {record[key]!r}\n  {' ' * len(key)}  want {golden[key]!r}"
        for key in [*METADATA_KEYS, "captions"]
        if record[key] != golden[key]
    ]
    if wrong:
        heading = f"{golden['source']} differs from golden/{name}:"
        pytest.fail("\n".join([heading, *wrong]), pytrace=False)


@pytest.mark.parametrize("name", list(GOLDENS))
def test_clean_body_matches_golden(name: str, cleaned: dict[str, dict]):
    golden = GOLDENS[name]
    record = cleaned.get(golden["source"])
    assert record is not None, f"no clean record for {golden['source']}"
    got = record["body"] or ""
    if got != golden["body"]:
        diff = difflib.unified_diff(
            golden["body"].split("\n\n"),
            got.split("\n\n"),
            fromfile=f"golden/{name} (paragraphs)",
            tofile=f"clean {golden['source']} (paragraphs)",
            lineterm="",
        )
        pytest.fail("body differs from the golden file:\n" + "\n".join(diff), pytrace=False)


def test_the_corpus_folder_reads_as_its_articles():
    """What `storytrace analyze examples/newsroom` reads: each article once, and nothing else.

    Its description (newsroom.md) and truth (newsroom.truth.json) live beside the folder.
    """
    records = cli_clean(["examples/newsroom"])
    assert sorted(records) == sorted(TRUTH["articles"])
    assert [s for s, r in records.items() if r["status"] != "ok"] == []


def test_bad_inputs_fail_cleanly():
    from storytrace.clean import clean
    from storytrace.ingest import read_inputs
    from storytrace.model import NoArticle, Options, StorytraceError

    options = Options()
    bad = ["examples/bad/chrome-only.txt", "examples/bad/empty.txt"]
    with contextlib.chdir(REPO):
        pages = {page.source: page for page in read_inputs(bad, options)}
    assert list(pages) == bad

    chrome = pages["examples/bad/chrome-only.txt"]
    assert chrome.error is None, "a page of chrome is still a readable page"
    with pytest.raises(NoArticle, match=re.escape("chrome-only.txt")):
        clean(chrome, options)

    empty = pages["examples/bad/empty.txt"]
    if empty.error is None:
        with pytest.raises(StorytraceError, match=re.escape("empty.txt")):
            clean(empty, options)
    else:
        assert "empty.txt" in empty.error

    records = cli_clean([*bad, "examples/newsroom/ebc-port-strike.txt"])
    assert list(records) == [
        "examples/bad/chrome-only.txt",
        "examples/bad/empty.txt",
        "examples/newsroom/ebc-port-strike.txt",
    ]
    for source in list(records)[:2]:
        record = records[source]
        assert list(record) == CLEAN_KEYS
        assert record["status"] == "error"
        assert Path(source).name in record["error"]
        assert record["body"] is None and record["headline"] is None
    assert records["examples/newsroom/ebc-port-strike.txt"]["status"] == "ok", "the batch goes on"


# ---------------------------------------------------------------- the generator


def test_generator_reproduces_the_committed_files(tmp_path: Path):
    subprocess.run(
        [sys.executable, str(GENERATOR), "--root", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {
        p.relative_to(REPO).as_posix()
        for folder in (CORPUS, BAD, GOLDEN)
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts
    } | {"examples/newsroom.md", "examples/newsroom.truth.json", "examples/bad.md"}
    assert written == committed, "the generator and the committed files list different files"
    for rel in sorted(written):
        new, old = (tmp_path / rel).read_bytes(), (REPO / rel).read_bytes()
        if rel.endswith(".gz"):
            # zlib builds may compress differently; the content and a zero mtime are what count.
            assert old[4:8] == b"\0\0\0\0", f"{rel}: gzip header carries a timestamp"
            new, old = gzip.decompress(new), gzip.decompress(old)
        assert new == old, f"{rel} differs from what examples/make_newsroom.py writes"


# ---------------------------------------------------------------- the corpus agrees with itself


@cache
def page_text(path: str) -> str:
    """The visible text of an input file, whitespace collapsed; JSONL records are kept whole."""
    raw = (REPO / path).read_bytes()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8")
    if ".html" in path:
        text = lxml.html.fromstring(text).text_content()
    return " ".join(text.split())


@cache
def record_text(source: str) -> str:
    """The text of one JSONL record (its `text`, or the visible text of its `html`)."""
    path, line = source.rsplit(":", 1)
    record = json.loads((REPO / path).read_text(encoding="utf-8").splitlines()[int(line) - 1])
    text = record.get("text") or lxml.html.fromstring(record["html"]).text_content()
    return " ".join(text.split())


def visible(source: str) -> str:
    return record_text(source) if ".jsonl:" in source else page_text(source)


@pytest.mark.parametrize("name", list(GOLDENS))
def test_golden_text_is_on_the_page(name: str):
    """Every golden paragraph, caption and byline name is on the page, and so is the chrome."""
    golden = GOLDENS[name]
    source = golden["source"]
    text = visible(source)
    for paragraph in golden["body"].split("\n\n"):
        assert paragraph in text, f"{source}: paragraph not on the page: {paragraph[:60]!r}"
    for item in [*golden["captions"], *golden["authors"]]:
        assert item in text, f"{source}: {item!r} not on the page"
    if ".jsonl:" not in source:
        assert golden["headline"] in text
        assert len(text) > 1.4 * len(" ".join(golden["body"].split())), "a page has its chrome"
    if source.endswith(".txt"):
        raw = (REPO / source).read_bytes().decode("utf-8").replace("\r\n", "\n")
        assert golden["body"] not in raw, "paragraphs are interrupted by chrome on the page"


def test_corpus_shape():
    stories = TRUTH["stories"]
    assert len(stories) >= 3
    assert len(TRUTH["outlets"]) >= 5
    memberships = [source for story in stories for source in story["articles"]]
    assert sorted(memberships) == sorted(TRUTH["articles"]), "each article in exactly one story"
    for story in stories:
        assert 3 <= len(story["articles"]) <= 6, story["id"]
        assert len(story["outlets"]) >= 3, story["id"]
    files = [p.name for p in CORPUS.iterdir()]
    assert sum(name.endswith(".txt") for name in files) > len(files) / 2
    assert sum(".html" in name for name in files) >= 4
    assert any(name.endswith(".html.gz") for name in files)
    publication_days = {g["published"][:10] for g in GOLDENS.values()}
    assert len(publication_days) >= 3


def test_syndicated_copy_is_a_near_copy_published_later():
    pairs = [pair for story in TRUTH["stories"] for pair in story["syndicated"].items()]
    assert pairs, "the corpus has a syndicated copy"
    by_source = {g["source"]: g for g in GOLDENS.values()}
    for copy, original in pairs:
        a, b = by_source[original], by_source[copy]
        assert a["outlet"] != b["outlet"]
        assert a["headline"] != b["headline"]
        assert datetime.fromisoformat(b["published"]) > datetime.fromisoformat(a["published"])
        ratio = difflib.SequenceMatcher(None, a["body"], b["body"]).ratio()
        assert 0.85 < ratio < 1.0, f"{copy} vs {original}: similarity {ratio:.2f}"
        assert TRUTH["articles"][copy]["syndicates"] == original


@pytest.mark.parametrize("source", list(TRUTH["articles"]))
def test_truth_is_in_the_text(source: str):
    """What truth.json says an article's sources are is written in that article's body."""
    entry = TRUTH["articles"][source]
    body = next(g["body"] for g in GOLDENS.values() if g["source"] == source)
    phrases = [
        *(x["as_written"] for x in entry["on_record"]),
        *(x["description"] for x in entry["anonymous"]),
        *entry["documents"],
        *(x["as_written"] for x in entry["via"]),
        *(x["citing"] for x in entry["via"] if x["citing"]),
        *(x["text"] for x in entry["dates"]),
    ]
    for phrase in phrases:
        assert phrase in body, f"{source}: {phrase!r} is not in the body"
    for speaker in entry["on_record"]:
        assert speaker["kind"] in {"person", "organization"}
    for group in entry["anonymous"]:
        assert group["count"] is None or group["count"] >= 1


@pytest.mark.parametrize("source", list(TRUTH["articles"]))
def test_truth_dates_fall_on_the_named_day(source: str):
    entry = TRUTH["articles"][source]
    published = datetime.fromisoformat(entry["published"]).date()
    for item in entry["dates"]:
        start, end = date.fromisoformat(item["start"]), date.fromisoformat(item["end"])
        assert start <= end
        named = [i for i, day in enumerate(WEEKDAYS) if day in item["text"].lower()]
        if named:
            assert start == end and start.weekday() == named[0], f"{source}: {item}"
            assert abs((start - published).days) <= 7, f"{source}: {item} is not near {published}"
