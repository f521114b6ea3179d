"""Events in Russian paragraphs: triggers of ``multivector/lang/ru/events.yaml`` on the natasha
parse (``text/parse_ru.py``), coded in CAMEO and PLOVER through the same ontology as English.

A trigger is a verb or noun lemma ("осудить", "визит") or a verb with its object ("ввести
санкции", "подписать соглашение"). Arguments come from the parse, in the spaCy labels the parser
maps to: the subject (``nsubj``), the object (``dobj``), the dative, the genitive modifier of a
noun trigger ("визит Путина") and prepositional objects ("против России", "с Астаной", "в
отношении X", "для Y"); coordinated subjects of a symmetric trigger (``symmetric: true``: meet,
negotiate, sign) with no other party are each other's targets; a noun trigger that is the object
of a light verb ("провести переговоры") takes the verb's subject as its source. Modality:
negation, future tense or "будет", должен (recommended), может (hypothetical), an intent verb
above the trigger ("пригрозил ввести санкции": the sanctions are hypothetical), якобы (claimed);
news attribution ("по данным X", inside a quote) keeps a factual clause asserted, as in English,
with the quote id and ``attributed_to``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..doc import ActorRef, Doc, Event
from ..lang import lexicon
from ..quotes.russian import parsed_paragraphs
from .ontology import ontology

SUBJ = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class Trigger:
    key: str
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    symmetric: bool = False  # meet, negotiate, sign: each participant is the other's partner


@dataclass(frozen=True)
class RuEventWords:
    single: dict[str, Trigger]
    pairs: dict[tuple[str, str], Trigger]  # (verb, object) -> trigger
    light: frozenset[str]
    modality: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def words() -> RuEventWords:
    lex = lexicon("ru")
    single: dict[str, Trigger] = {}
    pairs: dict[tuple[str, str], Trigger] = {}
    for key, spec in lex.table("ru_event_triggers").items():
        trig = Trigger(str(key), str(spec["cameo"]), tuple(spec.get("source") or ()),
                       tuple(spec.get("target") or ()), bool(spec.get("symmetric", False)))
        parts = str(key).split()
        if len(parts) == 2:
            pairs[(parts[0], parts[1])] = trig
            if parts[0] in ("военные", "военный"):  # adjective + noun: the noun is the trigger
                single.setdefault(parts[1], trig)
        else:
            single[str(key)] = trig
    mod = {k: frozenset(str(w) for w in v) for k, v in lex.table("ru_modality").items()}
    return RuEventWords(single, pairs, lex.words("ru_light_verbs"), mod)


def russian_events(doc: Doc) -> list[Event]:
    """Events of the Russian paragraphs of ``doc``."""
    out: list[Event] = []
    w = words()
    for p, parse in parsed_paragraphs(doc):
        if p.is_question:
            continue
        used: set[int] = set()
        for tok in parse:
            if tok.i in used:
                continue
            lemma = tok.lemma_
            trig = None
            noun = None
            if tok.pos_ == "VERB":
                for c in tok.children:
                    if c.dep_ == "dobj" and (lemma, c.lemma_) in w.pairs:
                        trig, noun = w.pairs[(lemma, c.lemma_)], c
                        break
                if trig is None and lemma in w.single:
                    trig = w.single[lemma]
            elif tok.pos_ == "NOUN" and lemma in w.single:
                if tok.dep_ == "dobj" and (tok.head.lemma_, lemma) in w.pairs:
                    continue  # coded on its verb
                trig = w.single[lemma]
            if trig is None:
                continue
            ev = _event(doc, p.start, tok, noun, trig)
            if ev is not None:
                out.append(ev)
                used.add(tok.i)
                if noun is not None:
                    used.add(noun.i)
    return out


def _participants(doc: Doc, base: int, toks: list[Any]) -> list[ActorRef]:
    refs: list[ActorRef] = []
    for t in toks:
        span = _np(t)
        a, b = base + span[0].idx, base + span[-1].idx + len(span[-1].text)
        inside = [m for m in doc.mentions if m.actor_id and a <= m.start and m.end <= b]
        # "Президент Казахстана Касым-Жомарт Токаев": the person, not the country of the title
        people = [m for m in inside if (m.actor_id or "").startswith("PER:")]
        chosen = (people or inside)[:1]  # the head's own phrase: its first actor
        for m in chosen:
            actor = doc.actors.get(m.actor_id or "")
            ref = ActorRef(id=m.actor_id, name=actor.name if actor else m.text,
                           country=actor.country if actor else None,
                           sector=actor.sector if actor else None,
                           type=actor.type if actor else None)
            if all(r.id != ref.id for r in refs):
                refs.append(ref)
    return refs


def _np(tok: Any) -> list[Any]:
    """The token and its nominal dependents (no clauses)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("amod", "flat", "appos", "nmod", "compound", "det", "nummod", "conj", "cc",
                      "punct") and c.dep_ != "punct":
            out.extend(_np(c) if c.dep_ in ("flat", "appos", "nmod", "conj") else [c])
    return sorted(out, key=lambda t: t.i)


def _conj(tok: Any) -> list[Any]:
    return [tok] + [c for c in tok.children if c.dep_ == "conj"]


