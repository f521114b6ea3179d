"""Training and cross-validation of the event sentence classifier (``classifier.py``).

Used by ``scripts/train_event_classifier.py`` (the shipped model) and by ``multivector eval
events --conflibert`` when it scores the training file itself (it then trains one model per
fold, so no sentence is scored by a model that saw it). scikit-learn is imported here only:
the run-time classifier needs numpy alone.

Training sentences (``../shared/eval/events``):

* ``conflibert/cameo_class_train.tsv``: sentence TAB quad class (0-4), the evaluation target;
* optional extra sources (``EXTRA_SOURCES``), added to every training fold, never scored:
  ``codebook`` (the CAMEO codebook's example sentences -> root and quad class), ``plover-dev``
  (the *dev half* of ``PLOVER_GSR_CAMEO.json``, PLOVER 0.5b1 types -> quad class where the
  type fixes it; ``DEMAND`` mixes CAMEO 02 appeals and 10 demands, so it gives no label).

Never trained on: what we score as held out. The PETRARCH unit-test records and the test half
of the PLOVER GSR (``eval events --split test``) are read only to drop any training sentence
that is one of them or opens like one (``held_out_keys``; the codebook's examples are largely
the GSR's own sentences), and the script checks the result (``assert_not_held_out``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .classifier import (
    Lexicons,
    LinearHead,
    features,
    fingerprint,
    hash_features,
    pattern_roots,
    pattern_senses,
    quad_of_root,
)

SEED = 13
BITS = 20

# PLOVER 0.5b1 event names -> ConfliBERT quad class (None: ambiguous)
PLOVER_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2,
               "RETREAT": 2, "REQUEST": 0, "DEMAND": None, "ACCUSE": 3, "DISAPPROVE": 3,
               "INVESTIGATE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4,
               "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4, "FIGHT": 4}


@dataclass
class Example:
    text: str
    quad: int | None
    root: str | None = None
    source: str = ""


# ------------------------------------------------------------------------------ readers
def read_conflibert(path: str | Path) -> list[Example]:
    """``sentence TAB class`` lines (class 0-4); other lines are an error naming the line. A
    first line whose class is not a number is a column header ("sentence<TAB>label") and is
    skipped, as spreadsheet exports of such files carry one."""
    out: list[Example] = []
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            text, _, label = line.rpartition("\t")
            if not out and n == 1 and text and not label.strip().isdigit():
                continue  # a header
            if not text or not label.strip().isdigit() or not 0 <= int(label) <= 4:
                raise ValueError(f"{path}:{n}: expected 'sentence<TAB>quad class 0-4'")
            out.append(Example(text.strip(), int(label), None, "conflibert"))
    return out


def read_cameo_examples(path: str | Path) -> list[Example]:
    raw = Path(path).read_bytes().decode("utf-8", errors="replace")
    out = []
    for row in csv.DictReader(io.StringIO(raw)):
        ex, code = (row.get("example") or "").strip(), (row.get("code") or "").strip()
        if not ex or ex == "NA" or not code[:2].isdigit():
            continue
        for sent in re.split(r"(?<=[.!?])\s+(?=[A-Z])", ex)[:1]:  # the first sentence only
            out.append(Example(sent, quad_of_root(code[:2]), code[:2], "cameo-codebook"))
    return out


def _plover_records(path: str | Path) -> list[dict]:
    import json

    return [r for r in json.loads(Path(path).read_text(encoding="utf-8"))
            if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"]


def _plover_split(text: str) -> str:
    from ..eval.events import GoldRecord, split_of

    return split_of(GoldRecord(id="", text=text, date=None, events=[]))


def read_plover_dev_examples(path: str | Path) -> list[Example]:
    """The dev half of the PLOVER GSR (``eval events --split dev``) with a quad label."""
    out = []
    for r in _plover_records(path):
        q = PLOVER_QUAD.get(str(r.get("event")).upper())
        if q is not None and _plover_split(str(r["text"])) == "dev":
            out.append(Example(str(r["text"]), q, None, "plover-dev"))
    return out


EXTRA_SOURCES = {"codebook": ("cameo-codes.csv", read_cameo_examples),
                 "plover-dev": ("PLOVER_GSR_CAMEO.json", read_plover_dev_examples)}
# The shipped model's sources (docs/events.md, *Typing*); never the PETRARCH records or the
# PLOVER test half, which `eval events --petrarch/--plover --split test` score as unseen.
DEFAULT_SOURCES: tuple[str, ...] = ()


def _opening(text: str, words: int = 6) -> str:
    """The first words of a sentence, case and punctuation folded (near-copies share it)."""
    norm = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    return " ".join(norm[:words])


def held_out_keys(events_dir: str | Path) -> tuple[set[str], set[str]]:
    """(fingerprints, openings) of the sentences we score as held out: every PETRARCH
    unit-test record and the test half of the PLOVER GSR, where they exist."""
    from ..eval.events import read_petrarch

    d = Path(events_dir)
    texts: list[str] = []
    if (d / "PETR.UnitTest.records.xml").is_file():
        records, _ = read_petrarch(d / "PETR.UnitTest.records.xml")
        texts += [r.text for r in records if r.text]
    if (d / "PLOVER_GSR_CAMEO.json").is_file():
        texts += [str(r["text"]) for r in _plover_records(d / "PLOVER_GSR_CAMEO.json")
                  if _plover_split(str(r["text"])) == "test"]
    return {fingerprint(t) for t in texts}, {_opening(t) for t in texts if len(t.split()) >= 6}


def is_held_out(text: str, keys: tuple[set[str], set[str]]) -> bool:
    return fingerprint(text) in keys[0] or _opening(text) in keys[1]


def assert_not_held_out(examples: Sequence[Example], events_dir: str | Path) -> None:
    """Raise when a training sentence is (or opens like) a sentence we score as held out."""
    keys = held_out_keys(events_dir)
    bad = [e for e in examples if is_held_out(e.text, keys)]
    if bad:
        raise ValueError(f"{len(bad)} training sentences are held-out evaluation sentences "
                         f"(first from {bad[0].source!r})")


def extra_examples(events_dir: str | Path, sources: Sequence[str] = DEFAULT_SOURCES
                   ) -> list[Example]:
    """The non-ConfliBERT training sentences of ``sources`` that exist under ``events_dir``,
    minus any that is (or opens like) a held-out evaluation sentence."""
    d = Path(events_dir)
    out: list[Example] = []
    for src in sources:
        if src not in EXTRA_SOURCES:
            raise ValueError(f"unknown training source {src!r}; use "
                             + ", ".join(EXTRA_SOURCES))
        name, reader = EXTRA_SOURCES[src]
        if (d / name).is_file():
            out += reader(d / name)
    if out:
        keys = held_out_keys(d)
        out = [e for e in out if not is_held_out(e.text, keys)]
    return out


def cameo_lexicons(verb_dict: str | Path | None) -> tuple[dict, dict]:
    """(lemma -> roots, "lemma|object" -> roots) from a PETRARCH/CAMEO verb dictionary."""
    if verb_dict is None or not Path(verb_dict).is_file():
        return {}, {}
    from collections import Counter

    from .verb_dicts import read_verb_dictionary, to_patterns

    verbs: dict[str, Counter] = {}
    objects: dict[str, set[str]] = {}
    for e in to_patterns(read_verb_dictionary(verb_dict), require_target=False):
        root = str(e.get("cameo", ""))[:2]
        if quad_of_root(root) is None:
            continue
        lemmas = e["lemma"] if isinstance(e["lemma"], list) else [e["lemma"]]
        objs = e.get("object") or []
        for lem in lemmas:
            if objs:
                for o in objs:
                    objects.setdefault(f"{lem}|{o}", set()).add(root)
            elif not e.get("prep_object") and not e.get("xcomp"):
                verbs.setdefault(lem, Counter())[root] += 1
    # a verb's roots, most frequent in its dictionary entries first (ties: lower root)
    return ({k: [r for r, _ in sorted(v.items(), key=lambda x: (-x[1], x[0]))]
             for k, v in sorted(verbs.items())},
            {k: sorted(v) for k, v in sorted(objects.items())})


# ------------------------------------------------------------------------------ features
def parse(texts: Sequence[str], nlp: Any) -> list[Any]:
    return list(nlp.pipe(texts, batch_size=64))


def feature_lists(docs: Sequence[Any], lex: Lexicons) -> list[list[str]]:
    return [features(d, lex) for d in docs]


def matrix(feats: Sequence[Sequence[str]], bits: int = BITS):
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, f in enumerate(feats):
        b = hash_features(f, bits)
        rows.append(np.full(len(b), i))
        cols.append(b)
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return csr_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(feats), 1 << bits))


# ------------------------------------------------------------------------------ models
def make_model(name: str) -> Any:
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.naive_bayes import ComplementNB
    from sklearn.svm import LinearSVC

    if name == "logreg":
        return LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced", random_state=SEED)
    if name == "logreg-c1":
        return LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced", random_state=SEED)
    if name == "linearsvc-c1":
        return LinearSVC(C=1.0, class_weight="balanced", random_state=SEED)
    if name == "linearsvc-c01":
        return LinearSVC(C=0.1, class_weight="balanced", random_state=SEED)
    if name == "linearsvc":
        return LinearSVC(C=0.3, class_weight="balanced", random_state=SEED)
    if name == "sgd-modhuber":
        return SGDClassifier(loss="modified_huber", alpha=1e-4, class_weight="balanced",
                             max_iter=50, tol=None, random_state=SEED)
    if name == "complement-nb":
        return ComplementNB(alpha=0.3)
    raise ValueError(f"unknown model {name!r}")


MODELS = ("logreg", "logreg-c1", "linearsvc", "linearsvc-c1", "linearsvc-c01", "sgd-modhuber",
          "complement-nb")


def _scores(model, X) -> np.ndarray:
    if hasattr(model, "decision_function"):
        s = model.decision_function(X)
    else:
        s = model.predict_log_proba(X)
    return np.asarray(s, dtype=np.float64)


def compact(X) -> tuple[Any, np.ndarray]:
    """(X restricted to its non-empty columns, their bucket ids): solvers then work on the
    ~10^5 features seen instead of 2**bits (no labels involved, so no leak across folds)."""
    cols = np.unique(X.nonzero()[1])
    return X[:, cols].tocsr(), cols.astype(np.int64)


def to_head(model, X, classes: Sequence[str], temperature: float = 1.0,
            cols: np.ndarray | None = None) -> LinearHead:
    """The fitted linear model as a compact head: only buckets seen in ``X`` are stored
    (``cols``: bucket id of each column of a compacted ``X``)."""
    seen = np.unique(X.nonzero()[1])
    if hasattr(model, "coef_"):
        coef = np.asarray(model.coef_)
        bias = np.asarray(model.intercept_)
    else:  # ComplementNB: feature_log_prob_ (k, n) -> linear scores
        coef = np.asarray(model.feature_log_prob_)
        bias = np.zeros(coef.shape[0])
    if coef.shape[0] == 1:  # binary: sklearn keeps one row
        coef = np.vstack([-coef[0], coef[0]])
        bias = np.array([-bias[0], bias[0]])
    w = coef[:, seen].T.astype(np.float32)
    ids = cols[seen] if cols is not None else seen
    order = np.argsort(ids)
    return LinearHead(tuple(classes), ids[order].astype(np.int64), w[order],
                      bias.astype(np.float32), temperature)


def _log_loss(scores: np.ndarray, y: np.ndarray, t: float) -> float:
    z = scores / t
    z = z - z.max(axis=1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-logp[np.arange(len(y)), y].mean())


def fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """Temperature that minimises the log-loss of out-of-fold scores (calibration).

    A bounded continuous search on log T (was the best of 80 grid points: a retrain whose
    out-of-fold scores moved a little could jump one grid step, 8 %, and move 13-37 of the
    PLOVER dev and PETRARCH sentences across a confidence gate); rounded to 4 digits so the
    model file stays the same byte for byte."""
    from scipy.optimize import minimize_scalar

    res = minimize_scalar(lambda lt: _log_loss(scores, y, float(np.exp(lt))),
                          bounds=(np.log(0.02), np.log(50.0)), method="bounded",
                          options={"xatol": 1e-5})
    return round(float(np.exp(res.x)), 4)


def repeated_oof(name: str, X, y: np.ndarray, seeds: Sequence[int], X_extra=None,
                 y_extra=None, k: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold scores of ``k``-fold CV repeated with each fold seed, stacked (scores, y):
    the temperature fitted on them depends less on one fold assignment."""
    outs = [cross_validate(name, X, y, X_extra, y_extra, k=k, seed=s).oof_scores for s in seeds]
    return np.vstack(outs), np.concatenate([y] * len(seeds))


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def reliability(proba: np.ndarray, y: np.ndarray, bins: Sequence[float] = (
        0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0)) -> tuple[list[dict], float]:
    """Reliability of the top class's probability: per bin the sentences, their mean
    probability and the share whose top class is right; and the expected calibration error."""
    top = proba.max(axis=1)
    right = proba.argmax(axis=1) == y
    rows, ece = [], 0.0
    for lo, hi in zip(bins[:-1], bins[1:]):
        sel = (top > lo) & (top <= hi)
        if not sel.any():
            continue
        mean_p, acc = float(top[sel].mean()), float(right[sel].mean())
        ece += float(sel.mean()) * abs(mean_p - acc)
        rows.append({"bin": f"{lo:.2f}-{hi:.2f}", "n": int(sel.sum()),
                     "mean_p": round(mean_p, 4), "accuracy": round(acc, 4)})
    return rows, round(ece, 4)


