"""How much time event coding adds to analysis (goal: no more than 30%).

    .venv/bin/python benchmarks/events_overhead.py                   # 150 BBC articles
    .venv/bin/python benchmarks/events_overhead.py --docs 300 --corpus ../shared/corpora/bbc
    .venv/bin/python benchmarks/events_overhead.py --verbs ../shared/eval/actors/CAMEO.2.0.txt

A fixed sample of the BBC corpus (every k-th file of politics, business and world-ish
sections, sorted, so runs are comparable) is analysed by the full pipeline (segmentation and
every installed stage) after a warm-up batch. The events stage's own time is read from
``Doc.timings['events']``; the overhead is events time / time of everything else. Skips (exit 0)
when the corpus is absent. Results: stdout and ``benchmarks/results/events_overhead.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"


def sample(corpus: Path, n: int) -> list[Path]:
    files = []
    for section in ("politics", "business", "tech", "entertainment", "sport"):
        files += sorted((corpus / section).glob("*.txt"))
    if not files:
        return []
    step = max(1, len(files) // n)
    return files[::step][:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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
    from multivector.pipeline import STAGE_MODULES, Pipeline
    from multivector.text.clean import make_document

    stages = [s for s in ("actors", "quotes", "events", "stances")
              if importlib.util.find_spec(STAGE_MODULES[s]) is not None]
    config = Config(event_patterns=tuple(str(v) for v in a.verbs)) if a.verbs else None
    pipe = Pipeline(config, stages=stages) if config else Pipeline(stages=stages)
    docs_in = [make_document(p.read_text(encoding="utf-8", errors="replace"), source=str(p))
               for p in files]
    pipe.process(docs_in[:8])  # warm-up (model caches, knowledge base)
    total = events = 0.0
    n_events = n_docs = 0
    for i in range(0, len(docs_in), a.batch):
        t0 = time.perf_counter()
        docs, errors = pipe.process(docs_in[i:i + a.batch])
        total += time.perf_counter() - t0
        for d in docs:
            events += d.timings.get("events", 0.0)
            n_events += len(d.events)
            n_docs += 1
    other = total - events
    result = {
        "docs": n_docs, "stages": ["segment"] + stages, "total_s": round(total, 2),
        "events_s": round(events, 3), "other_s": round(other, 2),
        "overhead": round(events / other, 4) if other else None,
        "events": n_events, "ms_per_doc_events": round(1000 * events / max(n_docs, 1), 2),
        "verbs": [str(v) for v in a.verbs],
    }
    print(json.dumps(result, indent=1))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    name = "events_overhead_verbs.json" if a.verbs else "events_overhead.json"
    (out / name).write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
