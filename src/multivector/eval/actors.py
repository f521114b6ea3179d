"""``multivector eval actors``: mention precision/recall and linking accuracy against gold.

Gold format (JSON lines, one document per line)::

    {"source": "examples/01_....txt", "doc_id": "6c8c...", "date": "2023-03-17",
     "mentions": [{"start": 0, "end": 8, "text": "Karimova", "actor_id": "PER:dilnoza-karimova"}, ...]}

Offsets are into the cleaned text that ``multivector analyze`` stores; ``doc_id`` (the hash of
that text) guards against stale gold. Spans are compared after dropping a leading "the", so
"the Kremlin" and "Kremlin" are the same mention. Strict scores need identical spans; lenient
ones accept overlapping spans. Linking accuracy is the share of overlapping (matched) gold
mentions whose predicted actor id is the gold id.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

GOLD_NAME = Path("tests") / "gold" / "actors_examples.jsonl"


class GoldError(ValueError):
    pass


def default_gold() -> Path:
    here = Path.cwd() / GOLD_NAME
    if here.is_file():
        return here
    return Path(__file__).resolve().parents[3] / GOLD_NAME


def _norm(text: str, start: int, end: int) -> tuple[int, int]:
    low = text[start:end].lower()
    if low.startswith("the ") and end - start > 4:
        start += 4
    return start, end


def _read_gold(path: Path) -> list[dict]:
    if not path.is_file():
        raise GoldError(f"{path}: gold file not found")
    recs = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            rec["source"], rec["mentions"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}:{i}: not a gold record ({exc})") from exc
        recs.append(rec)
    return recs


def _locate(source: str, gold: Path) -> str:
    if "://" in source or Path(source).exists():
        return source
    for base in gold.resolve().parents:
        if (base / source).exists():
            return str(base / source)
    raise GoldError(f"{gold}: source {source!r} not found (run from the project root)")


def evaluate(gold_path: str | Path, pipeline=None) -> dict:
    from ..ingest.sources import expand
    from ..pipeline import Pipeline
    from ..runner import iter_documents

    gold_path = Path(gold_path)
    recs = _read_gold(gold_path)
    pipeline = pipeline or Pipeline(stages=["actors"])
    tp_strict = tp_lenient_gold = tp_lenient_pred = 0
    n_gold = n_pred = matched = correct = 0
    by_method: dict[str, Counter] = {}
    errors: list[str] = []
    for rec in recs:
        refs, problems = expand([_locate(rec["source"], gold_path)])
        if problems:
            raise GoldError(f"{gold_path}: {rec['source']}: {problems[0]}")
        docs = [d for _, d in iter_documents(refs, pipeline.config, lambda msg: None)]
        if rec.get("doc_id"):
            docs = [d for d in docs if d.id == rec["doc_id"]]
            if not docs:
                raise GoldError(f"{gold_path}: {rec['source']}: no document with id "
                                f"{rec['doc_id']} (the cleaned text changed; re-annotate)")
        done, errs = pipeline.process(docs[:1])
        if errs:
            raise GoldError(f"{rec['source']}: {errs[0]}")
        doc = done[0]
        text = doc.text
        gold = []
        for g in rec["mentions"]:
            if text[g["start"]:g["end"]] != g["text"]:
                raise GoldError(f"{gold_path}: {rec['source']}: gold span {g['start']}-{g['end']} "
                                f"is {text[g['start']:g['end']]!r}, not {g['text']!r}")
            gold.append((*_norm(text, g["start"], g["end"]), g["actor_id"], g["text"]))
        pred = [(*_norm(text, m.start, m.end), m.actor_id, m.text, m.method) for m in doc.mentions]
        n_gold += len(gold)
        n_pred += len(pred)
        gold_spans = {(s, e) for s, e, *_ in gold}
        tp_strict += sum(1 for s, e, *_ in pred if (s, e) in gold_spans)
        for p in pred:
            if any(p[0] < g[1] and g[0] < p[1] for g in gold):
                tp_lenient_pred += 1
            else:
                errors.append(f"{rec['source']}: false mention {p[3]!r}@{p[0]} -> {p[2]} ({p[4]})")
        for g in gold:
            overl = [p for p in pred if p[0] < g[1] and g[0] < p[1]]
            if not overl:
                errors.append(f"{rec['source']}: missed {g[3]!r}@{g[0]} ({g[2]})")
                continue
            tp_lenient_gold += 1
            best = max(overl, key=lambda p: min(p[1], g[1]) - max(p[0], g[0]))
            matched += 1
            ok = best[2] == g[2]
            correct += ok
            c = by_method.setdefault(best[4], Counter())
            c["total"] += 1
            c["correct"] += ok
            if not ok:
                errors.append(f"{rec['source']}: {g[3]!r}@{g[0]} linked to {best[2]} "
                              f"({best[4]}), gold {g[2]}")

    def div(a, b):
        return round(a / b, 4) if b else 0.0

    p, r = div(tp_strict, n_pred), div(tp_strict, n_gold)
    lp, lr = div(tp_lenient_pred, n_pred), div(tp_lenient_gold, n_gold)
    return {
        "documents": len(recs), "gold_mentions": n_gold, "predicted_mentions": n_pred,
        "precision": p, "recall": r, "f1": div(2 * p * r, p + r),
        "lenient_precision": lp, "lenient_recall": lr, "lenient_f1": div(2 * lp * lr, lp + lr),
        "matched": matched, "linking_accuracy": div(correct, matched),
        "end_to_end_recall": div(correct, n_gold),
        "by_method": {k: dict(v) for k, v in sorted(by_method.items())},
        "errors": errors,
    }


def evaluate_gsr(path: str | Path, overlays: tuple[str, ...] = (), split: str | None = None) -> dict:
    """Country accuracy of the phrase resolver on the actor phrases of PLOVER's gold standard
    records (``PLOVER_GSR_CAMEO.json``: source/target ``actorText`` with a CAMEO ``code``).

    Only phrases whose code starts with a state we know (or ``IGO``) are scored; the record's
    date is passed, so office titles resolve by date. Sector is not scored: the GSR puts the
    sector of the whole clause ("Hungarian ... officials") on a one-word actorText.

    ``split`` (``dev`` or ``test``) keeps the records of that half, the same halves as
    ``eval events --split`` (``eval.events.split_of``: CRC32 of the record text); errors are
    read on ``dev`` only.
    """
    from ..actors.resolve import PhraseResolver
    from ..config import Config
    from .events import SPLITS, GoldRecord, split_of

    if split is not None and split not in SPLITS:
        raise GoldError(f"unknown split {split!r}; use dev or test")

    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read PLOVER GSR file: {exc}") from exc
    resolver = PhraseResolver(Config().with_settings("actors", files=tuple(overlays)))
    kb = resolver.kb
    n = ok = skipped = 0
    misses: list[str] = []
    for rec in records if isinstance(records, list) else []:
        if split is not None and (not isinstance(rec, dict) or split_of(
                GoldRecord(id="", text=str(rec.get("text") or ""), date=None)) != split):
            continue
        for side in ("source", "target"):
            acts = rec.get(side) or []
            acts = [acts] if isinstance(acts, dict) else acts
            for a in acts:
                if not isinstance(a, dict) or not a.get("actorText") or not a.get("code"):
                    continue
                code = str(a["code"])
                st = kb.get(code[:3])
                expect = code[:3] if st is not None and st.type == "state" else (
                    "IGO" if code.startswith("IGO") else None)
                if expect is None:
                    skipped += 1
                    continue
                res = resolver.resolve(a["actorText"], rec.get("date"))
                got = None if res is None else ("IGO" if res["type"] == "igo" else res["country"])
                n += 1
                ok += got == expect
                if got != expect:
                    misses.append(f"{a['actorText']!r}: {got} (gold {code})")
    return {"phrases": n, "skipped": skipped, "country_accuracy": round(ok / n, 4) if n else 0.0,
            "unresolved": sum(1 for m in misses if ": None (" in m), "errors": misses}


def _code3(a: dict | None) -> str | None:
    """The first three characters of a resolved actor's code, as the triple scorer reads them
    (``IGO``/``NGO`` for transnational bodies, else the country)."""
    if not a:
        return None
    aid = str(a.get("id") or "")
    if aid[:4] in ("IGO:", "NGO:"):
        return aid[:3]
    code = str(a.get("code") or "")
    if code[:3] in ("IGO", "NGO"):
        return code[:3]
    if a.get("type") == "igo":
        return "IGO"
    return a.get("country") or (code[:3] if code[:3] and code[:3] != "---" else None)


def _phrase_head(sent, start: int, end: int):
    """The token of a parsed sentence that heads the characters ``[start, end)`` (paragraph
    offsets): the one whose syntactic head lies outside them, else the last noun."""
    toks = [t for t in sent if t.idx < end and t.idx + len(t) > start]
    if not toks:
        return None
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    nouns = [t for t in heads if t.pos_ in ("NOUN", "PROPN")] or \
        [t for t in toks if t.pos_ in ("NOUN", "PROPN")]
    return (nouns or heads or toks)[-1]


def _find(text: str, phrase: str) -> int:
    i = text.find(phrase)
    return i if i >= 0 else text.lower().find(phrase.lower())


def evaluate_in_context(plover: str | Path | None = None, petrarch: str | Path | None = None,
                        split: str | None = None, overlays: tuple[str, ...] = ()) -> dict:
    """Country of gold actors *in their sentence*, as the event coder gets it.

    Why: an isolated phrase ("the prime minister") resolves without the record's date, places
    and neighbouring names; the event coder asks ``events.arguments.ActorResolver`` about the
    phrase's head token in the parsed document. For each PLOVER record (``actorText`` with a
    CAMEO code) the phrase is found in the text, the record is analysed with its date and the
    head's actor compared on the first three characters of the code (the triple scorer's
    country or primary code). PETRARCH records carry codes only: a gold actor counts as found
    when any noun phrase of its sentence resolves to its code's first three characters; the
    records' own dictionaries are loaded (their fictional actors), and the figures are also
    given for real states only (``real_*``: codes whose first three letters are a state our
    knowledge base knows, or IGO/NGO). Each error line carries the isolated answer too, so
    context-made errors stand apart from phrase errors.
    """
    from ..config import Config
    from ..events.arguments import ActorResolver
    from ..pipeline import Pipeline
    from ..text.clean import make_document
    from .events import GoldRecord, OverlayResolver, read_petrarch, split_of

    config = Config().with_settings("actors", files=tuple(overlays)) if overlays else Config()
    pipe = Pipeline(config, stages=["actors"])
    from ..actors.resolve import PhraseResolver

    iso = PhraseResolver.default()
    kb = iso.kb
    out: dict = {}

    def analysed(text: str, date: str | None, key: str):
        docs, errs = pipe.process([make_document(text, source=key, date=date)])
        return docs[0] if docs else None

    if plover is not None:
        try:
            raw = json.loads(Path(plover).read_text(encoding="utf-8-sig"))
        except (OSError, json.JSONDecodeError) as exc:
            raise GoldError(f"{plover}: cannot read PLOVER GSR file: {exc}") from exc
        n = ok = iso_ok = notfound = 0
        errors: list[str] = []
        for k, rec in enumerate(raw if isinstance(raw, list) else []):
            if not isinstance(rec, dict) or not rec.get("text") or rec.get("event") == "DOCUMENT":
                continue
            text = str(rec["text"])
            if split is not None and split_of(GoldRecord(id="", text=text, date=None)) != split:
                continue
            date = rec.get("date") or None
            doc = None
            for side in ("source", "target"):
                acts = rec.get(side) or []
                for a in [acts] if isinstance(acts, dict) else acts:
                    if not isinstance(a, dict) or not a.get("actorText") or not a.get("code"):
                        continue
                    code = str(a["code"]).upper()
                    st = kb.get(code[:3])
                    expect = code[:3] if st is not None and st.type == "state" else (
                        code[:3] if code[:3] in ("IGO", "NGO") else None)
                    if expect is None:
                        continue
                    phrase = str(a["actorText"])
                    at = _find(text, phrase)
                    if at < 0:
                        notfound += 1
                        continue
                    if doc is None:
                        doc = analysed(text, date, f"gsr:{k}")
                        resolver = ActorResolver(doc, date) if doc is not None else None
                    got = None
                    if doc is not None and resolver is not None:
                        sent = next((s for s in doc.english_sentences()
                                     if s.start <= at < s.end), None)
                        if sent is not None:
                            base = doc.paragraphs[sent.paragraph].start
                            head = _phrase_head(sent.span, at - base, at - base + len(phrase))
                            if head is not None:
                                got = resolver.actor(head)
                    alone = iso.resolve(phrase, date)
                    got3, alone3 = _code3(got), _code3(alone)
                    n += 1
                    ok += got3 == expect
                    iso_ok += alone3 == expect
                    if got3 != expect:
                        errors.append(f"{side} {phrase!r}: in context {got3} "
                                      f"({(got or {}).get('id')}), alone {alone3}, gold {code} "
                                      f"| {text[:160]}")
        out["plover"] = {"phrases": n, "not_found": notfound,
                         "in_context_accuracy": round(ok / n, 4) if n else 0.0,
                         "isolated_accuracy": round(iso_ok / n, 4) if n else 0.0,
                         "errors": errors}
    if petrarch is not None:
        from ..events.petrarch_dicts import PetrarchOverlay
        from .events import BUNDLED_DICTIONARIES, dictionary_path

        recs, env = read_petrarch(petrarch)
        dirs = [Path(petrarch).parent, BUNDLED_DICTIONARIES]
        found = [dictionary_path(f, dirs) for tag in ("Actorfile",) for f in env.get(tag, [])]
        agents = [dictionary_path(f, dirs) for f in env.get("Agentfile", [])]
        acts = [p for p in found if p is not None]
        overlay = PetrarchOverlay.from_files(acts, [p for p in agents if p is not None] or None) \
            if acts else None
        n = ok = rn = rok = 0
        errors = []
        for r in recs:
            golds = [(side, c) for g in r.events for side, cs in (("source", g.source),
                                                                    ("target", g.target))
                     for c in cs if c and c[:3] not in ("---", "###", "+++")]
            if not golds:
                continue
            doc = analysed(r.text, r.date, f"petr:{r.id}")
            if doc is None:
                continue
            res = OverlayResolver(doc, r.date, overlay) if overlay is not None else \
                ActorResolver(doc, r.date)
            seen: set[str] = set()
            for sent in doc.english_sentences():
                for t in sent.span:
                    if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "flat"):
                        c3 = _code3(res.actor(t))
                        if c3:
                            seen.add(c3)
            for side, code in dict.fromkeys(golds):
                st = kb.get(code[:3])
                real = (st is not None and st.type == "state") or code[:3] in ("IGO", "NGO")
                hit = code[:3] in seen
                n += 1
                ok += hit
                rn += real
                rok += real and hit
                if real and not hit:
                    errors.append(f"{r.id} {side} {code}: found {sorted(seen)} | {r.text[:160]}")
        out["petrarch"] = {"actors": n, "found": round(ok / n, 4) if n else 0.0,
                           "real_actors": rn, "real_found": round(rok / rn, 4) if rn else 0.0,
                           "errors": errors}
    return out
