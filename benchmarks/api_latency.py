"""API latency of `multivector serve` on a database of 10k documents: p50, p95 and p99 per
endpoint, requests per second, and the CPU the server and the client spent per request.

The three runs of issue 17 (from the repository root; the database is built once, ~2 min, and
reused while its ``.docs`` marker says 10000):

    .venv/bin/python benchmarks/api_latency.py --db /tmp/mv/api.duckdb --concurrency 16 --workers 1
    .venv/bin/python benchmarks/api_latency.py --db /tmp/mv/api.duckdb --concurrency 16 --workers 2
    .venv/bin/python benchmarks/api_latency.py --db /tmp/mv/api.duckdb --concurrency 4 --workers 2

Other uses:

    .venv/bin/python benchmarks/api_latency.py                 # 1 client, 1 process
    .venv/bin/python benchmarks/api_latency.py --docs 2000 --requests 30 --rebuild
    .venv/bin/python benchmarks/api_latency.py --client httpx ...   # the earlier threaded client

With ``--concurrency C`` each endpoint's requests are sent by C clients at once (each its own
keep-alive connection); requests/s is the endpoint's requests over the wall time they took.
The default client (``--client raw``) is asyncio streams in one thread, writing the request
bytes and reading the response: ~0.3 ms of CPU per request, against several ms for httpx in
threads, which on a 2-core machine took the CPU a second server process needed. The report
ends with the cores the server and the client kept busy: with one server process using most
of both cores (DuckDB runs each query on every core it is given), a second process has little
left to add, whatever the client.

The database is synthesised, not analysed: the hand-annotated sample corpus
(``multivector/web/data/sample_corpus.yaml``) is copied ``--docs`` times with other actors
(drawn from 30 states, 4 organisations and 300 experts), other dates (2019-2024) and filler
paragraphs to the size of a news article, then written through ``Store.write`` like the
pipeline's output (a file built by an older version is migrated when the benchmark opens it).
The server runs as a separate process (`multivector serve`) on a free loopback port; requests
are real HTTP over keep-alive, a bounded number per endpoint. Results: a table on stdout and
``benchmarks/results/api_latency[-cC-wW].json`` (or ``--out``).
This is a benchmark, not a test: nothing fails when the goal (p95 < 100 ms) is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil

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


class RawClient:
    """One keep-alive HTTP/1.1 connection on an asyncio stream: the cheap load generator.

    Why: the benchmark's client runs on the same cores as the server. httpx in threads spent
    about as much CPU per request as the server's cheap endpoints (measured with
    ``--client httpx``), so the client itself capped the requests/s a second server process
    could add. This client writes the request bytes and reads the status line, the headers
    and a Content-Length (or chunked) body, nothing more. It sends ``Accept-Encoding: gzip``
    as a browser (and httpx) does, so the server compresses as it would for them."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, url: str) -> int:
        reused = self.writer is not None
        try:
            return await self._get(url)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            # the server closes keep-alive connections idle for 5 s (between endpoints):
            # open a new one and send again, once
            partial = getattr(exc, "partial", b"")
            self.close()
            if not reused or partial:
                raise
            return await self._get(url)

    async def _get(self, url: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None and self.writer is not None
        target = quote(url, safe="/?&=:%+")  # "Expert 01" -> Expert%2001, as httpx sends it
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          "Accept-Encoding: gzip\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        lower = head.lower()
        i = lower.find(b"content-length:")
        if i >= 0:
            await self.reader.readexactly(int(lower[i + 15:lower.index(b"\r\n", i)]))
        elif b"transfer-encoding: chunked" in lower:
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        if b"connection: close" in lower:
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _timed_raw(clients: list[RawClient], urls: list[str],
                     requests: int) -> tuple[list, float]:
    """As :func:`_timed`, with the asyncio clients (one event loop, one thread)."""
    times: list[float] = []
    counter = iter(range(requests))

    async def work(client: RawClient) -> None:
        for i in counter:
            u = urls[i % len(urls)]
            t0 = time.perf_counter()
            status = await client.get(u)
            times.append((time.perf_counter() - t0) * 1000)
            if status >= 400:
                raise RuntimeError(f"{u}: HTTP {status}")

    t0 = time.perf_counter()
    await asyncio.gather(*(work(c) for c in clients))
    return times, time.perf_counter() - t0


def _cpu_self() -> float:
    r = os.times()
    return r.user + r.system


def _cpu_tree(proc: psutil.Process) -> float:
    """CPU seconds of the server: its process and every worker process."""
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def wait_idle(server: psutil.Process, window: float = 1.0, busy: float = 0.05,
              timeout: float = 300) -> float:
    """Wait until the server's processes use under ``busy`` of a core over ``window``
    seconds; returns the seconds waited. (Nothing else tells when every worker has finished
    its start-up work: a request reaches one worker, not a chosen one.)"""
    t0 = time.monotonic()
    before = _cpu_tree(server)
    while time.monotonic() - t0 < timeout:
        time.sleep(window)
        now = _cpu_tree(server)
        if now - before < busy * window:
            break
        before = now
    return time.monotonic() - t0


def measure(base: str, requests: int, concurrency: int = 1, client: str = "raw",
            server: psutil.Process | None = None) -> list[dict]:
    """Per endpoint: latencies, requests/s, and (``server`` given) the CPU seconds the
    server and this client spent on its timed requests."""
    rows = []
    # eight connections: with one listening socket per worker (SO_REUSEPORT) each lands on a
    # worker by a hash, so all eight miss one of two workers once in 128 runs
    warm = [httpx.Client(base_url=base, timeout=60) for _ in range(8)]
    host, port = base.rsplit("//", 1)[1].split(":")
    loop = asyncio.new_event_loop()
    raw = [RawClient(host, int(port)) for _ in range(concurrency)]
    threaded = [httpx.Client(base_url=base, timeout=60)
                for _ in range(concurrency)] if client == "httpx" else []
    try:
        for name, urls in endpoints(warm[0]):
            if "first visit" not in name:  # warm-up (first calls also fill the caches)
                # "revisited": every page of the cycle seen before (by every worker); before,
                # 6 of its 9 pages were first visits in the timed requests, its p95 tail
                for u in urls if "revisited" in name else urls[:3]:
                    for c in warm:  # reach every worker
                        c.get(u).raise_for_status()
            c0 = _cpu_self()
            s0 = _cpu_tree(server) if server is not None else 0.0
            if client == "httpx":
                times, wall = _timed(threaded, urls, requests)
            else:
                times, wall = loop.run_until_complete(_timed_raw(raw, urls, requests))
            client_cpu = _cpu_self() - c0
            server_cpu = (_cpu_tree(server) - s0) if server is not None else float("nan")
            n = len(times)
            rows.append({"endpoint": name, "n": n, "p50_ms": round(pct(times, 50), 1),
                         "p95_ms": round(pct(times, 95), 1), "p99_ms": round(pct(times, 99), 1),
                         "mean_ms": round(statistics.fmean(times), 1),
                         "rps": round(n / wall, 1), "wall_s": round(wall, 3),
                         "server_cpu_ms": round(server_cpu * 1000 / n, 2),
                         "client_cpu_ms": round(client_cpu * 1000 / n, 2),
                         "example": urls[0]})
    finally:
        for c in warm + threaded:
            c.close()
        for r in raw:
            r.close()
        loop.run_until_complete(asyncio.sleep(0))
        loop.close()
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, default=RESULTS / "api_latency.duckdb")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=60, help="timed requests per endpoint")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--concurrency", type=int, default=1, help="clients sending at once")
    ap.add_argument("--workers", type=int, default=1, help="serve --workers N")
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw",
                    help="load generator: asyncio keep-alive sockets in one thread (default, "
                    "cheap) or httpx clients in threads (the earlier client)")
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
    # a file built by an older version lacks the word index of text search: opening it for
    # writing adds it once (seconds), as `multivector analyze` would
    from multivector.store.db import Store

    with Store(args.db):
        pass
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
        # the server computes the network aggregates and its lookups in the background at
        # start-up, each worker its own: wait until it is idle so they do not compete with
        # the first measurements (the first endpoint's p95 was 227 ms instead of ~90)
        for _ in range(2 * args.workers):
            httpx.get(base + "/api/relations", timeout=600).raise_for_status()
        ready = wait_idle(psutil.Process(server.pid))
        print(f"server idle {ready:.1f}s after it answered (start-up work done)",
              file=sys.stderr)
        load0 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        t0 = time.perf_counter()
        rows = measure(base, args.requests, args.concurrency, client=args.client,
                       server=psutil.Process(server.pid))
        elapsed = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    width = max(len(r["endpoint"]) for r in rows)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    total = sum(r["n"] for r in rows)
    busy = sum(r["wall_s"] for r in rows)
    server_cpu = sum(r["server_cpu_ms"] * r["n"] for r in rows) / 1000
    client_cpu = sum(r["client_cpu_ms"] * r["n"] for r in rows) / 1000
    print(f"API latency, {args.docs:,} documents, {args.requests} requests per endpoint from "
          f"{args.concurrency} concurrent client(s) ({args.client}), serve --workers "
          f"{args.workers}, loopback HTTP ({elapsed:.0f}s; {os.cpu_count()} cpus, load average "
          f"{load0:.1f} at the start, {load:.1f} at the end)")
    print(f"{'endpoint':<{width}}  {'p50 ms':>7}  {'p95 ms':>7}  {'p99 ms':>7}  {'req/s':>7}"
          f"  {'server CPU ms/req':>17}  {'client CPU ms/req':>17}")
    for r in rows:
        flag = "" if r["p95_ms"] < 100 else "  > 100 ms"
        print(f"{r['endpoint']:<{width}}  {r['p50_ms']:>7.1f}  {r['p95_ms']:>7.1f}  "
              f"{r['p99_ms']:>7.1f}  {r['rps']:>7.1f}  {r['server_cpu_ms']:>17.2f}  "
              f"{r['client_cpu_ms']:>17.2f}{flag}")
    print(f"{'all endpoints':<{width}}  {'':>7}  {'':>7}  {'':>7}  {total / busy:>7.1f}  "
          f"{server_cpu * 1000 / total:>17.2f}  {client_cpu * 1000 / total:>17.2f}")
    # the cores each side kept busy while the timed requests ran: with C clients and N
    # server processes on a 2-core machine, this says whether a second process had a core
    print(f"cores busy during the timed requests: server {server_cpu / busy:.2f}, client "
          f"{client_cpu / busy:.2f} (of {os.cpu_count()}); client share of the CPU "
          f"{client_cpu / max(server_cpu + client_cpu, 1e-9):.0%}")
    suffix = "" if (args.concurrency, args.workers) == (1, 1) else \
        f"-c{args.concurrency}-w{args.workers}"
    out = args.out or RESULTS / f"api_latency{suffix}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"docs": args.docs, "requests": args.requests, "cpus": os.cpu_count(),
                               "concurrency": args.concurrency, "workers": args.workers,
                               "client": args.client, "load_average_start": load0,
                               "load_average": load, "rps_all": round(total / busy, 1),
                               "server_cores": round(server_cpu / busy, 2),
                               "client_cores": round(client_cpu / busy, 2),
                               "server_cpu_ms_per_request": round(server_cpu * 1000 / total, 2),
                               "client_cpu_ms_per_request": round(client_cpu * 1000 / total, 2),
                               "rows": rows}, indent=2))
    print(f"-> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
