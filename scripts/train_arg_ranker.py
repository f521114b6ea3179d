"""Train the argument ranker shipped in ``src/multivector/events/data/arg_ranker.json``.

    PYTHONPATH=src .venv/bin/python scripts/train_arg_ranker.py \
        --bio ../shared/eval/events/conflibert/cameo_ner_train.txt

Training data: the dev half (``eval.events_conflibert.split_of_text``) of the ConfliBERT BIO
file (real-news sentences with source S and target T spans); the test half is never read
(only scored, once, by ``multivector eval events --conflibert-args --split test``). Each
sentence runs through the pipeline and the coder with the rules alone; for its most confident
event (the one ``--conflibert-args`` scores) every candidate phrase of the sentence
(``argrank.candidates``) is a training example: positive for a role when its head token lies in
the gold span of that role.

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
from collections import Counter
from pathlib import Path

import numpy as np

from multivector.config import Config
from multivector.eval.events_conflibert import (
    _best,
    _char_tokens,
    _docs,
    _locate,
    _prf,
    _token_set,
    read_bio,
    split_of_text,
)
from multivector.events import argrank
from multivector.events.coder import EventCoder

FOLDS = 5
MIN_COUNT = 2  # a feature seen once in the training folds carries no weight
C = 0.5  # inverse L2 strength (liblinear); fixed, not tuned on the scored folds
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
# the policy written to the model (a name of ``grid()``): chosen on args CV, PLOVER dev and
# PETRARCH together (docs/events.md, the argument ranker's section)
SHIPPED = "fill_source 0.7 + fill_target 0.6"


def _event_tokens(doc, ev, spans, actors) -> set[int]:
    ranges = []
    for a in actors:
        a0, a1 = a.get("start"), a.get("end")
        loc = (a0, a1) if a0 is not None and a1 is not None else _locate(doc.text, a.get("name"),
                                                                         ev.start, ev.end)
        if loc:
            ranges.append(loc)
    return _token_set(spans, ranges)


def _fills(doc, tok, spans, gold: list[int]) -> bool:
    """Does the phrase headed by ``tok`` fill the gold role? Its head lies in the gold span and
    hangs in it by no preposition but "of": the gold spans are whole noun phrases ("the most
    pressing needs of people in Yemen"), whose place in a locative phrase is no argument."""
    g = set(gold)

    def inside(t) -> bool:
        h = doc.token_start(t)
        return bool(_token_set(spans, [(h, h + len(t.text))]) & g)

    if not inside(tok):
        return False
    t = tok
    while t.head.i != t.i and inside(t.head):
        if t.dep_ == "pobj" and t.head.lower_ != "of":
            return False
        t = t.head
    return True


def collect(bio: Path, split: str, config: Config) -> list[dict]:
    """One row per sentence: gold S/T token sets, the rules' S/T token sets, candidates."""
    sents = [s for s in read_bio(bio) if split_of_text(s.text) == split]
    docs = _docs([s.text for s in sents], config)
    coder = EventCoder()
    coder.arg_ranker = None  # the rules alone
    rows = []
    for s, doc in zip(sents, docs):
        spans = _char_tokens(s.tokens)
        gold = {k: sorted(i for i, lab in enumerate(s.labels) if lab[2:] == k) for k in "ST"}
        row: dict = {"text": s.text, "gold": gold, "rule": {"S": [], "T": []}, "cands": [],
                     "has_source": False, "has_target": False, "keep": False,
                     "implied": False, "symmetric": False}
        rows.append(row)
        if doc is None:
            continue
        ev = _best(coder.code(doc))
        if ev is None:
            continue
        row["rule"] = {"S": sorted(_event_tokens(doc, ev, spans, ev.source)),
                       "T": sorted(_event_tokens(doc, ev, spans, ev.target))}
        row["has_source"], row["has_target"] = bool(ev.source), bool(ev.target)
        row["implied"] = any(a.get("method") == "implied" for a in ev.source + ev.target)
        row["symmetric"] = any(argrank._same_ref(a, b) for a in ev.source for b in ev.target)
        row["keep"] = row["implied"] or row["symmetric"]
        row["classifier_only"] = ev.typed_by == ["classifier"]
        sent = doc.sentences[ev.sentence]
        if sent.span is None:
            continue
        trig = argrank.trigger_token(ev, sent.span, doc)
        if trig is None:
            continue
        resolver = coder.resolver_factory(doc, doc.document.date)
        for c in argrank.candidates(coder, doc, ev, trig, sent.span, resolver):
            toks = set() if argrank.same_side(c.refs, list(ev.source)) else \
                _token_set(spans, [(r.get("start"), r.get("end")) for r in c.refs])
            row["cands"].append({
                "feats": c.feats, "S": _fills(doc, c.tok, spans, gold["S"]),
                "T": _fills(doc, c.tok, spans, gold["T"]),
                "tokens": sorted(toks), "has_ref": bool(c.refs), "rule_source": c.rule_source,
                "rule_target": c.rule_target})
    return rows


# ------------------------------------------------------------------------------ model
def fit(rows: list[dict], role: str) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    cands = [c for r in rows for c in r["cands"]]
    counts = Counter(f for c in cands for f in set(c["feats"]))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: k for k, f in enumerate(vocab)}
    X = np.zeros((len(cands), len(vocab)), dtype=np.float32)
    y = np.array([int(c[role]) for c in cands])
    for i, c in enumerate(cands):
        for f in c["feats"]:
            k = index.get(f)
            if k is not None:
                X[i, k] = 1.0
    if y.min() == y.max():
        return {}
    m = LogisticRegression(C=C, solver="liblinear", fit_intercept=False, max_iter=1000)
    m.fit(X, y)
    return {f: round(float(w), 4) for f, w in zip(vocab, m.coef_[0]) if abs(w) >= 1e-4}


