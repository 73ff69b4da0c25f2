"""Every engine leaves the same store: one process, the process pool and Ray Data."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storytrace.api import Storytrace
from storytrace.model import Options, to_dict

REPO = Path(__file__).resolve().parents[1]
NEWSROOM = REPO / "examples" / "newsroom"


def snapshot(corpus: Storytrace) -> dict:
    """The store's content by source, without ids, in a stable order."""
    store = corpus.store
    articles = {}
    for article_id in store.article_ids():
        article, found = store.article(article_id)
        articles[article.source] = (to_dict(article), to_dict(found))
    by_id = {i: store.article(i)[0].source for i in store.article_ids()}
    stories = sorted(
        sorted(by_id[i] for i in members) for members in _story_members(corpus).values()
    )
    entities = sorted((e.name, str(e.kind), sorted(e.aliases)) for e in corpus.entities())
    inputs = sorted((i["source"], i["status"]) for i in corpus.inputs())
    statements = sorted(
        (row["source"], row["speaker"], row["speaker_entity"], row["content"])
        for row in corpus.statements()
    )
    return {
        "articles": articles,
        "entities": entities,
        "stories": stories,
        "inputs": inputs,
        "statements": statements,
    }


def _differences(got: dict, want: dict) -> list[tuple]:
    """The annotations' items that differ, as (field, index, got, want): a failure names the
    very statement or mention, not two truncated dicts."""
    found = []
    for key in sorted(set(got) | set(want)):
        a, b = got.get(key), want.get(key)
        if isinstance(a, list) and isinstance(b, list):
            found += [(key, i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
            if len(a) != len(b):
                found.append((key, "length", len(a), len(b)))
        elif a != b:
            found.append((key, None, a, b))
    return found


def _story_members(corpus: Storytrace) -> dict[int, list[int]]:
    from storytrace.store import stories as story_store

    return {
        row["story"]: story_store.members(corpus.store, row["story"]) for row in corpus.stories()
    }


@pytest.mark.slow
def test_engines_match_on_the_newsroom(tmp_path: Path) -> None:
    # Small batches, so both workers get some of the corpus and the entity snapshot they
    # answer from is older than the main process's; on Ray the first batch goes to a
    # plain task while the actors start, the rest streams from the actors.
    runs = {
        "single": Options(workers=1, batch_size=2),
        "pool": Options(workers=2, batch_size=2),
        "ray": Options(workers=2, batch_size=2, engine="ray"),
    }
    results = {}
    for name, options in runs.items():
        with Storytrace(tmp_path / f"{name}.db", options) as corpus:
            report = corpus.ingest([str(NEWSROOM)])
            assert report.count("ok") > 8, name
            results[name] = snapshot(corpus)
    single = results["single"]
    assert len(single["stories"]) >= 2
    assert single["statements"] and single["entities"]
    for name in ("pool", "ray"):
        other = results[name]
        assert other["inputs"] == single["inputs"], name
        assert other["articles"].keys() == single["articles"].keys(), name
        for source, (article, found) in single["articles"].items():
            assert other["articles"][source][0] == article, (name, source)
            assert _differences(other["articles"][source][1], found) == [], (name, source)
        assert other["entities"] == single["entities"], name
        assert other["statements"] == single["statements"], name
        assert other["stories"] == single["stories"], name

    # The Ray run's tables: worker results by publication date, and one feature row
    # per stored article, beside the store.
    root = tmp_path / "ray.db.parquet"
    dates = sorted(p.name for p in (root / "articles").iterdir())
    assert dates and all(d.startswith("published_date=") for d in dates)
    published = {a["published"][:10] for a, _ in single["articles"].values() if a["published"]}
    assert {d.removeprefix("published_date=") for d in dates} >= published
    features = pq.read_table(root / "features")
    assert features.num_rows == len(single["articles"])
    assert list((root / "features").glob("*.parquet"))
    assert set(features.column_names) >= {"headline", "lead", "published", "outlet", "entities"}
