"""Shared builders for the web tests: a store made by ingesting the example corpus plus
hostile pages, and a store whose stories are written by hand.

The hostile pages carry markup in every field a page controls (headline, outlet, URL,
body text, quoted statements): if any of it reached the browser as markup it would set
`window.__pwned` or change `document.title`.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from storytrace.api import Storytrace
from storytrace.model import (
    Claim,
    ProvenanceNode,
    Story,
    TimelineEntry,
)
from storytrace.store import Store

NEWSROOM = Path(__file__).resolve().parents[1] / "examples" / "newsroom"
PWN = "window.__pwned=1;document.title='pwned'"
HAND_STORY = 900_001
"""The hand-made story's id, far from the ids of the stories the store builds itself."""
HOSTILE_TITLE = f"<script>{PWN}</script>Harbour board <b>votes</b>"
HOSTILE_OUTLET = '<img src=x onerror="window.__pwned=2">Ledger'
HOSTILE_URL = "javascript:window.__pwned=3"
HOSTILE_TEXT = f"""\
Harbour board members voted on Tuesday to reopen the northern quay after a week of \
repairs, ending a closure that had idled forty ships.

"<img src=x onerror=\\"window.__pwned=4\\"> is what the sign said," harbour master \
Rhea Solberg told reporters. She said the quay was safe to use again.

Critics pointed to a notice that read <script>{PWN}</script> and to a link written \
as <a href="javascript:window.__pwned=5">click here</a> on the board's own page.

The port authority said in a statement that repairs had cost less than planned, \
according to two officials familiar with the budget.
"""
HOSTILE_HTML = f"""<!doctype html>
<html><head><title>Quay &lt;script&gt;reopens&lt;/script&gt;</title>
<meta property="og:url" content="javascript:window.__pwned=6">
<script>{PWN}</script></head>
<body onload="window.__pwned=7">
<article>
<h1>Quay &lt;script&gt;{PWN}&lt;/script&gt; reopens to traffic</h1>
<p>By Tomas Brandt</p>
<p>The northern quay at the port of Velmora reopened on Wednesday, harbour officials \
said, a week after a crane collapse closed it to cargo traffic.</p>
<p>"It is &lt;svg onload=window.__pwned=8&gt; safe again," said port engineer Ada Kvist, \
who led the inspection. <img src="x" onerror="window.__pwned=9"> She said two cranes \
would stay out of service.</p>
<p>Shipping agents said at least nine vessels had been waiting offshore, and a \
<a href="javascript:window.__pwned=10">notice</a> on the port's site gave new berth times.</p>
</article></body></html>
"""


def write_hostile_pages(folder: Path) -> list[Path]:
    """A JSONL record and an HTML page whose every field is hostile markup."""
    folder.mkdir(parents=True, exist_ok=True)
    record = {
        "id": "hostile-1",
        "url": HOSTILE_URL,
        "outlet": HOSTILE_OUTLET,
        "title": HOSTILE_TITLE,
        "published": "2025-03-04T10:00:00+00:00",
        "text": HOSTILE_TEXT,
    }
    feed = folder / "hostile.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    page = folder / "hostile.html"
    page.write_text(HOSTILE_HTML, encoding="utf-8")
    return [feed, page]


@cache
def corpus_db() -> Path:
    """A store with the example corpus and the hostile pages, built once per test run."""
    root = Path(tempfile.mkdtemp(prefix="storytrace-web-tests-"))
    owner = os.getpid()
    # Only the process that made it removes it: a forked child exiting must not.
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(root, ignore_errors=True))
    hostile = write_hostile_pages(root / "hostile")
    db = root / "corpus.db"
    with Storytrace(db) as corpus:
        report = corpus.ingest([str(NEWSROOM), *map(str, hostile)])
    assert report.count("ok") >= 3, [(o.source, o.error) for o in report.outcomes]
    return db


def hostile_article_id(store: Store) -> int:
    """The id of the hostile JSONL record's article."""
    article_id = store.find_article("hostile-1")
    assert article_id is not None, "the hostile JSONL record should give an article"
    return article_id


