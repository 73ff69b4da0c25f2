"""Resource limits: a wall-clock limit per document, and bounds on an article's size.

Each limit turns a pathological page into an error naming it, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from pathlib import Path

import pytest

from storytrace.api import clean
from storytrace.limits import TimeLimitExceeded, deadline, enforced
from storytrace.model import Article, Options, Page
from storytrace.pipeline import annotate_safely, clean_page

PROSE = "The council said on Monday that the bridge would reopen once repairs were done. " * 4


def html_page(source: str, html: str) -> Page:
    return Page.from_bytes(source, html.encode(), "text/html", text=html)


def nested_list_page(depth: int) -> Page:
    """Tens of thousands of nested list items: slow for the HTML extractor, not a hang."""
    html = f"<html><body>{'<ul><li>' * depth}<p>{PROSE}</p>{'</li></ul>' * depth}</body></html>"
    return html_page("nested.html", html)


def test_deadline_interrupts_python_code_and_leaves_no_thread() -> None:
    threads = threading.active_count()
    expected = r"spin: looping took longer than .* 0\.2 s"
    with pytest.raises(TimeLimitExceeded, match=expected), deadline(0.2, "spin", "looping"):
        while True:
            pass
    assert threading.active_count() == threads
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_deadline_interrupts_a_runaway_regular_expression() -> None:
    with pytest.raises(TimeLimitExceeded), deadline(0.2, "regex"):
        re.match(r"(a+)+$", "a" * 40 + "b")


def test_deadline_survives_code_that_swallows_exceptions() -> None:
    """A library's `except Exception: pass` cannot eat the interruption."""
    with pytest.raises(TimeLimitExceeded), deadline(0.2, "stubborn"):
        while True:
            with contextlib.suppress(Exception):  # swallows everything, as some libraries do
                time.sleep(0.01)


def test_deadline_restores_the_previous_handler_and_an_enclosing_timer() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        with deadline(1.0, "quick"):
            pass
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 3.0 < remaining <= 5.0
        assert signal.getsignal(signal.SIGALRM) is not None
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        time.sleep(0.3)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_timer_firing_as_the_block_ends_never_escapes_or_stays_armed() -> None:
    """Blocks that end right about when the limit falls: each exit is clean or a
    TimeLimitExceeded, and the handler and timer are gone after every one.

    A generator-based deadline failed this a few times in 10,000 (the timer fired in
    contextlib's exit before the cleanup ran), and in CI the stray timer then broke
    an unrelated teardown.
    """
    handler = signal.getsignal(signal.SIGALRM)
    outcomes = {"clean": 0, "over": 0}
    # The work per block runs from nothing to about ten times the limit on this machine
    # (a fixed count of additions took under the limit on a fast, quiet one, so no block
    # ever ran over): measured, not asserted on.
    started = time.perf_counter()
    total = 0
    for j in range(100_000):
        total += j
    per_addition = max(time.perf_counter() - started, 1e-6) / 100_000
    step = max(1, round(0.0002 * 10 / per_addition / 200))
    for i in range(10_000):
        try:
            with deadline(0.0002, "edge"):
                total = 0
                for j in range(i % 200 * step):
                    total += j
            outcomes["clean"] += 1
        except TimeLimitExceeded:
            outcomes["over"] += 1
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), f"armed after block {i}"
        assert signal.getsignal(signal.SIGALRM) is handler, f"handler left after block {i}"
    assert outcomes["clean"] > 0 and outcomes["over"] > 0  # both sides of the edge were hit


def test_no_limit_off_the_main_thread() -> None:
    """Timers only reach the main thread; elsewhere the block runs unlimited, never breaks."""
    seen: list[object] = []

    def work() -> None:
        seen.append(enforced())
        with deadline(0.01, "in a thread"):
            time.sleep(0.05)
        seen.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [False, "done"]


