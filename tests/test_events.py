"""Event coding on sentences written for these tests (not from ../shared)."""

from __future__ import annotations

import pytest

from multivector.doc import Quote
from multivector.events.coder import EventCoder
from multivector.events.dyads import dyads, keep_modalities


def code(pipe, text, date="2024-03-14"):
    return pipe.analyze_text(text, date=date).events


def countries(actors):
    return [a["country"] for a in actors]


def only(events, plover):
    found = [e for e in events if e.plover == plover]
    assert found, f"no {plover} event in {[(e.plover, e.trigger) for e in events]}"
    return found[0]


# ------------------------------------------------------------------ triggers and arguments
def test_verbal_visit_with_capital_as_host_and_relative_date(events_pipeline):
    # 2024-03-14 is a Thursday: "on Tuesday" is 12 March
    evs = code(events_pipeline, "The foreign minister of Mongolia visited Ankara on Tuesday.")
    e = only(evs, "CONSULT")
    assert e.mode == "visit" and e.cameo == "042"
    assert countries(e.source) == ["MNG"] and e.source[0]["sector"] == "GOV"
    assert countries(e.target) == ["TUR"]
    assert (e.date, e.date_precision) == ("2024-03-12", "day")
    assert e.modality == "asserted"
    assert e.goldstein == pytest.approx(1.9) and e.quad_class == 1


def test_nominal_invasion_with_possessor_and_of_target(events_pipeline):
    evs = code(events_pipeline, "Analysts marked the anniversary of Belarus's invasion of Lithuania.")
    e = only(evs, "ASSAULT")
    assert countries(e.source) == ["BLR"] and countries(e.target) == ["LTU"]
    assert e.trigger == "invasion"


def test_nominal_visit_of_official_to_capital(events_pipeline):
    evs = code(events_pipeline,
               "Reporters discussed the visit of the Chinese foreign minister to Ashgabat.")
    e = only(evs, "CONSULT")
    assert countries(e.source) == ["CHN"] and countries(e.target) == ["TKM"]


def test_nominal_intervention_by_compound_actor(events_pipeline):
    evs = code(events_pipeline, "The NATO intervention changed the balance of the war.")
    e = [x for x in evs if x.trigger == "intervention"]
    assert e and "NATO" in e[0].source[0]["name"]


def test_coordination_gives_one_event_with_two_targets(events_pipeline):
    evs = code(events_pipeline, "Tajikistan negotiated with Iran and China over water rights.")
    consult = [e for e in evs if e.plover == "CONSULT"]
    assert len(consult) == 1
    assert countries(consult[0].source) == ["TJK"]
    assert sorted(countries(consult[0].target)) == ["CHN", "IRN"]
    rows = list(dyads([{"id": "x", "source": consult[0].source, "target": consult[0].target}]))
    assert len(rows) == 2 and {r["target_country"] for r in rows} == {"CHN", "IRN"}


def test_coordinated_verb_inherits_subject_and_request_target(events_pipeline):
    evs = code(events_pipeline,
               "Georgia negotiated with Armenia and asked Turkey to ease the visa restrictions.")
    req = only(evs, "REQUEST")
    assert countries(req.source) == ["GEO"] and countries(req.target) == ["TUR"]
    assert req.cameo == "0251"
    # the easing is the content of the request, not a second event
    assert not [e for e in evs if e.plover in ("CONCEDE", "RETREAT")]


def test_passive_voice_swaps_source_and_target(events_pipeline):
    evs = code(events_pipeline, "Armenia was attacked by Azerbaijan.")
    e = only(evs, "ASSAULT")
    assert countries(e.source) == ["AZE"] and countries(e.target) == ["ARM"]


def test_location_is_not_an_actor(events_pipeline):
    evs = code(events_pipeline, "The Turkish president met the Iranian ambassador in Tashkent.")
    e = only(evs, "CONSULT")
    assert countries(e.target) == ["IRN"]
    assert e.location == "Tashkent"
    assert "UZB" not in countries(e.source) + countries(e.target)


def test_ultimatum_to_coordinated_targets(events_pipeline):
    evs = code(events_pipeline, "Iran issued an ultimatum to Britain and France.")
    e = only(evs, "THREATEN")
    assert e.cameo == "139" and sorted(countries(e.target)) == ["FRA", "GBR"]


