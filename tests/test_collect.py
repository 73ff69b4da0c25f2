"""Collecting from the web: feeds, sitemaps, politeness, safety and resuming, on a local site."""

from __future__ import annotations

import asyncio
import ipaddress
import json
from dataclasses import replace

import pytest
from test_collect_site import ARTICLES, article_html, start_site, stop_site

from storytrace.collect import FetchOptions, collect, stored_pages
from storytrace.collect.addresses import GuardedBackend, check_addresses, is_public
from storytrace.collect.detect import FEED, HTML, SITEMAP, TEXT, classify
from storytrace.collect.feeds import feed_links
from storytrace.collect.fetcher import Fetcher, make_client, retry_after
from storytrace.collect.robots import Robots
from storytrace.collect.sitemaps import sitemap_links
from storytrace.collect.urls import Refused, normalise, read_targets
from storytrace.model import sha256_hex
from storytrace.store import Store
from storytrace.store.fetchlog import fetch_rows

# Fast and local: the tests' server is on 127.0.0.1, and waits are cut short.
LOCAL = FetchOptions(allow_private=True, rate=0, backoff=0.01, timeout=5, concurrency=4)


@pytest.fixture
def site():
    site, server = start_site()
    yield site
    stop_site(site, server)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "st.db") as store:
        yield store


def by_url(run) -> dict:
    return {o.url: o for o in run.outcomes}


def rows_by_url(store) -> dict:
    return {r["url"]: r for r in fetch_rows(store)}


# -- feeds and sitemaps ------------------------------------------------------------


def test_rss_atom_and_a_sitemap_index_lead_to_their_articles(site, store):
    run = collect(
        store,
        [site.url("/feed.rss"), site.url("/feed.atom"), site.url("/sitemap-index.xml")],
        LOCAL,
    )
    outcomes = by_url(run)
    assert outcomes[site.url("/feed.rss")].kind == "feed"
    assert outcomes[site.url("/feed.rss")].found == 2
    assert outcomes[site.url("/feed.atom")].kind == "feed"
    assert outcomes[site.url("/sitemap-index.xml")].kind == "sitemap"
    assert outcomes[site.url("/sitemap-news.xml")].kind == "sitemap"
    articles = {url for url, o in outcomes.items() if o.kind == "article"}
    expected = {"harbour", "bridge", "library", "school", "market"}
    assert articles == {site.url(f"/news/{slug}") for slug in expected}
    assert all(o.outcome == "fetched" for o in run.outcomes)
    assert len(run.input_ids) == 5
    # The Atom entry's relative link was resolved against the feed's URL.
    assert outcomes[site.url("/news/library")].source == site.url("/feed.atom")


def test_each_fetch_is_logged_with_status_headers_hash_and_the_raw_page_is_stored(site, store):
    url = site.url("/news/harbour")
    run = collect(store, [url], LOCAL)
    [outcome] = run.outcomes
    row = rows_by_url(store)[url]
    assert row["outcome"] == "fetched" and row["kind"] == "article"
    assert row["status"] == 200 and row["final_url"] == url
    assert row["headers"]["content-type"].startswith("text/html")
    assert row["sha256"] == sha256_hex(article_html("harbour"))
    assert row["fetched_at"] and row["input_id"] == outcome.input_id
    [page] = stored_pages(store, run.input_ids)
    assert page.data == article_html("harbour")
    assert page.media_type == "text/html" and page.source == url
    assert page.meta["url"] == url and page.fetched_at is not None
    assert "Velmora" in page.text
    # robots.txt was read once and logged too.
    assert [r["kind"] for r in fetch_rows(store)].count("robots") == 1


def test_a_news_sitemap_gives_the_publication_and_the_listing_comes_along(site, store):
    run = collect(store, [site.url("/sitemap-news.xml")], LOCAL)
    pages = {p.source: p for p in stored_pages(store, run.input_ids)}
    page = pages[site.url("/news/school")]
    assert page.meta["outlet"] == "Velmora Courier"
    assert page.meta["listed_in"]["url"] == site.url("/sitemap-news.xml")
    assert page.meta["listed_in"]["title"] == ARTICLES["school"][0]
    assert page.meta["listed_in"]["published"].startswith("2025-03-06")


