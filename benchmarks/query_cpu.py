"""CPU per call of the query functions behind the web API's endpoints, in-process.

Why: on a machine shared with other work, latencies and requests/s of the HTTP benchmark
(``api_latency.py``) move with the load, and even the server's CPU per request varies by
±30% from run to run. Here DuckDB runs with one thread, so all the work of a call is counted
in this process, and the minimum of 15 calls (after a warm-up) leaves out the time other
processes took the core. JSON encoding is included; HTTP, routing and middleware are not
(about 1.6-2 ms per request in the server).

    .venv/bin/python benchmarks/query_cpu.py --db /tmp/mv/api.duckdb
    PYTHONPATH=/path/to/older/checkout/src .venv/bin/python benchmarks/query_cpu.py --db ...

The database is the one ``api_latency.py`` builds (10k synthetic documents)."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from multivector.store import browse as q
from multivector.web.database import Database

FIRST_VISITS = ["AFG", "ARM", "AZE", "BLR", "PER:expert-001", "PER:expert-050"]
SEARCHES = ("Russia", "drones", "Expert 01", "railway")


def min_cpu_ms(f, n: int = 15) -> float:
    f()
    best = float("inf")
    for _ in range(n):
        t = time.process_time()
        f()
        best = min(best, (time.process_time() - t) * 1000)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=None, help="JSON results")
    args = ap.parse_args()
    db = Database(args.db, threads=1)
    q.warm(db)
    docs = [d["id"] for d in q.documents(db, limit=3)["items"]]

    def enc(x) -> str:
        return json.dumps(x, ensure_ascii=False, separators=(",", ":"), default=str)

    calls = {  # name -> (call, number of requests it stands for)
        "documents (page)": (lambda: enc(q.documents(db, limit=50, offset=100)), 1),
        "documents ?actor&from&to": (lambda: enc(q.documents(
            db, actor="RUS", date_from="2019-01", date_to="2019-06")), 1),
        "documents ?q (text)": (lambda: enc(q.documents(db, q="drones")), 1),
        "documents/{id}": (lambda: [enc(q.document(db, d)) for d in docs], len(docs)),
        "actors/{id} (first visit)": (lambda: [enc(q.actor(db, a, limit=20))
                                               for a in FIRST_VISITS], len(FIRST_VISITS)),
        "mentions ?actor": (lambda: enc(q.mentions(db, actor="RUS")), 1),
        "quotes ?speaker": (lambda: enc(q.quotes(db, speaker="PER:expert-037")), 1),
        "quotes ?about": (lambda: enc(q.quotes(db, about="RUS")), 1),
        "events ?actor": (lambda: enc(q.events(db, actor="RUS")), 1),
        "events dyad a+b": (lambda: enc(q.events(db, a="RUS", b="CHN")), 1),
        "events ?type&from": (lambda: enc(q.events(db, type="ACCUSE", date_from="2019")), 1),
        "stances ?target": (lambda: enc(q.stances(db, target="RUS")), 1),
        "search (mean of 4 queries)": (lambda: [enc(q.search(db, s)) for s in SEARCHES],
                                       len(SEARCHES)),
    }
    out = {}
    for name, (call, n) in calls.items():
        out[name] = round(min_cpu_ms(call) / n, 2)
        print(f"{name:28s} {out[name]:7.2f} ms CPU per request", flush=True)
    if args.out:
        args.out.write_text(json.dumps(out, indent=2))
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
