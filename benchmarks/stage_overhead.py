"""How much time one stage adds to analysis (goals: quotes <= 20%, events <= 30%).

    .venv/bin/python benchmarks/stage_overhead.py --stage quotes            # 150 BBC articles
    .venv/bin/python benchmarks/stage_overhead.py --stage events --docs 300
    .venv/bin/python benchmarks/stage_overhead.py --stage events --verbs ../shared/eval/actors/CAMEO.2.0.txt

A fixed, sorted sample of the BBC corpus is analysed by the full pipeline (segmentation and every
installed stage) after a warm-up batch. The stage's time is read from ``Doc.timings[stage]``;
the overhead is that time / the time of everything else. ``--verbs`` loads verb dictionaries or
pattern overlays as ``event_patterns``. Skips (exit 0) when the corpus is absent. Results go to
stdout and ``benchmarks/results/<stage>_overhead[_verbs].json``.
(Actor linking has its own script, ``actors_overhead.py``, which compares against bare
segmentation.)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from corpus_sample import DEFAULT_CORPUS, sample, save

STAGES = ("actors", "quotes", "events", "stances")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stage", choices=STAGES, required=True)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--verbs", type=Path, action="append", default=[],
                    help="verb dictionary or pattern overlay loaded as event_patterns (repeatable)")
    a = ap.parse_args(argv)
    files = sample(a.corpus, a.docs)
    if not files:
        print(f"{a.corpus}: corpus not found, skipping")
        return 0
    from multivector.config import Config
    from multivector.pipeline import Pipeline
    from multivector.text.clean import make_document

    stages = list(STAGES)
    config = Config().with_settings("events", patterns=tuple(str(v) for v in a.verbs)) if a.verbs else None
    pipe = Pipeline(config, stages=stages)
    documents = [make_document(p.read_text(encoding="utf-8", errors="replace"), source=str(p))
                 for p in files]
    pipe.process(documents[:8])  # warm-up: model caches, knowledge base, lexicons
    total = stage_s = 0.0
    n_docs = n_records = 0
    kinds: dict[str, int] = {}
    layer = {"actors": "mentions", "quotes": "quotes", "events": "events", "stances": "stances"}[a.stage]
    for i in range(0, len(documents), a.batch):
        t0 = time.perf_counter()
        docs, _errors = pipe.process(documents[i:i + a.batch])
        total += time.perf_counter() - t0
        for d in docs:
            stage_s += d.timings.get(a.stage, 0.0)
            n_docs += 1
            records = getattr(d, layer)
            n_records += len(records)
            for r in records:
                kind = getattr(r, "kind", None) or getattr(r, "plover", None)
                if kind:
                    kinds[kind] = kinds.get(kind, 0) + 1
    other = total - stage_s
    result = {
        "stage": a.stage, "docs": n_docs, "stages": ["segment"] + stages,
        "total_s": round(total, 2), f"{a.stage}_s": round(stage_s, 3), "other_s": round(other, 2),
        "overhead": round(stage_s / other, 4) if other else None,
        layer: n_records, "by_kind": kinds,
        f"ms_per_doc_{a.stage}": round(1000 * stage_s / max(n_docs, 1), 2),
        "verbs": [str(v) for v in a.verbs],
    }
    save(f"{a.stage}_overhead" + ("_verbs" if a.verbs else ""), result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
