"""Stories in the store: assignments, the clusterer's state, and each story's built view."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from storytrace.model import (
    Claim,
    DatedEvent,
    ProvenanceNode,
    Story,
    TimelineEntry,
    to_dict,
)

if TYPE_CHECKING:
    from storytrace.store.core import Store


def load_state(store: Store) -> dict[str, Any] | None:
    """The streaming clusterer's saved state, or None before the first story."""
    row = store.conn.execute("SELECT state FROM story_index WHERE id = 1").fetchone()
    return json.loads(row[0]) if row else None


def assign(
    store: Store,
    placed: Iterable[tuple[int, int, float]],
    merged: dict[int, int],
    state: dict[str, Any],
    moved: Iterable[tuple[int, int]] = (),
) -> None:
    """Record (article, story, score) placements, (article, story) moves of placed articles
    (a story split), story merges (old -> final story) and the clusterer's state at once.

    Merges come last, so an article placed or moved into a story that a later article of
    the batch merged away ends in the story it was merged into.
    """
    with store.transaction() as conn:
        touched: set[int] = set()
        for article_id, story_id, score in placed:
            conn.execute(
                "INSERT INTO story_articles(article_id, story_id, score) VALUES (?, ?, ?)"
                " ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id,"
                " score = excluded.score",
                (article_id, story_id, score),
            )
            touched.add(story_id)
        for article_id, story_id in moved:
            row = conn.execute(
                "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
            ).fetchone()
            if row is not None:
                touched.add(int(row[0]))
            conn.execute(
                "UPDATE story_articles SET story_id = ? WHERE article_id = ?",
                (story_id, article_id),
            )
            touched.add(story_id)
        for old, new in merged.items():
            conn.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (new, old))
            conn.execute("DELETE FROM stories WHERE id = ?", (old,))
        touched = (touched - set(merged)) | set(merged.values())
        for story_id in touched:
            conn.execute(
                "INSERT INTO stories(id, stale) VALUES (?, 1)"
                " ON CONFLICT(id) DO UPDATE SET stale = 1",
                (story_id,),
            )
        conn.execute(
            "INSERT INTO story_index(id, state) VALUES (1, ?)"
            " ON CONFLICT(id) DO UPDATE SET state = excluded.state",
            (json.dumps(state),),
        )


def reset(store: Store) -> None:
    """Forget every story and the clusterer's state (before a full recluster)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM story_articles")
        conn.execute("DELETE FROM stories")
        conn.execute("DELETE FROM story_index")


def mark_stale_naming(store: Store, names: Iterable[str]) -> None:
    """Mark stale every story with an article that names one of these entities.

    Called with the new names after the resolver renames entities: a built view embeds
    names (main entities, speakers, provenance), so it is rebuilt to show the current one.
    """
    with store.transaction() as conn:
        for name in sorted(set(names)):
            conn.execute(
                "UPDATE stories SET stale = 1 WHERE id IN ("
                " SELECT sa.story_id FROM story_articles sa JOIN mentions m"
                " ON m.article_id = sa.article_id WHERE m.entity = ?"
                " UNION SELECT sa.story_id FROM story_articles sa JOIN statements s"
                " ON s.article_id = sa.article_id WHERE s.speaker_entity = ?)",
                (name, name),
            )


def stale(store: Store) -> list[int]:
    return [r[0] for r in store.conn.execute("SELECT id FROM stories WHERE stale = 1 ORDER BY id")]


def members(store: Store, story_id: int) -> list[int]:
    """Article ids of a story, oldest first."""
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
            (story_id,),
        )
    ]


def save(store: Store, story: Story) -> None:
    """Store a built story's view and columns, and mark its syndicated copies."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE stories SET headline = ?, first_published = ?, last_published = ?,"
            " outlets = ?, size = ?, independent_sources = ?, view = ?, stale = 0 WHERE id = ?",
            (
                story.headline,
                story.first_published.isoformat() if story.first_published else None,
                story.last_published.isoformat() if story.last_published else None,
                json.dumps(story.outlets, ensure_ascii=False),
                len(story.articles),
                story.independent_sources,
                json.dumps(to_dict(story), ensure_ascii=False),
                story.id,
            ),
        )
        conn.execute(
            "UPDATE story_articles SET syndicated_of = NULL WHERE story_id = ?", (story.id,)
        )
        conn.executemany(
            "UPDATE story_articles SET syndicated_of = ? WHERE article_id = ?",
            [(original, copy) for copy, original in story.syndicated.items()],
        )


