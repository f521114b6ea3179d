"""``multivector eval events --conflibert FILE`` and ``--conflibert-args FILE``.

Sentence-level scoring of the events stage on ConfliBERT-style data:

* ``--conflibert``: a TSV of ``sentence<TAB>quad class`` (0 statements and appeals, CAMEO 01-02;
  1 verbal cooperation 03-05; 2 material cooperation 06-08; 3 verbal conflict 09-13 and 16,
  reduce relations, as the file's annotators label it; 4 material conflict 14-15, 17-20;
  ``events.classifier.quad_of_root``). Each sentence runs through the pipeline (segmentation, actors, quotes,
  events); its predicted class is that of its most confident event, 0 when it has none.
  Prints ``accuracy``, ``macro_f1``, ``per_class`` (precision/recall/F1/support) and
  ``confusion`` (rows gold, columns predicted).
* ``--conflibert-args``: the BIO file of the same task (one ``token label`` per line, blank line
  between sentences; S source, T target, R trigger). Token-level precision/recall/F1 of the most
  confident event's source, target and trigger tokens: ``source_f1``, ``target_f1``,
  ``trigger_f1``. In ``../shared/eval/events/conflibert/cameo_ner_train.txt`` the R spans are
  not triggers: they mark both parties of a reciprocal event (as in "President Tokayev[R]
  will meet Uzbek President Mirziyoyev[R]"; 73 of its 1,153 sentences), so
  ``trigger_f1`` is 0 there by construction. ``reciprocal_f1`` scores that reading: in the
  sentences with R spans, the tokens of our event's source and target against the R tokens.

``split``: ``dev`` or ``test`` keeps one deterministic half of the sentences, as ``--split`` does
for the PLOVER and PETRARCH records (CRC32 of the whitespace-normalised, lower-cased sentence:
even = dev, odd = test), so that argument errors can be read on one half and the other reported
as figures only. Cross-validation then folds the kept half (each fold is coded by a classifier
trained on every other training sentence, the other half included).

Never scoring a sentence the classifier learnt from: the packaged model lists fingerprints of
its training sentences. When most sentences of the file are among them (the training file
itself) the evaluation is cross-validated: the sentences are split into ``folds`` stratified
folds and each fold is coded by a classifier trained on the others (plus the model's other
sources that exist beside the file), with the packaged model's lexicons. Otherwise the packaged
classifier codes the file (a held-out set).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..doc import Event
from ..events.classifier import EventClassifier, LinearHead, fingerprint, load_classifier, quad_of_cameo
from ..events.coder import EventCoder


@dataclass
class ArgSentence:
    tokens: list[str]
    labels: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def read_bio(path: str | Path) -> list[ArgSentence]:
    out: list[ArgSentence] = []
    toks: list[str] = []
    labs: list[str] = []
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("-DOCSTART-"):
                if toks:
                    out.append(ArgSentence(toks, labs))
                toks, labs = [], []
                continue
            # "token label", "token<TAB>label" (CoNLL); the label is the last column
            cols = line.split("\t") if "\t" in line else line.rsplit(" ", 1)
            word, label = (cols[0], cols[-1].strip()) if len(cols) > 1 else ("", "")
            if not word or not (label == "O" or label[:2] in ("B-", "I-")):
                raise ValueError(f"{path}:{n}: expected 'token BIO-label'")
            toks.append(word)
            labs.append(label)
    if toks:
        out.append(ArgSentence(toks, labs))
    return out


# ------------------------------------------------------------------------------ running
def _docs(texts: Sequence[str], config: Any, batch: int = 64) -> list[Any]:
    """Each text as a document through segmentation, actors and quotes (not events)."""
    from ..text.clean import make_document
    from .events import _pipeline

    pipe = _pipeline(config)
    out: list[Any] = []
    for i in range(0, len(texts), batch):
        chunk = texts[i:i + batch]
        docs_in = [make_document(t, source=f"sent:{i + k}") for k, t in enumerate(chunk)]
        docs, _ = pipe.process(docs_in)
        by_source = {d.document.source: d for d in docs}
        out += [by_source.get(f"sent:{i + k}") for k in range(len(chunk))]
    return out


def split_of_text(text: str) -> str:
    """``dev`` or ``test``: the half a sentence belongs to (the PLOVER/PETRARCH rule)."""
    from .events import SPLITS

    return SPLITS[zlib.crc32(" ".join(text.lower().split()).encode("utf-8")) % 2]


def _keep(texts: Sequence[str], split: str | None) -> list[int]:
    from .events import SPLITS

    if split is None:
        return list(range(len(texts)))
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use dev or test")
    return [i for i, t in enumerate(texts) if split_of_text(t) == split]


def _best(events: list[Event]) -> Event | None:
    return max(events, key=lambda e: e.confidence) if events else None


def _key(text: str) -> str:
    """Spacing-blind key: the BIO file's tokens ("government 's") match the TSV's text."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _in_training(texts: Sequence[str], clf: EventClassifier | None,
                 originals: dict[str, str] | None = None) -> float:
    """Share of ``texts`` among the model's training sentences (``originals``: key -> the
    training file's own text, for texts that were re-tokenised)."""
    if clf is None or not texts:
        return 0.0
    seen = set(clf.meta.get("train_fingerprints") or ())
    originals = originals or {}
    return sum(fingerprint(originals.get(_key(t), t)) in seen for t in texts) / len(texts)


