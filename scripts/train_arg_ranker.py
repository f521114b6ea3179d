"""Train the argument ranker shipped in ``src/multivector/events/data/arg_ranker.json``.

    PYTHONPATH=src .venv/bin/python scripts/train_arg_ranker.py \
        --bio ../shared/eval/events/conflibert/cameo_ner_train.txt

Training data: the dev half (``eval.events_conflibert.split_of_text``) of the ConfliBERT BIO
file (real-news sentences with source S and target T spans); the test half is never read
(only scored, once, by ``multivector eval events --conflibert-args --split test``). Each
sentence runs through the pipeline and the coder with the rules alone; for its most confident
event (the one ``--conflibert-args`` scores) every candidate phrase of the sentence
(``argrank.candidates``) is a training example: positive for a role when its head token lies in
the gold span of that role. Beside them, the dev half of the PLOVER GSR (``--plover``; its
test half is never read): each record's event aligned with its gold event, a candidate positive
for a role when the actor resolver codes its phrase as a gold actor of that role
(``eval.argrank_train.plover_rows``); they are added to every training fold here and
cross-validated by ``multivector eval events --plover FILE --cv 5``.

Prints 5-fold cross-validated figures (folds by sentence, deterministic): the candidates'
ranking accuracy, and the token F1 of S and T computed as ``eval events --conflibert-args``
computes them, for the rules alone and for each way of using the model (fill a missing target
above a threshold, replace the rules' choice, choose all arguments), so the shipped policy is
the one the numbers say. Deterministic: fixed folds, liblinear, sorted features, rounded weights.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

import numpy as np

from multivector.config import Config
from multivector.eval import argrank_train
from multivector.eval.argrank_train import MIN_COUNT, C, conflibert_rows
from multivector.eval.events_conflibert import _prf
from multivector.events import argrank

FOLDS = 5
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
# the policy written to the model (a name of ``grid()``): chosen on args CV, PLOVER dev and
# PETRARCH together (docs/events.md, the argument ranker's section)
SHIPPED = "fill_source 0.5 + fill_target 0.5, no target for classifier-only"


def collect(bio: Path, split: str, config: Config) -> list[dict]:
    """One row per sentence: gold S/T token sets, the rules' S/T token sets, candidates."""
    return conflibert_rows(bio, split, config)


def fit(rows: list[dict], role: str) -> dict[str, float]:
    return argrank_train.fit(rows, role)


def _p(w: dict[str, float], feats: list[str]) -> float:
    z = sum(w.get(f, 0.0) for f in feats)
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def out_of_fold(rows: list[dict], extra: list[dict] | None = None) -> None:
    """Adds ``pS``/``pT`` to every candidate, from a model trained on the other folds (and
    on every ``extra`` row: the PLOVER records, scored by ``eval events --plover --cv``)."""
    for k in range(FOLDS):
        train = [r for i, r in enumerate(rows) if i % FOLDS != k] + list(extra or [])
        w = {role: fit(train, role) for role in "ST"}
        for i, r in enumerate(rows):
            if i % FOLDS == k:
                for c in r["cands"]:
                    c["pS"], c["pT"] = _p(w["S"], c["feats"]), _p(w["T"], c["feats"])


def plover_dev_rows(path: Path) -> list[dict]:
    """Training rows of the PLOVER GSR dev half (``eval events --plover --split dev``)."""
    from multivector.eval.events import process, read_plover, select_split
    from multivector.events.coder import EventCoder

    records = select_split(read_plover(path), "dev")
    coder = EventCoder(use_gate=False)  # the candidates, before the event gate
    coder.arg_ranker = None  # the rules alone
    return argrank_train.plover_rows(records, process(records, Config()), coder)


# ------------------------------------------------------------------------------ policies
def policy(rows: list[dict], params: dict) -> dict[str, float]:
    """Token F1 of S and T (as ``--conflibert-args`` counts them) when the coder applies
    ``argrank.decide`` with ``params`` to the out-of-fold scores."""
    counts = {k: [0, 0, 0] for k in "ST"}
    for r in rows:
        pred = {k: set(r["rule"][k]) for k in "ST"}
        used = {**params, **params["classifier_only"]} if r.get("classifier_only") and \
            params.get("classifier_only") else params
        if r["cands"] and used and not (used.get("patterns_only") and r.get("classifier_only")):
            scored = [argrank.Scored(c["pS"], c["pT"], c["rule_source"], c["rule_target"],
                                     frozenset(c["tokens"]), c.get("of_thing", False),
                                     c.get("in_clause", False))
                      for c in r["cands"]]
            ks, kt = argrank.decide(scored, used, r["has_source"], r["has_target"],
                                    frozenset(pred["S"]), keep_target=r["keep"],
                                    keep_source=r["keep"] or "voice=pass" in r["cands"][0]["feats"])
            if ks is not None:
                pred["S"] = set(r["cands"][ks]["tokens"])
                pred["T"] -= pred["S"]
            if kt is not None:
                pred["T"] = set(r["cands"][kt]["tokens"]) - pred["S"]
        for k in "ST":
            g = set(r["gold"][k])
            counts[k][0] += len(pred[k] & g)
            counts[k][1] += len(pred[k])
            counts[k][2] += len(g)
    return {k: round(_prf(*counts[k])[2], 4) for k in "ST"}