@pytest.mark.parametrize("text", [
    "It rained in Tashkent for three days.",
    "Relations between Russia and China are complicated.",
    "The summit in Astana attracted many journalists.",
    "Uzbekistan maintains a multi-vector foreign policy.",
    "Turkey is trying to promote the idea of a Turkic union.",
])
def test_no_event_from_sentences_that_report_none(events_pipeline, text):
    assert code(events_pipeline, text) == []


# ------------------------------------------------------------------ modality
@pytest.mark.parametrize("text,plover,modality", [
    ("Mongolia did not attack China.", "ASSAULT", "negated"),
    ("The Iranian president did not meet the Turkish ambassador.", "CONSULT", "negated"),
    ("Georgia refused to attack Armenia.", "ASSAULT", "negated"),
    # refusing a meeting is itself an event: REJECT (CAMEO 125)
    ("The Iranian president refused to meet the Turkish ambassador.", "REJECT", "asserted"),
    ("Russia could attack Georgia.", "ASSAULT", "hypothetical"),
    ("If talks fail, Azerbaijan might attack Armenia.", "ASSAULT", "hypothetical"),
    # PLOVER codes future meetings as AGREE (intent); the modality still says future
    ("The Iranian president will visit Dushanbe next month.", "AGREE", "future"),
    ("The Iranian president plans to visit Dushanbe.", "AGREE", "future"),
    ("The visit of the Iranian president to Dushanbe is expected.", "AGREE", "future"),
    ("Iran threatened to shell Iraqi towns.", "THREATEN", "asserted"),
    ("Moscow must withdraw its troops from Syria.", "RETREAT", "recommended"),
    ("Moscow should withdraw its troops from Syria.", "RETREAT", "recommended"),
    ("Georgia accused Russia of meddling.", "ACCUSE", "asserted"),
    # reported intentions: "said ... would" is future in the past, unless a condition is named
    ("Mongolia said it would release the Chinese fishermen.", "AGREE", "future"),
    ("Mongolia said it would release the Chinese fishermen if China paid.", "RETREAT", "hypothetical"),
    # future hostile acts are threats; future concessions are agreements
    ("Armenia will impose sanctions on Azerbaijan.", "THREATEN", "future"),
    # verb classes of general news
    ("Latvian police arrested two Russian journalists in Riga.", "COERCE", "asserted"),
    ("Thousands of Georgian students demonstrated against the government.", "PROTEST", "asserted"),
    ("Azerbaijan suspended flights to Russia.", "SANCTION", "asserted"),
])
def test_modality(events_pipeline, text, plover, modality):
    e = only(code(events_pipeline, text), plover)
    assert e.modality == modality


def test_expert_must_and_could_are_never_asserted(events_pipeline):
    text = ("Political analyst Ivan Petrov believes that Russia must withdraw its troops from "
            "Moldova. In his view, Russia could also attack Moldova.")
    evs = code(events_pipeline, text)
    assert evs, "the recommended and hypothetical events are still coded"
    assert all(e.modality != "asserted" for e in evs)
    assert not list(keep_modalities([{"modality": e.modality} for e in evs], ["asserted"]))


def _doc_with_quote(events_pipeline, text, quoted, speaker):
    from multivector.pipeline import Pipeline

    pipe = Pipeline(stages=[])  # segmentation only: the quote is placed by hand
    doc = pipe.analyze_text(text, date="2024-03-14")
    s = text.index(quoted)
    doc.quotes = [Quote(id="q1", text=quoted, start=s, end=s + len(quoted), kind="direct",
                        speaker=speaker)]
    doc.events = EventCoder().code(doc)
    return doc


def test_event_inside_quote_is_asserted_and_attributed(events_pipeline):
    text = 'The minister said: "Kazakhstan negotiated with Turkey last week."'
    doc = _doc_with_quote(events_pipeline, text, "Kazakhstan negotiated with Turkey last week.",
                          {"actor_id": None, "name": "The minister"})
    e = only(doc.events, "CONSULT")
    # news attribution keeps a factual clause asserted; who said it is attributed_to
    assert e.modality == "asserted" and e.quote_id == "q1"
    assert e.attributed_to == {"quote_id": "q1", "source": "The minister", "actor_id": None}


