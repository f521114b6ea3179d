"""Dependency rules: which actors a cue is about, and who directs it at whom.

For each cue the rules return two things:

* ``evaluated``: tokens of the actors the cue characterises from the text holder's point of view
  ("Iran is a *partner*", "Russia's *aggression*", "*aggressive* Russia"): the stance target.
* ``pairs``: directed (source, target) token pairs stated by the text ("A *criticised* B",
  "A is a *supporter* of B", "A's *invasion* of B"): actor-to-actor sentiment.

The rules work on the head of each argument; coordinated arguments ("Russia and China") are
expanded. They are deliberately few and readable; the lexicon (``lang/en/stance.yaml``) decides the
polarity and the kind of each cue, the rules decide the direction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lang import lexicon as lang_lexicon
from .cues import Cue

# verbs whose predicate noun/adjective characterises their subject
COPULAS = lang_lexicon("en").words("copulas")
# verbs whose "as"-phrase characterises their object, held by their subject
CONSIDER = lang_lexicon("en").words("consider_verbs")
REPORTING = lang_lexicon("en").subset("reporting_verbs", "stance")
# light verbs: "impose sanctions on X", "provide help to X", "launch an invasion of X"
LIGHT = lang_lexicon("en").words("stance_light_verbs")
PATIENT_PREPS = lang_lexicon("en").words("patient_preps")
RELATION_PREPS = lang_lexicon("en").words("relation_preps")
SUBJ = {"nsubj", "csubj"}
AFFECT_NOUNS = lang_lexicon("en").words("affect_nouns")
QUANTIFIERS = lang_lexicon("en").words("stance_quantifiers")
FIRST_PERSON = lang_lexicon("en").words("first_person")
# negative attitude verbs whose "that"-clause subject is the one they are against
CHARGING = lang_lexicon("en").words("charging_verbs")
# nouns for something written or said: what they do ("a statement accusing X") is done by
# their author
DOCUMENTS = lang_lexicon("en").words("document_nouns")
RELATIVE = lang_lexicon("en").words("relative_pronouns")
# verbs whose subject receives what their object noun expresses ("X drew praise from Y",
# "X came under criticism from Y", "X won Y's endorsement"): the noun's agent is its
# possessor or the "from/by" phrase, its patient the verb's subject
RECEIVE = lang_lexicon("en").words("receive_verbs")


@dataclass
class Link:
    cue: Cue
    evaluated: list = field(default_factory=list)
    pairs: list = field(default_factory=list)  # (source token, target token)


def conj(tokens) -> list:
    """Tokens plus their coordinated siblings ("Russia and China")."""
    out: list = []
    for t in tokens:
        for c in [t, *t.conjuncts]:
            if c not in out:
                out.append(c)
    return out


def authors(noun) -> list:
    """Who wrote or said a document noun ("a statement accusing X" drafted by the
    ministers, "Y's lawsuit", "a letter from Z"): its possessor, its "by/from" phrase, or the
    subject of the verb it is the object of. Empty for other nouns."""
    if noun.lemma_.lower() not in DOCUMENTS:
        return []
    out = [c for c in noun.children if c.dep_ == "poss"] + prep_objects(noun, {"by", "from"})
    if not out and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        out = [s for s in noun.head.children if s.dep_ in SUBJ]
    return conj(out)


def antecedent(tok):
    """A relative pronoun's antecedent ("Smith, whom Jones praised": whom -> Smith), else the
    token itself."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl" and tok.head.head != tok.head:
        return tok.head.head
    return tok


