"""Stance records for one analysed document.

For every English sentence (interview questions and translations skipped) the cues of the
lexicon are found and linked to actors by the dependency rules (:mod:`.links`). Two kinds of
record come out:

* ``method='lexicon'``: the text holder's view of a characterised actor ("Russia is a partner"
  inside Sattarov's quote -> Sattarov toward Russia, cooperative).
* ``method='directed'``: a view the text attributes to an actor ("Tashkent criticised Moscow"
  -> Tashkent toward Russia, hostile), whatever the text holder thinks.

Hits are grouped per (sentence, holder, target, aspect, method). A group whose cues disagree
keeps the label ``mixed``; different aspects give different records, so "a partner in security
and at the same time a threat" gives a cooperative security record and a hostile one: a mixed
view is never averaged away.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..actors.api import actor_at, actor_ref, mentions_in
from ..doc import ActorRef, Doc, Stance
from ..lang import lexicon as lang_lexicon
from .aspects import aspect_of
from .cues import find_cues
from .holders import HolderContext, holder_context, quote_at, speaker_holder
from .lexicon import Lexicon, default_lexicon
from .links import FIRST_PERSON, REPORTING, link, speakers, subjects

log = logging.getLogger(__name__)

PRONOUNS_IT = lang_lexicon("en").words("it_pronouns")
# "Russia's customs rules are a trap": a judgement of a state's policy is a view of that state
POLICY_NOUNS = lang_lexicon("en").words("policy_nouns")
NON_PERSON_TYPES = {"state", "government", "military", "legislature", "igo", "ngo", "region",
                    "company", "group", "media", "think-tank"}
MIXED_MIN_SHARE = 0.0  # any disagreement inside one group makes it mixed


@dataclass
class Hit:
    holder: dict | None
    target: dict
    weight: float
    aspect: str | None
    evidence: list[dict]
    sentence: int
    quote_id: str | None
    method: str
    confidence: float


@dataclass
class _Ref:
    ref: dict
    start: int
    end: int
    confidence: float = 1.0


def _mention_at(doc: Doc, start: int, end: int):
    """The linked mention over ``[start, end)`` (bisect over the sorted mentions)."""
    return actor_at(doc, start, end)


def _ref(doc: Doc, actor_id: str) -> dict:
    a = doc.actors.get(actor_id)
    if a is None:
        r = actor_ref(doc, actor_id)
        return r or {"id": actor_id, "name": None, "type": None, "country": None}
    return {"id": a.id, "name": a.name, "type": a.type, "country": a.country}


def _expletive(tok) -> bool:
    """ "It is important to ...", "it's dangerous when ...": a dummy subject, no antecedent."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass", "expl"):
        return tok.dep_ == "expl"
    head = tok.head
    preds = [c for c in head.children if c.dep_ in ("acomp", "attr")] + [head]
    return any(c.dep_ in ("ccomp", "xcomp", "advcl", "csubj") and c.i > tok.i
               for p in preds for c in p.children)


class TokenActors:
    """Maps spaCy tokens of a document to linked actors (mentions), with a cautious "it"."""

    def __init__(self, doc: Doc):
        self.doc = doc

    def offsets(self, tok) -> tuple[int, int]:
        s = self.doc.token_start(tok)
        return s, s + len(tok.text)

    def of(self, tok) -> _Ref | None:
        doc = self.doc
        cands = [tok] + [c for c in tok.children if c.dep_ in ("compound", "flat")
                         and c.pos_ in ("PROPN", "NOUN")]
        for t in cands:
            s, e = self.offsets(t)
            m = _mention_at(doc, s, e)
            if m is not None:
                return _Ref(_ref(doc, m.actor_id), m.start, m.end, m.confidence)
        if tok.lower_ in PRONOUNS_IT and not _expletive(tok):
            return self._antecedent(tok)
        return None

    def _antecedent(self, tok) -> _Ref | None:
        """The nearest linked non-person mention before "it" in this or the previous sentence."""
        s, _ = self.offsets(tok)
        sent = self.doc.sentence_at(s)
        if sent is None:
            return None
        lo = self.doc.sentences[sent.idx - 1].start if sent.idx > 0 else sent.start
        # "many members see it as a threat": "it" is not the subject of its own clause
        blocked: list[tuple[int, int]] = []
        for sib in tok.head.children:
            if sib.dep_ in ("nsubj", "nsubjpass") and sib != tok:
                sub = list(sib.subtree)
                blocked.append((self.doc.token_start(sub[0]),
                                self.doc.token_start(sub[-1]) + len(sub[-1].text)))
        prev = [m for m in mentions_in(self.doc, lo, s) if lo <= m.start and m.end <= s and m.actor_id
                and not any(a <= m.start and m.end <= b for a, b in blocked)]
        cands = [m for m in reversed(prev) if m.actor_id in self.doc.actors
                 and self.doc.actors[m.actor_id].type in NON_PERSON_TYPES]
        # a subject "it" most likely continues the previous subject ("Moscow remains a partner
        # of Uzbekistan, but it is ..."); otherwise ("stop its behaviour") the nearest mention
        subj = [m for m in cands if self._is_subject(m)] if tok.dep_ in ("nsubj", "nsubjpass") else []
        for m in subj[:1] or cands[:1]:
            return _Ref(_ref(self.doc, m.actor_id or ""), m.start, m.end, 0.6)
        return None

    def _is_subject(self, m) -> bool:
        p = self.doc.paragraph_at(m.start)
        if p is None or p.spacy is None:
            return False
        toks = [t for t in p.spacy if m.start <= p.start + t.idx < m.end]
        roots = [t for t in toks if t.head not in toks or t.head == t]
        return any(t.dep_ in ("nsubj", "nsubjpass") for t in roots)


