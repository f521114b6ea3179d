"""The cross-site write hole and the request rules of issue 17: Host allow-list (DNS rebinding),
same-origin writes, JSON-only bodies, a bounded analysis queue, validated parameters, 404s, HTML
error pages, HEAD, no server paths, gzip and cached fingerprinted assets. The browser test posts
from a second local server (another origin) the way a hostile page would."""

from __future__ import annotations

import base64
import threading
import time

import httpx
import pytest

from multivector.web.app import create_app
from multivector.web.sample import custom_doc, write_sample_db
from multivector.web.security import Settings, allowed_hosts, host_name
from multivector.web.testing import chromium_page, local_client, require_chromium, serve_in_thread

TEXT = "Kazakhstan and Russia signed a transit agreement in Astana on Monday."


class FakePipeline:
    """Stands in for spaCy and the stages: records each document and stores a small Doc.
    ``delay`` makes each analysis take that long (to fill the queue)."""

    def __init__(self, delay: float = 0.0):
        self.calls: list[str] = []
        self.delay = delay

    def process(self, documents):
        doc = documents[0]
        self.calls.append(doc.text)
        time.sleep(self.delay)
        return [custom_doc(doc.text, title=doc.title, key=f"posted-{len(self.calls)}",
                           mentions=[["Russia", "RUS"]] if "Russia" in doc.text else [])], []


@pytest.fixture
def writer(tmp_path):
    db = write_sample_db(tmp_path / "w.duckdb")
    pipeline = FakePipeline()
    app = create_app(Settings(db=db, allow_write=True), pipeline=pipeline)
    with local_client(app) as client:
        yield client, pipeline


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    db = write_sample_db(tmp_path_factory.mktemp("guard") / "r.duckdb")
    with local_client(create_app(Settings(db=db))) as client:
        yield client, db


def test_host_names():
    assert host_name("[::1]:8000") == "::1" and host_name("LocalHost:80") == "localhost"
    assert host_name("127.0.0.1") == "127.0.0.1" and host_name("example.org.") == "example.org"
    names = allowed_hosts(Settings(db="x", host="0.0.0.0", allowed_hosts=("mv.lan",)))
    assert {"localhost", "127.0.0.1", "::1", "mv.lan"} <= names and "0.0.0.0" not in names


def test_foreign_host_header_is_refused_for_reads_and_writes(writer):
    client, pipeline = writer
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""):
        r = client.get("/api/documents", headers={"Host": host})
        assert r.status_code == 421, host
        assert "--allowed-host" in r.json()["detail"]
        assert client.post("/api/analyze", json={"text": TEXT},
                           headers={"Host": host}).status_code == 421
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/info", headers={"Host": host}).status_code == 200, host
    assert pipeline.calls == []


def test_allowed_host_option_adds_a_name(tmp_path):
    db = write_sample_db(tmp_path / "h.duckdb")
    app = create_app(Settings(db=db, allowed_hosts=("mv.example.org",)))
    with local_client(app) as client:
        assert client.get("/api/info", headers={"Host": "mv.example.org"}).status_code == 200
        assert client.get("/api/info", headers={"Host": "other.example.org"}).status_code == 421


