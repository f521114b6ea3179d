"""Country-less agents of a one-country story take the story's home country (sentences written
for these tests, in the style of wire news about Britain): an agentless arrest's implied source,
a court ruling on a foreign party, and unnamed persons ("two men", "an elderly man") as
civilians; a person the knowledge base does not know takes the state of their own title ("his
Spanish counterpart X"). A story that names several countries evenly gives none of them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# three sentences that make Britain the story's home (``home_country_share`` of its mentions)
BEFORE = "Labour ministers met union leaders in London on Monday. The Home Office said the review would continue. "
AFTER = " A British minister said the talks had gone well."


def _events(pipe, sentence: str, before: str = BEFORE):
    doc = pipe.analyze_text(before + sentence + AFTER, date="2024-05-14")
    lo = len(before)
    return [e for e in doc.events if lo <= e.start < lo + len(sentence)]


def _one(events, root: str):
    found = [e for e in events if (e.cameo or "").startswith(root)]
    assert found, [(e.cameo, e.trigger) for e in events]
    return found[0]


def test_an_agentless_arrest_in_a_home_story_is_the_home_countrys(events_pipeline):
    # the sentence names no country and no agent: the story's home gives the source
    e = _one(_events(events_pipeline, "Two men from Salford were arrested on Tuesday."), "17")
    assert [(a.country, a.method) for a in e.source] == [("GBR", "implied")]
    assert [(a.country, a.sector) for a in e.target] == [("GBR", "CVL")]  # "men": civilians
    # neither country is the text's: both say where they came from
    assert [a.country_from for a in e.source] == ["story"]
    assert e.target[0].country_from is not None


def test_a_court_ruling_on_a_foreign_party_is_the_home_courts(events_pipeline):
    # the sentence's one country is the party the court rules on, not the court's
    e = _one(_events(events_pipeline, "An Irish claim against the airline was rejected by an appeal court."),
             "")
    court = [a for a in e.source if a.sector == "JUD"]
    assert court and court[0].country == "GBR", [(a.name, a.country) for a in e.source]
    assert court[0].country_from == "story"
    assert [a.country for a in e.target] == ["IRL"]
    assert [a.country_from for a in e.target] == [None]  # "Irish": the phrase's own words


def test_an_unnamed_person_is_a_civilian(events_pipeline):
    e = _one(_events(events_pipeline, "An elderly man was detained by police in Leeds."), "17")
    assert [(a.country, a.sector) for a in e.target] == [("GBR", "CVL")]


def test_no_home_country_no_implied_source(events_pipeline):
    # Britain, France and Spain named alike: no home, and nobody is invented for the arrest
    before = "French and Spanish ministers met British officials in Brussels. Paris and Madrid said the review would continue. "
    e = _one(_events(events_pipeline, "Two Belgian men were arrested on Tuesday.", before), "17")
    assert e.source == []


def test_a_person_unknown_to_the_knowledge_base_takes_the_state_of_their_own_title(events_pipeline):
    # "his Portuguese counterpart X": the title before the name places X; nothing else does
    doc = events_pipeline.analyze_text("In May, Mr Kelly and his Portuguese counterpart Rui Vasconcelos "
                                       "agreed to establish a joint body.", date="2024-05-14")
    e = _one(doc.events, "03")
    named = {a.name: a.country for a in e.source}
    assert named.get("Rui Vasconcelos") == "PRT", named
    assert {a.name: a.country_from for a in e.source}["Rui Vasconcelos"] == "title"


def test_a_story_about_a_war_abroad_is_home_where_its_actors_are(events_pipeline):
    # Iraq is named as often as Britain, but only as a place: the story's actors (an MP, the
    # prime minister, the BBC, Downing Street) are British, and so are the unplaced critic and
    # "the government" of its last sentence
    text = ("The war in Iraq has cost too much, the Labour MP John Prescott said on Monday. Troops "
            "remain in Iraq and Iraq is still unstable, Tony Blair told the BBC. Downing Street said "
            "the Iraq policy would not change. Dr Harriet Fenwick has since criticised the government "
            "over the war.")
    doc = events_pipeline.analyze_text(text, date="2024-05-14")
    e = _one([x for x in doc.events if x.start >= text.index("Dr Harriet")], "11")
    assert [a.country for a in e.source] == ["GBR"]  # a person the knowledge base does not know
    assert [a.country_from for a in e.source] == ["story"]  # ... placed by the story, and says so
    assert [(a.country, a.sector) for a in e.target] == [("GBR", "GOV")]


def test_an_unknown_named_speaker_is_not_made_the_home_state(events_pipeline):
    # "critics" name who accused: the actors stage cannot place them, and the state is not them
    found = [e for e in _events(events_pipeline, "Critics have accused the ministry of wasting money.")
             if (e.cameo or "").startswith("11")]
    assert found, "no accusation coded"
    assert all(a.method != "implied" for e in found for a in e.source), \
        [(a.name, a.country, a.method) for e in found for a in e.source]
    # an agentless material act keeps the convention (the arrest test above), and so does a
    # verbal act with no subject at all
    e = _one(_events(events_pipeline, "The ministry was criticised on Tuesday."), "11")
    assert [(a.country, a.method) for a in e.source] == [("GBR", "implied")]


def test_a_speaker_denouncing_a_war_abroad_is_not_of_the_war_country(events_pipeline):
    # a verbal act aimed at no actor: the country the sentence names is its topic, not the
    # speaker's; the story's home country places the country-less speaker
    e = _one(_events(events_pipeline, "The bishop used a sermon to denounce the war in Syria."), "11")
    assert [(a.country, a.sector) for a in e.source] == [("GBR", "REL")]
    assert not e.target