def _passive(v) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def subjects(v, _depth: int = 0) -> list:
    """Logical subjects (agents) of a verb, inherited through coordination and control."""
    if _depth > 4:
        return []
    if any(c.dep_ == "expl" for c in v.children):  # "there were challenges": nobody's
        return []
    agents = [g for c in v.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:
        return conj(agents)
    subs = [c for c in v.children if c.dep_ in SUBJ]
    if not subs and not _passive(v):
        subs = [c for c in v.children if c.dep_ == "nsubjpass"]
    if subs:
        subs = [antecedent(c) for c in subs]
        return conj(subs + [a for c in subs for a in authors(c) if a not in subs])
    if _passive(v):
        return []
    if v.dep_ in ("conj", "xcomp", "advcl") and v.head != v and v.head.pos_ in ("VERB", "AUX"):
        return subjects(v.head, _depth + 1)
    if v.dep_ == "pcomp" and v.head.head != v.head:  # "in supporting X", "by criticising X"
        h = v.head.head
        if h.pos_ in ("VERB", "AUX"):
            return subjects(h, _depth + 1)
        return [h] if h.pos_ in ("NOUN", "PROPN") else []
    if v.dep_ in ("relcl", "acl") and v.head != v:
        if v.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            # "his decision to endorse X", "Y's refusal to condemn X": the possessor decides
            owners = [c for c in v.head.children if c.dep_ == "poss"]
            if owners:
                return conj(owners)
        return [v.head] + authors(v.head)
    return []


def objects(v) -> list:
    """Logical objects (patients) of a verb: direct objects, passive subjects, datives and
    objects of patient prepositions."""
    out = [c for c in v.children if c.dep_ in ("dobj", "dative", "obj")]
    if _passive(v):
        out += [c for c in v.children if c.dep_ == "nsubjpass"]
        if not out and v.dep_ == "xcomp" and v.head != v:
            # "X's plan is likely to be welcomed by Y": the raised subject
            h = v.head.head if v.head.dep_ == "acomp" else v.head
            out += [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
    out = [antecedent(c) for c in out]
    for p in v.children:
        if p.dep_ in ("prep", "dative") and p.lower_ in PATIENT_PREPS | RELATION_PREPS:
            out += [g for g in p.children if g.dep_ == "pobj"
                    and g.ent_type_ not in ("DATE", "TIME")]  # "on Monday" is no patient
    return conj(out)


def prep_objects(tok, preps: set[str] | frozenset[str]) -> list:
    """Objects of the given prepositions, with coordinated ones ("in the US, or in China")."""
    out = []
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            for q in [p, *p.conjuncts]:
                out += [g for g in q.children if g.dep_ == "pobj"]
    return conj(out)


def modifiers(noun) -> list:
    """Possessors, compounds and adjectival modifiers of a noun: the agent of an action noun
    ("Russia's invasion", "US sanctions", "Russian aggression")."""
    out = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    out += prep_objects(noun, {"by", "from"})
    return conj(out)


def predicate_head(tok):
    """For a predicate noun or adjective: (verb, how) where how is 'copula' or 'consider'.

    Climbs coordination ("a partner and a threat") and "as"-phrases ("seen as a threat")."""
    t = tok
    while t.dep_ == "conj" and t.head != t:
        t = t.head
    # "one of the main partners", "among the threats"
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in QUANTIFIERS:
        t = t.head.head
        while t.dep_ == "conj" and t.head != t:
            t = t.head
    if t.dep_ == "pobj" and t.head.lower_ == "among" and t.head.head.pos_ in ("AUX", "VERB"):
        return t.head.head, "copula"
    if t.dep_ == "pobj" and t.head.lower_ == "as":
        v = t.head.head
        if v.lemma_.lower() in CONSIDER:
            return v, "consider"
        # "turned their eyes to Russia as the hope", "uses Kazakhstan as a tool": the
        # as-phrase characterises the verb's object; "acts as a guarantor": its subject
        if v.pos_ == "VERB" and any(_as_object(o, v, t.head) for o in objects(v)):
            return v, "object"
        return v, "copula"
    if t.dep_ in ("attr", "acomp", "oprd", "dobj") and t.head.pos_ in ("VERB", "AUX"):
        v = t.head
        lem = v.lemma_.lower()
        if lem in COPULAS or (t.dep_ in ("attr", "acomp") and v.pos_ == "AUX"):
            return v, "copula"
        if lem in CONSIDER and t.dep_ == "oprd":
            return v, "consider"
    if t.dep_ == "appos":
        return t.head, "appos"
    if t.dep_ == "nsubj" and t.head.pos_ == "VERB" and prep_objects(t.head, {"from"}):
        return t.head, "source"
    return None, None


def _as_object(o, v, as_tok) -> bool:
    """Whether object ``o`` of ``v`` can be what an as-phrase at ``as_tok`` characterises:
    before the as-phrase, and a passive subject or after the verb (a fronted "In the treaty,"
    is not)."""
    return o.i < as_tok.i and (o.i > v.i or o.dep_ == "nsubjpass")


def _characterised(tok) -> tuple[list, list]:
    """(characterised actors, holders-of-the-view) for a predicate noun/adjective."""
    v, how = predicate_head(tok)
    if v is None:
        return [], []
    if how == "appos":
        return conj([v]), []
    if how == "source":  # "the main threat comes from China"
        return prep_objects(v, {"from"}), []
    if how == "object":
        objs = [o for o in objects(v) if _as_object(o, v, tok)]
        return objs or subjects(v), []
    if how == "consider":
        if _passive(v):
            return conj([c for c in v.children if c.dep_ == "nsubjpass"]), subjects(v)
        objs = [c for c in v.children if c.dep_ == "dobj"]
        return conj(objs), subjects(v)
    return subjects(v), []


def link(cue: Cue, relational: frozenset[str] | set[str] = frozenset(),
         patient: frozenset[str] | set[str] = frozenset()) -> Link:
    """Apply the rules for one cue. ``relational``: role nouns whose "of X" complement is what
    they are about ("a supporter of Moscow" says nothing of the holder's view of the subject).
    ``patient``: role nouns whose "of X" complement acts against their subject ("Y is a
    target of X", "a victim of X": X -> Y; Y is not judged)."""
    t = cue.token
    out = Link(cue)
    if cue.kind == "role" and t.lemma_.lower() in patient:
        chars, _ = _characterised(t)
        if not chars and t.dep_ == "appos":
            chars = [t.head]
        agents = prep_objects(t, {"of", "by", "from", "for"}) + [
            c for c in t.children if c.dep_ in ("poss", "compound", "amod")
            and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))]
        out.pairs = [(a, c) for a in conj(agents) for c in chars if a != c]
        return out
    if cue.kind in ("role", "quality"):
        chars, viewers = _characterised(t)
        if cue.kind == "quality" and t.dep_ == "amod":
            head = t.head
            if head.pos_ in ("PROPN",):
                chars = [head]
            else:
                mods = [c for c in head.children if c.dep_ in ("poss", "compound")]
                chars = conj(mods) if mods else _characterised(head)[0]
        out.evaluated = chars
        if cue.kind == "quality":  # "critical of X", "hostile to X": subject -> X
            others = prep_objects(t, {"of", "about", "to", "toward", "towards", "with"})
            out.pairs += [(c, o) for c in chars for o in others]
        for v in viewers:  # "Ankara regards Tehran as a threat"
            out.pairs += [(v, c) for c in chars]
        if cue.kind == "role":
            # "a supporter of Moscow", "a threat to its neighbours", "a partner for Baku"
            others = prep_objects(t, {"of", "to", "for", "with", "against", "toward", "towards"})
            if t.lemma_.lower() in relational:
                # "a vocal Kremlin critic", "Kremlin critic Jane Roe": the name modifying a
                # relational noun is what it is about; the noun's own head is its holder
                named = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod")
                         and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))]
                if named:
                    others = others + conj(named)
                    if not chars and t.dep_ in ("compound", "appos") and t.head.pos_ == "PROPN":
                        chars = [t.head]
            sources = prep_objects(t, {"from"})
            if sources:  # "a threat from Moscow"
                out.evaluated = out.evaluated + sources
                out.pairs += [(s, o) for s in sources for o in chars or others]
            else:
                out.pairs += [(c, o) for c in chars for o in others]
            if t.lemma_.lower() in relational and prep_objects(
                    t, {"of", "to", "for", "with", "against", "toward", "towards"}):
                # "a rival to Russia", "a critic of Moscow": about the subject's relation to
                # the complement, not the holder's view of the subject
                out.evaluated = []
            if t.lemma_.lower() in AFFECT_NOUNS and t.pos_ == "NOUN" and _received(
                    out, [c for c in t.children if c.dep_ in ("poss", "compound", "amod")]):
                out.evaluated = []  # "X drew support from Y": Y's view, not the holder's
                return out
            if t.lemma_.lower() in AFFECT_NOUNS:
                # "sympathy for Moscow", "trust in Beijing", "such hope is not seen in Ankara":
                # felt by the possessor ("on the part of X") toward the complement; with no
                # one named as feeling it, the text holder's view of the complement
                objs = prep_objects(t, {"for", "in", "to", "toward", "towards"})
                if not objs and t.dep_ in ("nsubj", "nsubjpass"):
                    objs = prep_objects(t.head, {"in", "for", "from"})
                feelers = [c for c in t.children if c.dep_ == "poss"] + [
                    g for p in t.children if p.dep_ == "prep" and p.lower_ in ("among", "on")
                    for g in p.subtree if g.dep_ == "pobj" and g.head.lower_ in ("of", "among")]
                if objs:
                    if feelers:
                        out.pairs += [(f, o) for f in conj(feelers) for o in objs]
                        out.evaluated = []
                    else:
                        out.evaluated = objs
                    return out
            owners = [c for c in t.children if c.dep_ == "poss"]
            if owners and chars:  # "Iran is Baku's partner"
                out.pairs += [(c, o) for c in chars for o in conj(owners)]
        return out
    if t.pos_ == "ADJ":  # attitude adjective: "X is critical of Y", "Y's wary neighbours"
        holders = _characterised(t)[0] or ([t.head] if t.dep_ == "amod" else [])
        others = prep_objects(t, {"of", "about", "to", "toward", "towards", "with", "at"})
        out.pairs = [(h, o) for h in holders for o in others]
        return out
    if t.pos_ == "VERB":
        agents = subjects(t)
        patients = objects(t)
        if cue.kind == "action":
            out.evaluated = agents
            out.pairs = [(a, p) for a in agents for p in patients]
        elif cue.kind == "stimulus":
            # "X's remarks angered Y", "Y was impressed by X": the object feels it about
            # the subject (the cause), not the other way round; used without an object the
            # subject feels it about the prepositional one ("X worries about Y")
            direct = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")] or _passive(t)
            if direct:
                out.pairs = [(p, a) for a in agents for p in patients]
            else:
                out.pairs = [(a, o) for a in agents
                             for o in prep_objects(t, {"about", "over", "at", "with"})]
        elif cue.kind == "mutual":
            parties = agents + [p for p in patients if p not in agents]
            out.evaluated = parties if cue.weight > 0 else []
            out.pairs = [(a, b) for a in parties for b in parties if a != b]
        else:  # attitude: the experiencer's view, not the text holder's
            # "praised X in London": an in-phrase is where, not whom ("believe in" aside)
            patients = [p for p in patients if not (p.dep_ == "pobj" and p.head.lower_ == "in"
                                                    and p.head.head == t and t.lemma_.lower() != "believe")]
            if cue.weight < 0 and t.lemma_.lower() in CHARGING:
                # "X alleged that Y failed ...", "X complained that Y ...": X -> Y
                patients = patients + [s for c in t.children if c.dep_ == "ccomp"
                                       for s in subjects(c) if s not in patients]
            out.pairs = [(a, p) for a in agents for p in patients]
        return out
    # nouns of action, cooperation or attitude
    agents = [m for m in modifiers(t) if m.pos_ in ("PROPN", "PRON", "NOUN", "ADJ")]
    patients = prep_objects(t, PATIENT_PREPS)
    host = t
    while host.dep_ == "conj" and host.head != host:
        host = host.head
    if cue.kind != "mutual" and _received(out, agents):
        return out
    if host.dep_ in ("dobj", "nsubjpass", "pobj") and host.head.pos_ == "VERB":
        v = host.head if host.dep_ != "pobj" else host.head.head
        if v.pos_ == "VERB" and (v.lemma_.lower() in LIGHT or host.dep_ == "dobj"):
            if not agents:
                agents = subjects(v)
            patients = patients + [p for p in objects(v) if p != host and p not in patients]
    if cue.kind == "action":
        out.evaluated = agents
        out.pairs = [(a, p) for a in agents for p in patients]
    elif cue.kind == "mutual":
        # parties, not places: "conflicts in the Middle East" has no parties named
        parties = agents + prep_objects(t, RELATION_PREPS | {"of", "against", "to"})
        parties += [p for p in patients if p not in parties  # "expand cooperation with X"
                    and p.head.lower_ in RELATION_PREPS | {"against", "to"}]
        out.evaluated = parties if cue.weight > 0 else []
        out.pairs = [(a, b) for a in parties for b in parties if a != b]
    else:
        out.pairs = [(a, p) for a in agents for p in patients]
    return out