def test_writes_only_from_our_own_origin_and_only_json(writer):
    client, pipeline = writer
    cross = [{"Origin": "http://evil.example"}, {"Origin": "null"},
             {"Origin": "http://127.0.0.1:9999"},  # another local port is another origin
             {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
             {"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "cross-site"}]
    for headers in cross:
        r = client.post("/api/analyze", json={"text": TEXT}, headers=headers)
        assert r.status_code == 403, headers
    # what a cross-site form or a no-cors fetch can send: never JSON
    for kwargs in ({"data": {"text": TEXT}},
                   {"content": TEXT, "headers": {"Content-Type": "text/plain"}},
                   {"files": {"file": ("a.txt", TEXT.encode(), "text/plain")}},
                   {"content": TEXT}):
        assert client.post("/api/analyze", **kwargs).status_code == 415
    assert pipeline.calls == []
    # our own page: same origin (browsers send both headers), JSON
    r = client.post("/api/analyze", json={"text": TEXT},
                    headers={"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 201, r.text
    # a script without browser headers (curl) still works; a file travels as base64 JSON
    r = client.post("/api/analyze", json={"file": base64.b64encode(b"Russia spoke.").decode(),
                                          "filename": "note.txt"})
    assert r.status_code == 201, r.text
    assert len(pipeline.calls) == 2


def test_analysis_queue_is_bounded(tmp_path):
    db = write_sample_db(tmp_path / "q.duckdb")
    pipeline = FakePipeline(delay=1.0)
    app = create_app(Settings(db=db, allow_write=True, max_queue=2), pipeline=pipeline)
    statuses: list[int] = []
    with serve_in_thread(app) as base:
        def post(i: int) -> None:
            r = httpx.post(base + "/api/analyze", json={"text": f"{TEXT} Number {i}."},
                           timeout=30)
            statuses.append(r.status_code)
            if r.status_code == 503:
                assert int(r.headers["retry-after"]) > 0

        threads = [threading.Thread(target=post, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert sorted(statuses).count(201) == 2 and statuses.count(503) == 4, statuses
    assert len(pipeline.calls) == 2  # refused requests cost no analysis


@pytest.mark.parametrize("url", [
    "/api/documents?offset=10000000000000000000", "/api/documents?offset=-1",
    "/api/documents?limit=0", "/api/documents?limit=100000", "/api/events?offset=1e3",
    "/api/documents?from=2024-13-45", "/api/documents?to=2023-02-29",
    "/api/stances?from=2024-00", "/api/relations?from=2024-13", "/api/quotes?to=0000",
    "/api/relations?limit=0", "/api/search?q=x", "/api/actors/RUS?limit=100000",
])
def test_bad_parameters_are_422(reader, url):
    client, _ = reader
    r = client.get(url)
    assert r.status_code == 422, (url, r.status_code, r.text[:200])
    assert "Traceback" not in r.text and "duckdb" not in r.text.lower()


def test_real_dates_pass(reader):
    client, _ = reader
    assert client.get("/api/documents?from=2024-02-29&to=2024-12").status_code == 200


def test_unknown_ids_are_404_and_pages_get_html_errors(reader):
    client, _ = reader
    assert client.get("/api/relations?actor=NOPE").status_code == 404
    assert client.get("/api/relations?actor=RUS").status_code == 200
    assert client.get("/api/actors/NOPE").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404
    for url in ("/documents/nope", "/no/such/page"):
        r = client.get(url)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
        assert "404" in r.text and "<!doctype html>" in r.text
        assert "script-src 'self'" in r.headers["content-security-policy"]
    r = client.get("/api/nope")
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"


def test_head_is_answered_like_get(reader):
    client, _ = reader
    for url in ("/", "/api/info", "/actors/RUS", "/static/app.js"):
        get, head = client.get(url), client.head(url)
        assert head.status_code == 200 == get.status_code, url
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_no_server_paths_unless_asked(reader, tmp_path):
    client, db = reader
    info = client.get("/api/info").json()
    assert info["db"] == "r.duckdb" and "/" not in info["db"]
    docs = client.get("/api/documents").json()["items"]
    assert all("/" not in (d["source"] or "") for d in docs)
    stored = write_sample_db(tmp_path / "p.duckdb")
    with local_client(create_app(Settings(db=stored, show_paths=True))) as c:
        assert c.get("/api/info").json()["db"] == stored


def test_gzip_and_caching(reader):
    client, _ = reader
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    r = client.get(f"/api/documents/{doc_id}", headers={"Accept-Encoding": "gzip"})
    assert len(r.content) > 1024 and r.headers.get("content-encoding") == "gzip"
    assert r.headers["cache-control"] == "no-cache"
    small = client.get("/api/quotes?speaker=NOPE", headers={"Accept-Encoding": "gzip"})
    assert len(small.content) < 1024 and "content-encoding" not in small.headers  # under 1 KiB
    page = client.get("/").text
    import re

    url = re.search(r'src="(/static/app\.js\?v=[0-9a-f]{10})"', page).group(1)
    r = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and "immutable" in r.headers["cache-control"]
    assert r.headers.get("content-encoding") == "gzip"
    assert client.get("/static/app.js").headers["cache-control"] == "no-cache"
    assert client.get("/static/app.js?v=0000000000").headers["cache-control"] == "no-cache"


# ---------------------------------------------------------------------- in a real browser
HOSTILE_PAGE = """<!doctype html><html><body>
<form id="f1" method="post" enctype="text/plain" action="TARGET/api/analyze" target="sink1">
  <input name='{"text": "Russia attacked in a forged text/plain form", "x": "' value='"}'>
</form>
<form id="f2" method="post" action="TARGET/api/analyze" target="sink2">
  <input name="text" value="Russia attacked in a forged urlencoded form">
</form>
<form id="f3" method="post" enctype="multipart/form-data" action="TARGET/api/analyze"
      target="sink3"><input name="text" value="Russia attacked in a forged multipart form">
</form>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe><iframe name="sink3"></iframe>
<script>
  document.getElementById("f1").submit();
  document.getElementById("f2").submit();
  document.getElementById("f3").submit();
  fetch("TARGET/api/analyze", {method: "POST", mode: "no-cors",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({text: "Russia attacked in a forged no-cors fetch"})})
    .finally(() => { document.title = "sent"; });
</script></body></html>"""


@pytest.mark.browser
def test_cross_origin_posts_from_another_local_site_are_refused(tmp_path):
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    chromium = require_chromium()
    db = write_sample_db(tmp_path / "x.duckdb")
    pipeline = FakePipeline()
    target = create_app(Settings(db=db, allow_write=True), pipeline=pipeline)
    hostile = FastAPI()
    with serve_in_thread(target) as base, chromium_page(chromium) as page:
        hostile.get("/")(lambda: HTMLResponse(HOSTILE_PAGE.replace("TARGET", base)))
        with serve_in_thread(hostile) as evil:  # another port: another origin
            page.goto(evil + "/")
            page.wait_for_function("document.title === 'sent'")
            page.wait_for_timeout(1500)  # let the three form posts land
        assert pipeline.calls == []
        assert httpx.get(base + "/api/documents").json()["total"] == 3
        # the control: the same request from the server's own page is accepted
        page.goto(base + "/")
        status = page.evaluate("""() => fetch('/api/analyze', {method: 'POST',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({text: 'Russia spoke from our own page'})}).then(r => r.status)""")
        assert status == 201 and len(pipeline.calls) == 1
        assert httpx.get(base + "/api/documents").json()["total"] == 4


def test_rebinding_request_to_a_real_server_is_refused(tmp_path):
    db = write_sample_db(tmp_path / "rb.duckdb")
    with serve_in_thread(create_app(Settings(db=db))) as base:
        ok = httpx.get(base + "/api/documents")
        assert ok.status_code == 200
        rebound = httpx.get(base + "/api/documents", headers={"Host": "attacker.example"})
        assert rebound.status_code == 421 and "items" not in rebound.text
