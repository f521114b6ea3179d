"""Reported attitudes and the cue classes added for PolNeAR recall, on sentences we wrote:
wants/hopes/prefers/sees-as, poll shares as holders, stance objects that are bare names, and a
reported clause that frames a partial quote."""

from __future__ import annotations

import pytest


def only(qpipe, text):
    qs = qpipe.analyze_text(text).quotes
    assert len(qs) == 1, [(q.cue, q.text) for q in qs]
    return qs[0]


def name(q):
    return (q.speaker or {}).get("name") or ""


def test_want_with_infinitive(qpipe):
    q = only(qpipe, "Foreign Minister Daniyar Osmonov wants to reopen the border crossing before winter.")
    assert q.kind == "indirect" and q.cue == "wants"
    assert q.text == "to reopen the border crossing before winter"
    assert "Osmonov" in name(q)


def test_prefer_with_object(qpipe):
    q = only(qpipe, "Senator Aigul Temirova prefers a gradual reform of the pension system.")
    assert q.cue == "prefers" and q.text == "a gradual reform of the pension system"
    assert "Temirova" in name(q)


def test_hopes_with_clause_despite_the_lemmatiser(qpipe):
    # the small model lemmatises "hopes" as "hop"; the lexicon corrects it
    q = only(qpipe, "Ambassador Karl Hummel hopes the talks will resume in March.")
    assert q.cue == "hopes" and q.text == "the talks will resume in March"
    assert "Hummel" in name(q)


def test_sees_x_as_y(qpipe):
    q = only(qpipe, "Analyst Timur Bekov sees Ankara as a reliable partner in the region.")
    assert q.cue == "sees" and q.text == "Ankara as a reliable partner in the region"
    assert "Bekov" in name(q)


def test_attitude_inside_a_statement_is_not_a_second_quote(qpipe):
    q = only(qpipe, "Foreign Minister Daniyar Osmonov said he wants to reopen the border crossing before winter.")
    assert q.cue == "said" and q.text.startswith("he wants to reopen")


def test_belief_inside_a_statement_is_not_a_second_quote(qpipe):
    q = only(qpipe, "Ambassador Karl Hummel said he hopes the talks will resume in March.")
    assert q.cue == "said" and q.text == "he hopes the talks will resume in March"


def test_no_holder_no_quote(qpipe):
    # a passive with no agent names nobody; a relative clause describes, it does not report
    assert qpipe.analyze_text("The minister is expected to arrive in Tashkent on Monday.").quotes == []
    assert qpipe.analyze_text("Farmers who oppose the new tariff marched through Bishkek on Sunday.").quotes == []


def test_hedged_attitude_is_not_reported(qpipe):
    assert qpipe.analyze_text("Voters in the north would prefer a candidate from the capital.").quotes == []


@pytest.mark.parametrize("text, speaker", [
    ("Twenty-four percent said they would vote for the incumbent in October.", "Twenty-four percent"),
    ("Nearly half said they prefer a candidate with experience in government.", "Nearly half"),
    ("Some of his rivals said the plan would never pass parliament.", "Some of his rivals"),
])
def test_poll_shares_and_groups_hold_views(qpipe, text, speaker):
    q = only(qpipe, text)
    assert q.cue == "said" and name(q) == speaker
    assert q.speaker["actor_id"] is None  # a share of respondents is not an actor


def test_a_date_is_still_not_a_speaker(qpipe):
    qs = qpipe.analyze_text("Monday said nothing about the border, the ministry noted in its bulletin.").quotes
    assert all(name(q) != "Monday" for q in qs)


def test_endorsed_a_bare_name(qpipe):
    q = only(qpipe, "Former governor Ruslan Abenov endorsed Temirova on Tuesday.")
    assert q.cue == "endorsed" and q.text == "Temirova" and "Abenov" in name(q)


def test_reported_clause_framing_a_partial_quote_is_one_statement(qpipe):
    q = only(qpipe, "Foreign Minister Daniyar Osmonov said the agreement was “a turning point for the whole region.”")
    assert q.kind == "indirect" and q.text.startswith("the agreement was “a turning point")
    assert "Osmonov" in name(q)


def test_a_whole_quote_after_said_stays_direct(qpipe):
    q = only(qpipe, "Foreign Minister Daniyar Osmonov said: “The agreement is a turning point for the whole region.”")
    assert q.kind == "direct" and q.text.startswith("The agreement is")


def test_a_document_saying_something_is_the_source(qpipe):
    # "a statement saying ...": the participle's noun is what speaks, and the sentence says who
    # issued it (2026-12-03: the issuer, as PolNeAR annotates "X issued a statement saying")
    q = only(qpipe, "The ministry issued a statement saying the border would stay closed until spring.")
    assert q.cue == "saying" and q.text == "the border would stay closed until spring"
    assert name(q) == "ministry"
    q = only(qpipe, "Reporters were shown a statement saying the border would stay closed until spring.")
    assert name(q) == "statement"


def test_participle_after_a_clause_keeps_the_clause_subject(qpipe):
    q = only(qpipe, "Foreign Minister Daniyar Osmonov left the summit early, saying the talks had failed.")
    assert q.text == "the talks had failed" and "Osmonov" in name(q)


def test_offered_an_object(qpipe):
    q = only(qpipe, "Governor Ruslan Abenov offered his condolences to the families of the miners.")
    assert q.cue == "offered" and q.text.startswith("his condolences") and "Abenov" in name(q)


def test_accused_x_of_y_keeps_the_charge(qpipe):
    q = only(qpipe, "Senator Aigul Temirova accused the governor of hiding the budget figures from parliament.")
    assert q.cue == "accused" and q.text == "the governor of hiding the budget figures from parliament"
    assert "Temirova" in name(q)


def test_pointed_to_a_topic(qpipe):
    q = only(qpipe, "Governor Ruslan Abenov pointed to the drop in gas exports from Turkmenistan.")
    assert q.text == "the drop in gas exports from Turkmenistan" and "Abenov" in name(q)


def test_a_future_plan_to_speak_is_not_yet_a_statement(qpipe):
    assert qpipe.analyze_text("Senator Aigul Temirova will focus on the pension reform.").quotes == []


def test_a_poll_shows_an_object(qpipe):
    q = only(qpipe, "A new poll shows Temirova with a clear lead in the capital.")
    assert q.cue == "shows" and q.text == "Temirova with a clear lead in the capital"
    # a subject that is not a source ("modern processes") states nothing
    assert qpipe.analyze_text("Modern processes show signs of strain in the region.").quotes == []


def test_calling_for_someone_to_act(qpipe):
    q = only(qpipe, "Senator Aigul Temirova is calling for the government to publish the gas contracts.")
    assert q.text == "the government to publish the gas contracts" and "Temirova" in name(q)
