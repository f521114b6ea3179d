"""Who sees whom how, over a whole database: stance rows summed per (holder, target).

The summary keeps a split view split: ``mixed`` when cooperative and hostile records each make
at least a quarter of the signed ones (or a record is itself mixed), with the mean polarity per
aspect beside it, so "a partner in security, a threat to sovereignty" reads as exactly that.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def _key(ref: dict | None) -> str:
    ref = ref or {}
    return str(ref.get("id") or ref.get("name") or "")


def _matches(ref: dict | None, needle: str | None) -> bool:
    if not needle:
        return True
    ref = ref or {}
    n = needle.lower()
    return any(n == str(ref.get(k) or "").lower() for k in ("id", "country")) or \
        n in str(ref.get("name") or "").lower()


def view_label(polarities: list[float], labels: list[str]) -> str:
    pos = sum(1 for p, lab in zip(polarities, labels) if p > 0 and lab != "mixed")
    neg = sum(1 for p, lab in zip(polarities, labels) if p < 0 and lab != "mixed")
    if "mixed" in labels or (pos and neg and min(pos, neg) / (pos + neg) >= 0.25):
        return "mixed"
    mean = sum(polarities) / len(polarities) if polarities else 0.0
    return "cooperative" if mean > 0.1 else "hostile" if mean < -0.1 else "neutral"


def views(rows: Iterable[dict], holder: str | None = None, target: str | None = None,
          method: str | None = None) -> list[dict]:
    """One dict per (holder, target): counts, mean polarity, label, aspects, documents and
    the evidence (cue, doc_id, start, end) of each record, strongest first."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if method and r.get("method") != method:
            continue
        if not (_matches(r.get("holder"), holder) and _matches(r.get("target"), target)):
            continue
        groups.setdefault((_key(r.get("holder")), _key(r.get("target"))), []).append(r)
    out: list[dict[str, Any]] = []
    for rs in groups.values():
        pols = [float(r.get("polarity") or 0.0) for r in rs]
        labels = [r.get("label") or "" for r in rs]
        aspects: dict[str, list[float]] = {}
        for r, p in zip(rs, pols):
            aspects.setdefault(r.get("aspect") or "general", []).append(p)
        out.append({
            "holder": rs[0].get("holder"), "target": rs[0].get("target"), "n": len(rs),
            "n_cooperative": sum(1 for p in pols if p > 0), "n_hostile": sum(1 for p in pols if p < 0),
            "mean_polarity": round(sum(pols) / len(pols), 3), "label": view_label(pols, labels),
            "aspects": {a: round(sum(v) / len(v), 3) for a, v in sorted(aspects.items())},
            "documents": sorted({r["doc_id"] for r in rs if r.get("doc_id")}),
            "evidence": [{"cue": (r.get("evidence") or [{}])[0].get("text"),
                          "polarity": p, "aspect": r.get("aspect"), "doc_id": r.get("doc_id"),
                          "start": (r.get("evidence") or [{}])[0].get("start"),
                          "end": (r.get("evidence") or [{}])[0].get("end")}
                         for r, p in sorted(zip(rs, pols), key=lambda rp: -abs(rp[1]))],
        })
    out.sort(key=lambda v: (-v["n"], _key(v["holder"]), _key(v["target"])))
    return out
