"""A sentence classifier for the CAMEO quad class (and CAMEO root) of a parsed sentence.

Why: the pattern coder only types what its ~390 curated senses (and the CAMEO verb dictionary)
recognise in a narrow syntactic frame, so it misses most events a human coder finds. A linear
model over parse features generalises from the ConfliBERT, PLOVER and PETRARCH training
sentences and gives a calibrated distribution over classes that typing can combine with the
patterns (see docs/events.md, *Typing*).

The model file (``data/event_classifier.npz``, written by ``scripts/train_event_classifier.py``)
holds no sentence: features are strings (lemma n-grams with entities masked, verb lemmas,
verb-object pairs, CAMEO verb dictionary hits, pattern dictionary hits) hashed with CRC32 into
``2**bits`` buckets, and only the weight rows of buckets seen in training are stored. Inference
is numpy only (no scikit-learn at run time): the features of a sentence are hashed, looked up
with ``searchsorted`` and summed; a softmax with the stored temperature gives probabilities.

Quad classes follow the ConfliBERT task: 0 statements and appeals (CAMEO 01-02), 1 verbal
cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13 and 16, as the
ConfliBERT labels have it), 4 material conflict (14-15, 17-20). Note this differs from CAMEO's
own QuadClass (09, 14 and 16 move).
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "event_classifier.npz"
QUAD_NAMES = ("statement/appeal", "verbal cooperation", "material cooperation",
              "verbal conflict", "material conflict")
ROOTS = tuple(f"{i:02d}" for i in range(1, 21))

# words that carry no event meaning in n-grams
_SKIP_POS = {"PUNCT", "SPACE", "DET", "SYM", "X"}
_MASK_ENTS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "DATE", "TIME", "CARDINAL",
              "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "EVENT", "LAW"}
_NEG = {"not", "n't", "never", "no"}


def quad_of_root(root: str | int | None) -> int | None:
    """ConfliBERT quad class of a CAMEO root (``"19"`` -> 4); None for non-CAMEO codes.

    As its annotators label: CAMEO 16 (reduce relations: sanctions, aid cuts, expulsions,
    cancelled visits) is verbal conflict, class 3, with 09-13 (on the ConfliBERT train
    sentences our senses code 16 in 60 sentences, all labelled 3; 14 and 15 are labelled 4).
    Until 2026-12-03 16 was class 4 here, so the classifier and the patterns disagreed on
    every sanction. For CAMEO's own ranges (material conflict = 14-20) see ``cameo_root``."""
    r = cameo_root(root)
    if r is None:
        return None
    if 1 <= r <= 2:
        return 0
    if 3 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13 or r == 16:
        return 3
    return 4


def cameo_root(code: str | int | None) -> int | None:
    """The CAMEO root of a code as a number (``"1662"`` -> 16); None for non-CAMEO codes."""
    try:
        r = int(str(code)[:2])
    except (TypeError, ValueError):
        return None
    return r if 1 <= r <= 20 else None


def quad_of_cameo(code: str | None) -> int | None:
    return quad_of_root(code[:2]) if code else None


def fingerprint(text: str) -> str:
    """A short stable hash of a sentence (case and spacing folded): the model file lists those
    of its training sentences so evaluators can avoid scoring them (the text is not stored)."""
    norm = " ".join("".join(ch for ch in text.lower() if ch.isalnum() or ch.isspace()).split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]


# ------------------------------------------------------------------------------ features
@dataclass(frozen=True)
class Lexicons:
    """Verb lexicons used as features: lemma -> CAMEO roots (CAMEO verb dictionary, stored in
    the model file) and (lemma, pos) -> roots of our pattern dictionary."""

    cameo_verbs: dict[str, tuple[str, ...]]
    cameo_objects: dict[str, tuple[str, ...]]  # "lemma|objecthead" -> roots
    patterns: dict[str, tuple[str, ...]]  # "lemma|verb" / "lemma|noun" -> roots
    # "lemma|pos" -> (root, condition) per sense: the hint features (``pt:``) fire for a sense
    # only when its condition holds in the sentence (empty: the legacy ``patterns`` roots)
    senses: dict[str, tuple[tuple[str, dict], ...]] = field(default_factory=dict)


def pattern_roots() -> dict[str, tuple[str, ...]]:
    """Roots of our packaged pattern dictionary by ``lemma|pos`` (no syntax checks: a cheap
    hint for the classifier; the coder itself checks the frames)."""
    from .lexicon import patterns

    out: dict[str, set[str]] = {}
    for (lemma, pos), pats in patterns(()).items():
        for p in pats:
            if p.cameo and p.cameo[:2].isdigit():
                out.setdefault(f"{lemma}|{pos}", set()).add(p.cameo[:2])
    return {k: tuple(sorted(v)) for k, v in out.items()}


