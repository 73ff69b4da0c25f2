"""What the user asked to fetch: URLs, and files (or `-`) listing URLs one per line."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import httpx

SCHEMES = ("http", "https")
STDIN = "-"


class Refused(Exception):
    """A URL storytrace will not request: not http(s), or a private address."""


@dataclass(frozen=True, slots=True)
class Target:
    """One URL to fetch, where the user gave it, or why the argument gives none."""

    source: str
    """The argument, or `FILE:LINE` for a URL read from a list."""
    url: str | None = None
    error: str | None = None


@lru_cache(maxsize=8192)
def normalise(url: str) -> str:
    """The URL as fetched and logged: scheme and host lower case, no fragment.

    Raises Refused for anything but an absolute http or https URL.
    """
    text = url.strip()
    try:
        parsed = httpx.URL(text)
    except (httpx.InvalidURL, TypeError) as exc:
        raise Refused(f"not a valid URL ({exc}): {text}") from None
    if parsed.scheme not in SCHEMES:
        shown = f"{parsed.scheme} URLs" if parsed.scheme else "URLs without a scheme"
        raise Refused(f"only http and https URLs are fetched, not {shown}: {text}")
    if not parsed.host:
        raise Refused(f"URL without a host: {text}")
    normal = str(parsed.copy_with(fragment=None))
    return normal if parsed.raw_path != b"/" or normal.endswith("/") else normal + "/"


@lru_cache(maxsize=8192)
def origin(url: str) -> str:
    """`scheme://host[:port]`: the unit robots.txt and the per-host limits apply to."""
    parsed = httpx.URL(url)
    port = f":{parsed.port}" if parsed.port else ""
    host = f"[{parsed.host}]" if ":" in parsed.host else parsed.host
    return f"{parsed.scheme}://{host}{port}"


def read_targets(args: Iterable[str]) -> Iterator[Target]:
    """Each argument: a URL, a file listing URLs one per line (`#` starts a comment), or `-`."""
    for arg in args:
        if "://" in arg:
            yield _target(arg, arg)
        elif arg == STDIN:
            yield from _listed("<stdin>", sys.stdin.read())
        elif Path(arg).is_file():
            try:
                text = Path(arg).read_bytes().decode("utf-8-sig", errors="replace")
            except OSError as exc:
                yield Target(arg, error=f"cannot read URL list ({exc.strerror or exc}): {arg}")
                continue
            yield from _listed(arg, text)
        else:
            yield Target(arg, error=f"not a URL (no http:// or https://) and no such file: {arg}")


def _listed(name: str, text: str) -> Iterator[Target]:
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            found = True
            yield _target(f"{name}:{number}", line)
    if not found:
        yield Target(name, error=f"no URLs listed in {name}")


def _target(source: str, url: str) -> Target:
    try:
        return Target(source, normalise(url))
    except Refused as exc:
        return Target(source, error=str(exc))
