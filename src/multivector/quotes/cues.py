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

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..lang import lexicon as lang_lexicon
from .lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJ = ("nsubj", "nsubjpass")
# speech verbs whose object is not what was said ("told reporters", "said the same", "wrote a book")
NO_OBJECT_CONTENT = lang_lexicon("en").words("no_object_content_verbs")
# verbs whose object is followed by the charge, reason or description: "accused X of Y"
OBJECT_PREPS = {k: tuple(v) for k, v in lang_lexicon("en").table("object_preps").items()}
NAMING = lang_lexicon("en").words("naming_verbs")
NP_NOT_CONTENT = lang_lexicon("en").words("np_object_not_content")
NP_CLAUSE_PREPS = {k: tuple(v) for k, v in lang_lexicon("en").table("np_object_clause_preps").items()}
INHERIT_DEPS = ("conj", "xcomp", "advcl", "pcomp")  # verbs sharing the subject of their head
CONTENT_DEPS = ("ccomp",)


@dataclass
class Cue:
    verb: Token  # spaCy Token: the cue word ("said", "quoted", "according")
    kind: str  # speech, belief, object, relay, according
    speaker: Token | None = None  # Token heading the speaker phrase
    via: Token | None = None  # Token heading the outlet phrase
    addressee: Token | None = None
    content: Token | None = None  # Token heading the content (indirect speech)
    words: tuple[int, int] | None = None  # token index range [i, j) of the cue words
    content_range: tuple[int, int] | None = None  # token range when no single head covers it
    extra_ranges: list = field(default_factory=list)  # a second piece (around an interjected cue)

    def text(self) -> str:
        doc = self.verb.doc
        i, j = self.words or (self.verb.i, self.verb.i + 1)
        return doc[i:j].text


_ATTITUDE_HEADS = lang_lexicon("en").words("infinitive_attitude_heads")


_PREP_LEMMAS: dict[int, frozenset[str]] = {}


def _prep_lemmas(lex: Lexicon) -> frozenset[str]:
    """Every verb of ``prep_content`` (one set, not a scan of the table per token)."""
    got = _PREP_LEMMAS.get(id(lex))
    if got is None:
        got = _PREP_LEMMAS[id(lex)] = frozenset(w for v in lex.prep_content.values() for w in v)
    return got


def _purpose_or_control(tok) -> bool:
    """A to-infinitive without its own subject ("to discuss the border", "sought to question
    him", "reason to think"): what someone set out to do, not something said; the verb above it
    is the cue when it is one ("urged X to ...", "declined to ...")."""
    if tok.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    if any(c.dep_ in ("ccomp", "parataxis") for c in tok.children):
        return False  # "called a news conference to announce that ...": a statement after all
    if tok.dep_ in ("advcl", "acl", "relcl", "npadvmod"):
        return True  # purpose ("met him to discuss X"), "a reason to think", "a chance to say"
    # "sought to question", "wants to say": the attitude verb above is the cue; under other
    # verbs ("refused to say that", "is expected to announce that") the infinitive still reports
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _ATTITUDE_HEADS


def _particle_ok(tok, lex: Lexicon) -> bool:
    parts = lex.phrasal_particles.get(tok.lemma_.lower())
    if not parts:
        return True
    return any(c.dep_ in ("prt", "prep") and c.lower_ in parts for c in tok.children)


def _people(tok) -> bool:
    """A plural noun naming people ("The MPs found ...", "researchers found ..."): they can
    report findings, unlike "modern processes indicate ..."."""
    from .registry import speaker_words

    if tok.tag_ not in ("NNS", "NNPS"):
        return False
    sw = speaker_words()
    lemma = tok.lemma_.lower()
    return lemma in sw.people_plural_nouns or tok.lower_ in sw.person_plural_nouns \
        or lemma in sw.role_abbreviations or lemma.endswith(tuple(sw.people_plural_endings)) \
        or lemma in sw.org_nouns


OWNER_VERBS = lang_lexicon("en").words("owner_verbs")
OWNER_WITH_VERBS = lang_lexicon("en").words("owner_with_verbs")


