"""What one worker process does: clean and annotate a chunk of Pages with its own model.

The model is loaded once per worker (the pool's initializer), never per chunk.
Entity resolution is corpus-wide state and stays in the main process. The one
thing annotation asks of it (`known_kind(name)`: is this name a known person?)
a worker answers from a snapshot of the main process's entities, and notes every
question and answer, so the main process can tell whether its own, current
answers would have been the same (then the result is exactly what one process
would have produced) or not (then it annotates that article again itself).
"""

from __future__ import annotations

import importlib
import logging
import resource
from collections.abc import Iterable

from storytrace.model import Annotations, Article, Entity, EntityKind, Options, Page

log = logging.getLogger(__name__)

Asked = list[tuple[str, EntityKind | None]]
"""The `known_kind` questions annotation asked about one article, with the answers."""
Result = tuple[Article | None, str, str | None, Annotations | None, Asked]
"""One input's outcome in a worker: article, status, error, annotations, questions asked."""

Snapshot = tuple[int, list[Entity] | None]
"""A version number and, when the worker may not have it yet, the entities of that version."""


class Recorder:
    """Stands in for the corpus resolver in a worker: answers from a snapshot, notes questions."""

    def __init__(self, known: list[Entity]) -> None:
        from storytrace.annotate.entities import EntityResolver

        self.resolver = EntityResolver(known)
        self.asked: Asked = []
        self.by_article: dict[int, Asked] = {}
        """id(article) -> what was asked while its components ran (the last run counts)."""

    def known_kind(self, name: str) -> EntityKind | None:
        kind = self.resolver.known_kind(name)
        self.asked.append((name, kind))
        return kind


_annotator = None
_options: Options | None = None
_version = -1


def start(options: Options, snapshot: Snapshot, modules: Iterable[str]) -> None:
    """Pool initializer: import plugin modules (their registrations), load the model once."""
    global _annotator, _options
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # a plugin that cannot load in a worker must not stop the others
            log.exception("worker could not import %s", name)
    from storytrace.annotate import Annotator

    _options = options
    _annotator = Annotator(options)
    run_components = _annotator._run_components

    def noting(article: Article, doc: object) -> object:
        # Components run for one article at a time: what is asked meanwhile is its own.
        recorder = _annotator.resolver
        recorder.asked = []
        try:
            return run_components(article, doc)
        finally:
            recorder.by_article[id(article)] = recorder.asked

    _annotator._run_components = noting
    _update(snapshot)


def ensure_started(options: Options, snapshot: Snapshot, modules: Iterable[str]) -> None:
    """`start` unless this process already holds a model for these options; else update."""
    if _annotator is None or _options != options:
        start(options, snapshot, modules)
    else:
        _update(snapshot)


def _update(snapshot: Snapshot) -> None:
    global _version
    version, known = snapshot
    if version != _version and known is not None:
        assert _annotator is not None
        _annotator.resolver = Recorder(known)
        _version = version


def process(pages: list[Page], snapshot: Snapshot) -> list[Result]:
    """Clean and annotate a chunk, in order; never raises for bad input.

    An article whose annotation failed comes back with its article, no
    annotations, and the reason as its error.
    """
    from storytrace.pipeline import annotate_safely, clean_page

    assert _annotator is not None and _options is not None, "worker not started"
    _update(snapshot)
    cleaned = [clean_page(page, _options) for page in pages]
    articles = [article for article, _, _ in cleaned if article is not None]
    recorder = _annotator.resolver
    recorder.by_article = {}
    reasons: dict[int, str] = {}
    found = annotate_safely(_annotator, articles, reasons) if articles else []
    results: list[Result] = []
    index = 0
    for article, status, error in cleaned:
        if article is None:
            results.append((None, status, error, None, []))
            continue
        asked = recorder.by_article.get(id(article), [])
        if found[index] is None:
            error = reasons.get(index, f"{article.source}: annotation failed")
        results.append((article, status, error, found[index], asked))
        index += 1
    return results


def peak_mib() -> float:
    """This worker's peak resident memory, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
