"""Which classifier-typed events are emitted (typed.CLASSIFIER_TARGETLESS): a classifier-only
event that has no target once the implied targets are filled is a class, not a dyad, so it is
not emitted; it stays context for later sentences (sentences written for these tests)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# several countries (no implied domestic target) and an arrest whose patients name no actor:
# only the classifier types the arrest, and it finds no target ("men" would be civilians)
TARGETLESS = ("Kazakhstan and Uzbekistan signed a water accord. Russia and China welcomed it. "
              "Police detained four suspects in a raid on a warehouse on Tuesday.")


def _arrests(doc):
    return [e for e in doc.events if e.sentence == 2]


def test_a_targetless_classifier_only_event_is_not_emitted(events_pipeline, monkeypatch):
    monkeypatch.setattr("multivector.events.coder.CLASSIFIER_TARGETLESS", True)
    kept = _arrests(events_pipeline.analyze_text(TARGETLESS, source="t1.txt"))
    # the event the rule removes: classifier-only, no target
    assert kept and all(e.typed_by == ["classifier"] and not e.target for e in kept), kept
    monkeypatch.setattr("multivector.events.coder.CLASSIFIER_TARGETLESS", False)
    assert _arrests(events_pipeline.analyze_text(TARGETLESS, source="t2.txt")) == []


def test_a_classifier_only_event_with_a_target_is_still_emitted(events_pipeline):
    # "refused to remove sanctions on Armenia": no pattern lists the complement; the
    # classifier types the refusal and the complement names its target
    doc = events_pipeline.analyze_text("The Turkish parliament refused to remove sanctions on "
                                       "Armenia.", date="2024-05-14")
    ev = [e for e in doc.events if e.typed_by == ["classifier"]]
    assert ev and [a.id for a in ev[0].target] == ["ARM"]


def test_pattern_events_without_a_target_are_still_emitted(events_pipeline):
    # the rule is about the classifier's own events: a pattern's source-only act stays
    doc = events_pipeline.analyze_text("Uganda's president visited Nairobi last week. "
                                       "Kenya's parliament rejected the budget on Tuesday.",
                                       source="p.txt")
    e = [x for x in doc.events if x.plover == "REJECT"]
    assert e and not e[0].target and "patterns" in e[0].typed_by


# a pattern event (praise, class 1) beside a clause the classifier reads as material conflict
BESIDE = "Russia praised Serbia on Monday as a car bomb killed twelve people near the market in Kosovo."


def _loose_calls(events_pipeline, monkeypatch, beside: bool, source: str) -> list:
    from multivector.events.coder import EventCoder

    calls: list = []
    original = EventCoder._loose_event

    def spy(self, doc, sent, resolver, pred, question, emitted):
        calls.append(pred.quad)
        return original(self, doc, sent, resolver, pred, question, emitted)

    monkeypatch.setattr(EventCoder, "_loose_event", spy)
    monkeypatch.setattr("multivector.events.coder.CLASSIFIER_LOOSE_BESIDE", beside)
    doc = events_pipeline.analyze_text(BESIDE, source=source)
    assert any(e.plover == "SUPPORT" and "patterns" in e.typed_by for e in doc.events), doc.events
    return calls


def test_the_loose_path_is_only_for_a_sentence_where_no_event_formed(events_pipeline, monkeypatch):
    # the classifier prefers another class than the praise's, no frame of that class forms:
    # the loose path was tried beside the praise; now it is not (typed.CLASSIFIER_LOOSE_BESIDE)
    assert _loose_calls(events_pipeline, monkeypatch, True, "b1.txt") == [4]
    assert _loose_calls(events_pipeline, monkeypatch, False, "b2.txt") == []
    # a sentence with no other event still gets its loose event
    evs = events_pipeline.analyze_text("A car bomb killed twelve people near the market on Monday.",
                                       date="2024-03-14").events
    assert any(e.typed_by == ["classifier"] and e.plover == "ASSAULT" for e in evs), evs