def _sender(noun):
    """The subject that issued the document ``noun`` names, when the sentence says so and the
    document names no owner of its own: "X issued a statement saying", "X responded with a
    note on the story saying" (the participle hung on the story). None otherwise ("a report
    saying", "cited a report saying": the report speaks)."""
    from .registry import speaker_words

    carriers = speaker_words().carrier_nouns
    n = noun
    if n.lemma_.lower() not in carriers and n.dep_ == "pobj" and n.head.dep_ == "prep" \
            and n.head.head.lemma_.lower() in carriers:
        n = n.head.head
    if n.lemma_.lower() not in carriers or any(
            c.dep_ == "poss" and (c.pos_ in ("PROPN", "PRON") or c.ent_type_)
            or c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_) for c in n.children):
        return None
    verb = None
    if n.dep_ == "dobj" and n.head.lemma_.lower() in OWNER_VERBS:
        verb = n.head
    elif n.dep_ == "pobj" and n.head.lower_ == "with" and n.head.head.lemma_.lower() in OWNER_WITH_VERBS:
        verb = n.head.head
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    return _subject(verb)


def inanimate(tok) -> bool:
    """A common noun that cannot speak: not a person, people, organisation or document noun."""
    from .registry import _is_person_word, speaker_words

    if tok.pos_ != "NOUN" or tok.ent_type_:
        return False
    sw = speaker_words()
    low = tok.lemma_.lower()
    return not (_is_person_word(low, sw) or _people(tok) or low in sw.org_nouns or low in sw.company_nouns
                or low in sw.carrier_nouns or low in sw.people_plural_nouns or tok.lower_ in sw.person_plural_nouns)


def _outer_speaker(verb, speaker, lex: Lexicon):
    """"X noted that troop strength lags the target and asked whether ...": the parser made the
    speech verb a conjunct inside X's reported clause, so it inherited that clause's subject, a
    thing; the speaker is the subject of the verb that reports the clause."""
    if verb.dep_ != "conj" or any(c.dep_ in SUBJ for c in verb.children) or not inanimate(speaker):
        return None
    head = verb.head
    if head.dep_ != "ccomp" or speaker.head.i != head.i:
        return None
    outer = head.head
    if outer.pos_ not in ("VERB", "AUX") or lex.lemma(outer) not in lex.speech_verbs | lex.belief_verbs:
        return None
    return _subject(outer)


def _inverted_aside(verb, subjs: list) -> bool:
    """An interjected cue with the speaker after the verb and the clause's subject before it,
    set off by a comma ("The plan, say critics, would ...")."""
    doc = verb.doc
    return verb.dep_ == "parataxis" and any(c.i > verb.i for c in subjs) and any(
        c.i < verb.i and c.right_edge.i + 1 < verb.i and doc[c.right_edge.i + 1].text == "," for c in subjs)


