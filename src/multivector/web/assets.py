"""Static files with fingerprints: long caching without ever serving a stale script.

Every file under ``static/`` gets a short content hash. Pages refer to ``/static/app.js?v=HASH``
(:func:`fingerprint_html` rewrites the plain ``/static/...`` references of the templates once,
at start-up); a request carrying the current hash is cached for a year (``immutable``), any other
(an old page, a hand-typed URL) must revalidate. A new release changes the hash, so browsers
fetch the new file at once.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import resources
from pathlib import Path

from starlette.staticfiles import StaticFiles

STATIC = Path(str(resources.files(__package__).joinpath("static")))
REF = re.compile(r'(?P<attr>(?:src|href)=")/static/(?P<name>[A-Za-z0-9_./-]+)"')
YEAR = "public, max-age=31536000, immutable"


@cache
def fingerprint(name: str) -> str | None:
    """The first 10 hex digits of the SHA-256 of ``static/NAME`` (None when it is missing)."""
    path = (STATIC / name).resolve()
    if STATIC.resolve() not in path.parents or not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def asset_url(name: str) -> str:
    digest = fingerprint(name)
    return f"/static/{name}?v={digest}" if digest else f"/static/{name}"


def fingerprint_html(html: str) -> str:
    """``/static/NAME`` references of a page replaced by their fingerprinted URLs."""
    return REF.sub(lambda m: f'{m["attr"]}{asset_url(m["name"])}"', html)


class CachedStatic(StaticFiles):
    """StaticFiles with Cache-Control: a year for the current fingerprint, else revalidate."""

    async def get_response(self, path, scope):
        response = await super().get_response(path, scope)
        query = scope.get("query_string", b"").decode("latin-1")
        version = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("v")
        fresh = version is not None and version == fingerprint(path)
        response.headers["Cache-Control"] = YEAR if fresh else "no-cache"
        return response
