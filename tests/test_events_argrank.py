"""The learned argument ranker (events/argrank.py): its decision rule, its features, the shipped
model, and what it changes in coded events (sentences written for these tests)."""

from __future__ import annotations

import json

import pytest

from multivector.events import argrank
from multivector.events.argrank import Scored, decide


def _c(ps: float, pt: float, rs: bool = False, rt: bool = False, cover=(1,)) -> Scored:
    return Scored(ps, pt, rs, rt, frozenset(cover))


# ------------------------------------------------------------------------------ decide
def test_a_missing_target_is_filled_only_above_the_threshold():
    cands = [_c(0.9, 0.1, rs=True, cover=(0,)), _c(0.1, 0.7, cover=(5,)), _c(0.1, 0.4, cover=(8,))]
    assert decide(cands, {"fill_target": 0.5}, True, False, frozenset({0})) == (None, 1)
    assert decide(cands, {"fill_target": 0.8}, True, False, frozenset({0})) == (None, None)
    # the rules' target is kept when the policy only fills
    assert decide(cands, {"fill_target": 0.5}, True, True, frozenset({0})) == (None, None)


def test_the_target_never_overlaps_the_source_and_an_unresolved_phrase_is_never_chosen():
    # the best target candidate covers the source's words: the next one is taken
    cands = [_c(0.9, 0.95, rs=True, cover=(0, 1)), _c(0.1, 0.6, cover=(4,))]
    assert decide(cands, {"fill_target": 0.5}, True, False, frozenset({0, 1})) == (None, 1)
    # a phrase that resolves to no actor (empty cover) is no candidate: no actor is invented
    cands = [_c(0.9, 0.1, rs=True, cover=(0,)), _c(0.1, 0.99, cover=())]
    assert decide(cands, {"fill_target": 0.5}, True, False, frozenset({0})) == (None, None)


def test_a_missing_source_is_filled_and_its_words_are_not_the_target():
    cands = [_c(0.8, 0.6, cover=(0,)), _c(0.2, 0.55, rt=True, cover=(6,))]
    params = {"fill_source": 0.5, "fill_target": 0.5}
    assert decide(cands, params, False, True, frozenset()) == (0, None)
    assert decide(cands, {"fill_source": 0.9}, False, True, frozenset()) == (None, None)
    # a source filled by a convention (implied) is kept
    assert decide(cands, params, False, False, frozenset(), keep_source=True) == (None, None)


def test_replacing_needs_the_margin_over_the_rules_choice():
    cands = [_c(0.9, 0.1, rs=True, cover=(0,)), _c(0.1, 0.5, rt=True, cover=(3,)),
             _c(0.1, 0.7, cover=(7,))]
    assert decide(cands, {"replace_target": [0.5, 0.1]}, True, True, frozenset({0})) == (None, 2)
    assert decide(cands, {"replace_target": [0.5, 0.3]}, True, True, frozenset({0})) == (None, None)
    assert decide(cands, {"replace_target": [0.5, 0.1]}, True, True, frozenset({0}),
                  keep_target=True) == (None, None)


# ------------------------------------------------------------------------------ model file
def test_the_shipped_model_is_small_and_names_its_policy():
    assert argrank.MODEL_FILE.is_file()
    assert argrank.MODEL_FILE.stat().st_size <= 2_000_000
    data = json.loads(argrank.MODEL_FILE.read_text(encoding="utf-8"))
    assert set(data["weights"]) == {"source", "target"}
    policy = data["meta"]["policy"]
    keys = {"fill_target", "fill_source", "replace_target", "replace_source"}
    assert policy and set(policy) <= keys | {"classifier_only", "patterns_only"}
    assert set(policy.get("classifier_only") or {}) <= keys
    # trained on the PLOVER dev half too: ``eval events --plover --cv`` retrains it per fold
    assert data["meta"]["plover_split"] == "dev" and "PLOVER" in data["meta"]["trained_on"]
    r = argrank.load_ranker()
    assert r is not None and r.params == policy


# ------------------------------------------------------------------------------ features
def test_the_dependency_path_goes_up_to_the_common_head_then_down(nlp):
    doc = nlp("Norway lifted its travel restrictions on visitors from Chile.")
    lifted = next(t for t in doc if t.text == "lifted")
    chile = next(t for t in doc if t.text == "Chile")
    norway = doc[0]
    assert argrank.dep_path(lifted, norway) == ([], ["nsubj"])
    ups, downs = argrank.dep_path(lifted, chile)
    assert ups == [] and downs[-2:] == ["prep:from", "pobj"]
    names = {t.text for t in argrank.candidate_tokens(doc[:], lifted)}
    assert {"Norway", "restrictions", "Chile"} <= names and "lifted" not in names
    # the shipped model: the active subject the rules chose is the source, the state named
    # in the object's "from" phrase rather a target
    r = argrank.load_ranker()
    assert r is not None
    f_src = argrank.features(lifted, norway, 2, {"id": "NOR", "type": "state"}, True, False)
    f_tgt = argrank.features(lifted, chile, 2, {"id": "CHL", "type": "state"}, False, False)
    assert r.proba("source", f_src) > 0.5 > r.proba("target", f_src)
    assert r.proba("target", f_tgt) > r.proba("source", f_tgt)