def _subject(verb):
    """Subject of ``verb``, walking up through coordinated or subordinate verbs that share it
    ("He paused and added ...", "..., saying ...") and through relative clauses ("the
    ambassador, who said ...")."""
    tok = verb
    if verb.dep_ == "conj" and not any(c.dep_ in SUBJ for c in verb.children) and verb.i >= 2:
        # "The two sides meet at X and Kirwan says ...": the parser made the name a conjunct of
        # the place before "and"; a name between "and" and the verb is the verb's subject
        j = verb.i - 1
        doc = verb.doc
        while j > 0 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].head.i != verb.i:
            j -= 1
        if j < verb.i - 1 and doc[j].lower_ == "and" and doc[verb.i - 1].dep_ in ("conj", "compound"):
            return doc[verb.i - 1]
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
            and not any(c.dep_ in SUBJ for c in verb.children):
        # "It warned that it could take years, describing it as ...": the parser hung the
        # participle on the reported clause; it shares the subject of the verb that reports it
        a = verb.head
        for _ in range(3):
            if a.dep_ not in ("advcl", "ccomp") or a.head.i == a.i:
                break
            if a.dep_ == "ccomp" and a.head.pos_ in ("VERB", "AUX") and a.head.i < a.i:
                tok = a.head
                break
            a = a.head
    if verb.dep_ == "advcl" and not any(c.dep_ in SUBJ for c in verb.children):
        # "His comments come as the chairman of X, NAME, on Saturday called him ...": the
        # parser made "as" a preposition and the clause's subject its object
        p = next((c for c in list(verb.children) + list(verb.head.children) if c.dep_ in ("prep", "mark")
                  and c.i < verb.i and c.lower_ in ("as", "while", "after", "when", "before", "because")), None)
        objs = [c for c in p.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")] if p is not None else []
        if objs and objs[-1].i < verb.i:
            name = next((t for t in p.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"), None)
            return name or objs[-1]
    for _ in range(4):
        subjs = [c for c in tok.children if c.dep_ in SUBJ]
        if len(subjs) > 1:  # a dash the parser took for a noun subject next to the real one
            subjs = [c for c in subjs if any(ch.isalnum() for ch in c.text)] or subjs
        if len(subjs) > 1:
            # "Green co-chairman Tom Reed said": the parser split the hyphenated role into
            # subjects of their own before the name; the name is the subject
            last = max(subjs, key=lambda c: c.i)
            between = list(tok.doc[min(c.i for c in subjs) : last.left_edge.i])
            if last.pos_ == "PROPN" and any(t.text == "-" for t in between) \
                    and all(t.text == "-" or t.is_alpha and t.lower_ not in ("and", "or") for t in between):
                subjs = [last]
        if len(subjs) > 1 and _inverted_aside(tok, subjs):
            # "The new tax, said Mayor Lutz, would ...": the parser made the clause's subject a
            # second subject of the interjected cue; the speaker is the one after the verb
            subjs = [c for c in subjs if c.i > tok.i]
        # "two men who she claims followed her": "she" claims, "who" is what she claims about
        subj = next((c for c in subjs if c.lower_ not in ("who", "that", "which")), subjs[0] if subjs else None)
        if subj is not None:
            if subj.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                return tok.head
            return subj
        if tok is verb and verb.i > 1 and verb.doc[verb.i - 1].text in ('"', "\u201d", "''") \
                and verb.doc[verb.i - 2].text in (",", "?", "!"):
            # '"...," added the British producer': the parser made the speaker the object
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.left_edge.i == verb.i + 1
                        and c.pos_ in ("NOUN", "PROPN")), None)
            if obj is not None:
                return obj
        if tok.dep_ == "xcomp" and tok.head.i != tok.i:
            # "leading the firm to warn that ...": the object of the governing verb speaks
            obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
            if obj is not None:
                return obj
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "a statement saying ...", "911 calls saying shots were fired"; "X issued a
            # statement saying ...": X
            return _sender(tok.head) or tok.head
        if tok.dep_ in ("pcomp", "pobj") and tok.head.pos_ == "ADP" and tok.head.head.i != tok.head.i:
            tok = tok.head.head  # "... stoked it up by saying ...": the subject of "stoked"
            continue
        if tok.dep_ in INHERIT_DEPS and tok.head.i != tok.i:
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" or (tok.dep_ == "pobj"):
            tok = tok.head.head
            continue
        break
    return None


def _addressee(verb):
    for c in verb.children:
        if c.dep_ in ("dative",) or (c.dep_ == "dobj"
                                     and verb.lemma_ in ("tell", "assure", "warn", "ask", "inform", "urge")):
            if c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
        if c.dep_ == "prep" and c.lower_ == "to" and verb.lemma_ in ("say", "speak", "write",
                                                                     "explain", "talk", "complain"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _content(verb, lex: Lexicon, kind: str):
    """What was said: the clausal complement, else (by verb class) the infinitive, the
    direct object, or the object of a content preposition ("talked about X")."""
    lemma = verb.lemma_.lower()
    ccs = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    after = [c for c in ccs if c.i > verb.i]
    if after:
        return after[0]
    if ccs:
        return ccs[0]
    if kind == "evidence":
        # "a poll shows Sanders with 47 percent": the object (the subject was checked to be a source)
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN") and lemma in ("show", "find", "reveal", "indicate"):
            return obj
        return None
    if kind == "attitude":
        return _attitude_content(verb)
    if lemma in lex.xcomp_verbs:
        x = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if x is not None:
            return x
    if lemma in lex.object_content_verbs or (kind == "speech" and lemma not in NO_OBJECT_CONTENT):
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.lower_ not in ("this", "that", "it"):
            return obj
    for c in verb.children:
        if c.dep_ == "prep" and lemma in lex.prep_content.get(c.lower_, ()):
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.pos_ != "PRON":
                return obj
    return None


def _inside_report(tok, lex: Lexicon) -> bool:
    """``tok`` sits in the clausal complement of a speech or belief verb."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            return False
        if t.dep_ == "ccomp" and lex.is_reporting(t.head.lemma_):
            return True
        t = t.head
    return False


def _attitude_content(verb):
    """What is wanted, hoped, planned or preferred: the infinitive ("wants to leave"), else a
    noun object ("prefers Clinton"). "sees X as Y" is handled by :func:`_seen_as`."""
    if verb.lemma_.lower() == "see":
        return None
    x = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if x is not None:
        return x
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is not None and obj.pos_ in ("NOUN", "PROPN") and obj.lower_ not in ("this", "that", "it"):
        return obj
    return None


def _for_clause(verb) -> tuple[int, int] | None:
    """"X is calling for the United States to step up ...": the parser makes "for" the mark of
    an adverbial clause; its subject and infinitive are what was called for."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > verb.i:
            mark = next((g for g in c.children if g.dep_ == "mark" and g.lower_ == "for"), None)
            if mark is not None:
                return (mark.i + 1, c.right_edge.i + 1)
    return None


def _seen_as(verb) -> tuple[int, int] | None:
    """"X sees Cruz as a uniter": the object and what it is seen as."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
    as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if obj is None or as_ is None or as_.i < obj.i:
        return None
    return (obj.left_edge.i, as_.right_edge.i + 1)


def _title_case(sent) -> bool:
    """A headline in title case ("Trump Says He Will Run"): most words capitalised."""
    words = [t for t in sent if t.is_alpha and len(t.text) > 3]
    return bool(words) and sum(t.text[:1].isupper() for t in words) * 2 > len(words)


def cue_for(tok, lex: Lexicon) -> Cue | None:
    """The cue headed by ``tok``, or None when ``tok`` is not a reporting word."""
    low = tok.lower_
    lemma = lex.lemma(tok)
    if low == "according" or (low in ("words", "opinion", "view") and tok.dep_ == "pobj"):
        return _according(tok, lex)
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
        return None
    if lemma in lex.relay_verbs:
        return _relay(tok, lex)
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in lex.relay_verbs:
        return _relay(tok.head.head, lex)  # "saying" in "X is quoted by Y as saying"
    if lemma in lex.speech_verbs and _particle_ok(tok, lex):
        kind = "speech"
    elif lemma in lex.belief_verbs and (lemma not in lex.attitude_verbs or any(
            c.dep_ == "ccomp" for c in tok.children)):
        if _inside_report(tok, lex):
            return None  # "she said she hopes ...": one statement
        kind = "belief"
    elif lemma in lex.attitude_verbs:
        if tok.dep_ in ("relcl", "acl") or _inside_report(tok, lex):
            return None  # "he says he wants ...": part of the statement, not a second one
        kind = "attitude"
    elif lemma in lex.evidence_verbs:
        kind = "evidence"
    elif lemma in lex.object_content_verbs or lemma in lex.xcomp_verbs or lemma in _prep_lemmas(lex):
        kind = "object"
    else:
        return None
    if tok.text[:1].isupper() and not tok.is_sent_start and 0 < tok.i < len(tok.doc) - 1 \
            and tok.doc[tok.i - 1].text[:1].isupper() and tok.doc[tok.i - 1].is_alpha \
            and tok.doc[tok.i + 1].text[:1].isupper() and tok.doc[tok.i + 1].is_alpha \
            and not _title_case(tok.sent):
        return None  # "the North East Says No campaign": a word of a name (not a headline's verb)
    if tok.dep_ == "amod" and tok.tag_ in ("VBG", "VBN"):
        return None  # "defending champions", "a promised review": a participle describing a noun
    if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD") and not any(
            c.dep_ in ("aux", "auxpass", "nsubj") for c in tok.children):
        return None  # "a deal similar to that concluded between X and Y": a thing done, not said
    if tok.dep_ == "advcl" and tok.tag_ == "VBN" and kind in ("speech", "object") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children):
        return None  # "Asked if he ..., he replied": the subject was asked, the question is not his
    if _purpose_or_control(tok):
        return None  # "met his counterpart to discuss the border": an aim, not a statement
    if kind == "evidence" and any(c.dep_ == "prt" for c in tok.children) and not lex.phrasal_particles.get(lemma):
        return None  # "showed off the new machine"
    if any(c.dep_ == "auxpass" for c in tok.children) and not any(c.dep_ == "agent" for c in tok.children):
        speaker = None  # "it was said that ..."
    else:
        speaker = _subject(tok)
        if speaker is not None and kind in ("speech", "object"):
            speaker = _outer_speaker(tok, speaker, lex) or speaker
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            speaker = next((g for g in agent.children if g.dep_ == "pobj"), speaker)
    words = (tok.i, tok.i + 1)
    prt = next((c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1), None)
    if prt is not None:
        words = (tok.i, tok.i + 2)
    if _hedged(tok, kind):
        return None
    if kind == "evidence" and speaker is not None and not (
            speaker.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or speaker.lemma_.lower() in lex.evidence_sources
            or speaker.lower_ in ("he", "she", "they", "we", "i")
            or _people(speaker) and any(c.dep_ == "ccomp" for c in tok.children)):
        return None  # "modern processes indicate that ..." is the author's argument
    content = _content(tok, lex, kind)
    content_range = None
    extra: list[tuple[int, int]] = []
    if content is not None and content.dep_ == "pobj" and content.head.lower_ == "for" and content.head.head.i == tok.i:
        # "called for the audit office to be given a free hand": the parser hung the infinitive
        # on the verb; the object of "for" and the infinitive are what was called for
        inf = next((c for c in tok.children if c.dep_ == "advcl" and c.i > content.i
                    and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                    and not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)), None)
        if inf is not None:
            content_range = (content.left_edge.i, inf.right_edge.i + 1)
            content = None
    if content is not None and content.i < tok.i and not _parenthetical(tok) and tok.dep_ != "ROOT":
        content = None  # a clause before a cue that is not set off by commas is not its content
    if content is not None and content.dep_ == "dobj" and kind == "evidence":
        # "a poll shows Temirova with a clear lead": the object and what the source says of it
        tail = [c for c in tok.children if c.i > content.i and c.dep_ in ("prep", "oprd", "xcomp", "ccomp")]
        content_range = (content.left_edge.i, max([content.right_edge.i] + [c.right_edge.i for c in tail]) + 1)
        content = None
    if content is not None and content.dep_ == "dobj" and kind in ("object", "speech", "attitude"):
        # "accused Clinton of being influenced ...", "praised Ali for ...": the charge is content too
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS.get(lemma, ())
                     and c.i > content.i), None)
        if prep is not None:
            content_range = (content.left_edge.i, prep.right_edge.i + 1)
            content = None
    if content is None and lemma in NAMING:
        # "X called the charges unsubstantiated": the object and what it was called
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
        pred = next((c for c in tok.children if c.dep_ in ("oprd", "xcomp", "ccomp") and obj is not None
                     and c.i > obj.i), None)
        if obj is not None and pred is not None:
            content_range = (obj.left_edge.i, pred.right_edge.i + 1)
    if content is None and content_range is None and lemma in lex.prep_content.get("for", ()) \
            and not any(t.is_quote for t in tok.sent):
        content_range = _for_clause(tok)
    if content is None and kind == "attitude" and lemma == "see":
        content_range = _seen_as(tok)
    if content is None and content_range is None and kind == "speech":
        content_range = _following_clause(tok)
    if content is None and content_range is None and kind == "speech" and tok.dep_ == "parataxis" \
            and _parenthetical(tok) and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX"):
        # "... local officials, he said, should be vigilant" / "X is strong, Graham said, since ..."
        head = tok.head
        own = {t.i for t in tok.subtree}
        subjs = [c for c in tok.children if c.dep_ in SUBJ]
        if len(subjs) > 1 and _inverted_aside(tok, subjs):
            for c in subjs:  # the clause's own subject, parsed as the cue's, is content
                if c.i < tok.i:
                    own -= {t.i for t in c.subtree}
        toks = [t.i for t in head.subtree if t.i not in own]
        if head.i in toks:
            k = toks.index(head.i)
            lo = hi = k
            while lo > 0 and toks[lo - 1] == toks[lo] - 1:
                lo -= 1
            while hi < len(toks) - 1 and toks[hi + 1] == toks[hi] + 1:
                hi += 1
            if toks[hi] - toks[lo] >= 2:
                content_range = (toks[lo], toks[hi] + 1)
                # the other side of the interjection is part of the same statement
                # ("Though that went smoothly, he said, replacing her would be harder")
                rest = [i for i in toks if i < toks[lo] or i > toks[hi]]
                side = [i for i in rest if (i < tok.i) == (toks[lo] > tok.i)]
                if len(side) >= 3:
                    runs: list[list[int]] = [[side[0]]]
                    for i in side[1:]:
                        if i == runs[-1][-1] + 1:
                            runs[-1].append(i)
                        else:
                            runs.append([i])
                    near = runs[-1] if toks[lo] > tok.i else runs[0]
                    if len(near) >= 3:
                        extra = [(near[0], near[-1] + 1)]
    if content is None and content_range is None and kind == "speech" and tok.dep_ in ("conj", "parataxis") \
            and speaker is not None and speaker.i > tok.i and tok.i > 0 and tok.doc[tok.i - 1].text == "," \
            and tok.head.i < tok.i and tok.head.pos_ in ("VERB", "AUX"):
        # "Online gaming could swamp networks, warns research firm X": the parser made the
        # inverted cue a conjunct of the clause before it, which is what was said
        lo = tok.head.left_edge.i
        if tok.i - 1 - lo >= 3:
            content_range = (lo, tok.i - 1)
    if lemma in NP_NOT_CONTENT and (content is not None or content_range is not None) \
            and not _clause_content(tok, content, content_range):
        # "rejected the accusation", "criticised X for Y": an attitude, not a statement (the cue
        # stays for a quotation next to it: 'X rejected the claim: "..."')
        content, content_range, extra = None, None, []
    cue = Cue(tok, kind, speaker, None, _addressee(tok), content, words, content_range)
    cue.extra_ranges = extra
    return cue


def _clause_content(tok, content, content_range) -> bool:
    """The content of an attitude verb of :data:`NP_NOT_CONTENT` is not its noun-phrase object
    ("rejected the accusation", "criticised X for Y", "called the move unfair"); a clause is
    ("denied that ...", "called on X to ...", "rejected claims that ..."), so are quoted words
    in the object ('called the move "a betrayal"') and a charge given as a clause ("accused X
    of shelling ...": a gerund after a preposition of :data:`NP_CLAUSE_PREPS`)."""
    if content is not None:
        return content.dep_ != "dobj" or _claim_clause(content) or _quoted_words(list(content.subtree)) \
            or _gerund_charge(tok, content, len(tok.doc))
    lo, hi = content_range
    if _quoted_words(list(tok.doc[lo:hi])):
        return True  # 'called the move "a betrayal"': the quoted words are what was said
    obj = next((c for c in tok.children if c.dep_ == "dobj" and lo <= c.i < hi), None)
    return obj is None or _claim_clause(obj) or _gerund_charge(tok, obj, hi)


def _gerund_charge(verb, obj, hi: int) -> bool:
    """"accused X of shelling ...": a preposition of :data:`NP_CLAUSE_PREPS` after the object
    (on the verb or, as the parser often has it, inside the object: "accused the director of
    the film of portraying ...") heading a gerund."""
    preps = NP_CLAUSE_PREPS.get(verb.lemma_.lower(), ())
    return any(c.dep_ == "prep" and c.lower_ in preps and obj.i < c.i < hi
               and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
               for c in list(verb.children) + list(obj.subtree))


def _quoted_words(toks: list) -> bool:
    """Quoted words inside a phrase ('the move "a betrayal"'), not a quotation introduced
    after a colon or a dash ('the claim: "..."')."""
    for t in toks:
        if t.is_quote:
            return True
        if t.text in (":", "-", "–", "—"):
            return False
    return False


def _claim_clause(noun) -> bool:
    """"rejected claims that it had misled parliament": the object carries a that-clause, or a
    clause with its own subject and no "that" ("denied allegations they had planted it"; the
    parser makes a relative clause, "the allegations he made", a relcl)."""
    return any(c.dep_ in ("acl", "ccomp", "appos") and any(g.dep_ == "mark" and g.lower_ == "that"
                                                           for g in c.children)
               or c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")
               and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in noun.children)


def _parenthetical(tok) -> bool:
    """The cue clause is set off by commas ("..., he said, ..." / "..., Graham said.")."""
    sub = sorted(tok.subtree, key=lambda t: t.i)
    drop: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("ccomp", "parataxis"):
            drop.update(t.i for t in c.subtree)
    subjs = [c for c in tok.children if c.dep_ in SUBJ]
    if len(subjs) > 1 and _inverted_aside(tok, subjs):
        for c in subjs:  # "The plan, say critics, ...": "The plan" is not the cue's
            if c.i < tok.i:
                drop.update(t.i for t in c.subtree)
    own = [t for t in sub if t.i not in drop and not t.is_punct]
    lo = min(t.i for t in own)
    doc = tok.doc
    before = doc[lo - 1] if lo > 0 else None
    if before is not None and before.text in (",", "—", "–", "-"):
        return True
    # "X said" after the content with nothing before the subject but the sentence start
    return False


def _following_clause(tok) -> tuple[int, int] | None:
    """'X says she will continue ...' parsed without a clausal complement: the clause right
    after the cue, when its head verb comes after the cue."""
    doc = tok.doc
    j = tok.i + 1
    if j < len(doc) and doc[j].lower_ == "that":
        j += 1
    if j >= len(doc) or doc[j].is_punct or doc[j].pos_ in ("ADP", "ADV", "DET", "CCONJ", "PART"):
        return None
    head = doc[j]
    while head.head.i != head.i and head.head.i > tok.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or head.i <= tok.i or head.i == tok.i:
        return None
    toks = [t.i for t in head.subtree if t.i > tok.i]
    sent_end = tok.sent.end
    toks = [i for i in toks if i < sent_end]
    if len(toks) < 3:
        return None
    lo, hi = min(toks), max(toks)
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return (tok.i + 1 if doc[tok.i + 1].lower_ == "that" else lo, hi + 1)


MODALS = lang_lexicon("en").words("modals")
FUTURE = lang_lexicon("en").words("future_aux")
NEG_IMPLICATIVES = lang_lexicon("en").words("negative_implicatives")


def _hedged(tok, kind: str) -> bool:
    """A cue under a modal or a negation reports no actual statement ("Russia must support",
    "he did not say", "failing to recall how"); future/conditional forms only count for true
    speech verbs."""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in NEG_IMPLICATIVES:
        return True
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "aux" and c.lower_ in MODALS and not (c.text[:1].isupper() and not c.is_sent_start):
            return True  # (a capitalised "May" inside a sentence is a name: "May wrote")
        if c.dep_ == "aux" and c.lower_ in FUTURE and kind != "speech":
            return True
    return False


def _relay(tok, lex: Lexicon) -> Cue:
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    if passive:
        speaker = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if speaker is None:
            speaker = _subject(tok)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        via = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        content = None
        content_range = None
        end = tok.i + 1
        for c in tok.children:  # "as saying (that) ...", "as telling Russia to stop ..."
            if c.dep_ == "prep" and c.lower_ == "as":
                for g in c.children:
                    if g.dep_ not in ("pcomp", "pobj") or g.pos_ != "VERB":
                        continue
                    if g.lemma_.lower() in lex.speech_verbs:
                        content = next((x for x in g.children if x.dep_ in CONTENT_DEPS), None)
                        end = max(end, g.i + 1)
                        if via is None:  # "quoted as saying by Manager Magazin"
                            ag = next((x for x in g.children if x.dep_ in ("agent", "prep") and x.lower_ == "by"), None)
                            if ag is not None:
                                via = next((x for x in ag.children if x.dep_ == "pobj"), None)
                        if content is None:
                            # "as saying that his country, while ..." (no verb in the clause)
                            rest = [x for x in g.sent if x.i > g.i and not x.is_space]
                            if len(rest) >= 4 and rest[0].pos_ != "ADP" and not rest[0].is_punct:
                                content_range = (rest[0].i, rest[-1].i + 1)
                    else:
                        content = g
                        end = max(end, c.i + 1)
        if content is None and content_range is None:
            content = next((c for c in tok.children if c.dep_ in CONTENT_DEPS), None)
        start = min([tok.i] + [c.i for c in tok.children if c.dep_ == "auxpass"])
        return Cue(tok, "relay", speaker, via, None, content, (start, end), content_range)
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
        content = head if head.i != tok.i and head.pos_ in ("VERB", "AUX", "NOUN", "ADJ") else None
        return Cue(tok, "according", src, None, None, content, (tok.i, to.i + 1))
    return None