@dataclass
class CVResult:
    model: str
    accuracy: float
    macro_f1: float
    per_class: dict
    confusion: list
    oof_scores: np.ndarray  # out-of-fold decision scores (n, k)
    predictions: np.ndarray


def prf(y: np.ndarray, pred: np.ndarray, labels: Sequence[int]) -> tuple[dict, float, list]:
    per = {}
    f1s = []
    for c in labels:
        tp = int(((pred == c) & (y == c)).sum())
        p = tp / max(int((pred == c).sum()), 1)
        r = tp / max(int((y == c).sum()), 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[str(c)] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                       "support": int((y == c).sum())}
        f1s.append(f)
    conf = [[int(((y == a) & (pred == b)).sum()) for b in labels] for a in labels]
    return per, float(np.mean(f1s)), conf


def folds(y: np.ndarray, k: int = 5, seed: int = SEED) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return list(skf.split(np.zeros(len(y)), y))


def cross_validate(name: str, X, y: np.ndarray, X_extra=None, y_extra=None, k: int = 5,
                   labels: Sequence[int] = (0, 1, 2, 3, 4), seed: int = SEED) -> CVResult:
    from scipy.sparse import vstack

    scores = np.zeros((len(y), len(labels)))
    for tr, te in folds(y, k, seed):
        Xtr, ytr = X[tr], y[tr]
        if X_extra is not None and X_extra.shape[0]:
            Xtr, ytr = vstack([Xtr, X_extra]), np.concatenate([ytr, y_extra])
        m = make_model(name).fit(Xtr, ytr)
        s = _scores(m, X[te])
        idx = [list(m.classes_).index(c) for c in labels]
        scores[te] = s[:, idx]
    pred = np.asarray(labels)[scores.argmax(axis=1)]
    per, macro, conf = prf(y, pred, labels)
    return CVResult(name, float((pred == y).mean()), macro, per, conf, scores, pred)


