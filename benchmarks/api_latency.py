"""API latency of `multivector serve` on a database of 10k documents: p50, p95 and p99 per
endpoint, and requests per second.

    .venv/bin/python benchmarks/api_latency.py                 # build (once) and measure
    .venv/bin/python benchmarks/api_latency.py --docs 2000 --requests 30 --rebuild
    .venv/bin/python benchmarks/api_latency.py --concurrency 16 --workers 1   # one process
    .venv/bin/python benchmarks/api_latency.py --concurrency 16 --workers 2   # serve --workers 2

With ``--concurrency C`` each endpoint's requests are sent by C clients at once (each its own
keep-alive connection); requests/s is the endpoint's requests over the wall time they took.

The database is synthesised, not analysed: the hand-annotated sample corpus
(``multivector/web/data/sample_corpus.yaml``) is copied ``--docs`` times with other actors
(drawn from 30 states, 4 organisations and 300 experts), other dates (2019-2024) and filler
paragraphs to the size of a news article, then written through ``Store.write`` like the
pipeline's output. The server runs as a separate process (`multivector serve`) on a free
loopback port; requests are real HTTP over keep-alive, a bounded number per endpoint, one at a
time. Results: a table on stdout and ``benchmarks/results/api_latency.json``.
This is a benchmark, not a test: nothing fails when the goal (p95 < 100 ms) is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from multivector.web.sample import STATES, write_synthetic_db

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

def build_db(path: Path, n_docs: int, seed: int = 7) -> None:
    t0 = time.perf_counter()
    counts = write_synthetic_db(path, n_docs, seed)
    print(f"built {path} in {time.perf_counter() - t0:.1f}s: {counts}", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def endpoints(client: httpx.Client) -> list[tuple[str, list[str]]]:
    """(name, urls to cycle through). Ids come from the database itself."""
    docs = client.get("/api/documents", params={"limit": 20}).json()["items"]
    doc_ids = [d["id"] for d in docs]
    actor_ids = ["RUS", "CHN", "KAZ", "USA", "TUR", "IRN"]
    experts = [f"PER:expert-{k:03d}" for k in range(0, 300, 37)]
    years = ["2019", "2020", "2021", "2022", "2023", "2024"]
    return [
        ("documents (page)", [f"/api/documents?limit=50&offset={o}" for o in range(0, 500, 50)]),
        ("documents ?actor&from&to", [f"/api/documents?actor={a}&from={y}-01&to={y}-06"
                                      for a, y in zip(actor_ids, years)]),
        ("documents ?q (text)", [f"/api/documents?q={w}" for w in
                                 ("drones", "railways", "pipeline", "counterweight", "loan")]),
        ("documents/{id}", [f"/api/documents/{i}" for i in doc_ids]),
        ("actors (page)", ["/api/actors?limit=50", "/api/actors?type=state",
                           "/api/actors?q=expert"]),
        ("actors/{id} (revisited)", [f"/api/actors/{a}" for a in actor_ids + experts[:3]]),
        # never asked before (the server keeps recent actor pages): the other states first
        ("actors/{id} (first visit)", [f"/api/actors/{s}" for s in sorted(STATES)
                                       if s not in actor_ids] +
         [f"/api/actors/PER:expert-{k:03d}" for k in range(1, 300) if k % 37]),
        ("mentions ?actor", [f"/api/mentions?actor={a}" for a in actor_ids]),
        ("quotes ?speaker", [f"/api/quotes?speaker={e}" for e in experts]),
        ("quotes ?about", [f"/api/quotes?about={a}" for a in actor_ids]),
        ("events ?actor", [f"/api/events?actor={a}" for a in actor_ids]),
        ("events dyad a+b", [f"/api/events?a={a}&b={b}" for a, b in
                             zip(actor_ids, actor_ids[1:] + actor_ids[:1])]),
        ("events ?type&from", [f"/api/events?type={t}&from={y}" for t, y in
                               zip(("ACCUSE", "AGREE", "AID", "COOPERATE"), years)]),
        ("stances ?target", [f"/api/stances?target={a}" for a in actor_ids]),
        ("relations (network)", ["/api/relations", "/api/relations?types=states"]),
        ("relations ?from&to", [f"/api/relations?from={y}-01&to={y}-12" for y in years]),
        ("search", [f"/api/search?q={w}" for w in ("Russia", "drones", "Expert 01", "railway")]),
        ("document page (HTML)", [f"/documents/{i}" for i in doc_ids]),
    ]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def _timed(clients: list[httpx.Client], urls: list[str], requests: int) -> tuple[list, float]:
    """Send ``requests`` GETs cycling through ``urls`` from all clients at once; returns the
    latencies (ms) and the wall time (s)."""
    times: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def work(client: httpx.Client) -> None:
        for i in counter:  # shared: the clients take the next request number
            u = urls[i % len(urls)]
            t0 = time.perf_counter()
            r = client.get(u)
            dt = (time.perf_counter() - t0) * 1000
            r.raise_for_status()
            with lock:
                times.append(dt)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=work, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, time.perf_counter() - t0


def measure(base: str, requests: int, concurrency: int = 1) -> list[dict]:
    rows = []
    clients = [httpx.Client(base_url=base, timeout=60) for _ in range(concurrency)]
    try:
        for name, urls in endpoints(clients[0]):
            if "first visit" not in name:  # warm-up (first calls also fill the caches)
                for u in urls[:3]:
                    for c in clients[: min(concurrency, 4)]:  # reach several workers
                        c.get(u).raise_for_status()
            times, wall = _timed(clients, urls, requests)
            rows.append({"endpoint": name, "n": len(times), "p50_ms": round(pct(times, 50), 1),
                         "p95_ms": round(pct(times, 95), 1), "p99_ms": round(pct(times, 99), 1),
                         "mean_ms": round(statistics.fmean(times), 1),
                         "rps": round(len(times) / wall, 1), "example": urls[0]})
    finally:
        for c in clients:
            c.close()
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, default=RESULTS / "api_latency.duckdb")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=60, help="timed requests per endpoint")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--concurrency", type=int, default=1, help="clients sending at once")
    ap.add_argument("--workers", type=int, default=1, help="serve --workers N")
    ap.add_argument("--out", type=Path, default=None, help="JSON results (default: "
                    "benchmarks/results/api_latency[-cC-wW].json)")
    args = ap.parse_args()
    if not 1 <= args.concurrency <= 64 or not 1 <= args.workers <= 64:
        ap.error("--concurrency and --workers must be between 1 and 64")
    if args.requests < 1 or args.requests > 1000:
        ap.error("--requests must be between 1 and 1000")
    args.db.parent.mkdir(parents=True, exist_ok=True)
    marker = args.db.with_suffix(".docs")
    if args.rebuild or not args.db.exists() or not marker.exists() or \
            marker.read_text().strip() != str(args.docs):
        build_db(args.db, args.docs)
        marker.write_text(str(args.docs))
    port = free_port()
    exe = Path(sys.executable).with_name("multivector")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "multivector.cli"]
    server = subprocess.Popen([*cmd, "serve", "--db", str(args.db), "--port", str(port),
                               "--workers", str(args.workers)],
                              stderr=subprocess.PIPE, env={**os.environ, "MULTIVECTOR_TOKEN": ""})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                httpx.get(base + "/api/info", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if time.time() > deadline or server.poll() is not None:
                    print(server.stderr.read().decode(errors="replace"), file=sys.stderr)
                    return 1
                time.sleep(0.2)
        # the server computes the network aggregates in the background at start-up; wait for
        # them so they do not compete with the first measurements
        for _ in range(2 * args.workers):  # each worker process computes its own
            httpx.get(base + "/api/relations", timeout=600).raise_for_status()
        t0 = time.perf_counter()
        rows = measure(base, args.requests, args.concurrency)
        elapsed = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    width = max(len(r["endpoint"]) for r in rows)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    total = sum(r["n"] for r in rows)
    busy = sum(r["n"] / r["rps"] for r in rows)
    print(f"API latency, {args.docs:,} documents, {args.requests} requests per endpoint from "
          f"{args.concurrency} concurrent client(s), serve --workers {args.workers}, loopback "
          f"HTTP ({elapsed:.0f}s; {os.cpu_count()} cpus, load average {load:.1f} at the end)")
    print(f"{'endpoint':<{width}}  {'p50 ms':>7}  {'p95 ms':>7}  {'p99 ms':>7}  {'req/s':>7}")
    for r in rows:
        flag = "" if r["p95_ms"] < 100 else "  > 100 ms"
        print(f"{r['endpoint']:<{width}}  {r['p50_ms']:>7.1f}  {r['p95_ms']:>7.1f}  "
              f"{r['p99_ms']:>7.1f}  {r['rps']:>7.1f}{flag}")
    print(f"{'all endpoints':<{width}}  {'':>7}  {'':>7}  {'':>7}  {total / busy:>7.1f}")
    suffix = "" if (args.concurrency, args.workers) == (1, 1) else \
        f"-c{args.concurrency}-w{args.workers}"
    out = args.out or RESULTS / f"api_latency{suffix}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"docs": args.docs, "requests": args.requests, "cpus": os.cpu_count(),
                               "concurrency": args.concurrency, "workers": args.workers,
                               "load_average": load, "rps_all": round(total / busy, 1),
                               "rows": rows}, indent=2))
    print(f"-> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