def _same(a: dict | None, b: dict | None) -> bool:
    if not a or not b:
        return False
    if a.get("id") and b.get("id"):
        return a["id"] == b["id"]
    return bool(a.get("name")) and a.get("name") == b.get("name")


def _span(doc: Doc, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": doc.text[start:end]}


ANAPHORS = lang_lexicon("en").words("anaphors")


def anaphoric_speakers(doc: Doc, actors: TokenActors) -> dict[int, tuple[dict, int, int]]:
    """Sentences attributed after the fact: "... a threat. The analyst NAME said this on air."
    gives the earlier sentences of that paragraph to NAME. Returns sentence idx ->
    (holder, start, end of the speaker's mention)."""
    out: dict[int, tuple[dict, int, int]] = {}
    for s in doc.english_sentences():
        for tok in s.span:
            if tok.lemma_.lower() not in REPORTING:
                continue
            if not any(c.dep_ in ("dobj", "advmod", "ccomp") and c.lower_ in ANAPHORS
                       for c in tok.children):
                continue
            refs = [r for r in (actors.of(t) for t in subjects(tok)) if r is not None]
            if not refs:
                continue
            ref = refs[0]
            holder = {"id": ref.ref.get("id"), "name": doc.text[ref.start:ref.end],
                      "type": ref.ref.get("type") or "person"}
            if ref.ref.get("name"):
                holder["name"] = ref.ref["name"]
            for j in range(s.idx - 1, -1, -1):
                prev = doc.sentences[j]
                if prev.paragraph != s.paragraph:
                    break
                out.setdefault(prev.idx, (holder, ref.start, ref.end))
    return out


def collect_hits(doc: Doc, lexicon: Lexicon | None = None,
                 ctx: HolderContext | None = None) -> list[Hit]:
    lexicon = lexicon or default_lexicon()
    ctx = ctx or holder_context(doc)
    actors = TokenActors(doc)
    after = anaphoric_speakers(doc, actors)
    hits: list[Hit] = []
    for sent in doc.english_sentences():
        if doc.paragraphs[sent.paragraph].is_question:
            continue
        try:
            hits.extend(_sentence_hits(doc, sent, lexicon, ctx, actors, after))
        except Exception as exc:  # noqa: BLE001 - one odd parse must not cost the document its other layers
            log.warning("%s: stances skipped in sentence %d: %r", doc.document.source, sent.idx, exc)
            doc.user_data.setdefault("stance_errors", []).append({"sentence": sent.idx,
                                                                  "error": repr(exc)})
    return hits


def _policy_owner(tok, actors: TokenActors) -> _Ref | None:
    """The actor whose policy, rule or move a cue evaluates ("Russia's proposed customs rules
    are a trap", "Beijing's loan scheme is indispensable"): the possessor, at lower confidence.
    Only for nouns of acts and policies (``policy_nouns``): "Russia's neighbours are a threat"
    says nothing of Russia."""
    if tok.lemma_.lower() not in POLICY_NOUNS:
        return None
    for c in tok.children:
        if c.dep_ == "poss":
            ref = actors.of(c)
            if ref is not None:
                return _Ref(ref.ref, ref.start, ref.end, round(0.8 * ref.confidence, 3))
    return None


def _sentence_hits(doc: Doc, sent, lexicon: Lexicon, ctx: HolderContext, actors: TokenActors,
                   after: dict) -> list[Hit]:
    hits: list[Hit] = []
    for cue in find_cues(sent.span, lexicon):
        ln = link(cue, lexicon.relational, lexicon.patient)
        if not ln.evaluated and not ln.pairs:
            continue
        c_start = doc.token_start(cue.tokens[0])
        c_end = doc.token_start(cue.tokens[-1]) + len(cue.tokens[-1].text)
        quote = quote_at(doc, c_start, c_end)
        conf = 0.6 if cue.negated else 0.8
        if quote is not None:
            holder, qid = speaker_holder(doc, quote), quote.id
        else:
            qid = None
            said = [r for r in (actors.of(t) for t in speakers(cue.token)) if r is not None]
            if said:
                holder = said[0].ref
            elif sent.idx in after:
                holder = after[sent.idx][0]
            else:
                holder = ctx.narrative()
        aspect = aspect_of(cue.token, lexicon)
        cue_ev = _span(doc, c_start, c_end)
        for tok in ln.evaluated:
            tgt = actors.of(tok) or _policy_owner(tok, actors)
            if tgt is None or holder is None or _same(holder, tgt.ref):
                continue
            hits.append(Hit(holder, tgt.ref, cue.weight, aspect,
                            [cue_ev, _span(doc, tgt.start, tgt.end)], sent.idx, qid,
                            "lexicon", round(conf * tgt.confidence, 3)))
        for a, b in ln.pairs:
            src = actors.of(a)
            src_ref = src.ref if src else (holder if quote is not None and a.lower_ in
                                           FIRST_PERSON else None)
            tgt = actors.of(b)
            if src_ref is None or tgt is None or _same(src_ref, tgt.ref):
                continue
            ev = [cue_ev] + ([_span(doc, src.start, src.end)] if src else []) + [
                _span(doc, tgt.start, tgt.end)]
            hits.append(Hit(src_ref, tgt.ref, cue.weight, aspect, ev, sent.idx, qid,
                            "directed", round(0.7 * conf * tgt.confidence, 3)))
    return hits


def _key(h: dict | ActorRef | None) -> str:
    if not h:
        return ""
    return str(h.get("id") or h.get("name") or "")


def label_for(weights: list[float], threshold: float = 0.1) -> tuple[float, str]:
    """Polarity (mean, clipped to [-1, 1]) and label of a group of cue weights. Any
    disagreement in sign makes the group ``mixed`` whatever the mean."""
    pol = max(-1.0, min(1.0, sum(weights) / len(weights))) if weights else 0.0
    pos = sum(1 for w in weights if w > 0)
    neg = sum(1 for w in weights if w < 0)
    if pos and neg:
        return round(pol, 3), "mixed"
    if pol > threshold:
        return round(pol, 3), "cooperative"
    if pol < -threshold:
        return round(pol, 3), "hostile"
    return round(pol, 3), "neutral"


def group_hits(doc: Doc, hits: list[Hit]) -> list[Stance]:
    groups: dict[tuple, list[Hit]] = {}
    for h in hits:
        k = (h.sentence, _key(h.holder), _key(h.target), h.aspect, h.method)
        groups.setdefault(k, []).append(h)
    out: list[Stance] = []
    for n, (_k, hs) in enumerate(sorted(groups.items(), key=lambda kv: (
            kv[1][0].evidence[0]["start"], kv[0][1], kv[0][2], str(kv[0][3]), kv[0][4]))):
        pol, label = label_for([h.weight for h in hs])
        evidence: list[dict] = []
        for h in hs:
            for e in h.evidence:
                if e not in evidence:
                    evidence.append(e)
        first = hs[0]
        out.append(Stance(
            id=f"{doc.id}:st{n + 1}", holder=ActorRef.coerce(first.holder),  # type: ignore[arg-type]
            target=ActorRef.coerce(first.target), polarity=pol,  # type: ignore[arg-type]
            label=label, aspect=first.aspect, evidence=evidence, sentence=first.sentence,
            quote_id=first.quote_id, method=first.method,
            confidence=round(max(h.confidence for h in hs), 3)))
    return out


def extract_stances(doc: Doc, lexicon: Lexicon | None = None,
                    extra_hits: Iterable[Hit] = ()) -> list[Stance]:
    """Fill ``doc.stances`` and return them; ``extra_hits`` come from other languages' rules
    (``lang/ru/stance.py``) and are grouped with the English ones."""
    doc.stances = group_hits(doc, collect_hits(doc, lexicon) + list(extra_hits))
    return doc.stances


@dataclass
class Summary:
    holder: ActorRef | dict | None
    target: ActorRef | dict
    n: int
    n_cooperative: int
    n_hostile: int
    mean_polarity: float
    label: str
    aspects: dict = field(default_factory=dict)  # aspect -> mean polarity


def summarize(stances: list[Stance], method: str | None = "lexicon") -> list[Summary]:
    """Per (holder, target) view over a document: ``mixed`` when both cooperative and hostile
    records exist (each at least a quarter of the signed ones), never an average."""
    groups: dict[tuple[str, str], list[Stance]] = {}
    for s in stances:
        if method and s.method != method:
            continue
        groups.setdefault((_key(s.holder), _key(s.target)), []).append(s)
    out = []
    for ss in groups.values():
        pos = sum(1 for s in ss if s.polarity > 0 and s.label != "mixed")
        neg = sum(1 for s in ss if s.polarity < 0 and s.label != "mixed")
        mixed = sum(1 for s in ss if s.label == "mixed")
        mean = round(sum(s.polarity for s in ss) / len(ss), 3)
        signed = pos + neg
        if mixed or (pos and neg and min(pos, neg) / signed >= 0.25):
            label = "mixed"
        else:
            label = label_for([s.polarity for s in ss])[1]
        aspects: dict[str, list[float]] = {}
        for s in ss:
            aspects.setdefault(s.aspect or "general", []).append(s.polarity)
        out.append(Summary(ss[0].holder, ss[0].target, len(ss), pos, neg, mean, label,
                           {a: round(sum(v) / len(v), 3) for a, v in aspects.items()}))
    return out
