"""The settings of one fetch run, validated once."""

from __future__ import annotations

from dataclasses import dataclass

from storytrace import __version__
from storytrace.model import Options

USER_AGENT = f"storytrace/{__version__} (+local research tool)"


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How politely and how safely to fetch; every limit has a default fit for a newsroom."""

    concurrency: int = 8
    """Requests in flight at once, over all hosts."""
    per_host: int = 2
    """Requests in flight at once to one host."""
    rate: float = 1.0
    """Seconds between the starts of two requests to one host (robots.txt may ask for more)."""
    timeout: float = 30.0
    """Seconds one request may take, from connecting to the last byte."""
    max_bytes: int = Options().max_bytes
    """A body larger than this is cut off and the fetch recorded as an error."""
    user_agent: str = USER_AGENT
    allow_private: bool = False
    """Allow loopback, link-local and private addresses (a local test server)."""
    refresh: bool = False
    """Fetch again URLs the fetch log says were fetched before."""
    retries: int = 3
    """Tries after the first on a 429, a 5xx or a dropped connection."""
    backoff: float = 1.0
    """Seconds before the first retry; doubled for each further one."""
    max_retry_after: float = 120.0
    """The longest `Retry-After` waited for; a server asking for more is recorded as failed."""
    max_redirects: int = 10
    max_depth: int = 3
    """How deep feeds and sitemaps are followed (a sitemap index is one level)."""
    http2: bool = True
    """Offer HTTP/2 over TLS where the `h2` package is installed."""

    def __post_init__(self) -> None:
        for name in ("concurrency", "per_host", "max_bytes"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("rate", "retries", "backoff", "max_retry_after", "max_redirects", "max_depth"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")
        if not self.user_agent.strip():
            raise ValueError("user_agent must not be empty")
