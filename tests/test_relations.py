"""Relations and multi-vector profile over a small hand-made store (no NLP pipeline)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from multivector.doc import Actor, Doc, Document, Event, Stance
from multivector.relations.compute import (Aggregator, RelationsError, load, period_of,
                                           relations_rows, resolve_key, stance_label)
from multivector.relations.plot import PlotError, plot_lines, sparkline
from multivector.relations.profile import balance_figures, profile
from multivector.store.db import Store

UZB = {"id": "UZB", "name": "Uzbekistan", "country": "UZB", "sector": None}
RUS = {"id": "RUS", "name": "Russia", "country": "RUS", "sector": None}
CHN = {"id": "CHN", "name": "China", "country": "CHN", "sector": None}
USA = {"id": "USA", "name": "United States", "country": "USA", "sector": None}
UZBGOV = {"id": "UZBGOV", "name": "Government of Uzbekistan", "country": "UZB", "sector": "GOV"}

ACTORS = {
    "UZB": Actor("UZB", "Uzbekistan", "state", "UZB"),
    "RUS": Actor("RUS", "Russia", "state", "RUS"),
    "CHN": Actor("CHN", "China", "state", "CHN"),
    "USA": Actor("USA", "United States", "state", "USA"),
    "UZBGOV": Actor("UZBGOV", "Government of Uzbekistan", "government", "UZB", sector="GOV"),
    "PER:expert": Actor("PER:expert", "Dilnoza Karimova", "person", None, discovered=True),
}


def _event(n, src, tgt, quad, gold, date=None, modality="asserted", text="x"):
    return Event(id=f"e{n}", sentence=0, start=0, end=len(text), trigger="t", plover="COOPERATE",
                 goldstein=gold, quad_class=quad, source=[src], target=[tgt], date=date,
                 modality=modality, text=text)


def _doc(i: int, date: str, events=(), stances=()) -> Doc:
    text = f"Document {i} about Tashkent, Moscow and Beijing."
    d = Doc(Document(id=f"doc{i}", source=f"mem{i}.txt", text=text, date=date))
    d.actors = dict(ACTORS)
    d.events = list(events)
    d.stances = list(stances)
    return d


def _stance(n, holder, target, pol, label, aspect=None):
    return Stance(id=f"s{n}", holder=holder, target=target, polarity=pol, label=label,
                  aspect=aspect, evidence=[{"start": 0, "end": 8, "text": "Document"}], sentence=0)


EXPERT = {"id": "PER:expert", "name": "Dilnoza Karimova", "type": "person"}


@pytest.fixture()
def store(tmp_path):
    docs = [
        _doc(1, "2022-01-10", events=[
            _event(1, UZBGOV, RUS, 1, 3.0, text="Tashkent and Moscow signed a memorandum."),
            _event(2, RUS, UZB, 2, 6.0),
            _event(3, UZB, CHN, 1, 4.0),
            _event(4, UZB, USA, 3, -4.0, modality="negated"),  # did not happen: not counted
        ], stances=[
            _stance(1, EXPERT, RUS, 0.7, "cooperative", "security"),
            _stance(2, EXPERT, RUS, -0.8, "hostile", "sovereignty"),
        ]),
        _doc(2, "2022-02-20", events=[
            _event(5, UZB, RUS, 3, -5.0, text="Tashkent summoned the Russian ambassador."),
            _event(6, UZB, CHN, 2, 7.0),
            _event(7, UZB, USA, 1, 3.5),
        ], stances=[_stance(3, {"id": "UZBGOV", "name": "Government of Uzbekistan",
                                "type": "government"}, RUS, -0.6, "hostile")]),
        _doc(3, None, events=[_event(8, UZB, RUS, 1, 2.0)]),  # undated
    ]
    db = tmp_path / "rel.duckdb"
    with Store(db) as s:
        s.write(docs)
    return db


def test_period_labels():
    assert period_of("2022-02-20", "month") == "2022-02"
    assert period_of("2022-02-20", "quarter") == "2022-Q1"
    assert period_of("2022-02-20", "year") == "2022"
    assert period_of("2022-01-03", "week") == "2022-W01"
    assert period_of("2022", "month") == "2022"  # no invented month
    assert period_of(None) == "undated"
    with pytest.raises(RelationsError):
        period_of("2022-01-01", "decade")


def test_relations_rows_counts_and_trend(store):
    with Store(store, read_only=True) as s:
        rows = list(relations_rows(s, period="month"))
    by = {(r["a"], r["b"], r["period"]): r for r in rows}
    jan = by[("UZB", "RUS", "2022-01")]  # UZBGOV keyed by its country
    assert (jan["n_events"], jan["quad1"], jan["mean_goldstein"]) == (1, 1, 3.0)
    feb = by[("UZB", "RUS", "2022-02")]
    assert feb["quad3"] == 1 and feb["mean_goldstein"] == -5.0
    assert feb["n_stances"] == 1 and feb["mean_polarity"] == -0.6
    assert feb["trend"] == "down"
    assert any("summoned" in (e["text"] or "") for e in feb["evidence"])
    assert {e["kind"] for e in feb["evidence"]} == {"event", "stance"}
    assert ("UZB", "USA", "2022-01") not in by  # the negated event is not counted
    assert by[("UZB", "RUS", "undated")]["n_events"] == 1
    # the expert's mixed view stays mixed, not averaged to neutral
    expert = by[("PER:expert", "RUS", "2022-01")]
    assert expert["stance_label"] == "mixed" and expert["n_cooperative"] == 1
    assert expert["n_hostile"] == 1


def test_quarter_merges_months(store):
    with Store(store, read_only=True) as s:
        rows = [r for r in load(s, "quarter", keys=["UZB"]).rows() if r["a"] == "UZB"
                and r["b"] == "RUS" and r["period"] == "2022-Q1"]
    assert rows[0]["n_events"] == 2 and rows[0]["quad1"] == 1 and rows[0]["quad3"] == 1


def test_resolve_key(store):
    with Store(store, read_only=True) as s:
        assert resolve_key(s, "uzb") == "UZB"
        assert resolve_key(s, "Government of Uzbekistan") == "UZB"
        assert resolve_key(s, "PER:expert") == "PER:expert"


def test_profile_shares_and_multivectorness(store):
    with Store(store, read_only=True) as s:
        prof = profile(s, "UZB", period="month", powers={"RUS": "Russia", "CHN": "China",
                                                         "USA": "United States"})
    jan = prof["periods"][0]
    assert jan["period"] == "2022-01"
    # January: cooperation with RUS 2 events, with CHN 1 -> shares 2/3 and 1/3
    assert jan["share"]["RUS"] == pytest.approx(0.667, abs=0.001)
    assert jan["dominant"] == "RUS"
    assert 0 < jan["multivectorness"] < 1
    feb = prof["periods"][1]
    # February: RUS only conflict (an event and a hostile official stance), CHN and USA cooperate
    assert feb["share"]["RUS"] == 0 and feb["balance"]["RUS"] == -1.0
    assert feb["share"]["CHN"] == feb["share"]["USA"] == 0.5


def test_balance_figures_extremes():
    even = balance_figures({"A": [1, 0], "B": [1, 0]}, ["A", "B"])
    assert even["multivectorness"] == 1.0 and even["hhi"] == 0.5
    one = balance_figures({"A": [3, 1]}, ["A", "B"])
    assert one["multivectorness"] == 0.0 and one["balance"]["A"] == 0.5
    none = balance_figures({}, ["A", "B"])
    assert none["multivectorness"] is None


def test_stance_label_mixed_not_zero():
    assert stance_label([0.7, -0.7], ["cooperative", "hostile"]) == "mixed"
    assert stance_label([0.7, 0.5], ["cooperative"] * 2) == "cooperative"
    assert stance_label([], []) is None


def test_sparkline_scale():
    assert sparkline([-1.0, 0.0, 1.0, None]) == "▁▅█·"


def test_plot_png_and_svg(tmp_path):
    png = plot_lines(tmp_path / "a.png", ["2022-01", "2022-02"], {"x": [0.5, None]}, "t", "y",
                     counts={"q": [1, 2]})
    assert png.read_bytes()[:4] == b"\x89PNG"
    svg = plot_lines(tmp_path / "a.svg", ["2022-01"], {"x": [0.1]}, "t", "y")
    assert "<svg" in svg.read_text()
    with pytest.raises(PlotError):
        plot_lines(tmp_path / "a.gif", ["2022"], {"x": [0.1]}, "t", "y")


def test_cli_relations_profile_export(store, tmp_path):
    from multivector.cli import app

    wide = {"COLUMNS": "200"}

    r = CliRunner().invoke(app, ["relations", "UZB", "RUS", "--db", str(store), "--plot",
                                 str(tmp_path / "d.svg")], env=wide)
    assert r.exit_code == 0, r.output
    assert "UZB→RUS" in r.output and "2022-02" in r.output
    assert (tmp_path / "d.svg").exists()
    r = CliRunner().invoke(app, ["relations", "UZB", "--db", str(store)], env=wide)
    assert r.exit_code == 0 and "CHN" in r.output
    r = CliRunner().invoke(app, ["profile", "UZB", "--db", str(store), "--period", "month",
                                 "--json", "--plot", str(tmp_path / "p.png")])
    assert r.exit_code == 0, r.output
    prof = json.loads(r.stdout.splitlines()[0])
    assert prof["state"] == "UZB" and prof["periods"][0]["dominant"] == "RUS"
    r = CliRunner().invoke(app, ["profile", "GBR", "--db", str(store)])
    assert r.exit_code == 1 and "no ties between GBR" in r.output
    r = CliRunner().invoke(app, ["relations", "UZB", "--db", str(store), "--period", "decade"])
    assert r.exit_code == 2
    r = CliRunner().invoke(app, ["relations", "UZB", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 2
    r = CliRunner().invoke(app, ["export", "relations", "--db", str(store)])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
    assert {"a", "b", "period", "n_events", "quad1", "mean_goldstein", "mean_polarity",
            "trend", "evidence"} <= set(rows[0])


def test_aggregator_rejects_unknown_period():
    with pytest.raises(RelationsError):
        Aggregator("fortnight")
