"""Score the quotes stage against our hand-written BBC gold (``tests/gold/bbc_quotes.jsonl``).

The gold holds no article text: each line names a file of the BBC corpus (``business/100``),
the content id of the text ``multivector analyze`` stores for it, and per quote the character
offsets of the quoted content in that stored text, a short check string, the cue and the
resolved speaker (canonical name plus the other names the article uses for it). The scorer
reads the corpus files through the same ingest and cleaning path as ``multivector analyze``,
checks that the stored text is the one the gold was written on, runs ``actors`` + ``quotes``
and compares.

* quote match: one-to-one, greedy, a predicted quote matches a gold quote when it covers at
  least ``threshold`` of the gold span (|gold ∩ predicted| / |gold|, 0.3 by default as in the
  PolNeAR scorer); ``exact`` compares spans after trimming blanks, quotation marks, a leading
  "that" and final punctuation;
* speaker accuracy: among matched pairs, the predicted speaker is the gold one: its name, with
  titles, articles and possessives dropped, is contained in the gold canonical name or one of
  its aliases or contains one of them ("Hewitt" and "Culture Secretary Tessa Jowell" both name
  "Tessa Jowell"); a gold quote without a speaker is right only when the prediction has none.
  A pronoun or a descriptor left as the speaker's name ("he", "the minister") is wrong.

Self-contained on purpose (no runner or store imports): it needs only the pipeline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The same span normalisation and coverage as the PolNeAR scorer, so both dev sets score alike.
from .polnear import _norm
from .polnear import _overlap as _cover

TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor",
          "the", "a", "an", "of", "and", "s", "he", "she", "they", "it", "him", "her", "his",
          "its", "their", "them", "we", "i"}


class GoldError(ValueError):
    """The gold file or the corpus it points to cannot be used."""


@dataclass
class GoldQuote:
    start: int
    end: int
    kind: str
    sha1: str
    speaker: dict | None
    cue: dict | None = None


@dataclass
class GoldArticle:
    file: str
    split: str
    doc_id: str
    chars: int
    quotes: list[GoldQuote] = field(default_factory=list)


def load_gold(path: str | Path, split: str = "all") -> list[GoldArticle]:
    """Articles of ``path`` (jsonl); ``split`` = dev, heldout or all."""
    def article(r: dict) -> GoldArticle:
        return GoldArticle(r["file"], r["split"], r["doc_id"], r["chars"], [
            GoldQuote(q["start"], q["end"], q["kind"], q["sha1"], q.get("speaker"), q.get("cue"))
            for q in r["quotes"]])

    return read_gold_lines(path, split, article)


def read_gold_lines(path: str | Path, split: str, article: Callable[[dict], Any],
                    splits: tuple[str, ...] = ()) -> list[Any]:
    """The articles of a BBC gold file (one JSON object per line, made by ``article``) whose
    ``split`` is ``split`` (or all): the quote and event golds share this reading and its
    errors, which name the file and line. ``splits``: the only split names allowed."""
    p = Path(path)
    if not p.is_file():
        raise GoldError(f"{p}: no such gold file")
    out: list[Any] = []
    for ln, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            art = article(json.loads(line))
        except (KeyError, TypeError, ValueError, json.JSONDecodeError) as exc:
            raise GoldError(f"{p}:{ln}: malformed gold line ({exc})") from exc
        if splits and art.split not in splits:
            raise GoldError(f"{p}:{ln}: unknown split {art.split!r}")
        if split in ("all", art.split):
            out.append(art)
    if not out:
        raise GoldError(f"{p}: no articles for split {split!r}")
    return out


def default_corpus(gold_path: str | Path) -> Path:
    """``../shared/corpora/bbc`` from the working directory, else from the repository root the
    gold file sits in (``<root>/tests/gold/x.jsonl``)."""
    here = Path("../shared/corpora/bbc")
    if here.is_dir():
        return here
    return Path(gold_path).resolve().parents[2].parent / "shared" / "corpora" / "bbc"


def read_article(corpus: Path, file: str):
    """The stored ``Document`` for a corpus file, exactly as ``multivector analyze`` makes it."""
    from ..ingest.readers import read
    from ..ingest.sources import expand
    from ..text.clean import document_from_raw

    path = corpus / f"{file}.txt"
    if not path.is_file():
        raise GoldError(f"{path}: corpus file not found (pass --corpus)")
    refs, problems = expand([str(path)])
    if not refs:
        raise GoldError(f"{path}: cannot read ({problems})")
    raw = next(iter(read(refs[0], 50_000_000)))
    return document_from_raw(raw)


def check_article(art: GoldArticle, text: str) -> list[str]:
    """Differences between the stored text and the one the gold was written on."""
    return span_problems(art.file, art.chars, text,
                         ((q.start, q.end, q.sha1) for q in art.quotes), "quote")


def span_problems(file: str, chars: int, text: str, spans: Iterable[tuple[int, int, str]],
                  what: str) -> list[str]:
    """The stored text's length and each gold span's SHA-1 prefix against the gold's: a
    changed cleaning or corpus is reported, never scored."""
    probs = []
    if len(text) != chars:
        probs.append(f"{file}: stored text has {len(text)} characters, gold expects {chars}")
    for start, end, sha1 in spans:
        if hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()[:10] != sha1:
            probs.append(f"{file}: {what} {start}-{end} does not match its check")
    return probs


# --- scoring -----------------------------------------------------------------------------
def name_words(name: str | None) -> frozenset[str]:
    if not name:
        return frozenset()
    s = re.sub(r"['’]s\b", "", name.lower())
    return frozenset(w for w in re.findall(r"[a-z0-9][a-z0-9\-']*", s) if w not in TITLES)


def speaker_ok(gold: dict | None, pred: dict | None) -> bool:
    """Does the predicted speaker name the gold speaker?"""
    pname = (pred or {}).get("name")
    if gold is None:
        return not pname
    pw = name_words(pname)
    if not pw:
        return False
    for cand in [gold.get("name")] + list(gold.get("aliases") or []):
        gw = name_words(cand)
        if gw and (pw <= gw or gw <= pw):
            return True
    return False


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    matched: int = 0
    speaker_ok: int = 0
    gold_by_kind: dict = field(default_factory=dict)
    found_by_kind: dict = field(default_factory=dict)
    speaker_by_kind: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


def score_article(art: GoldArticle, text: str, preds: list[dict], threshold: float, tally: Tally) -> None:
    """Add one article's counts; ``preds`` are Quote records as dicts (start, end, speaker, kind)."""
    tally.gold += len(art.quotes)
    tally.pred += len(preds)
    gn = {_norm(text, q.start, q.end) for q in art.quotes}
    tally.exact += sum(1 for p in {_norm(text, p["start"], p["end"]) for p in preds} if p in gn)
    pairs = sorted(((_cover((g.start, g.end), (p["start"], p["end"])), gi, pi)
                    for gi, g in enumerate(art.quotes) for pi, p in enumerate(preds)), reverse=True)
    g_used: dict[int, int] = {}
    p_used: set[int] = set()
    for s, gi, pi in pairs:
        if s < threshold:
            break
        if gi in g_used or pi in p_used:
            continue
        g_used[gi] = pi
        p_used.add(pi)
    for gi, g in enumerate(art.quotes):
        tally.gold_by_kind[g.kind] = tally.gold_by_kind.get(g.kind, 0) + 1
        snippet = " ".join(text[g.start : g.end].split())[:70]
        if gi not in g_used:
            tally.errors.append({"file": art.file, "type": "missed", "start": g.start, "end": g.end,
                                 "kind": g.kind, "text": snippet,
                                 "gold_speaker": (g.speaker or {}).get("name")})
            continue
        tally.matched += 1
        tally.found_by_kind[g.kind] = tally.found_by_kind.get(g.kind, 0) + 1
        p = preds[g_used[gi]]
        if speaker_ok(g.speaker, p.get("speaker")):
            tally.speaker_ok += 1
            tally.speaker_by_kind[g.kind] = tally.speaker_by_kind.get(g.kind, 0) + 1
        else:
            tally.errors.append({"file": art.file, "type": "speaker", "start": g.start, "end": g.end,
                                 "kind": g.kind, "text": snippet,
                                 "gold_speaker": (g.speaker or {}).get("name"),
                                 "predicted": (p.get("speaker") or {}).get("name"),
                                 "method": (p.get("speaker") or {}).get("method"),
                                 "cue": p.get("cue")})
    for pi, p in enumerate(preds):
        if pi not in p_used:
            tally.errors.append({"file": art.file, "type": "spurious", "start": p["start"], "end": p["end"],
                                 "kind": p.get("kind"), "cue": p.get("cue"),
                                 "text": " ".join(text[p["start"] : p["end"]].split())[:70],
                                 "predicted": (p.get("speaker") or {}).get("name")})


