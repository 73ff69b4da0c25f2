"""`storytrace fetch` end to end, against the local site: fetched, stored, cleaned, annotated."""

from __future__ import annotations

import json

import pytest
from test_collect_site import ARTICLES, start_site, stop_site
from typer.testing import CliRunner

from storytrace.api import Storytrace
from storytrace.cli import app
from storytrace.cli import fetch as fetch_cli
from storytrace.collect import FetchOptions
from storytrace.store.fetchlog import fetch_rows

runner = CliRunner()
FAST = ["--allow-private", "--rate", "0", "--timeout", "5"]


@pytest.fixture
def site():
    site, server = start_site()
    yield site
    stop_site(site, server)


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_fetch_stores_cleans_and_annotates_what_feeds_and_sitemaps_list(site, tmp_path):
    db = str(tmp_path / "st.db")
    result = invoke(
        "fetch", site.url("/feed.rss"), site.url("/sitemap-index.xml"), "--db", db, *FAST
    )
    assert result.exit_code == 0, result.output
    assert "7 URLs: 7 fetched, 0 skipped, 0 failed; 4 pages: 4 ok" in result.stdout
    articles = [
        json.loads(line)
        for line in invoke("articles", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    expected = {ARTICLES[slug][0] for slug in ("harbour", "bridge", "school", "market")}
    assert {a["headline"] for a in articles} == expected
    assert {a["source"] for a in articles} == {
        site.url(f"/news/{slug}") for slug in ("harbour", "bridge", "school", "market")
    }
    with Storytrace(db) as corpus:
        view = corpus.article(site.url("/news/harbour"))
        assert view.article.url == site.url("/news/harbour")
        assert view.article.authors == ["Mara Lind"]
        assert view.article.published.isoformat().startswith("2025-03-03T16:12")
        assert any("Varga" in (m.entity or m.text) for m in view.annotations.mentions)
        inputs = corpus.inputs()
        assert {i["status"] for i in inputs} == {"ok"}
        assert {i["media_type"] for i in inputs} == {"text/html"}


def test_a_second_run_fetches_nothing_and_changes_nothing(site, tmp_path):
    db = str(tmp_path / "st.db")
    invoke("fetch", site.url("/feed.atom"), "--db", db, *FAST)
    seen = len(site.requests)
    result = invoke("fetch", site.url("/feed.atom"), "--db", db, *FAST)
    assert result.exit_code == 0, result.output
    assert "0 fetched, 2 skipped (2 already fetched)" in result.stdout
    assert "1 unchanged" in result.stdout
    assert len(site.requests) == seen


def test_failures_exit_1_and_are_named_while_the_rest_is_kept(site, tmp_path):
    db = str(tmp_path / "st.db")
    result = invoke("fetch", site.url("/nowhere"), site.url("/news/library"), "--db", db, *FAST)
    assert result.exit_code == 1
    assert f"failed: {site.url('/nowhere')}: HTTP 404" in result.stderr
    with Storytrace(db) as corpus:
        assert [a["headline"] for a in corpus.articles()] == [ARTICLES["library"][0]]


def test_a_local_address_is_refused_without_allow_private(site, tmp_path):
    db = tmp_path / "st.db"
    result = invoke("fetch", site.url("/news/harbour"), "--db", str(db), "--rate", "0")
    assert result.exit_code == 1
    assert "--allow-private" in result.stderr and "127.0.0.1" in result.stderr
    assert site.requests == []
    with Storytrace(db) as corpus:
        [row] = fetch_rows(corpus.store)
        assert row["outcome"] == "failed" and row["status"] is None


def test_a_url_list_file_and_a_non_http_scheme(site, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{site.url('/news/school')}\nftp://files.example/x\n")
    db = str(tmp_path / "st.db")
    result = invoke("fetch", str(listing), "--db", db, *FAST)
    assert result.exit_code == 1
    assert "only http and https" in result.stderr
    assert "1 fetched" in result.stdout


def test_bad_option_values_are_usage_errors():
    assert runner.invoke(app, ["fetch", "https://a.example/", "--concurrency", "0"]).exit_code == 2
    assert runner.invoke(app, ["fetch", "https://a.example/", "--user-agent", " "]).exit_code == 2


def test_the_command_defaults_are_the_fetch_options_defaults():
    defaults = FetchOptions()
    assert defaults.concurrency == fetch_cli.DEFAULT_CONCURRENCY
    assert defaults.per_host == fetch_cli.DEFAULT_PER_HOST
    assert defaults.rate == fetch_cli.DEFAULT_RATE
    assert defaults.timeout == fetch_cli.DEFAULT_TIMEOUT
    assert defaults.max_bytes == fetch_cli.DEFAULT_MAX_BYTES


def test_pages_fetched_by_an_interrupted_run_are_processed_by_the_next(site, tmp_path):
    from storytrace.collect import collect
    from storytrace.store import Store

    db = tmp_path / "st.db"
    options = FetchOptions(allow_private=True, rate=0)
    with Store(db) as store:  # the fetch stage ran, then the run stopped before ingesting
        collect(store, [site.url("/news/market")], options)
        assert [i["status"] for i in store.inputs()] == ["pending"]
    seen = len(site.requests)
    with Storytrace(db) as corpus:
        report = corpus.fetch([site.url("/news/market")], options)
        assert len(site.requests) == seen
        assert [o.status for o in report.ingest.outcomes] == ["ok"]
        assert [a["headline"] for a in corpus.articles()] == [ARTICLES["market"][0]]
