"""Organisations the knowledge base does not know are coded by what the text says they are
(``events/orgs.py``; sentences written for these tests in the style of wire business news): a
name's own head word ("the Moorland Alliance" NGO, "Tarvel Motors Corp" BUS), a descriptor the
story attaches to it ("Ferrovia, the private firm ...", "steel giant Kolvar"), a place inside
the name for its country; a name nothing types stays no actor."""

from __future__ import annotations

import pytest

from multivector.events.orgs import name_sector

# a story that makes Argentina its home country (``home_country_share`` of its mentions)
BEFORE = ("Argentina's government faces a strike. Argentine ministers met on Monday. "
          "The Argentine president said the talks would continue. ")


def _events(pipe, sentence: str, before: str = BEFORE):
    doc = pipe.analyze_text(before + sentence, date="2024-05-14")
    lo = len(before)
    return [e for e in doc.events if lo <= e.start < lo + len(sentence)]


def _one(events, root: str):
    found = [e for e in events if (e.cameo or "").startswith(root)]
    assert found, [(e.cameo, e.trigger, e.source, e.target) for e in events]
    return found[0]


def test_a_names_head_word_gives_its_sector():
    assert name_sector(["the", "Moorland", "Alliance"]) == "NGO"
    assert name_sector(["Tarvel", "Motors", "Corp."]) == "BUS"
    assert name_sector(["Department", "of", "Fisheries"]) == "GOV"  # the head before "of"
    assert name_sector(["Northvale", "Constabulary"]) == "COP"
    assert name_sector(["Alliance"]) is None  # one common word is no name
    assert name_sector(["Tarvel", "Gorse"]) is None  # nothing says what it is


@pytest.mark.slow
def test_a_firm_described_in_apposition_is_a_business_of_the_story(events_pipeline):
    sent = ("Ferrovia, the private firm which runs the city's trains, has criticised the "
            "Argentine transport ministry over the delays.")
    e = _one(_events(events_pipeline, sent), "11")
    assert [(a.name, a.country, a.sector) for a in e.source] == [("Ferrovia", "ARG", "BUS")]
    # the same name alone later in the story keeps what the story said it is
    later = _events(events_pipeline, sent + " The Argentine government criticised Ferrovia.")
    targets = [(a.name, a.sector) for x in later for a in x.target]
    assert ("Ferrovia", "BUS") in targets, targets


@pytest.mark.slow
def test_a_named_campaign_group_is_an_ngo_of_the_story(events_pipeline):
    e = _one(_events(events_pipeline, "The Pampas Alliance condemned the Argentine government."), "11")
    assert [(a.country, a.sector) for a in e.source] == [("ARG", "NGO")]
    assert [a.country_from for a in e.source] == [None]  # "Pampas" is a place of Argentina
    e = _one(_events(events_pipeline, "The Harbour Alliance condemned the Argentine government."), "11")
    # no word of its name places it: the story's home does, and the argument says so
    assert [(a.country, a.sector, a.country_from) for a in e.source] == [("ARG", "NGO", "story")]
    # "International" in the name: no country from the story
    e = _one(_events(events_pipeline, "Pampas Watch International condemned the Argentine government."), "11")
    assert [(a.country, a.sector) for a in e.source] == [(None, "NGO")]


@pytest.mark.slow
def test_a_place_in_a_companys_name_is_its_country(events_pipeline):
    e = _one(_events(events_pipeline, "Shanghai Tarvel Motors Corp criticised the Argentine government."), "11")
    assert [(a.country, a.sector) for a in e.source] == [("CHN", "BUS")]
    assert [a.country_from for a in e.source] == [None]  # its own name says it


@pytest.mark.slow
def test_an_untyped_unknown_name_is_no_actor(events_pipeline):
    evs = _events(events_pipeline, "Tarvel Gorse criticised the Argentine government.")
    assert not [a for e in evs for a in e.source if a.name and "Gorse" in a.name], \
        [(e.cameo, e.source) for e in evs]


@pytest.mark.slow
def test_an_unknown_organisation_speaking_is_a_statements_source(events_pipeline):
    evs = _events(events_pipeline, 'The Pampas Alliance said the Argentine government was "reckless".')
    e = _one(evs, "11")
    assert [(a.country, a.sector) for a in e.source] == [("ARG", "NGO")]
    assert [a.country for a in e.target] == ["ARG"]


@pytest.mark.slow
def test_what_a_name_owns_says_it_is_a_company(events_pipeline):
    sent = "Kolvar's Rosario plant will close next year. The Argentine government criticised Kolvar."
    evs = _events(events_pipeline, sent)
    targets = [(a.name, a.country, a.sector) for e in evs if (e.cameo or "").startswith("11")
               for a in e.target]
    assert ("Kolvar", "ARG", "BUS") in targets, [(e.cameo, e.source, e.target) for e in evs]


@pytest.mark.slow
def test_an_acronym_in_brackets_is_the_name_before_it(events_pipeline):
    sent = ("The Pampas Farmers Alliance (PFA) was founded in May. "
            "The PFA condemned the Argentine government.")
    e = _one(_events(events_pipeline, sent), "11")
    assert [(a.name, a.country, a.sector) for a in e.source] == [("PFA", "ARG", "NGO")]


@pytest.mark.slow
def test_an_unknown_company_speaking_is_placed_by_the_story_and_says_so(events_pipeline):
    evs = _events(events_pipeline, 'Tarvel Motors Corp said the Argentine government was "reckless".')
    e = _one(evs, "11")
    # no word of its name places it: the story's home does, marked as an inference
    assert [(a.country, a.sector, a.country_from) for a in e.source] == [("ARG", "BUS", "story")]
