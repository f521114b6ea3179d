"""``multivector eval actors``: mention precision/recall and linking accuracy against gold.

Gold format (JSON lines, one document per line)::

    {"source": "examples/01_....txt", "doc_id": "6c8c...", "date": "2023-03-17",
     "mentions": [{"start": 0, "end": 8, "text": "Karimova", "actor_id": "PER:dilnoza-karimova"}, ...]}

Offsets are into the cleaned text that ``multivector analyze`` stores; ``doc_id`` (the hash of
that text) guards against stale gold. Spans are compared after dropping a leading "the", so
"the Kremlin" and "Kremlin" are the same mention. Strict scores need identical spans; lenient
ones accept overlapping spans. Linking accuracy is the share of overlapping (matched) gold
mentions whose predicted actor id is the gold id.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

GOLD_NAME = Path("tests") / "gold" / "actors_examples.jsonl"


class GoldError(ValueError):
    pass


def default_gold() -> Path:
    here = Path.cwd() / GOLD_NAME
    if here.is_file():
        return here
    return Path(__file__).resolve().parents[3] / GOLD_NAME


def _norm(text: str, start: int, end: int) -> tuple[int, int]:
    low = text[start:end].lower()
    if low.startswith("the ") and end - start > 4:
        start += 4
    return start, end


def _read_gold(path: Path) -> list[dict]:
    if not path.is_file():
        raise GoldError(f"{path}: gold file not found")
    recs = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            rec["source"], rec["mentions"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}:{i}: not a gold record ({exc})") from exc
        recs.append(rec)
    return recs


def _locate(source: str, gold: Path) -> str:
    if "://" in source or Path(source).exists():
        return source
    for base in gold.resolve().parents:
        if (base / source).exists():
            return str(base / source)
    raise GoldError(f"{gold}: source {source!r} not found (run from the project root)")


def evaluate(gold_path: str | Path, pipeline=None) -> dict:
    from ..ingest.sources import expand
    from ..pipeline import Pipeline
    from ..runner import iter_documents

    gold_path = Path(gold_path)
    recs = _read_gold(gold_path)
    pipeline = pipeline or Pipeline(stages=["actors"])
    tp_strict = tp_lenient_gold = tp_lenient_pred = 0
    n_gold = n_pred = matched = correct = 0
    by_method: dict[str, Counter] = {}
    errors: list[str] = []
    for rec in recs:
        refs, problems = expand([_locate(rec["source"], gold_path)])
        if problems:
            raise GoldError(f"{gold_path}: {rec['source']}: {problems[0]}")
        docs = [d for _, d in iter_documents(refs, pipeline.config, lambda msg: None)]
        if rec.get("doc_id"):
            docs = [d for d in docs if d.id == rec["doc_id"]]
            if not docs:
                raise GoldError(f"{gold_path}: {rec['source']}: no document with id "
                                f"{rec['doc_id']} (the cleaned text changed; re-annotate)")
        done, errs = pipeline.process(docs[:1])
        if errs:
            raise GoldError(f"{rec['source']}: {errs[0]}")
        doc = done[0]
        text = doc.text
        gold = []
        for g in rec["mentions"]:
            if text[g["start"]:g["end"]] != g["text"]:
                raise GoldError(f"{gold_path}: {rec['source']}: gold span {g['start']}-{g['end']} "
                                f"is {text[g['start']:g['end']]!r}, not {g['text']!r}")
            gold.append((*_norm(text, g["start"], g["end"]), g["actor_id"], g["text"]))
        pred = [(*_norm(text, m.start, m.end), m.actor_id, m.text, m.method) for m in doc.mentions]
        n_gold += len(gold)
        n_pred += len(pred)
        gold_spans = {(s, e) for s, e, *_ in gold}
        tp_strict += sum(1 for s, e, *_ in pred if (s, e) in gold_spans)
        for p in pred:
            if any(p[0] < g[1] and g[0] < p[1] for g in gold):
                tp_lenient_pred += 1
            else:
                errors.append(f"{rec['source']}: false mention {p[3]!r}@{p[0]} -> {p[2]} ({p[4]})")
        for g in gold:
            overl = [p for p in pred if p[0] < g[1] and g[0] < p[1]]
            if not overl:
                errors.append(f"{rec['source']}: missed {g[3]!r}@{g[0]} ({g[2]})")
                continue
            tp_lenient_gold += 1
            best = max(overl, key=lambda p: min(p[1], g[1]) - max(p[0], g[0]))
            matched += 1
            ok = best[2] == g[2]
            correct += ok
            c = by_method.setdefault(best[4], Counter())
            c["total"] += 1
            c["correct"] += ok
            if not ok:
                errors.append(f"{rec['source']}: {g[3]!r}@{g[0]} linked to {best[2]} "
                              f"({best[4]}), gold {g[2]}")

    def div(a, b):
        return round(a / b, 4) if b else 0.0

    p, r = div(tp_strict, n_pred), div(tp_strict, n_gold)
    lp, lr = div(tp_lenient_pred, n_pred), div(tp_lenient_gold, n_gold)
    return {
        "documents": len(recs), "gold_mentions": n_gold, "predicted_mentions": n_pred,
        "precision": p, "recall": r, "f1": div(2 * p * r, p + r),
        "lenient_precision": lp, "lenient_recall": lr, "lenient_f1": div(2 * lp * lr, lp + lr),
        "matched": matched, "linking_accuracy": div(correct, matched),
        "end_to_end_recall": div(correct, n_gold),
        "by_method": {k: dict(v) for k, v in sorted(by_method.items())},
        "errors": errors,
    }


def evaluate_gsr(path: str | Path, overlays: tuple[str, ...] = (), split: str | None = None) -> dict:
    """Country accuracy of the phrase resolver on the actor phrases of PLOVER's gold standard
    records (``PLOVER_GSR_CAMEO.json``: source/target ``actorText`` with a CAMEO ``code``).

    Only phrases whose code starts with a state we know (or ``IGO``) are scored; the record's
    date is passed, so office titles resolve by date. Sector is not scored: the GSR puts the
    sector of the whole clause ("Hungarian ... officials") on a one-word actorText.

    ``split`` (``dev`` or ``test``) keeps the records of that half, the same halves as
    ``eval events --split`` (``eval.events.split_of``: CRC32 of the record text); errors are
    read on ``dev`` only.
    """
    from ..actors.resolve import PhraseResolver
    from ..config import Config
    from .events import SPLITS, GoldRecord, split_of

    if split is not None and split not in SPLITS:
        raise GoldError(f"unknown split {split!r}; use dev or test")

    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read PLOVER GSR file: {exc}") from exc
    resolver = PhraseResolver(Config().with_settings("actors", files=tuple(overlays)))
    kb = resolver.kb
    n = ok = skipped = 0
    misses: list[str] = []
    for rec in records if isinstance(records, list) else []:
        if split is not None and (not isinstance(rec, dict) or split_of(
                GoldRecord(id="", text=str(rec.get("text") or ""), date=None)) != split):
            continue
        for side in ("source", "target"):
            acts = rec.get(side) or []
            acts = [acts] if isinstance(acts, dict) else acts
            for a in acts:
                if not isinstance(a, dict) or not a.get("actorText") or not a.get("code"):
                    continue
                code = str(a["code"])
                st = kb.get(code[:3])
                expect = code[:3] if st is not None and st.type == "state" else (
                    "IGO" if code.startswith("IGO") else None)
                if expect is None:
                    skipped += 1
                    continue
                res = resolver.resolve(a["actorText"], rec.get("date"))
                got = None if res is None else ("IGO" if res["type"] == "igo" else res["country"])
                n += 1
                ok += got == expect
                if got != expect:
                    misses.append(f"{a['actorText']!r}: {got} (gold {code})")
    return {"phrases": n, "skipped": skipped, "country_accuracy": round(ok / n, 4) if n else 0.0,
            "unresolved": sum(1 for m in misses if ": None (" in m), "errors": misses}
