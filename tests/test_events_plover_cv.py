"""PLOVER cross-validation (``eval events --plover FILE --cv``) and the argument ranker's
PLOVER training rows (``eval/argrank_train.py``). Sentences are our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from multivector.eval import argrank_train
from multivector.eval.events import GoldEvent, GoldRecord, split_of
from multivector.eval.plover_cv import fold_of

EV = Path(__file__).resolve().parent / "fixtures" / "events"


def _rec(text: str, src=("USA",), tgt=("RUS",), plover="CONSULT") -> GoldRecord:
    return GoldRecord(id=text[:8], text=text, date="2024-05-14",
                      events=[GoldEvent(list(src), list(tgt), plover)])


def test_folds_are_stable_shared_by_a_sentence_and_mix_both_halves():
    texts = [f"Country {i} signed a trade accord with its neighbour number {i * 7}." for i in range(200)]
    recs = [_rec(t) for t in texts]
    folds = [fold_of(r, 5) for r in recs]
    assert set(folds) == set(range(5))
    assert folds == [fold_of(r, 5) for r in recs]  # deterministic
    # the same sentence, spaced or cased differently, falls in the same fold
    assert fold_of(_rec("  COUNTRY 3 signed a trade accord with its neighbour number 21."), 5) == folds[3]
    # every fold holds records of both halves (the dev/test bit is not the fold)
    for k in range(5):
        assert {split_of(r) for r, f in zip(recs, folds) if f == k} == {"dev", "test"}


def _rows(n: int) -> list[dict]:
    # two informative features: "subj" marks sources, "obj" targets
    rows = []
    for i in range(n):
        rows.append({"cands": [
            {"feats": ["bias", "dep=nsubj", f"noise={i % 3}"], "S": True, "T": False},
            {"feats": ["bias", "dep=dobj", f"noise={(i + 1) % 3}"], "S": False, "T": True},
            {"feats": ["bias", "dep=pobj", f"noise={(i + 2) % 3}"], "S": False, "T": False}]})
    return rows


def test_the_ranker_fit_is_deterministic_and_learns_the_roles():
    rows = _rows(30)
    a = argrank_train.model(rows, {"fill_target": 0.5}, {"name": "x"})
    b = argrank_train.model(rows, {"fill_target": 0.5}, {"name": "x"})
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert a["meta"] == {"name": "x", "policy": {"fill_target": 0.5}}
    src, tgt = a["weights"]["source"], a["weights"]["target"]
    assert src["dep=nsubj"] > 0 > src["dep=dobj"]
    assert tgt["dep=dobj"] > 0 > tgt["dep=nsubj"]
    # a role without a positive example learns nothing rather than failing
    for r in rows:
        for c in r["cands"]:
            c["T"] = False
    assert argrank_train.fit(rows, "T") == {}


class _Ev:
    def __init__(self, plover, conf, src=(), tgt=()):
        self.plover, self.confidence, self.cameo = plover, conf, None
        self.source = [{"id": c, "country": c} for c in src]
        self.target = [{"id": c, "country": c} for c in tgt]


def test_the_training_event_is_the_one_the_scorer_aligns_with_the_gold_event():
    gold = GoldEvent(["USA"], ["RUS"], "CONSULT")
    wrong_type = _Ev("ACCUSE", 1.0, ["USA"], ["RUS"])
    right_type = _Ev("CONSULT", 0.6, ["FRA"], [])
    right_args = _Ev("CONSULT", 0.5, ["USA"], ["RUS"])
    assert argrank_train.aligned_event(gold, [wrong_type, right_type]) is right_type
    assert argrank_train.aligned_event(gold, [wrong_type, right_type, right_args]) is right_args
    assert argrank_train.aligned_event(gold, []) is None


@pytest.mark.slow
def test_plover_candidates_are_positive_when_they_resolve_to_a_gold_code():
    from multivector.eval.events import _coder, process

    rec = _rec("Portugal lifted its ban on fishing boats from Angola.", ["PRT"], ["AGO"], "CONCEDE")
    docs = process([rec])
    coder = _coder()
    coder.arg_ranker = None
    (row,) = argrank_train.plover_rows([rec], docs, coder)
    positives_s = [c for c in row["cands"] if c["S"]]
    positives_t = [c for c in row["cands"] if c["T"]]
    assert len(positives_s) == 1 and len(positives_t) == 1
    assert "dep=nsubj" in positives_s[0]["feats"]
    assert "dep=pobj" in positives_t[0]["feats"]
    # "ban" and "boats" resolve to no actor: never positive
    assert len(row["cands"]) >= 3


@pytest.mark.slow
def test_cli_plover_cv_adds_fold_figures_and_keeps_the_plain_ones(tmp_path):
    from multivector.cli import app

    args = ["eval", "events", "--plover", str(EV / "plover_small.json"), "--json"]
    plain = json.loads(CliRunner().invoke(app, args).stdout)
    r = CliRunner().invoke(app, args + ["--cv", "--folds", "2"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    for k, v in plain.items():  # every existing key, same value
        assert res[k] == v, k
    assert res["cv_folds"] == 2 and len(res["cv_fold_f1"]) == 2
    assert sum(res["cv_fold_records"]) == res["records"]
    assert 0.0 <= res["cv_f1"] <= 1.0 and res["cv_std_f1"] >= 0.0
    bad = CliRunner().invoke(app, args + ["--cv", "--folds", "1"])
    assert bad.exit_code == 2