def test_feed_and_sitemap_parsers_on_their_own():
    rss = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>One</title><link>https://news.example/a</link></item>"
        b"<item><title>No link</title></item></channel></rss>"
    )
    assert [link.url for link in feed_links(rss, "https://news.example/rss")] == [
        "https://news.example/a"
    ]
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc> https://news.example/s1.xml </loc></sitemap><!-- note --></sitemapindex>"
    )
    [entry] = sitemap_links(index, "https://news.example/index.xml")
    assert entry.url == "https://news.example/s1.xml" and entry.info == {"sitemap": True}
    text = b"https://news.example/a\nhttps://news.example/b\n"
    assert [link.url for link in sitemap_links(text, "https://news.example/s.txt")] == [
        "https://news.example/a",
        "https://news.example/b",
    ]


def test_a_gzipped_sitemap_and_a_plain_text_url_list_are_read(site, store):
    run = collect(store, [site.url("/sitemap.xml.gz"), site.url("/urls.txt")], LOCAL)
    outcomes = by_url(run)
    assert outcomes[site.url("/sitemap.xml.gz")].kind == "sitemap"
    assert outcomes[site.url("/urls.txt")].kind == "sitemap"
    articles = sorted(url for url, o in outcomes.items() if o.kind == "article")
    assert articles == [site.url(f"/news/{s}") for s in ("market", "museum", "school")]


def test_a_json_feed_lists_its_items():
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Courier",
            "items": [{"id": "1", "url": "/a", "title": "A"}, {"id": "2"}, "junk"],
        }
    ).encode()
    [link] = feed_links(body, "https://news.example/feed.json", "application/feed+json")
    assert link.url == "https://news.example/a" and link.info["title"] == "A"


def test_the_charset_the_server_names_is_used_when_the_page_is_not_utf8(site, store):
    run = collect(store, [site.url("/latin1")], LOCAL)
    [page] = stored_pages(store, run.input_ids)
    assert "at the café" in page.text and page.encoding == "cp1252"
    assert page.meta["headers"]["content-type"] == "text/html; charset=ISO-8859-1"


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "text/xml", FEED),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "application/xml", FEED),
        (b"<urlset><url><loc>https://a.example/</loc></url></urlset>", "text/xml", SITEMAP),
        (b"<sitemapindex></sitemapindex>", "application/octet-stream", SITEMAP),
        (b"<!doctype html><html><body><p>hi</p></body></html>", "text/plain", HTML),
        (b"<html><body><p>hi</p></body></html>", "", HTML),
        (b"A page copied as text.\nSecond line.", "text/plain", TEXT),
        (b"https://a.example/1\nhttps://a.example/2\n", "text/plain", SITEMAP),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", None),
        (b"%PDF-1.7 \x00\x01", "application/pdf", None),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "application/json", FEED),
        (b'{"items": []}', "application/feed+json", FEED),
        (b'{"not": "a feed"}', "application/json", None),
    ],
)
def test_the_body_decides_what_a_response_is(body, content_type, kind):
    assert classify(body, content_type) == kind


def test_feeds_and_sitemaps_are_followed_only_so_deep(store):
    def index(n):
        def route(handler, site):
            inner = f"<sitemap><loc>{site.url(f'/index-{n + 1}.xml')}</loc></sitemap>"
            body = f"<sitemapindex>{inner}</sitemapindex>"
            handler.reply(200, body.encode(), "application/xml")

        return route

    site, server = start_site({f"/index-{n}.xml": index(n) for n in range(6)})
    try:
        run = collect(store, [site.url("/index-0.xml")], replace(LOCAL, max_depth=2))
    finally:
        stop_site(site, server)
    outcomes = by_url(run)
    assert outcomes[site.url("/index-1.xml")].outcome == "fetched"
    deepest = outcomes[site.url("/index-2.xml")]
    assert deepest.outcome == "failed" and "deeper than 2" in deepest.error
    assert site.hits("/index-3.xml") == 0


# -- redirects, retries, limits ------------------------------------------------------


def test_a_redirect_chain_is_followed_and_the_final_url_kept(site, store):
    run = collect(store, [site.url("/moved")], LOCAL)
    [outcome] = run.outcomes
    assert outcome.outcome == "fetched" and outcome.final_url == site.url("/news/museum")
    row = rows_by_url(store)[site.url("/moved")]
    assert row["final_url"] == site.url("/news/museum") and row["status"] == 200
    [page] = stored_pages(store, run.input_ids)
    assert page.meta["url"] == site.url("/news/museum")
    assert page.meta["requested_url"] == site.url("/moved")
    assert site.hits("/moved") == site.hits("/moved-again") == site.hits("/news/museum") == 1


