"""Small ASGI wrappers: HEAD answered like GET without a body; the headers every response
carries.

Why plain ASGI classes rather than ``@app.middleware("http")``: Starlette runs such a function
through ``BaseHTTPMiddleware``, which wraps every response in an extra stream and task (a
measurable part of the few milliseconds a cached API answer costs the server)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from starlette.datastructures import MutableHeaders


class HeadAsGet:
    """Answer ``HEAD`` on every GET route (link checkers, ``curl -I``, monitoring): the request
    runs as a GET and the body is dropped; status and headers (Content-Length too) stay."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def no_body(message):
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)


class CommonHeaders:
    """Every response: ``nosniff``, no referrer, ``Cache-Control: no-cache`` unless the route
    set its own (static files), and the Content-Security-Policy on HTML (``csp_docs`` for the
    API docs page). ``session()`` is held while the request runs (the read-only server keeps
    the file open meanwhile, see :class:`~multivector.web.database.Database`)."""

    def __init__(self, app, session: Callable[[], AbstractContextManager[Any]], csp: str,
                 csp_docs: str):
        self.app = app
        self.session = session
        self.csp = csp
        self.csp_docs = csp_docs

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        csp = self.csp_docs if scope["path"] == "/docs" else self.csp

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", csp)
                # data changes with every write: always revalidate (static files set their own)
                headers.setdefault("Cache-Control", "no-cache")
            await send(message)

        with self.session():  # the file stays open while a request runs
            await self.app(scope, receive, with_headers)
