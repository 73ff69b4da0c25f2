"""Processing failed inputs again from the bytes the store kept (`storytrace retry`).

An input fails for a reason that may pass: a limit set too low, a bug fixed in a
newer storytrace, a model that ran out of memory. Its bytes are in the store, so it
is tried again without the original file: each input is set back to `pending` just
before the pipeline takes it (so a retry that is itself interrupted leaves it to be
redone, never lost) and then goes through the same steps as any ingested input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storytrace.ingest.stored import NoStoredBytes, stored_page
from storytrace.model import Page
from storytrace.pipeline import IngestReport, Outcome
from storytrace.store.sqlite import dedup_key

if TYPE_CHECKING:
    from storytrace.pipeline import Pipeline

FAILED = ("error", "no_article")
"""The statuses `storytrace errors` lists and `storytrace retry` tries again."""


@dataclass(slots=True)
class RetryReport:
    """A retry run: what the pipeline made of each input, and the inputs it could not take."""

    ingest: IngestReport = field(default_factory=IngestReport)
    skipped: list[Outcome] = field(default_factory=list)
    """Inputs that could not be tried again (no stored bytes, or now a duplicate), with why."""

    @property
    def failed(self) -> list[Outcome]:
        return [*self.ingest.failed, *self.skipped]


def failed_inputs(
    pipeline: Pipeline, *, pending: bool = False, ids: Iterable[int] | None = None
) -> list[dict[str, Any]]:
    """Failed inputs with their reasons, oldest first; `pending` adds those left undone by
    an interrupted run. `retryable` says whether the store kept bytes to try them again."""
    statuses = (*FAILED, "pending") if pending else FAILED
    rows = pipeline.store.failed_inputs(statuses, ids)
    for row in rows:
        row["retryable"] = bool(row.pop("stored"))
    return rows


def retry_inputs(
    pipeline: Pipeline,
    *,
    pending: bool = False,
    ids: Iterable[int] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RetryReport:
    """Process failed inputs (or those with `ids`, if failed) again from their stored bytes."""
    report = RetryReport()
    rows = failed_inputs(pipeline, pending=pending, ids=ids)

    def skip(row: dict[str, Any], error: str) -> None:
        outcome = Outcome(row["source"], "error", error, row["id"])
        report.skipped.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    def pages() -> Iterator[Page]:
        for listed in rows:
            row = pipeline.store.input_row(listed["id"])
            if row is None or row["status"] != listed["status"]:
                continue  # processed meanwhile (another run), or gone
            try:
                page = stored_page(row, pipeline.options)
            except NoStoredBytes as exc:
                skip(row, str(exc))
                continue
            if dedup_key(page) != row["dedup_key"]:
                # Unreadable before, readable now: it is keyed by what it reads as.
                other = pipeline.store.rekey_input(row["id"], page)
                if other is not None:
                    skip(row, f"{row['source']}: now reads the same as input {other}")
                    continue
            pipeline.store.mark_input(row["id"], "pending", row["error"])
            yield page

    report.ingest = pipeline.ingest_pages(pages(), on_outcome)
    return report
