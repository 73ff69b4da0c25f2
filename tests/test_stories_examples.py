"""Stories of the example corpus against its truth file (examples/newsroom.truth.json).

The newsroom corpus holds three invented events told by six outlets, with one syndicated
copy. Ingested as a user would, storytrace must find each event as one story, link the
copy to its original and not count the copy's sources again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO
from typer.testing import CliRunner

from storytrace.cli import app
from storytrace.store import open_store
from storytrace.stories.build import build_story

CORPUS = EXAMPLES / "newsroom"
TRUTH = json.loads((EXAMPLES / "newsroom.truth.json").read_text(encoding="utf-8"))
OUTLET_OF = {a: o["name"] for o in TRUTH["outlets"] for a in o["articles"]}
runner = CliRunner()


def truth_ref(name: str) -> str:
    """The truth file's article name as `stories` shows it: a JSONL record by its `id`."""
    path, _, line = name.partition(".jsonl:")
    if not line:
        return name
    records = Path(path + ".jsonl").read_text(encoding="utf-8").splitlines()
    return json.loads(records[int(line) - 1])["id"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("newsroom") / "news.db")
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", path], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def stories(db) -> list[dict]:
    result = runner.invoke(app, ["stories", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def shown(ref: str) -> str:
    """A story's article reference with the checkout's path taken off (we ingest by full path)."""
    path = Path(ref)
    return path.relative_to(REPO).as_posix() if path.is_absolute() else ref


def groups(stories: list[dict]) -> set[frozenset[str]]:
    return {frozenset(shown(a) for a in s["articles"]) for s in stories}


def truth_groups() -> set[frozenset[str]]:
    return {frozenset(truth_ref(a) for a in s["articles"]) for s in TRUTH["stories"]}


def test_every_article_is_in_exactly_one_story(stories):
    placed = [shown(a) for s in stories for a in s["articles"]]
    assert sorted(placed) == sorted(truth_ref(a) for s in TRUTH["stories"] for a in s["articles"])


def test_every_invented_story_is_recovered_exactly(stories):
    assert groups(stories) == truth_groups()


def test_the_budget_leak_told_from_the_bridge_side_joins_the_budget_story(stories):
    """It was put with the bridge story, whose people it names; its figures are the budget
    story's, and terms with digits now weigh more (ClusterParams.number_weight)."""
    name = "examples/newsroom/northfield-daily-budget-bridges.txt"
    (truth,) = [t for t in TRUTH["stories"] if name in t["articles"]]
    (found,) = [s for s in stories if name in {shown(a) for a in s["articles"]}]
    assert {shown(a) for a in found["articles"]} == {truth_ref(a) for a in truth["articles"]}
    assert any("budget" in truth_ref(a) for a in truth["articles"] if a != name)


def test_each_story_has_the_truth_outlets_and_time_span(stories):
    for truth in TRUTH["stories"]:
        refs = {truth_ref(a) for a in truth["articles"]}
        (story,) = [s for s in stories if refs <= {shown(a) for a in s["articles"]}]
        outlets = {OUTLET_OF[a] for a in truth["articles"]}
        assert outlets == set(story["outlets"])
        assert story["first_published"] == truth["first_published"]


def test_the_syndicated_copy_is_linked_to_its_original_and_not_counted_twice(db):
    (truth,) = [s for s in TRUTH["stories"] if s["syndicated"]]
    ((copy_name, original_name),) = truth["syndicated"].items()
    with open_store(db) as store:
        source_of = {i: shown(store.article(i)[0].source) for i in store.article_ids()}
        by_source = {v: k for k, v in source_of.items()}
        copy, original = by_source[copy_name], by_source[original_name]
        (story_id,) = store.stories_of([copy])
        story = store.story(story_id)
        assert story.syndicated == {copy: original}
        # the copy's sources are its original's: the count is the same without the copy
        others = [(i, *store.article(i)) for i in story.articles if i != copy]
        assert story.independent_sources == build_story(story_id, others).independent_sources
        # and the copy's sentences do not make claims of their own
        assert all(row["article"] != copy for c in story.claims for row in c.sentences)
