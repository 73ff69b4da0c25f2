"""Crash safety: `storytrace ingest` killed with SIGKILL at random points, then restarted.

A month of scraped pages must come out the same whether the ingest ran once or was
killed twenty times on the way: every input stored exactly once, the store sound,
the inputs already done not done again, and everything derived from them equal to
what one uninterrupted run derives.

Where the kills land (seeded): two wait for a batch of articles to be saved and
kill right after it (so the run makes progress and resumes from a saved batch); the
others land at a random time before the run's first save, measured on this machine
(starting up, opening the store, recording and cleaning inputs, loading the model,
annotating), or when the run has recorded a random number of new inputs. Every kill
also happens at the latest right after the run's first save, so twenty kills fit in
one pass over the corpus. The test watches the store through a plain reader
connection while the ingest writes. A kill inside the batch transaction itself is
`test_crash_batch.py`'s job.
"""

from __future__ import annotations

import math
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import test_reliability_corpus as reliability

from storytrace.api import Storytrace

KILLS = 20
SAVING_KILLS = 2
"""Kills right after a batch is saved (the first one measures how long that takes here)."""
COPIES = 9
"""9 copies of the 17 example articles: 153 inputs (text, HTML, gzipped HTML, JSONL), so
five batches of 32: the saving kills take two, two stray ones may take two more."""
TIME_SHARE = 0.6
"""Time kills land within this share of the quickest time to a first save seen so far."""
SEED = 20250308
POLL = 0.005
BATCH = 32
FALLBACK = 300.0
"""Seconds after which a run is killed whatever it reached (a stuck run fails the test)."""
INGEST = [sys.executable, "-c", "from storytrace.cli import main; main()", "ingest"]


@dataclass
class Progress:
    rows: int = 0
    ok: int = 0


class Watcher:
    """A plain reader connection that watches the store while another process writes it."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.conn: sqlite3.Connection | None = None

    def progress(self) -> Progress:
        """Inputs recorded and inputs done so far."""
        if self.conn is None:
            if not self.db.exists():
                return Progress()
            self.conn = sqlite3.connect(self.db, timeout=30)
        try:
            rows, ok = self.conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(status = 'ok'), 0) FROM inputs"
            ).fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):  # the other process is still creating the schema
                return Progress()
            raise
        return Progress(rows, ok)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


@dataclass
class KillPoint:
    """When to kill a run: at the first of these it reaches."""

    kind: str
    rows: float = math.inf
    """Inputs recorded in the store."""
    seconds: float = math.inf
    """Time since the run started."""

    def reached(self, start: Progress, now: Progress, elapsed: float) -> bool:
        saved = now.ok > start.ok  # every kill comes at the latest after the first save
        return saved or now.rows >= self.rows or elapsed >= self.seconds

    def __str__(self) -> str:
        if self.kind == "record":
            return f"record@{self.rows:g}"
        if self.kind == "time":
            return f"time@{self.seconds:.2f}s"
        return "save"


@dataclass
class Run:
    killed: bool
    first_save: float | None
    """Seconds from the start of the run to its first saved batch, if it saved one."""


def run_until(db: Path, corpus: Path, log: Path, point: KillPoint | None) -> Run:
    """Start an ingest and SIGKILL it at `point` (None: let it finish)."""
    watcher = Watcher(db)
    start = watcher.progress()
    first_save = None
    began = time.monotonic()
    with log.open("ab") as out:
        proc = subprocess.Popen([*INGEST, str(corpus), "--db", str(db)], stdout=out, stderr=out)
        try:
            while proc.poll() is None:
                now, elapsed = watcher.progress(), time.monotonic() - began
                if first_save is None and now.ok > start.ok:
                    first_save = elapsed
                if point is not None and (point.reached(start, now, elapsed) or elapsed > FALLBACK):
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait()
                    return Run(True, first_save)
                time.sleep(POLL)
        finally:
            watcher.close()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, log.read_text(errors="replace")[-3000:]
    return Run(False, first_save)


def kill_point(
    rng: random.Random,
    number: int,
    saving: set[int],
    now: Progress,
    total: int,
    first_save: float | None,
) -> KillPoint:
    if number in saving or first_save is None:
        return KillPoint("save")
    pending = now.rows - now.ok
    if now.rows < total and rng.random() < 0.5:
        # New inputs recorded before the batch fills up: before this run's first save.
        return KillPoint("record", rows=now.rows + rng.randint(1, max(1, BATCH - pending - 1)))
    return KillPoint("time", seconds=rng.uniform(0.0, TIME_SHARE * first_save))


def test_twenty_random_kills_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "pages"
    total = reliability.write_corpus(corpus, COPIES)
    db = tmp_path / "killed.db"
    log = tmp_path / "ingest.log"
    rng = random.Random(SEED)
    saving = {0, *rng.sample(range(1, KILLS), SAVING_KILLS - 1)}
    kills: list[KillPoint] = []
    redone: list[int] = []
    first_saves: list[float] = []
    while True:
        before = reliability.done_articles(db)
        watcher = Watcher(db)
        now = watcher.progress()
        watcher.close()
        point = None
        if len(kills) < KILLS:
            first = min(first_saves) if first_saves else None
            point = kill_point(rng, len(kills), saving, now, total, first)
        run = run_until(db, corpus, log, point)
        if run.first_save is not None:
            first_saves.append(run.first_save)
        after = reliability.done_articles(db)
        # What was done before this run is not done again (it keeps its article row).
        redone += [i for i, article in before.items() if after.get(i) != article]
        if db.exists():
            health = reliability.store_health(db)
            assert health == reliability.HEALTHY, f"after kill {len(kills)}: {health}"
            assert reliability.consistent(db) == [], f"after kill {len(kills)}"
            assert reliability.dangling(db) == [], f"after kill {len(kills)}"
        if not run.killed:
            break
        kills.append(point)

    reference = tmp_path / "clean.db"
    with Storytrace(reference) as clean_corpus:
        assert clean_corpus.ingest([str(corpus)]).count("ok") == total
    crashed, clean = reliability.snapshot(db), reliability.snapshot(reference)
    stored = [row[0] for row in crashed["inputs"]]
    lost = {row[0] for row in clean["inputs"]} - set(stored)
    duplicated = len(stored) - len(set(stored))
    print(
        f"\n{len(kills)} kills ({', '.join(map(str, kills))}) over {total} inputs:"
        f" {len(lost)} lost, {duplicated} duplicated, {len(redone)} done twice"
    )
    assert len(kills) == KILLS, f"the ingest finished after only {len(kills)} kills"
    assert not lost and not duplicated
    assert redone == [], "inputs already done were processed again"
    assert {row[2] for row in crashed["inputs"]} == {"ok"}
    for table in ("inputs", "articles", "mentions", "statements", "dates", "entities"):
        assert crashed[table] == clean[table], f"{table} differ from an uninterrupted run"