def test_officials_must_in_quote_is_a_demand_by_the_speaker(events_pipeline):
    from multivector.actors.api import load_kb

    kb = load_kb()
    gov = kb.derived("UZB", "GOV") if hasattr(kb, "derived") else None
    if gov is None:
        pytest.skip("actor knowledge base has no UZB government actor")
    text = 'The foreign minister said: "Russia must end its invasion."'
    doc = _doc_with_quote(events_pipeline, text, "Russia must end its invasion.",
                          {"actor_id": gov.id, "name": "The foreign minister"})
    e = only(doc.events, "REQUEST")
    assert e.source[0]["country"] == "UZB" and countries(e.target) == ["RUS"]
    assert e.modality == "asserted" and e.quote_id == "q1" and e.cameo == "1056"
    assert e.attributed_to["actor_id"] == gov.id


def test_future_visit_is_agree_with_express_intent_code(events_pipeline):
    e = only(code(events_pipeline, "The Iranian president will visit Dushanbe next month."), "AGREE")
    assert e.cameo == "036" and countries(e.target) == ["TJK"]
    assert not [x for x in code(events_pipeline, "Iran threatened to shell Iraqi towns.")
                if x.plover == "ASSAULT"]


def test_pledge_with_will_is_an_agreement_not_a_future_event(events_pipeline):
    e = only(code(events_pipeline, "Kazakhstan promised to cooperate with the European Union."),
             "AGREE")
    assert countries(e.source) == ["KAZ"] and e.modality == "asserted"


# ------------------------------------------------------------------ dates
def test_explicit_day_month_against_document_year(events_pipeline):
    e = only(code(events_pipeline, "Kyrgyzstan signed an agreement with India on March 16.",
                  date="2022-04-02"), "SUPPORT")
    assert (e.date, e.date_precision) == ("2022-03-16", "day")


def test_document_date_is_approximate_and_no_date_is_null(events_pipeline):
    e = only(code(events_pipeline, "Kyrgyzstan signed an agreement with India.",
                  date="2022-04-02"), "SUPPORT")
    assert (e.date, e.date_precision) == ("2022-04-02", "approximate")
    e = only(code(events_pipeline, "Kyrgyzstan signed an agreement with India.", date=None),
             "SUPPORT")
    assert e.date is None and e.date_precision is None


def test_offsets_point_into_the_text(events_pipeline):
    doc = events_pipeline.analyze_text("Title\n\nArmenia was attacked by Azerbaijan.",
                                       date="2024-03-14")
    e = only(doc.events, "ASSAULT")
    assert doc.text[e.start:e.end] == "Armenia was attacked by Azerbaijan"
    assert e.text == "Armenia was attacked by Azerbaijan."


