"""Turn a hand-written event annotation of RuSentRel articles into the Russian event gold.

    PYTHONPATH=src python scripts/build_ru_event_gold.py SPEC ../shared/eval/stance/rusentrel/train \
        > tests/gold/ru_events.jsonl
    PYTHONPATH=src python scripts/build_ru_event_gold.py --show ../shared/eval/stance/rusentrel/train

The articles are drawn here (``draw``): ``random.Random(1212).sample`` of 10 among the sorted
``artN.txt`` files (the first 5 dev, the last 5 held out), then ``random.Random(1213).sample`` of
5 more dev articles among the rest (added because the first dev five, opinion essays, hold few
events). The sentences are ``eval.ru_events.sample_sentences`` (the first 30 of the body).
``--show`` prints them numbered, for annotating (before the coder is run on them).

SPEC lines: ``artN | sentence number | CAMEO | source codes | target codes | trigger word``
(codes comma-separated; a symmetric event written once per direction). The gold keeps offsets,
check strings and trigger words only, never the sentences.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

from multivector.eval.ru_events import read_text, sample_sentences
from multivector.events.ontology import ontology
from multivector.text.clean import make_document


def draw(folder: Path) -> dict[str, str]:
    """article -> split, in the order drawn."""
    ids = sorted((p.name[:-4] for p in folder.glob("art*.txt") if re.fullmatch(r"art\d+\.txt", p.name)),
                 key=lambda s: int(s[3:]))
    first = random.Random(1212).sample(ids, 10)
    more = random.Random(1213).sample([i for i in ids if i not in first], 5)
    return {**{a: "dev" for a in first[:5]}, **{a: "heldout" for a in first[5:]},
            **{a: "dev" for a in more}}


def main() -> int:
    args = sys.argv[1:]
    if args and args[0] == "--show":
        folder = Path(args[1])
        for art, split in draw(folder).items():
            text = read_text(folder, art)
            print(f"===== {art} {split}")
            for k, (a, b) in enumerate(sample_sentences(text)):
                print(f"[{k}] {a}-{b}: {text[a:b]}")
        return 0
    spec, folder = Path(args[0]), Path(args[1])
    ann: dict[tuple[str, int], list[tuple[str, list[str], list[str], str]]] = {}
    for line in spec.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        art, k, cameo, src, tgt, trig = [x.strip() for x in line.split("|")]
        codes = (lambda s: [c.strip() for c in s.split(",") if c.strip()])
        ann.setdefault((art, int(k)), []).append((cameo, codes(src), codes(tgt), trig))
    onto = ontology()
    used = set()
    for art, split in draw(folder).items():
        text = read_text(folder, art)
        sents = []
        for k, (a, b) in enumerate(sample_sentences(text)):
            evs = []
            for cameo, src, tgt, trig in ann.get((art, k), []):
                cc = onto.cameo_code(cameo)
                if cc is None:
                    raise SystemExit(f"{art} [{k}]: unknown CAMEO code {cameo}")
                i = text.find(trig, a, b)
                if i < 0:
                    raise SystemExit(f"{art} [{k}]: trigger {trig!r} not in the sentence")
                evs.append({"cameo": cameo, "plover": cc.plover or None, "source": src,
                            "target": tgt, "trigger": {"text": trig, "start": i, "end": i + len(trig)}})
                used.add((art, k))
            span = text[a:b]
            sents.append({"start": a, "end": b, "check": f"{span[:12]}|{span[-8:]}",
                          "sha1": hashlib.sha1(span.encode("utf-8")).hexdigest()[:10],
                          "events": evs})
        doc = make_document(text, source=art)
        print(json.dumps({"file": art, "split": split, "doc_id": doc.id, "chars": len(text),
                          "sentences": sents}, ensure_ascii=False))
    missing = set(ann) - used
    if missing:
        raise SystemExit(f"annotations outside the sample: {sorted(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
