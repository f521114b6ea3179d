"""An argument's name is its noun phrase: not a time phrase the parser put in front of it, not
the charge of an accusation ("of re-exporting ..."), which would read as part of who acted."""

from __future__ import annotations

import pytest

from multivector.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _names(pipeline: Pipeline, text: str) -> list[str]:
    doc = pipeline.analyze_text(text, source="test", title=None)
    return [a.name or "" for e in doc.events for a in e.source + e.target]


def test_a_leading_time_phrase_is_not_the_agents_name(pipeline: Pipeline) -> None:
    names = _names(pipeline, "Last autumn officials in the Turkish interior ministry threatened "
                             "to expel the foreign journalists.")
    assert any("officials" in n for n in names), names
    assert not any("autumn" in n for n in names), names


def test_the_charge_is_not_part_of_the_accused(pipeline: Pipeline) -> None:
    names = _names(pipeline, "Washington accuses some Central Asian companies of re-selling drones "
                             "to Iran.")
    accused = [n for n in names if "companies" in n]
    assert accused, names
    assert not any("selling" in n or "drones" in n for n in accused), accused


def test_an_allegiance_is_not_a_nationality(pipeline: Pipeline) -> None:
    """'Russian-backed separatists' are aligned with Russia, not Russian: no RUS on them, and
    the allegiance names no country of the event for the other side either."""
    doc = pipeline.analyze_text("Russian-backed separatists shelled army positions near the "
                                "front line on Monday.", source="test", title=None)
    attacks = [e for e in doc.events if e.quad_class == 4]
    assert attacks, [e.trigger for e in doc.events]
    assert all(a.country != "RUS" for e in attacks for a in e.source + e.target)
    # a nationality stays one
    doc = pipeline.analyze_text("Russian troops shelled villages near Kharkiv.", source="test",
                                title=None)
    assert any(a.country == "RUS" for e in doc.events for a in e.source)


def test_allegiance_at_reads_the_words_around_a_name() -> None:
    from multivector.actors.api import allegiance_at

    text = "Iranian-funded militias and pro-Turkish fighters met Syrian officials."
    assert allegiance_at(text, 0, 7)            # Iranian-funded
    assert allegiance_at(text, 32, 39)          # pro-Turkish
    assert not allegiance_at(text, 53, 60)      # Syrian officials
