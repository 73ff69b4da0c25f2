"""The text cleaner on the two real seed pages, read from ../shared at run time.

The article's paragraphs are found in the raw file by structure (blank-line
bounded lines between the byline/dateline and the first chrome that follows),
never by copying the page's text into this file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storytrace.clean import clean
from storytrace.model import Options, Page
from tests.conftest import SEED_KI, SEED_UP

# Chrome that must never reach a body (short phrases, not article text).
CHROME = [
    "become a member",
    "Gift membership",
    "membership today",
    "Advertisement:",
    "Skip to content",
    "Edit post",
    "audio is created with AI",
    "Ctrl + Enter",
    "Subscribe",
    "indicates required",
    "enter correct email",
    "News Feed",
    "Editors' Picks",
    "MORE NEWS",
    "Millions read",
    "visa masterCard",
    "fascinated by Putin",
    "going to lose",
    "sacrificing mo",
]


def _page(path: Path) -> Page:
    data = path.read_bytes()
    return Page.from_bytes(str(path), data, "text/plain", text=data.decode("utf-8"))


def _blank_bounded(lines: list[str], start: int, stop: int) -> list[str]:
    """Lines in [start, stop) that stand alone between blank lines: the page's paragraphs.

    Whitespace is compared normalised (the cleaner turns no-break spaces into spaces).
    """
    return [
        " ".join(lines[i].split())
        for i in range(start, stop)
        if lines[i].strip() and not lines[i - 1].strip() and not lines[i + 1].strip()
    ]


@pytest.fixture(scope="module")
def ki(seeds_dir):
    return clean(_page(SEED_KI), Options())


@pytest.fixture(scope="module")
def up(seeds_dir):
    return clean(_page(SEED_UP), Options())


def _ki_paragraphs() -> list[str]:
    lines = SEED_KI.read_text("utf-8").splitlines()
    byline = next(i for i, ln in enumerate(lines) if ln.lower().startswith("by "))
    # The related-article teaser: a title over a summary cut off with an ellipsis.
    teaser = next(i for i, ln in enumerate(lines) if ln.rstrip().endswith("…")) - 1
    return _blank_bounded(lines, byline + 1, teaser)


def _up_paragraphs() -> list[str]:
    lines = SEED_UP.read_text("utf-8").splitlines()
    dateline = next(i for i, ln in enumerate(lines) if "September 2024" in ln)
    widget = next(i for i, ln in enumerate(lines) if "Ctrl + Enter" in ln)
    found = _blank_bounded(lines, dateline + 1, widget)
    return [p for p in found if not p.startswith("Advertisement")]


def test_ki_metadata(ki):
    assert ki.headline == (
        "Zelensky's 'victory plan' includes invitation to NATO, commitment to sustained "
        "weapons supply, Bloomberg reports"
    )
    assert ki.authors == ["Dinara Khalilova"]
    assert ki.published == datetime(2024, 9, 21, 17, 59, tzinfo=ZoneInfo("UTC"))
    assert ki.published_precision == "minute"
    assert ki.outlet == "The Kyiv Independent"
    assert ki.language == "en"


def test_ki_published_takes_the_default_zone():
    article = clean(_page(SEED_KI), Options(default_timezone="Europe/Kyiv"))
    assert article.published == datetime(2024, 9, 21, 17, 59, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert article.published.utcoffset().total_seconds() == 3 * 3600


def test_ki_body_is_every_article_paragraph_in_order(ki):
    expected = _ki_paragraphs()
    assert len(expected) == 8  # the structure the test relies on
    assert ki.paragraphs == expected


def test_ki_caption_is_kept_apart(ki):
    assert len(ki.captions) == 1
    assert "Getty Images" in ki.captions[0]
    assert "Getty Images" not in ki.body
    assert any(r.reason == "caption" for r in ki.removed)


def test_up_metadata(up):
    assert up.headline == "Allies do not expect breakthrough from Zelenskyy's Victory Plan"
    assert up.published == datetime(2024, 9, 24, tzinfo=ZoneInfo("UTC"))
    assert up.published_precision == "day"
    assert up.outlet is None  # the page names no outlet
    assert up.authors == []


def test_up_body_is_every_article_paragraph_in_order(up):
    expected = _up_paragraphs()
    assert len(expected) == 12
    assert up.paragraphs == expected
    assert "wish list" in up.body and "two sources" in up.body


@pytest.mark.parametrize("which", ["ki", "up"])
def test_seed_bodies_hold_no_chrome(which, request):
    article = request.getfixturevalue(which)
    for phrase in CHROME:
        assert phrase.lower() not in article.body.lower(), phrase


@pytest.mark.parametrize("which", ["ki", "up"])
def test_seed_every_line_is_accounted_for(which, request):
    """Each non-blank line of the page is body, headline or a removed line with a reason."""
    article = request.getfixturevalue(which)
    path = SEED_KI if which == "ki" else SEED_UP
    raw = [" ".join(ln.split()) for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    removed = [r.text for r in article.removed]
    assert all(r.reason for r in article.removed)
    assert len(raw) == len(article.paragraphs) + len(removed)
    assert sorted(raw) == sorted(article.paragraphs + removed)


def test_ki_removed_reasons(ki):
    reasons = {r.reason for r in ki.removed}
    for expected in ("call to action", "newsletter form", "news feed", "related-article teaser"):
        assert expected in reasons
    teaser = [r for r in ki.removed if r.reason == "related-article teaser"]
    assert any(r.text.endswith("…") for r in teaser)