def test_hundred_thousand_nested_tags_are_refused_or_read_in_time() -> None:
    """The issue's example: 100,000 nested tags never hang the batch."""
    html = f"<html><body>{'<div>' * 100_000}<p>{PROSE}</p>{'</div>' * 100_000}</body></html>"
    article, status, error = clean_page(html_page("deep.html", html), Options(time_limit=30))
    assert (status, error) == ("ok", None) or "time limit" in error
    if article is not None:
        assert "bridge would reopen" in article.body


def test_cleaning_over_the_time_limit_is_an_error_naming_the_page() -> None:
    article, status, error = clean_page(nested_list_page(50_000), Options(time_limit=0.3))
    assert article is None
    assert status == "error"
    assert error == "nested.html: cleaning took longer than the time limit of 0.3 s" + (
        " (Options.time_limit)"
    )


def test_the_batch_goes_on_after_a_page_over_the_time_limit(tmp_path: Path) -> None:
    page = nested_list_page(50_000)
    (tmp_path / "a-slow.html").write_bytes(page.data)
    (tmp_path / "b-fine.html").write_text(f"<html><body><p>{PROSE}</p></body></html>")
    slow, fine = clean([str(tmp_path)], Options(time_limit=0.3))
    assert slow["status"] == "error" and "time limit" in slow["error"]
    assert fine["status"] == "ok" and "bridge would reopen" in fine["body"]


def test_an_article_with_too_many_paragraphs_is_refused() -> None:
    html = f"<html><body>{f'<p>{PROSE}</p>' * 60}</body></html>"
    page = html_page("long.html", html)
    assert clean_page(page, Options())[1] == "ok"
    article, status, error = clean_page(page, Options(max_paragraphs=50))
    assert (article, status) == (None, "error")
    assert error == "long.html: too many paragraphs: 60 > limit 50 (Options.max_paragraphs)"


def test_an_article_with_too_long_a_body_is_refused() -> None:
    text = "\n".join([PROSE] * 30)
    page = Page.from_bytes("long.txt", text.encode(), "text/plain", text=text)
    article, _, _ = clean_page(page, Options())
    assert article is not None
    size = len(article.body)
    assert clean_page(page, Options(max_body_chars=size))[1] == "ok"
    article, status, error = clean_page(page, Options(max_body_chars=size - 1))
    assert (article, status) == (None, "error")
    assert f"body too long: {size} characters > limit {size - 1}" in error


@pytest.mark.parametrize(
    "options",
    [
        {"time_limit": 0},
        {"time_limit": -1.0},
        {"max_body_chars": 0},
        {"max_paragraphs": -5},
    ],
)
def test_limits_are_validated(options: dict) -> None:
    with pytest.raises(ValueError):
        Options(**options)


class SlowAnnotator:
    """Stands in for the Annotator: one article ("stuck") never finishes."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.calls = 0

    def annotate(self, articles: list[Article]) -> list[str]:
        self.calls += 1
        for article in articles:
            while article.source == "stuck":
                time.sleep(0.01)
        return [f"annotations of {a.source}" for a in articles]


def test_annotating_over_the_time_limit_fails_that_article_only() -> None:
    annotator = SlowAnnotator(Options(time_limit=0.2))
    articles = [Article(source=name, page_sha256="") for name in ("first", "stuck", "last")]
    reasons: dict[int, str] = {}
    found = annotate_safely(annotator, articles, reasons)
    assert found == ["annotations of first", None, "annotations of last"]
    assert reasons == {
        1: "stuck: annotating took longer than the time limit of 0.2 s (Options.time_limit)"
    }


@pytest.mark.slow
def test_the_model_works_the_same_after_an_interrupted_annotation() -> None:
    """Interrupting spaCy mid-document leaves the loaded pipeline as it was."""
    from storytrace.annotate import Annotator

    annotator = Annotator(Options(time_limit=0.05))
    short = Article(source="short", page_sha256="", paragraphs=[PROSE])
    before = annotator.annotate([short])
    huge = Article(source="huge", page_sha256="", paragraphs=[PROSE] * 3000)
    reasons: dict[int, str] = {}
    assert annotate_safely(annotator, [huge], reasons) == [None]
    assert "huge: annotating took longer than the time limit" in reasons[0]
    assert annotator.annotate([short]) == before
