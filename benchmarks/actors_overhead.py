"""How much time actor linking adds to analysis (goal: no more than 25%).

    .venv/bin/python benchmarks/actors_overhead.py                   # 200 BBC articles
    .venv/bin/python benchmarks/actors_overhead.py --docs 400 --corpus ../shared/corpora/bbc

A fixed sample of the BBC corpus (every k-th file over the five sections, sorted, so runs are
comparable) is analysed twice after a warm-up batch: by bare segmentation (``Pipeline(stages=[])``:
language, spaCy parse, sentences) and by segmentation + the actors stage. Reported:

* ``stage_overhead``: actors stage time (``Doc.timings['actors']``) / segmentation time of the
  same run: the cost the stage adds, free of run-to-run noise;
* ``wall_overhead``: (wall time with actors - wall time bare) / wall time bare;
* ``startup_seconds``: one-off cost of loading the knowledge base and building the gazetteer.

Skips (exit 0) when the corpus is absent. Results: stdout and
``benchmarks/results/actors_overhead.json``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from corpus_sample import DEFAULT_CORPUS, sample, save

SEGMENT_KEYS = ("language", "nlp", "sentences")


def run(pipe, docs_in, batch: int) -> tuple[float, float, float, int]:
    wall = seg = act = 0.0
    mentions = 0
    for i in range(0, len(docs_in), batch):
        t0 = time.perf_counter()
        docs, errors = pipe.process(docs_in[i:i + batch])
        wall += time.perf_counter() - t0
        for d in docs:
            seg += sum(d.timings.get(k, 0.0) for k in SEGMENT_KEYS)
            act += d.timings.get("actors", 0.0)
            mentions += len(d.mentions)
    return wall, seg, act, mentions


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--batch", type=int, default=32)
    a = ap.parse_args(argv)
    files = sample(a.corpus, a.docs)
    if not files:
        print(f"{a.corpus}: corpus not found, skipping")
        return 0
    from multivector.pipeline import Pipeline
    from multivector.text.clean import make_document

    def fresh():
        return [make_document(p.read_text(encoding="utf-8", errors="replace"), source=str(p))
                for p in files]

    bare = Pipeline(stages=[])
    t0 = time.perf_counter()
    with_actors = Pipeline(stages=["actors"])
    startup = time.perf_counter() - t0
    bare.process(fresh()[:8])  # warm-up
    with_actors.process(fresh()[:8])
    wall_bare, seg_bare, _, _ = run(bare, fresh(), a.batch)
    wall_act, seg_act, act, mentions = run(with_actors, fresh(), a.batch)
    res = {
        "docs": len(files), "words": sum(len(p.read_text(errors="replace").split()) for p in files),
        "wall_bare_s": round(wall_bare, 2), "wall_with_actors_s": round(wall_act, 2),
        "segmentation_s": round(seg_act, 2), "actors_stage_s": round(act, 2),
        "stage_overhead": round(act / seg_act, 4) if seg_act else None,
        "wall_overhead": round((wall_act - wall_bare) / wall_bare, 4) if wall_bare else None,
        "startup_seconds": round(startup, 2), "mentions": mentions,
        "goal": "<= 0.25",
    }
    save("actors_overhead", res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