def _slot(tok: Any, slot: str, host: Any) -> list[Any]:
    """Tokens filling ``slot`` of trigger ``tok`` (``host`` is the light verb, if any)."""
    if slot == "subj":
        for v in (host, tok):
            if v is None:
                continue
            s = next((c for c in v.children if c.dep_ in SUBJ), None)
            if s is None and v.dep_ in ("conj", "xcomp"):
                s = next((c for c in v.head.children if c.dep_ in SUBJ), None)
            if s is not None:
                return _conj(s)
        return []
    if slot == "obj":
        return [c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN")]
    if slot == "dative":
        holders = [tok] + ([host] if host is not None else [])
        return [c for h in holders for c in h.children if c.dep_ in ("dative", "obl", "nmod")
                and "Case=Dat" in str(c.morph)]
    if slot == "gen":
        return [c for c in tok.children if c.dep_ in ("nmod", "poss") and "Case=Gen" in str(c.morph)]
    words_ = slot.split()
    holders = [tok] + ([host] if host is not None else [])
    out = []
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == words_[0]:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if len(words_) == 2:  # "в отношении X": X hangs from "отношении"
                    objs = [x for g in objs if g.lemma_ == "отношение" for x in g.children
                            if x.dep_ in ("nmod", "pobj")]
                for g in objs:
                    out.extend(_conj(g))
    return out


def _modality(doc: Doc, base: int, tok: Any, host: Any) -> tuple[str, str | None]:
    w = words().modality
    quote = next((q for q in doc.quotes if q.start <= base + tok.idx < q.end), None)
    chain = [tok] + ([host] if host is not None else [])
    heads: list[Any] = []
    t = (host or tok)
    while t.head.i != t.i and len(heads) < 3 and t.dep_ in ("xcomp", "ccomp", "conj", "dobj"):
        t = t.head
        heads.append(t)
    kids = [c for x in chain + heads[:1] for c in x.children]
    if any(c.dep_ == "neg" or c.lemma_ in w["negation"] and c.dep_ in ("advmod", "neg") for c in kids):
        return "negated", None
    if any(c.lemma_ in w["hearsay"] for c in kids):
        # "якобы" on the trigger's own clause: alleged, as English "allegedly" (not one in a
        # relative clause: "пригрозил санкциями компаниям, которые якобы помогают ...")
        return "claimed", quote.id if quote else None
    if any(h.lemma_ in w["obligation"] for h in heads + kids):
        return "recommended", quote.id if quote else None
    if any(h.lemma_ in w["possibility"] for h in heads + kids):
        return "hypothetical", quote.id if quote else None
    if any(h.lemma_ in w["intent"] for h in heads):
        return "hypothetical", quote.id if quote else None
    verb = host or tok
    if "Tense=Fut" in str(verb.morph) or any(c.lemma_ in w["future_aux"] and c.dep_ == "aux"
                                                for c in verb.children):
        return "future", quote.id if quote else None
    # news attribution ("..., сообщает пресс-служба", "по данным X") keeps a factual clause
    # asserted, as the English coder does; who said it is the event's ``attributed_to``
    if quote is not None:
        return "asserted", quote.id
    return "asserted", None


def _attribution(quote: Any) -> dict | None:
    """``attributed_to`` of an event inside a quote: the quote and who said it."""
    if quote is None:
        return None
    sp = ActorRef.coerce(quote.speaker) if quote.speaker is not None else None
    return {"quote_id": quote.id, "source": sp.name if sp else None,
            "actor_id": sp.id if sp else None}


def _event(doc: Doc, base: int, tok: Any, noun: Any, trig: Trigger) -> Event | None:
    host = None
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in words().light:
        host = tok.head
    anchor = noun if noun is not None else tok
    src: list[ActorRef] = []
    for slot in trig.source:
        if slot == "subj" and tok.pos_ == "NOUN" and host is None and tok.dep_ not in SUBJ:
            continue  # a noun trigger's "subject" is its light verb's
        src = _participants(doc, base, _slot(tok, slot, host))
        if src:
            break
    tgt: list[ActorRef] = []
    for slot in trig.target:
        tgt = [t for t in _participants(doc, base, _slot(anchor if slot != "obj" else tok, slot, host))
               if all(t.id != s.id for s in src)]
        if tgt:
            break
    if not src:
        return None
    if not tgt:  # "пригрозил ввести санкции против X": the target of the act threatened
        for c in tok.children:
            if c.dep_ != "xcomp":
                continue
            for h in [c] + [o for o in c.children if o.dep_ == "dobj"]:
                for slot in ("против", "в отношении", "dative"):
                    tgt = [t for t in _participants(doc, base, _slot(h, slot, None))
                           if all(t.id != s.id for s in src)]
                    if tgt:
                        break
                if tgt:
                    break
    if not tgt and len(src) >= 2 and trig.symmetric:
        # "Казахстан и Узбекистан подписали соглашение": both sides are sources and targets,
        # as the English coder codes symmetric events (the dyads skip self-pairs)
        tgt = list(src)
    cc = ontology().cameo_code(trig.cameo)
    if cc is None:
        return None
    modality, quote_id = _modality(doc, base, tok, host)
    quote = next((q for q in doc.quotes if q.id == quote_id), None) if quote_id else None
    sent = doc.sentence_at(base + tok.idx)
    start = base + min(tok.idx, (host or tok).idx)
    end = base + max(tok.idx + len(tok.text), anchor.idx + len(anchor.text))
    eid = hashlib.sha1(f"{doc.id}:{start}:{cc.code}".encode()).hexdigest()[:16]
    trigger = doc.text[start:end] if host is None else f"{host.text} {tok.text}"
    return Event(id=eid, sentence=sent.idx if sent else 0, start=start, end=end, trigger=trigger,
                 plover=cc.plover or "", mode=cc.mode, contexts=list(cc.contexts),
                 cameo=cc.code, goldstein=cc.goldstein, quad_class=cc.quad_class,
                 source=src, target=tgt, modality=modality, quote_id=quote_id,
                 attributed_to=_attribution(quote),
                 confidence=0.8 if tgt else 0.7,
                 text=doc.text[sent.start:sent.end] if sent else None)
