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
