"""Score the quotes stage against PolNeAR (brat standoff: Source / Cue / Content spans joined
by E lines).

Units are content *fragments*: PolNeAR joins the pieces of an interrupted quote ("A," said X.
"B.") into one discontinuous Content span; we emit one quote per piece, so each gold fragment
is scored on its own and carries its attribution's Source.

* exact match: the spans are equal after trimming blanks, quotation marks, a leading "that"
  and trailing punctuation (PolNeAR is inconsistent about all four);
* overlap match: |gold ∩ predicted| / |gold| >= threshold (0.3 by default: the asymmetric
  measure of the Gender Gap Tracker evaluation), one-to-one, greedy in text order;
* speaker accuracy: among overlap matches whose gold attribution has a Source, the share
  whose predicted speaker words overlap the gold Source span, or whose resolved name shares a
  word with it (a pronoun we resolve to "Axelrod" is right when the gold Source is "Axelrod").

Documents annotated by several annotators are scored against the first annotation file in
sorted order, so every document counts once.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..lang import lexicon as lang_lexicon

QUOTE_CHARS = "\"'“”‘’«»„「」"
TRIM_END = ".,;:!? \t\n"
STOP = lang_lexicon("en").words("polnear_stop_words")


@dataclass
class GoldFragment:
    start: int
    end: int
    sources: list[tuple[int, int]]
    source_text: str
    attribution: str
    cue: str = ""
    cls: str = "other"  # direct (in quotation marks), speech (a speech/belief cue), other


@dataclass
class GoldDoc:
    name: str
    text: str
    fragments: list[GoldFragment] = field(default_factory=list)


class PolnearError(ValueError):
    pass


def _spans(field_: str) -> list[tuple[int, int]]:
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(text: str, where: str = "<ann>") -> list[GoldFragment]:
    """Gold content fragments of one .ann file."""
    tb: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for ln, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        try:
            if line.startswith("T"):
                label, spans = cols[1].split(" ", 1)
                tb[cols[0]] = (label, _spans(spans), cols[2] if len(cols) > 2 else "")
            elif line.startswith("E"):
                args = cols[1].split()
                etype = args[0].split(":", 1)[0]
                roles = {}
                for a in args[1:]:
                    r, t = a.split(":", 1)
                    roles[re.sub(r"\d+$", "", r)] = t
                events.append((etype, roles))
        except (IndexError, ValueError) as exc:
            raise PolnearError(f"{where}:{ln}: malformed brat line ({exc})") from exc
    out: list[GoldFragment] = []
    for etype, roles in events:
        if etype not in ("Attribution", "Attribution-no-source"):
            continue
        content = tb.get(roles.get("Content", ""))
        if content is None:
            continue
        src = tb.get(roles.get("Source", ""))
        sources = src[1] if src else []
        cue = tb.get(roles.get("Cue", ""))
        for start, end in content[1]:
            out.append(GoldFragment(start, end, sources, src[2] if src else "", etype,
                                    cue[2] if cue else ""))
    return out


def classify(fragments: list[GoldFragment], text: str, nlp=None) -> None:
    """Label each gold fragment: 'direct' when its content is in quotation marks, 'speech'
    when its cue has a speech or belief verb of our lexicon (or is "according to" / a colon),
    'other' for the rest (attitudes, actions, nominal attributions: beyond our scope)."""
    from ..quotes.lexicon import load_lexicon

    lex = load_lexicon()
    for f in fragments:
        body = text[f.start : f.end].strip()
        if body[:1] in QUOTE_CHARS or body[-1:] in QUOTE_CHARS:
            f.cls = "direct"
            continue
        cue = f.cue.lower()
        if ":" in cue or "according" in cue:
            f.cls = "speech"
            continue
        lemmas = [t.lemma_.lower() for t in nlp(f.cue)] if nlp is not None and f.cue else cue.split()
        if any(lex.is_reporting(lemma) for lemma in lemmas):
            f.cls = "speech"


SAMPLE_SEED = "multivector-polnear"


def sample_names(names: list[str], sample: int, skip: int = 0, part: str | None = None) -> list[str]:
    """A deterministic sample of ``sample`` document names: drop the first ``skip`` in sorted
    order (documents read before), rank the rest by the SHA-1 of seed + name, keep the first
    ``sample``; ``part`` "read" keeps the even ranks, "report" the odd ones (two halves of the
    same sample: one whose errors are read, one only scored). Returned in sorted order."""
    if part not in (None, "read", "report"):
        raise PolnearError(f"--part must be read or report, not {part!r}")
    rest = sorted(names)[skip:]
    ranked = sorted(rest, key=lambda n: hashlib.sha1((SAMPLE_SEED + n).encode("utf-8")).hexdigest())[:sample]
    if part == "read":
        ranked = ranked[0::2]
    elif part == "report":
        ranked = ranked[1::2]
    return sorted(ranked)


def load_gold(directory: str | Path, limit: int | None = None, sample: int | None = None,
              skip: int = 0, part: str | None = None) -> list[GoldDoc]:
    """Read ``DIR/text/*.txt`` and ``DIR/attributions/<name>_<annotator>.ann``; ``sample``,
    ``skip`` and ``part`` choose a deterministic subset (``sample_names``)."""
    d = Path(directory)
    tdir, adir = d / "text", d / "attributions"
    if not tdir.is_dir() or not adir.is_dir():
        raise PolnearError(f"{d}: expected text/ and attributions/ subdirectories (PolNeAR layout)")
    anns: dict[str, Path] = {}
    for p in sorted(adir.glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", p.stem)
        anns.setdefault(name, p)
    names = sorted(n for n in anns if (tdir / f"{n}.txt").is_file())
    if sample is not None or part is not None or skip:
        names = sample_names(names, sample if sample is not None else len(names), skip, part)
    docs = []
    for name in names:
        txt = tdir / f"{name}.txt"
        if not txt.is_file():
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(GoldDoc(name, text, parse_ann(anns[name].read_text(encoding="utf-8"), str(anns[name]))))
        if limit and len(docs) >= limit:
            break
    if not docs:
        raise PolnearError(f"{d}: no annotated documents found")
    return docs


# --- scoring -----------------------------------------------------------------------------
def _norm(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in QUOTE_CHARS):
        a += 1
    while b > a and (text[b - 1] in TRIM_END or text[b - 1] in QUOTE_CHARS):
        b -= 1
    if text[a : a + 5].lower() == "that ":
        a += 5
    return a, b


def _overlap(g: tuple[int, int], p: tuple[int, int]) -> float:
    inter = min(g[1], p[1]) - max(g[0], p[0])
    return max(inter, 0) / max(g[1] - g[0], 1)


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    overlap: int = 0
    speaker_total: int = 0
    speaker_ok: int = 0
    speaker_ok_antecedent: int = 0
    gold_by_class: dict = field(default_factory=dict)
    found_by_class: dict = field(default_factory=dict)

    def add(self, o: Counts) -> None:
        for k in self.__dataclass_fields__:
            v = getattr(o, k)
            if isinstance(v, dict):
                mine = getattr(self, k)
                for kk, vv in v.items():
                    mine[kk] = mine.get(kk, 0) + vv
            else:
                setattr(self, k, getattr(self, k) + v)


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'’-]+", s.lower()) if w not in STOP and len(w) > 2}


def score_doc(text: str, gold: list[GoldFragment], pred: list[dict], threshold: float = 0.3,
              details: list[dict] | None = None, name: str = "") -> Counts:
    """``pred``: dicts with start, end and speaker (the Quote record fields). With ``details``,
    every wrong speaker, missed gold fragment of the direct/speech classes and unmatched
    prediction is appended to it (``--details``: for reading errors on a dev part only)."""
    c = Counts(gold=len(gold), pred=len(pred))
    for g in gold:
        c.gold_by_class[g.cls] = c.gold_by_class.get(g.cls, 0) + 1
    gn = [_norm(text, g.start, g.end) for g in gold]
    pn = [_norm(text, p["start"], p["end"]) for p in pred]
    used: set[int] = set()
    for gnorm in gn:
        for pi, pnorm in enumerate(pn):
            if pi not in used and pnorm == gnorm:
                used.add(pi)
                c.exact += 1
                break
    used = set()
    for g in gold:
        best, best_s = None, 0.0
        for pi, pr in enumerate(pred):
            if pi in used:
                continue
            s = _overlap((g.start, g.end), (pr["start"], pr["end"]))
            if s >= threshold and s > best_s:
                best, best_s = pi, s
        if best is None:
            if details is not None and g.cls != "other":
                details.append({"doc": name, "error": "missed", "cls": g.cls, "gold": text[g.start : g.end],
                                "start": g.start, "source": g.source_text, "cue": g.cue})
            continue
        used.add(best)
        c.overlap += 1
        c.found_by_class[g.cls] = c.found_by_class.get(g.cls, 0) + 1
        if g.sources:
            c.speaker_total += 1
            sp = pred[best].get("speaker")
            if _speaker_ok(g, sp):
                c.speaker_ok += 1
                c.speaker_ok_antecedent += 1
            elif _antecedent_ok(text, g, sp):
                c.speaker_ok_antecedent += 1
            elif details is not None:
                details.append({"doc": name, "error": "speaker", "cls": g.cls, "gold": text[g.start : g.end],
                                "start": g.start, "source": g.source_text, "cue": g.cue,
                                "predicted": (sp or {}).get("name"), "method": (sp or {}).get("method"),
                                "candidates": pred[best].get("candidates", [])})
    if details is not None:
        for pi, pr in enumerate(pred):
            if pi not in used:
                details.append({"doc": name, "error": "spurious", "text": text[pr["start"] : pr["end"]],
                                "start": pr["start"], "predicted": (pr.get("speaker") or {}).get("name")})
    return c


def _speaker_ok(g: GoldFragment, sp: dict | None) -> bool:
    if not sp:
        return False
    s, e = sp.get("start"), sp.get("end")
    if s is not None and e is not None and any(min(e, b) - max(s, a) > 0 for a, b in g.sources):
        return True
    name = sp.get("name") or ""
    return bool(_words(name) & _words(g.source_text))


RELATIVE_SOURCES = ("who", "which", "that")


def _antecedent_ok(text: str, g: GoldFragment, sp: dict | None) -> bool:
    """PolNeAR marks a relative pronoun as the Source ("Mr. Trump, who said ..."): a predicted
    speaker whose words end right before it (only a comma and blanks between) is its antecedent.
    Counted apart (``speaker_accuracy_antecedent``), so ``speaker_accuracy`` keeps its meaning."""
    if not sp or sp.get("end") is None or len(g.sources) != 1:
        return False
    a, b = g.sources[0]
    if text[a:b].strip().lower() not in RELATIVE_SOURCES:
        return False
    gap = text[sp["end"] : a]
    return sp["end"] <= a and len(gap) <= 3 and gap.strip(" ,\n") == ""


def metrics(c: Counts, threshold: float) -> dict:
    def prf(tp: int) -> dict:
        p = tp / c.pred if c.pred else 0.0
        r = tp / c.gold if c.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "matched": tp}

    return {
        "gold_fragments": c.gold,
        "predicted": c.pred,
        "exact": prf(c.exact),
        "overlap": {**prf(c.overlap), "threshold": threshold},
        "speaker_accuracy": round(c.speaker_ok / c.speaker_total, 4) if c.speaker_total else None,
        "speaker_accuracy_antecedent": round(c.speaker_ok_antecedent / c.speaker_total, 4) if c.speaker_total else None,
        "speaker_pairs": c.speaker_total,
        "overlap_recall_by_class": {
            k: {"gold": n, "found": c.found_by_class.get(k, 0),
                "recall": round(c.found_by_class.get(k, 0) / n, 4) if n else None}
            for k, n in sorted(c.gold_by_class.items())
        },
    }


# --- running the pipeline ----------------------------------------------------------------
def _offset_map(raw: str, clean: str) -> Callable[[int], int] | None:
    """Map offsets in ``clean`` back to ``raw`` when cleaning changed the text. Verbatim
    cleaning only deletes characters (\\r, BOM, zero-width spaces, blanks before a newline) or
    swaps one for another (no-break space -> space, lone \\r -> \\n), so a parallel walk that
    skips deleted raw characters is exact."""
    if raw == clean:
        return None
    table = [0] * (len(clean) + 1)
    j = 0
    for i, ch in enumerate(clean):
        while j < len(raw) and raw[j] != ch and not (raw[j] == "\xa0" and ch == " ") \
                and not (raw[j] == "\r" and ch == "\n" and raw[j + 1 : j + 2] != "\n"):
            j += 1
        table[i] = min(j, len(raw))
        j += 1
    table[len(clean)] = min(j, len(raw))
    return lambda i: table[min(max(i, 0), len(clean))]


def evaluate(directory: str | Path, limit: int | None = None, threshold: float = 0.3,
             pipeline=None, progress: bool = True, batch_size: int = 16, sample: int | None = None,
             skip: int = 0, part: str | None = None, details: bool = False) -> dict:
    """Run the pipeline over the gold texts (verbatim, no cleaning) and score the quotes."""
    from ..pipeline import Pipeline
    from ..text.clean import make_document

    docs = load_gold(directory, limit, sample=sample, skip=skip, part=part)
    detail_rows: list[dict] | None = [] if details else None
    if pipeline is None:
        pipeline = Pipeline(stages=["quotes"])
    for g in docs:
        classify(g.fragments, g.text, pipeline.nlp)
    total = Counts()
    by_kind: dict[str, int] = {}
    errors: list[str] = []
    t0 = time.perf_counter()
    done = 0
    for i in range(0, len(docs), batch_size):
        batch = docs[i : i + batch_size]
        documents = [make_document(g.text, source=g.name, clean=False) for g in batch]
        analysed, errs = pipeline.process(documents)
        errors.extend(str(e) for e in errs)
        by_source = {d.document.source: d for d in analysed}
        for g in batch:
            d = by_source.get(g.name)
            if d is None:
                total.add(score_doc(g.text, g.fragments, [], threshold, detail_rows, g.name))
                continue
            fix = _offset_map(g.text, d.text)
            preds = []
            for q in d.quotes:
                p = {"start": q.start, "end": q.end, "speaker": q.speaker.as_speaker() if q.speaker else None,
                     "candidates": list(q.speaker_candidates or [])}
                if fix is not None:
                    p["start"], p["end"] = fix(p["start"]), fix(p["end"])
                    if p["speaker"] and p["speaker"].get("start") is not None:
                        p["speaker"]["start"] = fix(p["speaker"]["start"])
                        p["speaker"]["end"] = fix(p["speaker"]["end"])
                preds.append(p)
                by_kind[q.kind] = by_kind.get(q.kind, 0) + 1
            total.add(score_doc(g.text, g.fragments, preds, threshold, detail_rows, g.name))
        done += len(batch)
        if progress:
            el = time.perf_counter() - t0
            print(f"\r[quotes eval] {done}/{len(docs)} documents, {el:.0f}s", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    out = metrics(total, threshold)
    out.update({"documents": len(docs), "predicted_by_kind": by_kind, "errors": errors,
                "seconds": round(time.perf_counter() - t0, 1), "directory": str(directory)})
    if detail_rows is not None:
        out["details"] = detail_rows
    return out
