"""Actors the text does not name are marked ``method: "implied"`` (sentences written for these
tests): the same-country target and the one-country source of ``events/countries.py`` and the
domestic target of ``EventCoder._domestic_target``; the marker reaches every export and the
web API, and actors the text names carry no ``method`` key."""

from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.slow

# one document per mechanism: the implied actors need a text naming a single country
TEXTS = {
    "target": "Ghana's parliament approved the new mining law on Thursday.",
    "source": "A landmine explosion killed three Malian soldiers near Gao on Friday.",
    "domestic": "Thousands of Peruvian farmers protested in Lima on Wednesday.",
    "named": "Ecuador expelled the Colombian ambassador after the border raid.",
}


@pytest.fixture(scope="module")
def docs(events_pipeline):
    return {k: events_pipeline.analyze_text(t, date="2024-05-14") for k, t in TEXTS.items()}


def _only(doc, plover):
    evs = [e for e in doc.events if e.plover == plover]
    assert evs, [(e.plover, e.trigger) for e in doc.events]
    return evs[0]


def test_implied_actors_are_marked_and_named_ones_are_not(docs):
    e = _only(docs["target"], "CONCEDE")  # parliament -> its own country (not in the text)
    assert e.source[0].as_participant()["country"] == "GHA"
    assert "method" not in e.source[0].as_participant()
    assert e.target[0].as_participant() == {"id": None, "name": "Ghana", "country": "GHA",
                                            "sector": None, "method": "implied",
                                            "country_from": "document"}
    e = _only(docs["source"], "ASSAULT")  # nobody named does the killing
    assert e.source[0].as_participant()["method"] == "implied"
    assert e.source[0].country == "MLI" and "method" not in e.target[0].as_participant()
    e = _only(docs["domestic"], "PROTEST")  # farmers protest against their government
    assert e.target[0].as_participant()["method"] == "implied"
    assert (e.target[0].country, e.target[0].sector) == ("PER", "GOV")
    assert "method" not in e.source[0].as_participant()
    named = [a.as_participant() for e in docs["named"].events for a in e.source + e.target]
    assert named and all("method" not in a for a in named)


def test_the_marker_reaches_every_export_and_the_web_api(docs, tmp_path):
    from typer.testing import CliRunner

    from multivector.cli import app
    from multivector.store.db import Store
    from multivector.web.app import create_app
    from multivector.web.security import Settings
    from multivector.web.testing import local_client

    db = tmp_path / "implied.duckdb"
    with Store(db) as st:
        st.write(list(docs.values()))
    runner = CliRunner()

    def run(*args):
        r = runner.invoke(app, [*args, "--db", str(db)])
        assert r.exit_code == 0, r.output
        return r.stdout

    def implied_sides(actors):
        return [a["country"] for a in actors if a.get("method") == "implied"]

    rows = [json.loads(x) for x in run("export", "events", "--all").splitlines() if x.strip()]
    marked = sorted(c for r in rows for c in implied_sides(r["source"] + r["target"]))
    assert marked == ["GHA", "MLI", "PER"], rows
    # CSV keeps the actor lists as JSON; the dyadic view has one column per side
    table = list(csv.DictReader(io.StringIO(run("export", "events", "--format", "csv", "--all"))))
    assert sum(json.loads(r["target"])[0].get("method") == "implied" for r in table) == 2
    flat = list(csv.DictReader(io.StringIO(run("events", "export", "--dyadic", "--format", "csv", "--all"))))
    assert sorted(r["source_method"] + "/" + r["target_method"] for r in flat) == [
        "/", "/implied", "/implied", "implied/"]
    gdelt = list(csv.DictReader(io.StringIO(run("export", "events", "--format", "gdelt", "--all")),
                                delimiter="\t"))
    assert sorted((r["mv_actor1_method"], r["mv_actor2_method"]) for r in gdelt) == [
        ("", ""), ("", "implied"), ("", "implied"), ("implied", "")]
    plover = [json.loads(x) for x in run("export", "events", "--format", "plover", "--all").splitlines()
              if x.strip()]
    assert sorted(c for r in plover for c in implied_sides(r["actor"] + r["recipient"])) == [
        "GHA", "MLI", "PER"]
    # an event is complete only when the text names both sides: by default the exports leave
    # out the events whose second side is implied
    assert not [r for r in (json.loads(x) for x in run("export", "events").splitlines()
                            if x.strip()) if implied_sides(r["source"] + r["target"])]
    with local_client(create_app(Settings(db=db))) as c:
        items = c.get("/api/events?limit=50&all=true").json()["items"]
    assert sorted(c for r in items for c in implied_sides(r["source"] + r["target"])) == [
        "GHA", "MLI", "PER"]
