"""Fidelity fixes found by reading our own output on news-like text (sentences written for
these tests): each would put a wrong relation on an analyst's map."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_an_exchange_of_fire_is_a_fight_not_cooperation(pipeline):
    doc = pipeline.analyze_text("Uzbek border guards exchanged fire with Tajik soldiers near "
                                "the disputed river crossing on Friday.", source="fire.txt")
    roots = {(e.cameo or "")[:2] for e in doc.events}
    assert "19" in roots
    assert not roots & {"03", "04", "05", "06", "07", "08"}
    fight = next(e for e in doc.events if (e.cameo or "").startswith("19"))
    assert {a["country"] for a in fight.source} == {"UZB"}
    assert {a["country"] for a in fight.target} == {"TJK"}


def _codes(pipeline, text):
    doc = pipeline.analyze_text(text, source="probe.txt")
    return [(e.cameo, sorted(a["country"] or "" for a in e.source),
             sorted(a["country"] or "" for a in e.target)) for e in doc.events]


def test_a_protest_to_a_government_is_an_official_complaint_not_a_demonstration(pipeline):
    got = _codes(pipeline, "Mongolia protested to Russia over the closure of the rail border.")
    assert ("114", ["MNG"], ["RUS"]) in got
    assert not any(c.startswith("14") for c, _, _ in got)


def test_a_protest_outside_an_embassy_targets_its_state(pipeline):
    got = _codes(pipeline, "Several hundred students protested outside the Iranian embassy "
                           "in Baku on Sunday.")
    assert any(c == "141" and t == ["IRN"] for c, _, t in got), got


def test_signing_a_protocol_is_a_formal_agreement(pipeline):
    got = _codes(pipeline, "Armenia and Georgia signed a protocol on electricity trade.")
    assert any(c == "057" and s == ["ARM", "GEO"] for c, s, _ in got), got


def test_extending_sanctions_imposes_them(pipeline):
    got = _codes(pipeline, "The United Kingdom extended its sanctions on Belarus for a year.")
    assert ("163", ["GBR"], ["BLR"]) in got, got
    assert not any(c.startswith("11") for c, _, _ in got)


def test_stopping_another_states_convoy_is_a_blockade(pipeline):
    got = _codes(pipeline, "Azerbaijani border guards blocked an Armenian aid convoy.")
    assert any(c == "191" and s == ["AZE"] and t == ["ARM"] for c, s, t in got), got


HOME_STORY = """Labour pledges tougher asylum rules

Tony Blair has promised tighter asylum rules after Labour lost ground to the Conservatives in
local polls.

The Liberal Democrats accused Labour of copying Conservative policy. Mr Blair rejected the charge.

Police detained four men in a raid on a warehouse on Tuesday."""


def test_domestic_bodies_named_without_a_country_take_the_storys_home_country(pipeline):
    doc = pipeline.analyze_text(HOME_STORY.replace("\n", " ").replace("  ", "\n\n"),
                                source="home.txt")
    police = [a for e in doc.events for a in e.source if a["name"] == "Police"]
    assert police and all(a["country"] == "GBR" for a in police), doc.events


def test_no_home_country_when_the_story_spans_several_states(pipeline):
    text = ("Kazakhstan and Uzbekistan signed a water accord. Russia and China welcomed it. "
            "Police detained four opposition activists in a raid on a warehouse on Tuesday.")
    # (the activists are the arrest's target: "four men" named no actor, and a classifier-only
    # event without a target is no longer emitted, typed.CLASSIFIER_TARGETLESS)
    doc = pipeline.analyze_text(text, source="several.txt")
    police = [a for e in doc.events for a in e.source if a["name"] == "Police"]
    assert police and all(a["country"] is None for a in police), doc.events


def test_a_promise_without_a_to_clause_is_an_intent_not_a_threat(pipeline):
    got = _codes(pipeline, "Tony Blair has promised tighter asylum rules after Labour lost "
                           "ground to the Conservatives in council elections.")
    assert any(c == "030" for c, _, _ in got), got
    assert not any(c.startswith("13") for c, _, _ in got), got


def test_an_experts_necessity_is_no_demand_by_the_state(pipeline):
    """Interview answer: what a country "needs to" do is the analyst's opinion, not an event."""
    doc = pipeline.analyze_text("Uzbekistan needs to diversify its partners, not abandon them.",
                                source="opinion.txt")
    assert [e for e in doc.events if e.modality == "asserted"] == []


REPEATED = """Mongolia and China agree to expand rail freight

Mongolia and China agreed on Monday to expand rail freight through the Zamiin-Uud crossing.

Mongolia and Russia also held talks."""


def test_a_headline_the_lead_repeats_is_one_event(pipeline):
    doc = pipeline.analyze_text(REPEATED, source="repeat.txt",
                                title=REPEATED.split("\n")[0])
    agree = [e for e in doc.events if (e.cameo or "").startswith("03")]
    assert len(agree) == 1 and agree[0].sentence > 0, [(e.sentence, e.cameo) for e in agree]


def test_a_headline_event_the_body_does_not_repeat_stays(pipeline):
    text = "Mongolia and China agree to expand rail freight\n\nRussia held talks with Mongolia."
    doc = pipeline.analyze_text(text, source="alone.txt", title=text.split("\n")[0])
    assert any((e.cameo or "").startswith("03") and e.sentence == 0 for e in doc.events)


def test_a_speech_act_hung_on_the_reported_copula_is_the_speakers(pipeline):
    """The parser attaches "urged" to "were" inside the reported clause; the checks cannot
    urge anyone, the minister does."""
    got = _codes(pipeline, "Kyrgyzstan's economy minister said on Friday that the new Kazakh "
                           "border checks were \"unacceptable\" and urged Astana to drop them.")
    req = [(c, s, t) for c, s, t in got if c.startswith("02")]
    assert req and req[0][1] == ["KGZ"] and req[0][2] == ["KAZ"], got


def test_a_capital_naming_where_an_accord_was_made_is_no_party(pipeline):
    """"the Minsk agreements" are not Belarus's, "the Paris agreement" not France's."""
    got = _codes(pipeline, "Moscow accused Kyiv of breaking the Minsk agreements.")
    assert all("BLR" not in s + t for _, s, t in got), got
    got = _codes(pipeline, "Brazil withdrew from the Paris agreement.")
    assert all("FRA" not in s + t for _, s, t in got), got
    doc = pipeline.analyze_text("Kazakhstan left the Astana process.", source="astana.txt")
    assert not any(m.text == "Astana" and m.actor_id for m in doc.mentions)


def test_a_capital_before_a_proposal_is_still_its_government(pipeline):
    got = _codes(pipeline, "Moscow rejected the Kyiv proposal.")
    assert any(c.startswith("12") and t == ["UKR"] for c, _, t in got), got


def test_condolences_and_an_announced_ceasefire(pipeline):
    got = _codes(pipeline, "Turkey expressed condolences to Pakistan over the flood victims.")
    assert ("018", ["TUR"], ["PAK"]) in got, got
    got = _codes(pipeline, "Azerbaijan announced a ceasefire with Armenia on Tuesday.")
    assert ("0871", ["AZE"], ["ARM"]) in got, got
