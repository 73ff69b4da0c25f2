"""A URL found in a feed or a sitemap, with what the listing said about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Link:
    """One URL a feed or sitemap lists."""

    url: str
    info: dict[str, Any] = field(default_factory=dict)
    """What the listing says of it (title, published, outlet), kept as page metadata."""
