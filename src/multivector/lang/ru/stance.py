"""Stances in Russian paragraphs: cue words of ``multivector/lang/ru/stance.yaml`` on the natasha
parse, with the same holders (speaker of the quote, else the author of an analysis), record
grouping and mixed views as the English stage (``stance/extract.py``).

Who a cue is about, from the parse: the subject of a role noun or quality adjective ("Китай —
важный партнер", "Россия остается партнером", "враждебный тон Москвы"); the agent of an action
("давление Москвы", "Вашингтон оказывает давление"); every party of a mutual cue
("сотрудничество с Астаной"); attitude verbs ("Москва осудила Брюссель") give a directed
record: the subject's view of the object. A negation ("не угроза") flips and halves a cue.
Text outside quotes in a report without an author has no holder and gives no record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ...doc import Doc, Paragraph
from ...stance.extract import Hit, _ref
from ...stance.holders import quote_at
from .. import lexicon
from .quotes import parsed_paragraphs

SUBJ = ("nsubj", "nsubjpass")
BYLINE = re.compile(r"^\s*(?:Автор|Текст)\s*:\s*([А-ЯЁA-Z][^,\n]{2,60})")


@lru_cache(maxsize=1)
def _lex() -> tuple[dict[str, float], dict[str, str], frozenset[str], dict[str, str], frozenset[str]]:
    from .pairs import CueLexicon

    cues = CueLexicon.load()
    lex = lexicon("ru")
    return (cues.weights, cues.kinds, cues.negators, lex.table("aspects"),
            lex.words("copulas"))


def _author(doc: Doc) -> dict | None:
    """"Автор: NAME, role" in the first paragraphs: the holder of the text outside quotes."""
    d = doc.document
    for p in doc.paragraphs[:5]:
        m = BYLINE.match(doc.text[p.start:p.end])
        if m:
            name = m.group(1).strip()
            if d.author is None:
                d.author = name
            if d.genre is None:
                d.genre = "analysis"
            ms = [x for x in doc.mentions if p.start <= x.start < p.end and x.actor_id]
            return {"id": ms[0].actor_id if ms else None, "name": name, "type": "person",
                    "role": "author"}
    if d.author and (d.genre or "") in ("opinion", "analysis", "commentary", "column"):
        return {"id": None, "name": d.author, "type": "person", "role": "author"}
    return None


def _actors(doc: Doc, base: int, tok: Any) -> list[dict]:
    """Actors named by ``tok``'s own noun phrase (and its coordinated phrases)."""
    out: list[dict] = []
    toks = [tok] + [c for c in tok.children if c.dep_ == "conj"]
    for t in toks:
        span = [t] + [c for c in t.children if c.dep_ in ("flat", "appos", "amod", "nmod")]
        a = base + min(x.idx for x in span)
        b = base + max(x.idx + len(x.text) for x in span)
        head_hit = [m for m in doc.mentions if m.actor_id and m.start <= base + t.idx < m.end]
        hits = head_hit or [m for m in doc.mentions if m.actor_id and a <= m.start and m.end <= b]
        if hits:
            ref = _ref(doc, hits[0].actor_id or "")
            if all(r.get("id") != ref.get("id") for r in out):
                out.append(ref)
    return out


def _own_subject(verb: Any) -> Any:
    """The subject of ``verb``, or of the verb it is coordinated with ("Китай вытесняет
    Россию ..., но остаётся партнёром": both verbs have Китай as subject)."""
    for _ in range(4):
        s = next((c for c in verb.children if c.dep_ in SUBJ), None)
        if s is not None or verb.dep_ != "conj" or verb.head.i == verb.i:
            return s
        verb = verb.head
    return None


def _subject(tok: Any) -> Any:
    s = next((c for c in tok.children if c.dep_ in SUBJ), None)
    if s is None and tok.dep_ in ("xcomp", "obl", "pobj", "dobj", "conj") and tok.head.i != tok.i:
        head = tok.head if tok.dep_ != "pobj" else tok.head.head
        if head.lemma_ in _lex()[4] or tok.dep_ == "conj":
            s = _own_subject(head)
    return s


