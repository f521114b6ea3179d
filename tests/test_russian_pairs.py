"""The RuSentRel pair model: per-class decision rule, old model files, deterministic training
weighted by article, and the shipped model matching its training script's output format."""

from __future__ import annotations

import json

import numpy as np

from multivector.lang.ru.pairs import MODEL_FILE, PairFeatures, PairModel, decide, fit, probabilities


def _logits(rows: list[tuple[float, float, float]]) -> np.ndarray:
    return np.log(np.array(rows))


def test_decide_per_class_threshold_and_top():
    z = _logits([(0.2, 0.7, 0.1), (0.5, 0.1, 0.4), (0.6, 0.3, 0.1), (0.9, 0.05, 0.05)])
    # pos needs 0.5 and takes no top-k; neg takes its single most probable pair whatever it is
    assert decide(z, (0.5, 0.99), (0.0, 0.0)) == ["pos", "none", "none", "none"]
    labs = decide(z, (0.5, 0.99), (0.0, 0.5))  # top 0.5 * sqrt(4 pairs) = 1 neg pair
    assert labs == ["pos", "neg", "none", "none"]
    # a pair is never given the class that is less probable than the other one
    assert decide(z, (0.01, 0.01), (0.0, 0.0)) == ["pos", "neg", "pos", "pos"]  # a tie: pos


def test_old_model_file_one_rule_for_both_classes(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"features": ["bias"], "weights": [[0, 0, 0]],
                                "threshold": 0.2, "top": 2}), encoding="utf-8")
    m = PairModel.load(path)
    assert m.threshold == (0.2, 0.2) and m.top == (2.0, 2.0)


def _toy() -> tuple[list[PairFeatures], list[str]]:
    pairs, labels = [], []
    for i in range(30):
        lab = ("none", "pos", "neg")[i % 3]
        feats = {"bias": 1.0, "cue_pos": 1.0 if lab == "pos" else 0.0,
                 "cue_neg": 1.0 if lab == "neg" else 0.0, f"noise{i % 4}": 1.0}
        pairs.append(PairFeatures(f"a{i}", f"b{i}", feats))
        labels.append(lab)
    return pairs, labels


def test_fit_learns_cues_deterministically_and_weights_articles():
    pairs, labels = _toy()
    m1 = fit(pairs, labels, epochs=100)
    m2 = fit(pairs, labels, epochs=100)
    assert np.array_equal(m1.weights, m2.weights)
    probe = [PairFeatures("x", "y", {"bias": 1.0, "cue_neg": 1.0})]
    assert probabilities(m1.logits(probe))[0].argmax() == 2
    # a mislabelled pair with weight zero changes (almost) nothing; with full weight it does
    bad = PairFeatures("p", "q", {"bias": 1.0, "cue_neg": 1.0, "noise0": 1.0})
    w = np.ones(len(pairs) + 1)
    w[-1] = 0.0
    m3 = fit(pairs + [bad], labels + ["pos"], epochs=100, sample_weight=w)
    m5 = fit(pairs + [bad], labels + ["pos"], epochs=100)
    assert np.allclose(m3.weights, m1.weights, atol=0.05)
    assert not np.allclose(m5.weights, m1.weights, atol=0.05)


def test_shipped_model_has_a_per_class_rule_and_its_script():
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert raw["meta"]["script"] == "scripts/train_rusentrel.py"
    assert len(raw["threshold"]) == 2 and len(raw["top"]) == 2
    m = PairModel.load()
    assert m.weights.shape == (len(m.features), 3)
