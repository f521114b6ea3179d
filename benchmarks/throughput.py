"""Throughput of ``multivector analyze`` against the floor: bare spaCy ``nlp.pipe``.

    python benchmarks/throughput.py [--corpus ../shared/corpora/bbc] [--limit N]
                                    [--workers 1,2] [--stages actors,quotes,events,stances]
                                    [--rss-at 500] [--json results.json]
    python benchmarks/throughput.py --russian [DIR] [--limit N]   # Russian parse words/s

Each measurement runs in a fresh child process (so peak RSS is that run's alone, child
processes included) on the same sorted list of files:

* floor: the same spaCy model over the same texts with ``nlp.pipe`` (model load not timed);
* multivector with each ``--workers`` count, through ``runner.run_analyze`` (the code behind the
  CLI; model load and worker start-up are timed, as a user sees them), into a fresh DuckDB;
* a re-run over the same database (nothing new: the incremental cost);
* the same run on the first ``--rss-at`` files, to show memory does not grow with the corpus.

Per-stage seconds come from ``Doc.timings`` (summed over worker processes, so with several
workers they are CPU seconds, not wall time), plus reading+cleaning and the store, timed here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
STAGE_ORDER = ["reading", "cleaning", "language", "nlp", "sentences", "actors", "quotes",
               "events", "stances", "store", "other"]


# ------------------------------------------------------------------------------ helpers
def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*.txt") if p.name.lower() != "readme.txt")
    return files[:limit] if limit else files


class PeakRSS:
    """Samples RSS of this process plus all its descendants (Dask workers included)."""

    def __init__(self, every: float = 0.1):
        import psutil

        self.proc = psutil.Process()
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        import psutil

        total = 0
        try:
            total = self.proc.memory_info().rss
            for c in self.proc.children(recursive=True):
                try:
                    total += c.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)

    def __enter__(self) -> "PeakRSS":
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()
        self.sample()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (Dask workers are reaped by the
    process that started the LocalCluster). Unlike wall time it does not count time spent
    waiting for a core, so it stays comparable on a busy machine."""
    import resource

    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        total += r.ru_utime + r.ru_stime
    return total


# ------------------------------------------------------------------------------ children
def child_floor(spec: dict) -> dict:
    from multivector.config import Config
    from multivector.pipeline import load_nlp

    texts = [Path(p).read_text(encoding="utf-8", errors="replace")
             for p in corpus_files(Path(spec["corpus"]), spec["limit"])]
    model = Config().spacy_model
    nlp = load_nlp(model)
    with PeakRSS() as rss:
        t0, c0 = time.perf_counter(), cpu_seconds()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        secs, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    return {"kind": "floor", "model": model, "docs": len(texts),
            "words": sum(len(t.split()) for t in texts), "seconds": secs, "cpu": cpu,
            "peak_rss": rss.peak}


def child_multivector(spec: dict) -> dict:
    from rich.console import Console

    from multivector import runner
    from multivector.config import load_config
    from multivector.store.db import Store

    files = [str(p) for p in corpus_files(Path(spec["corpus"]), spec["limit"])]
    cfg = load_config()
    if spec.get("stages") is not None:
        cfg = cfg.with_(stages=tuple(spec["stages"]))
    if spec.get("batch_size"):
        cfg = cfg.with_(batch_size=spec["batch_size"])

    timers = {"cleaning": 0.0, "store": 0.0}

    def timed(name, fn):
        def wrapper(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                timers[name] += time.perf_counter() - t0
        return wrapper

    runner.document_from_raw = timed("cleaning", runner.document_from_raw)
    real_iter = runner.iter_documents

    def iter_timed(*a, **k):  # reading + cleaning: the time spent pulling documents
        gen = real_iter(*a, **k)
        while True:
            t0 = time.perf_counter()
            try:
                item = next(gen)
            except StopIteration:
                timers["reading"] = timers.get("reading", 0.0) + time.perf_counter() - t0
                return
            timers["reading"] = timers.get("reading", 0.0) + time.perf_counter() - t0
            yield item

    runner.iter_documents = iter_timed
    Store.write = timed("store", Store.write)
    Store.load_parquet = timed("store", Store.load_parquet)
    captured = {}
    real_summary = runner.print_summary

    def grab(stats, db, out):
        captured["stats"] = stats

    runner.print_summary = grab
    devnull = Console(file=open(os.devnull, "w"))
    with PeakRSS() as rss:
        t0, c0 = time.perf_counter(), cpu_seconds()
        code = runner.run_analyze(files, db=spec["db"], config=cfg, workers=spec["workers"],
                                  dask=spec.get("dask"), quiet=True, console=devnull, out=devnull)
        secs, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    runner.print_summary = real_summary
    st = captured["stats"]
    with Store(spec["db"], read_only=True) as s:
        words = s.con.execute("SELECT coalesce(sum(n_words), 0) FROM documents").fetchone()[0]
        docs = s.count("documents")
    stages = dict(st.stage_seconds)
    stages.update(timers)
    stages["reading"] = max(0.0, stages.get("reading", 0.0) - stages["cleaning"])
    return {"kind": "multivector", "workers": spec["workers"], "exit": code, "docs": docs,
            "new": st.new, "unchanged": st.unchanged, "failed": st.failed, "words": words,
            "inputs": len(files), "seconds": secs, "cpu": cpu, "peak_rss": rss.peak,
            "stages": stages,
            "layers": dict(st.layers), "stage_names": list(cfg.stages)}


def run_child(spec: dict) -> dict:
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)],
                         capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr[-4000:])
        raise SystemExit(f"benchmark child failed: {spec}")
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["process_seconds"] = time.perf_counter() - t0
    return out