# ------------------------------------------------------------------------------ coded events
@pytest.mark.slow
def test_a_target_the_rules_missed_is_filled_from_the_sentence(events_pipeline):
    text = "Portugal lifted its ban on fishing boats from Angola."
    evs = events_pipeline.analyze_text(text, date="2024-05-14").events
    ev = next(e for e in evs if e.trigger.startswith("lifted"))
    assert [a.country for a in ev.source] == ["PRT"]
    assert [a.country for a in ev.target] == ["AGO"] and ev.complete
    # the target is a phrase of the sentence, never an invented actor
    t = ev.target[0]
    assert t.start is not None and "Angola" in text[t.start:t.end]


@pytest.mark.slow
def test_the_coder_without_the_ranker_keeps_the_rules_arguments(events_pipeline):
    from multivector.events.coder import EventCoder

    text = "Portugal lifted its ban on fishing boats from Angola."
    doc = events_pipeline.analyze_text(text, date="2024-05-14")
    coder = EventCoder()
    coder.arg_ranker = None
    ev = next(e for e in coder.code(doc) if e.trigger.startswith("lifted"))
    assert not ev.target and not ev.complete


def test_classifier_only_events_get_their_own_policy():
    params = {"fill_source": 0.5, "fill_target": 0.5, "classifier_only": {"fill_target": None}}
    assert argrank.policy_for(params, ["patterns", "classifier"]) is params
    own = argrank.policy_for(params, ["classifier"])
    assert own["fill_source"] == 0.5 and own["fill_target"] is None
    # with no target threshold the model never fills a classifier-only event's target ...
    cands = [_c(0.1, 0.99, cover=(1,)), _c(0.1, 0.1, rs=True, cover=(2,))]
    assert decide(cands, own, True, False, frozenset({2})) == (None, None)
    assert decide(cands, params, True, False, frozenset({2})) == (None, 0)
    # ... and "patterns only" leaves such events alone
    assert argrank.policy_for({"fill_target": 0.5, "patterns_only": True}, ["classifier"]) is None


# ------------------------------------------------------------------------------ agents
def test_a_filled_source_is_never_the_of_complement_of_a_thing():
    # the best source candidate qualifies a thing ("the growth of X"): the next one is taken,
    # or none when it is under the threshold
    cands = [Scored(0.9, 0.1, False, False, frozenset({2}), of_thing=True),
             Scored(0.6, 0.1, False, False, frozenset({7}))]
    assert decide(cands, {"fill_source": 0.5}, False, False, frozenset()) == (1, None)
    assert decide(cands, {"fill_source": 0.7}, False, False, frozenset()) == (None, None)
    # the flag limits filling a source only: the same phrase may still be a target
    cands = [Scored(0.9, 0.1, True, False, frozenset({0})),
             Scored(0.1, 0.8, False, False, frozenset({5}), of_thing=True)]
    assert decide(cands, {"fill_target": 0.5}, True, False, frozenset({0})) == (None, 1)


def test_of_thing_tells_a_things_complement_from_an_actors(nlp):
    doc = nlp("The growth of Uzbekistan and Kazakhstan yields new markets.")
    trig = next(t for t in doc if t.text == "yields")
    by = {t.text: t for t in doc}
    assert argrank.of_thing(by["Uzbekistan"], trig)
    assert argrank.of_thing(by["Kazakhstan"], trig)  # a conjunct counts as its head
    assert not argrank.of_thing(by["growth"], trig)
    # an actor noun or a transparent head: its complement names the actor
    doc = nlp("The government of Kenya and the leadership of Uganda signed a pact.")
    trig = next(t for t in doc if t.text == "signed")
    by = {t.text: t for t in doc}
    assert not argrank.of_thing(by["Kenya"], trig)
    assert not argrank.of_thing(by["Uganda"], trig)
    # under the trigger itself the complement is the act's own argument
    doc = nlp("The attack of the rebels surprised the army.")
    attack = next(t for t in doc if t.text == "attack")
    rebels = next(t for t in doc if t.text == "rebels")
    assert not argrank.of_thing(rebels, attack)
    assert argrank.of_thing(rebels, next(t for t in doc if t.text == "surprised"))
