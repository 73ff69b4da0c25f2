"""The collect stage: articles from URLs, RSS/Atom feeds and sitemaps, fetched politely.

    run = collect(store, ["https://example.org/feed.xml", "urls.txt"], FetchOptions())
    pages = stored_pages(store, run.input_ids)   # then clean and annotate like any input

Every attempt goes to the store's fetch log (`fetches`) and every fetched
article's raw bytes to `inputs` before it is processed, so a later run works
offline and a restarted run fetches nothing twice.
"""

from __future__ import annotations

from .options import USER_AGENT, FetchOptions
from .outcomes import FetchOutcome, FetchRun
from .pages import stored_pages
from .run import Collector, collect

__all__ = [
    "USER_AGENT",
    "Collector",
    "FetchOptions",
    "FetchOutcome",
    "FetchRun",
    "collect",
    "stored_pages",
]