def _fold_classifiers(texts: Sequence[str], labels: Sequence[int], train_file: Path,
                      clf: EventClassifier, folds: int, config: Any
                      ) -> list[tuple[np.ndarray, EventClassifier]]:
    """(test indices, classifier trained without them) per fold. ``texts`` are the sentences
    to score; the training sentences are those of ``train_file`` (the ConfliBERT TSV) minus
    the test fold's, plus the packaged model's other sources found beside it."""
    from ..events import classifier_train as ct
    from ..nlp import load_nlp

    nlp = load_nlp(config.spacy_model)
    train = ct.read_conflibert(train_file)
    sources = [s for s in (clf.meta.get("training") or {}).get("sources", []) if s != "conflibert"]
    extra = ct.extra_examples(train_file.parent.parent, [s for s in sources if s in ct.EXTRA_SOURCES])
    keys_train = [_key(e.text) for e in train]
    out = []
    y = np.asarray(labels)
    for _, te in ct.folds(y, folds):
        held = {_key(texts[i]) for i in te}
        rows = [e for e, k in zip(train, keys_train) if k not in held] + extra
        docs = ct.parse([e.text for e in rows], nlp)
        X, cols = ct.compact(ct.matrix(ct.feature_lists(docs, clf.lex), clf.bits))
        head = ct.fit_head(str(clf.meta.get("model", "linearsvc")), X,
                           np.array([e.quad for e in rows]), [0, 1, 2, 3, 4],
                           float(clf.quad.temperature), cols=cols)
        out.append((te, _with_head(clf, head)))
    return out


def _with_head(clf: EventClassifier, head: LinearHead) -> EventClassifier:
    c = EventClassifier.__new__(EventClassifier)
    c.meta, c.bits, c.quad, c.root, c.lex = clf.meta, clf.bits, head, clf.root, clf.lex
    return c


def _code(docs: list[Any], coders: list[tuple[Sequence[int], EventCoder]]) -> list[list[Event]]:
    out: list[list[Event]] = [[] for _ in docs]
    for idx, coder in coders:
        for i in idx:
            if docs[i] is not None:
                out[i] = coder.code(docs[i])
    return out


def _coders(texts: Sequence[str], labels: Sequence[int] | None, config: Any, cv: bool | None,
            folds: int, train_file: Path | None, originals: dict[str, str] | None = None
            ) -> tuple[list, dict]:
    clf = load_classifier()
    share = _in_training(texts, clf, originals)
    use_cv = share >= 0.5 if cv is None else cv
    info = {"in_training": round(share, 4), "cross_validated": False}
    if use_cv and clf is not None and labels is not None and train_file is not None \
            and train_file.is_file():
        fc = _fold_classifiers(texts, labels, train_file, clf, folds, config)
        info.update(cross_validated=True, folds=folds)
        return [(te, EventCoder(classifier=c)) for te, c in fc], info
    return [(range(len(texts)), EventCoder())], info


