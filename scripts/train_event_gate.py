"""Train the event gate shipped in ``src/multivector/events/data/event_gate.json``.

    PYTHONPATH=src .venv/bin/python scripts/train_event_gate.py      # ~3 min on 2 cores

Training rows (``eval/gate_train.py``): every candidate event the pipeline emits with the gate
off on the PLOVER GSR records (``--plover``; the shipped model reads the dev half only, so that
``eval events --plover --split test`` stays a held-out figure), the PETRARCH unit-test records
(beside the PLOVER file) and the dev half of the BBC event gold (never its held-out half, never
the second round), each labelled right or wrong as its scorer matches triples.

Prints 5-fold cross-validated figures (folds by sentence text, by article for the BBC gold;
deterministic): for each threshold, the triple F1 of each source when the candidates whose
out-of-fold probability is under it are dropped (PLOVER here over all its records, as ``eval
events --plover --cv`` retrains the gate per fold), and the Brier score of the probabilities.
The threshold written is the one with the highest mean F1 over the three sources, among those
where no source falls by more than ``TOLERANCE`` from keeping everything (``--threshold``
overrides). Deterministic: fixed folds, liblinear, sorted features, rounded weights.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
from pathlib import Path

from multivector.config import Config
from multivector.eval import gate_train
from multivector.eval.events import process, read_plover, split_of
from multivector.eval.gate_train import THRESHOLDS, Row
from multivector.events import gate

TOLERANCE = 0.005  # a source may fall this much (noise) for the others' gain


def collect(plover: Path, config: Config) -> list[Row]:
    records = read_plover(plover)
    coder = gate_train._coder(config)
    coder.gate = None
    rows = gate_train.plover_rows(records, process(records, config), coder)
    extra, _ = gate_train.extra_rows(plover, config)
    return rows + extra


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--plover", default="../shared/eval/events/PLOVER_GSR_CAMEO.json")
    ap.add_argument("--out", default=str(gate.MODEL_FILE))
    ap.add_argument("--cache", help="pickle of the collected rows (re-used when it exists)")
    ap.add_argument("--threshold", type=float, default=None, help="threshold written (default: chosen)")
    args = ap.parse_args(argv)
    plover = Path(args.plover)
    if args.cache and Path(args.cache).is_file():
        with open(args.cache, "rb") as fh:
            rows = pickle.load(fh)
    else:
        rows = collect(plover, Config())
        if args.cache:
            with open(args.cache, "wb") as fh:
                pickle.dump(rows, fh)
    sources = sorted({r.source for r in rows})
    for s in sources:
        rs = [r for r in rows if r.source == s]
        n = sum(len(r.events) for r in rs)
        print(f"{s}: {len(rs)} sentences, {n} candidates, {sum(sum(r.labels) for r in rs)} right",
              file=sys.stderr)
    probs = gate_train.out_of_fold(rows)
    brier = statistics.fmean((p - lab) ** 2 for r, ps in zip(rows, probs)
                             for p, lab in zip(ps, r.labels))
    print(f"out-of-fold Brier score {brier:.4f}")
    table: dict[float, dict[str, float]] = {}
    for t in THRESHOLDS:
        table[t] = {}
        for s in sources:
            idx = [i for i, r in enumerate(rows) if r.source == s]
            res = gate_train.f1_at([rows[i] for i in idx], [probs[i] for i in idx], t)
            table[t][s] = res["f1"]
            table[t][s + "_p"] = res["precision"]
            table[t][s + "_r"] = res["recall"]
        print(f"  threshold {t:.2f}  " + "  ".join(
            f"{s} F1 {table[t][s]:.4f} (P {table[t][s + '_p']:.3f} R {table[t][s + '_r']:.3f})"
            for s in sources))
    base = table[0.0]
    ok = [t for t in THRESHOLDS if all(table[t][s] >= base[s] - TOLERANCE for s in sources)]
    chosen = args.threshold if args.threshold is not None else max(
        ok, key=lambda t: (round(statistics.fmean(table[t][s] for s in sources), 4), -t))
    print(f"threshold {chosen}")
    train = [r for r in rows if r.source != "plover" or split_of(r.record) == "dev"]
    n_c = sum(len(r.events) for r in train)
    meta = {"trained_on": f"{plover.name} dev half + PETRARCH unit records + BBC gold dev half "
                          f"({len(train)} sentences, {n_c} candidates)",
            "plover_split": "dev", "folds": gate_train.FOLDS,
            "cv": {f"{t:.2f}": {s: table[t][s] for s in sources} for t in (0.0, chosen)}}
    out = gate_train.model(train, chosen, meta)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=0, sort_keys=True, ensure_ascii=False)
        fh.write("\n")
    print(f"wrote {args.out} ({len(out['weights'])} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
