"""Attitudes between named entities in Russian articles (RuSentRel-style, document level).

An article says that A is positive or negative towards B; most such attitudes are expressed in a
sentence that mentions both. So for every ordered pair of entity groups (synonyms grouped) that
share a sentence, features are collected from each such sentence and summed over the document:

* cue words of ``multivector/lang/ru/stance.yaml`` between the two mentions and in the whole sentence, flipped by
  a preceding negation, and the cue on the verb linking A as subject to B as object;
* the syntactic roles of the two mentions (natasha parse, spaCy labels, see ``lang/ru/parse.py``);
* the lemmas between the mentions (bag of words), word distance, order;
* how prominent A and B are in the document, their entity types and names (RuSentRel's articles
  revolve around a few states: Russia, the US, the EU, Ukraine ...).

A multinomial logistic regression (numpy; ``scripts/train_rusentrel.py`` trains it on the RuSentRel
train folder and cross-validates it by document) turns the summed features into none/pos/neg.
The model file ``lang/ru/pairs_model.json`` holds feature names (lemmas and entity names, no
sentences) and weights.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ...stance.rusentrel import AUTHOR_MARK, Article, Synonyms

HERE = Path(__file__).parent
MODEL_FILE = HERE / "pairs_model.json"
CLASSES = ("none", "pos", "neg")
CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV", "PROPN"}
SUBJ = {"nsubj", "nsubjpass"}
OBJ = {"dobj", "pobj", "dative", "obl", "nmod", "agent"}


@dataclass(frozen=True)
class CueLexicon:
    weights: dict[str, float]
    kinds: dict[str, str]
    negators: frozenset[str]

    @classmethod
    @functools.lru_cache(maxsize=4)
    def load(cls, path: Path | None = None) -> CueLexicon:
        from ..lexicon import section_or_file

        raw = section_or_file("ru", "stance", path)
        weights: dict[str, float] = {}
        kinds: dict[str, str] = {}
        for kind in ("role", "action", "mutual", "attitude", "quality"):
            for lemma, w in (raw.get(kind) or {}).items():
                weights[str(lemma)] = float(w)
                kinds[str(lemma)] = kind
        return cls(weights, kinds, frozenset(raw.get("negators") or ()))


@dataclass
class EntMention:
    group: str
    type: str
    doc: Any  # spaCy Doc of the paragraph
    sent: tuple[int, int]  # (paragraph, sentence start token)
    first: int  # first token index
    last: int  # last token index
    head: int  # the token of the span whose head lies outside it


@dataclass
class PairFeatures:
    """Features of one ordered pair (A, B) of entity groups in one document."""

    a: str
    b: str
    feats: dict[str, float] = field(default_factory=dict)


# ---------------------------------------------------------------------------------- parsing
def lemmatize_name(name: str) -> str:
    """Lemmas of a name's words (pymorphy's first parse): "Соединенных Штатов" -> "соединенный штат"."""
    from .parse import _models

    vocab = _models().vocab
    out: list[str] = []
    for w in re.findall(r"[\w\-]+", name.lower()):
        parses = vocab.parse(w)
        out.append(parses[0].normal_form if parses else w)
    return " ".join(out)


def article_mentions(art: Article, parser: Any, syn: Synonyms) -> list[EntMention]:
    """Parse the article's lines and attach each annotated entity to its tokens and sentence."""
    spans = []
    for m in re.finditer(r"[^\r\n]+", art.text):
        s, e = m.start(), m.end()
        mark = AUTHOR_MARK.match(art.text, s)
        if mark:
            s = mark.end()
        while s < e and art.text[s].isspace():
            s += 1
        while e > s and art.text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    docs = parser.pipe([art.text[s:e] for s, e in spans])
    starts = [s for s, _ in spans]
    out = []
    for ent in sorted(art.entities, key=lambda x: x.start):
        pi = _bisect(starts, ent.start)
        if pi < 0 or ent.start >= spans[pi][1]:
            continue
        base, doc = spans[pi][0], docs[pi]
        toks = [t for t in doc if t.idx + base < ent.end and t.idx + len(t) + base > ent.start
                and not t.is_space]
        if not toks:
            continue
        ids = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[-1])
        out.append(EntMention(syn.group(ent.text), ent.type, doc, (pi, toks[0].sent.start),
                              toks[0].i, toks[-1].i, head.i))
    return out


def _bisect(starts: list[int], x: int) -> int:
    import bisect

    return bisect.bisect_right(starts, x) - 1


