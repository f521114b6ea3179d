"""A decided act is the act (sentences written for these tests): "decided to expel", "has
decided to send aid" report a decision taken, coded as the act itself as event data code it
(PETRARCH codes the complement's verb; the PLOVER GSR codes "decided to allow X to run" as
the concession), not as an intention ("plans to", "intends to" stay future)."""

from __future__ import annotations

import pytest


def code(events_pipeline, text, date="2024-03-14"):
    return events_pipeline.analyze_text(text, date=date).events


def show(evs):
    return [(e.cameo, e.plover, e.trigger, e.modality, [a.get("country") for a in e.source],
             [a.get("country") for a in e.target]) for e in evs]


@pytest.mark.slow
def test_a_decided_act_is_asserted(events_pipeline):
    for text, plover in (("Poland decided to expel two Russian diplomats on Monday.", "SANCTION"),
                         ("Japan has decided to send aid to Indonesia.", "AID")):
        evs = code(events_pipeline, text)
        acts = [e for e in evs if e.plover == plover]
        assert acts and acts[0].modality == "asserted", (text, show(evs))
        # the decision verb is no act of its own beside it
        assert not [e for e in evs if e.trigger.split()[0] == "decided"], (text, show(evs))


@pytest.mark.slow
def test_a_planned_act_stays_future(events_pipeline):
    evs = code(events_pipeline, "Japan plans to send aid to Indonesia.")
    assert evs and all(e.modality == "future" for e in evs), show(evs)
    assert not [e for e in evs if e.plover == "AID"], show(evs)  # an intention: AGREE
