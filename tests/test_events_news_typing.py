"""Event typing on news-like text: mapping decisions, light-verb and noun events, headline
futures (sentences written for these tests)."""

from __future__ import annotations

import pytest

from multivector.events.ontology import ontology


def code(events_pipeline, text, date="2024-03-14"):
    return events_pipeline.analyze_text(text, date=date).events


def test_imposed_sanctions_are_a_sanction_as_the_plover_manual_says():
    # the 2021 conversion table maps CAMEO 163 to COERCE; the manual's SANCTION section codes
    # international sanctions as SANCTION `discontinue' (so does PLOVER 0.5b1)
    c = ontology().cameo_code("163")
    assert c is not None and c.plover == "SANCTION" and c.mode == "discontinue"
    assert ontology().plover_for_cameo("173") == "COERCE"  # arrests stay coercion


@pytest.mark.slow
def test_sanctions_on_a_state_code_sanction(events_pipeline):
    evs = code(events_pipeline, "Norway imposed sanctions on two Belarusian banks on Monday.")
    e = [x for x in evs if x.cameo == "163"]
    assert e and e[0].plover == "SANCTION", [(x.cameo, x.plover) for x in evs]
    assert [t["country"] for t in e[0].target] == ["BLR"]
