"""A crash inside the batch transaction: the batch is stored whole or not at all.

A SIGKILL from outside rarely lands in the few milliseconds a batch takes to write,
so here the process dies there on purpose: a forked child runs the ingest and calls
`os._exit` (no cleanup, no rollback, as a kill) in the middle of writing a batch:
between two of its articles, before its entities, before its story placements.
The store must then hold no part of that batch, and the next run must end where
an uninterrupted run ends.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import test_reliability_corpus as reliability

from storytrace.api import Storytrace
from storytrace.model import Options
from storytrace.pipeline import Pipeline, StoryKeeper
from storytrace.store import Store

OPTIONS = Options(batch_size=4)
CRASHED = 137


def crash_in(db: Path, corpus: Path, target: type, method: str, call: int) -> int:
    """Ingest in a forked child that dies at the `call`-th call of `target.method`."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            original = getattr(target, method)
            calls = 0

            def dying(*args, **kwargs):
                nonlocal calls
                calls += 1
                if calls == call:
                    os._exit(CRASHED)
                return original(*args, **kwargs)

            setattr(target, method, dying)
            with Storytrace(db, OPTIONS) as corpus_store:
                corpus_store.ingest([str(corpus)])
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "pages"
    reliability.write_corpus(folder, 1)
    return folder


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, tmp_path_factory: pytest.TempPathFactory, nlp) -> dict:
    """What one run without a crash stores (the model is loaded here, before any fork)."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    with Storytrace(db, OPTIONS) as corpus_store:
        corpus_store.ingest([str(corpus)])
    return reliability.snapshot(db)


@pytest.mark.parametrize(
    ("target", "method", "call", "done_before"),
    [
        (Store, "save_article", 7, 4),  # the third article of the second batch
        (Pipeline, "_save_entities", 3, 8),  # all of the third batch's articles written
        (StoryKeeper, "place", 2, 4),  # articles and entities written, stories not yet
    ],
    ids=["between-articles", "before-entities", "before-stories"],
)
def test_a_crash_inside_a_batch_leaves_none_of_it(
    corpus: Path,
    uninterrupted: dict,
    tmp_path: Path,
    target: type,
    method: str,
    call: int,
    done_before: int,
) -> None:
    db = tmp_path / "crashed.db"
    assert crash_in(db, corpus, target, method, call) == CRASHED
    assert reliability.store_health(db) == reliability.HEALTHY
    assert reliability.consistent(db) == [] and reliability.dangling(db) == []
    # Only the batches before the one that crashed are done; the crashed one is pending.
    assert len(reliability.done_articles(db)) == done_before
    with Storytrace(db, OPTIONS) as corpus_store:
        report = corpus_store.ingest([str(corpus)])
    assert report.count("unchanged") == done_before
    resumed = reliability.snapshot(db)
    for table in ("inputs", "articles", "mentions", "statements", "dates", "entities"):
        assert resumed[table] == uninterrupted[table], f"{table} differ after the crash"