# ---------------------------------------------------------------------------------- features
def _cue(lex: CueLexicon, doc: Any, i: int) -> float:
    tok = doc[i]
    w = lex.weights.get(tok.lemma_.replace("ё", "е"), 0.0)
    if not w:
        return 0.0
    if any(doc[j].lemma_ in lex.negators for j in range(max(tok.sent.start, i - 3), i)) or any(
            c.dep_ == "neg" for c in tok.children):
        return -w * 0.5
    return w


def _ancestors(doc: Any, i: int) -> list[int]:
    out: list[int] = []
    t = doc[i]
    while t.head.i != t.i and len(out) < 12:
        t = t.head
        out.append(t.i)
    return out


def sentence_pair_features(a: EntMention, b: EntMention, lex: CueLexicon) -> dict[str, float]:
    """Features of A -> B in the sentence where both are mentioned."""
    doc = a.doc
    f: dict[str, float] = {}
    fwd = a.first < b.first
    f["order_fwd" if fwd else "order_bwd"] = 1.0
    lo, hi = (a.last + 1, b.first) if fwd else (b.last + 1, a.first)
    gap = max(0, hi - lo)
    f[f"gap_{min(gap, 12) // 3}"] = 1.0
    sent = doc[a.first].sent
    pos = neg = 0.0
    for i in range(lo, hi):
        w = _cue(lex, doc, i)
        if w > 0:
            pos += w
        elif w < 0:
            neg -= w
        t = doc[i]
        if t.pos_ in CONTENT_POS and t.is_alpha and len(t.text) > 2:
            f["w=" + t.lemma_] = 1.0
        if t.pos_ == "PUNCT" and t.text in {";", ":", "—", "–"}:
            f["gap_punct"] = 1.0
        if t.text in {"«", "»", "\""}:
            f["gap_quote"] = 1.0
    f["cue_pos_between"] = pos
    f["cue_neg_between"] = neg
    spos = sneg = 0.0
    for t in sent:
        w = _cue(lex, doc, t.i)
        if w > 0:
            spos += w
        elif w < 0:
            sneg -= w
    f["cue_pos_sent"] = spos
    f["cue_neg_sent"] = sneg
    # syntax: roles and the verb that links them
    ha, hb = doc[a.head], doc[b.head]
    f["Adep=" + ha.dep_] = 1.0
    f["Bdep=" + hb.dep_] = 1.0
    anc_a, anc_b = _ancestors(doc, a.head), _ancestors(doc, b.head)
    common = next((x for x in anc_a if x in anc_b), None)
    if common is not None:
        v = doc[common]
        f["common_pos=" + v.pos_] = 1.0
        if ha.dep_ in SUBJ and ha.head.i == common:
            f["A_subj_of_link"] = 1.0
            w = _cue(lex, doc, common)
            f["link_cue"] = w
            for c in v.children:  # the object noun of a light verb: "оказывать давление"
                if c.dep_ == "dobj":
                    f["link_cue"] += _cue(lex, doc, c.i)
            f["lv=" + v.lemma_] = 1.0
        if hb.dep_ in SUBJ and hb.head.i == common:
            f["B_subj_of_link"] = 1.0
    if a.head in anc_b:
        f["B_under_A"] = 1.0
    if b.head in anc_a:
        f["A_under_B"] = 1.0
    # "A и B": coordinated, not an attitude of one to the other
    if hb.dep_ == "conj" and hb.head.i == ha.i or ha.dep_ == "conj" and ha.head.i == hb.i:
        f["coord"] = 1.0
    # nominal cue governing B with A as its possessor/subject: "агрессия России против Украины"
    for i in anc_b[:3]:
        w = _cue(lex, doc, i)
        if w and (doc[i].i in anc_a[:1] or doc[a.head].head.i == i):
            f["noun_cue_AB"] = f.get("noun_cue_AB", 0.0) + w
    return f


