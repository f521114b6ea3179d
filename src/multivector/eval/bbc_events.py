"""Score the events stage against our blind BBC event gold (``tests/gold/bbc_events.jsonl``).

The gold holds no article text: each line names a file of the BBC corpus (``politics/058``),
the content id and length of the text ``multivector analyze`` stores for it, and every sentence
of the article after the title line: its character offsets in that stored text, a short check
string and a hash, and the events a CAMEO coder codes in it (``cameo``, ``plover``, ``source``
and ``target`` actor codes, ``trigger`` offsets); a sentence with no codable event has
``events: []`` and counts against precision when something is coded there.

The scorer reads the corpus files through the same ingest and cleaning path as ``multivector
analyze`` (``eval.bbc_quotes.read_article``), refuses a stored text that differs from the one
the gold was written on (naming the file), runs the whole pipeline up to ``events`` on each
article (document context: coreference, quotes, the document's country), gives each predicted
event to the annotated sentence its evidence span overlaps most, and scores every sentence as a
record with the triple matching of ``eval events --petrarch`` (``eval.events.score``,
``kind="petrarch"``: CAMEO root, source and target matched on their country code, or on the
sector for country-less ``---XXX`` codes).

Two sets of predictions are scored:

* ``f1`` (and ``precision``, ``recall``, ...): every event the coder emits;
* ``asserted_f1`` (``asserted``): what an analyst counts as a coded fact: complete events
  (source and target found) whose modality is ``asserted`` or ``reported`` (news attribution);
  negated, hypothetical, future, recommended and claimed events are left out.

``agreement`` compares two codings of the same articles (the second round's ``agreement`` split
against the first round's dev articles): the figure that says how far a single coder's gold can
be trusted, and so how much of a score gap is the coder's and how much the gold's.

Self-contained on purpose (no runner or store imports): it needs only the pipeline.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .bbc_quotes import GoldError, default_corpus, read_article, read_gold_lines, span_problems
from .events import GoldEvent, GoldRecord, _any_match, _match, _tmatch, score

ASSERTED_MODALITIES = ("asserted", "reported")
# dev/heldout: the first round (tests/gold/bbc_events.jsonl); unseen/agreement: the second round
# (tests/gold/bbc_events_r2.jsonl): new articles scored once, and first-round dev articles coded
# again blind to measure agreement between the two codings
SPLITS = ("dev", "heldout", "unseen", "agreement")
# splits whose errors are never read (--details refuses them): reading them would turn them into dev
BLIND_SPLITS = ("heldout", "unseen")


@dataclass
class GoldSentence:
    start: int
    end: int
    sha1: str
    events: list[GoldEvent] = field(default_factory=list)
    triggers: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class GoldArticle:
    file: str
    split: str
    doc_id: str
    chars: int
    sentences: list[GoldSentence] = field(default_factory=list)


def load_gold(path: str | Path, split: str = "all") -> list[GoldArticle]:
    """Articles of ``path`` (jsonl); ``split``: one of ``SPLITS`` or all."""
    def article(r: dict) -> GoldArticle:
        art = GoldArticle(r["file"], r["split"], r["doc_id"], int(r["chars"]))
        for s in r["sentences"]:
            sent = GoldSentence(int(s["start"]), int(s["end"]), str(s["sha1"]))
            for e in s["events"]:
                sent.events.append(GoldEvent([str(c).upper() for c in e["source"]],
                                             [str(c).upper() for c in e["target"]],
                                             e.get("plover"), str(e["cameo"])))
                t = e.get("trigger") or {}
                sent.triggers.append((int(t.get("start", -1)), int(t.get("end", -1))))
            art.sentences.append(sent)
        return art

    return read_gold_lines(path, split, article, splits=SPLITS)


def check_article(art: GoldArticle, text: str) -> list[str]:
    """Differences between the stored text and the one the gold was written on."""
    return span_problems(art.file, art.chars, text,
                         ((s.start, s.end, s.sha1) for s in art.sentences), "sentence")


def by_sentence(art: GoldArticle, events: Sequence[Any]) -> list[list[Any]]:
    """The predicted events of each annotated sentence: an event goes to the sentence its
    evidence span (``start``-``end``) overlaps most; events outside every annotated sentence
    (the title line) are not scored."""
    out: list[list[Any]] = [[] for _ in art.sentences]
    for e in events:
        best, best_ov = -1, 0
        for i, s in enumerate(art.sentences):
            ov = min(e.end, s.end) - max(e.start, s.start)
            if ov > best_ov:
                best, best_ov = i, ov
        if best < 0 and e.start == e.end:  # an empty span: the sentence it sits in
            best = next((i for i, s in enumerate(art.sentences) if s.start <= e.start < s.end), -1)
        if best >= 0:
            out[best].append(e)
    return out


def is_asserted(e: Any) -> bool:
    """A complete event reported as fact (news attribution included)."""
    return bool(e.complete) and e.modality in ASSERTED_MODALITIES


def same_event(g: GoldEvent, e: Any) -> bool:
    """The predicted event ``e`` is the gold event ``g``: its CAMEO root, a matching source, and
    a matching target (or neither has one)."""
    return (e.cameo or "")[:2] == (g.cameo or "")[:2] and _any_match(g.source, e.source) \
        and ((not g.target and not e.target) or _any_match(g.target, e.target))


def _found(g: GoldEvent, preds: Sequence[Any]) -> tuple[bool, bool]:
    """(a predicted event of the sentence has the gold CAMEO root, one also has its actors)."""
    root = (g.cameo or "")[:2]
    typed = [e for e in preds if (e.cameo or "")[:2] == root]
    return bool(typed), any(same_event(g, e) for e in typed)


def score_articles(arts: Sequence[GoldArticle], predicted: Sequence[Sequence[Sequence[Any]]]) -> dict[str, Any]:
    """Scores over the annotated sentences; ``predicted[a][s]``: the events of sentence ``s``
    of article ``a``."""
    records: list[GoldRecord] = []
    preds: list[list[Any]] = []
    for art, per_sent in zip(arts, predicted):
        for k, (s, p) in enumerate(zip(art.sentences, per_sent)):
            records.append(GoldRecord(id=f"{art.file}#{k}", text="", date=None, events=list(s.events)))
            preds.append(list(p))
    res = score(records, preds, "petrarch")
    res.pop("format", None)
    asserted = score(records, [[e for e in p if is_asserted(e)] for p in preds], "petrarch")
    res["asserted"] = {k: asserted[k] for k in ("predicted_events", "root_accuracy", "source_accuracy",
                                                "target_accuracy", "precision", "recall", "f1",
                                                "no_event_records_clean")}
    res["asserted_f1"] = asserted["f1"]
    roots: dict[str, dict[str, int]] = {}
    for rec, p in zip(records, preds):
        ap = [e for e in p if is_asserted(e)]
        for g in rec.events:
            r = roots.setdefault((g.cameo or "")[:2], {"gold": 0, "typed": 0, "found": 0, "found_asserted": 0})
            typed, full = _found(g, p)
            r["gold"] += 1
            r["typed"] += typed
            r["found"] += full
            r["found_asserted"] += _found(g, ap)[1]
    res["by_root"] = dict(sorted(roots.items()))
    res["articles"] = len(arts)
    return res


def _triples(events: Sequence[GoldEvent]) -> list[tuple[str, str, str]]:
    """(source, target, CAMEO root) of each actor pair of a sentence's events, as the scorer
    counts them ("" for no target)."""
    return [(s, t, (g.cameo or "")[:2]) for g in events for s in (g.source or [""])
            for t in (g.target or [""])]


def _f1(matched_a: int, n_a: int, matched_b: int, n_b: int) -> float:
    """F1 of two codings with no reference: the recall of each against the other."""
    ra, rb = (matched_a / n_a if n_a else 0.0), (matched_b / n_b if n_b else 0.0)
    return round(2 * ra * rb / (ra + rb), 4) if ra + rb else 0.0


def _common(a: Sequence[str], b: Sequence[str]) -> int:
    """Size of the multiset intersection of two lists of codes."""
    return sum(min(a.count(c), b.count(c)) for c in set(a))


def agreement(first: Sequence[GoldArticle], second: Sequence[GoldArticle]) -> dict[str, Any]:
    """Agreement between two codings of the same articles (matched by file, sentences by their
    offsets): triple F1 with the scorer's matching (CAMEO root, source and target on their
    country code), root F1 (a sentence's CAMEO roots as a multiset, actors ignored), code F1
    (the full 3-4 digit codes), and Cohen's kappa on "the sentence has an event". Symmetric:
    each coding's recall against the other gives the F1, so neither is taken as the truth."""
    by_file = {a.file: a for a in second}
    pairs = [(a, by_file[a.file]) for a in first if a.file in by_file]
    if not pairs:
        raise GoldError("no article is coded in both files")
    n = {"triples": [0, 0], "matched": [0, 0], "roots": [0, 0], "codes": [0, 0], "events": [0, 0]}
    roots_ok = codes_ok = sentences = unaligned = 0
    cells = {(x, y): 0 for x in (0, 1) for y in (0, 1)}  # (first has events, second has events)
    for a, b in pairs:
        spans_b = {(s.start, s.end): s for s in b.sentences}
        unaligned += len({(s.start, s.end) for s in a.sentences} ^ set(spans_b))
        for sa in a.sentences:
            sb = spans_b.get((sa.start, sa.end))
            if sb is None:
                continue
            sentences += 1
            xa, xb = _triples(sa.events), _triples(sb.events)
            for i, (mine, other) in enumerate(((xa, xb), (xb, xa))):
                n["triples"][i] += len(mine)
                n["matched"][i] += sum(any(_tmatch(x, y) for y in other) for x in mine)
            ra, rb = [(g.cameo or "")[:2] for g in sa.events], [(g.cameo or "")[:2] for g in sb.events]
            ca, cb = [g.cameo or "" for g in sa.events], [g.cameo or "" for g in sb.events]
            for i, (r, c) in enumerate(((ra, ca), (rb, cb))):
                n["roots"][i] += len(r)
                n["codes"][i] += len(c)
            roots_ok += _common(ra, rb)
            codes_ok += _common(ca, cb)
            cells[(int(bool(sa.events)), int(bool(sb.events)))] += 1
    total = sentences or 1
    observed = (cells[(0, 0)] + cells[(1, 1)]) / total
    pa, pb = (cells[(1, 0)] + cells[(1, 1)]) / total, (cells[(0, 1)] + cells[(1, 1)]) / total
    expected = pa * pb + (1 - pa) * (1 - pb)
    kappa = round((observed - expected) / (1 - expected), 4) if expected < 1 else 1.0
    (ta, tb), (ma, mb) = n["triples"], n["matched"]
    return {"articles": len(pairs), "sentences": sentences, "unaligned_sentences": unaligned,
            "events": n["roots"], "triples": n["triples"],
            "triple_recall": [round(ma / ta, 4) if ta else 0.0, round(mb / tb, 4) if tb else 0.0],
            "triple_f1": _f1(ma, ta, mb, tb),
            "root_f1": _f1(roots_ok, n["roots"][0], roots_ok, n["roots"][1]),
            "code_f1": _f1(codes_ok, n["codes"][0], codes_ok, n["codes"][1]),
            "sentences_with_events": [cells[(1, 0)] + cells[(1, 1)], cells[(0, 1)] + cells[(1, 1)]],
            "event_sentence_kappa": kappa}


def format_agreement(res: dict) -> str:
    return (f"agreement of two codings ({res['articles']} articles, {res['sentences']} sentences, "
            f"events {res['events'][0]} / {res['events'][1]}): triple F1 {res['triple_f1']:.3f} "
            f"(recall {res['triple_recall'][0]:.3f} / {res['triple_recall'][1]:.3f}), root F1 "
            f"{res['root_f1']:.3f}, code F1 {res['code_f1']:.3f}, event-sentence kappa "
            f"{res['event_sentence_kappa']:.3f}")


def _describe(e: Any) -> dict:
    from .events import _pred_code

    return {"cameo": e.cameo, "plover": e.plover, "trigger": e.trigger, "modality": e.modality,
            "complete": e.complete, "source": [_pred_code(a) for a in e.source],
            "target": [_pred_code(a) for a in e.target]}


def errors(arts: Sequence[GoldArticle], texts: Sequence[str],
           predicted: Sequence[Sequence[Sequence[Any]]]) -> list[dict]:
    """Per sentence: gold events not found (with what was coded there) and spurious events."""
    out = []
    for art, text, per_sent in zip(arts, texts, predicted):
        for s, p in zip(art.sentences, per_sent):
            missed = [g for g in s.events if not _found(g, p)[1]]
            spurious = [e for e in p if not any(
                (e.cameo or "")[:2] == (g.cameo or "")[:2]
                and any(_match(c, x) for c in g.source for x in [_code(a) for a in e.source])
                for g in s.events)]
            if not missed and not spurious:
                continue
            out.append({"file": art.file, "start": s.start, "end": s.end,
                        "text": " ".join(text[s.start : s.end].split())[:160],
                        "missed": [{"cameo": g.cameo, "source": g.source, "target": g.target}
                                   for g in missed],
                        "predicted": [_describe(e) for e in p],
                        "spurious": len(spurious)})
    return out


def _code(a: Any) -> str:
    from .events import _pred_code

    return _pred_code(a)


def evaluate(gold_path: str | Path, corpus: str | Path | None = None, split: str = "all",
             pipeline: Any = None, details: bool = False) -> dict[str, Any]:
    """Run the pipeline up to ``events`` over the gold articles and score them. ``details`` is
    refused on the blind splits (``BLIND_SPLITS``): their errors are never read."""

    if details and split in BLIND_SPLITS:
        raise GoldError(f"--details is not given for the blind split {split!r} (read errors on dev only)")
    arts = load_gold(gold_path, split)
    corpus_dir = Path(corpus) if corpus else default_corpus(gold_path)
    if not corpus_dir.is_dir():
        raise GoldError(f"{corpus_dir}: BBC corpus not found (pass --corpus)")
    documents = []
    for art in arts:
        d = read_article(corpus_dir, art.file)
        probs = check_article(art, d.text)
        if probs:
            raise GoldError("the corpus text no longer matches the gold: " + "; ".join(probs[:3]))
        documents.append(d)
    return run_and_score(arts, documents, pipeline, split, gold_path, details)


def run_and_score(arts: Sequence[GoldArticle], documents: Sequence[Any], pipeline: Any,
                  split: str, gold_path: str | Path, details: bool) -> dict[str, Any]:
    """Analyse the gold articles' documents (the pipeline up to ``events`` by default) and
    score their events sentence by sentence; shared by every article gold (BBC, RuSentRel)."""
    from ..pipeline import Pipeline

    if pipeline is None:
        pipeline = Pipeline(stages=["events"])  # and the stages it requires (actors, quotes)
    t0 = time.perf_counter()
    analysed, errs = pipeline.process(list(documents))
    by_source = {d.document.source: d for d in analysed}
    predicted = []
    for art, doc in zip(arts, documents):
        res = by_source.get(doc.source)
        predicted.append(by_sentence(art, res.events if res is not None else []))
    out = score_articles(arts, predicted)
    out.update({"split": split, "gold": str(gold_path), "failures": [str(e) for e in errs],
                "seconds": round(time.perf_counter() - t0, 1)})
    if details:
        out["errors"] = errors(arts, [d.text for d in documents], predicted)
    return out


def format_result(res: dict) -> str:
    lines = [f"events vs BBC event gold ({res['articles']} articles, split {res['split']}, "
             f"{res['records']} sentences, {res['gold_events']} gold events, "
             f"{res['predicted_events']} predicted)"]
    a = res["asserted"]
    for name, m in (("all emitted", res), ("asserted complete", a)):
        lines.append(f"  {name:18s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
                     f"  ({m['predicted_events']} events; root acc {m['root_accuracy']},"
                     f" source {m['source_accuracy']}, target {m['target_accuracy']})")
    lines.append("  gold events found (root + actors) by CAMEO root: " + ", ".join(
        f"{k} {v['found']}/{v['gold']}" for k, v in res["by_root"].items()))
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m multivector.eval.bbc_events",
                                 description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--split", default="all", choices=("all",) + SPLITS)
    ap.add_argument("--agreement", default=None, metavar="OTHER",
                    help="compare the codings of --gold and OTHER on their common articles (no pipeline)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="list the missed and spurious events per sentence")
    a = ap.parse_args(list(argv) if argv is not None else None)
    try:
        if a.agreement:
            res = agreement(load_gold(a.gold, a.split), load_gold(a.agreement))
        else:
            res = evaluate(a.gold, a.corpus, a.split, details=a.details)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text = format_agreement(res) if a.agreement else format_result(res)
    print(json.dumps(res, ensure_ascii=False) if a.json else text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
