"""One fetch run: the user's URLs, and what their feeds and sitemaps list, fetched into the store.

Every attempt is written to the fetch log as it ends and every fetched article's
raw bytes to `inputs` before anything else happens to them, so a run that is
interrupted and started again fetches nothing twice and loses nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from storytrace.ingest.compressed import gunzip, is_gzip
from storytrace.model import InputError, sha256_hex
from storytrace.store import Store
from storytrace.store.fetchlog import FetchRecord, last_fetched, log_fetch

from .detect import FEED, HTML, SITEMAP, TEXT, charset, classify, media_type
from .feeds import feed_links
from .fetcher import Fetched, Fetcher
from .frontier import Frontier, Job
from .links import Link
from .options import FetchOptions
from .outcomes import ALREADY_FETCHED, FetchOutcome, FetchRun, OnFetch
from .pages import make_page
from .robots import Robots
from .sitemaps import sitemap_links
from .urls import Refused, Target, normalise, read_targets
from .writer import StoreWriter

log = logging.getLogger(__name__)

ARTICLE = "article"


def collect(
    store: Store,
    args: Iterable[str],
    options: FetchOptions | None = None,
    on_fetch: OnFetch | None = None,
) -> FetchRun:
    """Fetch URLs, URL lists, feeds and sitemaps into `store`; never raises for the network."""
    return asyncio.run(Collector(store, options or FetchOptions(), on_fetch).run(args))


class Collector:
    """Workers take jobs from the frontier, fetch them, log them, and queue what they list."""

    def __init__(
        self, store: Store, options: FetchOptions, on_fetch: OnFetch | None = None
    ) -> None:
        self.store = store
        self.options = options
        self.on_fetch = on_fetch
        self.result = FetchRun()
        self._seen: set[str] = set()
        self._frontier: Frontier | None = None
        self._db = StoreWriter(store)

    async def run(self, args: Iterable[str]) -> FetchRun:
        self._frontier = Frontier(self.options.per_host)
        fetcher = Fetcher(self.options)
        robots = Robots(
            fetcher, self.options.user_agent, self._log_robots, self.options.max_retry_after
        )
        try:
            for target in read_targets(args):
                self._add_target(target)
            workers = [
                asyncio.create_task(self._work(fetcher, robots))
                for _ in range(self.options.concurrency)
            ]
            await asyncio.gather(*workers)
        finally:
            await fetcher.aclose()
            self._db.close()
        return self.result

    # -- queueing -------------------------------------------------------------

    def _add_target(self, target: Target) -> None:
        if target.url is None:
            self.result.known += 1
            self._finish(FetchOutcome(target.source, "failed", target.source, error=target.error))
            return
        self._queue(Job(target.url, target.source))

    def _queue(self, job: Job) -> None:
        if job.url in self._seen:
            return
        self._seen.add(job.url)
        self.result.known += 1
        assert self._frontier is not None
        self._frontier.put(job)

    def _queue_links(self, parent: Job, final_url: str, links: list[Link]) -> None:
        for link in links:
            try:
                url = normalise(link.url)
            except Refused as exc:
                self.result.known += 1
                self._finish(FetchOutcome(link.url, "failed", final_url, error=str(exc)))
                continue
            self._queue(Job(url, final_url, parent.depth + 1, final_url, link.info))

    async def _work(self, fetcher: Fetcher, robots: Robots) -> None:
        assert self._frontier is not None
        while (job := await self._frontier.get()) is not None:
            try:
                await self._process(job, fetcher, robots)
            except Exception as exc:  # a bug on one URL must not end the run
                log.exception("fetching %s failed", job.url)
                error = f"unexpected {type(exc).__name__}: {exc}"
                self._finish(FetchOutcome(job.url, "failed", job.source, error=error))
            finally:
                self._frontier.done(job)

    # -- one URL --------------------------------------------------------------

    async def _process(self, job: Job, fetcher: Fetcher, robots: Robots) -> None:
        if not self.options.refresh:
            previous = await self._db.call(last_fetched, job.url)
            if previous is not None:
                self._reuse(job, previous)
                return
        fetched = await fetcher.get(job.url, robots=robots.check)
        if fetched.skipped:
            await self._record(job, fetched, "skipped", error=fetched.skipped)
        elif fetched.body is None:
            error = fetched.error or f"HTTP {fetched.status}"
            await self._record(job, fetched, "failed", error=error)
        else:
            await self._read(job, fetched)

    async def _read(self, job: Job, fetched: Fetched) -> None:
        """A 2xx body: a feed or sitemap is expanded, an article stored, anything else fails."""
        body = fetched.body or b""
        try:
            if is_gzip(body):  # a sitemap.xml.gz served as is
                body = gunzip(body, self.options.max_bytes)
        except InputError as exc:
            await self._record(job, fetched, "failed", error=str(exc))
            return
        kind = classify(body, fetched.content_type)
        if kind in (FEED, SITEMAP):
            await self._expand(job, fetched, kind, body)
        elif kind in (HTML, TEXT):
            await self._store_article(job, fetched, kind, body)
        else:
            shown = media_type(fetched.content_type) or "no content type"
            error = f"not an article, feed or sitemap ({shown})"
            await self._record(job, fetched, "failed", error=error, body=body)

    async def _expand(self, job: Job, fetched: Fetched, kind: str, body: bytes) -> None:
        if job.depth >= self.options.max_depth:
            error = f"{kind} nested deeper than {self.options.max_depth} levels: not followed"
            await self._record(job, fetched, "failed", kind=kind, error=error, body=body)
            return
        try:
            links = self._links(kind, body, fetched.final_url, fetched.content_type)
        except InputError as exc:
            await self._record(job, fetched, "failed", kind=kind, error=str(exc), body=body)
            return
        await self._record(
            job, fetched, "fetched", kind=kind, body=body, keep=True, found=len(links)
        )
        self._queue_links(job, fetched.final_url, links)

    async def _store_article(self, job: Job, fetched: Fetched, kind: str, body: bytes) -> None:
        meta: dict[str, Any] = {
            "url": fetched.final_url,
            "requested_url": job.url,
            "status": fetched.status,
            "content_type": fetched.content_type,
            "headers": fetched.headers,
        }
        if found := charset(fetched.content_type):
            meta["charset"] = found
        if job.listed_in:
            meta["listed_in"] = {"url": job.listed_in, **job.info}
            if job.info.get("outlet"):
                meta["outlet"] = job.info["outlet"]  # a news sitemap names the publication
        page = make_page(job.url, body, kind, fetched.fetched_at, meta)
        input_id, _ = await self._db.call(Store.record_input, page)
        self.result.input_ids.append(input_id)
        await self._record(job, fetched, "fetched", kind=ARTICLE, body=body, input_id=input_id)

    def _reuse(self, job: Job, previous: dict[str, Any]) -> None:
        """A URL fetched before: its stored page goes on to be processed, its links are re-read."""
        when = previous["fetched_at"]
        outcome = FetchOutcome(
            job.url,
            "skipped",
            job.source,
            kind=previous["kind"],
            status=previous["status"],
            final_url=previous["final_url"],
            error=f"{ALREADY_FETCHED} at {when} (--refresh fetches it again)",
            input_id=previous["input_id"],
        )
        if previous["input_id"] is not None:
            self.result.input_ids.append(previous["input_id"])
        if previous["kind"] in (FEED, SITEMAP) and previous["data"] is not None:
            final_url = previous["final_url"] or job.url
            try:
                links = self._links(previous["kind"], previous["data"], final_url, "")
            except InputError:
                links = []
            outcome.found = len(links)
            self._queue_links(job, final_url, links)
        self._finish(outcome)

    @staticmethod
    def _links(kind: str, body: bytes, url: str, content_type: str) -> list[Link]:
        if kind == FEED:
            return feed_links(body, url, content_type)
        return sitemap_links(body, url)

    # -- the log --------------------------------------------------------------

    async def _record(
        self,
        job: Job,
        fetched: Fetched,
        outcome: str,
        *,
        kind: str | None = None,
        error: str | None = None,
        body: bytes | None = None,
        input_id: int | None = None,
        keep: bool = False,
        found: int = 0,
    ) -> None:
        """Log the attempt and report its outcome."""
        data = body if body is not None else fetched.body
        await self._db.call(
            log_fetch,
            FetchRecord(
                url=job.url,
                outcome=outcome,
                fetched_at=fetched.fetched_at,
                final_url=fetched.final_url,
                kind=kind,
                status=fetched.status,
                error=error,
                headers=fetched.headers,
                sha256=sha256_hex(data) if data is not None else None,
                size=len(data) if data is not None else None,
                tries=fetched.tries,
                input_id=input_id,
                listed_in=job.listed_in,
                data=data if keep else None,
            ),
        )
        result = FetchOutcome(
            job.url,
            outcome,
            job.source,
            kind=kind,
            status=fetched.status,
            final_url=fetched.final_url,
            error=error,
            input_id=input_id,
            found=found,
        )
        self._finish(result)

    async def _log_robots(self, fetched: Fetched) -> None:
        ok = fetched.body is not None or 400 <= (fetched.status or 0) < 500
        await self._db.call(
            log_fetch,
            FetchRecord(
                url=fetched.url,
                outcome="fetched" if ok else "failed",
                fetched_at=fetched.fetched_at,
                final_url=fetched.final_url,
                kind="robots",
                status=fetched.status,
                error=fetched.error,
                headers=fetched.headers,
                sha256=sha256_hex(fetched.body) if fetched.body is not None else None,
                size=len(fetched.body) if fetched.body is not None else None,
                tries=fetched.tries,
                data=fetched.body,
            ),
        )

    def _finish(self, outcome: FetchOutcome) -> None:
        self.result.outcomes.append(outcome)
        if self.on_fetch:
            self.on_fetch(outcome, self.result)
