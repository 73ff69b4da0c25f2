"""Latency of the web UI on a big store: story page, article page and search (p50, p95).

    python benchmarks/web.py [--articles 100000] [--db PATH] [--requests 300]
                             [--concurrency 4] [--seconds 60]

1. Build a store of --articles synthetic articles (skipped when --db already holds
   them): the example corpus's clean articles, perturbed (words swapped from the
   corpus's own vocabulary, paragraphs shuffled, outlet and date varied), written
   straight through `Store.save_article` with simple annotations (entity names found by
   string search, one statement per sentence with "said"), not through spaCy.
2. Serve it with uvicorn on 127.0.0.1 in a child process (one worker, as `serve` runs).
3. For each page kind, send at most --requests requests from --concurrency threads,
   for at most --seconds, and print p50, p95 and the slowest, against the 150 ms target,
   with the load average. Searches: one word, two words, and two of the 30 commonest
   words (over the COUNT and RANK limits of `web/queries.py`), all drawn from the text of
   50 random stored articles; and one word's fifth page.

Stories come from the store's stories stage when it has one with stories in it;
otherwise the server groups articles five by five into synthetic stories built from
stored rows (claims from sentences, provenance from statements, timeline from
publication times), so the story page's cost is still that of reading a story's
articles. The output says which one was measured.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "newsroom"
TARGET_MS = 150.0
TARGETED = ("story page", "article page", "search", "search 2 words", "search common")
STORY_SIZE = 5
OUTLETS = [f"Outlet {chr(65 + i)}{j}" for i in range(26) for j in range(4)]
WORD = re.compile(r"[A-Za-z]{4,}")
SENTENCE = re.compile(r"[^.\n]+\.?")


# -- the store ---------------------------------------------------------------------------


def seed_articles() -> list[dict]:
    from storytrace.api import clean

    records = [r for r in clean([str(CORPUS)]) if r["status"] == "ok"]
    if not records:
        sys.exit(f"no clean articles in {CORPUS}")
    return records


def build_store(db: Path, count: int, rng: random.Random) -> None:
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

    seeds = seed_articles()
    vocabulary = sorted({w for r in seeds for w in WORD.findall(r["body"])})
    name = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
    names = sorted({n for r in seeds for n in name.findall(r["body"])})[:200]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with bulk_store_class()(db) as store:
        have = store.counts()["articles"]
        if have >= count:
            print(f"store {db}: {have:,} articles already", flush=True)
            return
        began = time.perf_counter()
        store.conn.execute("PRAGMA synchronous = OFF")
        store.begin_bulk()
        for n in range(have, count):
            seed = seeds[n % len(seeds)]
            paragraphs = [p for p in seed["body"].split("\n\n") if p]
            rng.shuffle(paragraphs)
            paragraphs = [perturb(p, vocabulary, rng) for p in paragraphs]
            body = "\n\n".join(paragraphs)
            data = f"{n}\n{seed['headline']}\n{body}".encode()
            page = Page.from_bytes(f"synthetic/{n}.txt", data, "text/plain")
            input_id, _ = store.record_input(page)
            article = Article(
                source=page.source,
                page_sha256=page.sha256,
                headline=f"{seed['headline']} ({n})",
                authors=list(seed["authors"]),
                published=start + timedelta(minutes=7 * n + rng.randint(0, 600)),
                published_precision="minute",
                outlet=OUTLETS[n % len(OUTLETS)],
                language="en",
                paragraphs=paragraphs,
                url=f"https://example.org/{n}",
            )
            mentions = [
                Mention(name, (i, i + len(name)), EntityKind.PERSON, name)
                for name in names
                if (i := body.find(name)) >= 0
            ]
            sentences = [(m.start(), m.end()) for m in SENTENCE.finditer(body)]
            speaker = mentions[0].entity if mentions else None
            statements = [
                Statement(
                    speaker=speaker or "a spokesperson",
                    speaker_kind=SpeakerKind.PERSON,
                    cue="said",
                    content=body[a:b],
                    direct=False,
                    content_span=(a, b),
                    speaker_entity=speaker,
                )
                for a, b in sentences
                if " said" in body[a:b]
            ]
            store.save_article(input_id, article, Annotations(mentions, statements, [], sentences))
            if (n + 1) % 2_000 == 0:
                store.commit_bulk()
                store.begin_bulk()
            if (n + 1) % 10_000 == 0:
                rate = (n + 1 - have) / (time.perf_counter() - began)
                print(f"  {n + 1:,} articles ({rate:,.0f}/s)", flush=True)
        store.commit_bulk()
        store.save_entities(Entity(name, EntityKind.PERSON, [name], 10) for name in names)
        print(f"built {count - have:,} articles in {time.perf_counter() - began:.0f} s")


def bulk_store_class():
    """A Store whose writes can be grouped into one transaction per few thousand articles
    (one commit per article is what makes a 100,000-article build slow, not the rows)."""
    from contextlib import contextmanager

    from storytrace.store import Store

    class BulkStore(Store):
        in_bulk = False

        def begin_bulk(self) -> None:
            self.conn.execute("BEGIN IMMEDIATE")
            self.in_bulk = True

        def commit_bulk(self) -> None:
            if self.in_bulk:
                self.conn.execute("COMMIT")
            self.in_bulk = False

        @contextmanager
        def transaction(self):
            if self.in_bulk:
                yield self.conn
                return
            with super().transaction() as conn:
                yield conn

    return BulkStore


def perturb(paragraph: str, vocabulary: list[str], rng: random.Random) -> str:
    words = paragraph.split(" ")
    for _ in range(max(1, len(words) // 8)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


# -- the server --------------------------------------------------------------------------


def synthetic_store_class():
    """A Store whose stories are articles grouped five by five, built from stored rows."""
    from storytrace.model import Claim, DatedEvent, ProvenanceNode, Story, TimelineEntry
    from storytrace.store import Store

    class SyntheticStories(Store):
        def story_rows(self, *, limit=None, offset=0, order="latest"):
            total = self.conn.execute("SELECT MAX(id) FROM articles").fetchone()[0] or 0
            ids = range(1, (total + STORY_SIZE - 1) // STORY_SIZE + 1)
            stop = None if limit is None else offset + limit
            return [self._row(i) for i in list(ids)[offset:stop]]

        def _row(self, story_id):
            first = (story_id - 1) * STORY_SIZE + 1
            return {
                "story": story_id,
                "headline": f"story {story_id}",
                "articles": list(range(first, first + STORY_SIZE)),
                "outlets": [],
                "first_published": None,
                "last_published": None,
                "independent_sources": 1,
            }

        def story(self, story_id):
            first = (story_id - 1) * STORY_SIZE + 1
            rows = self.conn.execute(
                "SELECT id, headline, outlet, published, body FROM articles"
                " WHERE id BETWEEN ? AND ? ORDER BY id",
                (first, first + STORY_SIZE - 1),
            ).fetchall()
            if not rows:
                raise KeyError(story_id)
            statements = self.conn.execute(
                "SELECT article_id, idx, speaker, speaker_kind FROM statements"
                " WHERE article_id BETWEEN ? AND ?",
                (first, first + STORY_SIZE - 1),
            ).fetchall()
            outlets = [r["outlet"] for r in rows]
            claims = [
                Claim(r["body"].split(".")[0], [], outlets[: 1 + (i % 3)])
                for i, r in enumerate(rows)
            ]
            sources = [
                ProvenanceNode(
                    s["speaker"],
                    s["speaker_kind"],
                    refs=[{"article": s["article_id"], "statement": s["idx"]}],
                )
                for s in statements[:6]
            ]
            provenance = [ProvenanceNode(o, "outlet", children=sources[:2]) for o in outlets]
            timeline = []
            for r in rows:
                when = datetime.fromisoformat(r["published"]).date()
                event = DatedEvent(r["headline"], (0, 1), when, when, "day", r["headline"], (0, 1))
                timeline.append(TimelineEntry(r["id"], r["outlet"], event))
            published = [datetime.fromisoformat(r["published"]) for r in rows]
            return Story(
                id=story_id,
                headline=rows[0]["headline"],
                articles=[r["id"] for r in rows],
                outlets=outlets,
                first_published=min(published),
                last_published=max(published),
                claims=claims,
                provenance=provenance,
                independent_sources=len(sources),
                timeline=timeline,
            )

    return SyntheticStories


def serve(db: Path, port: int, synthetic: bool) -> None:
    import uvicorn

    from storytrace.store import Store
    from storytrace.web.app import create_app
    from storytrace.web.context import WebSettings

    cls = synthetic_store_class() if synthetic else Store
    app = create_app(WebSettings(db=db), store_factory=lambda: cls(db))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def real_stories(db: Path) -> int:
    from storytrace.store import Store

    with Store(db) as store:
        if not hasattr(store, "story_rows"):
            return 0
        return len(store.story_rows(limit=10))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the load ----------------------------------------------------------------------------


def measure(base: str, paths: list[str], concurrency: int, seconds: float) -> list[float]:
    """Milliseconds per request, for requests sent until the paths or the time run out."""
    import httpx

    deadline = time.monotonic() + seconds
    timings: list[float] = []
    failures: list[str] = []

    def one(client: httpx.Client, path: str) -> None:
        if time.monotonic() > deadline:
            return
        began = time.perf_counter()
        response = client.get(base + path)
        timings.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            failures.append(f"{response.status_code} {path}")

    with httpx.Client(timeout=30) as client, ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda p: one(client, p), paths))
    if failures:
        print(f"    {len(failures)} answers were not 200, e.g. {failures[0]}")
    return timings


def server_cpu(pid: int) -> float | None:
    """CPU seconds the server process has used (user and system), where /proc tells."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def report(
    name: str, timings: list[float], baseline: float | None, cpu: float | None
) -> tuple[bool, float]:
    """Print one kind's figures with the server's CPU time per request, which does not
    depend on what else runs on the machine, and the load average, which says how much
    does; returns whether p95 meets the target, and p50."""
    if not timings:
        print(f"{name:>14}: no requests")
        return False, 0.0
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    ok = p95 < TARGET_MS
    ratio = f"  p50 {p50 / baseline:5.1f}x static" if baseline else " " * 18
    cpu_text = f"  cpu {1000 * cpu / len(timings):5.1f} ms/req" if cpu is not None else ""
    print(
        f"{name:>14}: n={len(timings):4d}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
        f"  max {timings[-1]:7.1f} ms{ratio}{cpu_text}  {'ok' if ok else 'OVER'}"
        f"  (load {os.getloadavg()[0]:.1f})"
    )
    return ok, p50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="store to build or reuse (default: a temp file)")
    parser.add_argument("--requests", type=int, default=300, help="requests per page kind")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60, help="time bound per page kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--synthetic", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.db, args.port, args.synthetic)
        return

    rng = random.Random(args.seed)
    db = args.db or Path(tempfile.mkdtemp(prefix="storytrace-web-bench-")) / "bench.db"
    build_store(db, args.articles, rng)
    # As `storytrace optimize` leaves a store after a large ingest: one search segment.
    from storytrace.store import Store

    began = time.perf_counter()
    with Store(db) as store:
        store.optimize()
    print(f"store optimized in {time.perf_counter() - began:.1f} s (storytrace optimize)")
    synthetic = real_stories(db) == 0
    print(f"stories: {'synthetic, 5 articles each' if synthetic else 'the store stories stage'}")

    port = free_port()
    command = [sys.executable, __file__, "--serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command + (["--synthetic"] if synthetic else []))
    try:
        import httpx

        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                httpx.get(base + "/static/style.css", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        from storytrace.store import Store

        with Store(db) as store:
            top = store.conn.execute("SELECT MAX(id) FROM articles").fetchone()[0]
            sample = ",".join(str(rng.randint(1, top)) for _ in range(50))
            bodies = [
                r[0]
                for r in store.conn.execute(f"SELECT body FROM articles WHERE id IN ({sample})")
            ]
            if synthetic:
                story_ids = list(range(1, (top + STORY_SIZE - 1) // STORY_SIZE + 1))
            else:
                story_ids = [int(r["story"]) for r in store.story_rows()]
            entity_ids = [r[0] for r in store.conn.execute("SELECT id FROM entities")]
        counts = Counter(w.lower() for b in bodies for w in WORD.findall(b))
        words = sorted(counts)
        common = [w for w, _ in counts.most_common(30)]
        n = args.requests
        kinds = {
            "static file": ["/static/style.css"] * n,
            "story page": [f"/stories/{rng.choice(story_ids)}" for _ in range(n)],
            "article page": [f"/articles/{rng.randint(1, top)}" for _ in range(n)],
            "search": [f"/search?q={rng.choice(words)}" for _ in range(n)],
            "search 2 words": [
                f"/search?q={rng.choice(words)}+{rng.choice(words)}" for _ in range(n)
            ],
            "search common": [
                f"/search?q={rng.choice(common)}+{rng.choice(common)}" for _ in range(n)
            ],
            "search page 5": [f"/search?q={rng.choice(words)}&offset=40" for _ in range(n // 3)],
            "entity page": [f"/entities/{rng.choice(entity_ids)}" for _ in range(n)],
            "stories list": [f"/?offset={50 * rng.randint(0, 20)}" for _ in range(n // 3)],
        }
        print(
            f"{top:,} articles; {n} requests per kind, {args.concurrency} at a time, "
            f"at most {args.seconds:.0f} s each; uvicorn, one worker, on 127.0.0.1"
        )
        measure(base, [p for paths in kinds.values() for p in paths[:10]], 2, 30)  # warm up
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        baseline = None
        results = {}
        for kind, paths in kinds.items():
            before = server_cpu(server.pid)
            timings = measure(base, paths, args.concurrency, args.seconds)
            after = server_cpu(server.pid)
            cpu = after - before if before is not None and after is not None else None
            ok, p50 = report(kind, timings, baseline, cpu)
            baseline = baseline or p50
            results[kind] = ok
        targeted = [results[k] for k in TARGETED]
        print(f"target: p95 < {TARGET_MS:.0f} ms for {', '.join(TARGETED)}:")
        print("  met" if all(targeted) else "  not met on this run")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
