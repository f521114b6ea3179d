"""Who may write, and how much: the guards in front of ``POST /api/analyze``.

The server is read-only unless started with ``--allow-write``. Writing from another machine also
needs a bearer token: on a loopback address only local users reach the port, on any other
address anyone on the network could fill the database (or the CPU) otherwise. Request bodies of
the write endpoint are capped while they stream in (413), so a huge upload is refused before it
is held in memory.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass

from fastapi import HTTPException, Request

DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024  # bytes


@dataclass(frozen=True)
class Settings:
    db: str
    host: str = "127.0.0.1"
    port: int = 8000
    allow_write: bool = False
    token: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_needed(settings: Settings) -> bool:
    """A token is checked when one was given, and always when writing is open to the network."""
    return bool(settings.token) or (settings.allow_write and not is_loopback(settings.host))


def new_token() -> str:
    return secrets.token_urlsafe(24)


def require_write(request: Request) -> None:
    """FastAPI dependency for write endpoints: 403 when writing is off, 401 without the token."""
    settings: Settings = request.app.state.settings
    if not settings.allow_write:
        raise HTTPException(403, "writing is disabled: start the server with --allow-write")
    if token_needed(settings):
        expected = settings.token or ""
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if not expected or scheme.lower() != "bearer" or not secrets.compare_digest(
                given.strip().encode(), expected.encode()):
            raise HTTPException(401, "a valid bearer token is required",
                                headers={"WWW-Authenticate": "Bearer"})


class TooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body larger than {limit:,} bytes")


class BodyLimit:
    """ASGI middleware: refuse bodies over ``max_bytes`` on ``paths`` with 413, checking the
    Content-Length header first and then counting the bytes actually received (a client may send
    no length, or lie about it)."""

    def __init__(self, app, max_bytes: int, paths: tuple[str, ...]):
        self.app = app
        self.max_bytes = max_bytes
        self.paths = paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] not in self.paths:
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            return await self._refuse(send)
        received = 0
        started = False

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise TooLarge(self.max_bytes)
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send) -> None:
        body = (b'{"detail":"request body larger than %d bytes"}' % self.max_bytes)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


# Pages load scripts and styles from this server only; no inline script runs (defence in depth
# on top of escaping: even a missed escape could not execute).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
# Swagger UI's page has one inline script that starts it.
CSP_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'")