# the frame conditions of a sense that the hint features check (the coder checks them all)
SENSE_CONDITIONS = ("object", "particle", "xcomp", "prep_object", "object_class", "predicate")


def pattern_senses() -> dict[str, list[list[Any]]]:
    """Each sense of our packaged pattern dictionary as ``[root, condition]`` by ``lemma|pos``:
    the condition holds the sense's object words, particles, complement verbs, prepositions,
    object class and predicate words (JSON-ready: the model file stores it).

    Why: a lemma with senses of many classes ("call": appeals, demands, cancelled strikes)
    gave every root as a hint for every use, so an object-conditioned sense added for one
    construction moved the classifier on every sentence with the lemma (and each retrain moved
    PLOVER and PETRARCH by about a triple). Keyed by its frame, a sense hints only where its
    frame is there (ConfliBERT 5-fold CV macro-F1 0.908 -> 0.925, docs/events.md)."""
    from .lexicon import patterns

    out: dict[str, list[list[Any]]] = {}
    for (lemma, pos), pats in patterns(()).items():
        for p in pats:
            if not (p.cameo and p.cameo[:2].isdigit()):
                continue
            cond: dict[str, Any] = {}
            for key in SENSE_CONDITIONS:
                val = getattr(p, key)
                if val:
                    cond[key] = val if isinstance(val, str) else sorted(set(val))
            entry = [p.cameo[:2], cond]
            rows = out.setdefault(f"{lemma}|{pos}", [])
            if entry not in rows:
                rows.append(entry)
    return {k: sorted(v, key=lambda e: json.dumps(e, sort_keys=True)) for k, v in sorted(out.items())}


def senses_digest(senses: dict[str, Any]) -> str:
    """A short stable hash of a ``pattern_senses`` table (and of the class of each root)."""
    quads = [quad_of_root(r) for r in ROOTS]
    blob = json.dumps({"senses": senses, "quads": quads}, sort_keys=True)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def roots_digest(roots: dict[str, Any]) -> str:
    """A short stable hash of a ``lemma|pos -> roots`` table: the model file stores the one of
    the pattern roots it was trained with, so a model older than the pattern dictionary shows
    (``EventClassifier.stale_patterns``)."""
    # the class of each root is a feature too (ptq:, cdq:): a new class map is a new model
    quads = [quad_of_root(r) for r in ROOTS]
    blob = json.dumps({"roots": {k: sorted(v) for k, v in roots.items()}, "quads": quads},
                      sort_keys=True)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def _norm(tok: Any) -> str:
    if tok.ent_type_ in _MASK_ENTS:
        return "E_" + tok.ent_type_
    if tok.like_num:
        return "NUM"
    return tok.lemma_.lower()


def _obj_head(tok: Any) -> str | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass"):
            return c.lemma_.lower()
    return None


_OBJ_DEPS = ("dobj", "attr", "oprd", "nsubjpass", "pobj", "compound")
_ACTOR_ENTS = {"GPE", "NORP", "ORG", "PERSON"}


def sense_holds(tok: Any, cond: dict) -> bool:
    """Whether a sense's frame (``pattern_senses``) is there around ``tok``, loosely: an object
    word as the object, a prepositional object or (nouns) any dependent; a particle; a
    complement verb; a preposition; an actor object; a predicate word in the subtree."""
    kids = list(tok.children)
    if "object" in cond:
        objs = {c.lemma_.lower() for c in kids if c.dep_ in _OBJ_DEPS}
        objs |= {g.lemma_.lower() for c in kids if c.dep_ in ("prep", "agent")
                 for g in c.children if g.dep_ == "pobj"}
        if tok.pos_ == "NOUN":
            objs |= {c.lemma_.lower() for c in kids}
        if not objs & set(cond["object"]):
            return False
    if "particle" in cond and not any(c.dep_ == "prt" and c.lower_ in cond["particle"]
                                      for c in kids):
        return False
    if "xcomp" in cond and not any(c.dep_ in ("xcomp", "ccomp")
                                   and c.lemma_.lower() in cond["xcomp"] for c in kids):
        return False
    if "prep_object" in cond and not any(c.dep_ in ("prep", "agent", "dative")
                                         and c.lower_ in cond["prep_object"] for c in kids):
        return False
    if cond.get("object_class") == "actor" and not any(
            c.dep_ in ("dobj", "nsubjpass") and (c.ent_type_ in _ACTOR_ENTS or c.pos_ == "PROPN")
            for c in kids):
        return False
    if "predicate" in cond and not any(w.lemma_.lower() in cond["predicate"]
                                       for w in tok.subtree):
        return False
    return True


