"""Shared fixtures. Real pages are read from ../shared beside the checkout, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_KI = SEEDS / "002_446cf8c76ff80ce9.txt"  # The Kyiv Independent
SEED_UP = SEEDS / "000_456d639220f0613e.txt"  # the page itself names no outlet
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"the seed pages are expected at {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    assert SHARED.is_dir(), f"../shared is expected beside the checkout at {SHARED}"
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once for the whole test session."""
    from storytrace.annotate.nlp import load

    return load()


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server URL for the session: $STORYTRACE_TEST_POSTGRES or a throwaway
    cluster (skipped without one, failed in CI); see test_postgres_support."""
    from test_postgres_support import postgres_server as server

    with server() as url:
        yield url


@pytest.fixture
def postgres_db(postgres_server):
    """A new PostgreSQL store's URL: an empty schema of its own, dropped after the test."""
    from test_postgres_support import fresh_schema

    with fresh_schema(postgres_server) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request, tmp_path) -> str:
    """A new store's `--db` string, once for each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres_db")