def test_a_429_is_retried_after_the_time_it_asks_for(site, store):
    run = collect(store, [site.url("/limited")], LOCAL)
    [outcome] = run.outcomes
    assert outcome.outcome == "fetched" and outcome.status == 200
    assert site.hits("/limited") == 2
    assert rows_by_url(store)[site.url("/limited")]["tries"] == 2


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("3", 3.0), ("0", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None), (None, None)],
)
def test_retry_after_is_read_as_seconds_or_a_date(header, seconds):
    assert retry_after(header) == seconds


def test_a_429_asking_for_too_long_a_wait_is_given_up(store):
    site, server = start_site(
        {"/busy": lambda h, s: h.reply(429, b"", "text/plain", Retry_After="3600")}
    )
    try:
        run = collect(store, [site.url("/busy")], LOCAL)
    finally:
        stop_site(site, server)
    [outcome] = run.outcomes
    assert outcome.outcome == "failed" and "3600" in outcome.error
    assert site.hits("/busy") == 1


def test_a_500_is_retried_a_bounded_number_of_times_then_recorded_as_failed(site, store):
    options = FetchOptions(allow_private=True, rate=0, backoff=0.01, retries=2)
    run = collect(store, [site.url("/broken")], options)
    [outcome] = run.outcomes
    assert outcome.outcome == "failed" and outcome.status == 500
    assert "HTTP 500" in outcome.error
    assert site.hits("/broken") == 3
    row = rows_by_url(store)[site.url("/broken")]
    assert row["outcome"] == "failed" and row["tries"] == 3 and row["input_id"] is None


def test_a_slow_response_times_out(site, store):
    options = FetchOptions(allow_private=True, rate=0, timeout=0.3)
    run = collect(store, [site.url("/slow")], options)
    [outcome] = run.outcomes
    assert outcome.outcome == "failed" and "timed out" in outcome.error
    assert rows_by_url(store)[site.url("/slow")]["error"] == outcome.error


def test_a_huge_response_is_cut_at_the_size_cap_and_recorded_as_an_error(site, store):
    options = FetchOptions(allow_private=True, rate=0, max_bytes=50_000)
    run = collect(store, [site.url("/huge")], options)
    [outcome] = run.outcomes
    assert outcome.outcome == "failed" and "too large" in outcome.error
    assert run.input_ids == []
    assert store.counts()["inputs"] == 0


def test_something_that_is_not_an_article_feed_or_sitemap_fails_clearly(site, store):
    run = collect(store, [site.url("/image.png"), site.url("/nowhere")], LOCAL)
    outcomes = by_url(run)
    assert "image/png" in outcomes[site.url("/image.png")].error
    assert outcomes[site.url("/nowhere")].error == "HTTP 404"
    assert run.input_ids == []


@pytest.mark.parametrize(("concurrency", "per_host"), [(8, 2), (2, 8)])
def test_per_host_and_global_concurrency_are_respected(store, concurrency, per_host):
    import threading
    import time

    state = {"now": 0, "peak": 0}
    changed = threading.Condition()

    def counted(handler, site):
        with changed:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
            changed.notify_all()
            # Hold the request until a second one is in (as the limits allow), however
            # busy the machine, then a moment more for any the limits should refuse.
            changed.wait_for(lambda: state["now"] >= 2, timeout=5)
        time.sleep(0.05)
        with changed:
            state["now"] -= 1
        handler.reply(200, article_html("bridge"), "text/html")

    routes = {f"/c/{i}": counted for i in range(8)}
    site, server = start_site(routes)
    try:
        options = FetchOptions(
            allow_private=True, rate=0, concurrency=concurrency, per_host=per_host
        )
        run = collect(store, [site.url(path) for path in routes], options)
    finally:
        stop_site(site, server)
    assert run.count("fetched") == 8
    assert state["peak"] == 2