# ------------------------------------------------------------------------------ scoring
def evaluate_conflibert(path: str | Path, config: Any = None, cv: bool | None = None,
                        folds: int = 5, split: str | None = None) -> dict:
    from ..config import Config
    from ..events.classifier_train import prf, read_conflibert

    config = config or Config()
    path = Path(path)
    ex = read_conflibert(path)
    ex = [ex[i] for i in _keep([e.text for e in ex], split)]
    texts = [e.text for e in ex]
    y = np.array([int(e.quad or 0) for e in ex])
    coders, info = _coders(texts, y.tolist(), config, cv, folds, path)
    docs = _docs(texts, config)
    events = _code(docs, coders)
    pred = np.array([quad_of_cameo(b.cameo) if (b := _best(evs)) is not None else 0
                     for evs in events])
    pred = np.array([0 if p is None else int(p) for p in pred])
    per, macro, conf = prf(y, pred, [0, 1, 2, 3, 4])
    return {"file": str(path), "sentences": len(ex), "accuracy": round(float((pred == y).mean()), 4),
            "macro_f1": round(macro, 4), "per_class": per, "confusion": conf,
            "sentences_with_event": int(sum(1 for e in events if e)), "split": split, **info}


def _char_tokens(tokens: Sequence[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for t in tokens:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 1
    return spans


def _locate(text: str, needle: str | None, lo: int, hi: int) -> tuple[int, int] | None:
    if not needle:
        return None
    i = text.find(needle, lo, max(hi, lo + len(needle)))
    if i < 0:
        i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def _token_set(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> set[int]:
    return {k for k, (a, b) in enumerate(spans) for (s, e) in ranges if a < e and s < b}


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_conflibert_args(path: str | Path, config: Any = None, cv: bool | None = None,
                             folds: int = 5, split: str | None = None) -> dict:
    """Token-level source/target/trigger scores of the most confident event per sentence."""
    from ..config import Config
    from ..events.classifier_train import read_conflibert

    config = config or Config()
    path = Path(path)
    sents = read_bio(path)
    sents = [sents[i] for i in _keep([s.text for s in sents], split)]
    texts = [s.text for s in sents]
    class_file = path.parent / "cameo_class_train.tsv"
    labels = None
    originals: dict[str, str] = {}
    if class_file.is_file():  # the fold split is stratified by the sentences' quad class
        rows = read_conflibert(class_file)
        gold_q = {_key(e.text): int(e.quad or 0) for e in rows}
        originals = {_key(e.text): e.text for e in rows}
        labels = [gold_q.get(_key(t), 0) for t in texts]
    coders, info = _coders(texts, labels, config, cv, folds, class_file, originals)
    docs = _docs(texts, config)
    events = _code(docs, coders)
    counts = {k: [0, 0, 0] for k in ("S", "T", "R", "P")}  # tp, predicted, gold
    for s, doc, evs in zip(sents, docs, events):
        spans = _char_tokens(s.tokens)
        gold = {k: {i for i, lab in enumerate(s.labels) if lab[2:] == k} for k in counts}
        gold["P"] = gold["R"]  # R as the parties of a reciprocal event (see the docstring)
        predicted: dict[str, set[int]] = {k: set() for k in counts}
        ev = _best(evs)
        if ev is not None and doc is not None:
            text = doc.text
            lo, hi = ev.start, ev.end
            for key, actors in (("S", ev.source), ("T", ev.target)):
                ranges: list[tuple[int, int]] = []
                for a in actors:
                    a0, a1 = getattr(a, "start", None), getattr(a, "end", None)
                    loc = (a0, a1) if a0 is not None and a1 is not None else _locate(text, a.name, lo, hi)
                    if loc:
                        ranges.append(loc)
                predicted[key] = _token_set(spans, ranges)
            trig = _locate(text, ev.trigger.split()[0] if ev.trigger else None, lo, hi)
            predicted["R"] = _token_set(spans, [trig] if trig else [])
            if gold["P"]:  # a sentence with R spans: both sides of our event against them
                predicted["P"] = predicted["S"] | predicted["T"]
        for k in counts:
            counts[k][0] += len(predicted[k] & gold[k])
            counts[k][1] += len(predicted[k])
            counts[k][2] += len(gold[k])
    out: dict[str, Any] = {"file": str(path), "sentences": len(sents), "split": split}
    for k, name in (("S", "source"), ("T", "target"), ("R", "trigger"), ("P", "reciprocal")):
        p, r, f = _prf(*counts[k])
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = (
            round(p, 4), round(r, 4), round(f, 4))
    out.update(info)
    return out
