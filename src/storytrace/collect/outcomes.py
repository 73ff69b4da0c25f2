"""What came of each URL in a fetch run, as the CLI and the API report it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

ALREADY_FETCHED = "already fetched"


@dataclass(slots=True)
class FetchOutcome:
    """What came of one URL in this run."""

    url: str
    outcome: str
    """`fetched`, `skipped` (already fetched, or robots.txt said no) or `failed`."""
    source: str
    """The argument, `FILE:LINE`, or the feed or sitemap that listed the URL."""
    kind: str | None = None
    """`article`, `feed` or `sitemap` once the response has been read."""
    status: int | None = None
    final_url: str | None = None
    error: str | None = None
    """Why it failed or was skipped."""
    input_id: int | None = None
    found: int = 0
    """Links a feed or sitemap listed."""


@dataclass(slots=True)
class FetchRun:
    """The outcomes of one run, and the stored pages it leaves to be cleaned and annotated."""

    outcomes: list[FetchOutcome] = field(default_factory=list)
    input_ids: list[int] = field(default_factory=list)
    """Inputs of the articles fetched (or fetched before and reused), in the order reached."""
    known: int = 0
    """URLs and arguments known so far (grows as feeds and sitemaps are read)."""

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    @property
    def failed(self) -> list[FetchOutcome]:
        return [o for o in self.outcomes if o.outcome == "failed"]

    def skip_reasons(self) -> Counter[str]:
        """How many were skipped for each reason (robots.txt reasons name their origin)."""
        return Counter(
            ALREADY_FETCHED if (o.error or "").startswith(ALREADY_FETCHED) else "robots.txt"
            for o in self.outcomes
            if o.outcome == "skipped"
        )


OnFetch = Callable[[FetchOutcome, FetchRun], None]
