"""Typing of verbal reactions (2026-12-03, sentences written for these tests): what an actor
calls something ("called the move unfair" is criticism, not a request), denials of accusations
(CAMEO 016, PLOVER REJECT), praise and welcome of an act without a named owner."""

from __future__ import annotations

import pytest

from multivector.events.ontology import ontology

pytestmark = pytest.mark.slow


def code(events_pipeline, text, date="2024-03-14"):
    return events_pipeline.analyze_text(text, date=date).events


def codes(evs):
    return [(e.cameo, e.plover) for e in evs]


@pytest.mark.parametrize("text", [
    "Bishkek called the move unfair.",
    "Kyrgyzstan called the decision a violation of its sovereignty.",
    "Beijing described the sanctions as illegal.",
    "Tehran labelled the strike an act of aggression.",
    "Ankara termed the vote unacceptable.",
])
def test_calling_something_bad_is_criticism_not_a_request(events_pipeline, text):
    evs = code(events_pipeline, text)
    assert any(e.cameo == "111" for e in evs), codes(evs)
    assert not any(e.plover == "REQUEST" for e in evs), codes(evs)


def test_the_owner_of_what_is_called_bad_is_the_target(events_pipeline):
    evs = code(events_pipeline, "Hungary called Ukraine's new language law unacceptable.")
    e = next(e for e in evs if e.cameo == "111")
    assert [a.country for a in e.source] == ["HUN"] and [a.country for a in e.target] == ["UKR"]


def test_calling_something_good_is_praise(events_pipeline):
    evs = code(events_pipeline, "Kazakhstan called Uzbekistan's border agreement historic.")
    e = next(e for e in evs if e.cameo == "051")
    assert [a.country for a in e.target] == ["UZB"]


def test_calling_on_and_calling_for_stay_requests(events_pipeline):
    evs = code(events_pipeline, "The United States called on Russia to withdraw its troops.")
    assert any(e.plover == "REQUEST" for e in evs) and not any(e.cameo == "111" for e in evs)


@pytest.mark.parametrize("text,target", [
    ("The Kremlin rejected the accusation.", None),
    ("Russia denied the allegations.", None),
    ("Moscow denied involvement in the attack.", None),
    ("The Kremlin denied that Russian troops had crossed the border.", None),
    ("Beijing rejected Washington's accusations of espionage.", "USA"),
])
def test_denying_an_accusation_is_cameo_016(events_pipeline, text, target):
    evs = code(events_pipeline, text)
    e = next((e for e in evs if e.cameo == "016"), None)
    assert e is not None, codes(evs)
    assert e.plover == "REJECT" and e.modality == "asserted"
    if target:
        assert [a.country for a in e.target] == [target] and e.complete
    # the denied act is no asserted event
    assert not any(e.plover == "ASSAULT" or e.cameo.startswith("19") and e.modality == "asserted"
                   for e in evs)


def test_016_is_reject_in_plover_other_statements_stay_uncoded():
    onto = ontology()
    assert onto.cameo_code("016").plover == "REJECT"
    assert onto.cameo_code("010").plover is None and onto.cameo_code("018").plover is None


@pytest.mark.parametrize("text", ["Moscow welcomed the decision.",
                                  "The European Union praised the agreement."])
def test_welcoming_or_praising_an_act_is_cameo_051(events_pipeline, text):
    evs = code(events_pipeline, text)
    assert any(e.cameo == "051" for e in evs), codes(evs)
    e = next(e for e in code(events_pipeline, "Tashkent welcomed Kazakhstan's decision to "
                                              "reopen the border.") if e.cameo == "051")
    assert [a.country for a in e.target] == ["KAZ"]
