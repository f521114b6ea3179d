"""``multivector eval events``: score the event coder against gold event data.

Two gold formats:

* ``--plover FILE``: PLOVER_GSR_CAMEO.json (a JSON list of records with ``text``, ``event``,
  ``source``/``target`` lists of ``{actorText, code}``), PLOVER version 0.5b1; its category names
  are mapped to the current 16 (DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE,
  FIGHT -> ASSAULT).
* ``--petrarch FILE``: PETRARCH validation XML (``Sentence`` with ``EventCoding`` and ``Text``
  children). Read tolerantly: self-closing ``<Sentence .../>`` headers followed by their
  children, comments, and Treebank ``<Parse>`` or CoNLL-U blocks (ignored). Records whose coding
  is an expected program error (``error=...``) are skipped. When the file's ``<Environment>``
  names actor/agent dictionaries (PETR.Validate.actors.txt ...), they are loaded as an actor
  overlay for this run, because the unit-test records use fictional actors: found beside the
  file, in a ``--dictionaries DIR``, or among the bundled PETRARCH2 validation dictionaries.

Metrics, over gold events (each aligned with the best predicted event of its sentence):
``type_accuracy`` (PLOVER type), ``root_accuracy`` (CAMEO root code; for PLOVER gold, which has
no CAMEO codes, the root's PLOVER type must equal the gold type), ``source_accuracy``,
``target_accuracy`` (actor code: the first three characters, i.e. country or primary code), and
triple precision/recall/F1 over (source, target, type) sets per sentence (type = PLOVER type for
``--plover``, CAMEO root for ``--petrarch``). Sentences with no gold event count against
precision when something is coded. A symmetric event (its targets are its sources) gives its
dyads without self-pairs; against PLOVER gold it is scored as the PLOVER export writes it (all
participants actors, no recipient). ``complete_only``: the same figures over complete events
(source and target found), what exports and relations use by default.

``split``: ``dev`` or ``test`` keeps one deterministic half of the records (CRC32 of the
record's whitespace-normalised, lower-cased text: even = dev, odd = test), so that errors are
read on one half and changes are judged on the other; records sharing a sentence stay in one
half. ``None`` scores every record.
"""

from __future__ import annotations

import html
import json
import re
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..doc import ActorRef, Event
from ..events.arguments import ActorResolver, _name, np_range
from ..events.coder import EventCoder
from ..events.ontology import ontology


class GoldFormatError(ValueError):
    pass


@dataclass
class GoldEvent:
    source: list[str]  # actor codes
    target: list[str]
    plover: str | None
    cameo: str | None = None


@dataclass
class GoldRecord:
    id: str
    text: str
    date: str | None
    events: list[GoldEvent] = field(default_factory=list)


# ------------------------------------------------------------------------------ readers
def read_plover(path: str | Path) -> list[GoldRecord]:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read PLOVER JSON: {exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        # JSON Lines: one record per line (how POLECAT-style data are often shipped)
        try:
            data = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError:
            raise GoldFormatError(f"{path}: cannot read PLOVER JSON: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("records") or data.get("events") or [data]
    if not isinstance(data, list):
        raise GoldFormatError(f"{path}: expected a JSON list of PLOVER records")
    onto = ontology()
    out = []
    for i, r in enumerate(data):
        if not isinstance(r, dict) or not r.get("text") or r.get("event") == "DOCUMENT":
            continue
        version = str(r.get("version") or "0.5b1")
        plover = onto.current_plover(r.get("event"), version if version in onto.legacy else "0.5b1")

        def codes(v) -> list[str]:
            if not isinstance(v, list):
                return []
            return [str(a.get("code") or "").upper() for a in v if isinstance(a, dict) and a.get("code")]

        out.append(GoldRecord(id=str(r.get("id") or i), text=str(r["text"]),
                              date=r.get("date") or None,
                              events=[GoldEvent(codes(r.get("source")), codes(r.get("target")),
                                                plover)]))
    return out


_SENT = re.compile(r"<Sentence\b([^>]*?)(/?)>", re.I)
_ATTR = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=\s*\"([^\"]*)\"")
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.I)
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.I | re.S)


_LEAF = re.compile(r"\(([^()\s]+)\s+([^()\s]+)\)")
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
             "``": '"', "''": '"'}


