"""A title makes a person's name even when the name spells a place: "Mr Hague" is a person, not
the Dutch government (The Hague as a metonym), and "Mr Sudan" is not Sudan. Sentences written
for this test; each has a twin where the same word is the place, so the test fails both when
the title is ignored and when every such word stops being a place."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _ids(doc, word):
    return {m.actor_id for m in doc.mentions if m.text.split()[-1] == word}


def test_title_before_a_place_name_is_a_person(events_pipeline):
    doc = events_pipeline.analyze_text("Mr Hague said the government had failed to act.")
    ids = _ids(doc, "Hague")
    assert ids and not any(i and i.startswith("NLD") for i in ids), ids


def test_place_without_a_title_stays_a_place(events_pipeline):
    doc = events_pipeline.analyze_text("The talks in The Hague ended without a deal.")
    assert any(i and i.startswith("NLD") for i in _ids(doc, "Hague")), _ids(doc, "Hague")


def test_title_before_a_country_name(events_pipeline):
    doc = events_pipeline.analyze_text("Mrs Jordan met Mr Sudan in Paris.")
    assert "SDN" not in _ids(doc, "Sudan")
    doc = events_pipeline.analyze_text("Egypt sent aid to Sudan in March.")
    assert "SDN" in _ids(doc, "Sudan")
