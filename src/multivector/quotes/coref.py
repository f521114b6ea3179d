"""Speaker coreference for attribution: pronouns, descriptors, statement carriers and groups.

The speaker resolver (``speakers.py``) asks this module when the subject of a cue is not a
name: "he"/"she"/"it"/"they", "the 61-year-old", "the minister", "our correspondent", "a Home
Office spokesman", "the two firms", "a statement from X", "Mr Tanzi's statement", "the
report". Answers come from the document's entity registry (``registry.py``) and carry a method
(pronoun, descriptor, carrier) and a confidence; when the registry cannot decide, the answer is
"unresolved" with the candidates it weighed, never a guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from ..lang import lexicon as lang_lexicon
from .lexicon import load_lexicon
from .registry import WINDOW_PARAGRAPHS, EMention, Entity, Registry, Resolution, SpeakerWords, in_clause_after

# verbs whose subject made the document their object names ("X conducted the survey")
OWNER_VERBS = lang_lexicon("en").words("owner_verbs")
TOPIC_PREPS = lang_lexicon("en").words("topic_preps")


@dataclass
class CorefAnswer:
    """What the subject token refers to: an entity (or a phrase for an unnamed speaker), how it
    was found, and the outlet/document it came through (carriers)."""

    entity: Entity | None
    method: str
    confidence: float
    name: str | None = None  # when there is no entity: the words to show ("prime minister's spokesman")
    role: str | None = None
    via: str | None = None
    candidates: list[str] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.entity is not None or bool(self.name)


def excluded_tokens(head: Any, para: int) -> set[tuple[int, int]]:
    """Tokens a pronoun subject cannot refer to: the other arguments of its own verb ("Mr
    Sullivan 'made accounting decisions,' he told the court": Sullivan is inside what "he"
    said)."""
    verb = head.head
    if verb is head:
        return set()
    own = {t.i for t in head.subtree}
    return {(para, t.i) for t in verb.subtree if t.i not in own and t.i != verb.i}


def _compound_word(head: Any) -> list | None:
    """"e-mail" split by the tokenizer into e / - / mail: the three tokens."""
    i = head.i
    doc = head.doc
    for lo in (i, i - 1, i - 2):
        if lo >= 0 and lo + 2 < len(doc) and doc[lo].lower_ == "e" and doc[lo + 1].text == "-" \
                and doc[lo + 2].lower_ in ("mail", "mails"):
            return [doc[lo], doc[lo + 1], doc[lo + 2]]
    return None


def _from_result(res: Resolution, via: str | None = None) -> CorefAnswer:
    return CorefAnswer(res.entity, res.method, res.confidence, via=via, candidates=res.candidates)


def _definite(head: Any) -> bool:
    dets = [c for c in head.children if c.dep_ in ("det", "poss")]
    return bool(dets) and all(c.lower_ in ("the", "this", "that", "these", "those", "our")
                              for c in dets if c.dep_ == "det")


def _is_person_noun(head: Any, sw: SpeakerWords) -> bool:
    low = head.lower_
    return (low in sw.female_nouns or low in sw.male_nouns or low.endswith(tuple(sw.person_noun_endings))
            or low in sw.role_abbreviations
            or low.endswith("-old") or head.ent_type_ == "NORP")


def _noun_gender(low: str, sw: SpeakerWords) -> str | None:
    if low in sw.female_nouns:
        return "f"
    if low in sw.male_nouns:
        return "m"
    return None


class Coref:
    """Resolves non-name subjects against the registry of one document."""

    def __init__(self, registry: Registry, token_start: Any):
        self.reg = registry
        self.sw = registry.sw
        self.token_start = token_start  # token -> absolute offset (Doc.token_start)
        self._carriers: list[tuple[int, Entity]] = []  # (position, owner) of resolved carriers
        self._sents: list | None = None  # the parsed sentences, for carriers named around
        self._sent_paras: list[int] = []

    # --- pronouns ---------------------------------------------------------------------------
    def pronoun(self, head: Any, pos: int) -> CorefAnswer | None:
        low = head.lower_
        sw = self.sw
        if low not in sw.male_pronouns | sw.female_pronouns | sw.org_pronouns | sw.plural_pronouns:
            return None
        para = self.reg.para_index(self.token_start(head))
        excl = excluded_tokens(head, para)
        prev = self._previous_carrier(head) if low in sw.plural_pronouns else None
        if prev is not None:  # "X's new posters say ... They urge voters ...": the posters
            ans = self.carrier(prev, self.token_start(prev), excluded_tokens(prev, para))
            if ans.resolved:
                return CorefAnswer(ans.entity, "pronoun", ans.confidence, name=ans.name, via=ans.via)
        res = self.reg.pronoun(low, self.token_start(head), excl)
        if res.entity is None and low in sw.plural_pronouns:
            # "they": the group named last, else an organisation (a firm's staff speaking as it)
            res2 = self.reg._decide(self.reg.scores(self.token_start(head), ("org",), excl), "pronoun", margin=1.5)
            if res2.entity is not None:
                res = res2
        if res.entity is not None and head.dep_ in ("nsubj", "nsubjpass") and not self.reg.in_quote(pos):
            # a resolved subject pronoun is a mention of its entity: "They said ... And they
            # pledged ... a spokesman said" keeps that party the one in focus
            self._mention_here(res.entity, head, self.token_start(head))
        return _from_result(res)

    def _previous_carrier(self, head: Any) -> Any:
        """The plural carrier noun ("posters", "figures") that is the subject of the reporting
        verb of the sentence before, when ``head`` opens its sentence as a subject ("X's new
        posters say ... They urge ...")."""
        if head.dep_ not in ("nsubj", "nsubjpass") or head.i != head.sent.start or head.sent.start == 0:
            return None
        root = head.doc[head.sent.start - 1].sent.root
        if not load_lexicon().is_reporting(root.lemma_.lower()):
            return None  # "The proposals sparked an outcry, with X opposing them. They felt ...": X
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.tag_ != "NNS" or subj.lemma_.lower() not in self.sw.carrier_nouns:
            return None
        return subj

    def demonym(self, head: Any, pos: int) -> CorefAnswer:
        """"The Scot", "the Argentine": the person introduced with that word ("Argentine David
        Nalbandian"), else the one clearly most salient person."""
        start = self.token_start(head)
        excl = excluded_tokens(head, self.reg.para_index(start))
        res = self.reg.by_role_word(head.lower_, start, excl)
        if res.entity is None:
            res = self.reg.salient_person(start, excl)
        if res.entity is not None:
            self._mention_here(res.entity, head, start)
        return _from_result(res)

    def _mention_here(self, e: Entity, head: Any, start: int) -> None:
        """A descriptor that found its person is a mention of that person: the subject of
        "The Scot defended him" is the one a following "He said" points to."""
        reg = self.reg
        p = reg.para_index(start)
        reg._insert_mention(EMention(start, start + len(head.text), e.idx, reg.sent_index(start), p,
                                     reg._weight(head), (p, head.i)))

    # --- nouns ------------------------------------------------------------------------------
    def noun(self, head: Any, pos: int) -> CorefAnswer | None:
        """A descriptor, carrier, spokesman or group noun at the subject; None when the noun is
        none of these (the caller keeps its own handling)."""
        sw = self.sw
        low = head.lower_
        lemma = head.lemma_.lower()
        start = self.token_start(head)
        para = self.reg.para_index(start)
        excl = excluded_tokens(head, para)
        poss = [c for c in head.children if c.dep_ == "poss"]
        # "our correspondent"
        if lemma in sw.reporter_nouns and any(p.lower_ in sw.reporter_possessives for p in poss):
            return _from_result(self.reg.reporter(start))
        group = _compound_word(head)
        if lemma in sw.carrier_nouns or low in sw.carrier_nouns or group is not None:
            return self.carrier(head, start, excl, group)
        if lemma in sw.spokes_nouns or low in sw.spokes_nouns:
            return self.spokes(head, start, excl)
        np_text = "".join(t.text_with_ws for t in head.doc[head.left_edge.i : head.i + 1]).strip()
        m = re.search(r"\b(\d{1,3})\s?-\s?year\s?-\s?old\b", np_text.lower())
        if m and _definite(head):
            if m:
                res = self.reg.by_age(m.group(1), start)
                if res.entity is None:
                    res = self.reg.salient_person(start, excl, _noun_gender(low, sw))
                return _from_result(res)
        if _definite(head) and not poss and head.tag_ in ("NN", "NNS") and not (
                lemma in sw.org_nouns or low in sw.org_plural_nouns or lemma in sw.company_nouns):
            # (generic organisation nouns, "the firm", "the two firms", keep their own rules)
            res = self.reg.org_by_role(lemma, start, excl)
            if res.entity is not None:  # "the administrators" of "administrators X"
                self._mention_here(res.entity, head, start)
                return _from_result(res)
        if lemma in sw.company_nouns and lemma not in sw.org_nouns and head.tag_ == "NN" and (
                _definite(head) or all(p.pos_ == "NOUN" for p in poss) and poss):
            # "the chip maker", "the world's largest maker of chips": the organisation
            # introduced with that noun ("giant chip maker X"), not a person whose role has it
            res = self.reg.org_by_role(lemma, start, excl)
            if res.entity is not None:
                self._mention_here(res.entity, head, start)
                return _from_result(res)
        if head.tag_ in ("NNS", "NNPS") and _definite(head):
            if low in sw.org_plural_nouns:
                return _from_result(self.reg.group(start, orgs=True))
            if low in sw.person_plural_nouns and not poss:
                res = self.reg.group(start, orgs=False, noun=lemma)
                return _from_result(res) if res.entity is not None else None
            if not poss:
                res = self.reg.noun_group(start, lemma)
                return _from_result(res) if res.entity is not None else None
            return None
        if not _definite(head) and not poss and head.tag_ == "NN" and para <= 1 \
                and head.dep_ in ("nsubj", "nsubjpass") and (lemma in sw.org_nouns or lemma in sw.company_nouns) \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
            # "A US bank has said ..." in the lead: the organisation the next sentences name
            res = self.reg.org_ahead(start, lemma)
            if res.entity is not None:
                self._mention_here(res.entity, head, start)
                return _from_result(res)
        if not _definite(head) or poss and not any(p.lower_ in ("the",) for p in poss):
            return None
        if lemma in sw.org_nouns:
            res = self.reg.org_by_word(lemma, start, excl)
            if res.entity is None:
                last = self._last_org_speaker(start, lemma)
                if last is None and lemma in sw.company_nouns and head.tag_ == "NN":
                    # "the firm said", "the group rejected": the organisation that spoke last
                    # (a report by it included), else the one clearly most salient
                    last = self._last_org_speaker(start, near=True)
                    if last is None:
                        last = self.reg._decide(self.reg.scores(start, ("org",), excl), "descriptor",
                                                margin=1.5, floor=0.3).entity
                if last is not None:
                    return CorefAnswer(last, "descriptor", 0.6)
                # the organisation as the text names it ("the joint committee on human rights")
                words = [t for t in head.subtree if t.dep_ != "det" and not t.is_punct
                         and not in_clause_after(t, head)]
                phrase = " ".join(t.text for t in sorted(words, key=lambda x: x.i))
                if phrase and len(phrase.split()) <= 8:
                    return CorefAnswer(self.reg.phrase_org(phrase, start, head), "descriptor", 0.6)
                return None
            return _from_result(res)
        if _is_person_noun(head, sw):
            res = self.reg.by_role_word(lemma, start, excl)
            if res.entity is None and low != lemma:
                res = self.reg.by_role_word(low, start, excl)
            if res.entity is None:
                res = self.reg.salient_person(start, excl, _noun_gender(low, sw))
            if res.entity is not None and head.dep_ in ("nsubj", "nsubjpass"):
                self._mention_here(res.entity, head, start)
            return _from_result(res)
        return None

    def _last_org_speaker(self, pos: int, noun: str | None = None, near: bool = False,
                          skip: set[int] | frozenset[int] = frozenset()) -> Entity | None:
        """The organisation that spoke last before ``pos`` (whose name has ``noun``, not one of
        ``skip``); ``near``: only within the window a pronoun may reach back."""
        para = self.reg.para_index(pos)
        for p, i in reversed(self.reg.speaker_events):
            if p >= pos or i in skip:
                continue
            if near and para - self.reg.para_index(p) > WINDOW_PARAGRAPHS:
                return None
            e = self.reg.entities[i]
            if e.kind == "org" and (noun is None or noun in e.name.lower()):
                return e
        return None

    def _entity_of(self, tok: Any, core: bool = False) -> Entity | None:
        """The entity the name phrase ``tok`` heads names. ``core``: only its head with the words
        before it ("Kazakhstan's foreign ministry"), not a name inside what follows it
        ("cooperation with Beijing" names no one; Beijing is only mentioned)."""
        sub = [t.i for t in tok.subtree]
        a = min(self.token_start(tok), self.token_start(tok.doc[min(sub)]))
        last = tok if core else tok.doc[max(sub)]
        return self.reg.entity_at(a, self.token_start(last) + len(last.text))

    def carrier(self, head: Any, pos: int, excl: set, group: list | None = None) -> CorefAnswer:
        """"Mr Tanzi's statement", "a BBC statement", "a report from the British Retail
        Consortium", "the report" -> whoever issued it."""
        via = head.lemma_.lower() if group is None else "".join(t.text for t in group).lower()
        kids = [c for t in (group or [head]) for c in t.children]
        for c in kids:
            if c.dep_ == "poss":
                e = self._entity_of(c)
                if e is None and c.pos_ == "PRON":  # "Her lawsuit said", "its report found"
                    ans = self.pronoun(c, pos)
                    e = ans.entity if ans is not None else None
                if e is not None:
                    return self._carried(e, pos, 0.9, via)
                if c.lemma_.lower() in self.sw.carrier_nouns and c.pos_ == "NOUN":
                    inner = self.carrier(c, pos, excl)  # "the survey's findings": the survey's owner
                    if inner.entity is not None:
                        return CorefAnswer(inner.entity, "carrier", inner.confidence, via=via)
        for c in kids:
            if c.dep_ in ("compound", "nmod", "amod") and (c.ent_type_ in ("ORG", "GPE", "PERSON", "NORP")
                                                           or c.pos_ == "PROPN"):
                e = self._entity_of(c)
                if e is not None:
                    return self._carried(e, pos, 0.85, via)
            if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in self.sw.org_nouns:
                e = self.reg.org_by_word(c.lemma_.lower(), pos, excl).entity  # "an agency statement"
                if e is None and c.lemma_.lower() in self.sw.company_nouns:
                    e = self._last_org_speaker(pos, near=True)
                if e is not None:
                    return self._carried(e, pos, 0.75, via)
        for c in head.children:
            if c.dep_ in ("prep", "acl") and c.lower_ in ("from", "by", "of", "issued", "published", "released"):
                for g in c.subtree:
                    if g.dep_ in ("pobj", "agent") or g.head is c and g.dep_ == "dobj":
                        e = self._entity_of(g)
                        if e is not None:
                            return self._carried(e, pos, 0.85, via)
        # the agent of a participle on the carrier: "a survey conducted by NOP found", and
        # fronted: "Produced by Jupiter Research, the analysis found"
        parts = [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        if head.dep_ in ("nsubj", "nsubjpass"):
            parts += [c for c in head.head.children if c.dep_ == "advcl" and c.tag_ == "VBN" and c.i < head.i]
        for c in parts:
            for ag in c.children:
                if ag.dep_ == "agent":
                    for g in ag.children:
                        if g.dep_ == "pobj":
                            e = self._entity_of(g)
                            if e is not None:
                                return self._carried(e, pos, 0.85, via)
        e = self._relative_owner(head)
        if e is not None:
            return self._carried(e, pos, 0.8, via)
        # the same kind of document with its owner named in the sentences around ("says the
        # annual survey. ... The survey is published by X"; "a new study found. According to a
        # survey conducted by X, ..."), or the owner of the carrier met last ("Her lawsuit said
        # ... the suit added")
        near = self._nearby_owner(head, pos)
        if near is not None:
            return CorefAnswer(near, "carrier", 0.7, via=via)
        for c in kids:  # "The Greens' new posters": a name the registry lacks
            if c.dep_ == "poss" and c.pos_ == "PROPN" and c.text[:1].isupper() and c.ent_type_ in (
                    "", "ORG", "PERSON", "NORP", "GPE"):  # not "Friday's lawsuit"
                toks = [t for t in c.subtree if t.pos_ == "PROPN" and t.i <= c.i]
                if toks and toks[-1].i - toks[0].i == len(toks) - 1:
                    return CorefAnswer(None, "carrier", 0.6, name=" ".join(t.text for t in toks), via=via)
        if _definite(head):
            topics = self._carrier_topics(head, pos)  # "a report into the BBC's service": not its owner
            last = self._last_org_speaker(pos, skip=topics)
            if last is not None:
                return CorefAnswer(last, "carrier", 0.6, via=via)
            res = self.reg._decide([(sc, e) for sc, e in self.reg.scores(pos, ("org",), excl) if e.idx not in topics],
                                   "carrier", margin=1.5, floor=0.3)
            if res.entity is not None:
                return CorefAnswer(res.entity, "carrier", res.confidence * 0.8, via=via)
            return CorefAnswer(None, "carrier", 0.0, via=via, candidates=res.candidates)
        # "A statement said" with no owner named: the organisation whose act the sentence
        # reports, or the one clearly most salient (the firm the article is about); not "A
        # recent study showed" (research is seldom the salient firm's: it keeps its phrase)
        if head.dep_ in ("nsubj", "nsubjpass") and head.tag_ == "NN" \
                and head.lemma_.lower() not in self.sw.research_nouns and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
            e = self._spokes_owner(head, pos, excl)
            if e is not None:
                return CorefAnswer(e, "carrier", 0.6, via=via)
        return CorefAnswer(None, "phrase", 0.5, name="", via=via)

    def _carried(self, e: Entity, pos: int, conf: float, via: str) -> CorefAnswer:
        self._carriers.append((pos, e))
        return CorefAnswer(e, "carrier", conf, via=via)

    def _relative_owner(self, t: Any) -> Entity | None:
        """The owner a relative clause on the carrier names: "a report, which was published by
        X, said" (the agent, or a name inside it: "by engineers at X"), "a study, which X
        commissioned, found" (the subject of an owner verb whose object is the relative)."""
        for c in t.children:
            if c.dep_ != "relcl":
                continue
            rel = next((g for g in c.children if g.lower_ in ("which", "that")), None)
            if rel is None:
                continue
            if rel.dep_ == "nsubjpass":
                for ag in c.children:
                    if ag.dep_ == "agent":
                        for g in ag.subtree:
                            e = self._entity_of(g) if g.pos_ in ("NOUN", "PROPN") else None
                            if e is not None:
                                return e
            elif rel.dep_ == "dobj" and c.lemma_.lower() in OWNER_VERBS:
                subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if subj is not None:
                    e = self._entity_of(subj)
                    if e is not None:
                        return e
        return None

    def _owner(self, t: Any) -> Entity | None:
        """The owner a carrier noun states itself: "X's survey", "a survey by X", "a survey
        conducted by X", "The survey is published by X"."""
        for c in t.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"):
                e = self._entity_of(c)
                if e is not None and e.kind != "person" or c.dep_ == "poss" and e is not None:
                    return e
            if c.dep_ == "prep" and c.lower_ == "by" or c.dep_ == "acl" and c.tag_ == "VBN":
                for g in c.subtree:
                    if g.dep_ == "pobj" and (g.head is c or g.head.dep_ == "agent"):
                        e = self._entity_of(g)
                        if e is not None:
                            return e
        if t.dep_ in ("nsubj", "nsubjpass"):  # "Produced by X, the analysis found"
            for v in t.head.children:
                if v.dep_ == "advcl" and v.tag_ == "VBN" and v.i < t.i:
                    for ag in v.children:
                        if ag.dep_ == "agent":
                            g = next((x for x in ag.children if x.dep_ == "pobj"), None)
                            if g is not None:
                                return self._entity_of(g)
        e = self._relative_owner(t)
        if e is not None:
            return e
        if t.dep_ == "dobj" and t.head.lemma_.lower() in OWNER_VERBS:
            # "When X conducted the same survey two years ago": the subject made it
            for c in t.head.children:
                if c.dep_ == "nsubj":
                    e = self._entity_of(c)
                    if e is not None and e.kind != "person":
                        return e
        if t.dep_ == "nsubjpass":
            for ag in t.head.children:
                if ag.dep_ == "agent":
                    for g in ag.children:
                        if g.dep_ == "pobj":
                            return self._entity_of(g)
        return None

    def _carrier_topics(self, head: Any, pos: int) -> set[int]:
        """Entities a carrier of the same noun is about, in this paragraph and the one before
        ("a report into the BBC's Freeview service", "an inquiry on X"): the subject of a
        document, not who wrote it."""
        para = self.reg.para_index(pos)
        own = head.lemma_.lower()
        out: set[int] = set()
        for s in self._para_sents(para - 1, para):
            for t in s.span:
                if t.pos_ != "NOUN" or t.lemma_.lower() != own or self.token_start(t) >= pos:
                    continue
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS:
                        for g in c.subtree:
                            if g.pos_ == "PROPN":
                                e = self._entity_of(g)
                                if e is not None:
                                    out.add(e.idx)
        return out

    def _para_sents(self, lo: int, hi: int) -> list:
        """The parsed sentences of paragraphs ``lo`` to ``hi``."""
        if self._sents is None:
            self._sents = [s for s in self.reg.doc.english_sentences() if s.span is not None]
            self._sent_paras = [s.paragraph for s in self._sents]
        return self._sents[bisect.bisect_left(self._sent_paras, lo):bisect.bisect_right(self._sent_paras, hi)]

    def _nearby_owner(self, head: Any, pos: int) -> Entity | None:
        """The owner of another carrier noun of this paragraph, the one before or the next one
        (the nearest), or of the carrier resolved last in reach."""
        para = self.reg.para_index(pos)
        own = head.lemma_.lower()
        research = self.sw.research_nouns
        best: tuple[int, Entity] | None = None
        if self._sents is None:
            self._sents = [s for s in self.reg.doc.english_sentences() if s.span is not None]
            self._sent_paras = [s.paragraph for s in self._sents]
        k = bisect.bisect_left(self._sent_paras, para - 1)  # "X's new book" in the paragraph before
        for s in self._sents[k:]:
            if s.paragraph > para + 1:
                break
            for t in s.span:
                lem = t.lemma_.lower()
                if t.i == head.i and t.doc is head.doc or t.pos_ != "NOUN" or lem not in self.sw.carrier_nouns \
                        or lem != own and not (lem in research and own in research):
                    continue
                e = self._owner(t)
                if e is None:
                    continue
                d = abs(self.token_start(t) - pos)
                if best is None or d < best[0]:
                    best = (d, e)
        if best is not None:
            return best[1]
        for p, e in reversed(self._carriers):
            if p >= pos:
                continue
            if para - self.reg.para_index(p) > WINDOW_PARAGRAPHS:
                break
            return e
        return None

    def _spokes_owner(self, head: Any, pos: int, excl: set) -> Entity | None:
        """"A spokesman" with no organisation named: the organisation whose act the sentence
        reports ("Downing Street defended the decision, with a spokesperson saying"), else the
        organisation or group clearly most salient (the campaign the previous sentence was
        about)."""
        for v in head.ancestors:
            if v.pos_ not in ("VERB", "AUX"):
                continue
            for c in v.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i != head.i and c.i < head.i:
                    e = self._entity_of(c, core=True)
                    if e is not None and e.kind in ("org", "group"):
                        return e
        res = self.reg._decide(self.reg.scores(pos, ("org", "group"), excl), "descriptor", margin=1.5, floor=1.0)
        return res.entity

    def spokes(self, head: Any, pos: int, excl: set) -> CorefAnswer:
        """"A Home Office spokesman" speaks for the Home Office; "the spokesman" is the one met
        before. The unnamed person is registered, so a later "he added" finds him."""
        sw = self.sw
        low = head.lower_
        gender = _noun_gender(low, sw)
        org: Entity | None = None
        for c in head.children:
            if c.dep_ in ("compound", "poss", "nmod", "amod"):
                e = self._entity_of(c)
                if e is not None and e.kind in ("org", "group", "person"):
                    org = e
                    break
        if org is None:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from"):
                    for g in c.children:
                        if g.dep_ == "pobj":
                            e = self._entity_of(g)
                            if e is not None:
                                org = e
        if org is None and not _definite(head):
            org = self._spokes_owner(head, pos, excl)
        if org is None and _definite(head) and not [c for c in head.children if c.dep_ == "poss"]:
            prior = [e for _, e in self.reg.scores(pos, ("person",), excl)
                     if e.unnamed and (lowrole := " ".join(e.roles).lower()) and head.lemma_.lower() in lowrole]
            if prior:
                e = prior[0]
                return CorefAnswer(e, "descriptor", 0.7, role=head.lemma_.lower())
        if org is None:
            words = [t for t in head.subtree if t.i <= head.i and t.dep_ != "det"]
            phrase = " ".join(t.text for t in words) if words else head.text
            phrase = re.sub(r"\s+'s\b|\s+’s\b", "'s", phrase)
            e = self.reg.unnamed_person(phrase, gender, None, pos, head, 0, head.lemma_.lower())
            return CorefAnswer(e, "descriptor", 0.7, role=head.lemma_.lower())
        if org.kind == "group" and head.tag_ == "NNS":
            # "Lawyers for X and Y denied": the lawyers speak, not the people they act for
            words = [t for t in head.subtree if t.dep_ != "det" and not t.is_punct
                     and not any(a.dep_ in ("relcl", "acl") and a.i > head.i for a in t.ancestors)]
            phrase = "".join(t.text_with_ws for t in sorted(words, key=lambda x: x.i)).strip()
            return CorefAnswer(None, "descriptor", 0.7, name=phrase, role=head.lemma_.lower())
        name = org.name if org.kind != "person" else f"{org.name}'s {head.lemma_.lower()}"
        e = self.reg.unnamed_person(name, gender, org if org.kind != "person" else None, pos, head, 0,
                                    head.lemma_.lower())
        return CorefAnswer(e, "descriptor", 0.8, role=head.lemma_.lower())
