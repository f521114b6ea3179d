#!/usr/bin/env python
"""Evaluate the world actor KB on actors it has not seen (issue 16).

1. Builds the world KB with fold K of N of the people, parties and groups left out
   (scripts/build_actor_kb.py --holdout K/N) into /tmp, and a dev set from what was left out.
2. Resolves the dev phrases (names on a date inside a held-out role; party and group names)
   and the 101 BBC phrases of tests/gold/actors_world_bbc.jsonl (our annotation; the article's
   opening 600 characters are passed as context when ../shared/corpora/bbc is present) against
   that fold's KB, and prints country and sector accuracy.

    .venv/bin/python scripts/eval_actor_kb.py [--fold 0/5] [--limit 400] [--errors]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", default="0/5")
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--packaged", action="store_true", help="BBC set on the packaged KB only.")
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    k = args.fold.replace("/", "of")
    out = Path(f"/tmp/multivector-kb-eval/world-{k}.json.gz")
    if not args.packaged:
        if not out.is_file():
            subprocess.run([sys.executable, str(ROOT / "scripts" / "build_actor_kb.py"), "--world-only",
                            "--holdout", args.fold, "-o", str(out)], check=True, env=env)
        os.environ["MULTIVECTOR_WORLD_KB"] = str(out)
    sys.path.insert(0, str(ROOT / "src"))
    from multivector.actors.resolve import PhraseResolver
    from multivector.actors.world_eval import GOLD_BBC, dev_items, read_gold, score

    resolver = PhraseResolver()

    def context(it: dict) -> str | None:
        p = BBC / it["doc"] if it.get("doc") else None
        if p is not None and p.is_file():
            return p.read_text(encoding="latin-1")[:600]
        return None

    def run(it: dict):
        return resolver.resolve(it["text"], date=it.get("date"), context=context(it))

    report = {}
    if not args.packaged:
        heldout = read_gold(out.with_suffix("").with_suffix(".heldout.jsonl"))
        kb = resolver.kb
        dem = {a.id: next((d for d, iso in kb.demonyms.items() if iso == a.id), "").title()
               for a in kb.actors.values() if a.type == "state"}
        nm = {a.id: a.name for a in kb.actors.values() if a.type == "state"}
        report[f"unseen, bare names (fold {args.fold})"] = score(dev_items(heldout, args.limit), run)
        report[f"unseen, introduced (fold {args.fold})"] = score(
            dev_items(heldout, args.limit, introduced=True, demonyms=dem, names=nm), run)
    report["bbc (101 phrases)"] = score(read_gold(GOLD_BBC), run)
    for name, res in report.items():
        errs = res.pop("errors")
        print(f"{name}: {json.dumps(res)}")
        if args.errors:
            for e in errs:
                print("   ", json.dumps(e, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
