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

            def on_dialog(dialog) -> None:  # an alert would mean injected script ran
                errors.append(f"dialog: {dialog.message}")
                dialog.dismiss()

            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", on_dialog)
            setattr(page, "errors", errors)  # noqa: B010  (read by the tests)
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


# ---------------------------------------------------------------------- the network (cytoscape)
NODE_SCREEN_JS = """id => {
  const cy = window.mvNetwork, n = cy.getElementById(id);
  if (!n.length) return null;
  const p = n.renderedPosition(), r = cy.container().getBoundingClientRect();
  return [r.left + p.x, r.top + p.y];
}"""

# Rendered boxes of the nodes (discs) and of the labels shown, and the container's size.
NETWORK_BOXES_JS = """() => {
  const cy = window.mvNetwork, c = cy.container();
  const box = b => [b.x1, b.y1, b.x2, b.y2];
  return {
    width: c.clientWidth, height: c.clientHeight,
    nodes: cy.nodes().map(n => ({id: n.id(),
      disc: box(n.renderedBoundingBox({includeLabels: false, includeOverlays: false})),
      label: n.hasClass("nolabel") ? null : box(n.renderedBoundingBox(
        {includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false}))})),
  };
}"""


def wait_js(page, expression: str, timeout: float = 15.0) -> None:
    """Wait until ``expression`` is true in the page. (Playwright's wait_for_function compiles
    the expression inside the page, which the strict Content-Security-Policy refuses.)"""
    deadline = time.time() + timeout
    while not page.evaluate(expression):
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(100)


def wait_network(page) -> None:
    page.wait_for_selector("#network[data-ready='1']")


def click_node(page, actor_id: str) -> None:
    """Click the node of ``actor_id`` where it is drawn (a real mouse click on the canvas)."""
    xy = page.evaluate(NODE_SCREEN_JS, actor_id)
    if xy is None:
        raise AssertionError(f"no node {actor_id} in the network")
    page.mouse.click(*xy)


def overlaps(a, b, pad: float = 0.0) -> bool:
    return a[0] < b[2] - pad and b[0] < a[2] - pad and a[1] < b[3] - pad and b[1] < a[3] - pad
