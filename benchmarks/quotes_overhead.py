"""How much time quote extraction adds to analysis (goal: no more than 20%).

    .venv/bin/python benchmarks/quotes_overhead.py                   # 150 BBC articles
    .venv/bin/python benchmarks/quotes_overhead.py --docs 300 --corpus ../shared/corpora/bbc

A fixed, sorted sample of the BBC corpus (every k-th file over five sections, so runs are
comparable) is analysed by the full pipeline (segmentation and every installed stage) after a
warm-up batch. The quotes stage's time is read from ``Doc.timings['quotes']``; the overhead is
quotes time / time of everything else. Skips (exit 0) when the corpus is absent. Results go to
stdout and ``benchmarks/results/quotes_overhead.json``.
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
SECTIONS = ("politics", "business", "tech", "entertainment", "sport")


def sample(corpus: Path, n: int) -> list[Path]:
    files: list[Path] = []
    for section in SECTIONS:
        files.extend(sorted((corpus / section).glob("*.txt")))
    if not files:
        return []
    return files[:: max(1, len(files) // n)][:n]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args(argv)
    files = sample(args.corpus, args.docs)
    if not files:
        print(f"{args.corpus}: corpus not found, skipping")
        return 0
    from multivector.pipeline import STAGE_MODULES, Pipeline
    from multivector.text.clean import make_document

    stages = [s for s in ("actors", "quotes", "events", "stances")
              if importlib.util.find_spec(STAGE_MODULES[s]) is not None]
    pipe = Pipeline(stages=stages)
    documents = [make_document(p.read_text(encoding="utf-8", errors="replace"), source=str(p))
                 for p in files]
    pipe.process(documents[:8])  # warm-up: model caches, knowledge base, lexicons
    total = quotes = 0.0
    n_docs = n_quotes = 0
    kinds: dict[str, int] = {}
    for i in range(0, len(documents), args.batch):
        t0 = time.perf_counter()
        docs, _errors = pipe.process(documents[i : i + args.batch])
        total += time.perf_counter() - t0
        for d in docs:
            quotes += d.timings.get("quotes", 0.0)
            n_docs += 1
            n_quotes += len(d.quotes)
            for q in d.quotes:
                kinds[q.kind] = kinds.get(q.kind, 0) + 1
    other = total - quotes
    result = {
        "docs": n_docs, "stages": ["segment"] + stages, "total_s": round(total, 2),
        "quotes_s": round(quotes, 3), "other_s": round(other, 2),
        "overhead": round(quotes / other, 4) if other else None,
        "quotes": n_quotes, "by_kind": kinds,
        "ms_per_doc_quotes": round(1000 * quotes / max(n_docs, 1), 2),
    }
    print(json.dumps(result, indent=1))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "quotes_overhead.json").write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
