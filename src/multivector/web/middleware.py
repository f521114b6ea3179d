"""Small ASGI wrappers: HEAD answered like GET without a body."""

from __future__ import annotations


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
