"""The JSON API and the pages, in process, over a store built from the example corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from storytrace.api import Storytrace
from storytrace.store import Store
from storytrace.web.app import create_app
from storytrace.web.context import WebSettings

try:  # tests/ on sys.path, or tests as a package
    from test_web_support import (
        NEWSROOM,
        HandStories,
        corpus_db,
        hand_story,
        hostile_article_id,
    )
except ModuleNotFoundError:
    from tests.test_web_support import (
        NEWSROOM,
        HandStories,
        corpus_db,
        hand_story,
        hostile_article_id,
    )


def client_for(db: Path, factory=None, **settings) -> TestClient:
    web = WebSettings(db=db, allowed_hosts=("testserver",), **settings)
    return TestClient(create_app(web, store_factory=factory))


@pytest.fixture(scope="module")
def client():
    with client_for(corpus_db()) as c:
        yield c


@pytest.fixture(scope="module")
def story_client():
    db = corpus_db()
    with client_for(db, lambda: HandStories(db)) as c:
        yield c


@pytest.fixture(scope="module")
def store():
    with Store(corpus_db()) as s:
        yield s


def test_articles_are_paged_and_every_item_carries_its_id(client, store):
    total = store.counts()["articles"]
    first = client.get("/api/articles", params={"limit": 5}).json()
    assert first["total"] == total and len(first["items"]) == 5
    assert first["next"] and "offset=5" in first["next"]
    seen = [item["id"] for item in first["items"]]
    offset = 5
    while offset < total:
        page = client.get("/api/articles", params={"limit": 5, "offset": offset}).json()
        seen += [item["id"] for item in page["items"]]
        offset += 5
    assert page["next"] is None
    assert sorted(seen) == store.article_ids()
    assert all(item["href"] == f"/articles/{item['id']}" for item in first["items"])


def test_articles_filter_by_outlet(client, store):
    outlet = store.conn.execute(
        "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet"
        " ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    page = client.get("/api/articles", params={"outlet": outlet, "limit": 100}).json()
    expected = store.conn.execute(
        "SELECT COUNT(*) FROM articles WHERE outlet = ?", (outlet,)
    ).fetchone()[0]
    assert page["total"] == expected >= 2
    assert {item["outlet"] for item in page["items"]} == {outlet}


def test_article_detail_has_body_annotations_and_entity_ids(client, store):
    article_id = hostile_article_id(store)
    data = client.get(f"/api/articles/{article_id}").json()
    article, annotations = store.article(article_id)
    assert data["id"] == article_id and data["body"] == article.body
    assert len(data["statements"]) == len(annotations.statements) > 0
    assert data["removed"] == [
        {"text": r.text, "reason": r.reason, "line": r.line} for r in article.removed
    ]
    for name, entity_id in data["entity_ids"].items():
        assert client.get(f"/api/entities/{entity_id}").json()["name"] == name


def test_entity_detail_lists_its_statements_and_articles(client, store):
    row = store.conn.execute(
        "SELECT e.id, e.name FROM entities e JOIN statements s ON s.speaker_entity = e.name"
        " GROUP BY e.id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()
    data = client.get(f"/api/entities/{row['id']}").json()
    assert data["name"] == row["name"]
    count = store.conn.execute(
        "SELECT COUNT(*) FROM statements WHERE speaker_entity = ?", (row["name"],)
    ).fetchone()[0]
    assert len(data["statements"]) == count > 0
    mentioned = store.conn.execute(
        "SELECT DISTINCT article_id FROM mentions WHERE entity = ?", (row["name"],)
    ).fetchall()
    assert sorted(data["articles"]) == sorted(r[0] for r in mentioned)
    assert data["articles_complete"] and data["statement_count"] == count


def test_entities_list_pages_and_filters_by_kind(client, store):
    page = client.get("/api/entities", params={"kind": "person", "limit": 3}).json()
    persons = store.conn.execute("SELECT COUNT(*) FROM entities WHERE kind='person'").fetchone()
    assert page["total"] == persons[0] and len(page["items"]) == min(3, persons[0])
    assert {e["kind"] for e in page["items"]} == {"person"}


def test_search_finds_words_with_highlighted_snippets(client, store):
    data = client.get("/api/search", params={"q": "quay"}).json()
    expected = store.conn.execute(
        "SELECT COUNT(*) FROM articles WHERE lower(headline || ' ' || body) LIKE '%quay%'"
    ).fetchone()[0]
    assert data["total"] == expected >= 2
    for item in data["items"]:
        assert "<mark>" in item["snippet_html"] and "quay" in item["snippet"].lower()
        assert "\x02" not in item["snippet"]


def test_search_snippets_escape_the_article_text(client):
    data = client.get("/api/search", params={"q": "notice"}).json()
    hostile = [i for i in data["items"] if "window.__pwned" in i["snippet"]]
    assert hostile, "the hostile page's notice should match"
    for item in hostile:
        html = item["snippet_html"].replace("<mark>", "").replace("</mark>", "")
        assert "<" not in html and "&lt;" in html


@pytest.mark.parametrize("query", ['"unclosed', "a:b", "AND", "(", "NEAR(", "*", "x OR"])
def test_search_syntax_errors_are_400_with_a_message(client, query):
    api = client.get("/api/search", params={"q": query})
    assert api.status_code == 400, api.text
    assert "cannot search" in api.json()["detail"]
    page = client.get("/search", params={"q": query})
    assert page.status_code == 400
    assert "cannot search" in page.text and "as a phrase" in page.text


def test_search_page_offers_the_phrase_that_works(client):
    page = client.get("/search", params={"q": "harbour's quay"})
    assert page.status_code == 400
    fixed = client.get("/search", params={"q": '"harbour\'s quay"'})
    assert fixed.status_code == 200


def test_the_stories_the_store_built_are_listed_and_shown(client, store):
    built = store.story_rows()
    assert built, "ingesting the example corpus builds stories"
    listed = client.get("/api/stories", params={"limit": 500}).json()
    assert listed["total"] == len(built)
    assert sorted(s["id"] for s in listed["items"]) == sorted(r["story"] for r in built)
    stored = set(store.article_ids())
    for item in listed["items"]:
        assert item["articles"] and set(item["articles"]) <= stored
        assert len(item["refs"]) == len(item["articles"])
        story = store.story(item["id"])
        assert sorted(item["articles"]) == sorted(story.articles)
        page = client.get(item["href"])
        assert page.status_code == 200
        for article_id in story.articles:
            assert f'href="/articles/{article_id}"' in page.text
        assert client.get(f"/api/stories/{item['id']}").json()["id"] == item["id"]
    assert "No stories in this store yet" not in client.get("/").text


def test_an_empty_store_says_it_has_no_stories_yet(tmp_path):
    with client_for(tmp_path / "empty.db") as empty:
        assert empty.get("/api/stories").json()["items"] == []
        assert "No stories in this store yet" in empty.get("/").text


def test_stories_list_filters_and_sorts(story_client, store):
    story = hand_story(store)

    def listed(**params) -> list[dict]:
        data = story_client.get("/api/stories", params={"limit": 500, **params}).json()
        return data["items"]

    item = next(s for s in listed() if s["id"] == story.id)
    assert item["articles"] == story.articles and item["href"] == f"/stories/{story.id}"
    assert item["independent_sources"] == 2
    for params, kept in [
        ({"outlet": story.outlets[0]}, True),
        ({"outlet": "No Such Outlet"}, False),
        ({"entity": "Rhea Solberg"}, True),
        ({"entity": "nobody at all"}, False),
        ({"since": "2025-03-05"}, True),
        ({"since": "2025-03-09"}, False),
        ({"until": "2025-02-28"}, False),
        ({"sort": "outlets"}, True),
        ({"sort": "size"}, True),
    ]:
        found = listed(**params)
        assert (story.id in [s["id"] for s in found]) is kept, params
        if "outlet" in params:
            assert all(params["outlet"] in s["outlets"] for s in found)
        if "since" in params:
            assert all((s["last_published"] or "")[:10] >= params["since"] for s in found)
    sizes = [len(s["articles"]) for s in listed(sort="size")]
    assert sizes == sorted(sizes, reverse=True)
    outlets = [len(s["outlets"]) for s in listed(sort="outlets")]
    assert outlets == sorted(outlets, reverse=True)
    latest = [s["last_published"] or "" for s in listed()]
    assert latest == sorted(latest, reverse=True)
    assert story_client.get("/api/stories", params={"since": "March"}).status_code == 400
    assert story_client.get("/api/stories", params={"sort": "random"}).status_code == 422


def test_story_detail_json_and_page(story_client, store):
    story = hand_story(store)
    data = story_client.get(f"/api/stories/{story.id}").json()
    assert data["id"] == story.id and data["independent_sources"] == 2
    assert data["provenance"][0]["children"][0]["kind"] == "upstream"
    page = story_client.get(f"/stories/{story.id}")
    assert page.status_code == 200
    html = page.text
    for outlet in story.outlets:
        assert f"<h3>{escape(outlet)}</h3>" in html
    assert html.count('<g class="box') == 5  # two outlets, the wire, two sources
    assert "Only one outlet says this." in html and "independent primary source" in html
    assert f'href="/articles/{story.articles[-1]}#statement-0"' in html
    assert "republishes" in html
    assert story_client.get("/api/stories/999").status_code == 404
    assert story_client.get("/stories/999").status_code == 404


def test_article_page_marks_statements_and_entities_at_their_offsets(client, store):
    article_id = hostile_article_id(store)
    _article, annotations = store.article(article_id)
    html = client.get(f"/articles/{article_id}").text
    assert html.count('<mark class="statement"') >= len(
        {s.content_span for s in annotations.statements}
    )
    mention = annotations.mentions[0]
    assert f">{mention.text}</a>" in html or f">{mention.text}</span>" in html
    assert "<details>" in html and "removed as boilerplate" in html


def test_removed_boilerplate_is_listed_in_a_details_block(client, store):
    row = store.conn.execute(
        "SELECT id FROM articles WHERE removed != '[]' ORDER BY length(removed) DESC LIMIT 1"
    ).fetchone()
    article, _ = store.article(row[0])
    html = client.get(f"/articles/{row[0]}").text
    details = html[html.index("<details>") : html.index("</details>")]
    assert f"{len(article.removed)} line" in details
    assert details.count("<tr>") == len(article.removed) + 1


def test_list_pages_offer_downloads_that_work(client, store):
    for path, what in [("/", "stories"), ("/articles", "articles"), ("/articles", "statements")]:
        assert f'href="/export/{what}.csv"' in client.get(path).text
    text = client.get("/export/articles.csv").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(int(r["id"]) for r in rows) == store.article_ids()
    lines = client.get("/export/statements.jsonl").text.splitlines()
    assert len(lines) == store.counts()["statements"]
    assert {"speaker", "content", "article_id"} <= set(json.loads(lines[0]))
    parquet = client.get("/export/articles.parquet")
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == store.counts()["articles"]
    assert client.get("/export/articles.xml").status_code == 404
    assert client.get("/export/passwords.csv").status_code == 404


def test_openapi_schema_describes_the_api(client):
    schema = client.get("/api/openapi.json").json()
    for path in [
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/entities/{entity_id}",
        "/api/search",
    ]:
        assert path in schema["paths"], path
    params = {p["name"] for p in schema["paths"]["/api/articles"]["get"]["parameters"]}
    assert {"limit", "offset"} <= params
    assert not any(p.startswith(("/articles", "/ingest")) for p in schema["paths"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/0",
        "/api/articles/-1",
        "/api/articles/abc",
        "/api/articles/99999999999999999999999",
        "/api/articles?limit=0",
        "/api/articles?limit=100000",
        "/api/articles?offset=-5",
        "/api/articles?offset=99999999999999999999999",
        "/api/search",
        "/api/search?q=",
        "/api/entities?kind=alien",
        "/articles/abc",
        "/entities/0",
        "/?offset=-1",
        "/?since=2025-13-45",
        "/stories/not-a-number",
    ],
)
def test_malformed_requests_get_a_4xx_with_a_message(client, path):
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code)
    if path.startswith("/api/"):
        assert response.json()["detail"]
    else:
        assert 'class="error"' in response.text


def test_missing_items_are_404(client):
    for path in [
        "/api/articles/987654",
        "/api/entities/987654",
        "/articles/987654",
        "/entities/987654",
        "/no/such/page",
        "/static/nothing.css",
    ]:
        assert client.get(path).status_code == 404, path


def test_every_page_renders(client, store):
    entity_id = store.conn.execute("SELECT MIN(id) FROM entities").fetchone()[0]
    for path in [
        "/",
        "/articles",
        "/entities",
        "/entities?kind=person",
        f"/entities/{entity_id}",
        "/search",
        "/search?q=strike",
        "/ingest",
        "/static/style.css",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path


def test_example_corpus_is_the_one_served(store):
    sources = {r[0] for r in store.conn.execute("SELECT source FROM articles")}
    assert any(s.startswith(str(NEWSROOM)) for s in sources)


def test_an_article_in_another_language_says_why_it_has_no_annotations(tmp_path):
    page = tmp_path / "hafen.txt"
    page.write_text(
        "Streik legt den Hafen von Velmora lahm\n\nDie Hafenarbeiter in Velmora haben am "
        "Montag die Arbeit niedergelegt. Der Frachtverkehr im größten Hafen der Region kam "
        "zum ersten Mal seit zehn Jahren zum Erliegen, sagte Gewerkschaftssprecherin Ilse "
        "Varga vor dem Haupttor.\n",
        encoding="utf-8",
    )
    db = tmp_path / "st.db"
    with Storytrace(db) as st:
        st.ingest([str(page)])
        (article_id,) = st.store.article_ids()
    with client_for(db) as c:
        html = c.get(f"/articles/{article_id}").text
    assert html.count("No annotations: language &#39;de&#39; is not annotated") == 2
    assert "No entities were found" not in html