def text_from_parse(parse: str) -> str:
    """The sentence of a Penn Treebank parse: its leaves, detokenised ("( NP ( NNP Arnor ) )")."""
    leaves = [_BRACKETS.get(w, w) for tag, w in _LEAF.findall(" ".join(parse.split()))
              if tag != "-NONE-"]
    text = " ".join(leaves)
    text = re.sub(r"\s+([.,;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b|'m\b)", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    return html.unescape(text.strip())


def read_petrarch(path: str | Path) -> tuple[list[GoldRecord], dict]:
    """Records and the <Environment> settings (dictionary file names)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise GoldFormatError(f"{path}: cannot read: {exc}") from exc
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    env: dict[str, list[str]] = {}
    m = re.search(r"<Environment>(.*?)</Environment>", raw, re.S | re.I)
    if m:
        for tag in ("Verbfile", "Actorfile", "Agentfile", "Discardfile"):
            t = re.search(rf"<{tag}>\s*([^<]+?)\s*</{tag}>", m.group(1))
            if t:  # PETRARCH lists several dictionaries comma-separated
                env[tag] = [f.strip() for f in t.group(1).split(",") if f.strip()]
    starts = list(_SENT.finditer(raw))
    if not starts:
        raise GoldFormatError(f"{path}: no <Sentence> elements (is this PETRARCH validation XML?)")
    onto = ontology()
    out = []
    for k, sm in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(raw)
        body = raw[sm.end():end]
        body = re.split(r"</Sentence>", body, maxsplit=1, flags=re.I)[0]
        attrs = dict(_ATTR.findall(sm.group(1)))
        pm = re.search(r"<Parse>(.*?)</Parse>", body, flags=re.S | re.I)
        body = re.sub(r"<Parse>.*?</Parse>", "", body, flags=re.S | re.I)
        body = re.sub(r"<(?:Conll|CoNLL-U|conllu|Tree)[^>]*>.*?</[^>]+>", "", body, flags=re.S | re.I)
        tm = _TEXT.search(body)
        if tm and tm.group(1).strip():
            text = " ".join(html.unescape(tm.group(1)).split())
        elif pm:  # real-news records may carry their text only in the Treebank parse
            text = text_from_parse(pm.group(1))
            if not text:
                continue
        else:
            continue
        evs = []
        skip = False
        for cm in _CODING.finditer(body):
            a = dict(_ATTR.findall(cm.group(1)))
            a = {kk.lower(): v for kk, v in a.items()}
            if "error" in a:
                skip = True
                continue
            if a.get("noevents", "").lower() == "true" or "eventcode" not in a:
                continue
            code = a["eventcode"].strip()
            evs.append(GoldEvent([a.get("sourcecode", "").upper()],
                                 [a.get("targetcode", "").upper()] if a.get("targetcode") else [],
                                 onto.plover_for_cameo(code) if code in onto.cameo else None, code))
        if skip:
            continue
        d = attrs.get("date")
        if d and re.fullmatch(r"\d{8}", d):
            d = f"{d[:4]}-{d[4:6]}-{d[6:]}"
        out.append(GoldRecord(id=attrs.get("id", str(k)), text=text, date=d, events=evs))
    return out, env


SPLITS = ("dev", "test")


def split_of(record: GoldRecord) -> str:
    """``dev`` or ``test``: the half a record belongs to (stable across runs and machines)."""
    key = " ".join(record.text.lower().split()).encode("utf-8")
    return SPLITS[zlib.crc32(key) % 2]


def select_split(records: list[GoldRecord], split: str | None) -> list[GoldRecord]:
    if split is None:
        return records
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use dev or test")
    return [r for r in records if split_of(r) == split]


# ------------------------------------------------------------------------------ overlay
class OverlayResolver(ActorResolver):
    """Actors from a PETRARCH dictionary first (fictional validation actors), then as usual."""

    def __init__(self, doc: Any, date: str | None, overlay):
        super().__init__(doc, date)
        self.overlay = overlay

    def actor(self, tok, allow_place: bool = False) -> dict | None:
        if tok.pos_ != "PRON":
            i, j = np_range(tok)
            span = tok.doc[i:j]
            hit = self.overlay.code(span.text, self.date)
            if hit and hit[0].startswith("---"):
                # an agent without its country ("Lawmakers in Fornost"): the complement's actor
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in ("in", "of", "from"):
                        for o in c.children:
                            if o.dep_ != "pobj":
                                continue
                            a, b = np_range(o)
                            own = self.overlay.code(tok.doc[a:b].text, self.date)
                            if own and not own[0].startswith("---"):
                                hit = (own[0][:3] + hit[0][3:], hit[1])
                                break
            if hit:
                code = hit[0]
                return {"id": code, "name": _name(span), "code": code,
                        "country": code[:3] if code[:3] not in ("---", "+++") else None,
                        "sector": code[3:6] or None, "type": None, "text": span.text}
        return super().actor(tok, allow_place)


# ------------------------------------------------------------------------------ scoring
def _pred_code(a: ActorRef | dict) -> str:
    aid = str(a.get("id") or "")
    if aid[:4] in ("IGO:", "NGO:"):
        return aid[:3]
    for v in (a.get("id"), a.get("country")):
        if v and re.fullmatch(r"[A-Z\-+]{3}\w*", str(v)):
            return str(v)
    return (a.get("country") or "") + (a.get("sector") or "")


def _match(gold: str, pred: str) -> bool:
    if not gold or not pred:
        return False
    if gold == pred:
        return True
    g3, p3 = gold[:3], pred[:3]
    if g3 == "---":
        return gold[3:6] != "" and pred[3:6] == gold[3:6]
    return g3 == p3


def _recipients(e: Event) -> list:
    from ..events.dyads import symmetric

    return [] if symmetric({"source": e.source, "target": e.target}) else list(e.target)


def _self_pair(a: ActorRef | dict, b: ActorRef | dict) -> bool:
    from ..events.dyads import state_and_group

    if state_and_group(a, b):
        return False  # "Croatia" and "Croatian extremists": a same-country dyad, as exported
    if a.get("id") or b.get("id"):
        return a.get("id") == b.get("id")
    return bool(a.get("name")) and a.get("name") == b.get("name")


def _tmatch(a: tuple[str, str, str | None], b: tuple[str, str, str | None]) -> bool:
    """Two (source, target, type) triples match: same type, sources matching on their country
    code, targets both absent or matching."""
    return a[2] == b[2] and _match(a[0], b[0]) and ((not a[1] and not b[1]) or _match(a[1], b[1]))


def _any_match(golds: list[str], preds: Sequence[ActorRef | dict]) -> bool:
    return any(_match(g, _pred_code(p)) for g in golds for p in preds)


def score(records: list[GoldRecord], predicted: list[list[Event]], kind: str) -> dict:
    onto = ontology()
    n_gold = n_typed = n_src = n_tgt = 0
    ok_type = ok_root = ok_src = ok_tgt = 0
    tp_pred = n_pred = tp_gold = n_gold_triples = 0
    empty_records = empty_ok = 0
    for rec, preds in zip(records, predicted):
        if not rec.events:
            empty_records += 1
            empty_ok += not preds

        def ptype(e: Event) -> str | None:
            return (e.cameo or "")[:2] if kind == "petrarch" else e.plover

        def gtype(g: GoldEvent) -> str | None:
            return (g.cameo or "")[:2] if kind == "petrarch" else g.plover

        for g in rec.events:
            n_gold += 1
            best: Event | None = None
            best_key: tuple[float, ...] = (-1,)
            for e in preds:
                same = ptype(e) == gtype(g)
                key = (4 * same + 2 * _any_match(g.source, e.source)
                       + _any_match(g.target, e.target), e.confidence)
                if key > best_key:
                    best, best_key = e, key
            if g.plover or kind == "plover":
                n_typed += 1
                ok_type += best is not None and best.plover == g.plover
            if kind == "petrarch":
                ok_root += best is not None and (best.cameo or "")[:2] == (g.cameo or "")[:2]
            else:
                root_plover = onto.plover_for_cameo((best.cameo or "")[:2] + "0") if best else None
                ok_root += best is not None and (root_plover or best.plover) == g.plover
            if g.source:
                n_src += 1
                ok_src += best is not None and _any_match(g.source, best.source)
            if g.target:
                n_tgt += 1
                ok_tgt += best is not None and _any_match(g.target, best.target)
        gold_triples = [(s, t, gtype(g)) for g in rec.events for s in (g.source or [""])
                        for t in (g.target or [""])]
        # a symmetric event's self-pairs are no dyads; PLOVER gold codes it without recipient,
        # as our PLOVER export writes it
        pred_triples = [(_pred_code(s), _pred_code(t) if t else "", ptype(e)) for e in preds
                        for s in (e.source or [ActorRef()])
                        for t in (_recipients(e) if kind == "plover" else e.target) or [ActorRef()]
                        if not _self_pair(s, t)]

        n_pred += len(pred_triples)
        tp_pred += sum(any(_tmatch(gt, pt) for gt in gold_triples) for pt in pred_triples)
        n_gold_triples += len(gold_triples)
        tp_gold += sum(any(_tmatch(gt, pt) for pt in pred_triples) for gt in gold_triples)
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold_triples if n_gold_triples else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def r(x: float) -> float:
        return round(x, 4)

    return {
        "format": kind, "records": len(records), "gold_events": n_gold,
        "predicted_events": sum(len(p) for p in predicted),
        "records_with_prediction": sum(1 for p in predicted if p),
        "type_accuracy": r(ok_type / n_typed) if n_typed else None,
        "root_accuracy": r(ok_root / n_gold) if n_gold else None,
        "source_accuracy": r(ok_src / n_src) if n_src else None,
        "target_accuracy": r(ok_tgt / n_tgt) if n_tgt else None,
        "precision": r(precision), "recall": r(recall), "f1": r(f1),
        "no_event_records": empty_records,
        "no_event_records_clean": empty_ok,
    }


# ------------------------------------------------------------------------------ running
def _pipeline(config):
    """Segmentation plus the stages events requires (actors, quotes)."""
    from ..pipeline import Pipeline

    return Pipeline(config, stages=["quotes"])


def process(records: Sequence[GoldRecord], config=None, batch: int = 64) -> list[Any]:
    """Each record's text as a document through segmentation, actors and quotes (None where
    the pipeline failed): the part of a run the coder does not redo."""
    from ..config import Config
    from ..text.clean import make_document

    pipe = _pipeline(config or Config())
    out: list[Any] = []
    for i in range(0, len(records), batch):
        chunk = records[i:i + batch]
        docs_in = [make_document(r.text, source=f"gold:{r.id}", date=r.date) for r in chunk]
        docs, errors = pipe.process(docs_in)
        by_source = {d.document.source: d for d in docs}
        out += [by_source.get(f"gold:{r.id}") for r in chunk]
    return out


def _coder(config=None, overlay=None, pattern_files: tuple[str, ...] = ()) -> EventCoder:
    from ..config import Config

    config = config or Config()
    files = tuple(getattr(config, "event_patterns", ()) or ()) + tuple(str(f) for f in pattern_files)
    if overlay is not None:
        return EventCoder(resolver_factory=lambda doc, date: OverlayResolver(doc, date, overlay),
                          pattern_files=files)
    return EventCoder(pattern_files=files)


def predict(records: list[GoldRecord], config=None, overlay=None, batch: int = 64,
            pattern_files: tuple[str, ...] = ()) -> list[list[Event]]:
    coder = _coder(config, overlay, pattern_files)
    return [coder.code(d) if d is not None else [] for d in process(records, config, batch)]


def _complete_only(records: list[GoldRecord], predicted: list[list[Event]], kind: str) -> dict:
    """The figures over complete events only (source and target found): what the exports and
    the relations layer use by default."""
    r = score(records, [[e for e in p if e.complete] for p in predicted], kind)
    return {k: r[k] for k in ("predicted_events", "type_accuracy", "source_accuracy",
                              "target_accuracy", "precision", "recall", "f1")}


def run_plover(path: str | Path, config=None, verbs: tuple[str, ...] = (),
               split: str | None = None) -> tuple[dict, list[GoldRecord], list[Any], list[list[Event]]]:
    """``evaluate_plover``'s result with the records, their documents and the predicted
    events (which the cross-validation, ``eval/plover_cv.py``, codes again per fold)."""
    records = select_split(read_plover(path), split)
    docs = process(records, config)
    coder = _coder(config, pattern_files=tuple(verbs))
    predicted = [coder.code(d) if d is not None else [] for d in docs]
    result = score(records, predicted, "plover")
    result["complete_only"] = _complete_only(records, predicted, "plover")
    result["file"] = str(path)
    result["verbs"] = [str(v) for v in verbs]
    result["split"] = split
    return result, records, docs, predicted


def evaluate_plover(path: str | Path, config=None, verbs: tuple[str, ...] = (),
                    split: str | None = None) -> dict:
    """Score against PLOVER gold; ``verbs``: CAMEO verb dictionaries (or pattern YAML files)
    loaded as user pattern overlays for this run; ``split``: ``dev``/``test`` half only.
    Cross-validated figures: ``eval.plover_cv.evaluate_plover_cv``."""
    return run_plover(path, config, verbs, split)[0]


# PETRARCH2's validation dictionaries (MIT), shipped so that a validation records file scores
# the same whether or not its dictionaries were copied beside it
BUNDLED_DICTIONARIES = Path(__file__).resolve().parent.parent / "events" / "data" / "petrarch_validate"


def dictionary_path(name: str, dirs: Sequence[Path]) -> Path | None:
    """The first ``dirs/name`` that is a file (a records file names its dictionaries by file
    name only)."""
    for d in dirs:
        if (Path(d) / name).is_file():
            return Path(d) / name
    return None


@contextmanager
def petrarch_setup(path: Path, use_dictionaries: bool = True, verbs: tuple[str, ...] = (),
                   split: str | None = None, dictionary_dirs: Sequence[str | Path] = ()
                   ) -> Iterator[tuple[list[GoldRecord], Any, list[str], list[str], dict]]:
    """The records of a PETRARCH validation file and what coding them needs: (records, the
    actor overlay or None, the pattern files to load, the verb files named, where each
    dictionary was found). The verb dictionaries are converted into a temporary directory
    that lives as long as the context (``evaluate_petrarch``; the gate's training rows)."""
    import tempfile

    from ..events.petrarch_dicts import PetrarchOverlay
    from ..events.verb_dicts import convert_file, write_overlay

    records, env = read_petrarch(path)
    records = select_split(records, split)
    overlay = None
    files = list(verbs)

    # each dictionary the file names, looked up once: where it was found, or None
    dirs = [path.parent, *(Path(d) for d in dictionary_dirs), BUNDLED_DICTIONARIES]
    located = {tag: [(f, dictionary_path(f, dirs)) for f in env.get(tag, [])]
               for tag in ("Verbfile", "Actorfile", "Agentfile")}

    def existing(tag: str) -> list[Path]:
        return [p for _, p in located[tag] if p is not None]

    if use_dictionaries and existing("Actorfile"):
        overlay = PetrarchOverlay.from_files(existing("Actorfile"), existing("Agentfile") or None)
    with tempfile.TemporaryDirectory(prefix="mv-verbs-") as tmp:
        pattern_files = list(files)
        for n, verbfile in enumerate(existing("Verbfile") if use_dictionaries else []):
            files.insert(n, str(verbfile))
            # the records' codes are this dictionary's: its senses go before ours
            overlay_yaml = Path(tmp) / f"verbs{n}.yaml"
            write_overlay(convert_file(verbfile, fallback=False)[0], overlay_yaml, verbfile.name)
            pattern_files.insert(n, str(overlay_yaml))
        yield records, overlay, pattern_files, files, located


def evaluate_petrarch(path: str | Path, config=None, use_dictionaries: bool = True,
                      verbs: tuple[str, ...] = (), split: str | None = None,
                      dictionary_dirs: Sequence[str | Path] = ()) -> dict:
    """Score against PETRARCH validation records. With ``use_dictionaries`` the dictionaries
    named in the file's <Environment> are loaded for this run: actors and agents as an actor
    overlay, the verb dictionary as a pattern overlay (before ours: the records' codes are that
    dictionary's). Each is looked for beside the file, then in ``dictionary_dirs``, then among
    the bundled PETRARCH2 validation dictionaries; names found nowhere are reported in
    ``missing_dictionaries`` (their records are then scored with our own actors and verbs)."""
    path = Path(path)
    with petrarch_setup(path, use_dictionaries, verbs, split, dictionary_dirs) as (
            records, overlay, pattern_files, files, located):
        predicted = predict(records, config, overlay=overlay, pattern_files=tuple(pattern_files))

    def existing(tag: str) -> list[Path]:
        return [p for _, p in located[tag] if p is not None]

    result = score(records, predicted, "petrarch")
    result["complete_only"] = _complete_only(records, predicted, "petrarch")
    # the same figures without PETRARCH-specific conventions: records whose gold codes are
    # all CAMEO codes (the unit tests also use private codes such as 903 or 345)
    onto = ontology()
    keep = [i for i, r in enumerate(records)
            if r.events and all(g.cameo and (cc := onto.cameo_code(g.cameo)) is not None
                                and g.cameo[:2] == cc.root for g in r.events)]
    result["cameo_records"] = score([records[i] for i in keep], [predicted[i] for i in keep],
                                    "petrarch")
    result["file"] = str(path)
    result["dictionaries"] = bool(overlay)
    result["dictionary_files"] = sorted({str(p) for tag in located for p in existing(tag)}
                                        ) if use_dictionaries else []
    result["missing_dictionaries"] = sorted({f for found in located.values() for f, p in found
                                             if p is None}) if use_dictionaries else []
    result["verbs"] = files
    result["split"] = split
    return result
