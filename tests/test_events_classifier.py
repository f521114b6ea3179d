"""The event sentence classifier: the shipped model file, its predictions on sentences we wrote,
typing with the patterns (typed_by, confidence, complete), and the ConfliBERT evaluators."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from multivector.events.classifier import (
    MODEL_NAME,
    LinearHead,
    default_model_path,
    fingerprint,
    hash_features,
    load_classifier,
    quad_of_cameo,
    quad_of_root,
)
from multivector.events.typed import pattern_confidence, posterior


def test_quad_classes_follow_the_conflibert_split():
    assert [quad_of_root(r) for r in ("01", "02", "03", "05", "06", "08", "09", "13", "14", "20")] \
        == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert quad_of_root("21") is None and quad_of_cameo("903") is None
    assert quad_of_cameo("1123") == 3 and quad_of_cameo("0311") == 1
    # as the ConfliBERT annotators label: reduced relations (sanctions, aid cuts, expulsions)
    # are verbal conflict; protests and force posture material conflict
    assert [quad_of_cameo(c) for c in ("163", "1662", "160", "145", "150", "173")] == [3, 3, 3, 4, 4, 4]


def test_model_file_is_small_and_holds_no_sentence():
    path = default_model_path()
    assert path.name == MODEL_NAME and path.is_file()
    assert path.stat().st_size <= 20 * 1024 * 1024
    clf = load_classifier()
    meta = clf.meta
    # lexicon keys are lemmas or lemma|object pairs; fingerprints are 12 hex digits
    assert all(" " not in k for k in meta["cameo_verbs"])
    assert all(len(f) == 12 and int(f, 16) >= 0 for f in meta["train_fingerprints"])
    strings = [s for s in json.dumps(meta).split('"') if len(s.split()) >= 6]
    assert strings == [], strings[:3]  # nothing sentence-like is stored
    assert meta["cv"]["quad_macro_f1"] >= 0.75
    assert clf.quad.index.dtype == np.int64 and np.all(np.diff(clf.quad.index) > 0)


def test_linear_head_ignores_unseen_buckets_and_sums_seen_ones():
    head = LinearHead(("0", "1"), np.array([3, 7], dtype=np.int64),
                      np.array([[0.0, 2.0], [1.0, 0.0]], dtype=np.float32),
                      np.zeros(2, dtype=np.float32))
    p = head.proba(np.array([3, 5, 9], dtype=np.int64))
    assert p[1] > p[0] and abs(p.sum() - 1) < 1e-9
    assert np.allclose(head.proba(np.array([], dtype=np.int64)), [0.5, 0.5])
    b = hash_features(["l:attack", "l:attack", "v:meet"], 20)
    assert len(b) == 2 and b.dtype == np.int64  # deduplicated, stable


def test_fingerprint_folds_case_and_spacing():
    assert fingerprint("The  army  shelled the town.") == fingerprint("the army shelled the town")
    assert fingerprint("a b") != fingerprint("a c")


def test_posterior_combines_pattern_and_classifier():
    from multivector.events.classifier import Prediction

    agree = Prediction(4, (0.02, 0.02, 0.02, 0.04, 0.9), "19", 0.5)
    assert posterior(agree, 4, 0.9)[4] > 0.98
    disagree = Prediction(1, (0.02, 0.9, 0.02, 0.04, 0.02), "04", 0.5)
    low = pattern_confidence(disagree, 4, ["patterns"], True)
    assert low < 0.5 < pattern_confidence(agree, 4, ["patterns", "classifier"], True)
    assert pattern_confidence(agree, 4, ["patterns"], False) < pattern_confidence(agree, 4, ["patterns"], True)


@pytest.mark.slow
@pytest.mark.parametrize("text,quad", [
    ("Government artillery shelled the rebel-held town overnight, killing twelve civilians.", 4),
    ("The foreign ministers of Chile and Peru held talks in Lima on the border dispute.", 1),
    ("The opposition party accused the interior minister of rigging the local elections.", 3),
    ("Japan gave Pakistan emergency food aid after the floods.", 2),
    ("The UN urged both sides to show restraint.", 0),
])
def test_classifier_on_sentences_we_wrote(nlp, text, quad):
    clf = load_classifier()
    pred = clf.predict(nlp(text))
    assert pred.quad == quad, pred
    assert abs(sum(pred.quad_proba) - 1) < 1e-6 and 0 < pred.confidence <= 1
    assert pred.root is None or quad_of_root(pred.root) == quad


@pytest.mark.slow
def test_events_carry_typed_by_confidence_and_complete(pipeline):
    from multivector.text.clean import make_document

    text = ("Nigerian soldiers stormed a militant camp in Borno state on Monday. "
            "The Kenyan government condemned the Ethiopian incursion.")
    docs, _ = pipeline.process([make_document(text, source="t:typed", date="2024-03-04")])
    evs = docs[0].events
    assert evs, "no event coded"
    for e in evs:
        assert e.typed_by and set(e.typed_by) <= {"patterns", "verb-dictionary", "classifier"}
        assert 0 < e.confidence <= 1
        assert e.complete == bool(e.source and e.target)
    assert any(quad_of_cameo(e.cameo) == 4 for e in evs if e.sentence == 0)
    assert any(quad_of_cameo(e.cameo) == 3 for e in evs if e.sentence == 1)


@pytest.mark.slow
def test_eval_conflibert_on_a_file_we_wrote(tmp_path):
    from multivector.cli import app

    tsv = tmp_path / "q.tsv"
    tsv.write_text(
        "Rebels ambushed an army convoy near the northern border, killing four soldiers.\t4\n"
        "The two presidents signed a trade agreement in Hanoi.\t1\n"
        "Norway froze its development aid to the government of Somalia.\t3\n"
        "The ministry called on both parties to return to the negotiating table.\t0\n",
        encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "events", "--conflibert", str(tsv), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output.strip().splitlines()[-1])
    assert out["sentences"] == 4 and out["cross_validated"] is False
    assert set(out) >= {"accuracy", "macro_f1", "per_class", "confusion"}
    assert sum(map(sum, out["confusion"])) == 4
    assert out["per_class"]["4"]["support"] == 1
    assert out["accuracy"] >= 0.5

    bio = tmp_path / "a.txt"
    bio.write_text("Rebels B-S\nambushed B-R\nan O\narmy B-T\nconvoy I-T\n. O\n\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "events", "--conflibert-args", str(bio), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output.strip().splitlines()[-1])
    assert {"source_f1", "target_f1", "trigger_f1"} <= set(out)
    assert out["trigger_f1"] == 1.0

    # R spans on both parties of a meeting (the shared file's reading): reciprocal_f1
    bio.write_text("Kazakhstan B-R\nand I-R\nUzbekistan I-R\nsigned O\na O\ntreaty O\n. O\n\n",
                   encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "events", "--conflibert-args", str(bio), "--json"])
    out = json.loads(res.output.strip().splitlines()[-1])
    assert out["trigger_f1"] == 0.0
    assert out["reciprocal_precision"] == 1.0 and out["reciprocal_recall"] >= 2 / 3


def test_shipped_model_matches_the_pattern_dictionary():
    """The roots of patterns.yaml are classifier features: a model trained with another
    dictionary sees other inputs at inference. The model stores the roots it was trained with
    (and uses them); when patterns.yaml moves on, retrain:
    PYTHONPATH=src .venv/bin/python scripts/train_event_classifier.py"""
    clf = load_classifier()
    assert clf.meta.get("pattern_roots_digest"), "model without pattern roots: retrain"
    assert not clf.stale_patterns(), "patterns.yaml changed since the model was trained: retrain"
    assert clf.lex.patterns == {k: tuple(v) for k, v in clf.meta["pattern_roots"].items()}


def test_stored_pattern_roots_are_the_inference_features():
    from multivector.events.classifier import EventClassifier, roots_digest

    head = LinearHead(("0", "1"), np.array([1], dtype=np.int64),
                      np.zeros((1, 2), dtype=np.float32), np.zeros(2, dtype=np.float32))
    meta = {"bits": 20, "pattern_roots": {"shell|verb": ["19"]},
            "pattern_roots_digest": roots_digest({"shell|verb": ["19"]})}
    clf = EventClassifier(meta, head, None)
    assert clf.lex.patterns == {"shell|verb": ("19",)}
    assert clf.stale_patterns()  # not the packaged dictionary's roots
    assert roots_digest({"a|verb": ("01", "02")}) == roots_digest({"a|verb": ["02", "01"]})


def test_training_sources_never_include_held_out_sentences(tmp_path):
    """The PETRARCH records and the PLOVER test half are scored as unseen: no training source
    may hold them, nor a near-copy (the codebook's examples are the GSR's sentences)."""
    from multivector.eval.events import GoldRecord, split_of
    from multivector.events import classifier_train as ct

    def half(t: str) -> str:
        return split_of(GoldRecord(id="", text=t, date=None, events=[]))

    pool = [f"Border guards of {n} opened fire on a fishing boat near the northern coast."
            for n in ("Arden", "Belmor", "Corvia", "Dunmark", "Estria", "Falkreach", "Gondal",
                      "Harrow", "Ilvania", "Jorvik")]
    dev = next(t for t in pool if half(t) == "dev")
    test = next(t for t in pool if half(t) == "test")
    rec = [{"id": f"x{i}", "event": "ASSAULT", "text": t} for i, t in enumerate((dev, test))]
    (tmp_path / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(rec), encoding="utf-8")
    near = test.replace("fishing boat", "trawler")  # opens like a test-half sentence
    (tmp_path / "cameo-codes.csv").write_text(
        '"code","example"\n"190","The militia shelled the harbour of Arden. "\n'
        f'"190","{near} "\n', encoding="utf-8")
    got = ct.extra_examples(tmp_path, ["codebook", "plover-dev"])
    texts = [e.text for e in got]
    assert dev in texts and test not in texts and near not in texts
    assert "The militia shelled the harbour of Arden." in texts
    with pytest.raises(ValueError):
        ct.extra_examples(tmp_path, ["petrarch"])
    with pytest.raises(ValueError):
        ct.assert_not_held_out([ct.Example(test, 4)], tmp_path)


def test_shipped_model_never_trained_on_held_out_sentences(shared_dir):
    from multivector.events import classifier_train as ct

    fps, _ = ct.held_out_keys(shared_dir / "eval" / "events")
    assert fps, "no held-out sentences found"
    seen = set(load_classifier().meta["train_fingerprints"])
    assert not fps & seen


@pytest.mark.slow
def test_a_sense_hints_only_where_its_frame_holds(nlp):
    """A lemma with senses of several classes: each sense's root is a hint feature only when
    its frame (object, particle, preposition) is in the sentence, so a sense added for one
    construction does not move the classifier on every use of the lemma."""
    from multivector.events.classifier import Lexicons, features

    lex = Lexicons({}, {}, {}, senses={"call|verb": (
        ("08", {"particle": ["off"], "object": ["strike"]}),
        ("02", {"prep_object": ["for"]}),
        ("01", {}))})
    off = features(nlp("The dockers' union called off the strike on Monday."), lex)
    for_ = features(nlp("The ministers called for a ceasefire in the region."), lex)
    bare = features(nlp("The minister called the ambassador late on Friday."), lex)
    assert {"pt:08", "ptc:08", "pt:01"} <= set(off) and "pt:02" not in off
    assert {"pt:02", "ptc:02", "pt:01"} <= set(for_) and "pt:08" not in for_
    assert "pt:01" in bare and not {"pt:08", "pt:02", "ptc:08"} & set(bare)
    # older model files (no senses stored): every root of the lemma, as before
    legacy = Lexicons({}, {}, {"call|verb": ("01", "02", "08")})
    assert {"pt:01", "pt:02", "pt:08"} <= set(features(nlp("The minister called the envoy."), legacy))


def test_shipped_model_stores_the_senses_with_their_frames():
    from multivector.events.classifier import pattern_senses, senses_digest

    clf = load_classifier()
    senses = clf.meta["pattern_senses"]
    assert senses == pattern_senses() and clf.meta["pattern_senses_digest"] == senses_digest(senses)
    # a conditioned sense keeps its frame, and the inference lexicon is the stored one
    assert any(cond.get("object") for rows in senses.values() for _, cond in rows)
    assert clf.lex.senses and set(clf.lex.senses) == set(senses)


def test_temperature_is_a_continuous_fit_and_reliability_bins_count():
    """Scores drawn from a softmax at temperature 0.4: the fitted temperature is close to it
    (not a grid point 8 % away), and the reliability table counts every sentence once."""
    from multivector.events import classifier_train as ct

    rng = np.random.RandomState(0)
    scores = rng.normal(size=(4000, 5))
    p = ct.softmax(scores, 0.4)
    y = np.array([rng.choice(5, p=row) for row in p])
    t = ct.fit_temperature(scores, y)
    assert abs(t - 0.4) < 0.03 and t == round(t, 4)
    rows, ece = ct.reliability(ct.softmax(scores, t), y)
    assert sum(r["n"] for r in rows) == len(y) and ece < 0.05
    assert all(0 <= r["accuracy"] <= 1 and 0 < r["mean_p"] <= 1 for r in rows)
    # an over-confident temperature is worse calibrated
    assert ct.reliability(ct.softmax(scores, t / 4), y)[1] > ece