def _targets(doc: Doc, base: int, tok: Any, kind: str) -> tuple[list[dict], list[dict]]:
    """(evaluated actors, directed objects) of cue token ``tok``."""
    if kind in ("role", "quality"):
        s = _subject(tok)
        if s is None and kind == "quality" and tok.dep_ == "amod":
            noun = tok.head  # "враждебный тон Москвы": the noun's genitive owner, else the noun
            owners = [c for c in noun.children if c.dep_ in ("nmod", "poss")]
            return (_actors(doc, base, owners[0]) if owners else _actors(doc, base, noun)), []
        return (_actors(doc, base, s) if s is not None else []), []
    if kind == "action":
        agent = _own_subject(tok) if tok.pos_ == "VERB" else \
            next((c for c in tok.children if c.dep_ in SUBJ), None)
        if agent is None and tok.pos_ == "NOUN":
            agent = next((c for c in tok.children if c.dep_ in ("nmod", "poss")
                          and "Case=Gen" in str(c.morph)), None)
            if agent is None and tok.dep_ == "dobj":
                agent = next((c for c in tok.head.children if c.dep_ in SUBJ), None)
        patients = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("на", "против")
                    for g in c.children if g.dep_ == "pobj"]
        patients += [c for c in tok.children if c.dep_ == "dobj"]
        return (_actors(doc, base, agent) if agent is not None else []), \
            [r for p in patients for r in _actors(doc, base, p)]
    if kind == "mutual":
        parties = [c for c in tok.children if c.dep_ in SUBJ + ("nmod", "poss")]
        parties += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("с", "со", "между")
                    for g in c.children if g.dep_ == "pobj"]
        if not parties and tok.dep_ == "dobj":
            parties = [c for c in tok.head.children if c.dep_ in SUBJ]
        return [r for p in parties for r in _actors(doc, base, p)], []
    # attitude: directed, subject -> object
    s = _own_subject(tok)
    if s is None and tok.pos_ == "NOUN" and tok.dep_ == "dobj":
        s = _own_subject(tok.head)  # "МИД выразил обеспокоенность ...": the one who expressed it
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    if tok.pos_ == "NOUN":  # "обеспокоенность влиянием Китая", "недовольство действиями США"
        objs += [c for c in tok.children if c.dep_ == "nmod" and "Case=Ins" in str(c.morph)]
    objs += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return (_actors(doc, base, s) if s is not None else []), \
        [r for o in objs for r in _actors(doc, base, o)]


def russian_hits(doc: Doc, paragraphs: Iterable[Paragraph] | None = None) -> list[Hit]:
    """Stance hits of the Russian paragraphs (``paragraphs``: those the language registry
    routes here, else every Russian one)."""
    weights, kinds, negators, aspects, _ = _lex()
    paras = list(parsed_paragraphs(doc, paragraphs))
    if not paras:
        return []
    author = _author(doc)
    hits: list[Hit] = []
    for p, parse in paras:
        if p.is_question:
            continue
        base = p.start
        for tok in parse:
            w = weights.get(tok.lemma_)
            if not w:
                continue
            kind = kinds[tok.lemma_]
            sent = doc.sentence_at(base + tok.idx)
            if sent is None:
                continue
            negated = any(c.dep_ == "neg" or c.lemma_ in negators for c in tok.children) or (
                tok.head.i != tok.i and any(c.dep_ == "neg" for c in tok.head.children)
                and kind in ("role", "quality"))
            weight = -w * 0.5 if negated else w
            if negated and w < 0 and kind in ("action", "attitude"):
                continue  # "не давит": no record
            evaluated, directed = _targets(doc, base, tok, kind)
            q = quote_at(doc, base + tok.idx, base + tok.idx + len(tok.text))
            holder = None
            if q is not None and q.speaker is not None:
                sp = q.speaker
                holder = {"id": sp.id, "name": sp.name, "type": "person"
                          if (sp.id or "").startswith("PER:") else None}
            elif q is None:
                holder = author
            aspect = next((aspects[t.lemma_] for t in tok.sent if t.lemma_ in aspects), None)
            ev = [{"start": base + tok.idx, "end": base + tok.idx + len(tok.text), "text": tok.text}]
            conf = 0.6 if negated else 0.8
            if holder is not None and kind != "attitude":
                # an attitude ("Анкара осуждает санкции") is the subject's view of the object:
                # it says nothing of the holder's view of the subject (as in English)
                for t in evaluated:
                    if t.get("id") and t.get("id") != holder.get("id"):
                        hits.append(Hit(holder, t, weight, aspect, ev, sent.idx,
                                        q.id if q else None, "lexicon", conf))
            if kind in ("attitude", "action") and evaluated and directed:
                for s in evaluated[:1]:
                    for t in directed:
                        if t.get("id") and t.get("id") != s.get("id") and not (
                                t.get("country") and t.get("country") == s.get("country")):
                            hits.append(Hit(s, t, weight, aspect, ev, sent.idx,
                                            q.id if q else None, "directed", conf - 0.1))
    return hits