def _received(out: Link, agents: list) -> bool:
    """Pairs for a noun its host verb's subject receives: "X drew praise from Y", "X came
    under criticism from Y", "X won Y's endorsement" (Y -> X). False when the noun has no
    such host."""
    t = out.cue.token
    host = t
    while host.dep_ == "conj" and host.head != host:
        host = host.head
    recv = _receiver_verb(host)
    if recv is None:
        return False
    givers = [m for m in agents if m.dep_ in ("poss", "compound", "amod")]
    # "got the backing of X", "won the support of X": of-phrases of the received noun give
    sources = prep_objects(recv, {"from", "by"}) + prep_objects(t, {"from", "by", "of"})
    if sources:
        givers = [g for g in givers if g.pos_ != "PRON"] + sources
    out.pairs = [(g, r) for g in conj(givers) for r in subjects(recv) if g != r]
    return True


def _receiver_verb(host):
    """The verb whose subject receives the noun ``host`` ("drew praise", "came under fire",
    "faced criticism from"), or None."""
    v = None
    if host.dep_ == "dobj":
        v = host.head
    elif host.dep_ == "pobj" and host.head.lower_ in ("under", "in", "for") and host.head.head != host.head:
        v = host.head.head  # "came under criticism"; "drew him in for praise"
        if v.lemma_.lower() != "come" or host.head.lower_ != "under":
            return None
    if v is None or v.pos_ != "VERB" or v.lemma_.lower() not in RECEIVE or _passive(v):
        return None
    return v


def speakers(tok) -> list:
    """Subjects of a reporting verb governing ``tok`` ("X said ...", "..., says X",
    "according to X"): whose view the clause is."""
    t = tok
    seen = 0
    while seen < 12:
        seen += 1
        for c in t.children:
            if c.lower_ == "according":
                return conj([g for p in c.children for g in p.children if g.dep_ == "pobj"])
            if c.dep_ in ("parataxis", "ccomp") and c.lemma_.lower() in REPORTING and c.i > tok.i:
                s = subjects(c)
                if s:
                    return s
        h = t.head
        if h == t:
            return []
        if h.lemma_.lower() in REPORTING and t.dep_ in ("ccomp", "parataxis", "xcomp", "advcl",
                                                         "dobj", "conj"):
            if not (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")):
                return subjects(h)
            # "The EU announced aid, and the US imposed sanctions": a clause coordinated with
            # the reporting verb is another act, not what its subject said
        t = h
    return []