def document_pairs(mentions: list[EntMention], lex: CueLexicon) -> list[PairFeatures]:
    """Summed features of every ordered pair of groups sharing a sentence."""
    counts = Counter(m.group for m in mentions)
    total = sum(counts.values()) or 1
    ranking = [g for g, _ in counts.most_common()]
    types: dict[str, str] = {}
    for m in mentions:
        types.setdefault(m.group, m.type)
    by_sent: dict[tuple, list[EntMention]] = defaultdict(list)
    for m in mentions:
        by_sent[m.sent].append(m)
    # the title (first paragraph) names what the article is about
    title = {m.group for m in mentions if m.sent[0] == 0}
    pairs: dict[tuple[str, str], PairFeatures] = {}
    sents_of: dict[tuple[str, str], set] = defaultdict(set)
    for key, ms in by_sent.items():
        for a in ms:
            for b in ms:
                if a.group == b.group:
                    continue
                pf = pairs.setdefault((a.group, b.group), PairFeatures(a.group, b.group))
                sents_of[(a.group, b.group)].add(key)
                for k, v in sentence_pair_features(a, b, lex).items():
                    pf.feats[k] = pf.feats.get(k, 0.0) + v
                crowd = len({x.group for x in ms})
                key_c = f"crowd_{min(crowd, 6)}"
                pf.feats[key_c] = pf.feats.get(key_c, 0.0) + 1.0
    for (ga, gb), pf in pairs.items():
        f = pf.feats
        for k in list(f):
            v = f[k]
            f[k] = math.copysign(math.log1p(abs(v)), v)
        n = len(sents_of[(ga, gb)])
        f["bias"] = 1.0
        f["n_sent"] = math.log1p(n)
        f["n_sent_1"] = 1.0 if n == 1 else 0.0
        f["salA"] = counts[ga] / total
        f["salB"] = counts[gb] / total
        ra, rb = ranking.index(ga), ranking.index(gb)
        f[f"rankA_{min(ra, 5)}"] = 1.0
        f[f"rankB_{min(rb, 5)}"] = 1.0
        f[f"types={types.get(ga)}>{types.get(gb)}"] = 1.0
        f["A_in_title"] = 1.0 if ga in title else 0.0
        f["B_in_title"] = 1.0 if gb in title else 0.0
        f["A=" + ga] = 1.0
        f["B=" + gb] = 1.0
        f[f"AB={ga}>{gb}"] = 1.0
    return list(pairs.values())


# ---------------------------------------------------------------------------------- model
@dataclass
class PairModel:
    """Weights of the three-class regression and the decision rule of the document level.

    F1(P,N) averages precision and recall over documents, so an article where nothing is
    predicted loses its whole share: the rule takes a pair as ``pos`` (``neg``) when its
    probability is at least that class's ``threshold``, or when it is among the class's k most
    probable pairs of the article, k = ``top`` * sqrt(candidate pairs of the article) (the number
    of gold attitudes of a RuSentRel article grows like that square root: correlation 0.75), and
    always only if ``pos`` is more probable than ``neg`` (and vice versa). Each class has its own
    threshold and top (pos is the rarer class and its probabilities are calibrated differently);
    a model file with one value uses it for both."""

    features: dict[str, int]
    weights: np.ndarray  # (n_features, 3)
    threshold: tuple[float, float] = (0.5, 0.5)  # pos, neg
    top: tuple[float, float] = (0.0, 0.0)  # k = top * sqrt(candidate pairs of the article)

    @classmethod
    def load(cls, path: Path | None = None) -> PairModel:
        with open(path or MODEL_FILE, encoding="utf-8") as fh:
            raw = json.load(fh)
        names = raw["features"]
        t, k = raw["threshold"], raw["top"]
        t = (float(t), float(t)) if isinstance(t, (int, float)) else (float(t[0]), float(t[1]))
        k = (float(k), float(k)) if isinstance(k, (int, float)) else (float(k[0]), float(k[1]))
        return cls({n: i for i, n in enumerate(names)}, np.array(raw["weights"], dtype=float), t, k)

    def save(self, path: Path, meta: dict | None = None) -> None:
        names = sorted(self.features, key=lambda n: self.features[n])
        raw = {"meta": meta or {}, "classes": list(CLASSES), "threshold": list(self.threshold),
               "top": list(self.top), "features": names,
               "weights": [[round(float(x), 5) for x in row] for row in self.weights]}
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(raw, fh, ensure_ascii=False, separators=(",", ":"))
            fh.write("\n")

    def matrix(self, pairs: list[PairFeatures]) -> np.ndarray:
        x = np.zeros((len(pairs), len(self.features)), dtype=np.float32)
        for r, p in enumerate(pairs):
            for k, v in p.feats.items():
                j = self.features.get(k)
                if j is not None:
                    x[r, j] = v
        return x

    def sparse(self, pairs: list[PairFeatures]) -> Any:
        """The same matrix as ``matrix`` in CSR form (float64): training multiplies it 600 times."""
        from scipy.sparse import csr_matrix

        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for r, p in enumerate(pairs):
            for k, v in sorted(p.feats.items()):
                j = self.features.get(k)
                if j is not None and v:
                    rows.append(r)
                    cols.append(j)
                    vals.append(v)
        return csr_matrix((vals, (rows, cols)), shape=(len(pairs), len(self.features)),
                          dtype=np.float64)

    def logits(self, pairs: list[PairFeatures]) -> np.ndarray:
        return self.matrix(pairs) @ self.weights

    def predict(self, pairs: list[PairFeatures]) -> list[str]:
        if not pairs:
            return []
        return decide(self.logits(pairs), self.threshold, self.top)