def hostile_html_article_id(store: Store) -> int:
    row = store.conn.execute(
        "SELECT id FROM articles WHERE source LIKE '%hostile.html' ORDER BY id LIMIT 1"
    ).fetchone()
    assert row is not None, "the hostile HTML page should give an article"
    return row[0]


def hand_story(store: Store) -> Story:
    """A story over the first articles of three outlets, with hostile names in its claims and
    provenance, so the story page can be checked before the stories stage fills the store."""
    rows = store.conn.execute(
        "SELECT id, outlet, published FROM articles WHERE outlet IS NOT NULL ORDER BY id"
    ).fetchall()
    picked: dict[str, int] = {}
    for row in rows:
        picked.setdefault(row["outlet"], row["id"])
    hostile = hostile_article_id(store)
    ids = [*list(picked.values())[:3], hostile]
    briefs = {r["id"]: r for r in rows}
    outlets = list(dict.fromkeys(briefs[i]["outlet"] for i in ids))
    timeline = []
    for article_id in ids:
        _, annotations = store.article(article_id)
        for event in annotations.dates[:2]:
            timeline.append(TimelineEntry(article_id, briefs[article_id]["outlet"], event))
    anonymous = ProvenanceNode(
        "<script>window.__pwned=11</script>two officials",
        "anonymous",
        count=2,
        refs=[{"article": hostile, "statement": 0}],
    )
    upstream = ProvenanceNode(
        '"><svg onload="window.__pwned=12">Wire', "upstream", children=[anonymous]
    )
    provenance = [
        ProvenanceNode(outlets[0], "outlet", children=[upstream]),
        ProvenanceNode(outlets[1], "outlet", children=[ProvenanceNode("Rhea Solberg", "person")]),
    ]
    shared = Claim(
        "Shared claim: <b onclick=window.__pwned=13>the quay reopened</b>",
        [{"article": ids[0], "outlet": outlets[0], "text": "x", "span": [0, 1]}],
        [outlets[0], outlets[1]],
        [{"speaker": "two officials", "kind": "anonymous"}],
    )
    unique = Claim("Only one outlet says this.", [], [outlets[0]])
    return Story(
        id=HAND_STORY,
        headline="Story <i>headline</i> with markup",
        articles=ids,
        outlets=outlets,
        first_published=datetime(2025, 3, 1, tzinfo=UTC),
        last_published=datetime(2025, 3, 8, tzinfo=UTC),
        entities=["Rhea Solberg"],
        claims=[shared, unique],
        provenance=provenance,
        independent_sources=2,
        syndicated={ids[1]: ids[0]},
        timeline=timeline,
    )


class HandStories(Store):
    """A Store with one more story, made by hand (see `hand_story`), beside those the stories
    stage built: the story page is checked on hostile names and on every part of a story,
    whatever the stages find in the example corpus."""

    def story_rows(
        self, *, limit: int | None = None, offset: int = 0, order: str = "latest"
    ) -> list[dict]:
        s = hand_story(self)
        hand = {
            "story": s.id,
            "headline": s.headline,
            "articles": s.articles,
            "outlets": s.outlets,
            "first_published": s.first_published,
            "last_published": s.last_published,
            "independent_sources": s.independent_sources,
        }
        rows = [hand, *super().story_rows(order=order)]
        return rows[offset : None if limit is None else offset + limit]

    def story(self, story_id: int) -> Story:
        if story_id == HAND_STORY:
            return hand_story(self)
        return super().story(story_id)


def test_the_corpus_holds_the_examples_and_both_hostile_pages():
    with Store(corpus_db()) as store:
        assert store.counts()["articles"] >= len(list(NEWSROOM.glob("*.txt")))
        hostile = store.article(hostile_article_id(store))[0]
        assert hostile.url == HOSTILE_URL and "<script>" in (hostile.headline or "")
        hostile_html_article_id(store)