def rows(
    store: Store, *, limit: int | None = None, offset: int = 0, order: str = "latest"
) -> list[dict[str, Any]]:
    """Stories in the public `stories --format jsonl` shape, latest first (or largest)."""
    order_by = {
        "latest": "last_published IS NULL, last_published DESC, id DESC",
        "size": "size DESC, id",
        "outlets": f"{store.dialect.json_length('outlets')} DESC, id",
    }[order]
    sql = (
        "SELECT id, headline, outlets, first_published, last_published, independent_sources"
        f" FROM stories WHERE view IS NOT NULL ORDER BY {order_by}"
    )
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [limit, offset]
    found = [dict(r) for r in store.conn.execute(sql, params)]
    refs = _member_refs(store, [r["id"] for r in found])
    return [
        {
            "story": r["id"],
            "headline": r["headline"],
            "articles": refs.get(r["id"], []),
            "outlets": json.loads(r["outlets"]),
            "first_published": r["first_published"],
            "last_published": r["last_published"],
            "independent_sources": r["independent_sources"],
        }
        for r in found
    ]


def _member_refs(store: Store, story_ids: list[int]) -> dict[int, list[str]]:
    """Story id -> its articles' public refs (JSONL id, else source), oldest first."""
    refs: dict[int, list[str]] = {}
    for start in range(0, len(story_ids), 500):
        chunk = story_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for story_id, ref in store.conn.execute(
            "SELECT sa.story_id, COALESCE(a.input_key, a.source) FROM story_articles sa"
            f" JOIN articles a ON a.id = sa.article_id WHERE sa.story_id IN ({marks})"
            " ORDER BY sa.story_id, a.published IS NULL, a.published, a.id",
            chunk,
        ):
            refs.setdefault(story_id, []).append(ref)
    return refs


def load(store: Store, story_id: int) -> Story:
    """One built story, as the model type."""
    row = store.conn.execute("SELECT view FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None or row[0] is None:
        raise KeyError(f"no story {story_id}")
    return story_from_dict(json.loads(row[0]))


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _node(d: dict[str, Any]) -> ProvenanceNode:
    return ProvenanceNode(
        name=d["name"],
        kind=d["kind"],
        children=[_node(c) for c in d.get("children", [])],
        count=d.get("count"),
        refs=d.get("refs", []),
    )


def _event(d: dict[str, Any]) -> DatedEvent:
    return DatedEvent(
        text=d["text"],
        span=tuple(d["span"]),
        start=date.fromisoformat(d["start"]),
        end=date.fromisoformat(d["end"]),
        granularity=d["granularity"],
        sentence=d["sentence"],
        sentence_span=tuple(d["sentence_span"]),
        anchored=d.get("anchored", True),
    )


def story_from_dict(d: dict[str, Any]) -> Story:
    """Rebuild a Story from its `to_dict` view."""
    return Story(
        id=d["id"],
        headline=d["headline"],
        articles=list(d["articles"]),
        outlets=list(d["outlets"]),
        first_published=_datetime(d.get("first_published")),
        last_published=_datetime(d.get("last_published")),
        entities=list(d.get("entities", [])),
        claims=[Claim(**c) for c in d.get("claims", [])],
        provenance=[_node(n) for n in d.get("provenance", [])],
        independent_sources=d.get("independent_sources", 0),
        syndicated={int(k): v for k, v in d.get("syndicated", {}).items()},
        timeline=[
            TimelineEntry(article=t["article"], outlet=t["outlet"], event=_event(t["event"]))
            for t in d.get("timeline", [])
        ],
    )
