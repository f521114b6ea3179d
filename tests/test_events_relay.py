"""Relaying someone's words ("Kazinform quotes X as saying", "according to X") is attribution,
never an event between the outlet and the speaker, and never an event of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from multivector.pipeline import Pipeline

TEXT = (
    "Border checks tighten\n\n"
    "Customs officer Daniyar Seitkali is quoted by the agency Kazinform as saying that more than "
    "a hundred lorries bound for Russia had been turned back at the border this month.\n\n"
    "A second outlet, the Astana Evening Courier, quotes Seitkali as saying that the government "
    "should publish the list of rejected cargoes.\n\n"
    "According to him, Russian officials listened to the complaints but promised nothing.\n\n"
    "Money sent home from Russia equals about a fifth of the country's output, according to "
    "the National Bank of Kyrgyzstan."
)


@pytest.fixture(scope="module")
def events():
    doc = Pipeline().analyze_text(TEXT, source="test-relay", title=None)
    return doc.events


def test_quoting_is_no_event(events) -> None:
    assert events is not None
    triggers = [(e.trigger or "").lower() for e in events]
    assert not [t for t in triggers if t.startswith("quote")], triggers


def test_according_to_is_no_trigger(events) -> None:
    triggers = [(e.trigger or "").lower() for e in events]
    assert "according" not in triggers, triggers


def test_according_to_is_no_trigger_in_a_wire() -> None:
    """A wire of our examples with three 'according to' attributions the classifier read as
    agreements (CAMEO 08, the dictionary's sense of 'accord')."""
    path = Path(__file__).resolve().parents[1] / "examples" / "04_wire_kyrgyzstan_labour_migration.txt"
    doc = Pipeline().analyze_text(path.read_text(encoding="utf-8"), source="wire-04", title=None)
    assert doc.events
    assert "according" not in [(e.trigger or "").lower() for e in doc.events]
