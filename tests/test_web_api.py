"""The JSON API of `multivector serve`, against a database of hand-annotated sample documents."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from multivector.web.app import create_app
from multivector.web.sample import write_sample_db
from multivector.web.security import Settings
from multivector.web.testing import local_client


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = write_sample_db(tmp_path_factory.mktemp("web") / "sample.duckdb")
    with local_client(create_app(Settings(db=db))) as c:
        yield c


def get(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    return r.json()


def test_documents_list_pages_and_filters(client):
    page = get(client, "/api/documents?limit=2")
    assert page["total"] == 3 and len(page["items"]) == 2
    assert [d["date"] for d in page["items"]] == ["2023-09-20", "2023-06-02"]  # newest first
    assert "text" not in page["items"][0]  # lists leave the big column out
    rest = get(client, "/api/documents?limit=2&offset=2")
    assert len(rest["items"]) == 1 and rest["items"][0]["date"] == "2023-03-14"
    assert get(client, "/api/documents?from=2023-06&to=2023-06")["total"] == 1
    assert get(client, "/api/documents?to=2023-06")["total"] == 2  # month-inclusive upper bound
    assert get(client, "/api/documents?actor=TUR")["total"] == 1
    assert get(client, "/api/documents?q=drones")["total"] == 1
    assert get(client, "/api/documents?language=en")["total"] == 3
    assert get(client, "/api/documents?language=ru")["total"] == 0
    assert get(client, "/api/documents?type=interview")["total"] == 1


def test_document_detail_and_missing(client):
    first = get(client, "/api/documents?type=interview")["items"][0]
    doc = get(client, f"/api/documents/{first['id']}")
    assert doc["text"].startswith("Sadvakasova: Moscow")
    for q in doc["quotes"]:  # every record points at its own characters
        assert doc["text"][q["start"]:q["end"]] == q["text"]
    assert {a["id"] for a in doc["actors"]} >= {"RUS", "KAZ", "CHN"}
    get(client, "/api/documents/0000000000000000", status=404)


def test_actors_ranked_by_mentions_and_actor_page(client):
    page = get(client, "/api/actors?type=state")
    assert page["items"][0]["id"] == "RUS"
    assert all(a["type"] == "state" for a in page["items"])
    assert get(client, "/api/actors?q=collective")["items"][0]["id"] == "IGO:CSTO"
    rus = get(client, "/api/actors/RUS")
    assert rus["n_documents"] == 3
    assert [p["period"] for p in rus["mentions_by_period"]] == ["2023-03", "2023-06", "2023-09"]
    holders = {s["holder_id"] for s in rus["said_about"]["items"]}
    assert holders == {"PER:aigerim-sadvakasova", "PER:bakhtiyor-yuldashev", "CHN"}
    assert rus["said"]["total"] == 0  # a state does not speak in these documents
    partners = {(e["source"], e["target"]) for e in rus["partners"]}
    assert ("KAZ", "RUS") in partners
    expert = get(client, "/api/actors/PER:aigerim-sadvakasova")
    assert expert["actor"]["roles"][0]["role"] == "political scientist"
    assert expert["said"]["total"] == 2
    get(client, "/api/actors/NOPE", status=404)


def test_quotes_by_speaker_and_about(client):
    said = get(client, "/api/quotes?speaker=PER:bakhtiyor-yuldashev")
    assert said["total"] == 2
    about = get(client, "/api/quotes?about=RUS")
    assert {q["speaker_id"] for q in about["items"]} == {
        "PER:aigerim-sadvakasova", "PER:bakhtiyor-yuldashev"}
    assert get(client, "/api/quotes?type=indirect")["total"] == 1
    assert get(client, "/api/quotes?q=railways")["total"] == 1
    assert get(client, "/api/quotes?q=RAILWAYS")["total"] == 1  # case-insensitive
    assert get(client, "/api/quotes?q=%25")["total"] == 0  # % is a character, not a wildcard
    assert get(client, "/api/quotes?q=rail_ays")["total"] == 0


def test_events_dyad_type_and_dates(client):
    dyad = get(client, "/api/events?a=RUS&b=KAZ&order=asc")
    assert dyad["total"] == 3
    assert {e["plover"] for e in dyad["items"]} == {"AID", "ACCUSE", "CONSULT"}
    swapped = get(client, "/api/events?a=KAZ&b=RUS")
    assert swapped["total"] == 3  # a dyad is both directions
    assert get(client, "/api/events?actor=IGO:NATO")["total"] == 2
    assert get(client, "/api/events?type=AGREE")["total"] == 2
    assert get(client, "/api/events?quad_class=3")["total"] == 4
    assert get(client, "/api/events?modality=negated")["total"] == 0
    # the event's own date wins over the document's: the CSTO deployment is dated 2022-01
    old = get(client, "/api/events?to=2022-12")
    assert [e["trigger"] for e in old["items"]] == ["sent troops"]
    r = client.get("/api/events?a=RUS")
    assert r.status_code == 422 and "both" in r.json()["detail"]


def test_stances_filters(client):
    assert get(client, "/api/stances?target=RUS")["total"] == 3
    assert get(client, "/api/stances?holder=PER:oleg-varfolomeev")["total"] == 1
    assert get(client, "/api/stances?type=hostile")["total"] == 2
    assert get(client, "/api/stances?a=RUS&b=CHN")["total"] == 1
    item = get(client, "/api/stances?holder=CHN")["items"][0]
    ev = item["evidence"][0]
    assert item["sentence_text"][ev["start"] - item["sentence_start"]:
                                 ev["end"] - item["sentence_start"]] == ev["text"]


def test_mentions_filters(client):
    assert get(client, "/api/mentions?actor=RUS")["total"] == 12
    assert get(client, "/api/mentions?actor=RUS&q=moscow")["total"] == 5
    assert get(client, "/api/mentions?actor=RUS&from=2023-09-01")["total"] == 3


def test_relations_network(client):
    g = get(client, "/api/relations")
    edges = {(e["source"], e["target"]): e for e in g["edges"]}
    assert edges[("KAZ", "RUS")]["events"] == 3
    assert edges[("KAZ", "RUS")]["tone"] == "cooperative"  # two cooperative, one hostile
    assert edges[("IGO:NATO", "RUS")]["tone"] == "hostile"
    assert edges[("CHN", "RUS")]["events"] == 1 and edges[("CHN", "RUS")]["stances"] == 1
    assert edges[("TUR", "UZB")]["volume"] == 1  # "A and B agreed" counts once
    assert {n["id"] for n in g["nodes"]} >= {"RUS", "KAZ", "IGO:NATO", "IGO:CSTO"}
    assert g["periods"] == ["2022-01", "2023-03", "2023-06", "2023-09"]
    late = get(client, "/api/relations?from=2023-09")
    assert ("KAZ", "RUS") not in {(e["source"], e["target"]) for e in late["edges"]}
    states = get(client, "/api/relations?types=states")
    assert not any(n["type"] == "person" for n in states["nodes"])
    monthly = get(client, "/api/relations?period=month&actor=RUS")
    kaz = next(e for e in monthly["edges"] if e["source"] == "KAZ")
    assert kaz["periods"] == [{"period": "2023-03", "volume": 3, "cooperative": 2, "hostile": 1}]


def test_relations_by_country(client):
    """rollup: every actor with a country counts as that country, as in
    `multivector export relations` (the Russian government's accusation, NATO's rejection and
    the Russian minister's stance make one NATO–Russia relation)."""
    plain = get(client, "/api/relations")
    pairs = {(e["source"], e["target"]): e["volume"] for e in plain["edges"]}
    assert pairs[("IGO:NATO", "RUSGOV")] == 1 and pairs[("IGO:NATO", "RUS")] == 1
    assert pairs[("IGO:NATO", "PER:oleg-varfolomeev")] == 1
    rolled = get(client, "/api/relations?rollup=true&types=states")
    pairs = {(e["source"], e["target"]): e for e in rolled["edges"]}
    nato = pairs[("IGO:NATO", "RUS")]
    assert (nato["events"], nato["stances"], nato["tone"]) == (2, 1, "hostile")
    assert not {"RUSGOV", "PER:oleg-varfolomeev"} & {n["id"] for n in rolled["nodes"]}
    assert get(client, "/api/events?a=RUS&b=IGO:NATO")["total"] == 1
    assert get(client, "/api/events?a=RUS&b=IGO:NATO&rollup=true")["total"] == 2
    assert get(client, "/api/stances?a=RUS&b=IGO:NATO&rollup=true")["total"] == 1
    assert get(client, "/api/events?a=RUSGOV&b=IGO:NATO&rollup=true")["total"] == 1


def test_rollup_without_the_relations_module_gives_the_same_relations(tmp_path, monkeypatch):
    from multivector.web.network import Network

    db = write_sample_db(tmp_path / "r.duckdb")
    with local_client(create_app(Settings(db=db))) as c:
        with_module = c.get("/api/relations?rollup=true&types=states").json()
    monkeypatch.setattr(Network, "_country_rows", lambda self, base: None)
    with local_client(create_app(Settings(db=db))) as c:
        without = c.get("/api/relations?rollup=true&types=states").json()
    # same relations and tones; volumes may differ only where one event has both actors on
    # each side ("A and B held joint patrols"): relations counts it once per direction
    key = lambda g: sorted((e["source"], e["target"], e["tone"])  # noqa: E731
                           for e in g["edges"])
    assert key(with_module) == key(without)
    vol = lambda g: {(e["source"], e["target"]): e["volume"] for e in g["edges"]}  # noqa: E731
    diff = {k for k in vol(without) if vol(without)[k] != vol(with_module)[k]}
    assert diff <= {("CHN", "RUS"), ("TUR", "UZB")}


def test_search_everything(client):
    r = get(client, "/api/search?q=Kazakhstan")
    assert r["actors"]["items"][0]["id"] == "KAZ"
    assert r["documents"]["total"] == 2
    assert "kazakhstan" in r["documents"]["items"][0]["snippet"].lower()
    assert get(client, "/api/search?q=counterweight")["quotes"]["total"] == 1
    assert client.get("/api/search?q=a").status_code == 422


@pytest.mark.parametrize("url", [
    "/api/documents?from=yesterday", "/api/events?to=2023-13-45x", "/api/documents?limit=0",
    "/api/documents?limit=100000", "/api/quotes?offset=-1", "/api/relations?period=week",
])
def test_bad_filters_are_422(client, url):
    r = client.get(url)
    assert r.status_code == 422


def test_openapi_and_local_docs(client):
    spec = get(client, "/openapi.json")
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/actors", "/api/mentions",
                 "/api/quotes", "/api/events", "/api/stances", "/api/relations", "/api/search",
                 "/api/analyze"):
        assert path in spec["paths"], path
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/swagger/swagger-ui-bundle.js" in docs.text
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_pages_use_only_local_assets(client):
    """No CDN: every script, stylesheet and font the pages load comes from this server."""
    web = resources.files("multivector.web")
    texts = [client.get(p).text for p in ("/", "/actors/RUS", "/search?q=x")]
    first = get(client, "/api/documents?limit=1")["items"][0]["id"]
    texts.append(client.get(f"/documents/{first}").text)
    for name in ("app.js", "graph.js", "style.css", "doc.js"):
        texts.append(web.joinpath("static", name).read_text("utf-8"))
    for t in texts:
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", t)
        assert not re.search(r"""url\(\s*["']?(https?:)?//""", t)
        assert "@import" not in t
    page = client.get("/")
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_serve_refuses_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from multivector.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "nope.duckdb")])
    assert result.exit_code == 2
    assert "no such database" in " ".join(result.output.split())  # rich wraps lines


