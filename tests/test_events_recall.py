"""Recall of the pattern coder on news shapes that gave no event (sentences written for these
tests): agentless passives, court actions, acts whose object is no actor."""

from __future__ import annotations

import pytest


def code(events_pipeline, text, date="2024-03-14"):
    return events_pipeline.analyze_text(text, date=date).events


def countries(refs):
    return [r.get("country") for r in refs]


@pytest.mark.slow
def test_an_agentless_passive_keeps_its_patient_and_invents_no_agent(events_pipeline):
    evs = code(events_pipeline, "Two opposition activists were arrested in Minsk on Tuesday.")
    e = [x for x in evs if x.cameo == "173"]
    assert e, [(x.cameo, x.trigger) for x in evs]
    assert countries(e[0].target) == ["BLR"] and e[0].complete is False
    # no word of the text names who arrested them: at most a convention's country, marked so
    assert all(a.get("method") == "implied" and not a.get("sector") for a in e[0].source)
    # with its by-agent the same sentence is complete
    evs = code(events_pipeline, "Two opposition activists were arrested by Belarusian police in Minsk.")
    e = [x for x in evs if x.cameo == "173"]
    assert e and e[0].complete and [a.get("sector") for a in e[0].source] == ["COP"]


@pytest.mark.slow
def test_an_agentless_passive_is_no_event_when_it_names_no_actor(events_pipeline):
    evs = code(events_pipeline, "Dozens of people were killed.")
    assert not [x for x in evs if "patterns" in x.typed_by], [(x.cameo, x.trigger) for x in evs]


@pytest.mark.slow
def test_an_agentless_passive_gives_way_when_the_classifier_rules_its_class_out(events_pipeline):
    # the classifier reads an arrest "for collaborating with" as an accusation (class 3), as
    # the ConfliBERT annotators do; the verb alone, with no agent, does not outvote it
    evs = code(events_pipeline, "A Georgian journalist was arrested for collaborating with separatist rebels.")
    assert not [x for x in evs if x.cameo == "173"], [(x.cameo, x.trigger) for x in evs]
    assert [x.quad_class for x in evs] == [3]


@pytest.mark.slow
def test_a_reaction_to_an_object_that_names_no_actor_is_kept_without_a_target(events_pipeline):
    # "the violence", "the dam talks": no actor to be the target; the criticism was made
    evs = code(events_pipeline, "Egyptian officials condemned the violence in the capital, "
                                "and Ethiopia criticised the dam talks.")
    e = sorted((x for x in evs if x.cameo == "111"), key=lambda x: x.start)
    assert [countries(x.source) for x in e] == [["EGY"], ["ETH"]], [(x.cameo, x.trigger) for x in evs]
    assert all(not x.target and x.complete is False and "patterns" in x.typed_by for x in e)


@pytest.mark.slow
def test_a_verb_with_a_particle_is_not_its_bare_sense_without_a_target(events_pipeline):
    # "back up their words" is no support of anyone ("back X" is, with an actor object)
    evs = code(events_pipeline, "American officials were failing to back up their words with action.")
    assert not [x for x in evs if x.cameo == "051"], [(x.cameo, x.trigger) for x in evs]


@pytest.mark.slow
def test_legal_action_is_coded_as_a_lawsuit_and_an_appeal_to_someone_stays_an_appeal(events_pipeline):
    evs = code(events_pipeline, "Greenpeace filed a lawsuit against the Norwegian government.")
    e = [x for x in evs if x.cameo == "115"]
    assert e and countries(e[0].target) == ["NOR"], [(x.cameo, x.trigger) for x in evs]
    evs = code(events_pipeline, "The opposition appealed against the court's ruling.")
    assert [x.cameo for x in evs if x.cameo[:2] in ("11", "02")] == ["115"], [(x.cameo, x.trigger) for x in evs]


@pytest.mark.slow
def test_a_declined_comment_is_a_statement(events_pipeline):
    evs = code(events_pipeline, "The Kremlin declined to comment on the report.")
    e = [x for x in evs if x.cameo == "011"]
    assert e and countries(e[0].source) == ["RUS"], [(x.cameo, x.trigger) for x in evs]
