"""Recall of the pattern coder on real-news shapes that gave no event (sentences written for these
tests): declined comments, postures of forces in the passive, reactions felt ("X was angered by
Y's decision")."""

from __future__ import annotations

import pytest


def code(events_pipeline, text, date="2024-03-14"):
    return events_pipeline.analyze_text(text, date=date).events


def of_code(evs, prefix):
    return [e for e in evs if (e.cameo or "").startswith(prefix)]


def countries(refs):
    return [r.get("country") for r in refs]


@pytest.mark.slow
def test_a_negated_comment_is_a_declined_comment(events_pipeline):
    for text in ("The French government did not comment on the report.",
                 "A spokesman said the French government had no comment to make."):
        evs = code(events_pipeline, text)
        e = of_code(evs, "011")
        assert e, (text, [(x.cameo, x.trigger) for x in evs])
        assert countries(e[0].source) == ["FRA"] and e[0].modality == "asserted"
        assert not e[0].target  # nothing names whom it was about: no target invented
    # a comment that was made is no refusal
    evs = code(events_pipeline, "The French government commented on the report.")
    assert not of_code(evs, "011"), [(x.cameo, x.trigger) for x in evs]


@pytest.mark.slow
def test_forces_put_on_standby_in_the_passive_are_the_source_of_the_posture(events_pipeline):
    evs = code(events_pipeline, "A battalion of Dutch troops is understood to have been put on standby.")
    e = of_code(evs, "152")
    assert e, [(x.cameo, x.trigger, x.source) for x in evs]
    assert countries(e[0].source) == ["NLD"] and not e[0].target
    # the active voice keeps its subject as the source
    evs = code(events_pipeline, "Poland put its troops on high alert.")
    e = of_code(evs, "152")
    assert e and countries(e[0].source) == ["POL"]


@pytest.mark.slow
def test_a_felt_reaction_goes_from_who_feels_it_to_whose_act_caused_it(events_pipeline):
    evs = code(events_pipeline, "Japanese officials were angered by Russia's decision to hold drills near the islands.")
    e = [x for x in of_code(evs, "11") if "patterns" in x.typed_by]
    assert e, [(x.cameo, x.trigger, x.source, x.target) for x in evs]
    assert countries(e[0].source) == ["JPN"] and countries(e[0].target) == ["RUS"]
    evs = code(events_pipeline, "Russia's decision angered Japan.")
    e = [x for x in of_code(evs, "11") if "patterns" in x.typed_by]
    assert e and countries(e[0].source) == ["JPN"] and countries(e[0].target) == ["RUS"]
    # a feeling whose cause names no actor is no event of the pattern
    evs = code(events_pipeline, "Japanese officials were angered by the weather.")
    assert not [x for x in of_code(evs, "11") if "patterns" in x.typed_by]


@pytest.mark.slow
def test_meeting_complying_with_and_ignoring_demands(events_pipeline):
    # meeting demands is acceding to them (08), aimed at whoever made them, a count included
    evs = code(events_pipeline, "Iran has met some of the demands of the IAEA.")
    e = [x for x in of_code(evs, "08") if "patterns" in x.typed_by]
    assert e and countries(e[0].source) == ["IRN"], [(x.cameo, x.trigger) for x in evs]
    assert [a.get("id") for a in e[0].target] == ["IGO:IAEA"]
    # "meet" alone is still a meeting
    evs = code(events_pipeline, "The Iranian foreign minister met the head of the IAEA.")
    assert of_code(evs, "04") and not of_code(evs, "08")
    # complying with an order: the order's owner is the target
    evs = code(events_pipeline, "Chinese firms have complied with the IAEA's inspection order.")
    e = of_code(evs, "08")
    assert e and [a.get("id") for a in e[0].target] == ["IGO:IAEA"], [(x.cameo, x.target) for x in evs]
    # ignoring an order defies its owner (12)
    evs = code(events_pipeline, "The firm ignored orders from the Chinese government to stop construction.")
    e = [x for x in of_code(evs, "12") if "patterns" in x.typed_by]
    assert e and countries(e[0].target) == ["CHN"], [(x.cameo, x.target) for x in evs]


@pytest.mark.slow
def test_court_actions_and_vetoes_are_aimed_at_whoever_brought_the_claim(events_pipeline):
    # a passive with its by-agent: the court rejects, the claim's owner is the target
    evs = code(events_pipeline, "A claim by the Russian government has been thrown out by a Moscow court.")
    e = of_code(evs, "12")
    assert e, [(x.cameo, x.trigger) for x in evs]
    assert [a.get("sector") for a in e[0].source] == ["JUD"] and countries(e[0].target) == ["RUS"]
    # blocking an application is a veto aimed at the applicant, in either voice
    for text in ("The US blocked Iran's application.", "Iran's application was blocked by the US."):
        e = of_code(code(events_pipeline, text), "129")
        assert e and countries(e[0].source) == ["USA"] and countries(e[0].target) == ["IRN"], text
    # launching a legal challenge is a legal action (115) against the decision's owner
    evs = code(events_pipeline, "Greenpeace launched a legal challenge to the Australian government's decision.")
    e = of_code(evs, "115")
    assert e and countries(e[0].target) == ["AUS"], [(x.cameo, x.target) for x in evs]
    # a product launch is no legal action
    evs = code(events_pipeline, "Samsung launched a new phone in Seoul.")
    assert not of_code(evs, "115")


@pytest.mark.slow
def test_a_posture_is_not_aimed_at_the_nationals_it_protects(events_pipeline):
    # the parse hangs "standby" on the verb; the source's own nationals are its purpose
    evs = code(events_pipeline, "The Spanish have already put their forces on standby to evacuate their nationals.")
    e = of_code(evs, "15")
    assert e and countries(e[0].source) == ["ESP"] and not e[0].target, [(x.cameo, x.target) for x in evs]
    evs = code(events_pipeline, "Russia put its forces on alert to deter Ukraine.")
    e = of_code(evs, "15")
    assert e and countries(e[0].target) == ["UKR"]


@pytest.mark.slow
def test_an_ordered_act_is_the_act_of_whoever_ordered_it(events_pipeline):
    evs = code(events_pipeline, "The Kenyan president ordered the arrest of two British journalists.")
    e = of_code(evs, "173")
    assert e, [(x.cameo, x.trigger) for x in evs]
    assert countries(e[0].source) == ["KEN"] and countries(e[0].target) == ["GBR"]
    evs = code(events_pipeline, "The French president ordered the destruction of the Ivorian air force.")
    e = of_code(evs, "190")
    assert e and countries(e[0].source) == ["FRA"] and countries(e[0].target) == ["CIV"], \
        [(x.cameo, x.source, x.target) for x in evs]
    # a destruction that names no actor is no event
    evs = code(events_pipeline, "The destruction of chemical weapons is under way.")
    assert not of_code(evs, "19")
