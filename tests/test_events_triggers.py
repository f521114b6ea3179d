"""The trigger that carries the act (sentences written for these tests): an act noun inside
"took part in ...", the infinitive of "took steps to ...", attack nouns carried by any light verb
("conducted air strikes", "staged a raid"), whom a pledged act is for, blockades tightened,
parties forced out, and intentions reported by "confirmed it would"."""

from __future__ import annotations

import pytest


def code(events_pipeline, text, date="2024-03-14"):
    return events_pipeline.analyze_text(text, date=date).events


def of_type(evs, plover):
    return [e for e in evs if e.plover == plover]


def countries(refs):
    return sorted(r.get("country") or "" for r in refs)


def show(evs):
    return [(e.cameo, e.trigger, countries(e.source), countries(e.target), e.modality) for e in evs]


@pytest.mark.slow
def test_an_act_noun_one_takes_part_in_has_the_participant_as_source(events_pipeline):
    for text in ("Iran took part in talks with Germany in Geneva.",
                 "Turkey participated in negotiations with Greece."):
        evs = code(events_pipeline, text)
        e = of_type(evs, "CONSULT")
        assert e, (text, show(evs))
        assert countries(e[0].source) in (["IRN"], ["TUR"]) and countries(e[0].target) in (["DEU"], ["GRC"])
    # "took ... in" without "part" is no participation: the talks have no source
    evs = code(events_pipeline, "Reporters took notes in talks with Germany.")
    assert not of_type(evs, "CONSULT"), show(evs)


@pytest.mark.slow
def test_the_infinitive_of_took_steps_is_the_act_of_whoever_took_them(events_pipeline):
    evs = code(events_pipeline, "Britain took steps to ease sanctions on Iran.")
    e = of_type(evs, "CONCEDE")
    assert e and countries(e[0].source) == ["GBR"] and countries(e[0].target) == ["IRN"], show(evs)
    # a plan is no step: "a plan to ease" stays what it was (no concession made)
    evs = code(events_pipeline, "Britain discussed a plan to ease sanctions on Iran.")
    assert not [x for x in evs if x.trigger.startswith("ease")], show(evs)


@pytest.mark.slow
def test_attack_nouns_carried_by_any_light_verb_are_attacks(events_pipeline):
    for text, src in (("NATO conducted air strikes against Libyan forces.", "IGO"),
                      ("The Turkish army staged a raid on Kurdish rebels in Iraq.", "TUR")):
        evs = code(events_pipeline, text)
        e = of_type(evs, "ASSAULT")
        assert e, (text, show(evs))
        assert (e[0].source[0].get("country") or e[0].source[0].get("id") or "")[:3] == src, show(evs)
    # a labour strike staged by workers stays a protest
    evs = code(events_pipeline, "Dock workers staged a strike against the port authority in Hamburg.")
    assert not of_type(evs, "ASSAULT"), show(evs)


@pytest.mark.slow
def test_whom_a_pledged_act_is_for_is_the_pledge_target(events_pipeline):
    evs = code(events_pipeline, "Japan pledged to send aid to Indonesia.")
    e = of_type(evs, "AGREE")
    assert e and countries(e[0].source) == ["JPN"] and countries(e[0].target) == ["IDN"], show(evs)


@pytest.mark.slow
def test_tightening_a_blockade_and_forcing_a_party_out(events_pipeline):
    evs = code(events_pipeline, "Israel tightened its blockade of Gaza.")
    e = of_type(evs, "COERCE")
    assert e and e[0].cameo == "191" and countries(e[0].source) == ["ISR"], show(evs)
    evs = code(events_pipeline, "Sudan forced the Norwegian embassy staff out of Khartoum.")
    e = [x for x in evs if x.cameo == "174"]
    assert e and countries(e[0].source) == ["SDN"] and countries(e[0].target) == ["NOR"], show(evs)


@pytest.mark.slow
def test_confirmed_it_would_reports_an_intention_not_a_guess(events_pipeline):
    evs = code(events_pipeline, "NATO confirmed it would tighten the blockade of Serbia.")
    e = [x for x in evs if x.trigger.startswith("tighten")]
    # a threatened coercion (future -> THREATEN), not a hypothetical blockade
    assert e and e[0].modality == "future" and e[0].plover == "THREATEN", show(evs)
    evs = code(events_pipeline, "NATO said it could tighten the blockade of Serbia.")
    e = [x for x in evs if x.trigger.startswith("tighten")]
    assert not e or e[0].modality == "hypothetical", show(evs)


@pytest.mark.slow
def test_an_act_noun_the_clause_happens_during_is_the_subjects_act_with_a_partner(events_pipeline):
    evs = code(events_pipeline, "Iran said during talks with Germany that it would not give up enrichment.")
    e = of_type(evs, "CONSULT")
    assert e and countries(e[0].source) == ["IRN"] and countries(e[0].target) == ["DEU"], show(evs)
    # without a partner the circumstance is no event of the subject
    evs = code(events_pipeline, "Germany dealt with the crisis during a brief visit.")
    assert not [x for x in evs if x.trigger.startswith("visit")], show(evs)
    # a passive's patient is no participant ("were killed during an attack")
    evs = code(events_pipeline, "Two Turkish soldiers were killed during an attack on their convoy.")
    assert not [x for x in evs if x.trigger.startswith("attack")], show(evs)
