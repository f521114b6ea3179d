"""Read a reporting cue off the dependency parse: who speaks, through whom, to whom, and what.

One function per construction keeps each rule small and testable:

    X said (that) ...            speech verb, subject = speaker, clausal complement = content
    X believes (that) ...        belief verb (content required)
    X admitted the possibility   object-content verb, object = content
    X is quoted by Y as saying   passive relay verb: subject = speaker, agent = via
    Y quotes X                   active relay verb: subject = via, object = speaker
    according to X, ...          speaker = object of "to", content = the clause it modifies
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon

SUBJ = ("nsubj", "nsubjpass")
INHERIT_DEPS = ("conj", "xcomp", "advcl", "pcomp")  # verbs sharing the subject of their head
CONTENT_DEPS = ("ccomp",)


@dataclass
class Cue:
    verb: object  # spaCy Token: the cue word ("said", "quoted", "according")
    kind: str  # speech, belief, object, relay, according
    speaker: object | None = None  # Token heading the speaker phrase
    via: object | None = None  # Token heading the outlet phrase
    addressee: object | None = None
    content: object | None = None  # Token heading the content (indirect speech)
    words: tuple[int, int] | None = None  # token index range [i, j) of the cue words

    def text(self) -> str:
        doc = self.verb.doc
        i, j = self.words or (self.verb.i, self.verb.i + 1)
        return doc[i:j].text


def _particle_ok(tok, lex: Lexicon) -> bool:
    parts = lex.phrasal_particles.get(tok.lemma_.lower())
    if not parts:
        return True
    return any(c.dep_ in ("prt", "prep") and c.lower_ in parts for c in tok.children)


def _subject(verb):
    """Subject of ``verb``, walking up through coordinated or subordinate verbs that share it
    ("He paused and added ...", "..., saying ...") and through relative clauses ("the
    ambassador, who said ...")."""
    tok = verb
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep_ in SUBJ), None)
        if subj is not None:
            if subj.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                return tok.head
            return subj
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ in INHERIT_DEPS and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" or (tok.dep_ == "pobj"):
            tok = tok.head.head
            continue
        break
    return None


def _addressee(verb):
    for c in verb.children:
        if c.dep_ in ("dative",) or (c.dep_ == "dobj" and verb.lemma_ in ("tell", "assure", "warn", "ask", "inform", "urge")):
            if c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
        if c.dep_ == "prep" and c.lower_ == "to" and verb.lemma_ in ("say", "speak", "write", "explain", "talk", "complain"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _content(verb, lex: Lexicon, kind: str):
    cc = next((c for c in verb.children if c.dep_ in CONTENT_DEPS), None)
    if cc is not None:
        return cc
    if kind == "object" or verb.lemma_.lower() in lex.object_content_verbs:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.lower_ not in ("this", "that", "it"):
            return obj
    return None


def cue_for(tok, lex: Lexicon) -> Cue | None:
    """The cue headed by ``tok``, or None when ``tok`` is not a reporting word."""
    low = tok.lower_
    lemma = tok.lemma_.lower()
    if low == "according" or (low in ("words", "opinion", "view") and tok.dep_ == "pobj"):
        return _according(tok, lex)
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
        return None
    if lemma in lex.relay_verbs:
        return _relay(tok, lex)
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in lex.relay_verbs:
        return _relay(tok.head.head, lex)  # "saying" in "X is quoted by Y as saying"
    if lemma in lex.speech_verbs and _particle_ok(tok, lex):
        kind = "object" if lemma in lex.object_content_verbs else "speech"
    elif lemma in lex.belief_verbs:
        kind = "belief"
    elif lemma in lex.object_content_verbs:
        kind = "object"
    else:
        return None
    if any(c.dep_ == "auxpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
        speaker = None  # "it was said that ..."
    else:
        speaker = _subject(tok)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            speaker = next((g for g in agent.children if g.dep_ == "pobj"), speaker)
    words = (tok.i, tok.i + 1)
    prt = next((c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1), None)
    if prt is not None:
        words = (tok.i, tok.i + 2)
    return Cue(tok, kind, speaker, None, _addressee(tok), _content(tok, lex, kind), words)


def _relay(tok, lex: Lexicon) -> Cue:
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    if passive:
        speaker = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if speaker is None:
            speaker = _subject(tok)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        via = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        content = None
        end = tok.i + 1
        for c in tok.children:  # "as saying (that) ..."
            if c.dep_ == "prep" and c.lower_ == "as":
                for g in c.children:
                    if g.dep_ in ("pcomp", "pobj") and g.lemma_.lower() in lex.speech_verbs:
                        content = next((x for x in g.children if x.dep_ in CONTENT_DEPS), None)
                        end = max(end, g.i + 1)
        if content is None:
            content = next((c for c in tok.children if c.dep_ in CONTENT_DEPS), None)
        start = min([tok.i] + [c.i for c in tok.children if c.dep_ == "auxpass"])
        return Cue(tok, "relay", speaker, via, None, content, (start, end))
    via = _subject(tok)
    speaker = next((c for c in tok.children if c.dep_ == "dobj"), None)
    return Cue(tok, "relay", speaker, via, None, None, (tok.i, tok.i + 1))


def _according(tok, lex: Lexicon) -> Cue | None:
    doc = tok.doc
    if tok.lower_ == "according":
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
        if to is None:
            return None
        src = next((c for c in to.children if c.dep_ == "pobj"), None)
        if src is None:
            return None
        head = tok.head
        content = head if head is not tok and head.pos_ in ("VERB", "AUX", "NOUN", "ADJ") else None
        return Cue(tok, "according", src, None, None, content, (tok.i, to.i + 1))
    return None
