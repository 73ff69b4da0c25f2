"""Resource limits per document: wall-clock time, body size, paragraph count.

A month of scraped pages holds a few pathological ones (a hundred thousand nested
tags, a whole book on one line, a feed dump of twenty thousand paragraphs). Each
limit turns such a page into an `InputError` naming it, and the batch goes on:

- `Options.max_bytes` (ingest): bytes of one input, refused before reading them;
- `Options.time_limit`: seconds to clean one page, and to annotate one article;
- `Options.max_body_chars` and `Options.max_paragraphs`: the size of one cleaned
  article, checked before it is annotated and held in a batch.

The time limit is a real-time interval timer (`setitimer`): when it fires, the
work in progress is interrupted where it stands, in Python code and in regular
expression matching alike, with no thread or process left behind. Timers only
reach the main thread, so elsewhere (the web server's ingest worker) the size
limits still hold and the time limit is not applied; `enforced()` says which.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from storytrace.model import Article, InputError, Options

log = logging.getLogger(__name__)

_REPEAT = 0.05
"""After the limit, the timer fires again this often, in case the interrupted code
caught and ignored the first interruption."""


class TimeLimitExceeded(InputError):
    """One document took longer than `Options.time_limit` to clean or annotate."""


class _Interrupt(BaseException):
    """Raised by the timer; a BaseException so `except Exception` in a library cannot eat it."""


def enforced() -> bool:
    """Whether a time limit can be enforced here (only the main thread receives timers)."""
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextmanager
def deadline(seconds: float | None, source: str, doing: str = "processing") -> Iterator[None]:
    """Run the block for at most `seconds` of wall-clock time, else raise TimeLimitExceeded.

    The error names the input (`source`) and the work (`doing`: "cleaning"). None
    means no limit; off the main thread the block runs unlimited (see `enforced`).
    """
    if not seconds or seconds <= 0 or not enforced():
        yield
        return
    armed = True

    def interrupt(signum: int, frame: object) -> None:
        if armed:
            raise _Interrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    timed_out = False
    try:
        yield
    except _Interrupt:
        timed_out = True
    finally:
        while True:
            try:
                armed = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                if outer[0]:  # an enclosing timer keeps its remaining time
                    signal.setitimer(signal.ITIMER_REAL, *outer)
                break
            except _Interrupt:  # fired just before it was disarmed: the block is done
                continue
    if timed_out:
        raise TimeLimitExceeded(
            f"{source}: {doing} took longer than the time limit of {seconds:g} s"
            " (Options.time_limit)"
        )


def check_article(article: Article, options: Options) -> None:
    """Refuse an article over the size limits, with an InputError naming its source."""
    if len(article.paragraphs) > options.max_paragraphs:
        raise InputError(
            f"{article.source}: too many paragraphs: {len(article.paragraphs)} > limit "
            f"{options.max_paragraphs} (Options.max_paragraphs)"
        )
    size = sum(map(len, article.paragraphs)) + 2 * max(len(article.paragraphs) - 1, 0)
    if size > options.max_body_chars:
        raise InputError(
            f"{article.source}: body too long: {size} characters > limit "
            f"{options.max_body_chars} (Options.max_body_chars)"
        )
