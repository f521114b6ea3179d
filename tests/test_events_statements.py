"""Statement, appeal and criticism events from what people say (events/statements.py).

Sentences written for these tests (not from ../shared)."""

from __future__ import annotations

import pytest

from multivector.events.arguments import ActorResolver
from multivector.events.coder import EventCoder
from multivector.events.statements import statement_events


def code(pipe, text):
    return pipe.analyze_text(text, date="2024-03-14").events


def statements(events):
    return [e for e in events if "statements" in e.typed_by]


def one_statement(events):
    found = statements(events)
    assert len(found) == 1, [(e.cameo, e.trigger, e.typed_by) for e in events]
    return found[0]


def countries(actors):
    return [a["country"] for a in actors]


def test_criticism_from_an_evaluative_word_about_the_target(events_pipeline):
    doc = events_pipeline.analyze_text(
        "The French foreign minister said there were absurd contradictions in Germany's plan.",
        date="2024-03-14")
    e = one_statement(doc.events)
    assert e.cameo == "111" and e.plover == "ACCUSE"
    assert countries(e.source) == ["FRA"] and countries(e.target) == ["DEU"]
    assert e.modality == "asserted" and e.complete
    assert e.quote_id == doc.quotes[0].id and e.attributed_to["quote_id"] == doc.quotes[0].id
    assert e.confidence < 0.5


def test_plain_statement_about_another_actor_is_010(events_pipeline):
    e = one_statement(code(events_pipeline, "Iran said the talks with France would continue."))
    assert e.cameo == "010" and e.plover is None
    assert countries(e.source) == ["IRN"] and countries(e.target) == ["FRA"]


def test_voiced_concern_is_a_pessimistic_comment(events_pipeline):
    e = one_statement(code(events_pipeline, "Germany voiced concern about Poland's new law."))
    assert e.cameo == "012"
    assert countries(e.source) == ["DEU"] and countries(e.target) == ["POL"]


@pytest.mark.parametrize("text", [
    "The Kenyan minister said Uganda should think again about the border.",
    "The Kenyan minister said Uganda needs to explain its position.",
])
def test_should_and_need_to_are_appeals(events_pipeline, text):
    e = one_statement(code(events_pipeline, text))
    assert e.cameo == "020" and e.plover == "REQUEST"
    assert countries(e.source) == ["KEN"] and countries(e.target) == ["UGA"]


def test_the_subjects_attitude_is_not_the_speakers_criticism(events_pipeline):
    # "suspicious" is Uganda's attitude, reported by the minister: a statement about Uganda
    e = one_statement(code(events_pipeline,
                           "The Kenyan minister said the Ugandan government was suspicious of Rwanda."))
    assert e.cameo == "010"
    assert countries(e.target) == ["UGA"]


def test_a_noun_that_names_the_actor_does_not_judge_it(events_pipeline):
    # "our Chinese friends" refers to China; the speaker's worry about its reckless policies
    # is the criticism
    e = one_statement(code(events_pipeline, '"We are worried about the reckless policies of our'
                                            ' Chinese friends," the Japanese premier said.'))
    assert e.cameo == "111"
    assert countries(e.source) == ["JPN"] and countries(e.target) == ["CHN"]


def test_a_threat_to_peace_is_criticism_of_the_subject(events_pipeline):
    e = one_statement(code(events_pipeline, "The Kenyan minister said Uganda was a threat to peace."))
    assert e.cameo == "111" and countries(e.target) == ["UGA"]


@pytest.mark.parametrize("text", [
    "Iran said the weather was fine.",  # no target actor
    "Reuters said Iran was a threat to Iraq.",  # a news outlet's attribution
    "The British foreign minister said Britain would host the summit.",  # the speaker's own state
    "Many in France would prefer Turkey to admit that Armenia was right.",  # nothing was said
    "Uganda said it had paid compensation to Kenya.",  # the content is Uganda's own act
    # whom a condition supposes is not spoken to or about
    "The Kenyan foreign minister said that if Uganda changed its policy, the talks would go on.",
])
def test_no_statement_event(events_pipeline, text):
    assert statements(code(events_pipeline, text)) == []


