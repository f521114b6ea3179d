"""Whom an attack on a thing is aimed at (sentences written for these tests): the thing's
owner or user named by a passive participle ("a camp used by Hamas", "positions held by
Kurdish fighters") and the state a located thing is in ("a convoy in northern Mali"), when
the attack names no actor itself. Before, such attacks had no target: the pattern's event was
dropped or left to an implied, incomplete target."""

from __future__ import annotations

import pytest


def code(events_pipeline, text, date="2024-03-14"):
    return events_pipeline.analyze_text(text, date=date).events


def show(evs):
    return [(e.cameo, e.trigger, [a.get("name") for a in e.source],
             [a.get("name") for a in e.target], e.complete) for e in evs]


def assaults(evs):
    return [e for e in evs if e.plover == "ASSAULT"]


@pytest.mark.slow
def test_the_user_of_an_attacked_thing_is_the_target(events_pipeline):
    for text, src, tgt in (
            ("Israeli jets bombed a camp used by Hamas militants.", "ISR", "Hamas"),
            ("Turkish warplanes struck positions held by Kurdish fighters.", "TUR", "Kurdish")):
        evs = assaults(code(events_pipeline, text))
        assert evs, (text, show(evs))
        e = evs[0]
        assert e.complete, show(evs)
        assert any(a.get("country") == src for a in e.source), show(evs)
        assert any(tgt in (a.get("name") or "") for a in e.target), show(evs)
        assert not any(a.get("country") == src and not a.get("sector") for a in e.target), show(evs)


@pytest.mark.slow
def test_an_attacked_thing_stands_for_the_state_it_is_in(events_pipeline):
    evs = assaults(code(events_pipeline, "Islamist militants ambushed a convoy in northern Mali."))
    assert evs, show(evs)
    e = evs[0]
    assert e.cameo == "193" and e.complete, show(evs)  # the ambush itself, not a guess
    assert [a.get("country") for a in e.target] == ["MLI"], show(evs)


@pytest.mark.slow
def test_a_by_phrase_of_a_thing_given_is_no_target(events_pipeline):
    # only attacks read the thing's user as the target: aid "funded by the EU" goes to
    # nobody the by-phrase names
    evs = code(events_pipeline, "Japan delivered vehicles funded by the European Union.")
    assert not any(a.get("id") == "IGO:EU" or "European Union" in (a.get("name") or "")
                   for e in evs for a in e.target), show(evs)
