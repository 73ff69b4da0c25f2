"""robots.txt, fetched once per origin and run, read with urllib.robotparser.

As RFC 9309 says: a robots.txt that is missing (4xx) allows everything; one the
server fails to give (5xx, network error) forbids everything for this run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from urllib.robotparser import RobotFileParser

from .fetcher import Fetched, Fetcher
from .urls import origin

MAX_ROBOTS_BYTES = 512 * 1024
"""RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt."""


class Robots:
    """Answers "may this URL be fetched?" for a run, loading each origin's robots.txt once."""

    def __init__(
        self,
        fetcher: Fetcher,
        user_agent: str,
        on_fetch: Callable[[Fetched], Awaitable[None]] | None = None,
        max_delay: float = 120.0,
    ) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self.on_fetch = on_fetch
        self.max_delay = max_delay
        self._rules: dict[str, RobotFileParser | str] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def check(self, url: str) -> str | None:
        """Why robots.txt forbids `url`, or None when it may be fetched."""
        key = origin(url)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._rules:
                self._rules[key] = await self._load(key)
        rules = self._rules[key]
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(self.user_agent, url):
            return f"disallowed by {key}/robots.txt"
        return None

    async def _load(self, key: str) -> RobotFileParser | str:
        fetched = await self.fetcher.get(
            f"{key}/robots.txt", max_bytes=MAX_ROBOTS_BYTES, keep_cut=True
        )
        if self.on_fetch:
            await self.on_fetch(fetched)
        status = fetched.status or 0
        rules = RobotFileParser(f"{key}/robots.txt")
        if fetched.body is not None:
            rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
            delay = rules.crawl_delay(self.user_agent)
            if delay:
                self.fetcher.gates[key].slow_down(min(float(delay), self.max_delay))
            return rules
        if 400 <= status < 500:
            rules.parse([])  # no robots.txt: everything is allowed
            return rules
        why = fetched.error or f"HTTP {status}"
        return f"{key}/robots.txt could not be read ({why}), so nothing there is fetched"
