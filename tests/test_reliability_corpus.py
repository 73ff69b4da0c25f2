"""A corpus of many small, distinct pages for the crash and concurrency tests.

The pages are the example corpus (`examples/newsroom`), copied many times, each copy
made distinct by one invented sentence put into its longest paragraph: a named
spokesperson, a reporting verb and a weekday, so every copy carries an entity, a
statement and a date of its own. Text, HTML, gzipped HTML and JSONL all occur.
"""

from __future__ import annotations

import functools
import gzip
import json
import random
import re
import sqlite3
from pathlib import Path

NEWSROOM = Path(__file__).resolve().parents[1] / "examples" / "newsroom"
FIRST = ("Anna", "Boris", "Clara", "Dmytro", "Elena", "Farid", "Greta", "Hamid", "Ines", "Jonas")
LAST = ("Varga", "Okafor", "Lindqvist", "Moreau", "Petrenko", "Sato", "Quiroga", "Haddad")
ORGS = ("the port authority", "the city council", "the union", "the ministry")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)


def sentence(copy: int, rng: random.Random) -> str:
    """One invented sentence with a speaker, a cue and a date, distinct per copy."""
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return (
        f" {who}, a spokesperson for {rng.choice(ORGS)}, said on {rng.choice(DAYS)}"
        f" that review number {copy} would continue."
    )


def _into_text(text: str, extra: str, body: set[str] | None = None) -> str:
    """`extra` added to the longest line (of those in `body`, the cleaned article, if given)."""
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if body is None or line.strip() in body]
    longest = max(candidates, key=lambda i: len(lines[i]))
    lines[longest] += extra
    return "\n".join(lines)


@functools.cache
def _body_lines(path: Path) -> set[str]:
    from storytrace.api import clean

    (record,) = clean([str(path)])
    return set(record["body"].split("\n\n"))


def _into_html(html: str, extra: str) -> str:
    best = max(_PARAGRAPH.finditer(html), key=lambda m: len(m.group(1)))
    return html[: best.end(1)] + extra + html[best.end(1) :]


def _into_jsonl(data: str, extra: str, copy: int) -> str:
    out = []
    for line in data.splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        record["id"] = f"{record['id']}-copy{copy}"
        if "html" in record:
            record["html"] = _into_html(record["html"], extra)
        else:
            paragraphs = _into_text(record["text"].replace("\n\n", "\n"), extra)
            record["text"] = paragraphs.replace("\n", "\n\n")
        out.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(out) + "\n"


def write_corpus(folder: Path, copies: int, seed: int = 8) -> int:
    """Write `copies` distinct copies of the example corpus under `folder`; the input count."""
    rng = random.Random(seed)
    inputs = 0
    for copy in range(copies):
        target = folder / f"copy{copy:03d}"
        target.mkdir(parents=True)
        for path in sorted(NEWSROOM.iterdir()):
            extra = sentence(copy, rng)
            name = path.name
            if name.endswith(".gz"):
                html = gzip.decompress(path.read_bytes()).decode("utf-8")
                (target / name).write_bytes(gzip.compress(_into_html(html, extra).encode(), 6))
                inputs += 1
            elif name.endswith(".html"):
                (target / name).write_text(_into_html(path.read_text("utf-8"), extra), "utf-8")
                inputs += 1
            elif name.endswith(".jsonl"):
                text = _into_jsonl(path.read_text("utf-8"), extra, copy)
                (target / name).write_text(text, "utf-8")
                inputs += text.count("\n")
            else:
                text = _into_text(path.read_text("utf-8"), extra, _body_lines(path))
                (target / name).write_text(text, "utf-8")
                inputs += 1
    return inputs


def test_copies_are_distinct_and_still_articles(tmp_path: Path) -> None:
    from storytrace.api import clean

    count = write_corpus(tmp_path, 2)
    records = list(clean([str(tmp_path)]))
    assert len(records) == count
    assert all(r["status"] == "ok" for r in records), [r["error"] for r in records]
    bodies = [r["body"] for r in records]
    assert len(set(bodies)) == len(bodies)
    assert all("review number" in body for body in bodies)


