"""Turn a hand-written quote annotation of RuSentRel articles into the dev gold file.

    python scripts/build_ru_quote_gold.py SPEC ../shared/eval/stance/rusentrel/train \
        > tests/gold/quotes_rusentrel_dev.jsonl

SPEC lines: ``artN | first words of the content | last words | speaker | kind`` (our own
annotation, written while reading the articles; the snippets stay out of the repository). The
gold keeps offsets into the article file (read without newline translation, as the .ann offsets)
and short check strings only (first and last 12 characters), not the sentences.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    spec, folder = Path(sys.argv[1]), Path(sys.argv[2])
    texts: dict[str, str] = {}
    pos: dict[str, int] = {}
    bad = 0
    for line in spec.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        doc, first, last, speaker, kind = [x.strip() for x in line.split("|")]
        if doc not in texts:
            with open(folder / f"{doc}.txt", encoding="utf-8", newline="") as fh:
                texts[doc] = fh.read()
        text = texts[doc]
        start = text.find(first, pos.get(doc, 0))
        if start < 0:
            start = text.find(first)
        end = text.find(last, start) + len(last) if start >= 0 else -1
        if start < 0 or end < len(last) or end - start > 2000:
            print(f"not found: {line}", file=sys.stderr)
            bad += 1
            continue
        pos[doc] = start
        print(json.dumps({"doc": doc, "start": start, "end": end,
                          "check": [text[start:start + 12], text[end - 12:end]],
                          "speaker": speaker, "kind": kind}, ensure_ascii=False))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
