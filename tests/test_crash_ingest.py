"""Crash safety: `storytrace ingest` killed with SIGKILL at random points, then restarted.

A month of scraped pages must come out the same whether the ingest ran once or was
killed twenty times on the way: every input stored exactly once, the store sound,
the inputs already done not done again, and everything derived from them equal to
what one uninterrupted run derives.

Where the kills land (seeded), keyed on the store's progress only, never on time
(a run that outpaced a timed kill finished before twenty kills had landed): two wait
for a batch of articles to be saved and kill right after it (so the run makes
progress and resumes from a saved batch); the others kill when the run has recorded
one to `RECORD_STEP` new inputs, at most as many as fill its first batch, so they
land while it records and cleans inputs, or, when the last one fills the batch,
while it loads the model and annotates. Every kill also happens at the latest right
after the run's first save. Each kill thus costs a few inputs of the corpus, or one
batch, so twenty kills fit in one pass over it with room for the inputs a run
records between reaching its kill point and the kill (the watcher polls the store
through a plain reader connection while the ingest writes). A kill inside the batch
transaction itself is `test_crash_batch.py`'s job.
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
"""Kills right after a batch is saved (the first run's among them: it starts the store)."""
COPIES = 12
"""12 copies of the 17 example articles: 204 inputs (text, HTML, gzipped HTML, JSONL), so
seven batches of 32: the saving kills take two, the record kills about three inputs each
plus what a run records before its kill lands."""
RECORD_STEP = 3
"""A record kill lands after one to this many new inputs are recorded."""
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

    def reached(self, start: Progress, now: Progress) -> bool:
        saved = now.ok > start.ok  # every kill comes at the latest after the first save
        return saved or now.rows >= self.rows

    def __str__(self) -> str:
        return f"record@{self.rows:g}" if self.kind == "record" else "save"


def run_until(db: Path, corpus: Path, log: Path, point: KillPoint | None) -> bool:
    """Start an ingest and SIGKILL it at `point` (None: let it finish); whether it was killed."""
    watcher = Watcher(db)
    start = watcher.progress()
    began = time.monotonic()
    with log.open("ab") as out:
        proc = subprocess.Popen([*INGEST, str(corpus), "--db", str(db)], stdout=out, stderr=out)
        try:
            while proc.poll() is None:
                now, elapsed = watcher.progress(), time.monotonic() - began
                if point is not None and (point.reached(start, now) or elapsed > FALLBACK):
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait()
                    return True
                time.sleep(POLL)
        finally:
            watcher.close()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, log.read_text(errors="replace")[-3000:]
    return False


def kill_point(
    rng: random.Random, number: int, saving: set[int], now: Progress, total: int
) -> KillPoint:
    pending = now.rows - now.ok  # a run redoes these first, then records new inputs
    if number in saving or now.rows >= total or pending >= BATCH:
        # Nothing new to record, or a batch fills before anything new is recorded.
        return KillPoint("save")
    # New inputs, at most as many as fill the run's first batch: before its first save.
    step = rng.randint(1, min(RECORD_STEP, BATCH - pending))
    return KillPoint("record", rows=now.rows + step)


def test_twenty_random_kills_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "pages"
    total = reliability.write_corpus(corpus, COPIES)
    db = tmp_path / "killed.db"
    log = tmp_path / "ingest.log"
    rng = random.Random(SEED)
    saving = {0, *rng.sample(range(1, KILLS), SAVING_KILLS - 1)}
    kills: list[KillPoint] = []
    redone: list[int] = []
    while True:
        before = reliability.done_articles(db)
        watcher = Watcher(db)
        now = watcher.progress()
        watcher.close()
        point = None
        if len(kills) < KILLS:
            point = kill_point(rng, len(kills), saving, now, total)
        killed = run_until(db, corpus, log, point)
        after = reliability.done_articles(db)
        # What was done before this run is not done again (it keeps its article row).
        redone += [i for i, article in before.items() if after.get(i) != article]
        if db.exists():
            health = reliability.store_health(db)
            assert health == reliability.HEALTHY, f"after kill {len(kills)}: {health}"
            assert reliability.consistent(db) == [], f"after kill {len(kills)}"
            assert reliability.dangling(db) == [], f"after kill {len(kills)}"
        if not killed:
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