# ------------------------------------------------------------------------------ report
def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def load() -> str:
    try:
        return "load average %.2f %.2f %.2f" % os.getloadavg()
    except OSError:  # pragma: no cover
        return "load average n/a"


DEFAULT_RUSSIAN = ROOT.parent / "shared" / "eval" / "stance" / "rusentrel" / "train"


def russian_throughput(folder: Path, limit: int | None, out: Path | None) -> int:
    """Russian words/s of ``lang.ru.parse.RussianParser`` in this process (model load not
    timed): every non-empty line of the folder's .txt files is a paragraph, batches of 200."""
    import re

    from multivector.lang.ru.parse import RussianParser, _models

    files = sorted(p for p in folder.glob("*.txt") if p.name.count(".") == 1)
    if not files:
        print(f"skipped: no .txt files in {folder}")
        return 0
    paras = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"\{Author, Unknown\}", "", line).strip()
            if line:
                paras.append(line)
    paras = paras[:limit] if limit else paras
    words = sum(len(re.findall(r"\w+", p)) for p in paras)
    _models()
    parser = RussianParser()
    c0, w0 = cpu_seconds(), time.perf_counter()
    for i in range(0, len(paras), 200):
        parser.pipe(paras[i:i + 200])
    cpu, wall = cpu_seconds() - c0, time.perf_counter() - w0
    res = {"paragraphs": len(paras), "words": words, "cpu_s": round(cpu, 2),
           "wall_s": round(wall, 2), "words_per_cpu_s": round(words / cpu),
           "words_per_s": round(words / wall), "load": load()}
    print(f"Russian parse: {len(paras)} paragraphs, {words} words: "
          f"{res['words_per_s']} words/s wall, {res['words_per_cpu_s']} words per CPU second "
          f"(goal >= 400); load {res['load']}")
    if out:
        out.write_text(json.dumps(res, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="first N files (sorted)")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--stages", default=None,
                    help="comma-separated stages (default: the configured ones; '' = none)")
    ap.add_argument("--batch-size", type=int, default=None)
    ap.add_argument("--rss-at", type=int, default=500,
                    help="also run on the first N files to compare peak RSS (0: skip)")
    ap.add_argument("--json", type=Path, default=None, help="write all figures here")
    ap.add_argument("--russian", type=Path, nargs="?", const=DEFAULT_RUSSIAN, default=None,
                    help="measure the Russian parser (natasha -> spaCy Docs) on the .txt files "
                         f"of this folder instead (default {DEFAULT_RUSSIAN})")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.russian is not None:
        return russian_throughput(args.russian, args.limit, args.json)

    if args.child:
        spec = json.loads(args.child)
        out = child_floor(spec) if spec["kind"] == "floor" else child_multivector(spec)
        print(json.dumps(out))
        return 0

    if not args.corpus.is_dir():
        print(f"skipped: corpus {args.corpus} not found (pass --corpus DIR)")
        return 0
    files = corpus_files(args.corpus, args.limit)
    if not files:
        print(f"skipped: no .txt files under {args.corpus}")
        return 0
    stages = None if args.stages is None else [s for s in args.stages.split(",") if s]
    workers = [int(w) for w in args.workers.split(",") if w]
    n = len(files)
    print(f"corpus {args.corpus}: {n} documents; cpus {os.cpu_count()}; {load()}")
    common = {"corpus": str(args.corpus), "stages": stages, "batch_size": args.batch_size}

    floor = run_child({"kind": "floor", "limit": args.limit, **common})
    words = floor["words"]  # the same texts for every run: rates are per input document/word
    floor_rate, floor_cpu_rate = n / floor["seconds"], n / floor["cpu"]
    print(f"\nfloor: spaCy {floor['model']} nlp.pipe: {floor_rate:.1f} docs/s, "
          f"{words / floor['seconds']:,.0f} words/s ({floor_cpu_rate:.1f} docs per CPU second), "
          f"peak RSS {mb(floor['peak_rss'])}")

    results: dict = {"floor": floor, "runs": [], "load_start": load(), "documents": n}
    tmp = Path(tempfile.mkdtemp(prefix="mv-bench-"))
    by_workers: dict[int, dict] = {}
    for w in workers:
        db = str(tmp / f"w{w}.duckdb")
        r = run_child({"kind": "mv", "limit": args.limit, "workers": w, "db": db, **common})
        by_workers[w] = r
        results["runs"].append(r)
        rate = n / r["seconds"]
        r["ratio"] = rate / floor_rate
        r["ratio_cpu"] = (n / r["cpu"]) / floor_cpu_rate
        print(f"\nmultivector --workers {w} (stages: {','.join(r['stage_names']) or 'none'}): "
              f"{n} docs in {r['seconds']:.1f} s = {rate:.1f} docs/s, "
              f"{words / r['seconds']:,.0f} words/s, peak RSS {mb(r['peak_rss'])}; "
              f"ratio to floor {r['ratio']:.2f} (wall), {r['ratio_cpu']:.2f} (CPU time: "
              f"{r['cpu']:.1f} s in all processes)"
              + (f", {r['failed']} failed" if r["failed"] else ""))
        total = sum(r["stages"].values())
        if w == 1:  # start-up (model load), hashing, bookkeeping: the wall time not in a stage
            r["stages"]["other"] = max(0.0, r["seconds"] - total)
            total = r["seconds"]
        print("  stage seconds" + (" (summed over workers)" if w > 1 else "") + ":")
        for k in STAGE_ORDER + sorted(set(r["stages"]) - set(STAGE_ORDER)):
            if k in r["stages"]:
                v = r["stages"][k]
                print(f"    {k:<10} {v:8.2f} s  {100 * v / total if total else 0:5.1f}%  "
                      f"({1000 * v / n:.1f} ms/doc)")
        if w == workers[0]:
            again = run_child({"kind": "mv", "limit": args.limit, "workers": w, "db": db,
                               **common})
            results["rerun"] = again
            print(f"  re-run, nothing new: {again['seconds']:.2f} s in run_analyze "
                  f"({100 * again['seconds'] / r['seconds']:.1f}% of the first run), "
                  f"{again['process_seconds']:.2f} s with interpreter start-up "
                  f"({100 * again['process_seconds'] / r['seconds']:.1f}%); "
                  f"{again['unchanged']} unchanged, {again['new']} new")
        if args.rss_at and args.rss_at < n:
            small = run_child({"kind": "mv", "limit": args.rss_at, "workers": w,
                               "db": str(tmp / f"w{w}-small.duckdb"), **common})
            results["runs"].append(small)
            print(f"  peak RSS at {small['inputs']} docs: {mb(small['peak_rss'])}; "
                  f"at {n} docs: {mb(r['peak_rss'])}")
    if 1 in by_workers and len(by_workers) > 1:
        one = by_workers[1]
        for w, r in sorted(by_workers.items()):
            if w > 1:
                sp = one["seconds"] / r["seconds"]
                results[f"speedup_{w}"] = sp
                print(f"\nspeedup --workers {w} vs 1: {sp:.2f}x wall time; CPU time "
                      f"{r['cpu']:.1f} s vs {one['cpu']:.1f} s (parallel overhead "
                      f"{100 * (r['cpu'] / one['cpu'] - 1):+.0f}%)")
    results["load_end"] = load()
    print(f"\n{load()}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
