"""Events in Russian paragraphs: triggers of ``multivector/lang/ru/events.yaml`` on the natasha
parse (``lang/ru/parse.py``), coded in CAMEO and PLOVER through the same ontology as English.

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

Measured on our blind RuSentRel gold (``eval events --ru-gold``), which added: a noun trigger
capitalised at a sentence start (natasha tags it PROPN); adjective + noun triggers ("военное
вмешательство") and adjective agents ("российских авиаударов", slot ``amod``); passive agents
("санкции были введены Евросоюзом", "санкций, введенных Москвой": the instrumental ``agent``
of a passive light verb or participle is the source); light nouns ("введения РФ санкций
против Турции": the trigger hangs from "введение", whose other genitive or instrumental is the
source); "подвергнуть X критике" (the light verb's object is the target, slot ``host_obj``);
"со стороны X" as a source slot, never a "с" partner; a symmetric trigger with a partner
("встретился с X") lists both sides as sources and targets, as the gold codes meetings in both
directions; a reaction to an act named by a demonstrative ("осудила это решение") is aimed at
the agent of the last event before it, as the English coder aims reactions at the act's agent;
a noun trigger with no target is a mention of an act, not an event (``bare: true`` keeps one).

Typed by what is said (docs/events.md, 2026-12-03 evening): an act governed by an intent or
threat word is coded as the intention (03x) or threat (13x), once ("пригрозил ввести санкции"
-> 1312); a future act in its own subject's statement is an intention; appeals (02x) make their
object the doer of the act asked for; group nouns ("российские власти", "боевики") are generic
agents with the country of their phrase and a sector; a region is written with its CAMEO code
("Запад" -> WST); a symmetric noun takes the parties named together ("между X и Y"). Events
carry ``complete`` and ``typed_by`` as the English coder's do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...actors.api import load_kb
from ...doc import ActorRef, Doc, Event, Paragraph
from ...events.attribution import attributed_to
from ...events.ontology import ontology
from .. import lexicon
from .quotes import parsed_paragraphs

SUBJ = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class Trigger:
    key: str
    cameo: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    symmetric: bool = False  # meet, negotiate, sign: each participant is the other's partner
    bare: bool = False  # a noun trigger coded without a target


@dataclass(frozen=True)
class RuEventWords:
    single: dict[str, Trigger]
    pairs: dict[tuple[str, str], Trigger]  # (verb, object) -> trigger
    light: frozenset[str]
    modality: dict[str, frozenset[str]]
    light_nouns: frozenset[str] = frozenset()
    exposure: frozenset[str] = frozenset()  # "подвергнуть X критике": X is the target
    demonstratives: frozenset[str] = frozenset()
    cause: frozenset[str] = frozenset()  # "вызвать осуждение": the subject's doer is the target
    statement_kinds: frozenset[str] = frozenset()  # quote kinds coded as statements
    opinion_cues: frozenset[str] = frozenset()  # "по мнению X": an opinion, no statement
    group_nouns: dict[str, str] = field(default_factory=dict)  # "власти" -> GOV, "боевики" -> REB
    # "пригрозил ввести санкции", "пообещал помочь": the governed act is coded as the intention
    intent_heads: frozenset[str] = frozenset()
    attempt_heads: frozenset[str] = frozenset()  # "пытаются перезагрузить": cooperation only
    speech_heads: frozenset[str] = frozenset()  # "заявил, что будет поставлять": a future act
    intent_codes: dict[str, str] = field(default_factory=dict)  # CAMEO root -> 03x
    threat_codes: dict[str, str] = field(default_factory=dict)  # CAMEO root -> 13x
    # "заявил о намерении", "выступает за улучшение": the verb's subject is the noun's source
    content_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    object_control: frozenset[str] = frozenset()  # "призвал X сделать": X does it
    anaphoric_pronouns: frozenset[str] = frozenset()  # "Тот сам наносил удары": the last actor
    anaphoric_nouns: frozenset[str] = frozenset()  # "со страной": the last state named
    # "её поддержка": possessive -> (number, gender) of whom it stands for
    possessives: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    state_pairs: frozenset[tuple[str, str]] = frozenset()  # "поддерживать отношения": no act


@lru_cache(maxsize=1)
def words() -> RuEventWords:
    lex = lexicon("ru")
    single: dict[str, Trigger] = {}
    pairs: dict[tuple[str, str], Trigger] = {}
    for key, spec in lex.table("ru_event_triggers").items():
        trig = Trigger(str(key), str(spec["cameo"]), tuple(spec.get("source") or ()),
                       tuple(spec.get("target") or ()), bool(spec.get("symmetric", False)),
                       bool(spec.get("bare", False)))
        parts = str(key).split()
        if len(parts) == 2:  # verb + object, or adjective + noun ("военный вмешательство")
            pairs[(parts[0], parts[1])] = trig
        else:
            single[str(key)] = trig
    mod = {k: frozenset(str(w) for w in v) for k, v in lex.table("ru_modality").items()}
    groups = {str(w).lower(): str(sector) for sector, ws in lex.table("ru_group_nouns").items()
              for w in ws}
    return RuEventWords(single, pairs, lex.words("ru_light_verbs"), mod,
                        lex.words("ru_light_nouns"), lex.words("ru_exposure_verbs"),
                        lex.words("ru_demonstratives"), lex.words("ru_cause_verbs"),
                        lex.words("ru_statement_quote_kinds"), lex.words("ru_opinion_cues"),
                        groups, lex.words("ru_intent_heads"), lex.words("ru_attempt_heads"),
                        lex.words("ru_speech_heads"),
                        {str(k): str(v) for k, v in lex.table("ru_intent_codes").items()},
                        {str(k): str(v) for k, v in lex.table("ru_threat_codes").items()},
                        {str(k): frozenset(str(x) for x in v)
                         for k, v in lex.table("ru_content_verbs").items()},
                        lex.words("ru_object_control"), lex.words("ru_anaphoric_pronouns"),
                        lex.words("ru_anaphoric_nouns"),
                        {str(k): (str(v[0]), str(v[1]) if v[1] else None)
                         for k, v in lex.table("ru_possessives").items()},
                        frozenset((a, b) for a, _, b in (str(x).partition(" ")
                                                         for x in lex.ordered("ru_state_pairs"))))


NOMINAL = ("NOUN", "PROPN")  # natasha tags a capitalised noun at a sentence start PROPN


def russian_events(doc: Doc, paragraphs: Iterable[Paragraph] | None = None) -> list[Event]:
    """Events of the Russian paragraphs of ``doc``, then the statements of their quotes
    (``paragraphs``: those the language registry routes here, else every Russian one)."""
    out: list[Event] = []
    w = words()
    spans: list[tuple[int, int]] = []
    for p, parse in parsed_paragraphs(doc, paragraphs):
        spans.append((p.start, p.start + len(parse.text)))
        if p.is_question:
            continue
        used: set[int] = set()
        found = [(tok, *hit) for tok in parse if (hit := _trigger(tok, w)) is not None]
        acts = {t.i for t, _, _ in found}
        for tok, trig, noun in found:
            if tok.i in used:
                continue
            if tok.lemma_ in w.intent_heads and any(
                    c.i in acts for c in tok.children if c.dep_ in ("xcomp", "ccomp", "nmod")
                    and c.pos_ == "VERB"):
                continue  # "пригрозил ввести санкции": the act threatened carries the threat
            ev = _event(doc, p.start, tok, noun, trig, out)
            if ev is not None:
                out.append(ev)
                used.add(tok.i)
                if noun is not None:
                    used.add(noun.i)
    return out + _statements(doc, spans, out)


def _trigger(tok: Any, w: RuEventWords) -> tuple[Trigger, Any] | None:
    """The trigger ``tok`` is (and the object noun of a verb + object trigger), if any."""
    lemma = tok.lemma_
    if tok.pos_ == "VERB":
        for c in tok.children:
            if c.dep_ == "dobj" and (lemma, c.lemma_) in w.pairs:
                return w.pairs[(lemma, c.lemma_)], c
            if c.dep_ == "dobj" and (lemma, c.lemma_) in w.state_pairs:
                return None  # "поддерживать отношения": a state kept, not an act
        return (w.single[lemma], None) if lemma in w.single else None
    if tok.pos_ in NOMINAL:
        if tok.dep_ == "dobj" and (tok.head.lemma_, lemma) in w.pairs:
            return None  # coded on its verb
        trig = next((w.pairs[(c.lemma_, lemma)] for c in tok.children
                     if c.dep_ == "amod" and (c.lemma_, lemma) in w.pairs), None)
        if trig is None and lemma in w.single and not (tok.pos_ == "PROPN" and tok.ent_type_):
            trig = w.single[lemma]
        return (trig, None) if trig is not None else None
    return None


def _statements(doc: Doc, spans: list[tuple[int, int]], coded: list[Event]) -> list[Event]:
    """"Обама сказал, что Путину ...": a quote of a Russian paragraph whose speaker is a
    resolved actor with a country (not a medium relaying it) and whose content names an actor
    of another country is a statement (CAMEO 010) from the speaker to the first such actor, as
    the English statements producer codes "X said ... Y" (``events/statements.py``); content
    that is itself a coded event ("журнал сообщает, что Россия отвела войска") is coded
    instead, and a domestic content (the speaker's own country) is no statement to anyone."""
    out: list[Event] = []
    cc = ontology().cameo_code("010")
    if cc is None:
        return out
    kinds, skip = words().statement_kinds, words().opinion_cues
    for q in doc.quotes:
        if q.kind not in kinds or q.speaker is None or not q.cue or q.cue.lower() in skip:
            continue
        if not any(a <= q.start < b for a, b in spans):
            continue
        sp = ActorRef.coerce(q.speaker)
        actor = doc.actors.get(sp.id or "") if sp is not None else None
        if actor is None or not actor.country or actor.type == "media" or actor.sector == "JRN":
            continue
        if any(q.start <= e.start < q.end for e in coded):
            continue
        # "заявляет, что «...», это говорит о том, что ...": after a closing quote mark that
        # opens nowhere in the content the writer speaks again, not the speaker
        content = doc.text[q.start:q.end]
        close = content.find("»")
        end = q.start + close if close >= 0 and "«" not in content[:close] else q.end
        tgt = None
        for m in sorted(doc.mentions, key=lambda m: m.start):
            if not (q.start <= m.start and m.end <= end) or not m.actor_id:
                continue
            other = doc.actors.get(m.actor_id)
            if other is None or other.id == actor.id or not other.country \
                    or other.country == actor.country:
                continue
            tgt = other
            break
        if tgt is None:
            continue
        # the cue word next to the quote carries the event
        lo, hi = max(0, q.start - 200), min(len(doc.text), q.end + 200)
        at = doc.text.find(q.cue, lo, hi)
        start, end = (at, at + len(q.cue)) if at >= 0 else (q.start, q.end)
        sent = doc.sentence_at(start)
        src = ActorRef(id=actor.id, name=actor.name, country=actor.country, sector=actor.sector,
                       type=actor.type)
        dst = ActorRef(id=tgt.id, name=tgt.name, country=tgt.country, sector=tgt.sector,
                       type=tgt.type)
        eid = hashlib.sha1(f"{doc.id}:{start}:{cc.code}:{q.id}".encode()).hexdigest()[:16]
        out.append(Event(id=eid, sentence=sent.idx if sent else 0, start=start, end=end,
                         trigger=q.cue, plover=cc.plover or "", mode=cc.mode,
                         contexts=list(cc.contexts), cameo=cc.code, goldstein=cc.goldstein,
                         quad_class=cc.quad_class, source=[src], target=[dst],
                         modality="asserted", quote_id=q.id, attributed_to=attributed_to(q),
                         confidence=0.6, typed_by=["statements"], complete=True,
                         text=doc.text[sent.start:sent.end] if sent else None))
    return out


def _participants(doc: Doc, base: int, toks: list[Any],
                  avoid: frozenset[str] = frozenset()) -> list[ActorRef]:
    """The actors ``toks`` name (``avoid``: ids an anaphoric word cannot stand for, the
    event's other side: "Германия установила со страной связи" is not Germany with itself)."""
    refs: list[ActorRef] = []
    for t in toks:
        if t.lemma_ == "который":  # "группировка, с которой Израиль воевал": the antecedent
            v = t.head
            while v.dep_ not in ("relcl", "acl") and v.head.i != v.i:
                v = v.head
            if v.dep_ in ("relcl", "acl"):
                t = v.head
            else:  # the parser lost the clause's attachment: the noun it agrees with
                ant = _antecedent(t)
                if ant is None:
                    continue
                t = ant
        span = _np(t)
        a, b = base + span[0].idx, base + span[-1].idx + len(span[-1].text)
        inside = [m for m in doc.mentions if m.actor_id and a <= m.start and m.end <= b]
        if not inside:
            ant = _anaphor(doc, base, t, avoid)
            if ant is not None:
                ref = _ref(doc, ant.actor_id or "", ant.text)
                if all(r.id != ref.id for r in refs):
                    refs.append(ref)
                continue
        # "Президент Казахстана Касым-Жомарт Токаев": the person, not the country of the title
        people = [m for m in inside if (m.actor_id or "").startswith("PER:")]
        chosen = (people or inside)[:1]  # the head's own phrase: its first actor
        if chosen and not people:
            # "встреча Россия-НАТО", "оси Иран-Сирия": a one-token pair names both
            host = next((x for x in span if x.idx <= chosen[0].start - base
                         < x.idx + len(x.text)), None)
            if host is not None:
                ta, tb = base + host.idx, base + host.idx + len(host.text)
                own = [m for m in inside if ta <= m.start and m.end <= tb]
                if len(own) > 1:
                    chosen = own
        group = _group(doc, base, t, span, inside)
        for ref in [group] if group is not None else [_ref(doc, m.actor_id or "", m.text) for m in chosen]:
            if all(r.id != ref.id or r.id is None and (r.country, r.sector) != (ref.country, ref.sector)
                   for r in refs):
                refs.append(ref)
    return refs


def _token_at(doc: Doc, offset: int) -> Any:
    """The parse token at a document offset (any Russian paragraph's parse), or None."""
    p = doc.paragraph_at(offset)
    parse = doc.user_data.get("parses", {}).get(p.idx) if p is not None else None
    if p is None or parse is None:
        return None
    return next((x for x in parse if x.idx <= offset - p.start < x.idx + len(x.text)), None)


def _anaphor(doc: Doc, base: int, t: Any, avoid: frozenset[str] = frozenset()) -> Any:
    """The mention an anaphoric word stands for: a personal or demonstrative pronoun ("Тот сам
    наносил удары", "она заявила") -> the last actor named before it in its sentence or the one
    before that agrees with it in number (and gender in the singular); a bare singular
    "страна" / "государство" (no name in its phrase: "со страной") -> the last state named
    there. None when nothing fits: an unresolved pronoun is no actor."""
    w = words()
    number, gender = _feature(t, "Number"), _feature(t, "Gender")
    if t.lemma_ in w.possessives and t.pos_ in ("PRON", "DET"):
        state_only = False
        number, gender = w.possessives[t.lemma_]  # the possessor's, not its noun's
    elif t.lemma_ in w.anaphoric_pronouns and t.pos_ in ("PRON", "DET") \
            and t.dep_ not in ("det", "amod"):
        state_only = False
    elif t.lemma_ in w.anaphoric_nouns and t.pos_ == "NOUN" \
            and _feature(t, "Number") == "Sing" \
            and not any(c.dep_ in ("nmod", "appos", "flat") for c in t.children):
        state_only = True
    else:
        return None
    at = base + t.idx
    sent = doc.sentence_at(at)
    if sent is None:
        return None
    lo = doc.sentences[sent.idx - 1].start if 0 < sent.idx <= len(doc.sentences) else sent.start
    for m in sorted(doc.mentions, key=lambda m: m.start, reverse=True):
        if m.start >= at or m.start < lo or not m.actor_id or m.actor_id in avoid:
            continue
        actor = doc.actors.get(m.actor_id)
        if actor is None:
            continue
        if state_only:
            if actor.type == "state":
                return m
            continue
        head = _token_at(doc, m.start)
        if head is None or head.pos_ not in NOMINAL or number is None \
                or _feature(head, "Number") not in (number, None):
            continue  # "американские" is no referent: the noun it modifies is
        if number == "Sing" and gender is not None \
                and _feature(head, "Gender") not in (gender, None):
            continue
        return m
    return None


def _feature(tok: Any, name: str) -> str | None:
    vals = tok.morph.get(name)
    return vals[0] if vals else None


def _antecedent(rel: Any) -> Any:
    """The nearest noun before the relative pronoun ``rel`` that agrees with it in number (and
    gender in the singular), as "который" agrees with what it stands for ("группировкой
    «Хезболла», с которой Тель-Авив воевал")."""
    number, gender = _feature(rel, "Number"), _feature(rel, "Gender")
    if number is None:
        return None
    start = min(rel.i, rel.head.i) if rel.dep_ == "pobj" else rel.i
    for k in range(start - 1, rel.sent.start - 1, -1):
        x = rel.doc[k]
        if x.pos_ in NOMINAL and _feature(x, "Number") == number and (
                number == "Plur" or _feature(x, "Gender") == gender):
            return x
    return None


def _ref(doc: Doc, actor_id: str, text: str) -> ActorRef:
    """The reference to a resolved actor; a region takes its CAMEO region code as its country
    ("Запад" -> WST), as CAMEO writes a region in the country slot of an actor code."""
    actor = doc.actors.get(actor_id)
    if actor is None:
        return ActorRef(id=actor_id, name=text)
    country = actor.country
    if country is None and actor.type == "region" and actor.cameo:
        country = actor.cameo
    return ActorRef(id=actor_id, name=actor.name, country=country, sector=actor.sector,
                    type=actor.type)


def _group(doc: Doc, base: int, t: Any, span: list[Any], inside: list[Any]) -> ActorRef | None:
    """A generic agent named by its group noun (``ru_group_nouns``): "российские власти",
    "армия Сирии" -> the state named inside the phrase + the noun's sector (RUS GOV, SYR MIL),
    "боевики" -> the sector alone, as the English coder codes "Russian troops" and "militants".
    None when the head word is itself a resolved name ("Кремль"), or the phrase names a person
    or an organisation ("боевики ИГИЛ": the organisation is the actor)."""
    groups = words().group_nouns
    if t.lemma_.lower() not in groups:
        # "позиции сирийской армии": the group a head that names none belongs to
        g = next((c for c in t.children if c.dep_ == "nmod" and c.pos_ in NOMINAL
                  and c.lemma_.lower() in groups), None)
        if g is None or any(m.start < base + t.idx + len(t.text) and base + t.idx < m.end
                            for m in inside):
            return None
        t, span = g, _np(g)
        a, b = base + span[0].idx, base + span[-1].idx + len(span[-1].text)
        inside = [m for m in inside if a <= m.start and m.end <= b]
    sector = groups[t.lemma_.lower()]
    a, b = base + t.idx, base + t.idx + len(t.text)
    own = [m for m in inside if m.start < b and a < m.end]
    # a resolved name ("Кремль") is its own actor; a capitalised group noun at a sentence start
    # that a title shares ("Власти Сирии ...", the magazine "Власть") is the group
    if own and not (t.is_sent_start and all(m.start == a and m.end == b for m in own)):
        return None
    inside = [m for m in inside if m not in own]
    states = []
    for m in inside:
        actor = doc.actors.get(m.actor_id or "")
        if actor is None or actor.type != "state" or not actor.country:
            return None
        states.append(actor.country)
    country = states[0] if states else None
    name = " ".join(x.text for x in span if x.pos_ not in ("DET", "NUM", "PUNCT"))
    kb_id = f"{country}{sector}" if country and load_kb().get(f"{country}{sector}") else None
    return ActorRef(id=kb_id, name=name or t.text, country=country, sector=sector)


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


def _passive(v: Any) -> bool:
    return "Voice=Pass" in str(v.morph)


def _agents(v: Any, skip: Any = None) -> list[Any]:
    """The doer named inside a passive verb's or a light noun's own phrase: the instrumental
    ``agent`` ("введены Евросоюзом"), or a light noun's genitive, instrumental or adjective
    ("введения РФ / Россией санкций", "российского введения") other than ``skip``."""
    out = [c for c in v.children if c.dep_ == "agent"
           or c.dep_ in ("obl", "nmod") and "Case=Ins" in str(c.morph) and c.pos_ in NOMINAL]
    if v.pos_ in NOMINAL:
        out += [c for c in v.children if c is not skip and (
            c.dep_ in ("nmod", "poss") and "Case=Gen" in str(c.morph) and c.pos_ in NOMINAL
            or c.dep_ == "amod")]
    return out


def _side(prep: Any) -> bool:
    """"со стороны X": X is the doer, not a partner "с X"."""
    return any(c.lemma_ == "сторона" for c in prep.children if c.dep_ in ("fixed", "pobj", "nmod"))


def _slot(tok: Any, slot: str, host: Any) -> list[Any]:
    """Tokens filling ``slot`` of trigger ``tok`` (``host`` is the light verb, if any)."""
    if slot == "subj":
        for v in (host, tok):
            if v is None:
                continue
            if _passive(v) or v.pos_ in NOMINAL and v is host:
                ag = _agents(v, skip=tok)
                if ag:
                    return [x for a in ag for x in _conj(a)]
                if v.pos_ in NOMINAL:
                    continue
            s = next((c for c in v.children if c.dep_ in SUBJ and not (
                _passive(v) and c.dep_ == "nsubjpass")), None)
            if s is None and v.dep_ == "xcomp" and v.head.lemma_ in words().object_control:
                # "призвал Россию прекратить удары": the one appealed to is the doer
                s = next((c for c in v.head.children if c.dep_ == "dobj"), None)
            if s is None and (v.dep_ in ("conj", "xcomp") or v.dep_ == "advcl"
                              and "VerbForm=Conv" in str(v.morph)
                              or v.dep_ == "ccomp" and v.head.lemma_ in words().speech_heads):
                # a coordinated verb, an infinitive or a gerund ("..., подвергая Россию
                # критике") shares its head's subject; so does a subjectless clause of a
                # statement ("Москва заявляет, что будет поставлять": the speaker's own act)
                s = next((c for c in v.head.children if c.dep_ in SUBJ), None)
            if s is None and v.dep_ == "nmod" and v.pos_ == "VERB" and v.head.pos_ in NOMINAL:
                # "заявил о намерении ввести санкции": the noun's speaker does the act
                nh = _host(v.head)
                if nh is not None and nh.pos_ == "VERB":
                    s = next((c for c in nh.children if c.dep_ in SUBJ), None)
            if s is not None:
                return _conj(s)
        return []
    if slot == "cause":  # "действия X вызвали осуждение": the reaction is aimed at X
        h = tok.head
        if tok.dep_ == "dobj" and h.lemma_ in words().cause:
            return [c for c in h.children if c.dep_ == "nsubj"]
        return []
    if slot == "agent":
        return [x for a in _agents(tok) for x in _conj(a)]
    if slot == "xobj":  # "отказалась выполнять требования ЕС": the object of the act refused
        return [o for c in tok.children if c.dep_ == "xcomp"
                for o in c.children if o.dep_ == "dobj" and o.pos_ in NOMINAL]
    if slot == "amod":
        return [c for c in tok.children if c.dep_ == "amod"]
    if slot == "host_obj":
        return [c for c in host.children if c.dep_ == "dobj" and c.pos_ in NOMINAL] if host is not None else []
    if slot == "obj":
        if _passive(tok):  # "бомбардировщик, сбитый турецкими ВВС": the undergoer
            return [c for c in tok.children if c.dep_ == "nsubjpass" and c.pos_ in NOMINAL] + (
                [tok.head] if tok.dep_ in ("acl", "amod") and tok.head.pos_ in NOMINAL else [])
        return [c for c in tok.children if c.dep_ == "dobj" and c.pos_ in NOMINAL]
    if slot == "dative":
        holders = [tok] + ([host] if host is not None else [])
        return [c for h in holders for c in h.children if c.dep_ in ("dative", "obl", "nmod")
                and "Case=Dat" in str(c.morph)]
    if slot == "gen":
        return [c for c in tok.children if c.dep_ in ("nmod", "poss") and "Case=Gen" in str(c.morph)
                and c.lemma_ not in words().possessives]
    if slot == "poss":  # "её поддержка", "их визит": whom the possessive stands for
        return [c for c in tok.children if c.dep_ in ("det", "nmod", "poss")
                and c.lemma_ in words().possessives and c.pos_ in ("PRON", "DET")]
    words_ = slot.split()
    holders = [tok] + ([host] if host is not None else [])
    # a passive verb's agent phrase carries its preposition too ("введены Евросоюзом против
    # России": natasha hangs "против" from the agent)
    holders += [a for h in list(holders) if _passive(h) for a in _agents(h)]
    if tok.pos_ in NOMINAL:  # "улучшение отношений с Россией": the partner of its genitive
        holders += [c for c in tok.children if c.dep_ == "nmod" and c.pos_ == "NOUN"
                    and "Case=Gen" in str(c.morph)]
    out: list[Any] = []
    for h in holders:
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ not in (words_[0], words_[0] + "о"):
                continue
            side = _side(c)
            if len(words_) == 2 and words_[1] == "стороны":
                if side:
                    out.extend(x for g in c.children if g.dep_ == "pobj" and g.lemma_ != "сторона"
                               for x in _conj(g))
                continue
            if side:
                continue
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if len(words_) == 2:  # "в отношении X", "в адрес X": X hangs from the noun
                objs = [x for g in objs if words_[1] in (g.lower_, g.lemma_) for x in g.children
                        if x.dep_ in ("nmod", "pobj")]
            for g in objs:
                out.extend(_conj(g))
    return out


def _intended(tok: Any, host: Any, code: str, quad: int | None) -> tuple[Any, Any] | None:
    """(the intention's CAMEO code, the governing word) for an act stated as an intention: the
    complement of an intent or threat verb ("пригрозил ввести санкции" -> 1312 threaten with
    sanctions, "пообещал помочь" -> 033), of an attempt at cooperation ("пытаются
    перезагрузить отношения" -> 030), or a future act its subject announces ("заявляет, что
    будет поставлять" -> 031), as CAMEO codes a declared intention (03x) or threat (13x), not
    the act. None otherwise."""
    w = words()
    t = host or tok
    if host is not None and host.pos_ == "VERB" and tok.dep_ == "pobj":
        t = tok.head  # "выступает за улучшение отношений": the content verb governs the act
    elif t.dep_ not in ("xcomp", "ccomp", "nmod") or t.pos_ != "VERB" or t.head.i == t.i:
        return None
    gov = t.head
    lemma = gov.lemma_
    if t.dep_ == "ccomp":
        future = "Tense=Fut" in str(t.morph) or any(
            c.lemma_ in w.modality["future_aux"] and c.dep_ == "aux" for c in t.children)
        if lemma not in w.speech_heads or not future:
            return None
    elif lemma not in w.intent_heads and not (lemma in w.attempt_heads and quad in (1, 2)):
        return None
    root = code[:2]
    new = w.intent_codes.get(root) if quad in (1, 2) else w.threat_codes.get(root)
    cc = ontology().cameo_code(new) if new else None
    return (cc, gov) if cc is not None else None


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


def _host(tok: Any) -> Any:
    """The light word a noun trigger hangs from: a light verb whose object (or passive subject)
    it is ("провести переговоры", "санкции были введены"), a passive participle of a light verb
    modifying it ("санкций, введенных Москвой"), a light noun it is the genitive of ("введения
    санкций"), or an exposure verb it completes ("подвергла Россию критике")."""
    w = words()
    if tok.pos_ not in NOMINAL:
        return None
    head = tok.head
    if tok.dep_ == "conj" and head.pos_ in NOMINAL:  # "проявляли восприимчивость и готовность"
        tok, head = head, head.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_ in w.light:
        return head
    if head.lemma_ in w.exposure and tok.dep_ in ("obl", "nmod", "dative", "iobj", "dobj"):
        return head
    if tok.dep_ == "nmod" and head.pos_ in NOMINAL and head.lemma_ in w.light_nouns:
        return head
    for c in tok.children:
        if c.dep_ in ("acl", "amod") and c.lemma_ in w.light and "VerbForm=Part" in str(c.morph):
            return c
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in w.content_verbs.get(
            head.head.lemma_, ()):
        return head.head  # "заявил о намерении", "выступает за улучшение отношений"
    return None


def _next_pp(tok: Any, slots: tuple[str, ...]) -> list[Any]:
    """The objects of a target preposition right after a noun trigger's phrase that the parser
    hung elsewhere ("вмешательством России в Сирии", "в Сирии" under the verb): Russian puts a
    noun's own prepositional phrase right after it."""
    span = _np(tok)
    nxt = span[-1].i + 1
    if nxt >= len(tok.doc):
        return []
    p = tok.doc[nxt]
    if p.dep_ != "prep" or p.head.i == tok.i or not any(
            len(w) == 1 and p.lower_ in (w[0], w[0] + "о") for w in (x.split() for x in slots)):
        return []
    return [x for g in p.children if g.dep_ == "pobj" and g.pos_ in NOMINAL for x in _conj(g)]


def _parties(doc: Doc, base: int, tok: Any) -> list[ActorRef]:
    """The parties a symmetric noun trigger names together: the objects of "между X и Y", or a
    nominative name of the pair ("встреча Россия — НАТО")."""
    out: list[ActorRef] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "между":
            toks = [x for g in c.children if g.dep_ == "pobj" for x in _conj(g)]
        elif c.dep_ in ("nmod", "appos") and c.pos_ in NOMINAL and "Case=Nom" in str(c.morph):
            toks = [c] + [x for x in c.children if x.dep_ in ("nmod", "conj", "appos")
                          and x.pos_ in NOMINAL]
        else:
            continue
        for ref in _participants(doc, base, toks):
            if all(r.id != ref.id for r in out):
                out.append(ref)
    return out


def _prior_agent(prior: list[Event], src: list[ActorRef]) -> list[ActorRef]:
    """The source of the last event before this one, done by someone else: what "это решение"
    refers back to."""
    for e in reversed(prior):
        if e.source and not any(a.id == s.id for a in e.source for s in src):
            return list(e.source)
    return []


def _event(doc: Doc, base: int, tok: Any, noun: Any, trig: Trigger,
           prior: list[Event] | None = None) -> Event | None:
    w = words()
    host = _host(tok)
    anchor = noun if noun is not None else tok
    src: list[ActorRef] = []
    for slot in trig.source:
        if slot == "subj" and tok.pos_ in NOMINAL and host is None and tok.dep_ not in SUBJ:
            continue  # a noun trigger's "subject" is its light verb's
        toks = _slot(tok, slot, host)
        if not toks and slot == "gen" and tok.pos_ in NOMINAL:
            toks = _slot(tok, "poss", host)  # "его визит": the possessor is the genitive's
        src = _participants(doc, base, toks)
        if src:
            break
    tgt: list[ActorRef] = []
    slots = trig.target + (("host_obj",) if host is not None and host.lemma_ in w.exposure else ())
    for slot in slots:
        # a verb + object trigger's partner may hang from either ("заключила с Ираном договор")
        holder = host if noun is None else tok
        avoid = frozenset(s.id for s in src if s.id)
        tgt = [t for t in _participants(doc, base, _slot(anchor if slot != "obj" else tok, slot,
                                                          holder), avoid)
               if all(t.id != s.id for s in src)]
        if tgt:
            break
    if not tgt and anchor.pos_ in NOMINAL:
        tgt = [t for t in _participants(doc, base, _next_pp(anchor, slots))
               if all(t.id != s.id for s in src)]
    if not src and trig.symmetric:
        # "переговоры между Россией и Турцией", "встреча Россия — НАТО": the parties named
        # together are each other's partners
        src = tgt = _parties(doc, base, tok)
        if len(src) < 2:
            return None
    if not src:
        return None
    if not tgt:  # "пригрозил ввести санкции против X": the target of the act threatened
        for c in list(tok.children) + (list(host.children) if host is not None else []):
            # "готовность работать с Россией": natasha hangs the infinitive as nmod
            if c.dep_ not in ("xcomp", "acl", "nmod") or c.pos_ != "VERB":
                continue
            for h in [c] + [o for o in c.children if o.dep_ == "dobj"]:
                for slot in ("против", "в отношении", "dative", "с"):
                    tgt = [t for t in _participants(doc, base, _slot(h, slot, None))
                           if all(t.id != s.id for s in src)]
                    if tgt:
                        break
                if tgt:
                    break
            if tgt:
                break
    cc = ontology().cameo_code(trig.cameo)
    if cc is None:
        return None
    retyped = _intended(tok, host, cc.code, cc.quad_class)
    if retyped is not None:
        cc, gov = retyped
    if not tgt and cc.quad_class in (0, 1, 3) and prior and "obj" in trig.target:
        # "осудила это решение": a reaction is aimed at whoever did the act it reacts to
        for o in _slot(tok, "obj", host):
            if o.pos_ in NOMINAL and any(d.lemma_ in w.demonstratives for d in o.children):
                tgt = _prior_agent(prior, src)
                break
    if trig.symmetric and (tgt or len(src) >= 2):
        # "Казахстан и Узбекистан подписали соглашение", "встретился с X": each side is the
        # other's partner, as the gold codes meetings in both directions (dyads skip self-pairs)
        both = src + [t for t in tgt if all(t.id != s.id for s in src)]
        if len(both) >= 2:
            src, tgt = both, list(both)
    if not tgt and tok.pos_ in NOMINAL and not trig.bare:
        return None  # "после аннексии Крыма", "санкции ООН": a mention of an act, not an event
    modality, quote_id = _modality(doc, base, tok, host) if retyped is None else \
        _modality(doc, base, gov, None)
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
                 attributed_to=attributed_to(quote),
                 confidence=0.8 if tgt else 0.6, typed_by=["patterns"], complete=bool(tgt),
                 text=doc.text[sent.start:sent.end] if sent else None)