def _hint_roots(tok: Any, lem: str, lex: Lexicons) -> list[tuple[str, bool]]:
    """(root, conditioned) of the pattern senses ``tok`` hints at: with ``lex.senses`` those
    whose frame holds, else (older model files) every root of the lemma."""
    key = f"{lem}|{'noun' if tok.pos_ == 'NOUN' else 'verb'}"
    if lex.senses:
        return [(root, bool(cond)) for root, cond in lex.senses.get(key, ())
                if not cond or sense_holds(tok, cond)]
    return [(r, False) for r in lex.patterns.get(key, ())]


def features(span: Any, lex: Lexicons) -> list[str]:
    """Feature strings of one parsed sentence (a spaCy Span or Doc)."""
    toks = [t for t in span if t.pos_ not in _SKIP_POS]
    norm = [_norm(t) for t in toks]
    feats: list[str] = []
    # lemma n-grams with entities masked (E_GPE attack E_GPE), unigrams of surface words
    for i, w in enumerate(norm):
        if i and norm[i - 1] == w and w.startswith("E_"):
            continue
        feats.append("l:" + w)
        if i + 1 < len(norm):
            feats.append("b:" + w + "_" + norm[i + 1])
        if i + 2 < len(norm):
            feats.append("t:" + w + "_" + norm[i + 1] + "_" + norm[i + 2])
    feats.extend("w:" + t.lower_ for t in toks if not t.ent_type_)
    # parse: root verb, verbs with their objects and prepositions, negation
    for t in span:
        if t.pos_ not in ("VERB", "NOUN", "AUX"):
            continue
        lem = t.lemma_.lower()
        if t.pos_ != "NOUN":
            if t.dep_ == "ROOT":
                feats.append("root:" + lem)
            feats.append("v:" + lem)
            obj = _obj_head(t)
            if obj:
                feats.append(f"vo:{lem}|{obj}")
            for c in t.children:
                if c.dep_ in ("prep", "agent", "dative"):
                    feats.append(f"vp:{lem}|{c.lower_}")
                elif c.dep_ == "neg" or c.lower_ in _NEG:
                    feats.append("neg:" + lem)
                elif c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB":
                    feats.append(f"vc:{lem}|{c.lemma_.lower()}")
            for r in lex.cameo_verbs.get(lem, ()):
                feats.append("cd:" + r)
                q = quad_of_root(r)
                feats.append(f"cdq:{q}")
                if t.dep_ == "ROOT":
                    feats.append("cdr:" + r)
            if obj:
                for r in lex.cameo_objects.get(f"{lem}|{obj}", ()):
                    feats.append("cdo:" + r)
        for r, conditioned in _hint_roots(t, lem, lex):
            feats.append("pt:" + r)
            feats.append(f"ptq:{quad_of_root(r)}")
            if conditioned:  # a sense whose frame is there: surer than a bare lemma
                feats.append("ptc:" + r)
    return feats


def hash_features(feats: Iterable[str], bits: int) -> np.ndarray:
    """Bucket ids (CRC32, stable across processes and platforms), sorted and unique."""
    mask = (1 << bits) - 1
    # a set and sorted(): what np.unique gives, without its overhead on a few hundred ids
    return np.array(sorted({zlib.crc32(f.encode("utf-8")) & mask for f in feats}),
                    dtype=np.int64)


# ------------------------------------------------------------------------------ model
@dataclass
class LinearHead:
    """One softmax head: classes, stored buckets (sorted), weight rows, bias, temperature."""

    classes: tuple[str, ...]
    index: np.ndarray  # int64 (n,)
    weights: np.ndarray  # float32 (n, k)
    bias: np.ndarray  # float32 (k,)
    temperature: float = 1.0

    def proba(self, buckets: np.ndarray) -> np.ndarray:
        if len(self.index) == 0 or len(buckets) == 0:
            hit = np.zeros(0, dtype=np.int64)
        else:
            pos = np.minimum(np.searchsorted(self.index, buckets), len(self.index) - 1)
            hit = pos[self.index[pos] == buckets]  # buckets never seen in training: no weight
        score = self.bias.astype(np.float64).copy()
        if len(hit):
            score += self.weights[hit].sum(axis=0)
        score /= self.temperature
        score -= score.max()
        e = np.exp(score)
        return e / e.sum()


@dataclass
class Prediction:
    quad: int
    quad_proba: tuple[float, ...]
    root: str | None  # most likely CAMEO root inside the predicted quad class
    root_proba: float

    @property
    def confidence(self) -> float:
        return self.quad_proba[self.quad]


