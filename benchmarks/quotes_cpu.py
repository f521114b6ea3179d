"""CPU time of ``extract_quotes`` alone per document on the BBC sample (best of N passes).

The documents are read, cleaned and run through ``actors`` (with the spaCy parse) once; only the
quotes stage is timed, as process CPU time, so other load on a shared machine matters less than
for wall-clock figures. To compare two versions, run it from each checkout in turn, alternating:

    .venv/bin/python benchmarks/quotes_cpu.py --docs 150 --passes 3
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from corpus_sample import DEFAULT_CORPUS, sample


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()

    from multivector.ingest.readers import read
    from multivector.ingest.sources import expand
    from multivector.pipeline import Pipeline
    from multivector.quotes.stage import extract_quotes
    from multivector.text.clean import document_from_raw

    docs = []
    for f in sample(args.corpus, args.docs):
        refs, _ = expand([str(f)])
        docs.append(document_from_raw(next(iter(read(refs[0], 50_000_000)))))
    analysed, _ = Pipeline(stages=["actors"]).process(docs)
    best = None
    n = 0
    for _ in range(args.passes):
        t0 = time.process_time()
        n = 0
        for d in analysed:
            d.quotes = []
            n += len(extract_quotes(d))
        dt = time.process_time() - t0
        best = dt if best is None else min(best, dt)
    assert best is not None
    print(f"{1000 * best / max(len(analysed), 1):.2f} ms CPU per document, {len(analysed)} documents, "
          f"{n} quotes (best of {args.passes} passes)")


if __name__ == "__main__":
    main()
