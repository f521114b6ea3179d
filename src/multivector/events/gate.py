"""A learned keep/drop gate over the coder's candidate events.

Why: the typers (patterns, the CAMEO verb dictionary, the sentence classifier) and the argument
rules emit candidates whose ``confidence`` says only how well the typers agree on the class.
Whether a candidate is right depends on more than that: the classifier was trained on sentences
that all hold an event (it has no "no event" class), so its events are right on PLOVER records
(chosen because they hold one) and mostly wrong in news, where most sentences report none; an
event whose source the text does not name, or that a convention filled in, is right less often
than one between two actors the knowledge base knows. No fixed threshold or rule says this for
every kind of text. A small logistic regression, trained on the candidates the pipeline emits
on gold sentences labelled right or wrong as each scorer matches them (PLOVER records,
PETRARCH unit records, the dev half of the BBC event gold, sentences without events included;
``scripts/train_event_gate.py``, ``eval/gate_train.py``), gives each candidate the probability
that it is right. Features are what the coder already computed (no second parse): how the
event was typed and how sure the typing was, the classifier's distribution for the sentence,
the CAMEO root and quad class, modality, how each argument was found, the trigger's part of
speech and clause role, quotes and attribution, the number of candidates in the sentence and
its length.

How it is used (``EventCoder.code``): each emitted event gets ``gate_probability``, and events
under the model's threshold (chosen on cross-validation folds by the training script) are
dropped; they stay context for later sentences (participants named before) like every coded
event. ``[multivector.events] gate = false`` (``MULTIVECTOR_EVENTS_GATE=0``) emits every
candidate, as before the gate. ``confidence`` keeps its meaning (how well the typers agree):
measured on the BBC dev articles it ranks right above wrong events better than the gate does
(docs/events.md, the gate's section), so the gate's probability is a field of its own.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_FILE = Path(__file__).parent / "data" / "event_gate.json"


def _bin(x: float, edges: Sequence[float]) -> str:
    """The index of the first edge ``x`` lies under ("0" .. str(len(edges)))."""
    for i, e in enumerate(edges):
        if x < e:
            return str(i)
    return str(len(edges))


def _arg_features(role: str, refs: Sequence[Any]) -> list[str]:
    """How the arguments of one role were found: how many, named by a knowledge-base actor or
    a country or a sector only, filled in by a convention (``method``), the country inferred
    (``country_from``)."""
    n = len(refs)
    out = [f"{role}:n={min(n, 2)}"]
    for a in refs[:2]:
        aid = str(a.get("id") or "")
        kind = ("igo" if aid[:4] in ("IGO:", "NGO:") else "id") if aid else \
            "country+sector" if a.get("country") and a.get("sector") else \
            "country" if a.get("country") else "sector" if a.get("sector") else "name"
        out.append(f"{role}:kind={kind}")
        out.append(f"{role}:method={a.get('method') or '-'}")
        out.append(f"{role}:from={a.get('country_from') or '-'}")
        if a.get("type"):
            out.append(f"{role}:type={a.get('type')}")
    return out


def _position(role: str, refs: Sequence[Any], trigger: Any, doc: Any) -> list[str]:
    """Where the first argument of a role sits relative to the trigger in the parse: its
    mention's head a dependent of the trigger (with the relation), further inside the trigger's
    clause, elsewhere in the sentence, outside it (a participant carried from context or
    filled in), or no mention at all."""
    if not refs or trigger is None or doc is None:
        return []
    a = refs[0]
    start = a.get("start")
    if start is None:
        return [f"{role}:at=nospan"]
    sent = trigger.sent
    lo, hi = doc.span_offsets(sent)
    if not lo <= start < hi:
        return [f"{role}:at=outside"]
    tok = next((t for t in sent if doc.token_start(t) <= start < doc.token_start(t) + len(t.text) + 1),
               None)
    if tok is None:
        return [f"{role}:at=nospan"]
    while tok.head.i != tok.i and tok.head.i != trigger.i and tok.dep_ in ("compound", "amod", "det",
                                                                               "poss", "nmod", "appos"):
        tok = tok.head  # the phrase's head
    if tok.head.i == trigger.i and tok.i != trigger.i:
        return [f"{role}:at=child", f"{role}:dep={tok.dep_}"]
    if tok.head.head.i == trigger.i and tok.dep_ == "pobj":
        return [f"{role}:at=prep", f"{role}:dep=prep:{tok.head.lower_}"]
    if trigger.i in [t.i for t in tok.ancestors]:
        return [f"{role}:at=inside"]
    side = "L" if tok.i < trigger.i else "R"
    return [f"{role}:at=other{side}"]


def features(ev: Any, pred: Any, trigger: Any, n_sentence: int, sentence_tokens: int,
             doc: Any = None) -> dict[str, float]:
    """The candidate's features (name -> value; binary ones are 1.0). ``pred``: the sentence
    classifier's ``Prediction`` (None when the classifier did not run on the sentence);
    ``trigger``: the spaCy token the event hangs on (None when not found); ``n_sentence``:
    candidates emitted in the sentence; ``sentence_tokens``: its length."""
    from .classifier import quad_of_cameo

    f: dict[str, float] = {"bias": 1.0}
    by = sorted(ev.typed_by or ["-"])
    byk = "+".join(by)
    f[f"by={byk}"] = 1.0
    f["conf"] = float(ev.confidence or 0.0)
    f[f"conf_bin={_bin(float(ev.confidence or 0.0), (0.3, 0.5, 0.7, 0.85))}"] = 1.0
    root = (ev.cameo or "")[:2] or "-"
    f[f"root={root}"] = 1.0
    qe = quad_of_cameo(ev.cameo) if ev.cameo else None
    f[f"quad={qe}"] = 1.0
    f[f"mod={ev.modality}"] = 1.0
    f[f"complete={bool(ev.complete)}"] = 1.0
    f[f"by+complete={byk}+{bool(ev.complete)}"] = 1.0
    f[f"by+mod={byk}+{ev.modality}"] = 1.0
    if pred is None:
        f["clf=none"] = 1.0
    else:
        probs = sorted(pred.quad_proba, reverse=True)
        f["clf_top"] = float(probs[0])
        f["clf_margin"] = float(probs[0] - (probs[1] if len(probs) > 1 else 0.0))
        p_ev = float(pred.quad_proba[qe]) if qe is not None and qe < len(pred.quad_proba) else 0.0
        f["clf_p_event"] = p_ev
        f[f"clf_agree={qe == pred.quad}"] = 1.0
        f[f"clf_quad={pred.quad}"] = 1.0
        f[f"by+agree={byk}+{qe == pred.quad}"] = 1.0
    f.update(dict.fromkeys(_arg_features("src", ev.source), 1.0))
    f.update(dict.fromkeys(_arg_features("tgt", ev.target), 1.0))
    f.update(dict.fromkeys(_position("src", ev.source, trigger, doc), 1.0))
    f.update(dict.fromkeys(_position("tgt", ev.target, trigger, doc), 1.0))
    f[f"sides={'S' if ev.source else '-'}{'T' if ev.target else '-'}"] = 1.0
    if trigger is None:
        f["trig=none"] = 1.0
    else:
        f[f"tpos={trigger.pos_}"] = 1.0
        dep = trigger.dep_ if trigger.dep_ in ("ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl",
                                                "dobj", "nsubj", "pobj", "acl", "pcomp") else "other"
        f[f"tdep={dep}"] = 1.0
        f[f"tpos+by={trigger.pos_}+{byk}"] = 1.0
    f[f"twords={min(len((ev.trigger or '').split()), 3)}"] = 1.0
    f[f"quote={ev.quote_id is not None}"] = 1.0
    f[f"attributed={ev.attributed_to is not None}"] = 1.0
    f[f"nsent={min(n_sentence, 4)}"] = 1.0
    f[f"slen={_bin(sentence_tokens, (12, 24, 36, 50))}"] = 1.0
    return f


@dataclass(frozen=True)
class Gate:
    """A logistic model over ``features`` and the threshold under which a candidate is dropped."""

    weights: dict[str, float]
    threshold: float
    meta: dict

    def proba(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, feats: dict[str, float]) -> tuple[bool, float]:
        p = self.proba(feats)
        return p >= self.threshold, p


def from_model(model: dict) -> Gate:
    return Gate({str(k): float(v) for k, v in model["weights"].items()},
                float(model["threshold"]), dict(model.get("meta") or {}))


@lru_cache(maxsize=4)
def load_gate(path: str | None = None) -> Gate | None:
    """The shipped gate (None when the model file is absent: every candidate is kept)."""
    p = Path(path) if path else MODEL_FILE
    if not p.is_file():
        return None
    with open(p, encoding="utf-8") as fh:
        return from_model(json.load(fh))


def event_features(doc: Any, events: Sequence[Any], preds: dict[int, Any]) -> list[dict[str, float]]:
    """``features`` of each of a document's emitted events, from what the coder computed:
    ``preds`` maps a sentence index to its classifier prediction."""
    from .argrank import trigger_token

    per_sent: dict[int, int] = {}
    for ev in events:
        per_sent[ev.sentence] = per_sent.get(ev.sentence, 0) + 1
    out = []
    for ev in events:
        span = doc.sentences[ev.sentence].span if 0 <= ev.sentence < len(doc.sentences) else None
        trig = trigger_token(ev, span, doc) if span is not None else None
        out.append(features(ev, preds.get(ev.sentence), trig, per_sent[ev.sentence],
                            len(span) if span is not None else 0, doc))
    return out


def apply_gate(gate: Gate | None, doc: Any, events: list[Any], preds: dict[int, Any]
               ) -> tuple[list[Any], list[dict[str, float]]]:
    """The events the gate keeps (each with its ``gate_probability``), and the features of
    every candidate (for training). Without a gate every event is kept."""
    if not events:
        return events, []
    feats = event_features(doc, events, preds)
    if gate is None:
        return events, feats
    kept = []
    for ev, f in zip(events, feats):
        ok, p = gate.keep(f)
        ev.gate_probability = round(p, 3)
        if ok:
            kept.append(ev)
    return kept, feats
