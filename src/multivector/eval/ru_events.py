"""Score the Russian event coder (``lang/ru/events.py``) against our blind RuSentRel event gold
(``tests/gold/ru_events.jsonl``).

    multivector eval events --ru-gold tests/gold/ru_events.jsonl [--corpus DIR] \
        [--split dev|heldout] [--json] [--details]

RuSentRel (``../shared/eval/stance/rusentrel/train``, MIT) holds Russian analytical articles on
international politics; our gold codes the CAMEO events of a reproducible sample of their
sentences (``sample_sentences``: the first ``SAMPLE`` sentences after the title and source
lines) in the format of the BBC event gold (``eval/bbc_events.py``): per article ``file``
(``art20``), ``split``, ``chars`` of the text the pipeline stores for it and per sentence its
offsets, check string, hash and events (CAMEO code, source and target actor codes, trigger
offsets). No article text is stored beyond those check strings and trigger words.

An article is read as ``eval.ru_quotes`` reads it (the "{Author, Unknown}" line markers blanked
out) and cleaned by ``text.clean.make_document``, as ``analyze_text`` does; the scorer refuses a
stored text that no longer matches the gold. Scoring is the BBC gold's (``score_articles``):
each predicted event goes to the annotated sentence its evidence overlaps most, and sentences
are scored as records with the triple matching of ``eval events --petrarch`` (CAMEO root,
source and target on their country code). Sentences outside the sample are not scored.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .bbc_events import check_article, load_gold, run_and_score
from .bbc_quotes import GoldError

SAMPLE = 30  # sentences per article
SPLITS = ("dev", "heldout")
# the header of a RuSentRel text: the title line, then source/byline/date lines ("inosmi.ru...",
# "5-го, 2016"): short lines without a sentence end, or any line naming the source site
_HEADER_END = re.compile(r"[.!?»]\s*$")


def default_folder() -> Path:
    """``../shared/eval/stance/rusentrel/train`` from the working directory."""
    return Path("../shared/eval/stance/rusentrel/train")


def read_text(folder: str | Path, file: str) -> str:
    """The text the pipeline stores for a RuSentRel article: its "{Author, Unknown}" markers
    blanked out (as ``eval.ru_quotes``), then cleaned as ``analyze_text`` cleans any text."""
    from ..stance.rusentrel import AUTHOR_MARK
    from ..text.clean import make_document

    path = Path(folder) / f"{file}.txt"
    if not path.is_file():
        raise GoldError(f"{path}: RuSentRel article not found (pass --corpus)")
    with open(path, encoding="utf-8", newline="") as fh:
        raw = fh.read()
    clean = AUTHOR_MARK.sub(lambda m: " " * len(m.group(0)), raw).replace("\r", " ")
    return make_document(clean, source=file).text


def body_start(text: str) -> int:
    """Offset of the first body line: after the title and the source/date lines."""
    lines = text.split("\n")
    h = 1
    while h < len(lines) and ("inosmi" in lines[h] or (len(lines[h]) < 80
                                                       and not _HEADER_END.search(lines[h]))):
        h += 1
    return sum(len(line) + 1 for line in lines[:h])


def sample_sentences(text: str, n: int = SAMPLE) -> list[tuple[int, int]]:
    """(start, end) of the first ``n`` body sentences (razdel's segmentation, the one the
    Russian parser uses): the sentences the gold annotates."""
    from razdel import sentenize

    base = body_start(text)
    out = []
    for s in sentenize(text[base:]):
        out.append((base + s.start, base + s.stop))
        if len(out) == n:
            break
    return out


def evaluate(gold_path: str | Path, corpus: str | Path | None = None, split: str = "all",
             pipeline: Any = None, details: bool = False) -> dict[str, Any]:
    """Run the pipeline up to ``events`` over the gold articles and score their sampled
    sentences (``details``: missed and spurious events per sentence; read them on dev only)."""
    from ..text.clean import make_document

    if details and split not in ("dev",):
        raise GoldError(f"--details is given for the dev split only (read errors on dev only), not {split!r}")
    arts = load_gold(gold_path, split)
    folder = Path(corpus) if corpus else default_folder()
    if not folder.is_dir():
        raise GoldError(f"{folder}: RuSentRel folder not found (pass --corpus)")
    documents = []
    for art in arts:
        text = read_text(folder, art.file)
        probs = check_article(art, text)
        if probs:
            raise GoldError("the article text no longer matches the gold: " + "; ".join(probs[:3]))
        documents.append(make_document(text, source=art.file))
    return run_and_score(arts, documents, pipeline, split, gold_path, details)


def format_result(res: dict) -> str:
    from .bbc_events import format_result as bbc_format

    return bbc_format(res).replace("BBC event gold", "Russian event gold (RuSentRel)", 1)