def test_quotes_about_an_actor_found_by_mentions_inside_the_quote(tmp_path):
    """A quote whose `mentioned` list is empty still counts as being about an actor mentioned
    inside its span."""
    from multivector.web.sample import custom_doc

    doc = custom_doc('"Ankara will decide alone," said Aigerim Sadvakasova.', key="about",
                     mentions=[["Ankara", "TUR"]],
                     quotes=[{"text": "Ankara will decide alone,",
                              "speaker": "PER:aigerim-sadvakasova"}])
    doc.quotes[0].mentioned = []
    db = write_sample_db(tmp_path / "about.duckdb", extra=[doc])
    with local_client(create_app(Settings(db=db))) as c:
        items = c.get("/api/quotes?about=TUR").json()["items"]
        assert [q["text"] for q in items] == ["Ankara will decide alone,"]
        assert c.get("/api/quotes?about=RUS").json()["total"] == 2  # unchanged


def test_document_page_marks_every_evidence_range(client):
    doc_id = get(client, "/api/documents?type=interview")["items"][0]["id"]
    page = client.get(f"/documents/{doc_id}?hl=274-280,300-310,bad,9-3").text
    assert page.count('class="hl hl-evidence"') >= 2
    assert page.count('id="evidence"') == 1
    plain = client.get(f"/documents/{doc_id}").text
    assert "hl-evidence\"" not in plain.split('id="doc-text"')[1]


