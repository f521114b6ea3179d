"""Security of `multivector serve`: escaping, parameterised SQL, upload limits, write guards,
loopback by default."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from multivector.web.app import create_app
from multivector.web.sample import custom_doc, write_sample_db
from multivector.web.security import Settings, is_loopback, token_needed
from multivector.web.testing import local_client

HOSTILE_TEXT = (
    "Embassy note <script>alert('x')</script> was posted by Russia.\n"
    "An image <img src=x onerror=\"alert(2)\"> and a link <a href=\"javascript:alert(3)\">here</a> "
    "followed & so did \"quotes\" about Russia."
)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    hostile = custom_doc(
        HOSTILE_TEXT, title="<b onmouseover=alert(4)>Headline</b>", date="2024-01-05",
        key="hostile",
        mentions=[["Russia", "RUS"], ["Russia", "RUS", 1]],
        quotes=[{"text": "<img src=x onerror=\"alert(2)\">", "speaker": "RUS", "kind": "direct"}])
    path = write_sample_db(tmp_path_factory.mktemp("websec") / "sec.duckdb", extra=[hostile])
    return path, hostile.id


@pytest.fixture(scope="module")
def client(db_path):
    with local_client(create_app(Settings(db=db_path[0]))) as c:
        yield c


def test_document_markup_renders_as_text(client, db_path):
    r = client.get(f"/documents/{db_path[1]}")
    assert r.status_code == 200
    page = r.text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page
    assert 'href="javascript:' not in page
    assert "<b onmouseover" not in page and "&lt;b onmouseover=alert(4)&gt;" in page
    assert "followed &amp; so did &quot;quotes&quot;" in page
    # the highlighted quote is still there, escaped inside its mark
    assert 'data-quote-id="' in page and "QUOTE · Russia" in page
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_api_returns_text_verbatim_as_json(client, db_path):
    doc = client.get(f"/api/documents/{db_path[1]}").json()
    assert doc["text"] == HOSTILE_TEXT
    assert client.get(f"/api/documents/{db_path[1]}").headers["content-type"].startswith(
        "application/json")


INJECTIONS = ["x' OR '1'='1", "'; DROP TABLE documents; --", "RUS') OR 1=1 --",
              "%' OR 1=1 --", "\\'; SELECT * FROM actors; --"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_in_filter_values_is_harmless(client, value):
    before = client.get("/api/documents").json()["total"]
    for url, key in [("/api/documents", "actor"), ("/api/documents", "q"),
                     ("/api/documents", "type"), ("/api/documents", "language"),
                     ("/api/actors", "q"), ("/api/actors", "type"), ("/api/mentions", "actor"),
                     ("/api/quotes", "speaker"), ("/api/quotes", "about"),
                     ("/api/events", "actor"), ("/api/events", "type"),
                     ("/api/events", "modality"), ("/api/stances", "target"),
                     ("/api/stances", "q")]:
        r = client.get(url, params={key: value})
        assert r.status_code == 200, (url, key, r.text)
        body = r.json()
        assert body.get("total", 0) == 0 and not body.get("edges"), (url, key)
    assert client.get("/api/events", params={"a": value, "b": "RUS"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": value}).json()["documents"]["total"] == 0
    assert client.get(f"/api/actors/{value}").status_code == 404
    assert client.get("/api/relations", params={"actor": value}).status_code == 404
    r = client.get("/api/documents", params={"from": value})
    assert r.status_code == 422  # dates are validated, not passed on
    assert client.get("/api/documents").json()["total"] == before  # nothing was dropped


def test_writing_is_refused_without_allow_write(client):
    r = client.post("/api/analyze", json={"text": "Russia and China met."})
    assert r.status_code == 403


@pytest.fixture(scope="module")
def write_client(tmp_path_factory):
    db = write_sample_db(tmp_path_factory.mktemp("webw") / "w.duckdb")
    app = create_app(Settings(db=db, allow_write=True, token="s3cret-token", max_upload=2000))
    with local_client(app) as c:
        yield c


def test_write_needs_the_bearer_token(write_client):
    text = {"text": "Russia and China met."}
    assert write_client.post("/api/analyze", json=text).status_code == 401
    r = write_client.post("/api/analyze", json=text, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = write_client.post("/api/analyze", json=text, headers={"Authorization": "s3cret-token"})
    assert r.status_code == 401


def test_oversized_upload_gets_413(write_client):
    auth = {"Authorization": "Bearer s3cret-token"}
    big = b"Russia " * 1000  # 7,000 bytes > 2,000
    r = write_client.post("/api/analyze", json={"text": big.decode()}, headers=auth)
    assert r.status_code == 413
    r = write_client.post("/api/analyze", headers=auth,
                          json={"file": base64.b64encode(big).decode(), "filename": "big.txt"})
    assert r.status_code == 413
    # without a Content-Length (chunked): counted while it streams in
    body = json.dumps({"text": big.decode()}).encode()
    r = write_client.post("/api/analyze", content=iter([body[:1500], body[1500:]]),
                          headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413
    # and even without a token an oversized body is never read in full
    r = write_client.post("/api/analyze", content=body,
                          headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_token_rules():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.10")
    assert not token_needed(Settings(db="x", allow_write=True))  # loopback, no token given
    assert token_needed(Settings(db="x", host="0.0.0.0", allow_write=True))
    assert token_needed(Settings(db="x", allow_write=True, token="t"))


def test_non_loopback_write_without_configured_token_is_401(tmp_path):
    db = write_sample_db(tmp_path / "n.duckdb")
    app = create_app(Settings(db=db, host="0.0.0.0", allow_write=True))
    with local_client(app) as c:
        r = c.post("/api/analyze", json={"text": "x"}, headers={"Authorization": "Bearer "})
        assert r.status_code == 401


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_binds_loopback_by_default(tmp_path):
    import psutil

    db = write_sample_db(tmp_path / "bind.duckdb")
    port = _free_port()
    exe = Path(sys.executable).with_name("multivector")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "multivector.cli"]
    proc = subprocess.Popen([*cmd, "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "MULTIVECTOR_TOKEN": ""})
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/info", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail(f"server did not start: {proc.stderr.read1().decode(errors='replace')}")
        info = httpx.get(f"http://127.0.0.1:{port}/api/info").json()
        assert info["allow_write"] is False
        # the server's processes (with one worker per core, each worker listens itself)
        server = psutil.Process(proc.pid)
        listening = [c.laddr for p in [server, *server.children(recursive=True)]
                     for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
        assert listening and all(a.ip == "127.0.0.1" and a.port == port for a in listening)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _connections_per_worker(port: int, workers: list, n: int) -> dict[int, int]:
    """Open ``n`` keep-alive connections at once (as ``n`` browser tabs or benchmark clients
    do), send a request on each, and count the connections each worker process holds."""
    import asyncio

    async def main() -> dict[int, int]:
        conns = await asyncio.gather(*(asyncio.open_connection("127.0.0.1", port)
                                       for _ in range(n)))
        for _, w in conns:
            w.write(f"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        for r, _ in conns:
            await r.readuntil(b"\r\n\r\n")
        held = {}
        for p in workers:
            k = sum(1 for c in p.net_connections(kind="tcp")
                    if c.status == "ESTABLISHED" and c.laddr.port == port)
            if k:
                held[p.pid] = k
        for _, w in conns:
            w.close()
        return held

    return asyncio.run(main())


def _connections(proc) -> list:
    """A worker's TCP connections; none while it is gone (the supervisor restarts a worker that
    misses its health check, which a loaded machine can cause)."""
    import psutil

    try:
        return proc.net_connections(kind="tcp")
    except psutil.NoSuchProcess:
        return []


def test_serve_workers_run_several_read_only_processes(tmp_path):
    import psutil

    db = write_sample_db(tmp_path / "workers.duckdb")
    port = _free_port()
    exe = Path(sys.executable).with_name("multivector")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "multivector.cli"]
    proc = subprocess.Popen([*cmd, "serve", "--db", db, "--port", str(port), "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/info", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail(f"server did not start: {proc.stderr.read1().decode(errors='replace')}")
        workers = [c for c in psutil.Process(proc.pid).children(recursive=True)
                   if "spawn_main" in " ".join(c.cmdline())]
        assert len(workers) == 2
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            totals = {client.get("/api/documents").json()["total"] for _ in range(6)}
        assert totals == {3}
        if sys.platform.startswith("linux"):  # SO_REUSEPORT: each worker its own socket
            # a worker listens once it has started (the second may start seconds later)
            deadline = time.time() + 90
            while time.time() < deadline and not all(
                    any(c.status == psutil.CONN_LISTEN and c.laddr.port == port
                        for c in _connections(w)) for w in workers):
                time.sleep(0.2)
            held = _connections_per_worker(port, workers, 16)
            # one shared socket gave all 16 to one worker (it accepts all waiting at once);
            # hashed over two sockets, all 16 on one has a chance of 2 in 65,536
            assert len(held) == 2 and sum(held.values()) == 16, held
        # both processes hold the file read-only: another reader may open it meanwhile
        from multivector.store.read import Reader

        with Reader.open(db) as r:
            assert r.count("documents") == 3
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_every_page_carries_the_same_header_and_no_placeholder(client, db_path):
    """The navigation is written once (templates/_header.html): the explorer, a document and an
    error page all show it, and no template placeholder reaches the browser."""
    pages = [client.get("/"), client.get(f"/documents/{db_path[1]}"),
             client.get("/documents/no-such-document")]
    assert [p.status_code for p in pages] == [200, 200, 404]
    headers = []
    for p in pages:
        assert "$header" not in p.text and "$title" not in p.text
        start = p.text.index('<header class="top">')
        headers.append(p.text[start:p.text.index("</header>", start)])
    assert headers[0] == headers[1] == headers[2]
    assert 'href="/actors"' in headers[0] and 'action="/search"' in headers[0]
