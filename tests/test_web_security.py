"""Untrusted text stays text, the app stays local, and requests cannot reach the file system."""

from __future__ import annotations

import socket
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storytrace.store import Store
from storytrace.web.app import create_app
from storytrace.web.context import WebSettings
from storytrace.web.security import CSP

try:  # tests/ on sys.path, or tests as a package
    from test_web_support import (
        HandStories,
        corpus_db,
        hand_story,
        hostile_article_id,
        hostile_html_article_id,
    )
except ModuleNotFoundError:
    from tests.test_web_support import (
        HandStories,
        corpus_db,
        hand_story,
        hostile_article_id,
        hostile_html_article_id,
    )

LIMIT = 50_000


class Markup(HTMLParser):
    """Every element and attribute of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Markup()
    parser.feed(html)
    return parser.tags


def assert_inert(html: str) -> None:
    """No script, no event handler, no javascript: URL, nothing loaded from elsewhere."""
    for tag, attrs in parse(html):
        assert tag not in ("script", "iframe", "object", "embed", "base"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                target = (value or "").strip().lower()
                assert not target.startswith(("javascript:", "data:", "vbscript:")), value
                if name != "href":
                    assert target.startswith("/"), (tag, name, value)
        if tag == "a" and (attrs.get("href") or "").startswith(("http:", "https:")):
            rel = set((attrs.get("rel") or "").split())
            assert {"noopener", "noreferrer", "nofollow"} <= rel, attrs


@pytest.fixture(scope="module")
def db() -> Path:
    return corpus_db()


@pytest.fixture(scope="module")
def client(db):
    settings = WebSettings(db=db, allowed_hosts=("testserver",), max_upload_bytes=LIMIT)
    with TestClient(create_app(settings, store_factory=lambda: HandStories(db))) as c:
        yield c


@pytest.fixture(scope="module")
def store(db):
    with Store(db) as s:
        yield s


def every_page(store: Store) -> list[str]:
    story = hand_story(store)
    entity = store.conn.execute("SELECT id FROM entities WHERE name = 'Rhea Solberg'").fetchone()
    return [
        "/",
        f"/stories/{story.id}",
        "/articles",
        f"/articles/{hostile_article_id(store)}",
        f"/articles/{hostile_html_article_id(store)}",
        *[f"/articles/{i}" for i in store.article_ids()],
        "/entities",
        *([f"/entities/{entity[0]}"] if entity else []),
        "/search?q=notice",
        "/search?q=quay",
        "/search?q=%3Cscript%3E",
        "/ingest",
    ]


def test_hostile_text_is_escaped_on_every_page(client, store):
    for path in every_page(store):
        response = client.get(path)
        assert response.status_code in (200, 400), path
        assert_inert(response.text)


def test_hostile_markup_shows_as_text(client, store):
    html = client.get(f"/articles/{hostile_article_id(store)}").text
    assert "&lt;script&gt;window.__pwned=1" in html
    assert "&lt;img src=x onerror=" in html
    assert "<b>votes</b>" not in html and "&lt;b&gt;votes&lt;/b&gt;" in html
    # The javascript: URL is shown as text, never as a link.
    assert "<code>javascript:window.__pwned=3</code>" in html
    story = client.get(f"/stories/{hand_story(store).id}").text
    assert "&lt;svg onload=" in story and "&lt;script&gt;window.__pwned=11" in story


def test_links_to_the_original_are_inert_and_never_followed(client, store):
    row = store.conn.execute(
        "SELECT id, url FROM articles WHERE url LIKE 'http%' ORDER BY id LIMIT 1"
    ).fetchone()
    assert row, "the example corpus has articles with URLs"
    links = [a for t, a in parse(client.get(f"/articles/{row['id']}").text) if t == "a"]
    original = [a for a in links if a.get("href") == row["url"]]
    assert original and set(original[0]["rel"].split()) == {"noopener", "noreferrer", "nofollow"}


def test_no_request_leaves_the_machine(client, store, monkeypatch):
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def guarded(sock, address):
        attempts.append(address)
        raise OSError("outbound connection attempted")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: guarded(None, a[0]))
    for path in every_page(store):
        client.get(path)
    for what in ("articles", "statements", "stories"):
        client.get(f"/export/{what}.csv")
    assert attempts == []
    assert socket.socket.connect is not real_connect


def test_security_headers_on_every_response(client):
    for path in ["/", "/api/articles", "/static/style.css", "/nope", "/api/search?q=%22"]:
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert "default-src 'self'" in CSP and "script-src 'self'" in CSP
        assert "unsafe-inline" not in CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"


def test_pages_load_nothing_from_elsewhere(client):
    html = client.get("/").text
    sources = [a.get("href") or a.get("src") for t, a in parse(html) if t in ("link", "script")]
    assert sources and all(s.startswith("/static/") for s in sources)


def test_uploads_beyond_the_limit_get_413(client):
    big = b"x" * (LIMIT + 1)
    response = client.post("/ingest", files={"files": ("big.txt", big, "text/plain")})
    assert response.status_code == 413 and "limit" in response.text

    def chunks():  # no Content-Length: the limit is counted as the body arrives
        for _ in range(LIMIT // 1000 + 5):
            yield b"y" * 1000

    response = client.post(
        "/ingest",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=zzz"},
    )
    assert response.status_code == 413


def test_unknown_hosts_and_cross_site_posts_are_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    form = {"text": "A page of text."}
    response = client.post("/ingest", data=form, headers={"origin": "https://attacker.example"})
    assert response.status_code == 403
    response = client.post("/ingest", data=form, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_static_files_are_served_by_name_not_by_path(client, tmp_path):
    for path in [
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static/%2e%2e/app.py",
        "/static/../app.py",
        "/static/app.py",
        "/static/%2Fetc%2Fpasswd",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "[project]" not in response.text and "import" not in response.text


def test_malformed_multipart_is_a_400(client):
    response = client.post(
        "/ingest",
        content=b"--zzz\r\nContent-Disposition: form-data\r\n\r\nbroken",
        headers={"content-type": "multipart/form-data; boundary=zzz"},
    )
    assert 400 <= response.status_code < 500
    assert client.post("/ingest", data={"text": "   "}).status_code == 400