# ------------------------------------------------------------------ store, filter, export
def test_events_export_modality_filter_dyads_and_gdelt(events_pipeline, tmp_path):
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from multivector.cli import app
    from multivector.store.db import Store

    doc = events_pipeline.analyze_text(
        "Tajikistan negotiated with Iran and China on Monday. Russia could attack Georgia.",
        date="2024-03-14")
    db = tmp_path / "ev.duckdb"
    with Store(db) as st:
        st.write([doc])
    runner = CliRunner()
    r = runner.invoke(app, ["events", "export", "--db", str(db), "--modality", "asserted"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
    assert [x["plover"] for x in rows] == ["CONSULT"]
    assert rows[0]["date"] == "2024-03-11" and len(rows[0]["target"]) == 2
    r = runner.invoke(app, ["events", "export", "--db", str(db), "--dyadic", "--format", "csv"])
    assert r.exit_code == 0, r.output
    dy = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(dy) == 3 and {d["modality"] for d in dy} == {"asserted", "hypothetical"}
    r = runner.invoke(app, ["events", "export", "--db", str(db), "--format", "gdelt", "-m", "asserted"])
    assert r.exit_code == 0, r.output
    g = list(csv.DictReader(io.StringIO(r.stdout), delimiter="\t"))
    assert {x["Actor2CountryCode"] for x in g} == {"IRN", "CHN"} and g[0]["Day"] == "20240311"
    r = runner.invoke(app, ["events", "export", "--db", str(db), "--modality", "maybe"])
    assert r.exit_code == 2


def test_contexts_from_cameo_and_sentence_words(events_pipeline):
    e = only(code(events_pipeline, "Kyrgyzstan asked Turkey to ease visa restrictions on migrants."),
             "REQUEST")
    assert "legal" in e.contexts and "migration" in e.contexts
    from multivector.events.ontology import ontology

    assert set(e.contexts) <= set(ontology().contexts)


def test_user_pattern_file_adds_a_sense(tmp_path):
    from multivector.config import Config
    from multivector.events.stage import build
    from multivector.pipeline import Pipeline

    extra = tmp_path / "mine.yaml"
    extra.write_text('- {lemma: snub, cameo: "120", target: [dobj], requires_target: true}\n',
                     encoding="utf-8")
    pipe = Pipeline(stages=[])
    doc = pipe.analyze_text("Turkmenistan snubbed Kazakhstan.", date="2024-03-14")
    build(Config(), None)(doc)
    assert doc.events == []
    build(Config().with_settings("events", patterns=(str(extra),)), None)(doc)
    assert [(e.plover, e.cameo) for e in doc.events] == [("REJECT", "120")]
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {lemma: snub}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml entry 1"):
        build(Config().with_settings("events", patterns=(str(bad),)), None)


def test_verbal_attack_is_criticism_not_assault(events_pipeline):
    evs = code(events_pipeline, "The Kazakh foreign minister attacked Russia's migration policy.")
    assert [e.plover for e in evs] == ["ACCUSE"] and countries(evs[0].target) == ["RUS"]


def test_private_arrival_is_not_a_visit_but_a_ministers_is(events_pipeline):
    assert code(events_pipeline, "A Turkish pop singer arrived in Moscow on Friday.") == []
    e = only(code(events_pipeline, "The Turkish foreign minister arrived in Moscow on Friday."),
             "CONSULT")
    assert countries(e.target) == ["RUS"] and e.location is None


def test_reciprocal_meetings_keep_all_participants_as_sources(events_pipeline):
    from multivector.events.dyads import dyads, symmetric
    from multivector.events.plover_export import plover_rows

    e = only(code(events_pipeline, "The presidents of Russia and Turkey met in Sochi on Friday."),
             "CONSULT")
    # symmetric (issue 12): each participant is the other's target; the dyads go both ways
    assert sorted(countries(e.source)) == ["RUS", "TUR"] == sorted(countries(e.target))
    assert e.complete and e.location == "Sochi"
    row = {"source": [dict(a.as_participant()) if hasattr(a, "as_participant") else a for a in e.source],
           "target": [dict(a.as_participant()) if hasattr(a, "as_participant") else a for a in e.target],
           "plover": e.plover, "id": e.id}
    assert symmetric(row)
    pairs = sorted((d["source_country"], d["target_country"]) for d in dyads([row]))
    assert pairs == [("RUS", "TUR"), ("TUR", "RUS")]
    (pl,) = plover_rows([row])
    assert len(pl["actor"]) == 2 and pl["recipient"] == []  # PLOVER's reciprocal coding
    e = only(code(events_pipeline, "Talks between Armenia and Azerbaijan resumed in Brussels."),
             "CONSULT")
    assert sorted(countries(e.source)) == ["ARM", "AZE"]
    assert code(events_pipeline, "The committee met in Sochi on Friday.") == []


def test_speech_demands(pipeline):
    """A political actor's "X must ..." in indirect speech is its demand on X; an analyst's is not."""
    from multivector.events.coder import EventCoder

    coder = EventCoder()
    doc = pipeline.analyze_text("Russia said on Tuesday that Sudan must return the captured helicopter.",
                                date="2024-03-12")
    req = [e for e in coder.code(doc) if e.plover == "REQUEST"]
    assert req and req[0].modality in ("asserted", "reported")  # indirect speech may be a quote
    assert [a["country"] for a in req[0].source] == ["RUS"]
    assert [a["country"] for a in req[0].target] == ["SDN"]
    doc = pipeline.analyze_text("A political analyst said that Russia must return the captured helicopter.",
                                date="2024-03-12")
    assert not [e for e in coder.code(doc) if e.plover == "REQUEST"]


def test_targets_inside_act_and_relation_nouns(events_pipeline):
    # the object names a relation; its participants are the targets ("ties with X")
    evs = code(events_pipeline,
               "Armenia welcomed the resumption of diplomatic ties with Georgia on Monday.")
    assert any("GEO" in countries(e.target) for e in evs), [(e.trigger, e.target) for e in evs]
    evs = code(events_pipeline, "The Philippines and France agree on closer maritime cooperation.")
    e = [x for x in evs if sorted(countries(x.source)) == ["FRA", "PHL"]]
    assert e and sorted(countries(e[0].target)) == ["FRA", "PHL"]


def test_an_attacked_place_stands_for_its_state(events_pipeline):
    e = only(code(events_pipeline, "North Korean troops fired artillery shells at Seoul on Thursday."),
             "ASSAULT")
    assert countries(e.source) == ["PRK"] and countries(e.target) == ["KOR"] and e.complete