def metrics(t: Tally, threshold: float) -> dict[str, Any]:
    def prf(tp: int) -> dict:
        p = tp / t.pred if t.pred else 0.0
        r = tp / t.gold if t.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "matched": tp}

    ov = prf(t.matched)
    return {
        "gold_quotes": t.gold,
        "predicted": t.pred,
        "precision": ov["precision"], "recall": ov["recall"], "f1": ov["f1"],
        "overlap": {**ov, "threshold": threshold},
        "exact": prf(t.exact),
        "speaker_accuracy": round(t.speaker_ok / t.matched, 4) if t.matched else None,
        "speaker_pairs": t.matched,
        "speaker_accuracy_end_to_end": round(t.speaker_ok / t.gold, 4) if t.gold else None,
        "by_kind": {k: {"gold": n, "found": t.found_by_kind.get(k, 0),
                        "speaker_ok": t.speaker_by_kind.get(k, 0)}
                    for k, n in sorted(t.gold_by_kind.items())},
    }


def evaluate(gold_path: str | Path, corpus: str | Path | None = None, split: str = "all",
             threshold: float = 0.3, pipeline=None, details: bool = False) -> dict[str, Any]:
    """Run ``actors`` + ``quotes`` over the gold articles and score them."""
    from ..pipeline import Pipeline

    arts = load_gold(gold_path, split)
    corpus_dir = Path(corpus) if corpus else default_corpus(gold_path)
    if not corpus_dir.is_dir():
        raise GoldError(f"{corpus_dir}: BBC corpus not found (pass --corpus)")
    documents = []
    for art in arts:
        d = read_article(corpus_dir, art.file)
        probs = check_article(art, d.text)
        if probs:
            raise GoldError("; ".join(probs[:3]))
        documents.append(d)
    if pipeline is None:
        pipeline = Pipeline(stages=["quotes"])  # and the stages it requires (actors)
    t0 = time.perf_counter()
    analysed, errs = pipeline.process(documents)
    by_source = {d.document.source: d for d in analysed}
    tally = Tally()
    checked = agree = 0
    for art, doc in zip(arts, documents):
        res = by_source.get(doc.source)
        preds = [_pred(q) for q in res.quotes] if res is not None else []
        score_article(art, doc.text, preds, threshold, tally)
        if res is not None:
            c, a = id_agreement(res)
            checked, agree = checked + c, agree + a
    out = metrics(tally, threshold)
    # the scores above compare names; this checks that a speaker's actor id is the person the
    # name says (a pronoun once lent one person's name another person's id, unseen by them)
    out["speaker_id_checked"] = checked
    out["speaker_id_agreement"] = round(agree / checked, 4) if checked else None
    out.update({"articles": len(arts), "split": split, "gold": str(gold_path),
                "failures": [str(e) for e in errs], "seconds": round(time.perf_counter() - t0, 1)})
    if details:
        out["errors"] = tally.errors
    return out