def test_the_rate_spaces_request_starts_on_one_host_and_a_429_pushes_them_back(monkeypatch):
    # A fake clock: no test here waits on real time.
    import storytrace.collect.gates as gates

    clock, slept = [100.0], []

    async def sleep(seconds):
        slept.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(gates.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(gates.asyncio, "sleep", sleep)
    gate = gates.HostGate(per_host=4, interval=5.0)

    async def requests():
        for _ in range(3):
            async with gate.slot():
                pass
        gate.defer(30)
        async with gate.slot():
            pass
        gate.slow_down(12)
        async with gate.slot():
            pass

    asyncio.run(requests())
    assert slept == [5.0, 5.0, 30.0, 5.0]
    assert gate.interval == 12


# -- robots.txt and safety -----------------------------------------------------------


def test_a_robots_crawl_delay_slows_the_host_down():
    robots_txt = b"User-agent: storytrace\nCrawl-delay: 7\nDisallow: /drafts/\n"
    site, server = start_site({"/robots.txt": lambda h, s: h.reply(200, robots_txt, "text/plain")})

    async def check():
        fetcher = Fetcher(LOCAL)
        robots = Robots(fetcher, LOCAL.user_agent)
        try:
            allowed = await robots.check(site.url("/news/harbour"))
            forbidden = await robots.check(site.url("/drafts/x"))
        finally:
            await fetcher.aclose()
        return allowed, forbidden, fetcher.gates[site.base].interval

    try:
        allowed, forbidden, interval = asyncio.run(check())
    finally:
        stop_site(site, server)
    assert allowed is None and "robots.txt" in forbidden
    assert interval == 7


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (503, False)])
def test_a_missing_robots_txt_allows_and_a_failing_one_forbids(store, status, allowed):
    site, server = start_site({"/robots.txt": lambda h, s: h.reply(status, b"", "text/plain")})
    try:
        run = collect(store, [site.url("/news/harbour")], replace(LOCAL, retries=0))
    finally:
        stop_site(site, server)
    [outcome] = run.outcomes
    assert (outcome.outcome == "fetched") is allowed
    assert site.hits("/news/harbour") == int(allowed)


def test_robots_txt_is_honoured_and_read_once_per_host(site, store):
    urls = [site.url("/private/memo"), site.url("/news/harbour"), site.url("/news/bridge")]
    run = collect(store, urls, LOCAL)
    outcomes = by_url(run)
    memo = outcomes[site.url("/private/memo")]
    assert memo.outcome == "skipped" and "robots.txt" in memo.error
    assert site.hits("/private/memo") == 0
    assert site.hits("/robots.txt") == 1
    assert rows_by_url(store)[site.url("/private/memo")]["outcome"] == "skipped"
    assert run.count("fetched") == 2


def test_the_user_agent_names_storytrace(site, store):
    collect(store, [site.url("/news/harbour")], LOCAL)
    agents = {headers.get("User-Agent") for _, headers in site.requests}
    assert len(agents) == 1
    [agent] = agents
    assert agent.startswith("storytrace/") and "local research tool" in agent


def test_a_private_address_is_refused_without_a_request(site, store):
    options = FetchOptions(rate=0)  # allow_private is off, as by default
    run = collect(store, [site.url("/news/harbour")], options)
    [outcome] = run.outcomes
    assert outcome.outcome == "failed"
    assert "127.0.0.1" in outcome.error and "--allow-private" in outcome.error
    assert site.requests == []
    assert rows_by_url(store)[site.url("/news/harbour")]["outcome"] == "failed"


def test_a_redirect_to_a_private_address_is_refused(site, store, monkeypatch):
    # Let 127.0.0.1 stand for a public host, so the redirect to 127.0.0.2 is the one refused.
    import storytrace.collect.addresses as addresses

    monkeypatch.setattr(addresses, "is_public", lambda address: str(address) == "127.0.0.1")
    port = site.base.rsplit(":", 1)[1]
    inside = f"http://127.0.0.2:{port}/news/harbour"
    site2, server2 = start_site(
        {"/out": lambda h, s: h.reply(302, b"", "text/plain", Location=inside)}
    )
    try:
        run = collect(store, [site2.url("/out")], FetchOptions(rate=0))
    finally:
        stop_site(site2, server2)
    [outcome] = run.outcomes
    assert outcome.outcome == "failed" and "127.0.0.2" in outcome.error
    assert site2.hits("/out") == 1
    assert site.requests == []


def test_the_socket_guard_refuses_a_private_address_whatever_was_checked_before(site):
    async def connect():
        await GuardedBackend().connect_tcp("127.0.0.1", int(site.base.rsplit(":", 1)[1]))

    with pytest.raises(Refused):
        asyncio.run(connect())
    assert site.requests == []