def test_docs_fall_back_to_a_local_endpoint_list(tmp_path, monkeypatch):
    import multivector.web.app as web_app

    monkeypatch.setattr(web_app, "_swagger_dir", lambda: None)
    db = write_sample_db(tmp_path / "d.duckdb")
    with local_client(create_app(Settings(db=db))) as c:
        page = c.get("/docs")
        assert page.status_code == 200 and '<script src="/static/app.js?v=' in page.text
        assert "swagger" not in page.text.lower()
        assert c.get("/static/swagger/swagger-ui-bundle.js").status_code == 404


def test_every_listed_record_carries_its_own_evidence_sentence(client):
    """Events and stances of several documents on one page (and on pages read in two orders):
    each gets the sentence of its own document and index, which contains its characters."""
    texts = {d["id"]: get(client, f"/api/documents/{d['id']}")["text"]
             for d in get(client, "/api/documents")["items"]}
    checked = 0
    for url in ("/api/events?all=true&limit=500", "/api/events?all=true&order=asc&limit=3",
                "/api/events?all=true&order=asc&limit=3&offset=3",
                "/api/stances?limit=500"):
        page = get(client, url)
        assert len({r["doc_id"] for r in page["items"]}) > 1 or "limit=3" in url
        for r in page["items"]:
            if r.get("sentence") is None:
                continue
            text = texts[r["doc_id"]]
            assert text[r["sentence_start"]:r["sentence_end"]] == r["sentence_text"]
            evidence = r.get("evidence") or [r]  # stances: evidence spans; events: own span
            for ev in evidence:
                assert r["sentence_start"] <= ev["start"] < ev["end"] <= r["sentence_end"], r
            checked += 1
    assert checked >= 10