def fit_head(name: str, X, y: np.ndarray, classes: Sequence[Any],
             temperature: float = 1.0, cols: np.ndarray | None = None) -> LinearHead:
    m = make_model(name).fit(X, y)
    order = [list(m.classes_).index(c) for c in classes]
    head = to_head(m, X, [str(c) for c in m.classes_], temperature, cols)
    head.weights = head.weights[:, order]
    head.bias = head.bias[order]
    head.classes = tuple(str(c) for c in classes)
    return head


def train_quad_predictor(train: list[Example], nlp: Any, lex: Lexicons, model: str = "logreg",
                         bits: int = BITS) -> Callable[[Any], np.ndarray]:
    """A quad-class probability function trained on ``train`` (used per fold by eval)."""
    docs = parse([e.text for e in train], nlp)
    X, cols = compact(matrix(feature_lists(docs, lex), bits))
    y = np.array([e.quad for e in train])
    labels = sorted(set(int(v) for v in y))
    head = fit_head(model, X, y, labels, cols=cols)

    def predict(span: Any) -> np.ndarray:
        p = head.proba(hash_features(features(span, lex), bits))
        out = np.zeros(5)
        for c, v in zip(head.classes, p):
            out[int(c)] = v
        return out

    return predict


def default_lexicons(verb_dict: str | Path | None) -> Lexicons:
    verbs, objects = cameo_lexicons(verb_dict)
    senses = {k: tuple((str(r), dict(c)) for r, c in v) for k, v in pattern_senses().items()}
    return Lexicons({k: tuple(v) for k, v in verbs.items()},
                    {k: tuple(v) for k, v in objects.items()}, pattern_roots(), senses)


def vstack_rows(a, b):
    from scipy.sparse import vstack

    return vstack([a, b]).tocsr()