def snapshot(db: Path) -> dict[str, object]:
    """Everything an ingest derived, keyed by input source rather than row ids.

    Two stores built from the same inputs are equal when their snapshots are,
    whatever order or how many runs wrote them.
    """
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row

    def rows(sql: str) -> list[tuple]:
        return sorted(tuple(r) for r in conn.execute(sql))

    article = "JOIN articles a ON a.id = t.article_id"
    out = {
        "inputs": rows("SELECT source, sha256, status, error, size, media_type FROM inputs"),
        "articles": rows(
            "SELECT source, input_key, url, outlet, domain, headline, authors, published,"
            " language, body, paragraphs, captions, removed, sentences FROM articles"
        ),
        "mentions": rows(
            f'SELECT a.source, t.text, t.start, t."end", t.kind, t.entity FROM mentions t {article}'
        ),
        "statements": rows(
            "SELECT a.source, t.idx, t.speaker, t.speaker_entity, t.speaker_kind,"
            " t.anonymous_count, t.cue, t.content, t.direct, t.speaker_start, t.speaker_end,"
            f" t.cue_start, t.cue_end, t.content_start, t.content_end, t.via FROM statements t"
            f" {article}"
        ),
        "dates": rows(
            f'SELECT a.source, t.text, t.start, t."end", t.date_start, t.date_end,'
            f" t.granularity, t.sentence_start, t.sentence_end, t.anchored FROM dates t {article}"
        ),
        "entities": rows("SELECT name, kind, aliases, mentions FROM entities"),
    }
    conn.close()
    return out


def store_health(db: Path) -> dict[str, object]:
    """What a sound store answers: integrity, foreign keys, full-text index, one row per input."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        fts = "ok"
    except sqlite3.DatabaseError as exc:
        fts = str(exc)
    health = {
        "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
        "foreign_keys": conn.execute("PRAGMA foreign_key_check").fetchall(),
        "fts": fts,
        "duplicate_sources": conn.execute(
            "SELECT source, COUNT(*) FROM inputs GROUP BY source HAVING COUNT(*) > 1"
        ).fetchall(),
        "articles_per_input": conn.execute(
            "SELECT input_id, COUNT(*) FROM articles GROUP BY input_id HAVING COUNT(*) > 1"
        ).fetchall(),
    }
    conn.close()
    return health


HEALTHY = {
    "integrity": "ok",
    "foreign_keys": [],
    "fts": "ok",
    "duplicate_sources": [],
    "articles_per_input": [],
}


def done_articles(db: Path) -> dict[int, int]:
    """Input id -> article id of every input done: a redone input would get a new article id."""
    if not db.exists():
        return {}
    conn = sqlite3.connect(db, timeout=30)
    try:
        return dict(
            conn.execute(
                "SELECT i.id, a.id FROM inputs i JOIN articles a ON a.input_id = i.id"
                " WHERE i.status = 'ok'"
            ).fetchall()
        )
    except sqlite3.OperationalError:
        return {}
    finally:
        conn.close()


def consistent(db: Path) -> list[tuple]:
    """Inputs whose status and article disagree: done without an article, or the reverse."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(
            "SELECT i.id, i.status, a.id FROM inputs i LEFT JOIN articles a ON a.input_id = i.id"
            " WHERE (i.status = 'ok') != (a.id IS NOT NULL)"
        ).fetchall()
    finally:
        conn.close()


def dangling(db: Path) -> list[tuple]:
    """Entity names that stored mentions use and the entities table does not hold."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(
            "SELECT DISTINCT entity FROM mentions WHERE entity IS NOT NULL"
            " AND entity NOT IN (SELECT name FROM entities)"
        ).fetchall()
    finally:
        conn.close()
