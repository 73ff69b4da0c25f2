"""The store's own cost on SQLite and on PostgreSQL, measured in one run.

    python benchmarks/store.py [--articles 1000] [--postgres URL] [--json out.json]

1. ingest: `examples/newsroom` ingested (record, clean, annotate, store, stories)
   into a new store of each backend, twice each, alternating (SQLite, PostgreSQL,
   SQLite, PostgreSQL), after one untimed ingest that loads the model.
2. write: the articles and annotations of that ingest replayed --articles times
   into a new store of each backend, as the pipeline writes them: each input
   recorded, then batches of 16 articles with the entities they mention in one
   transaction. No NLP: this is the store alone.
   PostgreSQL a second time with `synchronous_commit=off` for the session (a commit
   does not wait for its WAL flush: SQLite's synchronous=NORMAL makes the same trade).
3. read: on the stores of step 2, listing every article row, loading 200 articles
   with their annotations, 50 full-text searches, and the JSONL export of articles.

PostgreSQL is --postgres (or $STORYTRACE_TEST_POSTGRES), each run in a new schema;
without either, a throwaway cluster with Debian's binaries and default durability
(fsync on, as a real server; SQLite runs in WAL mode with synchronous=NORMAL).
Both servers share this machine's cores. Printed: seconds per backend and the
ratio PostgreSQL / SQLite (above 1: PostgreSQL slower).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
# The throwaway cluster and per-run schemas are the test suite's (tests/test_postgres_support.py).
sys.path.insert(0, str(REPO / "tests"))

from test_postgres_support import Cluster, fresh_schema, postgres_bin  # noqa: E402

from storytrace import export  # noqa: E402
from storytrace.api import Storytrace  # noqa: E402
from storytrace.model import Options, Page  # noqa: E402
from storytrace.store import Store, open_store  # noqa: E402

BATCH = 16


def server(stack: ExitStack, given: str | None) -> str:
    url = given or os.environ.get("STORYTRACE_TEST_POSTGRES")
    if url:
        return url
    bindir = postgres_bin()
    if bindir is None:
        sys.exit("no PostgreSQL: pass --postgres URL, or apt-get install postgresql")
    cluster = Cluster(bindir)
    url = cluster.start(durable=True)
    stack.callback(cluster.stop)
    return url


def ingest(db: str) -> float:
    with Storytrace(db, Options()) as corpus:
        start = time.perf_counter()
        report = corpus.ingest([str(REPO / "examples" / "newsroom")])
        seconds = time.perf_counter() - start
    assert not report.failed, report.failed
    return seconds


def replay(source: Store, db: str, copies: int) -> float:
    """Write `copies` articles (the source's, cycled, each under new bytes) as the pipeline does."""
    stored = [source.article(i) for i in source.article_ids()]
    entities = {e.name: e for e in source.entities()}
    with open_store(db) as store:
        start = time.perf_counter()
        for first in range(0, copies, BATCH):
            batch = []
            for n in range(first, min(first + BATCH, copies)):
                article, found = stored[n % len(stored)]
                data = f"{article.body}\ncopy {n}".encode()
                page = Page.from_bytes(f"copy{n}.txt", data, "text/plain")
                input_id, _ = store.record_input(page)
                batch.append((input_id, replace(article, source=page.source), found))
            with store.transaction():
                for input_id, article, found in batch:
                    store.save_article(input_id, article, found)
                named = {m.entity for _, _, found in batch for m in found.mentions}
                store.save_entities(entities[n] for n in sorted(named) if n in entities)
        return time.perf_counter() - start


def reads(db: str) -> dict[str, float]:
    with open_store(db) as store:
        timings: dict[str, float] = {}
        start = time.perf_counter()
        for _ in range(200):  # the latency every statement pays (a server: a round trip)
            store.conn.execute("SELECT 1").fetchone()
        timings["200 x SELECT 1"] = time.perf_counter() - start
        start = time.perf_counter()
        ids = [r["id"] for r in store.article_rows()]
        timings["list every article"] = time.perf_counter() - start
        start = time.perf_counter()
        for article_id in ids[:: max(1, len(ids) // 200)][:200]:
            store.article(article_id)
        timings["load 200 articles"] = time.perf_counter() - start
        start = time.perf_counter()
        for word in ("strike", "bridge inquiry", "budget", "minister said", "port") * 10:
            store.search(word)
        timings["50 searches"] = time.perf_counter() - start
        start = time.perf_counter()
        export.write(store, "articles", "jsonl", io.BytesIO())
        timings["export articles jsonl"] = time.perf_counter() - start
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--postgres", help="a server URL; default: a throwaway cluster")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {"sqlite": {}, "postgresql": {}, "pg_async": {}}
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        url = server(stack, args.postgres)
        ingest(f"{tmp}/warm-up.db")  # loads the model and every lazy import, untimed
        dbs = {}
        for round_ in (1, 2):
            for backend in ("sqlite", "postgresql"):
                db = (
                    f"{tmp}/ingest{round_}.db"
                    if backend == "sqlite"
                    else stack.enter_context(fresh_schema(url))
                )
                dbs.setdefault(backend, db)
                results[backend][f"ingest newsroom, run {round_}"] = ingest(db)
        with open_store(dbs["sqlite"]) as source:
            pg = stack.enter_context(fresh_schema(url))
            lazy = stack.enter_context(fresh_schema(url)) + quote(" -csynchronous_commit=off")
            written = {"sqlite": f"{tmp}/replay.db", "postgresql": pg, "pg_async": lazy}
            for backend, db in written.items():
                seconds = replay(source, db, args.articles)
                results[backend][f"write {args.articles} articles"] = seconds
                results[backend].update(reads(db))
    print(f"{'measure':<32} {'SQLite s':>10} {'PostgreSQL s':>13} {'PG / SQLite':>12}")
    for name, lite in results["sqlite"].items():
        pg = results["postgresql"][name]
        print(f"{name:<32} {lite:>10.3f} {pg:>13.3f} {pg / lite:>12.2f}")
    print("PostgreSQL with synchronous_commit=off:")
    for name, lazy in results["pg_async"].items():
        lite = results["sqlite"][name]
        print(f"{name:<32} {lite:>10.3f} {lazy:>13.3f} {lazy / lite:>12.2f}")
    per = {b: results[b][f"write {args.articles} articles"] / args.articles for b in results}
    print(
        f"write: {per['sqlite'] * 1000:.2f} ms per article on SQLite,"
        f" {per['postgresql'] * 1000:.2f} ms on PostgreSQL,"
        f" {per['pg_async'] * 1000:.2f} ms with synchronous_commit=off"
    )
    print("load average (1, 5, 15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
