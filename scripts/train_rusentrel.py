"""Train and cross-validate the Russian entity-attitude model on RuSentRel.

    PYTHONPATH=src .venv/bin/python scripts/train_rusentrel.py ../shared/eval/stance/rusentrel/train \
        [--folds 5] [--repeats 3] [--out src/multivector/lang/ru/pairs_model.json]

Prints the cross-validated F1(P,N): documents are split into folds; the model and its decision
rule are fitted on the other folds only (the rule on their out-of-fold logits, an inner
cross-validation), so no choice is made on the scored fold. The first split takes every k-th
document; ``--repeats N`` adds N-1 splits of a seeded shuffle and prints their mean too (with 42
articles one split moves F1 by about 0.02). Then it fits the shipped model on all articles, its
rule chosen on out-of-fold predictions. Deterministic: no random state but the seeded shuffles,
the optimiser is full-batch, so the same parse gives the same model file.

Training weights each pair by 1 / (candidate pairs of its article): F1(P,N) averages over
articles, so a long article with 500 candidate pairs should not outweigh a short one.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from multivector.lang.ru.pairs import (
    CueLexicon,
    PairFeatures,
    PairModel,
    article_mentions,
    best_rule,
    decide,
    document_pairs,
    fit,
    label_pairs,
    lemmatize_name,
)
from multivector.stance.rusentrel import Synonyms, find_synonyms, read_collection, score
from multivector.lang.ru.parse import RussianParser

PARAMS = {"min_count": 2, "l2": 3.0, "epochs": 300, "lr": 0.05}


def folds_of(idx: list[int], k: int, seed: int = 0) -> list[list[int]]:
    """``k`` folds of the documents ``idx``: every k-th one, after a seeded shuffle if seed > 0."""
    order = list(np.random.RandomState(seed).permutation(len(idx))) if seed else list(range(len(idx)))
    return [[idx[order[i]] for i in range(len(idx)) if i % k == f] for f in range(k)]


def train(pairs: list[list[PairFeatures]], labels: list[list[str]], docs: list[int],
          params: dict = PARAMS) -> PairModel:
    """The regression on the pairs of ``docs``, each article weighing the same."""
    ps = [p for d in docs for p in pairs[d]]
    ls = [lab for d in docs for lab in labels[d]]
    sw = np.array([1.0 / len(pairs[d]) for d in docs for _ in pairs[d]])
    return fit(ps, ls, sample_weight=sw, **params)


def oof_logits(pairs, labels, idx, k, seed=0, params=PARAMS) -> list[np.ndarray]:
    """Out-of-fold logits over the documents ``idx`` (inner cross-validation)."""
    out = {}
    for fold in folds_of(idx, k, seed):
        model = train(pairs, labels, [d for d in idx if d not in fold], params)
        for d in fold:
            out[d] = model.logits(pairs[d]) if pairs[d] else np.zeros((0, 3))
    return [out[d] for d in idx]


def fit_with_rule(arts, pairs, labels, syn, docs, k, seed=0, params=PARAMS) -> PairModel:
    """The model on ``docs`` with its decision rule chosen on their out-of-fold logits."""
    inner = oof_logits(pairs, labels, docs, k, seed, params)
    rule = best_rule(inner, [arts[d].gold for d in docs], syn, [pairs[d] for d in docs])
    model = train(pairs, labels, docs, params)
    model.threshold, model.top = rule
    return model


def cross_validate(arts, pairs, labels, syn, k, seed=0, params=PARAMS) -> dict:
    """F1(P,N) of ``k``-fold cross-validation by document (see the module docstring)."""
    pred: dict[str, list] = {}
    everything = list(range(len(arts)))
    for fold in folds_of(everything, k, seed):
        model = fit_with_rule(arts, pairs, labels, syn, [d for d in everything if d not in fold],
                              k - 1, seed, params)
        print(f"split {seed} fold {sorted(fold)[:3]}...: rule {model.threshold} {model.top}",
              file=sys.stderr)
        for d in fold:
            labs = decide(model.logits(pairs[d]), model.threshold, model.top) if pairs[d] else []
            pred[arts[d].id] = [(p.a, p.b, lab) for p, lab in zip(pairs[d], labs) if lab != "none"]
    cv = score({a.id: a.gold for a in arts}, pred, syn)
    cv["method"] = f"{k}-fold cross-validation by document" + (f" (shuffle {seed})" if seed else "")
    return cv


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=1, help="cross-validation splits to average")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    folder = Path(args.folder)
    syn_path = find_synonyms(folder)
    syn = Synonyms.read(syn_path, lemmatize_name) if syn_path else Synonyms(lemmatize=lemmatize_name)
    arts = [a for a in read_collection(folder) if a.gold and a.entities]
    t0 = time.time()
    parser = RussianParser()
    lex = CueLexicon.load()
    pairs = [document_pairs(article_mentions(a, parser, syn), lex) for a in arts]
    labels = [label_pairs(p, a.gold, syn) for p, a in zip(pairs, arts)]
    n_gold = sum(len({(syn.group(s), syn.group(o)) for s, o, _ in a.gold}) for a in arts)
    n_cand = sum(sum(1 for lab in ls if lab != "none") for ls in labels)
    print(f"{len(arts)} articles parsed in {time.time() - t0:.1f}s; candidate pairs "
          f"{sum(map(len, pairs))}, gold pairs {n_gold}, gold pairs among candidates {n_cand}",
          file=sys.stderr)
    runs = [cross_validate(arts, pairs, labels, syn, args.folds, seed) for seed in range(args.repeats)]
    for cv in runs:
        print(json.dumps(cv, ensure_ascii=False))
    if len(runs) > 1:
        print(json.dumps({"repeats": len(runs), "f1_mean": round(float(np.mean([r["f1"] for r in runs])), 4),
                          "f1_each": [r["f1"] for r in runs]}))
    if args.out:
        model = fit_with_rule(arts, pairs, labels, syn, list(range(len(arts))), args.folds)
        model.save(Path(args.out), meta={"trained_on": "RuSentRel 1.1 train folder",
                                         "articles": len(arts), "params": PARAMS,
                                         "sample_weight": "1 / candidate pairs of the article",
                                         "cv_f1": runs[0]["f1"],
                                         "script": "scripts/train_rusentrel.py"})
        print(f"model: {len(model.features)} features, rule {model.threshold} {model.top} "
              f"-> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