def test_event_pages_keep_their_order_and_total(client):
    everything = get(client, "/api/events?all=true&order=asc&limit=500")
    ids = [e["id"] for e in everything["items"]]
    assert len(ids) == everything["total"] >= 6
    paged = []
    for offset in range(0, len(ids), 2):
        page = get(client, f"/api/events?all=true&order=asc&limit=2&offset={offset}")
        assert page["total"] == everything["total"]
        paged += [e["id"] for e in page["items"]]
    assert paged == ids
    newest = get(client, "/api/events?all=true&limit=500")["items"]
    dates = [e["when_date"] or "" for e in newest]
    assert dates == sorted(dates, reverse=True) and dates != sorted(dates)


def test_quotes_of_an_actor_are_those_it_said_and_those_about_it(client):
    for actor in ("RUS", "PER:aigerim-sadvakasova", "KAZ"):
        said = {q["id"] for q in get(client, f"/api/quotes?speaker={actor}")["items"]}
        about = {q["id"] for q in get(client, f"/api/quotes?about={actor}")["items"]}
        either = get(client, f"/api/quotes?actor={actor}")
        assert {q["id"] for q in either["items"]} == said | about
        assert either["total"] == len(said | about)
    assert get(client, "/api/quotes?about=RUS")["total"] == 2
    assert get(client, "/api/quotes?actor=NOPE")["total"] == 0
