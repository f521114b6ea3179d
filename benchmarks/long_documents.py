"""Cost against document length (goal: words/s of one long document within 1.5x of the corpus
rate at 100 KB, 1 MB and 5 MB, i.e. per-document time linear in length).

    .venv/bin/python benchmarks/long_documents.py                       # 100K,1M,5M; 100 docs
    .venv/bin/python benchmarks/long_documents.py --sizes 100K,1M --docs 50
    .venv/bin/python benchmarks/long_documents.py --one-line            # each long doc on one line

The corpus rate is the full pipeline (segmentation and every stage) over a fixed, sorted sample
of BBC articles in batches, after a warm-up. A long document is BBC articles joined into one
text (paragraphs kept, or everything on one line with ``--one-line``) up to the size, analysed
alone. Figures per stage come from ``Doc.timings``. Skips (exit 0) when the corpus is absent.
Results go to stdout and ``benchmarks/results/long_documents.json``.

The machine may be shared: the corpus rate is measured again after the long documents, and
each slowdown is against the mean of the two (both rates, the 1-minute load averages and the
slowdown against each are in the JSON), so a load change during the run shows.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from pathlib import Path

from corpus_sample import DEFAULT_CORPUS, SECTIONS, sample, save


def parse_size(text: str) -> int:
    text = text.strip().upper()
    mult = {"K": 1_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("KM")) * mult)


def long_text(corpus: Path, size: int, one_line: bool) -> str:
    """BBC articles in a fixed order joined until ``size`` characters."""
    parts: list[str] = []
    n = 0
    for section in SECTIONS:
        for p in sorted((corpus / section).glob("*.txt")):
            t = p.read_text(encoding="utf-8", errors="replace")
            t = " ".join(t.split()) if one_line else t.strip()
            parts.append(t)
            n += len(t) + 2
            if n >= size:
                return (" " if one_line else "\n\n").join(parts)[:size]
    return (" " if one_line else "\n\n").join(parts)


def run(pipe, documents) -> tuple[float, int, Counter]:
    t0 = time.perf_counter()
    words = 0
    stages: Counter = Counter()
    for i in range(0, len(documents), 32):
        docs, errors = pipe.process(documents[i:i + 32])
        if errors:
            raise SystemExit(f"analysis failed: {errors[0]}")
        for d in docs:
            words += len(d.text.split())
            stages.update(d.timings)
    return time.perf_counter() - t0, words, stages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", default="100K,1M,5M")
    ap.add_argument("--docs", type=int, default=100, help="articles for the corpus rate")
    ap.add_argument("--one-line", action="store_true", help="each long document on one line")
    a = ap.parse_args(argv)
    files = sample(a.corpus, a.docs)
    if not files:
        print(f"{a.corpus}: corpus not found, skipping")
        return 0
    from multivector.pipeline import Pipeline
    from multivector.text.clean import make_document

    pipe = Pipeline()
    documents = [make_document(p.read_text(encoding="utf-8", errors="replace"), source=str(p))
                 for p in files]
    run(pipe, documents[:8])  # warm-up: model caches, knowledge base, lexicons
    secs, words, _ = run(pipe, documents)
    corpus_rate = words / secs
    print(f"corpus: {len(documents)} documents, {words} words, {secs:.1f} s, "
          f"{corpus_rate:.0f} words/s (load {os.getloadavg()[0]:.1f})", flush=True)
    result: dict = {"corpus": {"documents": len(documents), "words": words,
                               "seconds": round(secs, 2), "words_per_s": round(corpus_rate),
                               "load": round(os.getloadavg()[0], 1)},
                    "one_line": a.one_line, "long": []}
    for size in (parse_size(s) for s in a.sizes.split(",")):
        text = long_text(a.corpus, size, a.one_line)
        doc = make_document(text, source=f"long-{size}")
        secs, words, stages = run(pipe, [doc])
        rate = words / secs
        row = {"chars": len(text), "words": words, "seconds": round(secs, 2),
               "words_per_s": round(rate), "slowdown_vs_corpus": round(corpus_rate / rate, 2),
               "stage_seconds": {k: round(v, 2) for k, v in stages.most_common()},
               "load": round(os.getloadavg()[0], 1)}
        result["long"].append(row)
        print(f"{len(text):>9,} chars {words:>8,} words {secs:7.1f} s {rate:6.0f} words/s "
              f"slowdown {corpus_rate / rate:.2f}x (goal <= 1.5x; load {row['load']})",
              flush=True)
    secs, words, _ = run(pipe, documents)  # again: the load may have changed meanwhile
    after = words / secs
    mean = (corpus_rate + after) / 2
    result["corpus_after"] = {"seconds": round(secs, 2), "words_per_s": round(after),
                              "load": round(os.getloadavg()[0], 1)}
    result["corpus_mean_words_per_s"] = round(mean)
    print(f"corpus again: {after:.0f} words/s (load {os.getloadavg()[0]:.1f}); mean {mean:.0f}",
          flush=True)
    for row in result["long"]:
        row["slowdown_vs_corpus_after"] = round(after / row["words_per_s"], 2)
        row["slowdown_vs_corpus_mean"] = round(mean / row["words_per_s"], 2)
        print(f"{row['chars']:>9,} chars: slowdown {row['slowdown_vs_corpus_mean']:.2f}x against "
              "the mean corpus rate", flush=True)
    save("long_documents", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
