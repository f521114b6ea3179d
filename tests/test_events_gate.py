"""The learned keep/drop gate over candidate events (events/gate.py): its features, the shipped
model, what the coder does with it and without it, and the training rows' labels (sentences
written for these tests)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from multivector.doc import ActorRef, Event
from multivector.eval.events import GoldEvent, GoldRecord
from multivector.eval.gate_train import right
from multivector.events import gate
from multivector.events.gate import Gate, features


def _ev(**kw) -> Event:
    base = dict(id="e", sentence=0, start=0, end=10, trigger="attacked", plover="ASSAULT",
                cameo="190", source=[ActorRef(id="USA", country="USA")],
                target=[ActorRef(id="IRQ", country="IRQ")], typed_by=["patterns", "classifier"],
                confidence=0.8)
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def _pred(quad: int = 4, p: float = 0.9) -> SimpleNamespace:
    proba = [(1 - p) / 4] * 5
    proba[quad] = p
    return SimpleNamespace(quad=quad, quad_proba=tuple(proba))


# ------------------------------------------------------------------------------ features
def test_features_say_how_the_event_was_typed_and_its_arguments_found():
    f = features(_ev(), _pred(4, 0.9), None, 1, 20)
    assert f["by=classifier+patterns"] == 1.0 and f["root=19"] == 1.0 and f["quad=4"] == 1.0
    assert f["clf_agree=True"] == 1.0 and f["clf_p_event"] == pytest.approx(0.9)
    assert f["src:kind=id"] == 1.0 and f["sides=ST"] == 1.0 and f["complete=True"] == 1.0
    # an implied source whose country comes from the story, no target, the classifier elsewhere
    ev = _ev(source=[ActorRef(country="GBR", sector="COP", method="implied", country_from="story")],
             target=[], complete=False, typed_by=["classifier"])
    g = features(ev, _pred(1, 0.6), None, 3, 40)
    assert g["src:method=implied"] == 1.0 and g["src:from=story"] == 1.0
    assert g["src:kind=country+sector"] == 1.0 and g["sides=S-"] == 1.0
    assert g["clf_agree=False"] == 1.0 and g["nsent=3"] == 1.0 and g["by=classifier"] == 1.0
    # no classifier prediction for the sentence: said so, no classifier numbers
    h = features(_ev(), None, None, 1, 20)
    assert h["clf=none"] == 1.0 and "clf_top" not in h


def test_the_gate_keeps_what_scores_over_its_threshold():
    g = Gate({"bias": 0.0, "by=classifier": -3.0}, 0.3, {})
    keep, p = g.keep(features(_ev(), _pred(), None, 1, 20))
    assert keep and p == pytest.approx(0.5)
    keep, p = g.keep(features(_ev(typed_by=["classifier"]), _pred(), None, 1, 20))
    assert not keep and p < 0.3


# ------------------------------------------------------------------------------ model file
def test_the_shipped_model_is_small_and_says_what_it_was_trained_on():
    assert gate.MODEL_FILE.is_file()
    assert gate.MODEL_FILE.stat().st_size <= 2_000_000
    data = json.loads(gate.MODEL_FILE.read_text(encoding="utf-8"))
    assert 0.0 <= data["threshold"] < 1.0 and "bias" in data["weights"]
    # the PLOVER test half is never a training row of the shipped model
    assert data["meta"]["plover_split"] == "dev"
    assert gate.load_gate() is not None


# ------------------------------------------------------------------------------ coder
@pytest.mark.slow
def test_every_emitted_event_carries_the_gate_probability_and_the_setting_turns_it_off(events_pipeline):
    from multivector.events.coder import EventCoder

    text = "Russian troops shelled the Ukrainian city of Kharkiv on Monday."
    doc = events_pipeline.analyze_text(text, date="2024-05-14")
    evs = EventCoder().code(doc)
    assert evs and all(e.gate_probability is not None for e in evs)
    # without a gate every candidate is emitted, with no probability
    off = EventCoder(use_gate=False).code(doc)
    assert {e.cameo for e in evs} <= {e.cameo for e in off}
    assert all(e.gate_probability is None for e in off)
    # a gate that drops everything: nothing is emitted, every candidate's features are kept
    coder = EventCoder()
    coder.gate = Gate({"bias": -30.0}, 0.5, {})
    assert coder.code(doc) == [] and len(coder.gate_features) == len(off)


def test_the_events_setting_builds_a_coder_without_the_gate():
    from multivector.config import Config

    assert Config().settings("events").gate is True
    assert Config().with_settings("events", gate=False).settings("events").gate is False


# ------------------------------------------------------------------------------ labels
def test_a_candidate_is_right_when_a_triple_matches_as_the_scorer_matches():
    rec = GoldRecord("1", "", None, [GoldEvent(["USAGOV"], ["IRQ"], "ASSAULT", "190")])
    assert right(_ev(), rec, "plover") and right(_ev(), rec, "petrarch")
    # wrong type, wrong target, no gold event at all
    assert not right(_ev(plover="COERCE", cameo="170"), rec, "plover")
    assert not right(_ev(target=[ActorRef(id="SYR", country="SYR")]), rec, "petrarch")
    assert not right(_ev(), GoldRecord("2", "", None, []), "petrarch")
    # a target-less gold event matches a target-less candidate only
    rec2 = GoldRecord("3", "", None, [GoldEvent(["USA"], [], "ASSAULT", "190")])
    assert right(_ev(target=[]), rec2, "petrarch") and not right(_ev(), rec2, "petrarch")


# ------------------------------------------------------------------------------ fitting
def _rows(n: int) -> list:
    """Sentences whose candidates are right exactly when they carry feature "good"."""
    from multivector.eval.gate_train import Row

    rows = []
    for i in range(n):
        good = i % 3 != 0
        rows.append(Row("plover", f"sentence {i}", GoldRecord(str(i), f"s{i}", None),
                        [_ev()], [{"bias": 1.0, "good": 1.0} if good else {"bias": 1.0, "bad": 1.0}],
                        [good]))
    return rows


def test_the_fit_learns_a_separating_feature_and_is_deterministic():
    from multivector.eval import gate_train

    rows = _rows(60)
    w = gate_train.fit(rows)
    assert w["good"] > 0 > w["bad"]
    assert gate_train.fit(rows) == w
    # a feature seen in fewer candidates than MIN_COUNT carries no weight
    rare = rows + _rows(1)
    rare[-1].feats = [{"bias": 1.0, "once": 1.0}]
    assert "once" not in gate_train.fit(rare)


def test_out_of_fold_probabilities_come_from_models_that_did_not_see_the_row():
    from multivector.eval import gate_train

    rows = _rows(60)
    probs = gate_train.out_of_fold(rows)
    assert [len(p) for p in probs] == [1] * 60
    good = [p[0] for r, p in zip(rows, probs) if r.labels[0]]
    bad = [p[0] for r, p in zip(rows, probs) if not r.labels[0]]
    assert min(good) > max(bad)
    # a row whose label contradicts every other row's is scored by models that never saw it
    flipped = _rows(60)
    flipped[1].labels = [False]
    assert gate_train.out_of_fold(flipped)[1][0] > 0.5
