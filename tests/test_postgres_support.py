"""A PostgreSQL server for the store tests, and tests of the backend's pure parts.

The server is `$STORYTRACE_TEST_POSTGRES` (a URL) when set; otherwise a throwaway
cluster in a temporary folder, made with Debian's binaries (`/usr/lib/postgresql/*/bin`)
or those on PATH, and stopped when the test session ends. initdb refuses to run as
root, so as root the cluster is made and run by the `postgres` user (`runuser`). Each
test gets a schema of its own in that server (the URL's search_path), dropped after.

Without a server, PostgreSQL tests are skipped with the reason, except in CI
(`CI=true`), where they fail: a CI run must not pass by skipping them.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from storytrace.store import Store, StoreError, open_store, store_kind
from storytrace.store.postgres import PostgresDialect, Row, translate

ENV_URL = "STORYTRACE_TEST_POSTGRES"


def postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's newest, else the ones on PATH."""

    def version(folder: Path) -> tuple[int, ...]:
        digits = folder.parent.name.split(".")
        return tuple(int(d) for d in digits if d.isdigit())

    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in a temporary folder, on a free port of 127.0.0.1."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="storytrace-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: run the cluster as `postgres`
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and there is no `postgres` user") from None
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self.as_user, *args], capture_output=True, text=True, timeout=180, check=False
        )
        if done.returncode:
            log = self.root / "log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr or done.stdout}{tail}")

    def start(self, durable: bool = False) -> str:
        """Make and start the cluster; its URL. Not `durable` (the tests): no fsync."""
        self._run(
            str(self.bindir / "initdb"),
            *("-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"),
            *("--locale=C.UTF-8", "--no-sync"),
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root}"
        if not durable:  # durability is not under test: the suite need not wait on the disk
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            *("-D", str(self.data), "-o", options, "-l", str(self.root / "log")),
            *("-w", "-t", "120", "start"),
        )
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def unavailable(reason: str) -> None:
    """Fail in CI, skip elsewhere: a PostgreSQL test must not pass by not running."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason} (set {ENV_URL} to a server URL)")


@contextmanager
def postgres_server() -> Iterator[str]:
    """A server URL for the session: $STORYTRACE_TEST_POSTGRES, or a throwaway cluster."""
    try:
        import psycopg
    except ImportError:
        unavailable('psycopg is not installed (pip install -e ".[test]")')
    if os.environ.get(ENV_URL):
        url = os.environ[ENV_URL]
        try:
            psycopg.connect(url, connect_timeout=10).close()
        except psycopg.Error as exc:
            unavailable(f"{ENV_URL} does not answer: {exc}")
        yield url
        return
    bindir = postgres_bin()
    if bindir is None:
        unavailable("no initdb/pg_ctl (apt-get install postgresql)")
    try:
        cluster = Cluster(bindir)
        url = cluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        unavailable(f"could not start a cluster with {bindir}: {exc}")
    try:
        yield url
    finally:
        cluster.stop()


def with_schema(url: str, schema: str) -> str:
    """The server URL with `schema` as its search_path: a store of its own in that schema."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def fresh_schema(server: str) -> Iterator[str]:
    """A store URL in an empty schema of the server, dropped afterwards."""
    import psycopg

    schema = f"storytrace_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(server, schema)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Everything an ingest derived, keyed by sources and names rather than row ids, in
    SQL both backends run; two stores built from the same inputs have equal snapshots."""

    def rows(sql: str) -> list[tuple]:
        return sorted(tuple(r) for r in store.conn.execute(sql))

    article = "JOIN articles a ON a.id = t.article_id"
    return {
        "inputs": rows("SELECT source, sha256, status, error, size, media_type, meta FROM inputs"),
        "articles": rows(
            "SELECT source, input_key, url, outlet, domain, headline, authors, published,"
            " language, body, paragraphs, captions, removed, meta, sentences FROM articles"
        ),
        "mentions": rows(
            f'SELECT a.source, t.text, t.start, t."end", t.kind, t.entity FROM mentions t {article}'
        ),
        "statements": rows(
            "SELECT a.source, t.idx, t.speaker, t.speaker_entity, t.speaker_kind,"
            " t.anonymous_count, t.cue, t.content, t.direct, t.speaker_start, t.speaker_end,"
            " t.cue_start, t.cue_end, t.content_start, t.content_end, t.via FROM statements t"
            f" {article}"
        ),
        "dates": rows(
            'SELECT a.source, t.text, t.start, t."end", t.date_start, t.date_end,'
            f" t.granularity, t.sentence, t.anchored FROM dates t {article}"
        ),
        "entities": rows("SELECT name, kind, aliases, mentions FROM entities"),
        "stories": rows(
            "SELECT s.id, s.headline, s.first_published, s.last_published, s.outlets, s.size,"
            " s.independent_sources, s.view, s.stale FROM stories s"
        ),
        "story_articles": rows(
            f"SELECT a.source, t.story_id, t.score, t.syndicated_of FROM story_articles t {article}"
        ),
    }


# -- the backend's pure parts (no server needed) ---------------------------------------


@pytest.mark.parametrize(
    ("sqlite", "psycopg"),
    [
        ("SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = %s AND b = %s"),
        ("SELECT '?' , \"?\" FROM t WHERE a = ?", "SELECT '?' , \"?\" FROM t WHERE a = %s"),
        (
            "SELECT 'it''s?' WHERE a LIKE '5%' AND b = ?",
            "SELECT 'it''s?' WHERE a LIKE '5%%' AND b = %s",
        ),
        ('UPDATE t SET "end" = ? WHERE id IN (?,?)', 'UPDATE t SET "end" = %s WHERE id IN (%s,%s)'),
    ],
)
def test_placeholders_become_psycopg_ones_outside_quotes(sqlite: str, psycopg: str) -> None:
    assert translate(sqlite) == psycopg


def test_rows_read_like_sqlite_rows() -> None:
    row = Row({"id": 0, "name": 1}, (7, "Mara"))
    assert row[0] == 7 and row["name"] == "Mara" and row[-1] == "Mara"
    assert dict(row) == {"id": 7, "name": "Mara"}
    article_id, name = row
    assert (article_id, name) == (7, "Mara")


def test_the_db_string_picks_the_backend() -> None:
    assert store_kind("news.db") == "sqlite"
    assert store_kind(Path("postgresql://not/a/url")) == "sqlite"  # a Path is always a file
    assert store_kind("postgresql://u@h/db") == store_kind("postgres://h/db") == "postgresql"
    with pytest.raises(StoreError, match="unknown store URL mysql://"):
        store_kind("mysql://h/db")
    with pytest.raises(StoreError, match="unknown store URL"):
        open_store("mysql://h/db")


def test_messages_name_a_postgres_store_without_its_password() -> None:
    shown = PostgresDialect().display("postgresql://team:s3cret@db.example:5432/news")
    assert shown == "postgresql://team:***@db.example:5432/news"
    shown = PostgresDialect().display("postgresql://db.example/news?password=s3cret&sslmode=x")
    assert "s3cret" not in shown and "sslmode=x" in shown


def test_postgres_ddl_keeps_sqlite_semantics() -> None:
    ddl = PostgresDialect().ddl(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, x REAL, b BLOB, s TEXT NOT NULL)"
    )
    assert ddl == (
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT,"
        ' x DOUBLE PRECISION, b BYTEA, s TEXT COLLATE "C" NOT NULL)'
    )


def test_an_unreachable_server_is_a_clear_store_error() -> None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable('psycopg is not installed (pip install -e ".[test]")')
    port = _free_port()  # nothing listens there
    with pytest.raises(StoreError, match=r"cannot open store postgresql://u:\*\*\*@127\.0\.0\.1"):
        open_store(f"postgresql://u:pw@127.0.0.1:{port}/db?connect_timeout=5")


def test_the_command_line_reports_a_store_it_cannot_open_in_one_line(tmp_path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from storytrace.cli import main; main()",
            "articles",
            "--db",
            "mysql://team@db.example/news",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "storytrace: unknown store URL mysql://...: give a file path or postgresql://..."
        " or postgres://..."
    ]