def grid() -> dict[str, dict]:
    """The policies compared by cross-validation (name -> ``decide`` params)."""
    out: dict[str, dict] = {"rules": {}}
    for thr in THRESHOLDS:
        out[f"fill_target {thr}"] = {"fill_target": thr}
    for thr in THRESHOLDS:
        out[f"fill_source {thr}"] = {"fill_source": thr}
        out[f"fill_source {thr} + fill_target 0.5"] = {"fill_source": thr, "fill_target": 0.5}
        out[f"fill_source {thr} + fill_target 0.6"] = {"fill_source": thr, "fill_target": 0.6}
        out[f"fill_source {thr} + fill_target {thr}, patterns only"] = {
            "fill_source": thr, "fill_target": thr, "patterns_only": True}
        # classifier-only events: a source may be filled, never a target (such an event
        # without a target is then not emitted)
        out[f"fill_source {thr} + fill_target {thr}, no target for classifier-only"] = {
            "fill_source": thr, "fill_target": thr, "classifier_only": {"fill_target": None}}
        out[f"fill_source {thr} + fill_target {thr}, classifier-only: no target, source 0.7"] = {
            "fill_source": thr, "fill_target": thr,
            "classifier_only": {"fill_target": None, "fill_source": 0.7}}
    for thr in (0.4, 0.5, 0.6):
        for margin in (0.1, 0.3):
            out[f"replace_target {thr}/{margin}"] = {"replace_target": [thr, margin]}
            out[f"replace_source {thr}/{margin}"] = {"replace_source": [thr, margin]}
            out[f"replace_both {thr}/{margin}"] = {"replace_target": [thr, margin],
                                                   "replace_source": [thr, margin]}
    return out


def ranking(rows: list[dict], role: str) -> tuple[int, int, int]:
    """(sentences with a gold candidate of the role, top-scored is gold, rules picked gold)."""
    n = top = rule = 0
    flag = "rule_source" if role == "S" else "rule_target"
    for r in rows:
        cs = r["cands"]
        if not any(c[role] for c in cs):
            continue
        n += 1
        top += max(cs, key=lambda c: c["p" + role])[role]
        rule += any(c[role] and c[flag] for c in cs)
    return n, top, rule


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bio", default="../shared/eval/events/conflibert/cameo_ner_train.txt")
    ap.add_argument("--out", default=str(argrank.MODEL_FILE))
    ap.add_argument("--plover", default="../shared/eval/events/PLOVER_GSR_CAMEO.json",
                    help="PLOVER GSR records whose dev half is added to the training rows "
                         "('' for none); the test half is never read")
    ap.add_argument("--cache", help="pickle of the collected rows (re-used when it exists)")
    ap.add_argument("--policy", default=None, help="policy written to the model (a name printed; "
                    "default SHIPPED)")
    args = ap.parse_args(argv)
    bio = Path(args.bio)
    if args.cache and Path(args.cache).is_file():
        with open(args.cache, "rb") as fh:
            rows = pickle.load(fh)
    else:
        rows = collect(bio, "dev", Config())
        if args.cache:
            with open(args.cache, "wb") as fh:
                pickle.dump(rows, fh)
    extra: list[dict] = []
    if args.plover:
        extra = plover_dev_rows(Path(args.plover))
        print(f"PLOVER dev half: {len(extra)} records, "
              f"{sum(len(r['cands']) for r in extra)} candidates, "
              f"{sum(c['S'] for r in extra for c in r['cands'])} S / "
              f"{sum(c['T'] for r in extra for c in r['cands'])} T positives", file=sys.stderr)
    n_c = sum(len(r["cands"]) for r in rows)
    print(f"dev half: {len(rows)} sentences, {n_c} candidates, "
          f"{sum(c['S'] for r in rows for c in r['cands'])} S / "
          f"{sum(c['T'] for r in rows for c in r['cands'])} T positives", file=sys.stderr)
    out_of_fold(rows, extra)
    for role in "ST":
        n, top, rule = ranking(rows, role)
        print(f"{role}: {n} sentences with a gold candidate; model's top is gold in {top}, "
              f"the rules picked it in {rule}")
    policies = grid()
    results = {name: policy(rows, params) for name, params in policies.items()}
    for k, v in results.items():
        print(f"  {k:24s} source F1 {v['S']:.4f}  target F1 {v['T']:.4f}")
    chosen = args.policy or SHIPPED
    if chosen.startswith("{"):  # a policy given as JSON ``decide`` params
        policies[chosen] = json.loads(chosen)
        results[chosen] = policy(rows, policies[chosen])
        print(f"  {chosen} source F1 {results[chosen]['S']:.4f}  target F1 {results[chosen]['T']:.4f}")
    trained_on = f"{bio.name} dev half ({len(rows)} sentences, {n_c} candidates)"
    if extra:
        trained_on += (f"; {Path(args.plover).name} dev half ({len(extra)} records, "
                       f"{sum(len(r['cands']) for r in extra)} candidates)")
    model = argrank_train.model(rows + extra, policies[chosen], {
        "policy_name": chosen, "trained_on": trained_on,
        "cv": {"rules": results["rules"], chosen: results.get(chosen)},
        "folds": FOLDS, "C": C, "min_count": MIN_COUNT,
        # ``eval events --plover --cv`` retrains per fold with the PLOVER rows of the other folds
        "plover_split": "dev" if extra else None})
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(model, fh, indent=0, sort_keys=True, ensure_ascii=False)
        fh.write("\n")
    print(f"policy {chosen}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
