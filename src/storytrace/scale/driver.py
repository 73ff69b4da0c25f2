"""The main process's side of every engine: results in input order, into the store.

Workers clean and annotate; the main process takes their results in input order,
in batches of `Options.batch_size` cleaned articles (the batches one process
makes), annotates again any article whose `known_kind` questions its current
resolver answers differently (see `worker`), then resolves and saves each batch
in one transaction (`Pipeline.save_batch`). So the store ends up exactly as one
process leaves it, whichever engine did the work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from storytrace.model import Annotations, Article, NoArticle
from storytrace.pipeline import Outcome, annotate_safely
from storytrace.scale import worker

if TYPE_CHECKING:
    from storytrace.pipeline import Pipeline

log = logging.getLogger(__name__)

Pending = tuple[Outcome, Article, Annotations | None, worker.Asked, str | None]
Saved = list[tuple[int, Article, Annotations]]

CORPUS_CHANGED = ("\x00 corpus evidence changed the article", "stale")
"""A question no resolver answers with "stale": the article is always annotated again."""

stats: dict[str, int] = {"annotated": 0, "reannotated": 0}
"""The last parallel run: articles annotated, and those annotated again in the main process."""


class InOrder:
    """Takes worker results in input order and saves them batch by batch."""

    def __init__(
        self,
        pipeline: Pipeline,
        done: Callable[[Outcome], None],
        *,
        place: bool = True,
        on_saved: Callable[[Saved], None] | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.done = done
        self.place = place
        """False: the caller places the saved articles in stories itself (`on_saved`)."""
        self.on_saved = on_saved
        self.pending: list[Pending] = []
        stats.update(annotated=0, reannotated=0)

    def take(self, outcome: Outcome, result: worker.Result) -> None:
        """One input's result; the next in input order."""
        article, status, error, found, asked = result
        if article is not None:
            # Corpus evidence needs the run's pages in input order, so it is applied here;
            # an article it changed is marked stale and annotated again in `flush`.
            before = len(article.paragraphs)
            try:
                article = self.pipeline.corpus.apply(article)
            except NoArticle as exc:
                article, status, error = None, "no_article", str(exc)
            if article is not None and len(article.paragraphs) != before:
                asked = [*asked, CORPUS_CHANGED]
        if article is None:
            self.pipeline.store.mark_input(outcome.input_id, status, error)
            outcome.status, outcome.error = status, error
            self.done(outcome)
            return
        self.pending.append((outcome, article, found, asked, error))
        if len(self.pending) >= self.pipeline.options.batch_size:
            self.flush()

    def flush(self) -> None:
        """Save what is pending: annotate stale articles again, resolve, store (one transaction)."""
        pending, pipeline = self.pending, self.pipeline
        if not pending:
            return
        resolver = pipeline.resolver
        stale = [
            i
            for i, (_, _, found, asked, _) in enumerate(pending)
            if found is not None and any(resolver.known_kind(n) != kind for n, kind in asked)
        ]
        if stale:
            reasons: dict[int, str] = {}
            again = annotate_safely(pipeline.annotator, [pending[i][1] for i in stale], reasons)
            for n, (i, found) in enumerate(zip(stale, again, strict=True)):
                pending[i] = (*pending[i][:2], found, [], reasons.get(n))
        stats["annotated"] += len(pending)
        stats["reannotated"] += len(stale)
        saved = pipeline.save_batch(
            [(outcome, article, found, error) for outcome, article, found, _, error in pending],
            place=self.place,
        )
        for outcome, *_ in pending:
            self.done(outcome)
        pending.clear()
        if self.on_saved:
            self.on_saved(saved)

    def report(self) -> None:
        if stats["reannotated"]:
            log.info(
                "%d of %d articles annotated again in the main process (names learnt meanwhile)",
                stats["reannotated"],
                stats["annotated"],
            )
