"""Score the events stage on Chinese sentences (``tests/gold/zh_events_dev.jsonl`` and
``zh_events_heldout.jsonl``).

These sentences were written for this project in the register of Chinese news on international
relations (wire reports, foreign-ministry briefings); they are not real news. Each line holds the
text and the events a CAMEO coder codes in it: ``cameo``, ``source`` and ``target`` actor codes
(a symmetric event, "A与B举行会谈", is written as two events, one per direction) and the
``modality`` (asserted, negated, future, recommended, claimed, ...). A sentence with no codable
event has ``events: []`` and counts against precision when something is coded there.

Each sentence is analysed as its own document by the pipeline up to ``events`` (actors, quotes,
events) and scored as a record with the triple matching of ``eval events --petrarch`` and the BBC
gold (``eval.events.score``, ``kind="petrarch"``: CAMEO root, source and target matched on their
country code). Reported as in ``eval.bbc_events``: ``f1`` over every emitted event,
``asserted_f1`` over complete asserted/reported events against the gold's asserted events, and
``modality_accuracy``: of the gold events whose root and actors were found, the share whose
event has the gold modality.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .bbc_events import is_asserted, same_event
from .events import GoldEvent, GoldRecord, score

SPLITS = ("dev", "heldout")
GOLD_ASSERTED = ("asserted", "reported")


class ZhGoldError(ValueError):
    """The gold file cannot be read."""


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The sentences of ``path`` (jsonl: ``id``, ``text``, ``events``)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except ValueError as exc:
                raise ZhGoldError(f"{path}:{n}: {exc}") from None
            if not isinstance(r, dict) or "text" not in r or "events" not in r:
                raise ZhGoldError(f"{path}:{n}: a sentence needs 'text' and 'events'")
            rows.append(r)
    return rows


def _gold(e: dict) -> GoldEvent:
    return GoldEvent([str(c).upper() for c in e["source"]], [str(c).upper() for c in e["target"]],
                     None, str(e["cameo"]))


def score_sentences(rows: Sequence[dict], predicted: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Scores of ``predicted[i]`` (the events of sentence ``i``) against ``rows``."""
    recs = [GoldRecord(id=str(r.get("id", i)), text=r["text"], date=None,
                       events=[_gold(e) for e in r["events"]]) for i, r in enumerate(rows)]
    res = score(recs, [list(p) for p in predicted], "petrarch")
    res.pop("format", None)
    arecs = [GoldRecord(id=g.id, text=g.text, date=None,
                        events=[_gold(e) for e in r["events"]
                                if e.get("modality", "asserted") in GOLD_ASSERTED])
             for g, r in zip(recs, rows)]
    asserted = score(arecs, [[e for e in p if is_asserted(e)] for p in predicted], "petrarch")
    res["asserted_f1"] = asserted["f1"]
    res["asserted"] = {k: asserted[k] for k in ("predicted_events", "precision", "recall", "f1")}
    found = same = 0
    for r, p in zip(rows, predicted):
        for e in r["events"]:
            g = _gold(e)
            hit = next((x for x in p if same_event(g, x)), None)
            if hit is not None:
                found += 1
                same += hit.modality == e.get("modality", "asserted")
    res["modality_accuracy"] = round(same / found, 4) if found else None
    res["found_events"] = found
    return res


def _describe(e: Any) -> dict:
    from .events import _pred_code

    return {"cameo": e.cameo, "trigger": e.trigger, "modality": e.modality, "complete": e.complete,
            "source": [_pred_code(a) for a in e.source], "target": [_pred_code(a) for a in e.target]}


def evaluate(path: str | Path, pipeline: Any = None, details: bool = False) -> dict[str, Any]:
    """Run the pipeline up to ``events`` over the sentences of ``path`` and score them.
    ``details``: every sentence with its gold and predicted events (read them on dev only)."""
    from ..pipeline import Pipeline
    from ..text.clean import make_document

    rows = load_gold(path)
    if details and any(r.get("split") == "heldout" for r in rows):
        raise ZhGoldError("--details is not given for the held-out sentences (read errors on dev only)")
    if pipeline is None:
        pipeline = Pipeline(stages=["events"])  # and the stages it requires (actors, quotes)
    t0 = time.perf_counter()
    docs = [make_document(r["text"], source=f"zh-gold-{r.get('id', i)}.txt") for i, r in enumerate(rows)]
    analysed, errs = pipeline.process(docs)
    by_source = {d.document.source: d for d in analysed}
    predicted = [list(by_source[d.source].events) if d.source in by_source else [] for d in docs]
    out = score_sentences(rows, predicted)
    out.update({"gold": str(path), "failures": [str(e) for e in errs],
                "seconds": round(time.perf_counter() - t0, 1)})
    if details:
        out["sentences"] = [{"id": r.get("id"), "text": r["text"], "gold": r["events"],
                             "predicted": [_describe(e) for e in p]}
                            for r, p in zip(rows, predicted)]
    return out


def format_result(res: dict) -> str:
    a = res["asserted"]
    return "\n".join([
        f"events vs Chinese gold ({res['records']} sentences, {res['gold_events']} gold events, "
        f"{res['predicted_events']} predicted)",
        f"  all emitted        P {res['precision']:.3f}  R {res['recall']:.3f}  F1 {res['f1']:.3f}"
        f"  (root acc {res['root_accuracy']}, source {res['source_accuracy']}, target {res['target_accuracy']})",
        f"  asserted complete  P {a['precision']:.3f}  R {a['recall']:.3f}  F1 {a['f1']:.3f}"
        f"  ({a['predicted_events']} events)",
        f"  modality accuracy {res['modality_accuracy']} over {res['found_events']} found events"])
