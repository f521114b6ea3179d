"""Training rows and fitting of the argument ranker (``events/argrank.py``).

Shared by ``scripts/train_arg_ranker.py`` (the shipped model) and ``multivector eval events
--plover FILE --cv K`` (one model per fold, so that no PLOVER record is scored by a model that
saw it). scikit-learn is imported here only: the run-time ranker needs none.

Two sources of training rows, one row per sentence with its candidate phrases
(``argrank.candidates``) labelled for the source (``S``) and the target (``T``) role:

* the ConfliBERT BIO file (``conflibert_rows``): a candidate fills a role when its head lies in
  that role's gold span (real-news sentences with argument spans);
* PLOVER GSR records (``plover_rows``): gold actor *codes*, no spans. A candidate fills a role
  when the actor resolver maps its phrase to an actor whose code matches a gold code of that
  role, as ``eval events --plover`` matches codes (country, or the sector of a country-less
  code). Honest by construction: the label says what the scorer would reward, and a phrase the
  resolver cannot code is never positive.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..events import argrank

MIN_COUNT = 2  # a feature seen once in the training rows carries no weight
C = 0.5  # inverse L2 strength (liblinear); fixed, not tuned on the scored folds


# ------------------------------------------------------------------------------ ConfliBERT
def _event_tokens(doc: Any, ev: Any, spans: list[tuple[int, int]], actors: list) -> set[int]:
    from .events_conflibert import _locate, _token_set

    ranges = []
    for a in actors:
        a0, a1 = a.get("start"), a.get("end")
        loc = (a0, a1) if a0 is not None and a1 is not None else _locate(doc.text, a.get("name"),
                                                                         ev.start, ev.end)
        if loc:
            ranges.append(loc)
    return _token_set(spans, ranges)


def _fills(doc: Any, tok: Any, spans: list[tuple[int, int]], gold: list[int]) -> bool:
    """Does the phrase headed by ``tok`` fill the gold role? Its head lies in the gold span and
    hangs in it by no preposition but "of": the gold spans are whole noun phrases ("the most
    pressing needs of people in Yemen"), whose place in a locative phrase is no argument."""
    from .events_conflibert import _token_set

    g = set(gold)

    def inside(t: Any) -> bool:
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


def conflibert_rows(bio: str | Path, split: str, config: Any) -> list[dict]:
    """One row per sentence of the ``split`` half of the BIO file: gold S/T token sets, the
    rules' S/T token sets, and the candidates of its most confident event (the one
    ``--conflibert-args`` scores), coded by the rules alone."""
    from ..events.coder import EventCoder
    from .events_conflibert import _best, _char_tokens, _docs, _token_set, read_bio, split_of_text

    sents = [s for s in read_bio(bio) if split_of_text(s.text) == split]
    docs = _docs([s.text for s in sents], config)
    coder = EventCoder(use_gate=False)  # the ranker works on the candidates, before the gate
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
        for c in _event_candidates(coder, doc, ev, doc.document.date):
            toks = set() if argrank.same_side(c.refs, list(ev.source)) else \
                _token_set(spans, [(r["start"], r["end"]) for r in c.refs])
            row["cands"].append({
                "feats": c.feats, "S": _fills(doc, c.tok, spans, gold["S"]),
                "T": _fills(doc, c.tok, spans, gold["T"]),
                "tokens": sorted(toks), "has_ref": bool(c.refs), "rule_source": c.rule_source,
                "rule_target": c.rule_target, "of_thing": c.of_thing,
                "in_clause": c.in_clause})
    return rows


def _event_candidates(coder: Any, doc: Any, ev: Any, date: str | None) -> list:
    """The ranker's candidates for ``ev`` as the coder would see them (none when its sentence
    has no parse or its trigger no token), resolved as of ``date``."""
    sent = doc.sentences[ev.sentence]
    if sent.span is None:
        return []
    trig = argrank.trigger_token(ev, sent.span, doc)
    if trig is None:
        return []
    resolver = coder.resolver_factory(doc, date)
    return list(argrank.candidates(coder, doc, ev, trig, sent.span, resolver))


# ------------------------------------------------------------------------------ PLOVER
def aligned_event(gold: Any, events: list, kind: str = "plover") -> Any | None:
    """The predicted event ``eval events`` aligns with a gold event: same type first, then
    source and target matching, then confidence (``events.score``'s key)."""
    from .events import _any_match

    best, best_key = None, (-1.0,)  # type: tuple[Any | None, tuple[float, ...]]
    for e in events:
        same = (e.plover == gold.plover) if kind == "plover" else \
            (e.cameo or "")[:2] == (gold.cameo or "")[:2]
        key = (4.0 * same + 2 * _any_match(gold.source, e.source) + _any_match(gold.target, e.target),
               e.confidence)
        if key > best_key:
            best, best_key = e, key
    return best


def plover_rows(records: Sequence[Any], docs: Sequence[Any], coder: Any) -> list[dict]:
    """One row per record (``eval.events.GoldRecord``) with a coded event: the candidates of
    the event aligned with its gold event (coded by ``coder``, whose ``arg_ranker`` should be
    None: the rules' choice is a feature), each labelled by the codes its phrase resolves to.
    A record without a document or event gives a row without candidates."""
    from .events import _match, _pred_code

    rows: list[dict] = []
    for rec, doc in zip(records, docs):
        row: dict = {"text": rec.text, "cands": []}
        rows.append(row)
        if doc is None or not rec.events:
            continue
        g = rec.events[0]
        ev = aligned_event(g, coder.code(doc))
        if ev is None:
            continue
        for c in _event_candidates(coder, doc, ev, rec.date):
            codes = [_pred_code(r) for r in c.refs]
            row["cands"].append({
                "feats": c.feats,
                "S": any(_match(gc, pc) for gc in g.source for pc in codes),
                "T": any(_match(gc, pc) for gc in g.target for pc in codes),
                "rule_source": c.rule_source, "rule_target": c.rule_target})
    return rows


# ------------------------------------------------------------------------------ model
def fit(rows: Sequence[dict], role: str) -> dict[str, float]:
    """Logistic weights (feature -> weight) of ``role`` (``S`` or ``T``) over every candidate
    of ``rows``; deterministic (liblinear, sorted vocabulary, rounded weights)."""
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
    if not len(y) or y.min() == y.max():
        return {}
    m = LogisticRegression(C=C, solver="liblinear", fit_intercept=False, max_iter=1000)
    m.fit(X, y)
    return {f: round(float(w), 4) for f, w in zip(vocab, m.coef_[0]) if abs(w) >= 1e-4}


def model(rows: Sequence[dict], policy: dict, meta: dict | None = None) -> dict:
    """The model file's content: both roles' weights fitted on ``rows`` and the policy."""
    weights = {role: fit(rows, role) for role in ("S", "T")}
    return {"meta": {**(meta or {}), "policy": policy},
            "weights": {"source": dict(sorted(weights["S"].items())),
                        "target": dict(sorted(weights["T"].items()))}}
