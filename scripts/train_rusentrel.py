"""Train and cross-validate the Russian entity-attitude model on RuSentRel.

    PYTHONPATH=src .venv/bin/python scripts/train_rusentrel.py ../shared/eval/stance/rusentrel/train \
        [--folds 5] [--out src/multivector/stance/data/ru_pairs_model.json]

Prints the cross-validated F1(P,N) (documents split into folds; the model and its pos/neg
offsets are fitted on the other folds only: offsets by an inner cross-validation) and then fits
the shipped model on all articles, its offsets chosen on out-of-fold predictions. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from multivector.stance.ru_pairs import (
    CueLexicon,
    PairModel,
    article_mentions,
    best_rule,
    document_pairs,
    fit,
    label_pairs,
    lemmatize_name,
)
from multivector.stance.rusentrel import Synonyms, find_synonyms, read_collection, score
from multivector.text.parse_ru import RussianParser

PARAMS = {"min_count": 2, "l2": 3.0, "epochs": 300, "lr": 0.05}


def folds_of(n: int, k: int) -> list[list[int]]:
    return [[i for i in range(n) if i % k == f] for f in range(k)]


def oof_logits(pairs, labels, idx, k, params):
    """Out-of-fold logits over the documents ``idx`` (inner cross-validation)."""
    out = {}
    for fold in folds_of(len(idx), k):
        test = [idx[i] for i in fold]
        train = [d for d in idx if d not in test]
        model = fit([p for d in train for p in pairs[d]], [lab for d in train for lab in labels[d]],
                    **params)
        for d in test:
            out[d] = model.logits(pairs[d]) if pairs[d] else np.zeros((0, 3))
    return [out[d] for d in idx]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default=None)
    ap.add_argument("--cache", default=None, help="pickle of the parsed pairs (faster re-runs)")
    args = ap.parse_args()
    folder = Path(args.folder)
    syn_path = find_synonyms(folder)
    syn = Synonyms.read(syn_path, lemmatize_name) if syn_path else Synonyms(lemmatize=lemmatize_name)
    arts = [a for a in read_collection(folder) if a.gold and a.entities]
    t0 = time.time()
    parser = RussianParser()
    lex = CueLexicon.load()
    if args.cache and Path(args.cache).exists():
        with open(args.cache, "rb") as fh:
            pairs = pickle.load(fh)
    else:
        pairs = [document_pairs(article_mentions(a, parser, syn), lex) for a in arts]
        if args.cache:
            with open(args.cache, "wb") as fh:
                pickle.dump(pairs, fh)
    labels = [label_pairs(p, a.gold, syn) for p, a in zip(pairs, arts)]
    golds = [a.gold for a in arts]
    n_gold = sum(len({(syn.group(s), syn.group(o)) for s, o, _ in g}) for g in golds)
    n_cand = sum(sum(1 for lab in ls if lab != "none") for ls in labels)
    print(f"{len(arts)} articles parsed in {time.time() - t0:.1f}s; candidate pairs "
          f"{sum(map(len, pairs))}, gold pairs {n_gold}, gold pairs among candidates {n_cand}",
          file=sys.stderr)
    # outer cross-validation
    k = args.folds
    pred: dict[str, list] = {}
    for fold in folds_of(len(arts), k):
        train = [d for d in range(len(arts)) if d not in fold]
        inner = oof_logits(pairs, labels, train, k - 1, PARAMS)
        rule = best_rule(inner, [golds[d] for d in train], syn, [pairs[d] for d in train])
        model = fit([p for d in train for p in pairs[d]], [lab for d in train for lab in labels[d]],
                    **PARAMS)
        model.threshold, model.top = rule
        print(f"fold {fold[:3]}...: rule {rule}", file=sys.stderr)
        for d in fold:
            pred[arts[d].id] = [(p.a, p.b, lab) for p, lab in zip(pairs[d], model.predict(pairs[d]))
                                if lab != "none"]
    cv = score({a.id: a.gold for a in arts}, pred, syn)
    cv["method"] = f"{k}-fold cross-validation by document"
    print(json.dumps(cv, ensure_ascii=False))
    if args.out:
        idx = list(range(len(arts)))
        rule = best_rule(oof_logits(pairs, labels, idx, k, PARAMS), golds, syn, pairs)
        model: PairModel = fit([p for ps in pairs for p in ps], [lab for ls in labels for lab in ls],
                               **PARAMS)
        model.threshold, model.top = rule
        model.save(Path(args.out), meta={"trained_on": "RuSentRel 1.1 train folder",
                                         "articles": len(arts), "params": PARAMS,
                                         "cv_f1": cv["f1"], "script": "scripts/train_rusentrel.py"})
        print(f"model: {len(model.features)} features -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
