"""``multivector eval events --plover FILE --cv [--folds K]``: k-fold figures of the PLOVER triples.

Why: the GSR's dev half was read for years of rule tuning and scored 0.72 where the unseen test
half scored 0.48; a figure over every record, with whatever is learned from PLOVER retrained
without the scored fold, compares learned choices without depending on which half was read,
and its per-fold spread says how far one half moves by chance. A separate module so that
``eval.events`` (the scorer) does not import the ranker's training code, which imports it.
"""

from __future__ import annotations

import statistics
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..doc import Event
from ..events.argrank import ArgRanker, load_ranker
from ..events.gate import load_gate
from . import argrank_train, gate_train
from .events import GoldRecord, _coder, run_plover, score


def fold_of(record: GoldRecord, folds: int) -> int:
    """The cross-validation fold of a record (0 .. folds-1): CRC32 of its normalised text
    with the dev/test bit shifted out, so that every fold holds records of both halves and
    records sharing a sentence share a fold."""
    key = " ".join(record.text.lower().split()).encode("utf-8")
    return (zlib.crc32(key) >> 1) % folds


def cross_validate_plover(records: list[GoldRecord], docs: Sequence[Any], predicted: list[list[Event]],
                          folds: int, path: Path, config=None,
                          pattern_files: tuple[str, ...] = ()) -> dict:
    """K-fold figures of the PLOVER triples. What is learned from PLOVER records (the argument
    ranker when its model was trained on them, ``meta.plover_split``) is retrained for each
    fold on its other records (with the ConfliBERT BIO rows the script trains on, when the
    file is found beside ``path`` as ``conflibert/cameo_ner_train.txt``), so no record is
    scored by a model that saw it; without such a component the folds score ``predicted``.
    Returns ``cv_f1`` (the pooled out-of-fold predictions), each fold's F1, their mean and
    standard deviation (the spread says how far a figure on one half can move by chance)."""
    if folds < 2:
        raise ValueError("--folds: cross-validation needs at least 2 folds")
    fold = [fold_of(r, folds) for r in records]
    shipped = load_ranker()
    oof = list(predicted)
    retrained = None
    coders = [_coder(config, pattern_files=pattern_files) for _ in range(folds)]
    if shipped is not None and shipped.meta.get("plover_split"):
        rules = _coder(config, pattern_files=pattern_files)
        rules.arg_ranker = None
        rules.gate = None  # the ranker works on the candidates, before the gate
        rows = argrank_train.plover_rows(records, docs, rules)
        bio = Path(path).parent / "conflibert" / "cameo_ner_train.txt"
        base = argrank_train.conflibert_rows(bio, "dev", config) if bio.is_file() else []
        retrained = ("argument ranker: " + (f"{bio.name} dev half + " if base else "")
                     + "PLOVER records of the other folds")
        for k in range(folds):
            train = base + [r for r, f in zip(rows, fold) if f != k]
            coders[k].arg_ranker = ArgRanker(argrank_train.model(train, dict(shipped.params)))
            for i, d in enumerate(docs):
                if fold[i] == k:
                    oof[i] = coders[k].code(d) if d is not None else []
    gate = load_gate()
    if gate is not None and gate.meta.get("plover_split"):
        oof = _gate_folds(records, docs, fold, folds, coders, gate, Path(path), config)
        retrained = (retrained + "; " if retrained else "") + "event gate: " + gate_train_note(
            Path(path))
    per_fold = []
    for k in range(folds):
        idx = [i for i, f in enumerate(fold) if f == k]
        per_fold.append(score([records[i] for i in idx], [oof[i] for i in idx], "plover")["f1"])
    pooled = score(records, oof, "plover")
    return {"cv_f1": pooled["f1"], "cv_precision": pooled["precision"],
            "cv_recall": pooled["recall"], "cv_folds": folds, "cv_fold_f1": per_fold,
            "cv_fold_records": [fold.count(k) for k in range(folds)],
            "cv_mean_f1": round(statistics.fmean(per_fold), 4),
            "cv_std_f1": round(statistics.pstdev(per_fold), 4),
            "cv_retrained": retrained}


def gate_train_note(path: Path) -> str:
    return "PLOVER records of the other folds + " + ", ".join(
        n for n, ok in (("PETRARCH unit records", (path.parent / "PETR.UnitTest.records.xml").is_file()),
                        ("BBC gold dev half", gate_train.BBC_GOLD.is_file())) if ok)


def _gate_folds(records: list[GoldRecord], docs: Sequence[Any], fold: list[int], folds: int,
                coders: list[Any], gate: Any, path: Path, config=None) -> list[list[Event]]:
    """Each record's events through a gate trained without its fold: fold ``k``'s coder (its
    argument ranker retrained when one is) codes every record with the gate off; the gate is
    fitted on the candidates of the other folds' records plus the PETRARCH and BBC dev rows
    (``gate_train.extra_rows``) and keeps fold ``k``'s candidates at or over the shipped
    model's threshold."""
    extra, _ = gate_train.extra_rows(path, config)
    out: list[list[Event]] = [[] for _ in records]
    for k in range(folds):
        coders[k].gate = None
        rows = gate_train.plover_rows(records, docs, coders[k])
        w = gate_train.fit([r for r, f in zip(rows, fold) if f != k] + extra)
        for i, r in enumerate(rows):
            if fold[i] == k:
                out[i] = [e for e, f in zip(r.events, r.feats)
                          if gate_train.proba(w, f) >= gate.threshold]
    return out


def evaluate_plover_cv(path: str | Path, config=None, verbs: tuple[str, ...] = (),
                       split: str | None = None, folds: int = 5) -> dict:
    """``evaluate_plover``'s keys, all kept, plus the ``cross_validate_plover`` figures over
    the selected records."""
    if folds < 2:
        raise ValueError("--folds: cross-validation needs at least 2 folds")
    result, records, docs, predicted = run_plover(path, config, verbs, split)
    result.update(cross_validate_plover(records, docs, predicted, folds, Path(path), config,
                                        tuple(verbs)))
    return result
