"""Search and entity pages past their caps: counts that stop, results that are not ranked,
and pages that still reach every match exactly once (the caps set low on the example
corpus, so they bite)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from storytrace.store import Store
from storytrace.web import pages, queries
from storytrace.web.app import create_app
from storytrace.web.context import WebSettings

try:  # tests/ on sys.path, or tests as a package
    from test_web_support import corpus_db
except ModuleNotFoundError:
    from tests.test_web_support import corpus_db

WORD = "said"


@pytest.fixture(scope="module")
def client():
    web = WebSettings(db=corpus_db(), allowed_hosts=("testserver",))
    with TestClient(create_app(web)) as c:
        yield c


@pytest.fixture(scope="module")
def store():
    with Store(corpus_db()) as s:
        yield s


def matches(store: Store, query: str) -> list[int]:
    rows = store.conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", (query,)
    )
    return [r[0] for r in rows]


def walk(client: TestClient, url: str, params: dict) -> list[dict]:
    """Every page of an API list, following `next`."""
    pages_seen = []
    data = client.get(url, params=params).json()
    pages_seen.append(data)
    while data["next"]:
        data = client.get(data["next"]).json()
        pages_seen.append(data)
        assert len(pages_seen) < 100, "paging does not end"
    return pages_seen


def test_ranked_pages_hold_every_match_once_best_first(client, store):
    expected = matches(store, WORD)
    assert 4 <= len(expected) <= queries.RANK_LIMIT
    seen = walk(client, "/api/search", {"q": WORD, "limit": 3})
    items = [i for page in seen for i in page["items"]]
    assert sorted(i["id"] for i in items) == expected
    assert all(p["ranked"] and p["total_exact"] and p["total"] == len(expected) for p in seen)
    ranks = [i["rank"] for i in items]
    assert ranks == sorted(ranks)


def test_past_the_caps_the_newest_come_first_and_every_match_is_reachable(
    client, store, monkeypatch
):
    expected = matches(store, WORD)
    monkeypatch.setattr(queries, "RANK_LIMIT", 2)
    monkeypatch.setattr(queries, "COUNT_LIMIT", 2)
    seen = walk(client, "/api/search", {"q": WORD, "limit": 3})
    items = [i for page in seen for i in page["items"]]
    ids = [i["id"] for i in items]
    assert ids == sorted(expected, reverse=True), "newest added first, each match once"
    assert all(i["rank"] is None for i in items)
    for page in seen:
        assert page["total"] == 2 and not page["total_exact"] and not page["ranked"]
    assert seen[-1]["next"] is None


def test_the_search_page_says_more_than_and_pages_on(client, store, monkeypatch):
    expected = matches(store, WORD)
    monkeypatch.setattr(queries, "RANK_LIMIT", 2)
    monkeypatch.setattr(queries, "COUNT_LIMIT", 2)
    first = client.get("/search", params={"q": WORD})
    assert first.status_code == 200
    assert "More than 2 articles match: too many to rank" in first.text
    assert 'rel="next"' in first.text and "of more than 2" in first.text
    last_offset = (len(expected) - 1) // pages.SEARCH_PAGE * pages.SEARCH_PAGE
    last = client.get("/search", params={"q": WORD, "offset": last_offset})
    assert 'rel="next"' not in last.text and 'rel="prev"' in last.text
    shown = re.findall(r'<h2><a href="/articles/(\d+)"', last.text)
    assert len(shown) == len(expected) - last_offset


def test_a_ranked_search_page_says_how_many_match(client, store):
    expected = matches(store, WORD)
    page = client.get("/search", params={"q": WORD})
    assert f"{len(expected)} articles match, best match first" in page.text


def busiest_entity(store: Store) -> tuple[int, str, int]:
    row = store.conn.execute(
        "SELECT e.id, e.name, COUNT(DISTINCT m.article_id) AS n FROM entities e"
        " JOIN mentions m ON m.entity = e.name GROUP BY e.id ORDER BY n DESC LIMIT 1"
    ).fetchone()
    return row[0], row[1], row[2]


def test_entity_page_articles_page_through_every_article_once(client, store, monkeypatch):
    entity_id, name, count = busiest_entity(store)
    assert count >= 3
    monkeypatch.setattr(pages, "ENTITY_LIST", 2)
    expected = [
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT article_id FROM mentions WHERE entity = ? ORDER BY article_id DESC",
            (name,),
        )
    ]
    seen: list[int] = []
    offset = 0
    while True:
        page = client.get(f"/entities/{entity_id}", params={"offset": offset})
        assert page.status_code == 200
        section = page.text.split('id="art-h"', 1)[1]
        seen += [int(i) for i in re.findall(r'<li><a href="/articles/(\d+)"', section)]
        if 'aria-label="Article pages"' not in section or "Next page" not in section:
            break
        offset += 2
        assert offset < 1000
    assert seen == expected


def test_entity_statements_page_by_said(client, store, monkeypatch):
    row = store.conn.execute(
        "SELECT e.id, e.name, COUNT(*) AS n FROM entities e JOIN statements s"
        " ON s.speaker_entity = e.name GROUP BY e.id ORDER BY n DESC LIMIT 1"
    ).fetchone()
    assert row is not None and row["n"] >= 2
    monkeypatch.setattr(pages, "ENTITY_LIST", 1)
    keys = set()
    for said in range(row["n"]):
        page = client.get(f"/entities/{row['id']}", params={"said": said})
        section = page.text.split('id="st-h"', 1)[1].split('id="stories-h"', 1)[0]
        found = re.findall(r'href="/articles/(\d+)#statement-(\d+)"', section)
        assert len(found) == 1
        keys.add(found[0])
        assert ("Next page" in section) == (said + 1 < row["n"])
    assert len(keys) == row["n"]
    beyond = client.get(f"/entities/{row['id']}", params={"said": row["n"] + 5})
    assert beyond.status_code == 200 and "No more statements" in beyond.text


def test_entity_counts_stop_at_the_cap(client, store, monkeypatch):
    row = store.conn.execute(
        "SELECT e.id, COUNT(*) AS n FROM entities e JOIN statements s"
        " ON s.speaker_entity = e.name GROUP BY e.id ORDER BY n DESC LIMIT 1"
    ).fetchone()
    monkeypatch.setattr(pages, "COUNT_CAP", row["n"] - 1)
    page = client.get(f"/entities/{row['id']}")
    assert f"more than {row['n'] - 1} statement" in page.text
    monkeypatch.setattr(pages, "COUNT_CAP", row["n"])
    page = client.get(f"/entities/{row['id']}")
    assert f"· {row['n']} statement" in page.text