def _p(w: dict[str, float], feats: list[str]) -> float:
    z = sum(w.get(f, 0.0) for f in feats)
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def out_of_fold(rows: list[dict]) -> None:
    """Adds ``pS``/``pT`` to every candidate, from a model trained on the other folds."""
    for k in range(FOLDS):
        train = [r for i, r in enumerate(rows) if i % FOLDS != k]
        w = {role: fit(train, role) for role in "ST"}
        for i, r in enumerate(rows):
            if i % FOLDS == k:
                for c in r["cands"]:
                    c["pS"], c["pT"] = _p(w["S"], c["feats"]), _p(w["T"], c["feats"])


# ------------------------------------------------------------------------------ policies
def policy(rows: list[dict], params: dict) -> dict[str, float]:
    """Token F1 of S and T (as ``--conflibert-args`` counts them) when the coder applies
    ``argrank.decide`` with ``params`` to the out-of-fold scores."""
    counts = {k: [0, 0, 0] for k in "ST"}
    for r in rows:
        pred = {k: set(r["rule"][k]) for k in "ST"}
        if r["cands"] and params and not (params.get("patterns_only") and r.get("classifier_only")):
            scored = [argrank.Scored(c["pS"], c["pT"], c["rule_source"], c["rule_target"],
                                     frozenset(c["tokens"])) for c in r["cands"]]
            ks, kt = argrank.decide(scored, params, r["has_source"], r["has_target"],
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
    n_c = sum(len(r["cands"]) for r in rows)
    print(f"dev half: {len(rows)} sentences, {n_c} candidates, "
          f"{sum(c['S'] for r in rows for c in r['cands'])} S / "
          f"{sum(c['T'] for r in rows for c in r['cands'])} T positives", file=sys.stderr)
    out_of_fold(rows)
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
    weights = {role: fit(rows, role) for role in ("S", "T")}
    model = {"meta": {"policy": policies[chosen], "policy_name": chosen,
                      "trained_on": f"{bio.name} dev half ({len(rows)} sentences, {n_c} candidates)",
                      "cv": {"rules": results["rules"], chosen: results.get(chosen)},
                      "folds": FOLDS, "C": C, "min_count": MIN_COUNT},
             "weights": {"source": dict(sorted(weights["S"].items())),
                         "target": dict(sorted(weights["T"].items()))}}
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(model, fh, indent=0, sort_keys=True, ensure_ascii=False)
        fh.write("\n")
    print(f"policy {chosen}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
