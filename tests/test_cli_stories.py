"""Stories from the command line: the seeds make one story, traced back to its sources."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_KI, SEED_UP
from typer.testing import CliRunner

from storytrace.cli import app

runner = CliRunner()
STORY_KEYS = (
    "story",
    "headline",
    "articles",
    "outlets",
    "first_published",
    "last_published",
    "independent_sources",
)


def run(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def jsonl(*args: str) -> list[dict]:
    return [json.loads(line) for line in run(*args).stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("stories") / "seeds.db")
    run("ingest", str(SEED_KI), str(SEED_UP), "--db", db)
    return db


def walk(node: dict, path=()):
    yield (*path, node)
    for child in node["children"]:
        yield from walk(child, (*path, node))


def test_the_two_seed_pages_are_one_story_told_by_two_outlets(seeds_db):
    [story] = jsonl("stories", "--db", seeds_db, "--format", "jsonl")
    assert tuple(story) == STORY_KEYS
    assert sorted(story["articles"]) == sorted([str(SEED_KI), str(SEED_UP)])
    assert len(story["outlets"]) == 2 and "The Kyiv Independent" in story["outlets"]
    assert story["first_published"].startswith("2024-09-21T17:59")
    assert story["last_published"].startswith("2024-09-24")
    assert story["independent_sources"] >= 3


def test_bloomberg_is_the_upstream_outlet_of_anonymous_sources_in_both_articles(seeds_db):
    [story] = jsonl("story", "1", "--db", seeds_db, "--format", "jsonl")
    assert len(story["provenance"]) == 2, "one provenance tree per article"
    for root in story["provenance"]:
        bloomberg = [n for *_, n in walk(root) if n["name"] == "Bloomberg"]
        assert bloomberg, f"{root['name']} has no Bloomberg node"
        assert bloomberg[0]["kind"] == "upstream"
        assert any(c["kind"] == "anonymous" for c in bloomberg[0]["children"])


def test_on_record_speakers_are_zelenskyy_and_yermak(seeds_db):
    [story] = jsonl("story", "1", "--db", seeds_db, "--format", "jsonl")
    named = {
        n["name"] for root in story["provenance"] for *_, n in walk(root) if n["kind"] == "person"
    }
    assert any("Zelensk" in name for name in named)
    assert any("Yermak" in name for name in named)
    assert all("Zelensk" in name or "Yermak" in name for name in named), named


def test_timeline_resolves_relative_dates_against_publication(seeds_db):
    entries = jsonl("timeline", "1", "--db", seeds_db, "--format", "jsonl")
    spans = {(e["event"]["start"], e["event"]["end"]) for e in entries}
    assert ("2024-09-20", "2024-09-20") in spans  # "on Friday", published Tuesday 24th
    assert ("2024-09-23", "2024-09-23") in spans  # "on Monday"
    assert ("2024-09-26", "2024-09-26") in spans  # "on Sept. 26"
    assert ("2024-11-01", "2024-11-30") in spans  # "in November"
    starts = [e["event"]["start"] for e in entries]
    assert starts == sorted(starts)
    assert all(e["event"]["sentence"] for e in entries)


def test_story_and_timeline_tables_render(seeds_db):
    out = run("story", "1", "--db", seeds_db).stdout
    assert "provenance" in out and "Bloomberg" in out and "timeline" in out
    assert "2024-09-26" in run("timeline", "1", "--db", seeds_db).stdout


def test_unknown_story_exits_1(seeds_db):
    assert runner.invoke(app, ["story", "99", "--db", seeds_db]).exit_code == 1


def test_recluster_gives_the_same_stories(seeds_db):
    before = jsonl("stories", "--db", seeds_db, "--format", "jsonl")
    assert "1 stories" in run("recluster", "--db", seeds_db).stdout
    after = jsonl("stories", "--db", seeds_db, "--format", "jsonl")
    assert [sorted(s["articles"]) for s in after] == [sorted(s["articles"]) for s in before]


def test_reingesting_does_not_change_stories(seeds_db):
    before = jsonl("stories", "--db", seeds_db, "--format", "jsonl")
    run("ingest", str(SEED_KI), str(SEED_UP), "--db", seeds_db)
    assert jsonl("stories", "--db", seeds_db, "--format", "jsonl") == before
