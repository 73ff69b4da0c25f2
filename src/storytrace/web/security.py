"""ASGI middleware that keeps the local app local: headers, body size, hosts, origins.

- every response carries a strict Content-Security-Policy (nothing but this server's
  own files, no inline script or style), no-referrer, nosniff and no framing;
- a request body larger than the limit gets 413 before it is read to the end;
- a Host header that is not one we serve gets 400 (DNS rebinding), and a form posted
  from another site's page gets 403 (cross-site request forgery).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
    " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class BodyTooLarge(Exception):
    """Raised inside `receive` when a body grows past the limit."""


async def _plain(send: Send, status: int, message: str, *, json_body: bool) -> None:
    if json_body:
        body = json.dumps({"detail": message}).encode()
        media = b"application/json"
    else:
        body = message.encode()
        media = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", media),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _is_api(scope: Scope) -> bool:
    return str(scope.get("path", "")).startswith("/api/")


class SecurityMiddleware:
    """Security headers on every response; body limit, host and origin checks on requests."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = _is_api(scope)
        problem = self._refuse(scope)
        if problem:
            await _plain(send, problem[0], problem[1], json_body=api)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k for k, _ in HEADERS}
                headers = [(k, v) for k, v in message.get("headers", []) if k not in names]
                message = {**message, "headers": headers + HEADERS}
            await send(message)

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except BodyTooLarge:
            if started:
                raise
            await _plain(send, 413, self._too_large(), json_body=api)

    def _too_large(self) -> str:
        return f"request body larger than the {self.max_body:,} byte limit"

    def _refuse(self, scope: Scope) -> tuple[int, str] | None:
        host = (_header(scope, b"host") or "").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if "*" not in self.allowed_hosts and name not in self.allowed_hosts:
            return (
                400,
                f"unknown host {host!r}: this server answers only {sorted(self.allowed_hosts)}",
            )
        length = _header(scope, b"content-length")
        if length is not None:
            if not length.isdigit():
                return 400, "malformed Content-Length header"
            if int(length) > self.max_body:
                return 413, self._too_large()
        if scope.get("method") in UNSAFE_METHODS:
            if _header(scope, b"sec-fetch-site") == "cross-site":
                return 403, "cross-site form posts are refused"
            origin = _header(scope, b"origin")
            if origin and origin != "null" and urlsplit(origin).netloc.lower() != host:
                return 403, f"form posted from another origin ({origin}) is refused"
            if origin == "null":
                return 403, "form posted from an opaque origin is refused"
        return None