class EventClassifier:
    """Quad-class (and root) classifier; ``predict(span)`` on a parsed sentence."""

    def __init__(self, meta: dict, quad: LinearHead, root: LinearHead | None) -> None:
        self.meta = meta
        self.bits = int(meta["bits"])
        self.quad = quad
        self.root = root
        # the pattern roots the model was trained with (stored since 2026-12-03): features at
        # inference are those of training even after senses are added to patterns.yaml; older
        # model files fall back to the current dictionary
        stored = meta.get("pattern_roots")
        if not meta.get("pattern_features", True):
            pats: dict[str, tuple[str, ...]] = {}
        elif isinstance(stored, dict):
            pats = {k: tuple(v) for k, v in stored.items()}
        else:
            pats = pattern_roots()
        # the senses with their frames (since 2026-12-03 afternoon); older files: lemma roots
        senses: dict[str, tuple[tuple[str, dict], ...]] = {}
        if meta.get("pattern_features", True) and isinstance(meta.get("pattern_senses"), dict):
            senses = {k: tuple((str(r), dict(c)) for r, c in v)
                      for k, v in meta["pattern_senses"].items()}
        self.lex = Lexicons(
            cameo_verbs={k: tuple(v) for k, v in meta.get("cameo_verbs", {}).items()},
            cameo_objects={k: tuple(v) for k, v in meta.get("cameo_objects", {}).items()},
            patterns=pats, senses=senses)

    def stale_patterns(self) -> bool:
        """True when the packaged pattern dictionary's roots differ from those the model was
        trained with (retrain: ``scripts/train_event_classifier.py``)."""
        if not self.meta.get("pattern_features", True):
            return False
        if "pattern_senses_digest" in self.meta \
                and self.meta["pattern_senses_digest"] != senses_digest(pattern_senses()):
            return True
        return self.meta.get("pattern_roots_digest") != roots_digest(pattern_roots())

    @classmethod
    def load(cls, path: str | Path) -> EventClassifier:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))

            def head(name: str) -> LinearHead | None:
                if f"{name}_index" not in z:
                    return None
                return LinearHead(tuple(meta[f"{name}_classes"]), z[f"{name}_index"],
                                  z[f"{name}_weights"].astype(np.float32),
                                  z[f"{name}_bias"].astype(np.float32),
                                  float(meta.get(f"{name}_temperature", 1.0)))

            quad = head("quad")
            if quad is None:
                raise ValueError(f"{path}: no quad head in the event classifier model")
            return cls(meta, quad, head("root"))

    def buckets(self, span: Any) -> np.ndarray:
        return hash_features(features(span, self.lex), self.bits)

    def root_proba(self, span: Any) -> dict[str, float]:
        """CAMEO root -> probability (empty without a root head)."""
        if self.root is None:
            return {}
        r = self.root.proba(self.buckets(span))
        return {c: float(p) for c, p in zip(self.root.classes, r)}

    def predict(self, span: Any) -> Prediction:
        b = self.buckets(span)
        qp = self.quad.proba(b)
        q = int(self.quad.classes[int(np.argmax(qp))])
        probs = [0.0] * len(QUAD_NAMES)
        for c, p in zip(self.quad.classes, qp):
            probs[int(c)] = float(p)
        root, rp = None, 0.0
        if self.root is not None:
            r = self.root.proba(b)
            best = -1.0
            for c, p in zip(self.root.classes, r):
                if quad_of_root(c) == q and p > best:
                    root, best = c, float(p)
            rp = max(best, 0.0)
        return Prediction(q, tuple(probs), root, rp)


def save_model(path: str | Path, meta: dict, heads: dict[str, LinearHead]) -> None:
    """Write the model file (npz, no pickles): meta JSON plus per head index/weights/bias."""
    arrays: dict[str, np.ndarray] = {}
    meta = dict(meta)
    for name, h in heads.items():
        arrays[f"{name}_index"] = h.index.astype(np.int64)
        arrays[f"{name}_weights"] = h.weights.astype(np.float16)
        arrays[f"{name}_bias"] = h.bias.astype(np.float32)
        meta[f"{name}_classes"] = list(h.classes)
        meta[f"{name}_temperature"] = h.temperature
    arrays["meta"] = np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"),
                                   dtype=np.uint8)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def default_model_path() -> Path:
    return Path(str(resources.files(__package__).joinpath("data", MODEL_NAME)))


@lru_cache(maxsize=4)
def load_classifier(path: str | None = None) -> EventClassifier | None:
    """The packaged classifier (loaded once per process); None when the model file is absent."""
    p = Path(path) if path else default_model_path()
    if not p.is_file():
        return None
    clf = EventClassifier.load(p)
    if path is None and clf.stale_patterns():
        log.warning("%s was trained with another pattern dictionary than the packaged one: its "
                    "features use the stored pattern roots; retrain with "
                    "scripts/train_event_classifier.py", p.name)
    return clf
