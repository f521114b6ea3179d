"""Helpers for driving the explorer from tests: a real server in a thread, a local Chromium.

Kept in the package (not in tests/) because several test modules use them, and so does anyone
checking a deployment by hand. Playwright is only imported by the caller; nothing here
downloads a browser: Chromium comes from the system (Debian's `chromium`).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    """The system Chromium (``$MULTIVECTOR_CHROMIUM``, /usr/bin/chromium, or on PATH)."""
    for candidate in (os.environ.get("MULTIVECTOR_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_in_thread(app, host: str = "127.0.0.1") -> Iterator[str]:
    """Run ``app`` on uvicorn on a free loopback port; yields the base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline and thread.is_alive():
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError("uvicorn did not start")
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium_page(chromium: str, width: int = 1400, height: int = 900):
    """A Playwright page in a fresh headless Chromium profile. ``page.errors`` collects page
    errors and dialogs (an alert would mean injected script ran)."""
    import tempfile

    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="mv-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
                viewport={"width": width, "height": height})
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
            page.errors = errors
            try:
                yield page
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def local_client(app, **kw):
    """A Starlette TestClient that reaches ``app`` as a local browser would: Host 127.0.0.1
    (the default ``testserver`` is not an allowed Host, see :mod:`multivector.web.security`)."""
    from fastapi.testclient import TestClient

    return TestClient(app, base_url="http://127.0.0.1:8000", **kw)


def require_chromium() -> str:
    """The Chromium path, or skip the calling test with the reason (pytest only)."""
    import pytest

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium found (/usr/bin/chromium); run `make browser` "
                    "(scripts/install-browser.sh) to install Debian's chromium")
    pytest.importorskip("playwright.sync_api",
                        reason="Playwright's Python package is not installed")
    return chromium
