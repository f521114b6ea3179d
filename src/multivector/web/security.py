"""Who may read and write, and how much: the guards in front of the server.

The server is read-only unless started with ``--allow-write``. Writing from another machine also
needs a bearer token: on a loopback address only local users reach the port, on any other
address anyone on the network could fill the database (or the CPU) otherwise. Request bodies of
the write endpoint are capped while they stream in (413), so a huge upload is refused before it
is held in memory.

A browser is the other way in: any page the user visits can send requests to 127.0.0.1. Two
guards close that hole (:class:`Guard`):

* **Host allow-list.** A page on ``evil.example`` whose DNS name is switched to 127.0.0.1 (DNS
  rebinding) sends ``Host: evil.example``: refused with 421, so it can neither read nor write.
  Allowed: the loopback names, ``--host`` and every ``--allowed-host``.
* **Same origin for writes.** A state-changing request whose ``Sec-Fetch-Site`` says another
  site, or whose ``Origin`` is not this server, is refused with 403; the write endpoint takes
  only ``application/json`` bodies (415 otherwise), which a cross-site form cannot send and a
  cross-site script cannot send without a CORS preflight this server never grants. Clients that
  are not browsers (curl, scripts) send neither header and pass; the token rules still apply.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

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
    allowed_hosts: tuple[str, ...] = ()  # Host header names accepted besides the defaults
    show_paths: bool = False  # full server paths in responses (else the file name only)
    max_queue: int = 4  # analysis requests waiting or running; more get 503
    threads: int | None = None  # DuckDB threads of the read connection (None: every core)


LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "127.0.0.1", "::1")
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def host_name(value: str) -> str:
    """The name of a Host header or URL authority, without port, lower case (``[::1]:8000`` ->
    ``::1``)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts(settings: Settings) -> set[str]:
    """The Host names this server answers: loopback names, ``--host`` (unless it is a wildcard
    address) and ``--allowed-host``."""
    names = set(LOOPBACK_NAMES)
    if settings.host not in ("0.0.0.0", "::", ""):
        names.add(host_name(settings.host))
    names.update(host_name(h) for h in settings.allowed_hosts if h.strip())
    return names


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


def _refusal(status: int, message: str) -> tuple[dict, bytes]:
    body = json.dumps({"detail": message}).encode()
    return ({"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode()),
                         (b"cache-control", b"no-store")]}, body)


def check_request(settings: Settings, hosts: set[str], method: str,
                  headers: dict[str, str], path: str) -> tuple[int, str] | None:
    """(status, reason) when the request must be refused, else None. ``headers``: lower-case
    names. Order: a foreign Host first (it may not even read), then the origin of writes."""
    host = headers.get("host", "")
    if host_name(host) not in hosts:
        return 421, (f"this server does not answer for host {host_name(host)!r}; start it with "
                     f"--allowed-host {host_name(host) or 'NAME'} to allow it")
    if method not in UNSAFE_METHODS:
        return None
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return 403, f"cross-site request refused (Sec-Fetch-Site: {site})"
    origin = headers.get("origin")
    if origin is not None:
        parts = urlsplit(origin)
        if origin == "null" or not parts.netloc or parts.netloc.lower() != host.lower():
            return 403, f"cross-origin request refused (Origin: {origin})"
    if path.startswith("/api/"):
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            return 415, "send the body as application/json"
    return None


class Guard:
    """ASGI middleware applying :func:`check_request` to every HTTP request."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.settings = settings
        self.hosts = allowed_hosts(settings)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers") or []}
        refused = check_request(self.settings, self.hosts, scope["method"], headers,
                                scope["path"])
        if refused is None:
            return await self.app(scope, receive, send)
        start, body = _refusal(*refused)
        await send(start)
        await send({"type": "http.response.body", "body": body})


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