def id_agreement(doc) -> tuple[int, int]:
    """(speakers with a person's actor id, those whose name shares a word with that actor's
    name) over one analysed document."""
    checked = agree = 0
    for q in doc.quotes:
        sp = q.speaker
        actor = doc.actors.get(sp.id) if sp is not None and sp.id else None
        if actor is None or actor.type != "person" or not sp.name:
            continue
        checked += 1
        names = [actor.name, *actor.aliases.get("en", [])]
        agree += any(name_words(sp.name) & name_words(n) for n in names)
    return checked, agree


def _pred(q) -> dict:
    sp = q.speaker.as_speaker() if hasattr(q.speaker, "as_speaker") else (dict(q.speaker) if q.speaker else None)
    return {"start": q.start, "end": q.end, "kind": q.kind, "cue": q.cue, "speaker": sp,
            "candidates": getattr(q, "speaker_candidates", [])}


def format_result(res: dict) -> str:
    lines = [f"quotes vs BBC gold ({res['articles']} articles, split {res['split']}, "
             f"{res['gold_quotes']} gold quotes, {res['predicted']} predicted)"]
    for key in ("overlap", "exact"):
        m = res[key]
        lines.append(f"  {key:8s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
                     f"  ({m['matched']} matched)")
    acc = res["speaker_accuracy"]
    lines.append(f"  speaker accuracy {acc if acc is None else format(acc, '.3f')}"
                 f" over {res['speaker_pairs']} matched quotes")
    lines.append("  by gold kind: " + ", ".join(f"{k} {v['found']}/{v['gold']} found, {v['speaker_ok']} right speaker"
                                               for k, v in res["by_kind"].items()))
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m multivector.eval.bbc_quotes", description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--split", default="all", choices=("all", "dev", "heldout"))
    ap.add_argument("--overlap", type=float, default=0.3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="list every miss, spurious quote and wrong speaker")
    a = ap.parse_args(list(argv) if argv is not None else None)
    try:
        res = evaluate(a.gold, a.corpus, a.split, a.overlap, details=a.details)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(res, ensure_ascii=False) if a.json else format_result(res))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
