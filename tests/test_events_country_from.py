"""An argument's country that no word of its own gave it says where it came from
(``country_from``), through every output: the stored event, the dyadic export, the PLOVER export
and the document page. The story is written for this test, in the style of a British wire
report: "police" names no country, the story's home (Britain) gives it one."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

pytestmark = pytest.mark.slow

TEXT = ("Labour ministers met union leaders in London on Monday. The Home Office said the review "
        "would continue. Police arrested two activists at a protest on Tuesday. A British "
        "minister said the talks had gone well.")


@pytest.fixture(scope="module")
def stored(events_pipeline, tmp_path_factory):
    from multivector.store.db import Store

    doc = events_pipeline.analyze_text(TEXT, date="2024-05-14")
    db = tmp_path_factory.mktemp("cf") / "cf.duckdb"
    with Store(db) as st:
        st.write([doc])
    return doc, db


def _arrest(events):
    found = [e for e in events if (e.cameo or "").startswith("17")]
    assert found, [(e.cameo, e.trigger) for e in events]
    return found[0]


def test_the_inferred_country_is_marked_and_the_stated_one_is_not(stored):
    doc, _ = stored
    e = _arrest(doc.events)
    # "Police", "activists": no word places them; the story's home does, and they say so
    assert [(a.country, a.sector, a.country_from) for a in e.source] == [("GBR", "COP", "story")]
    assert [(a.country, a.sector, a.country_from) for a in e.target] == [("GBR", "CVL", "story")]
    assert e.source[0].as_participant()["country_from"] == "story"
    # an actor that carries its own country (the knowledge base's) is not marked: additive
    own = [a for ev in doc.events for a in ev.source + ev.target if a.id and a.id.startswith("GBR")
           and a.country_from is None]
    assert own, [(a.id, a.country_from) for ev in doc.events for a in ev.source + ev.target]
    assert "country_from" not in own[0].as_participant()


def test_exports_carry_it(stored):
    from multivector.cli import app

    _, db = stored
    runner = CliRunner()
    r = runner.invoke(app, ["events", "export", "--db", str(db), "--dyadic", "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = [d for d in csv.DictReader(io.StringIO(r.stdout)) if d["cameo"].startswith("17")]
    assert [(d["source_country"], d["source_country_from"], d["target_country_from"])
            for d in rows] == [("GBR", "story", "story")]
    r = runner.invoke(app, ["export", "events", "--db", str(db), "--format", "plover"])
    assert r.exit_code == 0, r.output
    recs = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
    arrest = [x for x in recs if str(x.get("cameo", "")).startswith("17")]
    assert arrest and arrest[0]["actor"][0]["country_from"] == "story"
    assert arrest[0]["recipient"][0]["country_from"] == "story"
    r = runner.invoke(app, ["events", "export", "--db", str(db), "--format", "gdelt"])
    assert r.exit_code == 0, r.output
    g = [x for x in csv.DictReader(io.StringIO(r.stdout), delimiter="\t")
         if x["EventCode"].startswith("17")]
    assert [(x["mv_actor1_country_from"], x["mv_actor2_country_from"]) for x in g] == [("story", "story")]
    met = [x for x in recs if x["event_type"] == "CONSULT"]
    assert met and not any("country_from" in a for a in met[0]["recipient"])


def test_the_document_page_shows_it_escaped():
    from multivector.web.pages import _refs

    html = _refs([{"id": None, "name": "police", "country": "GBR", "sector": "COP",
                   "country_from": "story"},
                  {"id": None, "name": "<b>x</b>", "country": "<i>", "country_from": "<script>"}])
    assert "(GBR: story)" in html and "home country" in html
    assert "<script>" not in html and "<i>" not in html and "&lt;script&gt;" in html
    assert _refs([{"id": "GBR", "name": "United Kingdom", "country": "GBR"}]).count("inferred") == 0
