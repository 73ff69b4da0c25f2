"""Story views follow entity renames: a built story shows the current canonical names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storytrace.model import (
    Annotations,
    Article,
    Entity,
    EntityKind,
    Mention,
    Page,
    SpeakerKind,
    Statement,
)
from storytrace.pipeline import Pipeline
from storytrace.store import open_store

OLD, NEW = "Zelensky", "Volodymyr Zelenskyy"


def article(n: int) -> tuple[Article, Annotations]:
    text = f"Zelensky said the plan was ready. Report number {n} on the victory plan."
    art = Article(
        source=f"a{n}.txt",
        page_sha256=f"sha{n}",
        headline="Zelensky presents the victory plan",
        published=datetime(2024, 9, 24, 9 + n, tzinfo=UTC),
        outlet=f"Outlet {n}",
        paragraphs=[text],
    )
    notes = Annotations(
        mentions=[Mention("Zelensky", (0, 8), EntityKind.PERSON, OLD)],
        statements=[
            Statement(
                speaker="Zelensky",
                speaker_kind=SpeakerKind.PERSON,
                cue="said",
                content="the plan was ready",
                direct=False,
                content_span=(14, 32),
                cue_span=(9, 13),
                speaker_span=(0, 8),
                speaker_entity=OLD,
            )
        ],
        sentences=[(0, 33), (34, len(text))],
    )
    return art, notes


class RenamingResolver:
    """Stands for the corpus resolver after it found a fuller name for an entity."""

    def drain_changes(self) -> tuple[list[Entity], dict[str, str]]:
        return [Entity(NEW, EntityKind.PERSON, {OLD, NEW}, 2)], {OLD: NEW}


@pytest.fixture
def store(store_db):
    with open_store(store_db) as s:
        yield s


def test_a_built_story_shows_the_new_name_after_a_rename(store):
    triples = []
    for n in (1, 2):
        art, notes = article(n)
        page = Page.from_bytes(art.source, art.body.encode(), "text/plain", text=art.body)
        input_id, _ = store.record_input(page)
        triples.append((store.save_article(input_id, art, notes), art, notes))
    store.save_entities([Entity(OLD, EntityKind.PERSON, {OLD}, 2)])
    pipeline = Pipeline(store)
    pipeline.stories.place(triples)
    pipeline.stories.rebuild_stale()
    (row,) = store.story_rows()
    before = store.story(row["story"])
    assert OLD in before.entities

    pipeline._resolver = RenamingResolver()
    pipeline._save_entities()  # the pipeline's own save step: rename, then mark views stale
    assert pipeline.stories.rebuild_stale() == 1
    after = store.story(row["story"])
    assert NEW in after.entities and OLD not in after.entities
    speakers = {s["speaker"] for claim in after.claims for s in claim.speakers}
    assert speakers == {NEW}
    names = []
    stack = list(after.provenance)
    while stack:
        node = stack.pop()
        names.append(node.name)
        stack.extend(node.children)
    assert NEW in names and OLD not in names
