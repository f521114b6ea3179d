"""Training rows and fitting of the event gate (``events/gate.py``).

Shared by ``scripts/train_event_gate.py`` (the shipped model) and ``multivector eval events
--plover FILE --cv K`` (one gate per fold, so that no PLOVER record is scored by a gate that saw
it). scikit-learn is imported here only: the run-time gate needs none.

A row is one gold sentence with every candidate event the coder emits on it with the gate off
(``EventCoder(use_gate=False)``), each candidate's gate features, and its label: right when one
of the (source, target, type) triples it gives matches a gold triple of its sentence the way the
sentence's scorer matches them (``eval.events.score``: the type is the PLOVER category for
PLOVER records, the CAMEO root for PETRARCH records and the BBC gold; sources and targets match
on their country code, or on the sector of a country-less ``---XXX`` code; a target-less event
matches a target-less gold event). A candidate on a sentence with no gold event is wrong. Three
sources:

* PLOVER GSR records (``plover_rows``): real-news sentences, each holding an event;
* PETRARCH unit-test records (``petrarch_rows``, with the file's own dictionaries loaded as
  ``eval events --petrarch`` loads them): constructed sentences, a few without events;
* the dev half of the BBC event gold (``bbc_rows``): whole articles coded sentence by sentence,
  most sentences without a codable event: the negatives the other two lack. Its held-out half
  and the second round (``bbc_events_r2.jsonl``) are never read.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..doc import ActorRef, Event
from .events import GoldRecord, _coder, _pred_code, _recipients, _self_pair, _tmatch, score

C = 0.3  # inverse L2 strength (liblinear); fixed, not tuned on the scored folds
MIN_COUNT = 3  # a feature seen in fewer candidates carries no weight
FOLDS = 5
SOURCE_WEIGHT: dict[str, float] = {}
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(0, 13))  # 0.0 .. 0.6
REPO = Path(__file__).resolve().parents[3]
BBC_GOLD = REPO / "tests" / "gold" / "bbc_events.jsonl"


@dataclass
class Row:
    """One gold sentence: its record (gold events), the candidates, their features and labels."""

    source: str  # plover, petrarch, bbc
    group: str  # sentences of one group share a fold (an article, a sentence text)
    record: GoldRecord
    events: list[Event] = field(default_factory=list)
    feats: list[dict[str, float]] = field(default_factory=list)
    labels: list[bool] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "plover" if self.source == "plover" else "petrarch"


def right(ev: Event, record: GoldRecord, kind: str) -> bool:
    """Does one of the event's triples match a gold triple of its sentence (``score``'s
    matching)?"""
    def ptype(e: Event) -> str | None:
        return (e.cameo or "")[:2] if kind == "petrarch" else e.plover

    gold = [(s, t, (g.cameo or "")[:2] if kind == "petrarch" else g.plover)
            for g in record.events for s in (g.source or [""]) for t in (g.target or [""])]
    pred = [(_pred_code(s), _pred_code(t) if t else "", ptype(ev))
            for s in (ev.source or [ActorRef()])
            for t in (_recipients(ev) if kind == "plover" else ev.target) or [ActorRef()]
            if not _self_pair(s, t)]
    return any(_tmatch(g, p) for g in gold for p in pred)


def _coded(coder: Any, doc: Any) -> tuple[list[Event], list[dict[str, float]]]:
    if doc is None:
        return [], []
    evs = coder.code(doc)
    return evs, list(coder.gate_features)


def _rows(source: str, records: Sequence[GoldRecord], docs: Sequence[Any], coder: Any,
          groups: Sequence[str] | None = None) -> list[Row]:
    kind = "plover" if source == "plover" else "petrarch"
    out = []
    for i, (rec, doc) in enumerate(zip(records, docs)):
        evs, feats = _coded(coder, doc)
        group = groups[i] if groups is not None else " ".join(rec.text.lower().split())
        out.append(Row(source, group, rec, evs, feats, [right(e, rec, kind) for e in evs]))
    return out


def plover_rows(records: Sequence[GoldRecord], docs: Sequence[Any], coder: Any) -> list[Row]:
    """Rows of PLOVER records (``docs``: ``eval.events.process``), coded by ``coder`` (gate off)."""
    return _rows("plover", records, docs, coder)


def petrarch_rows(path: str | Path, config: Any = None) -> list[Row]:
    """Rows of the PETRARCH unit-test records, coded with the file's dictionaries."""
    from .events import petrarch_setup, process

    with petrarch_setup(Path(path)) as (records, overlay, pattern_files, _, _):
        coder = _coder(config, overlay, tuple(pattern_files))
        coder.gate = None
        docs = process(records, config)
        return _rows("petrarch", records, docs, coder)


