"""An act announced for later is not an act that happened: "is due to", "is to" and a verb of
taking part ("will take part in talks", "is to join X in talks") give the act noun or verb their
modality, as "will" and "plans to" always did. Sentences written for this test; each future has
an asserted twin, so the test fails both when a future is missed and when everything is future."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

CASES = [
    ("Iran will take part in talks with Germany on Friday.", "future"),
    ("Iran took part in talks with Germany on Friday.", "asserted"),
    ("Iran will participate in talks with Germany on Friday.", "future"),
    ("Iran participated in talks with Germany on Friday.", "asserted"),
    ("Iran is due to take part in talks with Germany on Friday.", "future"),
    ("Iran is due to visit Germany on Friday.", "future"),
    ("Iran visited Germany on Friday.", "asserted"),
    ("Iran is to visit Germany on Friday.", "future"),
    ("Iran is to join Germany in talks with France.", "future"),
    ("Iran joined Germany in talks with France.", "asserted"),
    ("Iran is due to sign the treaty with Germany.", "future"),
]


@pytest.mark.parametrize("text,modality", CASES)
def test_announced_acts_are_future(events_pipeline, text, modality):
    doc = events_pipeline.analyze_text(text, date="2024-05-14")
    evs = [e for e in doc.events if e.source and e.source[0].country == "IRN"]
    assert evs, [(e.cameo, e.trigger) for e in doc.events]
    assert {e.modality for e in evs} == {modality}, [(e.cameo, e.trigger, e.modality) for e in evs]


# An act someone else wants, hopes for or expects is future, and it is no intent of its actor:
# "Germany wants to see a withdrawal of Iranian troops" is not Iran's intent to withdraw (CAMEO
# 035), nor "Turkey expects Iran to withdraw". The actor's own plan stays its intent.
WANTED = [
    ("Germany wants to see a withdrawal of Iranian troops from Syria.", "future", "0872"),
    ("Iranian troops began a withdrawal from Syria.", "asserted", "0872"),
    ("Turkey expects Iran to withdraw its troops from Syria.", "future", "0872"),
    ("Iran plans to withdraw its troops from Syria.", "future", "035"),
    ("The Iranian government hopes to withdraw its troops from Syria.", "future", "035"),
    ("Iran withdrew its troops from Syria.", "asserted", "0872"),
]


@pytest.mark.parametrize("text,modality,cameo", WANTED)
def test_wanted_acts_are_future_and_not_intents(events_pipeline, text, modality, cameo):
    doc = events_pipeline.analyze_text(text, date="2024-05-14")
    evs = [e for e in doc.events if e.source and e.source[0].country == "IRN"]
    assert evs, [(e.cameo, e.trigger) for e in doc.events]
    assert {(e.modality, e.cameo) for e in evs} == {(modality, cameo)}, \
        [(e.cameo, e.trigger, e.modality) for e in evs]
