"""A named person who speaks about another country is not given that country.

The sentence's one country (or the other side's) tells what a speaker talks about, not where
the speaker is from; a person acted on and a generic agent keep the same-country reading."""

from __future__ import annotations

import pytest

from multivector.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str):
    doc = pipeline.analyze_text(text, source="test", title="A forum on the region")
    return doc.events


def test_researcher_accusing_washington_is_not_american(pipeline: Pipeline) -> None:
    text = ("A forum on the region\n\nZhou Minghao, a researcher at a private institute, "
            "spoke at a forum on Tuesday.\n\nHe accused Washington of stirring up unrest "
            "in the region.")
    accusations = [e for e in _events(pipeline, text) if (e.cameo or "").startswith("11")]
    assert accusations, "the accusation is coded"
    ev = accusations[0]
    assert [a.country for a in ev.target] == ["USA"]
    person = [a for a in ev.source if (a.id or "").startswith("PER:")]
    assert person and person[0].country is None


def test_police_keep_the_country_of_the_people_they_detain(pipeline: Pipeline) -> None:
    text = ("Arrests in the capital\n\nPolice detained two Kenyan journalists on Monday.")
    evs = [e for e in _events(pipeline, text) if e.source]
    assert evs
    assert any(a.country == "KEN" for e in evs for a in e.source)


def test_generic_speaker_asking_a_state_is_not_of_that_state(pipeline: Pipeline) -> None:
    """A verbal act of a country-less generic agent towards a state ("the envoy asked Astana")
    says whom the envoy addresses, not where the envoy is from."""
    text = ("Talks on export controls\n\nThe visiting envoy asked Astana to tighten checks "
            "on dual-use goods.")
    asks = [e for e in _events(pipeline, text) if (e.cameo or "").startswith("02")]
    assert asks, "the request is coded"
    assert [a.country for a in asks[0].target] == ["KAZ"]
    assert all(a.country != "KAZ" for a in asks[0].source)


def test_region_named_group_takes_no_other_country(pipeline: Pipeline) -> None:
    """'Central Asian governments' names its region: the other side's country (the United
    States) is not theirs."""
    text = ("Pressure on trade\n\nThe United States urged Central Asian governments to stop "
            "re-exporting machine tools.")
    evs = [e for e in _events(pipeline, text) if e.target]
    assert evs, "the appeal is coded with its addressee"
    targets = [a for e in evs for a in e.target if "Central Asian" in (a.name or "")]
    assert targets, "the governments are the target"
    assert all(a.country != "USA" for a in targets)
