"""Which typer is right when the event type is wrong: PLOVER GSR, out-of-fold, counts only.

    PYTHONPATH=src .venv/bin/python scripts/plover_type_choice.py \
        [--plover ../shared/eval/events/PLOVER_GSR_CAMEO.json] [--folds 5]

Why (issue 12, docs/events.md *which typer wins on PLOVER CV*): the pooled PLOVER errors were
mostly wrong types, and the question was whether the patterns' code or the classifier's quad
class should win when they disagree, or whether a learned chooser helps. The pipeline runs once;
each record is coded by a coder whose argument ranker never saw its fold (as ``eval events
--plover --cv``), then every event whose arguments match a gold event is sorted into right /
wrong type, by which typers agreed and whether the classifier's quad class is the gold's.
Offline policies (retype to the classifier's class, drop events it rules out, a logistic
chooser over typing features) are scored on the same out-of-fold events. Prints aggregate
counts and F1 only: no sentence of the test half is shown.
"""

from __future__ import annotations

import argparse
import collections
import copy
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from multivector.doc import ActorRef, Event
from multivector.eval import argrank_train
from multivector.eval import events as E
from multivector.eval.plover_cv import fold_of
from multivector.events.argrank import ArgRanker, load_ranker
from multivector.events.classifier import quad_of_cameo
from multivector.events.classifier_train import PLOVER_QUAD


def triples(e: Event) -> list[tuple[str, str, str | None]]:
    return [(E._pred_code(s), E._pred_code(t) if t else "", e.plover)
            for s in (e.source or [ActorRef()]) for t in (E._recipients(e) or [ActorRef()])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plover", default="../shared/eval/events/PLOVER_GSR_CAMEO.json")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    path = Path(args.plover)
    _, records, docs, _ = E.run_plover(path)
    fold = [fold_of(r, args.folds) for r in records]
    shipped = load_ranker()
    assert shipped is not None
    rules = E._coder()
    rules.arg_ranker = None
    rows = argrank_train.plover_rows(records, docs, rules)
    bio = path.parent / "conflibert" / "cameo_ner_train.txt"
    base = argrank_train.conflibert_rows(bio, "dev", None) if bio.is_file() else []
    oof: list[list[Event]] = [[] for _ in records]
    for k in range(args.folds):
        coder = E._coder()
        coder.arg_ranker = ArgRanker(argrank_train.model(
            base + [r for r, f in zip(rows, fold) if f != k], dict(shipped.params)))
        for i, d in enumerate(docs):
            if fold[i] == k and d is not None:
                oof[i] = coder.code(d)
    clf = rules.classifier
    assert clf is not None
    preds = [[clf.predict(next(s for s in docs[i].english_sentences() if s.idx == e.sentence).span)
              for e in evs] for i, evs in enumerate(oof)]
    print("out-of-fold F1", round(E.score(records, oof, "plover")["f1"], 4))

    cnt: collections.Counter = collections.Counter()
    for r, evs, ps in zip(records, oof, preds):
        gold = [(s, t, g) for g in r.events for s in (g.source or [""]) for t in (g.target or [""])]
        for e, p in zip(evs, ps):
            pts = triples(e)
            if any(E._tmatch((s, t, g.plover), pt) for s, t, g in gold for pt in pts):
                cnt["right", "+".join(e.typed_by)] += 1
                continue
            other = next((g for s, t, g in gold for pt in pts
                          if E._tmatch((s, t, e.plover), pt)), None)
            if other is None:
                continue  # wrong arguments: not a type error
            qe, gq = quad_of_cameo(e.cameo), PLOVER_QUAD.get(other.plover or "")
            cnt["wrong type", "+".join(e.typed_by)] += 1
            cnt["wrong type", "pattern quad == gold quad" if qe == gq else
                "classifier quad == gold quad" if p.quad == gq else "neither quad"] += 1
    for key, n in sorted(cnt.items()):
        print(" / ".join(key), n)

    def policy(name: str, keep) -> None:
        new = [[e2 for e, p in zip(evs, ps) if (e2 := keep(copy.copy(e), p)) is not None]
               for evs, ps in zip(oof, preds)]
        print(f"{name:44s} {E.score(records, new, 'plover')['f1']:.4f}")

    policy("as shipped", lambda e, p: e)
    for t in (0.01, 0.05, 0.1, 0.3):
        def drop(e: Event, p, t: float = t) -> Event | None:
            q = quad_of_cameo(e.cameo)
            ruled_out = q is not None and "classifier" not in e.typed_by and p.quad_proba[q] < t
            return None if ruled_out else e
        policy(f"drop pattern events the classifier gives <{t}", drop)

    # a logistic chooser: is this event a right triple, from its typing features (out of fold)
    feats, ys, where = [], [], []
    for i, (r, evs, ps) in enumerate(zip(records, oof, preds)):
        gold = [(s, t, g.plover) for g in r.events for s in (g.source or [""])
                for t in (g.target or [""])]
        for j, (e, p) in enumerate(zip(evs, ps)):
            q = quad_of_cameo(e.cameo)
            code = e.cameo or ""
            feats.append([float("classifier" in e.typed_by), float(e.typed_by == ["classifier"]),
                          p.quad_proba[q] if q is not None else 0.5, p.confidence,
                          float(len(code) >= 3 and code[2] != "0"), float(len(code) == 4),
                          float(e.complete), float(e.modality == "asserted"),
                          float(len(evs) > 1), e.confidence])
            ys.append(any(E._tmatch(g, pt) for g in gold for pt in triples(e)))
            where.append((i, j))
    x, y = np.array(feats), np.array(ys, dtype=int)
    prob = np.zeros(len(y))
    for k in range(args.folds):
        tr = np.array([fold[i] != k for i, _ in where])
        prob[~tr] = LogisticRegression(max_iter=1000).fit(x[tr], y[tr]).predict_proba(x[~tr])[:, 1]
    p_of = dict(zip(where, prob))
    for t in (0.2, 0.3, 0.4):
        new = [[e for j, e in enumerate(evs) if p_of[i, j] >= t] for i, evs in enumerate(oof)]
        print(f"{'chooser: drop P(right) < ' + str(t):44s} {E.score(records, new, 'plover')['f1']:.4f}"
              f"  (dropped {(prob < t).sum()}, {y[prob < t].sum()} of them right)")


if __name__ == "__main__":
    main()
