"""RuSentRel: reading the collection and scoring document-level attitudes with F1(P,N).

RuSentRel (Loukachevitch & Rusnachenko 2018) annotates analytical articles on international
politics with document-level attitudes between named entities: "subject, object, pos|neg".
A folder in its layout holds ``artN.txt`` (the text; lines end in CRLF and the ``.ann`` offsets
count both characters, so the text is read without newline translation), ``artN.ann`` (brat
entities ``T1<TAB>GEOPOLIT 101 108<TAB>Россией``), gold ``artN.opin.txt`` in the folder or in a
sibling ``etalon/`` folder, and ``synonyms.txt`` (one group of equivalent names per line) in the
folder or its parent.

Scoring follows the paper's evaluator (as in AREkit's two-class evaluation): per document,
precision and recall of the ``pos`` and of the ``neg`` attitudes, pairs compared through their
synonym groups (a class absent from both gold and prediction scores 1, a class present in the
gold but not predicted scores 0); these are averaged over documents, F1 is computed per class
from the averaged precision and recall, and ``f1`` = (F1(pos) + F1(neg)) / 2.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

LABELS = ("pos", "neg")
_ART = re.compile(r"^art(\d+)\.txt$")
# lines of the distributed texts begin with a "{Author, Unknown} " marker (annotated as PER):
# it is not part of the article
AUTHOR_MARK = re.compile(r"\{Author, Unknown\}\s?")


@dataclass
class Entity:
    id: str
    type: str  # GEOPOLIT, LOC, ORG, PER
    start: int
    end: int
    text: str


@dataclass
class Article:
    id: str  # "art12"
    text: str
    entities: list[Entity] = field(default_factory=list)
    gold: list[tuple[str, str, str]] = field(default_factory=list)  # (subject, object, label)


class Synonyms:
    """Name -> synonym group (``synonyms.txt``); unknown names are their own group."""

    def __init__(self, groups: Iterable[list[str]] = (), lemmatize: Callable[[str], str] | None = None):
        self.index: dict[str, int] = {}
        self.names: list[str] = []
        self.lemmatize = lemmatize
        self._cache: dict[str, str] = {}
        for names in groups:
            gid = len(self.names)
            self.names.append(names[0])
            for n in names:
                self.index.setdefault(_norm(n), gid)

    @classmethod
    def read(cls, path: Path, lemmatize: Callable[[str], str] | None = None) -> Synonyms:
        groups = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                names = [n.strip() for n in line.split(",") if n.strip()]
                if names:
                    groups.append(names)
        return cls(groups, lemmatize)

    def group(self, name: str) -> str:
        """A stable key for the group of ``name`` (its first listed name, or the name itself)."""
        hit = self._cache.get(name)
        if hit is None:
            hit = self._cache[name] = self._group(name)
        return hit

    def _group(self, name: str) -> str:
        keys = [_norm(name)]
        if self.lemmatize is not None:
            keys.append(_norm(self.lemmatize(name)))
        for k in keys:
            if k in self.index:
                return self.names[self.index[k]]
        return keys[-1]


def _norm(name: str) -> str:
    name = name.lower().replace("ё", "е")
    name = re.sub(r"[«»\"()]", " ", name)
    return " ".join(name.split())


# ---------------------------------------------------------------------------------- reading
def find_synonyms(folder: Path) -> Path | None:
    for cand in (folder / "synonyms.txt", folder.parent / "synonyms.txt"):
        if cand.exists():
            return cand
    return None


def read_opinions(path: Path) -> list[tuple[str, str, str]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = [p.strip() for p in line.split(",")]
            if len(parts) >= 3 and parts[2] in LABELS and parts[0] and parts[1]:
                out.append((parts[0], parts[1], parts[2]))
    return out


def read_ann(path: Path) -> list[Entity]:
    ents = []
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) < 3 or not parts[0].startswith("T"):
                continue
            kind = parts[1].split()
            if len(kind) != 3:
                continue
            ents.append(Entity(parts[0], kind[0], int(kind[1]), int(kind[2]), parts[2]))
    return ents


def read_collection(folder: str | Path) -> list[Article]:
    """Every ``artN.txt`` of ``folder`` with its entities and gold attitudes (when present)."""
    folder = Path(folder)
    arts = []
    for txt in sorted(folder.glob("art*.txt"), key=lambda p: _num(p.name)):
        m = _ART.match(txt.name)
        if not m:
            continue  # art1.opin.txt, art1.author.txt
        aid = f"art{m.group(1)}"
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        art = Article(aid, text)
        ann = folder / f"{aid}.ann"
        if ann.exists():
            art.entities = [e for e in read_ann(ann) if not _in_author_mark(text, e)]
        for gold in (folder / f"{aid}.opin.txt", folder.parent / "etalon" / f"{aid}.opin.txt",
                     folder / "etalon" / f"{aid}.opin.txt"):
            if gold.exists():
                art.gold = read_opinions(gold)
                break
        arts.append(art)
    return arts


def _num(name: str) -> int:
    m = re.match(r"art(\d+)", name)
    return int(m.group(1)) if m else 0


def _in_author_mark(text: str, e: Entity) -> bool:
    for m in AUTHOR_MARK.finditer(text, max(0, e.start - 20), e.end + 20):
        if m.start() <= e.start and e.end <= m.end():
            return True
    return False


# ---------------------------------------------------------------------------------- scoring
def _pairs(opinions: Iterable[tuple[str, str, str]], syn: Synonyms) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for s, o, label in opinions:
        a, b = syn.group(s), syn.group(o)
        if a != b:
            out.setdefault((a, b), label)
    return out


def score(gold: dict[str, list[tuple[str, str, str]]], pred: dict[str, list[tuple[str, str, str]]],
          syn: Synonyms) -> dict:
    """F1(P,N) over documents (see the module docstring); also per-class figures."""
    sums = {f"{lab}_{m}": 0.0 for lab in LABELS for m in ("precision", "recall")}
    n = 0
    for doc_id, g_ops in gold.items():
        g = _pairs(g_ops, syn)
        p = _pairs(pred.get(doc_id, []), syn)
        n += 1
        for lab in LABELS:
            g_lab = {k for k, v in g.items() if v == lab}
            p_lab = {k for k, v in p.items() if v == lab}
            hit = len(g_lab & p_lab)
            if p_lab:
                prec = hit / len(p_lab)
            else:
                prec = 0.0 if g_lab else 1.0
            rec = hit / len(g_lab) if g_lab else 1.0
            sums[f"{lab}_precision"] += prec
            sums[f"{lab}_recall"] += rec
    out: dict = {"documents": n}
    if not n:
        return {**out, "f1": 0.0, "precision": 0.0, "recall": 0.0}
    f1s = []
    for lab in LABELS:
        prec = sums[f"{lab}_precision"] / n
        rec = sums[f"{lab}_recall"] / n
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4)}
        f1s.append(f1)
    out["f1"] = round(sum(f1s) / 2, 4)
    out["precision"] = round((out["pos"]["precision"] + out["neg"]["precision"]) / 2, 4)
    out["recall"] = round((out["pos"]["recall"] + out["neg"]["recall"]) / 2, 4)
    out["gold_attitudes"] = sum(len(v) for v in gold.values())
    out["predicted_attitudes"] = sum(len(pred.get(k, [])) for k in gold)
    return out
