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
from types import FrameType
from typing import Any

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


class deadline:
    """Run the block for at most `seconds` of wall-clock time, else raise TimeLimitExceeded.

    The error names the input (`source`) and the work (`doing`: "cleaning"). None
    means no limit; off the main thread the block runs unlimited (see `enforced`).

    A class rather than a generator: a generator-based context manager runs library
    code between the block's end and its own cleanup, and a timer firing there would
    escape with the handler still installed and the timer still repeating. Here the
    handler never raises inside `__enter__` or `__exit__`, and `__exit__` disarms first.
    """

    def __init__(self, seconds: float | None, source: str, doing: str = "processing") -> None:
        self.seconds = seconds
        self.source = source
        self.doing = doing
        self._armed = False
        self._previous: Any = None
        self._outer: tuple[float, float] = (0.0, 0.0)

    def _interrupt(self, signum: int, frame: FrameType | None) -> None:
        if self._armed and (frame is None or frame.f_code not in _OWN_CODE):
            raise _Interrupt

    def __enter__(self) -> None:
        if not self.seconds or self.seconds <= 0 or not enforced():
            return
        self._previous = signal.signal(signal.SIGALRM, self._interrupt)
        self._armed = True
        self._outer = signal.setitimer(signal.ITIMER_REAL, self.seconds, _REPEAT)

    def __exit__(self, kind: type[BaseException] | None, exc: object, tb: object) -> bool:
        if not self._armed:
            return False
        self._armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)
        if self._outer[0]:  # an enclosing timer keeps its remaining time
            signal.setitimer(signal.ITIMER_REAL, *self._outer)
        if kind is not None and issubclass(kind, _Interrupt):
            raise TimeLimitExceeded(
                f"{self.source}: {self.doing} took longer than the time limit of "
                f"{self.seconds:g} s (Options.time_limit)"
            ) from None
        return False


_OWN_CODE = frozenset({deadline.__enter__.__code__, deadline.__exit__.__code__})


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
