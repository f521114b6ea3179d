"""API latency of `multivector serve` on a database of 10k documents: p50 and p95 per endpoint.

    .venv/bin/python benchmarks/api_latency.py                 # build (once) and measure
    .venv/bin/python benchmarks/api_latency.py --docs 2000 --requests 30 --rebuild

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
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

STATES = {
    "RUS": "Russia", "KAZ": "Kazakhstan", "UZB": "Uzbekistan", "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan", "TKM": "Turkmenistan", "CHN": "China", "USA": "United States",
    "TUR": "Turkey", "IRN": "Iran", "IND": "India", "PAK": "Pakistan", "AFG": "Afghanistan",
    "AZE": "Azerbaijan", "ARM": "Armenia", "GEO": "Georgia", "UKR": "Ukraine", "BLR": "Belarus",
    "MNG": "Mongolia", "JPN": "Japan", "KOR": "South Korea", "DEU": "Germany", "FRA": "France",
    "GBR": "United Kingdom", "POL": "Poland", "ISR": "Israel", "SAU": "Saudi Arabia",
    "ARE": "United Arab Emirates", "QAT": "Qatar", "EGY": "Egypt",
}
IGOS = {"IGO:NATO": "NATO", "IGO:CSTO": "Collective Security Treaty Organization",
        "IGO:SCO": "Shanghai Cooperation Organisation", "IGO:EU": "European Union"}
FILLER = [
    "Officials on both sides declined to give details of the talks, which took place behind "
    "closed doors and lasted longer than planned.",
    "Trade between the two countries has grown every year since the border crossings reopened, "
    "driven mostly by fuel, grain and construction materials.",
    "Analysts in the region expect the next round of negotiations to focus on water, energy "
    "prices and the transit of goods to European markets.",
    "The ministry said a joint working group would meet again in the autumn to review "
    "progress on the agreements signed during the visit.",
    "Opposition politicians criticised the government for publishing so little about the "
    "terms of the loan and the guarantees attached to it.",
    "Local media reported that the delegation also visited an industrial park and a new "
    "logistics hub close to the railway junction.",
]


def build_db(path: Path, n_docs: int, seed: int = 7) -> None:
    from multivector.doc import Actor
    from multivector.store.db import Store
    from multivector.web.sample import actors as sample_actors, build_doc, corpus

    rng = random.Random(seed)
    extra = {i: Actor(id=i, name=n, type="state", country=i, cameo=i) for i, n in STATES.items()}
    extra.update({i: Actor(id=i, name=n, type="igo") for i, n in IGOS.items()})
    experts = [f"PER:expert-{k:03d}" for k in range(300)]
    extra.update({e: Actor(id=e, name=f"Expert {k:03d}", type="person",
                           roles=[{"role": "political scientist", "org": None, "country": None,
                                   "start": None, "end": None}])
                  for k, e in enumerate(experts)})
    base = sample_actors()
    states_in_sample = [i for i, a in base.items() if a.type == "state"]
    igos_in_sample = [i for i, a in base.items() if a.type == "igo"]
    people_in_sample = [i for i, a in base.items() if a.type == "person"]
    specs = corpus()["documents"]
    if path.exists():
        path.unlink()
    t0 = time.perf_counter()
    with Store(path) as store:
        batch = []
        for n in range(n_docs):
            states = rng.sample(sorted(STATES), len(states_in_sample))
            rename = dict(zip(states_in_sample, states))
            rename.update(zip(igos_in_sample, rng.sample(sorted(IGOS), len(igos_in_sample))))
            rename.update(zip(people_in_sample, rng.sample(experts, len(people_in_sample))))
            date = f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            filler = [rng.choice(FILLER) for _ in range(rng.randint(15, 30))]
            batch.append(build_doc(specs[n % len(specs)], source=f"synthetic/{n:05d}.txt",
                                   date=date, rename=rename, extra_actors=extra,
                                   extra_paragraphs=filler, key_suffix=f"Document {n}."))
            if len(batch) == 1000:
                store.write(batch)
                batch = []
        store.write(batch)
        counts = {t: store.count(t) for t in ("documents", "mentions", "quotes", "events",
                                               "stances")}
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


def measure(base: str, requests: int) -> list[dict]:
    rows = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, urls in endpoints(client):
            if "first visit" not in name:  # warm-up (first calls also fill the caches)
                for u in urls[:3]:
                    client.get(u).raise_for_status()
            times = []
            for i in range(requests):
                u = urls[i % len(urls)]
                t0 = time.perf_counter()
                r = client.get(u)
                times.append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
            rows.append({"endpoint": name, "n": len(times), "p50_ms": round(pct(times, 50), 1),
                         "p95_ms": round(pct(times, 95), 1),
                         "mean_ms": round(statistics.fmean(times), 1),
                         "example": urls[0]})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, default=RESULTS / "api_latency.duckdb")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=60, help="timed requests per endpoint")
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
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
    server = subprocess.Popen([*cmd, "serve", "--db", str(args.db), "--port", str(port)],
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
        httpx.get(base + "/api/relations", timeout=600).raise_for_status()
        t0 = time.perf_counter()
        rows = measure(base, args.requests)
        elapsed = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    width = max(len(r["endpoint"]) for r in rows)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"API latency, {args.docs:,} documents, {args.requests} sequential requests per "
          f"endpoint over loopback HTTP ({elapsed:.0f}s; {os.cpu_count()} cpus, load average "
          f"{load:.1f} at the end)")
    print(f"{'endpoint':<{width}}  {'p50 ms':>7}  {'p95 ms':>7}  {'mean ms':>7}")
    for r in rows:
        flag = "" if r["p95_ms"] < 100 else "  > 100 ms"
        print(f"{r['endpoint']:<{width}}  {r['p50_ms']:>7.1f}  {r['p95_ms']:>7.1f}  "
              f"{r['mean_ms']:>7.1f}{flag}")
    out = RESULTS / "api_latency.json"
    out.write_text(json.dumps({"docs": args.docs, "requests": args.requests, "cpus": os.cpu_count(),
                               "load_average": load, "rows": rows}, indent=2))
    print(f"-> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
