"""POST /api/analyze with the real pipeline: text in, analysed document stored and shown."""

from __future__ import annotations

import base64

import pytest

from multivector.web.app import create_app
from multivector.web.sample import write_sample_db
from multivector.web.security import Settings
from multivector.web.testing import local_client

pytestmark = pytest.mark.slow

TEXT = (
    "Kazakhstan and China agree on a second rail crossing\n\n"
    "Kazakhstan and China signed an agreement on Monday to build a second railway crossing "
    "on their border, officials in Astana said.\n\n"
    "\"Russia will not like this, but our trade cannot depend on one neighbour,\" said Marat "
    "Tulegenov, an economist at the Almaty Institute of Trade."
)
AUTH = {"Authorization": "Bearer tok"}


@pytest.fixture(scope="module")
def client(tmp_path_factory, pipeline):
    db = write_sample_db(tmp_path_factory.mktemp("weba") / "a.duckdb")
    app = create_app(Settings(db=db, allow_write=True, token="tok"), pipeline=pipeline)
    with local_client(app) as c:
        yield c


def test_analyze_text_stores_and_shows_it(client):
    before = client.get("/api/relations").json()
    r = client.post("/api/analyze", json={"text": TEXT, "date": "2024-03-04"}, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["new"] is True and body["date"] == "2024-03-04"
    assert body["title"] == "Kazakhstan and China agree on a second rail crossing"
    doc = client.get(f"/api/documents/{body['id']}").json()
    ids = {m["actor_id"] for m in doc["mentions"]}
    assert {"KAZ", "CHN", "RUS"} <= ids
    quote = next(q for q in doc["quotes"] if "our trade cannot depend" in q["text"])
    assert "Tulegenov" in (quote.get("speaker_name") or "")
    page = client.get(body["url"])
    assert page.status_code == 200
    assert f'data-quote-id="{quote["id"]}"' in page.text
    assert client.get("/api/documents").json()["total"] == 4
    # the network was recomputed after the write (new mentions counted)
    after = client.get("/api/relations").json()
    kaz = lambda g: next(n for n in g["nodes"] if n["id"] == "KAZ")["mentions"]  # noqa: E731
    assert kaz(after) > kaz(before)
    # the same text again is not stored twice
    again = client.post("/api/analyze", json={"text": TEXT, "date": "2024-03-04"}, headers=AUTH)
    assert again.status_code == 201 and again.json()["new"] is False
    assert again.json()["id"] == body["id"]


def test_analyze_file_upload_and_bad_input(client):
    note = base64.b64encode(TEXT.replace("Monday", "Tuesday").encode()).decode()
    r = client.post("/api/analyze", headers=AUTH,
                    json={"title": "Uploaded note", "file": note, "filename": "note.txt"})
    assert r.status_code == 201, r.text
    assert r.json()["title"] == "Uploaded note"
    r = client.post("/api/analyze", headers=AUTH, json={"text": "   "})
    assert r.status_code == 422
    r = client.post("/api/analyze", headers=AUTH, json={"text": ["not", "a", "string"]})
    assert r.status_code == 422
    blob = base64.b64encode(b"\x00\x01\x02\x00" * 50).decode()
    r = client.post("/api/analyze", headers=AUTH, json={"file": blob, "filename": "blob.bin"})
    assert r.status_code == 422
    r = client.post("/api/analyze", headers=AUTH, json={"file": "not base64!"})
    assert r.status_code == 422
    # only JSON bodies: a form (what a cross-site page can send) is refused unread
    r = client.post("/api/analyze", headers=AUTH, data={"text": TEXT})
    assert r.status_code == 415
    r = client.post("/api/analyze", headers={**AUTH, "Content-Type": "text/plain"}, content=TEXT)
    assert r.status_code == 415


def test_a_failing_analysis_is_a_500_with_a_message_and_the_server_goes_on(client, monkeypatch):
    from multivector.config import Config
    from multivector.nlp import load_nlp
    from multivector.text import segment

    nlp = load_nlp(Config().spacy_model)
    monkeypatch.setattr(nlp, "max_length", 300)  # spaCy refuses (E088) longer paragraphs
    monkeypatch.setattr(segment, "MAX_PARAGRAPH_CHARS", 5000)
    long_text = "A long note\n\n" + " ".join(["Kazakhstan and China signed a rail deal."] * 12)
    r = client.post("/api/analyze", json={"text": long_text}, headers=AUTH)
    assert r.status_code == 500
    assert "stage segment failed" in r.json()["detail"] and "E088" in r.json()["detail"]
    monkeypatch.setattr(nlp, "max_length", 1_000_000)
    r = client.post("/api/analyze", json={"text": long_text}, headers=AUTH)
    assert r.status_code == 201, r.text
