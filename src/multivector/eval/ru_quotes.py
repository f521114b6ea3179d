"""Russian quote dev figures: our quote stage on RuSentRel articles against our own annotation.

    python -m multivector.eval.ru_quotes tests/gold/quotes_rusentrel_dev.jsonl \
        ../shared/eval/stance/rusentrel/train [--json] [--details]

The gold (``tests/gold/quotes_rusentrel_dev.jsonl``) holds, per quote, offsets into the article
file (read without newline translation), two short check strings, the speaker's name as the text
gives it and the kind. The article is analysed with its "{Author, Unknown}" line markers blanked
out; a predicted quote is placed back in the file by its text. A prediction matches a gold quote
when they overlap by at least 30% of the gold span (``overlap``) or by 80% of both (``exact``);
the speaker is right when the words the speaker was found at (or its name) share a stem with the
gold name (first five letters of a word).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..stance.rusentrel import AUTHOR_MARK


def read_gold(path: str | Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                g = json.loads(line)
                out[g["doc"]].append(g)
    return out


def _stems(name: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[\wё]+", name.lower().replace("ё", "е")) if len(w) > 2}


def _place(raw: str, text: str) -> tuple[int, int] | None:
    key = text[:30]
    i = raw.find(key)
    if i < 0:
        return None
    return i, i + len(text)


def evaluate(gold_path: str | Path, folder: str | Path, pipeline: Any = None,
             details: bool = False) -> dict:
    from ..pipeline import Pipeline

    gold = read_gold(gold_path)
    pipe = pipeline or Pipeline()
    folder = Path(folder)
    n_gold = n_pred = hit_overlap = hit_exact = speaker_ok = matched = 0
    check_fail = 0
    per_doc = {}
    errors: list[dict] = []
    for doc_id, items in sorted(gold.items()):
        with open(folder / f"{doc_id}.txt", encoding="utf-8", newline="") as fh:
            raw = fh.read()
        for g in items:
            if raw[g["start"]:g["start"] + 12] != g["check"][0]:
                check_fail += 1
        clean = AUTHOR_MARK.sub(lambda m: " " * len(m.group(0)), raw).replace("\r", " ")
        doc = pipe.analyze_text(clean, source=doc_id)
        preds = []
        for q in doc.quotes:
            span = _place(raw, q.text)
            if span is None:
                continue
            sp = q.speaker
            words = ""
            if sp is not None:
                words = " ".join(x for x in (sp.name or "",
                                             doc.text[sp.start:sp.end] if sp.start is not None
                                             and sp.end is not None else "") if x)
            preds.append((span, words))
        n_gold += len(items)
        n_pred += len(preds)
        used: set[int] = set()
        d_hits = 0
        for g in items:
            glen = g["end"] - g["start"]
            best, best_ov = None, 0
            for k, ((a, b), _) in enumerate(preds):
                if k in used:
                    continue
                ov = min(b, g["end"]) - max(a, g["start"])
                if ov > best_ov:
                    best, best_ov = k, ov
            if best is None or best_ov < 0.3 * glen:
                errors.append({"doc": doc_id, "missed": g["check"], "speaker": g["speaker"]})
                continue
            used.add(best)
            hit_overlap += 1
            d_hits += 1
            (a, b), words = preds[best]
            if best_ov >= 0.8 * glen and best_ov >= 0.8 * (b - a):
                hit_exact += 1
            matched += 1
            if _stems(g["speaker"]) & _stems(words):
                speaker_ok += 1
            else:
                errors.append({"doc": doc_id, "speaker_wrong": g["check"], "gold": g["speaker"],
                               "predicted": words})
        per_doc[doc_id] = {"gold": len(items), "predicted": len(preds), "matched": d_hits}
        errors.extend({"doc": doc_id, "spurious": raw[a:a + 40], "speaker": w}
                      for k, ((a, b), w) in enumerate(preds) if k not in used)

    def prf(hits: int) -> dict:
        p = hits / n_pred if n_pred else 0.0
        r = hits / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

    return {"documents": len(gold), "gold_quotes": n_gold, "predicted_quotes": n_pred,
            "overlap": prf(hit_overlap), "exact": prf(hit_exact),
            "speaker_accuracy": round(speaker_ok / matched, 4) if matched else 0.0,
            "check_failures": check_fail, "per_doc": per_doc,
            **({"errors": errors} if details else {})}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args
    details = "--details" in args
    args = [a for a in args if a not in ("--json", "--details")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    res = evaluate(args[0], args[1], details=details)
    if as_json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        for k in ("documents", "gold_quotes", "predicted_quotes", "overlap", "exact",
                  "speaker_accuracy"):
            print(f"{k}: {res[k]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
