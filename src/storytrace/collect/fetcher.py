"""The HTTP side: one httpx.AsyncClient, redirects followed by hand, retries, size cap, timeouts.

Redirects are followed here rather than by httpx so that every hop is checked
like the first URL: http(s) only, a public address, allowed by robots.txt.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import httpx

from .addresses import GuardedBackend, public_addresses
from .gates import Gates
from .options import FetchOptions
from .urls import Refused, normalise, origin

log = logging.getLogger(__name__)

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RobotsCheck = Callable[[str], Awaitable[str | None]]
"""URL -> why robots.txt forbids it, or None when it may be fetched."""


@dataclass(slots=True)
class Fetched:
    """What came of fetching one URL (after redirects and retries)."""

    url: str
    final_url: str
    fetched_at: datetime
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    """The whole body of a 2xx response; None otherwise."""
    error: str | None = None
    skipped: str | None = None
    """Why robots.txt forbade the URL or one of its redirects; nothing was requested there."""
    tries: int = 0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class TooLarge(Exception):
    """A body over the size cap; carries what was read before stopping."""

    def __init__(self, limit: int, head: bytes, declared: int | None = None) -> None:
        said = f" (Content-Length {declared})" if declared is not None else ""
        super().__init__(f"too large: more than {limit} bytes{said}; stopped reading")
        self.head = head


def http2_available() -> bool:
    try:
        import h2  # noqa: F401
    except ImportError:
        return False
    return True


def make_client(options: FetchOptions) -> httpx.AsyncClient:
    """The one client of a run: our user agent, no redirects, no proxies from the environment."""
    limits = httpx.Limits(
        max_connections=options.concurrency, max_keepalive_connections=options.concurrency
    )
    transport = httpx.AsyncHTTPTransport(
        http2=options.http2 and http2_available(), limits=limits, trust_env=False
    )
    if not options.allow_private:
        _guard(transport)
    return httpx.AsyncClient(
        transport=transport,
        headers={"User-Agent": options.user_agent, "Accept": ACCEPT},
        timeout=httpx.Timeout(options.timeout),
        follow_redirects=False,
        trust_env=False,
    )


def _guard(transport: httpx.AsyncHTTPTransport) -> None:
    # httpx has no public hook for the network backend; its pool keeps it here.
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is None:
        log.warning("cannot guard connections at the socket; relying on the check before each hop")
        return
    pool._network_backend = GuardedBackend(backend)  # type: ignore[union-attr]


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date), if it parses."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Fetcher:
    """Fetches URLs within the run's limits: global and per-host concurrency, per-host rate."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self.gates = Gates(options.per_host, options.rate)
        self._in_flight = asyncio.Semaphore(options.concurrency)
        self.client = make_client(options)

    async def aclose(self) -> None:
        await self.client.aclose()

    async def get(
        self,
        url: str,
        *,
        robots: RobotsCheck | None = None,
        max_bytes: int | None = None,
        keep_cut: bool = False,
    ) -> Fetched:
        """Fetch `url`, following redirects; never raises for what the network does.

        `keep_cut` keeps the first `max_bytes` of a larger body instead of failing
        (robots.txt is read that way).
        """
        limit = max_bytes or self.options.max_bytes
        current, tries = url, 0
        for _hop in range(self.options.max_redirects + 1):
            result = Fetched(url, current, datetime.now(UTC), tries=tries)
            try:
                current = result.final_url = normalise(current)
                if not self.options.allow_private:
                    parsed = httpx.URL(current)
                    await public_addresses(parsed.host, parsed.port or _default_port(parsed))
            except Refused as exc:
                result.error = str(exc)
                return result
            except OSError as exc:
                result.error = f"cannot resolve host ({exc})"
                return result
            if robots is not None:
                reason = await robots(current)
                if reason:
                    result.skipped = reason
                    return result
            await self._with_retries(result, limit, keep_cut)
            tries = result.tries
            location = result.headers.get("location")
            if result.status in REDIRECTS and location and result.error is None:
                current = urljoin(current, location)
                continue
            if result.status in REDIRECTS and result.error is None:
                result.error = f"HTTP {result.status} without a Location"
            return result
        return Fetched(
            url,
            current,
            datetime.now(UTC),
            error=f"more than {self.options.max_redirects} redirects",
            tries=tries,
        )

    async def _with_retries(self, result: Fetched, limit: int, keep_cut: bool) -> None:
        """One hop: try, and on a 429, a 5xx or a dropped connection, back off and try again."""
        options = self.options
        gate = self.gates[origin(result.final_url)]
        for attempt in range(options.retries + 1):
            result.tries += 1
            result.fetched_at = datetime.now(UTC)
            result.error = None
            try:
                await self._attempt(result, limit)
            except TooLarge as exc:
                if keep_cut:
                    result.body = exc.head
                else:
                    result.error = str(exc)
                return
            except (TimeoutError, httpx.TimeoutException):
                result.error = f"timed out after {options.timeout:g} s"
                return
            except Refused as exc:
                result.error = str(exc)
                return
            except httpx.TransportError as exc:
                result.error = f"{type(exc).__name__}: {exc or 'connection failed'}"
                delay = options.backoff * 2**attempt
            else:
                status = result.status or 0
                if status != 429 and status < 500:
                    return
                result.error = f"HTTP {status} after {result.tries} tries"
                asked = retry_after(result.headers.get("retry-after"))
                delay = options.backoff * 2**attempt if asked is None else asked
                if asked is not None and asked > options.max_retry_after:
                    result.error = (
                        f"HTTP {status}: the server asks to retry after {asked:g} s,"
                        f" more than the {options.max_retry_after:g} s storytrace waits"
                    )
                    return
            if attempt < options.retries:
                # The whole host waits, not only this request: it said it is overloaded.
                gate.defer(delay)

    async def _attempt(self, result: Fetched, limit: int) -> None:
        """One request: wait for the host's turn and a free connection, read at most `limit`."""
        async with self.gates[origin(result.final_url)].slot(), self._in_flight:
            async with asyncio.timeout(self.options.timeout):
                request = self.client.build_request("GET", result.final_url)
                response = await self.client.send(request, stream=True)
                try:
                    result.status = response.status_code
                    result.headers = _headers(response)
                    if response.is_success:
                        result.body = await _read(response, limit)
                finally:
                    await response.aclose()


async def _read(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(limit, b"", int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            chunks.append(chunk)
            raise TooLarge(limit, b"".join(chunks)[:limit])
        chunks.append(chunk)
    return b"".join(chunks)


def _headers(response: httpx.Response) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in response.headers.multi_items():
        key = name.lower()
        found[key] = f"{found[key]}, {value}" if key in found else value
    return found


def _default_port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80