@pytest.mark.parametrize("text", [
    'Speaking in Nairobi, the Kenyan president said: "It is simply not acceptable for the world'
    ' to stand by."',
    'The Kenyan police chief said: "We have always considered that our response was'
    ' proportionate."',
])
def test_no_statement_without_a_target(events_pipeline, text):
    # the classifier reads these as statements (CAMEO 01) but no one is addressed or named
    assert [e for e in code(events_pipeline, text) if (e.cameo or "").startswith("01")] == []


def test_the_specific_event_in_the_content_wins(events_pipeline):
    evs = code(events_pipeline, "Iran said France had arrested two diplomats.")
    assert statements(evs) == []
    assert any(e.cameo == "173" for e in evs)


def test_statement_is_less_confident_than_the_real_event_of_its_sentence(events_pipeline):
    evs = code(events_pipeline, "The Kenyan president said Uganda was a threat to the region,"
                                " and Kenya closed its border with Uganda.")
    st = one_statement(evs)
    others = [e for e in evs if e is not st]
    assert others and all(st.confidence < e.confidence for e in others)


def test_statement_confidence_is_capped_below_a_weak_event(events_pipeline):
    doc = events_pipeline.analyze_text(
        "Kenya expelled two Ugandan diplomats after the Kenyan president said Uganda was a"
        " threat to the region.", date="2024-03-14")
    coder = EventCoder()
    sent = next(doc.english_sentences())
    weak = [e for e in doc.events if "statements" not in e.typed_by][0]
    weak.confidence = 0.2
    out = statement_events(coder, doc, sent, ActorResolver(doc, doc.document.date), [weak])
    st = statements(out)
    assert st and all(e.confidence < 0.2 for e in st)


@pytest.mark.parametrize("text, cameo", [
    # a hope about another actor is no praise of it
    ("Croatian ministers have expressed hopes the Chinese government will change its policy.", "010"),
    # "terrible" judges the earthquake, not the state it happened in: sympathy, not criticism
    ("The Australian foreign minister expressed condolences over the terrible earthquake in"
     " Sichuan province.", "018"),
    # a quality stated of the actor itself is praise
    ("The Kenyan minister said Uganda was a reliable partner.", "051"),
])
def test_evaluation_must_be_about_the_target(events_pipeline, text, cameo):
    evs = code(events_pipeline, text)
    if statements(evs):
        assert one_statement(evs).cameo == cameo
    else:  # the pattern coder codes the clause itself ("expressed condolences": 018, 62c1dec)
        assert [e.cameo for e in evs] == [cameo], [(e.cameo, e.typed_by) for e in evs]


def test_an_analysts_view_is_no_event(events_pipeline):
    # issue 12: an expert's "X needs to ..." is an opinion, never an asserted appeal
    evs = code(events_pipeline, "The political scientist Anna Berg of Oslo University said Russia"
                                " needs to play a larger part in the region.")
    assert statements(evs) == []


@pytest.mark.parametrize("text, cameo", [
    # the coder's recommended act in an official's quote is the official's request: "should"
    # and "need to" are appeals (02x), "must" a demand (10x), both typed by the act asked for
    ("The Kenyan minister said Uganda should withdraw its troops from the border.", "0256"),
    ("The Kenyan minister said Uganda needs to withdraw its troops from the border.", "0256"),
    ("The Kenyan minister said Uganda must withdraw its troops from the border.", "1056"),
])
def test_should_is_an_appeal_and_must_a_demand(events_pipeline, text, cameo):
    evs = [e for e in code(events_pipeline, text) if e.plover == "REQUEST"]
    assert [e.cameo for e in evs] == [cameo]
    assert countries(evs[0].source) == ["KEN"] and countries(evs[0].target) == ["UGA"]
