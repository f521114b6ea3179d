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


@pytest.mark.parametrize("text,code,target", [
    ("Hungary said it will not accept refugees from Syria.", "121", "SYR"),
    ("Iran will not negotiate with the United States.", "125", "USA"),
    ("Greece said it would not extradite the suspects to Turkey.", "121", "TUR"),
    ("Bangladesh cannot accept any more refugees from Myanmar.", "121", "MMR"),
])
def test_what_an_actor_will_not_do_to_cooperate_is_a_rejection(events_pipeline, text, code, target):
    evs = events_pipeline.analyze_text(text, date="2024-03-14").events
    e = next((e for e in evs if e.plover == "REJECT"), None)
    assert e is not None, codes(evs)
    assert e.cameo == code and e.modality == "asserted"
    assert [a.country for a in e.target] == [target]
    assert not any(x.plover in ("CONSULT", "COOPERATE", "AID") for x in evs)


def test_past_negation_and_hostile_negations_are_no_rejection(events_pipeline):
    evs = code(events_pipeline, "North Korea did not attend the talks with South Korea.")
    assert not any(e.plover == "REJECT" for e in evs), codes(evs)
    evs = code(events_pipeline, "Armenia will not attack Azerbaijan.")
    assert not any(e.plover in ("REJECT", "ASSAULT") and e.modality == "asserted" for e in evs)


def test_a_verb_coded_only_with_its_object_opens_classification(nlp):
    """The classifier is asked about a sentence when a verb is in the CAMEO dictionary alone or
    with its object, or in our patterns ("launched a campaign": CAMEO lists LAUNCH only with
    objects; "opened its border": OPEN is one of our senses' verbs)."""
    from multivector.events.coder import EventCoder

    coder = EventCoder()
    assert coder._has_event_verb(nlp("Finland opened its border to Ukrainian refugees."))
    assert coder._has_event_verb(nlp("Russia launched a campaign against Estonia."))
    assert not coder._has_event_verb(nlp("The orchestra performed a symphony in Vienna."))


def test_a_verb_framing_a_state_is_no_classifier_event(events_pipeline):
    """'ceased to be', 'continues to be': a state, not an act (a classifier event hung on the
    framing verb once asserted an opinion piece's judgement)."""
    evs = code(events_pipeline, "Today it is clear that both Turkey and the Caucasus states, in "
                                "a cultural sense, have long ceased to be a single region.")
    assert not [e for e in evs if e.trigger.startswith("ceased")], codes(evs)


@pytest.mark.parametrize("text,plover,code_", [
    ("Hundreds of Kenyan protesters took to the streets of Nairobi.", "PROTEST", "141"),
    ("North Korea spurned Seoul's offer of food aid.", "REJECT", "120"),
    ("China deployed warships near the disputed islands.", "MOBILIZE", "154"),
    ("The army of Chad put its troops on high alert.", "MOBILIZE", "152"),
    ("Serbia placed its forces on combat readiness.", "MOBILIZE", "152"),
])
def test_protest_rejection_and_force_posture_senses(events_pipeline, text, plover, code_):
    evs = code(events_pipeline, text)
    assert any(e.plover == plover and e.cameo == code_ for e in evs), codes(evs)
    assert not any(e.plover in ("AID", "COOPERATE", "ACCUSE") for e in evs), codes(evs)


def test_a_warning_of_retaliation_threatens_the_party_of_its_condition(events_pipeline):
    evs = code(events_pipeline, "Russia warned it would retaliate if NATO deployed missiles in "
                                "Finland.")
    e = next(e for e in evs if e.plover == "THREATEN")
    assert e.cameo == "138" and e.modality == "asserted"
    assert [a.country for a in e.source] == ["RUS"] and [a.id for a in e.target] == ["IGO:NATO"]


@pytest.mark.parametrize("text,plover,target", [
    ("Iran is ready to strike Israel if attacked.", "THREATEN", "ISR"),
    ("Kazakhstan will send peacekeepers to Tajikistan if the United Nations asks.", "AGREE", "TJK"),
])
def test_a_conditional_offer_or_threat_is_an_intention(events_pipeline, text, plover, target):
    evs = code(events_pipeline, text)
    e = next((e for e in evs if e.plover == plover), None)
    assert e is not None, codes(evs)
    assert [a.country for a in e.target] == [target]
    assert not any(x.plover in ("ASSAULT", "AID") for x in evs)


@pytest.mark.parametrize("text,cameo,target", [
    ("Iraq's prime minister consulted with Iranian officials on the security situation.", "040", "IRN"),
    ("Sudan and South Sudan resumed negotiations in Addis Ababa.", "046", "SSD"),
    ("Iran allowed UN inspectors to visit the Fordow site.", "086", "IGO:UN"),
])
def test_consultations_and_allowed_inspections(events_pipeline, text, cameo, target):
    evs = code(events_pipeline, text)
    e = next((e for e in evs if e.cameo == cameo), None)
    assert e is not None, codes(evs)
    assert target in [a.id or a.country for a in e.target] or target in [a.country for a in e.target]