def test_the_client_itself_refuses_a_private_address(site):
    async def get():
        async with make_client(FetchOptions()) as client:
            await client.get(site.url("/news/harbour"))

    with pytest.raises(Refused, match="--allow-private"):
        asyncio.run(get())
    assert site.requests == []


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("93.184.215.14", True),
        ("2606:4700::6810:84e5", True),
    ],
)
def test_which_addresses_count_as_public(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_every_address_of_a_host_must_be_public():
    with pytest.raises(Refused, match=r"10\.0\.0\.5"):
        check_addresses("news.example", ["93.184.215.14", "10.0.0.5"])
    check_addresses("news.example", ["93.184.215.14"])


def test_only_http_and_https_are_fetched(site, store, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# a list\n{site.url('/news/harbour')}\n\nfile:///etc/passwd\n")
    args = ["ftp://files.example/a.txt", "javascript:alert(1)", "no-such-file", str(listing)]
    run = collect(store, args, LOCAL)
    outcomes = {o.source: o for o in run.outcomes}
    assert "only http and https" in outcomes["ftp://files.example/a.txt"].error
    assert "only http and https" in outcomes[f"{listing}:4"].error
    assert "no such file" in outcomes["no-such-file"].error
    assert "not a URL" in outcomes["javascript:alert(1)"].error
    assert outcomes[f"{listing}:2"].outcome == "fetched"
    assert run.count("failed") == 4
    assert [r["url"] for r in fetch_rows(store) if r["kind"] != "robots"] == [
        site.url("/news/harbour")
    ]


def test_urls_are_normalised_and_refused_clearly():
    assert normalise("HTTP://News.Example/a#top") == "http://news.example/a"
    assert normalise("https://news.example") == "https://news.example/"
    with pytest.raises(Refused, match="only http and https"):
        normalise("file:///etc/passwd")
    assert [t.url for t in read_targets(["https://news.example/x#y"])] == ["https://news.example/x"]


# -- resuming --------------------------------------------------------------------------


def test_a_second_run_fetches_nothing_again_and_works_offline(site, store):
    args = [site.url("/feed.rss"), site.url("/news/museum")]
    first = collect(store, args, LOCAL)
    assert first.count("fetched") == 4
    seen = len(site.requests)
    second = collect(store, args, LOCAL)
    assert len(site.requests) == seen  # not even robots.txt
    assert second.count("skipped") == 4 and second.skip_reasons() == {"already fetched": 4}
    # The stored feed was read again, so its articles are still reached, from the store.
    assert sorted(second.input_ids) == sorted(first.input_ids)


def test_refresh_fetches_again(site, store):
    collect(store, [site.url("/news/museum")], LOCAL)
    run = collect(store, [site.url("/news/museum")], replace(LOCAL, refresh=True))
    assert run.count("fetched") == 1 and site.hits("/news/museum") == 2


def test_a_url_reached_by_redirect_before_is_not_fetched_again(site, store):
    collect(store, [site.url("/moved")], LOCAL)
    run = collect(store, [site.url("/news/museum")], LOCAL)
    assert run.count("skipped") == 1 and site.hits("/news/museum") == 1


def test_an_interrupted_run_restarted_fetches_nothing_twice(site, store):
    args = [site.url("/feed.rss"), site.url("/sitemap-index.xml"), site.url("/feed.atom")]

    def interrupt(outcome, run):
        if run.count("fetched") == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        collect(store, args, replace(LOCAL, concurrency=1), interrupt)
    done_before = [r["url"] for r in fetch_rows(store) if r["outcome"] == "fetched"]
    assert 0 < len(done_before) < 9
    run = collect(store, args, LOCAL)
    assert run.count("failed") == 0
    counts = site.counters
    for path, n in counts.items():
        if path != "/robots.txt":
            assert n == 1, f"{path} was fetched {n} times"
    expected = {"harbour", "bridge", "library", "school", "market"}
    assert {p for p in counts if p.startswith("/news/")} == {f"/news/{s}" for s in expected}
    assert len(set(run.input_ids)) == 5


def test_fetch_rows_headers_are_json(site, store):
    collect(store, [site.url("/news/bridge")], LOCAL)
    raw = store.conn.execute("SELECT headers FROM fetches WHERE kind = 'article'").fetchone()[0]
    assert json.loads(raw)["content-type"].startswith("text/html")
