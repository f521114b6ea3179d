"""Type first, then fill arguments: classifier-typed events, generic agents, claims, attribution,
complete flags (sentences written for these tests)."""

from __future__ import annotations

import pytest

from multivector.events.classifier import quad_of_cameo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipe():
    from multivector.pipeline import Pipeline

    return Pipeline(stages=["events"])


def code(pipe, text, date="2024-03-14"):
    return pipe.analyze_text(text, date=date).events


def test_generic_agents_get_their_sector(pipe):
    evs = code(pipe, "Militants ambushed a police patrol outside the town.")
    e = [x for x in evs if quad_of_cameo(x.cameo) == 4]
    assert e, evs
    assert e[0].source[0]["sector"] == "REB" and e[0].source[0]["country"] is None
    assert e[0].target[0]["sector"] == "COP" and e[0].complete


def test_claimed_clause_is_claimed_and_gives_the_claimants_accusation(pipe):
    evs = code(pipe, "Armenia claimed that Azerbaijani troops shelled Armenian villages.")
    attack = [e for e in evs if quad_of_cameo(e.cameo) == 4]
    assert attack and attack[0].modality == "claimed"
    acc = [e for e in evs if e.cameo == "112"]
    assert acc, [(e.cameo, e.trigger) for e in evs]
    assert acc[0].source[0]["country"] == "ARM" and acc[0].target[0]["country"] == "AZE"
    assert acc[0].modality == "asserted" and acc[0].typed_by


def test_attributed_news_fact_stays_asserted(pipe):
    evs = code(pipe, "Sudanese troops attacked rebel positions in Darfur, the army said.")
    e = [x for x in evs if quad_of_cameo(x.cameo) == 4]
    assert e and e[0].modality == "asserted"


def test_sports_sentence_gives_no_event(pipe):
    assert code(pipe, "Arsenal beat Chelsea two goals to one on Saturday.") == []
    assert code(pipe, "The film earned twenty million dollars in its first weekend.") == []


def test_classifier_event_when_no_pattern_fires(pipe):
    from multivector.events.coder import EventCoder
    from multivector.pipeline import Pipeline

    text = "Ecuador expelled the Colombian ambassador after the border raid."
    bare = Pipeline(stages=["quotes"]).analyze_text(text, date="2024-03-14")
    with_clf = EventCoder().code(bare)
    assert with_clf and all(0 < e.confidence <= 1 and e.typed_by for e in with_clf)
    assert any(quad_of_cameo(e.cameo) in (3, 4) for e in with_clf)
