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