def bbc_rows(gold: str | Path = BBC_GOLD, config: Any = None, split: str = "dev") -> list[Row]:
    """Rows of the annotated sentences of the BBC gold's ``split`` half (``dev`` only: the
    held-out half is never read), each article analysed as a whole (the events stage's
    document context), its events given to sentences as ``eval events --gold`` gives them."""
    from ..config import Config
    from ..pipeline import Pipeline
    from .bbc_events import by_sentence, load_gold
    from .bbc_quotes import default_corpus, read_article

    if split != "dev":
        raise ValueError("the gate is trained on the BBC gold's dev half only")
    arts = load_gold(gold, split)
    corpus = default_corpus(gold)
    documents = [read_article(corpus, a.file) for a in arts]
    pipe = Pipeline(config or Config(), stages=["quotes"])
    analysed, _ = pipe.process(documents)
    by_source = {d.document.source: d for d in analysed}
    coder = _coder(config)
    coder.gate = None
    out = []
    for art, document in zip(arts, documents):
        evs, feats = _coded(coder, by_source.get(document.source))
        fid = {id(e): f for e, f in zip(evs, feats)}
        for k, (s, sent_evs) in enumerate(zip(art.sentences, by_sentence(art, evs))):
            rec = GoldRecord(id=f"{art.file}#{k}", text="", date=None, events=list(s.events))
            out.append(Row("bbc", art.file, rec, list(sent_evs), [fid[id(e)] for e in sent_evs],
                           [right(e, rec, "petrarch") for e in sent_evs]))
    return out


def extra_rows(plover_path: str | Path, config: Any = None) -> tuple[list[Row], list[str]]:
    """The PETRARCH and BBC dev rows when their files are found (the PETRARCH records beside
    the PLOVER file, the BBC gold in the repository with its corpus), and what was used."""
    from .bbc_quotes import default_corpus

    rows: list[Row] = []
    used = []
    petr = Path(plover_path).parent / "PETR.UnitTest.records.xml"
    if petr.is_file():
        rows += petrarch_rows(petr, config)
        used.append(petr.name)
    if BBC_GOLD.is_file() and default_corpus(BBC_GOLD).is_dir():
        rows += bbc_rows(BBC_GOLD, config)
        used.append(f"{BBC_GOLD.name} dev half")
    return rows, used


# ------------------------------------------------------------------------------ fitting
def fold_of_group(group: str, folds: int = FOLDS) -> int:
    """A row's fold: CRC32 of its group with the dev/test bit shifted out (as
    ``plover_cv.fold_of`` for PLOVER records)."""
    return (zlib.crc32(group.encode("utf-8")) >> 1) % folds


def fit(rows: Sequence[Row], c: float | None = None, min_count: int | None = None
        ) -> dict[str, float]:
    """Weights of a logistic regression over the candidates of ``rows`` (features seen in
    fewer than ``min_count`` candidates dropped; sorted, rounded: deterministic)."""
    from collections import Counter

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    feats = [f for r in rows for f in r.feats]
    labels = [lab for r in rows for lab in r.labels]
    if not feats or len(set(labels)) < 2:
        return {"bias": 0.0}
    counts = Counter(k for f in feats for k in f)
    least = MIN_COUNT if min_count is None else min_count
    names = sorted(k for k, n in counts.items() if n >= least and k != "bias")
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(feats), len(names)))
    for i, f in enumerate(feats):
        for k, v in f.items():
            j = index.get(k)
            if j is not None:
                x[i, j] = v
    y = np.array(labels, dtype=int)
    lr = LogisticRegression(C=C if c is None else c, solver="liblinear", max_iter=1000)
    lr.fit(x, y, sample_weight=_weights(rows))
    w = {k: round(float(v), 4) for k, v in zip(names, lr.coef_[0]) if abs(v) >= 1e-4}
    w["bias"] = round(float(lr.intercept_[0]), 4)
    return w


def _weights(rows: Sequence[Row]) -> Any:
    """One weight per candidate: each source's candidates weigh ``SOURCE_WEIGHT`` times
    (the few BBC candidates are the only real-news negatives)."""
    import numpy as np

    return np.array([SOURCE_WEIGHT.get(r.source, 1.0) for r in rows for _ in r.feats])


def proba(w: dict[str, float], f: dict[str, float]) -> float:
    from ..events.gate import Gate

    return Gate(w, 0.0, {}).proba(f)


def out_of_fold(rows: Sequence[Row], folds: int = FOLDS, extra: Sequence[Row] = ()
                ) -> list[list[float]]:
    """Each candidate's probability from a gate trained on the rows of the other folds (and on
    every ``extra`` row)."""
    fold = [fold_of_group(r.group, folds) for r in rows]
    out: list[list[float]] = [[] for _ in rows]
    for k in range(folds):
        w = fit([r for r, f in zip(rows, fold) if f != k] + list(extra))
        for i, r in enumerate(rows):
            if fold[i] == k:
                out[i] = [proba(w, f) for f in r.feats]
    return out


def f1_at(rows: Sequence[Row], probs: Sequence[Sequence[float]], threshold: float) -> dict:
    """``score`` of the rows (one kind) keeping the candidates at or over ``threshold``."""
    kept = [[e for e, p in zip(r.events, ps) if p >= threshold] for r, ps in zip(rows, probs)]
    return score([r.record for r in rows], kept, rows[0].kind if rows else "plover")


def model(rows: Sequence[Row], threshold: float, meta: dict) -> dict:
    """The model file's content."""
    return {"weights": fit(rows), "threshold": threshold,
            "meta": {**meta, "C": C, "min_count": MIN_COUNT}}