def probabilities(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def decide(z: np.ndarray, threshold: tuple[float, float], top: tuple[float, float]) -> list[str]:
    """Labels of one article's pairs from their logits (rule: see ``PairModel``)."""
    out = ["none"] * len(z)
    if not len(z):
        return out
    p = probabilities(z)
    for ci, other in ((1, 2), (2, 1)):
        t, k = threshold[ci - 1], round(top[ci - 1] * math.sqrt(len(z)))
        for rank, j in enumerate(np.argsort(-p[:, ci], kind="stable")):
            if (p[j, ci] >= t or rank < k) and p[j, ci] >= p[j, other]:
                if out[j] == "none":
                    out[j] = CLASSES[ci]
    return out


def fit(pairs: list[PairFeatures], labels: list[str], min_count: int = 2, l2: float = 1.0,
        epochs: int = 300, lr: float = 0.1, sample_weight: np.ndarray | None = None) -> PairModel:
    """Multinomial logistic regression, full-batch Adam; deterministic."""
    df = Counter(k for p in pairs for k in p.feats)
    names = sorted(k for k, c in df.items() if c >= min_count)
    model = PairModel({n: i for i, n in enumerate(names)}, np.zeros((len(names), 3)))
    x = model.sparse(pairs)
    y = np.zeros((len(pairs), 3))
    for r, lab in enumerate(labels):
        y[r, CLASSES.index(lab)] = 1.0
    w = np.zeros((x.shape[1], 3))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    n = max(1, len(pairs))
    sw = np.ones((len(pairs), 1)) if sample_weight is None else sample_weight.reshape(-1, 1)
    sw = sw * len(pairs) / max(float(sw.sum()), 1e-9)
    for t in range(1, epochs + 1):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = x.T @ ((p - y) * sw) / n + l2 * w / n
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    model.weights = w
    return model


THRESHOLDS = (0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3, 0.4)
TOPS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)


def best_rule(logits: list[np.ndarray], gold: list[list], syn: Synonyms,
              pairs: list[list[PairFeatures]]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Per class (threshold, top) that maximise its F1 on out-of-fold logits (grid search).

    F1(pos) depends only on the pos predictions and F1(neg) only on the neg ones (a pair gets
    the more probable of the two), so each class's rule is searched on its own."""
    from ...stance.rusentrel import score

    g = {str(d): ops for d, ops in enumerate(gold)}
    best: list[tuple[float, float]] = []
    for ci, name in ((0, "pos"), (1, "neg")):
        choice, best_f1 = (0.5, 0.0), -1.0
        for t in THRESHOLDS:
            for k in TOPS:
                rule_t, rule_k = [1.1, 1.1], [0.0, 0.0]  # the other class predicts nothing
                rule_t[ci], rule_k[ci] = t, k
                pred = {str(d): [(p.a, p.b, lab) for p, lab in
                                 zip(ps, decide(z, (rule_t[0], rule_t[1]), (rule_k[0], rule_k[1])))
                                 if lab != "none"]
                        for d, (z, ps) in enumerate(zip(logits, pairs))}
                f1 = score(g, pred, syn)[name]["f1"]
                if f1 > best_f1:
                    choice, best_f1 = (t, k), f1
        best.append(choice)
    return (best[0][0], best[1][0]), (best[0][1], best[1][1])


def label_pairs(pairs: list[PairFeatures], gold: Iterable[tuple[str, str, str]],
                syn: Synonyms) -> list[str]:
    g: dict[tuple[str, str], str] = {}
    for s, o, lab in gold:
        g.setdefault((syn.group(s), syn.group(o)), lab)
    return [g.get((p.a, p.b), "none") for p in pairs]


def predict_article(art: Article, parser: Any, syn: Synonyms, model: PairModel,
                    lex: CueLexicon | None = None) -> list[tuple[str, str, str]]:
    lex = lex or CueLexicon.load()
    pairs = document_pairs(article_mentions(art, parser, syn), lex)
    return [(p.a, p.b, lab) for p, lab in zip(pairs, model.predict(pairs)) if lab != "none"]
